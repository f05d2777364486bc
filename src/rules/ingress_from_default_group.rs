//! `ingress-from-default-group`: an ingress rule that accepts traffic from a VPC's default group.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, GroupKind, GroupRef, Model, RuleSource, SgRule, resource_name};

pub struct IngressFromDefaultGroup;

impl Rule for IngressFromDefaultGroup {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            // Rules of the default group itself are `default-group-has-rules`'s.
            if rule.direction != Direction::Ingress
                || default_group_name(model, &rule.group).is_some()
            {
                continue;
            }
            for source in &rule.sources {
                let RuleSource::Group(group) = &source.value else {
                    continue;
                };
                let Some(default_group) = default_group_name(model, group) else {
                    continue;
                };
                reporter.report(
                    Finding::new(
                        source.span,
                        message(rule, &default_group),
                        "the default group",
                    )
                    .help(
                        "whatever is launched without a group of its own joins the default \
                         group: give the clients a security group and reference it instead",
                    )
                    .resource(&rule.address),
                );
            }
        }
    }
}

/// How a message names `group` when it is a VPC's default group.
fn default_group_name(model: &Model, group: &GroupRef) -> Option<String> {
    match group {
        GroupRef::Internal(address) => model
            .group(address)
            .filter(|g| g.kind == GroupKind::Default)
            .map(|_| format!("`{}`", resource_name(address))),
        GroupRef::VpcDefault(vpc) => Some(format!("of `{vpc}`")),
        GroupRef::External(_) | GroupRef::Unknown => None,
    }
}

fn message(rule: &SgRule, default_group: &str) -> String {
    let what = rule
        .traffic()
        .describe()
        .unwrap_or_else(|| "traffic".into());
    match &rule.group {
        GroupRef::Internal(group) => format!(
            "`{}` accepts {what} from the default security group {default_group}",
            resource_name(group)
        ),
        _ => format!("ingress of {what} from the default security group {default_group}"),
    }
}
