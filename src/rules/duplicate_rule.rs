//! `duplicate-rule`: the same permission twice in one group, which AWS rejects.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Attr, Direction, GroupRef, Model, Protocol, RuleSource, SgRule, resource_name};
use crate::source::Span;
use ipnet::IpNet;
use rustc_hash::FxHashMap as HashMap;

pub struct DuplicateRule;

impl Rule for DuplicateRule {
    fn id(&self) -> &'static str {
        "duplicate-rule"
    }

    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            // Each permission with the first place that grants it.
            let mut seen: HashMap<Permission, Span> = HashMap::default();
            for rule in model.rules_of(group) {
                let Some(traffic) = traffic(rule) else {
                    continue;
                };
                for source in &rule.sources {
                    let Some(peer) = peer(rule, &source.value) else {
                        continue;
                    };
                    let key = (rule.direction, traffic.clone(), peer);
                    if let Some(&first) = seen.get(&key) {
                        let (direction, _, peer) = &key;
                        let what = rule.traffic().describe().unwrap_or_default();
                        let way = match direction {
                            Direction::Ingress => "from",
                            Direction::Egress => "to",
                        };
                        reporter.report(
                            Finding::new(
                                source.span,
                                format!(
                                    "`{}` already allows {what} {way} {peer}",
                                    resource_name(&group.address)
                                ),
                                "duplicate",
                            )
                            .related(first, "first allowed here")
                            .help(
                                "remove one of them: AWS rejects a rule that duplicates another \
                                 (InvalidPermission.Duplicate), so the apply fails",
                            )
                            .resource(&rule.address),
                        );
                    } else {
                        seen.insert(key, source.span);
                    }
                }
            }
        }
    }
}

/// Direction, protocol with ports (type and code for ICMP), and peer.
type Permission = (Direction, (Protocol, i64, i64), Peer);

/// A rule's source or destination as AWS compares them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Peer {
    Cidr(IpNet),
    PrefixList(String),
    Group(GroupRef),
}

impl std::fmt::Display for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Cidr(net) => write!(f, "`{net}`"),
            Peer::PrefixList(id) => write!(f, "prefix list `{id}`"),
            Peer::Group(GroupRef::Internal(address)) => write!(f, "`{}`", resource_name(address)),
            Peer::Group(GroupRef::External(id)) => write!(f, "`{id}`"),
            Peer::Group(GroupRef::Unknown) => f.write_str("a group"),
        }
    }
}

/// The protocol and ports, when known; every port is the same permission for protocol `-1`.
fn traffic(rule: &SgRule) -> Option<(Protocol, i64, i64)> {
    let protocol = rule.protocol.as_ref()?.value.clone()?;
    if protocol == Protocol::All {
        return Some((protocol, 0, 0));
    }
    let port = |bound: &Option<Attr<Option<i64>>>| bound.as_ref().and_then(|b| b.value);
    Some((protocol, port(&rule.from_port)?, port(&rule.to_port)?))
}

fn peer(rule: &SgRule, source: &RuleSource) -> Option<Peer> {
    match source {
        RuleSource::Ipv4(net, _) => Some(Peer::Cidr(IpNet::V4(net.trunc()))),
        RuleSource::Ipv6(net, _) => Some(Peer::Cidr(IpNet::V6(net.trunc()))),
        RuleSource::PrefixList(id) => Some(Peer::PrefixList(id.clone())),
        RuleSource::SelfRef => Some(Peer::Group(rule.group.clone())),
        RuleSource::Group(GroupRef::Unknown) | RuleSource::Unknown => None,
        RuleSource::Group(group) => Some(Peer::Group(group.clone())),
    }
}
