//! `missing-rule-description`: a security-group rule, of any origin, without a description.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, Text};

pub struct MissingRuleDescription;

const HELP: &str = "add `description` saying why this traffic is allowed and who uses it; it is \
the justification auditors read in the API";

impl Rule for MissingRuleDescription {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            let direction = match rule.direction {
                Direction::Ingress => "ingress",
                Direction::Egress => "egress",
            };
            let finding = match &rule.description {
                None => Finding::new(
                    rule.header,
                    format!("{direction} rule has no description"),
                    "no `description`",
                ),
                Some(attr) => match &attr.value {
                    Text::Known(d) if d.trim().is_empty() => Finding::new(
                        attr.span,
                        format!("{direction} rule has an empty description"),
                        "empty",
                    ),
                    _ => continue,
                },
            };
            reporter.report(finding.help(HELP).resource(&rule.address));
        }
    }
}
