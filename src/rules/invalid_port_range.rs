//! `invalid-port-range`: ports and protocols that AWS or the provider rejects at apply time.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Attr, Model, Protocol, SgRule};

pub struct InvalidPortRange;

const HELP: &str = "ports go from 0 to 65535 with `from_port <= to_port`; protocol `-1` (all \
traffic) in a group's inline rule takes ports 0 and 0; a protocol is a name (`tcp`, `udp`, `icmp`, \
`icmpv6`) or a number from 0 to 255";

impl Rule for InvalidPortRange {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            if let Some(finding) = problem(rule) {
                reporter.report(finding.help(HELP).resource(&rule.address));
            }
        }
    }
}

/// The first problem of a rule's protocol and ports.
fn problem(rule: &SgRule) -> Option<Finding> {
    let protocol = rule.protocol.as_ref()?;
    let port = |bound: &Option<Attr<Option<i64>>>| {
        bound.as_ref().and_then(|b| b.value.map(|v| (v, b.span)))
    };
    let (from, to) = (port(&rule.from_port), port(&rule.to_port));
    match protocol.value.as_ref()? {
        Protocol::Other(name) if name.parse::<u8>().is_err() => Some(Finding::new(
            protocol.span,
            format!("`{name}` is not an IP protocol"),
            "not a protocol name or number",
        )),
        // Only a group's inline rules reject ports with protocol `-1`; the rule resources send
        // them (or not) and AWS ignores them, which `all-ports-open` reports.
        Protocol::All if !rule.is_inline() => None,
        Protocol::All => {
            let (value, span) = [from, to].into_iter().flatten().find(|(v, _)| *v != 0)?;
            Some(Finding::new(
                span,
                format!(
                    "protocol `-1` in a group's inline rule takes ports 0 and 0; the provider \
                     rejects {value}"
                ),
                "must be 0 with protocol -1",
            ))
        }
        // ICMP's `from_port` and `to_port` are its type and code; -1 means any.
        Protocol::Icmp | Protocol::Icmpv6 => {
            let (value, span) = [from, to]
                .into_iter()
                .flatten()
                .find(|(v, _)| !(-1..=255).contains(v))?;
            Some(Finding::new(
                span,
                format!("ICMP type or code {value} is outside -1 to 255"),
                "not an ICMP type or code",
            ))
        }
        _ => {
            if let Some((value, span)) = [from, to]
                .into_iter()
                .flatten()
                .find(|(v, _)| !(0..=65535).contains(v))
            {
                return Some(Finding::new(
                    span,
                    format!("port {value} is outside 0 to 65535"),
                    "not a port",
                ));
            }
            match (from, to) {
                (Some((from, span)), Some((to, _))) if from > to => Some(Finding::new(
                    span,
                    format!("`from_port` {from} is greater than `to_port` {to}"),
                    "range is reversed",
                )),
                _ => None,
            }
        }
    }
}
