//! `broad-self-reference`: a group that lets its members reach each other on every port.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{GroupRef, Model, resource_name};

pub struct BroadSelfReference;

impl Rule for BroadSelfReference {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            let traffic = rule.traffic();
            if !traffic.is_every_port() {
                continue;
            }
            let Some(what) = traffic.describe() else {
                continue;
            };
            for source in rule
                .sources
                .iter()
                .filter(|s| rule.is_self_reference(&s.value))
            {
                reporter.report(
                    Finding::new(
                        source.span,
                        match &rule.group {
                            GroupRef::Internal(group) => format!(
                                "members of `{}` can reach each other on {what}",
                                resource_name(group)
                            ),
                            _ => format!("members of the group can reach each other on {what}"),
                        },
                        "self reference on every port",
                    )
                    .help(
                        "open only the ports the cluster protocol needs (gossip, replication, \
                         consensus), each in its own rule with a description: a compromised \
                         member should not reach every service of the others",
                    )
                    .resource(&rule.address),
                );
            }
        }
    }
}
