//! `too-many-groups`: a resource that attaches more security groups than the quota allows.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::config::TooManyGroupsOptions;
use crate::model::{Model, resource_name};

pub struct TooManyGroups;

/// The most groups AWS allows per network interface, whatever the quota is raised to.
const AWS_MAXIMUM: usize = 16;

impl Rule for TooManyGroups {
    fn check(&self, model: &Model, settings: &RuleSettings, reporter: &mut Reporter) {
        let quota = settings.options::<TooManyGroupsOptions>().quota;
        for attachment in &model.attachments {
            let Some(count) = attachment.groups.value else {
                continue;
            };
            if count <= quota {
                continue;
            }
            let help = if count > AWS_MAXIMUM {
                format!(
                    "AWS never allows more than {AWS_MAXIMUM} groups per network interface: merge \
                     groups whose rules always go together"
                )
            } else {
                "merge groups whose rules always go together, or raise the Region's quota (up to \
                 16; rules per group times groups per interface stays at most 1,000) and set \
                 `quota` in sglint.toml"
                    .to_string()
            };
            reporter.report(
                Finding::new(
                    attachment.groups.span,
                    format!(
                        "`{}` attaches {count} security groups through `{}`, more than the quota \
                         of {quota} per network interface",
                        resource_name(&attachment.address),
                        attachment.attribute
                    ),
                    format!("{count} groups"),
                )
                .help(help)
                .resource(&attachment.address),
            );
        }
    }
}
