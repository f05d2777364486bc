//! `mutual-reference`: two groups that each accept traffic from the other.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, GroupRef, IcmpKind, Model, RuleSource, resource_name};
use crate::source::Span;
use std::collections::BTreeMap;

pub struct MutualReference;

impl Rule for MutualReference {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        // (accepting group, source group) -> first reference and the rule's address. Only ingress
        // counts: an egress A->B with an ingress on B from A is one flow, not a pair.
        let mut accepts: BTreeMap<(&str, &str), (Span, &str)> = BTreeMap::new();
        // ICMP error reports and echo open no service: a pair linked only by them is no pair.
        for rule in model.rules.iter().filter(|r| {
            r.direction == Direction::Ingress
                && !matches!(r.icmp(), Some(IcmpKind::ErrorReports | IcmpKind::Echo))
        }) {
            let GroupRef::Internal(to) = &rule.group else {
                continue;
            };
            for source in &rule.sources {
                if let RuleSource::Group(GroupRef::Internal(from)) = &source.value
                    && from != to
                {
                    accepts
                        .entry((to.as_str(), from.as_str()))
                        .or_insert((source.span, &rule.address));
                }
            }
        }
        for (&(a, b), &(span, address)) in &accepts {
            if a > b {
                continue;
            }
            let Some(&(other_span, _)) = accepts.get(&(b, a)) else {
                continue;
            };
            let (a, b) = (resource_name(a), resource_name(b));
            reporter.report(
                Finding::new(
                    span,
                    format!("`{a}` and `{b}` accept traffic from each other"),
                    format!("`{a}` accepts traffic from `{b}`"),
                )
                .related(other_span, format!("`{b}` accepts traffic from `{a}`"))
                .help(
                    "decide which side opens connections and keep only the rule on the side that \
                     accepts them: security groups are stateful, so replies need no rule back. A \
                     mutual pair lets every member of each group reach the other on those ports",
                )
                .resource(address),
            );
        }
    }
}
