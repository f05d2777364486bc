//! `missing-tags`: a security group without the tags the repository requires.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::config::MissingTagsOptions;
use crate::model::{Model, resource_name};

pub struct MissingTags;

impl Rule for MissingTags {
    fn check(&self, model: &Model, settings: &RuleSettings, reporter: &mut Reporter) {
        let required = settings.options::<MissingTagsOptions>().required;
        for group in &model.groups {
            // A tag map not known whole may hold any key.
            if !group.tags.complete || !group.default_tags.complete {
                continue;
            }
            let missing: Vec<String> = required
                .iter()
                .filter(|key| !group.tags.contains(key) && !group.default_tags.contains(key))
                .map(|key| format!("`{key}`"))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let (what, label) = match missing.len() {
                1 => ("tag", "missing a required tag"),
                _ => ("tags", "missing required tags"),
            };
            reporter.report(
                Finding::new(
                    group.tags.span.unwrap_or(group.header),
                    format!(
                        "security group `{}` lacks the required {what} {}",
                        resource_name(&group.address),
                        missing.join(", ")
                    ),
                    label,
                )
                .help(
                    "add them to `tags`, or to the `default_tags` of the `aws` provider to tag \
                     every resource it creates",
                )
                .resource(&group.address),
            );
        }
    }
}
