//! `default-group-has-rules`: a VPC's default security group that allows any traffic.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{GroupKind, Model, resource_name};

pub struct DefaultGroupHasRules;

impl Rule for DefaultGroupHasRules {
    fn id(&self) -> &'static str {
        "default-group-has-rules"
    }

    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in model.groups.iter().filter(|g| g.kind == GroupKind::Default) {
            for rule in model.rules_of(group) {
                let direction = match rule.direction {
                    crate::model::Direction::Ingress => "ingress",
                    crate::model::Direction::Egress => "egress",
                };
                reporter.report(
                    Finding::new(
                        rule.header,
                        format!(
                            "the default security group `{}` has an {direction} rule",
                            resource_name(&group.address)
                        ),
                        "rule on the default group",
                    )
                    .help(
                        "declare `aws_default_security_group` without rules, so that it allows \
                         nothing, and give every resource a group of its own (CIS AWS \
                         Foundations 5.4): resources launched without a group land in the \
                         default one",
                    )
                    .resource(&rule.address),
                );
            }
        }
    }
}
