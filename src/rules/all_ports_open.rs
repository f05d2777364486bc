//! `all-ports-open`: every protocol or every port to or from a CIDR or prefix list.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, RuleSource};

pub struct AllPortsOpen;

impl Rule for AllPortsOpen {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            let traffic = rule.traffic();
            if !traffic.is_every_port() {
                continue;
            }
            let Some(what) = traffic.describe() else {
                continue;
            };
            let ignored = rule.ignored_ports();
            for source in &rule.sources {
                let peer = match (&source.value, ignored) {
                    (RuleSource::PrefixList(id), _) => format!("prefix list `{id}`"),
                    // A rule that says one thing and allows another is reported whatever its
                    // peer; otherwise the whole internet is public-ingress's and
                    // unrestricted-egress's, and a group is the way to write a broad rule.
                    (value, Some(_)) => match rule.permission(value) {
                        Some(permission) => permission.peer.to_string(),
                        None => continue,
                    },
                    (value, None) if value.internet().is_some() => continue,
                    (value, None) => match value.cidr() {
                        Some((net, _)) => format!("`{net}`"),
                        None => continue,
                    },
                };
                let message = match rule.direction {
                    Direction::Ingress => format!("ingress from {peer} on {what}"),
                    Direction::Egress => format!("egress to {peer} on {what}"),
                };
                let finding = match ignored {
                    Some((from, to)) => {
                        let ports = if from == to {
                            format!("port {from}")
                        } else {
                            format!("ports {from}-{to}")
                        };
                        Finding::new(
                            source.span,
                            format!("{message}: with protocol `-1` AWS ignores {ports}"),
                            format!("every port, not {ports}"),
                        )
                        .help(format!(
                            "protocol `-1` is all traffic whatever the ports say; to allow only \
                             {ports}, write protocol `tcp` or `udp`"
                        ))
                    }
                    None => Finding::new(source.span, message, "every port").help(
                        "open only the ports the service uses: a rule for every port lets \
                         anything in that range reach every process that listens",
                    ),
                };
                reporter.report(finding.resource(&rule.address));
            }
        }
    }
}
