//! `shadowed-rule`: a rule whose traffic another rule of the same group already allows.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, Peer, Permission, Protocol, resource_name};
use crate::source::Span;
use ipnet::IpNet;
use rustc_hash::FxHashMap;

pub struct ShadowedRule;

impl Rule for ShadowedRule {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            let granted: Vec<Granted<'_>> = model
                .rules_of(group)
                .flat_map(|rule| {
                    rule.sources.iter().filter_map(move |source| {
                        let permission = rule.permission(&source.value)?;
                        Some((permission, source.span, rule.address.as_str()))
                    })
                })
                .collect();
            let wider_than = WiderRules::new(&granted);
            for (narrow, span, address) in &granted {
                let wider = wider_than.find(narrow);
                let Some((wide, wide_span, _)) = wider else {
                    continue;
                };
                let way = match narrow.direction {
                    Direction::Ingress => "from",
                    Direction::Egress => "to",
                };
                reporter.report(
                    Finding::new(
                        *span,
                        format!(
                            "`{}` already allows {} {way} {}, which includes {} {way} {}",
                            resource_name(&group.address),
                            describe(wide),
                            wide.peer,
                            describe(narrow),
                            narrow.peer
                        ),
                        "allowed by a wider rule",
                    )
                    .related(*wide_span, "the wider rule")
                    .help(
                        "remove the narrower rule, or narrow the wider one if it allows more than \
                         intended: security groups only allow, so the narrower rule changes nothing",
                    )
                    .resource(*address),
                );
            }
        }
    }
}

/// Whether `wide` allows every packet `narrow` allows.
fn covers(wide: &Permission, narrow: &Permission) -> bool {
    wide.direction == narrow.direction
        && peer_covers(&wide.peer, &narrow.peer)
        && match (&wide.protocol, &narrow.protocol) {
            (Protocol::All, _) => true,
            (Protocol::Tcp, Protocol::Tcp) | (Protocol::Udp, Protocol::Udp) => {
                wide.from <= narrow.from && narrow.to <= wide.to
            }
            // ICMP type and code; -1 is every type, or every code of the type.
            (Protocol::Icmp, Protocol::Icmp) | (Protocol::Icmpv6, Protocol::Icmpv6) => {
                wide.from == -1
                    || (wide.from == narrow.from && (wide.to == -1 || wide.to == narrow.to))
            }
            (wide_protocol, narrow_protocol) => wide_protocol == narrow_protocol,
        }
}

/// Finds, for a permission of a group, another of the same group that allows all it allows.
enum WiderRules<'g> {
    /// Few permissions (as almost every group has): each is compared with every other.
    Few(&'g [Granted<'g>]),
    /// Many: permissions by direction and peer, and a permission's wider ones among those whose
    /// peer contains its own (the same group or prefix list, or a CIDR around it), so that a rule
    /// of 40,000 CIDRs is not compared with itself 40,000 times over.
    Many(&'g [Granted<'g>], FxHashMap<(Direction, Peer), Vec<usize>>),
}

/// A permission, where it is written, and the address of its rule.
type Granted<'g> = (Permission, Span, &'g str);

/// Up to this many permissions in a group, comparing each with every other is the cheaper way.
const FEW: usize = 64;

impl<'g> WiderRules<'g> {
    fn new(granted: &'g [Granted<'g>]) -> WiderRules<'g> {
        if granted.len() <= FEW {
            return WiderRules::Few(granted);
        }
        let mut by_peer: FxHashMap<(Direction, Peer), Vec<usize>> = FxHashMap::default();
        for (i, (permission, _, _)) in granted.iter().enumerate() {
            let peer = match &permission.peer {
                Peer::Cidr(net) => Peer::Cidr(net.trunc()),
                other => other.clone(),
            };
            by_peer
                .entry((permission.direction, peer))
                .or_default()
                .push(i);
        }
        WiderRules::Many(granted, by_peer)
    }

    fn find(&self, narrow: &Permission) -> Option<&'g Granted<'g>> {
        let wider = |(wide, _, _): &&Granted<'_>| wide != narrow && covers(wide, narrow);
        match self {
            WiderRules::Few(granted) => granted.iter().find(wider),
            WiderRules::Many(granted, by_peer) => containing_peers(&narrow.peer)
                .into_iter()
                .filter_map(|peer| by_peer.get(&(narrow.direction, peer)))
                .flatten()
                .map(|&i| &granted[i])
                .find(wider),
        }
    }
}

/// Every peer that contains `peer`: itself, and for a CIDR each shorter prefix around it (with
/// its host bits cleared, as the permissions are looked up).
fn containing_peers(peer: &Peer) -> Vec<Peer> {
    match peer {
        Peer::Cidr(net) => (0..=net.prefix_len())
            .rev()
            .filter_map(|len| IpNet::new(net.network(), len).ok())
            .map(|net| Peer::Cidr(net.trunc()))
            .collect(),
        other => vec![other.clone()],
    }
}

fn peer_covers(wide: &Peer, narrow: &Peer) -> bool {
    match (wide, narrow) {
        (Peer::Cidr(wide), Peer::Cidr(narrow)) => wide.contains(narrow),
        _ => wide == narrow,
    }
}

/// `every protocol and port`, `TCP ports 0-1024`, `ICMP type 8`.
fn describe(permission: &Permission) -> String {
    let traffic = permission.traffic().describe().unwrap_or_default();
    match permission.protocol {
        Protocol::Icmp | Protocol::Icmpv6 if permission.from != -1 => {
            format!("{traffic} type {}", permission.from)
        }
        _ => traffic,
    }
}
