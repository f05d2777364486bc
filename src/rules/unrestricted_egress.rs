//! `unrestricted-egress`: egress to the whole internet on every protocol.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, Traffic};

pub struct UnrestrictedEgress;

impl Rule for UnrestrictedEgress {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        let rules = model
            .rules
            .iter()
            .filter(|r| r.direction == Direction::Egress);
        for rule in rules.filter(|r| r.traffic() == Traffic::All) {
            for source in &rule.sources {
                let Some(internet) = source.value.internet() else {
                    continue;
                };
                reporter.report(
                    Finding::new(
                        source.span,
                        format!(
                            "egress to the whole internet (`{internet}`) on every protocol and port"
                        ),
                        "any destination, any protocol",
                    )
                    .help(
                        "allow only the destinations and ports the instances need (HTTPS to \
                         the internet, the database's security group, VPC endpoints' prefix \
                         lists): open egress is how stolen data and malware traffic leave",
                    )
                    .resource(&rule.address),
                );
            }
        }
    }
}
