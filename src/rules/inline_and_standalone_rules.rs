//! `inline-and-standalone-rules`: a group with inline rules that rule resources also target.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, resource_name};

pub struct InlineAndStandaloneRules;

impl Rule for InlineAndStandaloneRules {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in model
            .groups
            .iter()
            .filter(|g| !g.inline_directions.is_empty())
        {
            for rule in model.rules_of(group).filter(|r| !r.is_inline()) {
                if !group.inline_directions.contains(&rule.direction) {
                    continue;
                }
                let direction = match rule.direction {
                    Direction::Ingress => "ingress",
                    Direction::Egress => "egress",
                };
                let mut finding = Finding::new(
                    rule.header,
                    format!(
                        "`{}` also lists {direction} rules inline; the two kinds overwrite each \
                         other's {direction} rules",
                        resource_name(&group.address)
                    ),
                    format!("{direction} rule resource for a group with inline {direction} rules"),
                )
                .help(format!(
                    "use one kind per direction of a group: move the inline `{direction}` rules \
                     into `aws_vpc_security_group_{direction}_rule` resources. The provider \
                     manages the whole {direction} list of a group that writes one, so each \
                     apply removes the rules the resources added, and the plan never settles"
                ));
                let first_inline = model
                    .rules_of(group)
                    .find(|r| r.is_inline() && r.direction == rule.direction);
                if let Some(first_inline) = first_inline {
                    finding =
                        finding.related(first_inline.header, format!("inline {direction} rule"));
                }
                reporter.report(finding.resource(&rule.address));
            }
        }
    }
}
