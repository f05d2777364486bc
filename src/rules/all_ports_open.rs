//! `all-ports-open`: every protocol or every port to or from a CIDR or prefix list.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, RuleSource};

pub struct AllPortsOpen;

impl Rule for AllPortsOpen {
    fn id(&self) -> &'static str {
        "all-ports-open"
    }

    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            let traffic = rule.traffic();
            if !traffic.is_every_port() {
                continue;
            }
            let Some(what) = traffic.describe() else {
                continue;
            };
            for source in &rule.sources {
                // The whole internet is public-ingress's and unrestricted-egress's.
                let peer = match &source.value {
                    RuleSource::PrefixList(id) => format!("prefix list `{id}`"),
                    value if value.internet().is_some() => continue,
                    value => match value.cidr() {
                        Some((net, _)) => format!("`{net}`"),
                        None => continue,
                    },
                };
                let message = match rule.direction {
                    Direction::Ingress => format!("ingress from {peer} on {what}"),
                    Direction::Egress => format!("egress to {peer} on {what}"),
                };
                reporter.report(
                    Finding::new(source.span, message, "every port")
                        .help(
                            "open only the ports the service uses: a rule for every port lets \
                             anything in that range reach every process that listens",
                        )
                        .resource(&rule.address),
                );
            }
        }
    }
}
