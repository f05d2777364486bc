//! `default-group-has-rules`: a VPC's default security group that allows any traffic.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, GroupKind, GroupRef, Model, resource_name};

pub struct DefaultGroupHasRules;

impl Rule for DefaultGroupHasRules {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        let declared = model
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::Default)
            .flat_map(|group| {
                let name = format!("`{}`", resource_name(&group.address));
                model.rules_of(group).map(move |rule| (rule, name.clone()))
            });
        // A rule resource can add to a VPC's default group without declaring it, by the id the
        // VPC (or the module that makes it) gives.
        let by_id = model.rules.iter().filter_map(|rule| match &rule.group {
            GroupRef::VpcDefault(vpc) => Some((rule, format!("of `{vpc}`"))),
            _ => None,
        });
        for (rule, group) in declared.chain(by_id) {
            let direction = match rule.direction {
                Direction::Ingress => "ingress",
                Direction::Egress => "egress",
            };
            reporter.report(
                Finding::new(
                    rule.header,
                    format!("the default security group {group} has an {direction} rule"),
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
