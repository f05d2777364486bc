//! `too-many-rules`: more inbound or outbound rules in a group than the AWS quota allows.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::config::TooManyRulesOptions;
use crate::model::{Direction, Model, RuleSource, resource_name};

pub struct TooManyRules;

impl Rule for TooManyRules {
    fn check(&self, model: &Model, settings: &RuleSettings, reporter: &mut Reporter) {
        let quota = settings.options::<TooManyRulesOptions>().quota;
        for group in &model.groups {
            // [direction][family]: IPv4 and IPv6 rules count against separate quotas; a
            // reference to a group or a prefix list counts against both.
            let mut counts = [[0usize; 2]; 2];
            for rule in model.rules_of(group) {
                let direction = usize::from(rule.direction == Direction::Egress);
                for source in &rule.sources {
                    match source.value {
                        RuleSource::Ipv4(..) => counts[direction][0] += 1,
                        RuleSource::Ipv6(..) => counts[direction][1] += 1,
                        // Not known before apply: it may add any number, so counting only the
                        // known ones never reports a group under the quota.
                        RuleSource::NetworkBlock(_) | RuleSource::Unknown => {}
                        _ => {
                            counts[direction][0] += 1;
                            counts[direction][1] += 1;
                        }
                    }
                }
            }
            for (direction, name) in [(0, "inbound"), (1, "outbound")] {
                for (family, family_name) in [(0, "IPv4"), (1, "IPv6")] {
                    let count = counts[direction][family];
                    if count <= quota {
                        continue;
                    }
                    reporter.report(
                        Finding::new(
                            group.header,
                            format!(
                                "`{}` has {count} {name} {family_name} rules; the quota is {quota}",
                                resource_name(&group.address)
                            ),
                            "over the rules quota",
                        )
                        .help(
                            "the apply fails with RulesPerSecurityGroupLimitExceeded: merge \
                             adjacent CIDRs, use a managed prefix list or a security-group \
                             reference, or split the rules over two groups; if the Region's \
                             quota was raised, set `quota` in sglint.toml",
                        )
                        .resource(&group.address),
                    );
                }
            }
        }
    }
}
