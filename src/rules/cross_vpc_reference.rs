//! `cross-vpc-reference`: a rule that references a group in another VPC.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{GroupRef, Model, RuleSource, SecurityGroup, VpcLink, resource_name};

pub struct CrossVpcReference;

/// The VPC of a group, when known: its address, or `default` for the Region's default VPC.
fn vpc(group: &SecurityGroup) -> Option<&str> {
    match &group.vpc {
        VpcLink::Declared(address) if address.starts_with("aws_default_vpc.") => Some("default"),
        VpcLink::Declared(address) => Some(address),
        VpcLink::DefaultVpc => Some("default"),
        VpcLink::Unknown => None,
    }
}

fn shown(vpc: &str) -> String {
    if vpc == "default" {
        "the default VPC".to_string()
    } else {
        format!("`{vpc}`")
    }
}

impl Rule for CrossVpcReference {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for rule in &model.rules {
            let GroupRef::Internal(owner) = &rule.group else {
                continue;
            };
            let Some(owner) = model.group(owner) else {
                continue;
            };
            let Some(owner_vpc) = vpc(owner) else {
                continue;
            };
            for source in &rule.sources {
                let RuleSource::Group(GroupRef::Internal(peer)) = &source.value else {
                    continue;
                };
                let Some(peer) = model.group(peer) else {
                    continue;
                };
                let Some(peer_vpc) = vpc(peer).filter(|v| *v != owner_vpc) else {
                    continue;
                };
                reporter.report(
                    Finding::new(
                        source.span,
                        format!(
                            "`{}` in {} references `{}` in {}",
                            resource_name(&owner.address),
                            shown(owner_vpc),
                            resource_name(&peer.address),
                            shown(peer_vpc)
                        ),
                        "group in another VPC",
                    )
                    .related(peer.header, "declared here")
                    .help(
                        "a reference to a group in another VPC works only over a VPC peering \
                         connection in the same Region, or a Transit Gateway with security group \
                         referencing turned on; otherwise the apply fails, so allow the peer \
                         VPC's CIDR or use groups of the same VPC",
                    )
                    .resource(&rule.address),
                );
            }
        }
    }
}
