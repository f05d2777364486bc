//! `name-tag-case`: a tag key `name` or `NAME` where the case-sensitive `Name` was meant.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Model, resource_name};

pub struct NameTagCase;

impl Rule for NameTagCase {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            for tag in &group.tags.keys {
                if tag.key == "Name" || !tag.key.trim().eq_ignore_ascii_case("name") {
                    continue;
                }
                reporter.report(
                    Finding::new(
                        tag.span,
                        format!(
                            "security group `{}` has a tag `{}`, which is not the `Name` tag",
                            resource_name(&group.address),
                            tag.key
                        ),
                        "tag keys are case-sensitive",
                    )
                    .help(
                        "rename the key to `Name`: only that exact key fills the console's Name \
                         column and the name most tools show for the group",
                    )
                    .resource(&group.address),
                );
            }
        }
    }
}
