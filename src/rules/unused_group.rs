//! `unused-group`: a security group that nothing in the configuration attaches, references or
//! outputs.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::address::without_keys;
use crate::model::{GroupKind, Model, resource_name};

pub struct UnusedGroup;

impl Rule for UnusedGroup {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        let Some(referenced) = &model.referenced_groups else {
            return;
        };
        // Every VPC has its default group whether or not it is declared.
        for group in model.groups.iter().filter(|g| g.kind == GroupKind::Custom) {
            if referenced.contains(&without_keys(&group.address)) {
                continue;
            }
            reporter.report(
                Finding::new(
                    group.header,
                    format!(
                        "nothing in the configuration attaches, references or outputs security \
                         group `{}`",
                        resource_name(&group.address)
                    ),
                    "unused",
                )
                .help(
                    "attach it (`vpc_security_group_ids`, `security_groups`, ...), output its id \
                     for the module's callers, or delete it: an unused group still counts against \
                     the Region's quota and confuses audits",
                )
                .resource(&group.address),
            );
        }
    }
}
