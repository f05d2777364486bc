//! `missing-group-description`: a security group without a real description.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{GroupKind, Model, PROVIDER_DEFAULT_DESCRIPTION, Text, resource_name};

pub struct MissingGroupDescription;

const HELP: &str = "say what the group contains and why, e.g. `description = \"Production game \
servers behind the game NLB\"`; auditors read it in the API. Changing a group's description \
replaces the group, so set it before the first apply";

impl Rule for MissingGroupDescription {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        // `aws_default_security_group` has no settable description.
        for group in model.groups.iter().filter(|g| g.kind == GroupKind::Custom) {
            let finding = match &group.description {
                None => Finding::new(
                    group.header,
                    format!(
                        "security group `{}` has no description",
                        resource_name(&group.address)
                    ),
                    "no `description`",
                ),
                Some(attr) => match &attr.value {
                    Text::Known(d) if d.trim().is_empty() => Finding::new(
                        attr.span,
                        format!(
                            "security group `{}` has an empty description",
                            resource_name(&group.address)
                        ),
                        "empty",
                    ),
                    Text::Known(d) if d == PROVIDER_DEFAULT_DESCRIPTION => Finding::new(
                        attr.span,
                        format!(
                            "security group `{}` keeps the provider's default description",
                            resource_name(&group.address)
                        ),
                        "the provider's default",
                    ),
                    _ => continue,
                },
            };
            reporter.report(finding.help(HELP).resource(&group.address));
        }
    }
}
