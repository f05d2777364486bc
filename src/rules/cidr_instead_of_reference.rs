//! `cidr-instead-of-reference`: an internal CIDR where a security-group reference belongs.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::diagnostic::Severity;
use crate::model::{CidrOrigin, GroupRef, Model, Network, RuleSource, VpcLink};
use ipnet::IpNet;

pub struct CidrInsteadOfReference;

const HELP: &str = "reference the security group of the instances in that range instead \
(`security_groups`, `source_security_group_id` or `referenced_security_group_id`): a reference \
follows instances as they scale and change addresses, a CIDR does not";

/// RFC 1918 and unique-local ranges.
fn is_private(net: &IpNet) -> bool {
    const PRIVATE: [&str; 4] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];
    PRIVATE
        .iter()
        .any(|p| p.parse::<IpNet>().is_ok_and(|p| p.contains(net)))
}

impl Rule for CidrInsteadOfReference {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            let vpc: Option<&Network> = match &rule.group {
                GroupRef::Internal(address) => model.group(address).and_then(|g| match &g.vpc {
                    VpcLink::Declared(vpc) => model.vpc(vpc).filter(|v| !v.cidrs.is_empty()),
                    _ => None,
                }),
                _ => None,
            };
            for source in &rule.sources {
                if let RuleSource::NetworkBlock(expression) = &source.value {
                    let finding = Finding::new(
                        source.span,
                        format!(
                            "rule allows `{expression}`, a network's own CIDR, instead of \
                             referencing a security group"
                        ),
                        "the CIDR of a network",
                    );
                    reporter.report(finding.help(HELP).resource(&rule.address));
                    continue;
                }
                let Some((net, origin)) = source.value.cidr() else {
                    continue;
                };
                if net.prefix_len() == 0 {
                    continue;
                }
                let finding = if let CidrOrigin::Network(of) = origin {
                    Finding::new(
                        source.span,
                        format!(
                            "rule allows `{net}`, the CIDR of `{of}`, instead of referencing a security group"
                        ),
                        "the CIDR of a network in this configuration",
                    )
                } else if let Some(vpc) = vpc {
                    if let Some(vpc_cidr) = vpc.cidrs.iter().find(|c| c.contains(&net)) {
                        Finding::new(
                            source.span,
                            format!(
                                "rule allows `{net}`, inside the group's VPC `{}` ({vpc_cidr}), instead of referencing a security group",
                                vpc.address
                            ),
                            "internal CIDR",
                        )
                    } else if let Some(vpc_cidr) = vpc
                        .cidrs
                        .iter()
                        .find(|c| is_private(&net) && net.contains(*c))
                    {
                        Finding::new(
                            source.span,
                            format!(
                                "rule allows `{net}`, which contains the group's whole VPC `{}` ({vpc_cidr}), instead of referencing a security group",
                                vpc.address
                            ),
                            "internal CIDR",
                        )
                    } else if is_private(&net) {
                        Finding::new(
                            source.span,
                            format!(
                                "rule allows private `{net}`, outside the group's VPC `{}`: if it is a peered VPC, reference its security group where the peering allows it",
                                vpc.address
                            ),
                            "private CIDR outside the VPC",
                        )
                        .severity(Severity::Note)
                    } else {
                        continue;
                    }
                } else if is_private(&net) {
                    Finding::new(
                        source.span,
                        format!(
                            "rule allows private `{net}` instead of referencing a security group"
                        ),
                        "internal CIDR",
                    )
                } else {
                    continue;
                };
                reporter.report(finding.help(HELP).resource(&rule.address));
            }
        }
    }
}
