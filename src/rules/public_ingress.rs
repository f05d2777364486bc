//! `public-ingress`: ingress from the whole internet on ports that are not meant to be public.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::config::PublicIngressOptions;
use crate::diagnostic::Severity;
use crate::model::{Direction, IcmpKind, Model, Traffic};

pub struct PublicIngress;

/// Services that must never face the internet, by port.
const ADMIN_SERVICES: &[(i64, &str)] = &[
    (20, "FTP data"),
    (21, "FTP"),
    (22, "SSH"),
    (23, "Telnet"),
    (135, "Windows RPC"),
    (139, "NetBIOS"),
    (445, "SMB"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (2375, "Docker API"),
    (2376, "Docker API (TLS)"),
    (2379, "etcd"),
    (3306, "MySQL"),
    (3389, "RDP"),
    (5432, "PostgreSQL"),
    (5900, "VNC"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch transport"),
    (10250, "kubelet"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
];

const HELP: &str = "allow only the addresses that need this port (an office range, a VPN, the \
load balancer's security group); reach admin ports through SSM Session Manager or a bastion";

impl Rule for PublicIngress {
    fn check(&self, model: &Model, settings: &RuleSettings, reporter: &mut Reporter) {
        let public_ports = settings.options::<PublicIngressOptions>().public_ports;
        for rule in model
            .rules
            .iter()
            .filter(|r| r.direction == Direction::Ingress)
        {
            if !rule.sources.iter().any(|s| s.value.internet().is_some()) {
                continue;
            }
            let traffic = rule.traffic();
            let Some(described) = traffic.describe() else {
                continue;
            };
            let icmp = rule.icmp();
            // AWS asks for ICMP "fragmentation needed" from anywhere so that path-MTU discovery
            // works; error reports open no service.
            if icmp == Some(IcmpKind::ErrorReports) {
                continue;
            }
            let (what, admin) = match &traffic {
                Traffic::All => (described, true),
                Traffic::Ports { from, to, .. } => {
                    if (*from..=*to).all(|p| public_ports.contains(&p)) {
                        continue;
                    }
                    let admin: Vec<&(i64, &str)> = ADMIN_SERVICES
                        .iter()
                        .filter(|(port, _)| (*from..=*to).contains(port))
                        .collect();
                    let what = match admin.as_slice() {
                        [] => described,
                        [(_, name)] if from == to => format!("{name} ({described})"),
                        several => {
                            let names: Vec<String> = several
                                .iter()
                                .map(|(port, name)| format!("{name} ({port})"))
                                .collect();
                            format!("{described}, which include {}", names.join(", "))
                        }
                    };
                    (what, !admin.is_empty())
                }
                Traffic::Other(_) => match icmp {
                    Some(IcmpKind::Echo) => (format!("{described} echo (ping)"), false),
                    Some(IcmpKind::Every) => (format!("every {described} type"), false),
                    _ => (described, false),
                },
                Traffic::Unknown => (described, false),
            };
            for source in &rule.sources {
                let Some(internet) = source.value.internet() else {
                    continue;
                };
                let finding = Finding::new(
                    source.span,
                    format!("ingress from the whole internet (`{internet}`) on {what}"),
                    "open to the internet",
                );
                let finding = if admin {
                    finding.severity(Severity::Error).help(HELP)
                } else if icmp == Some(IcmpKind::Echo) {
                    finding.severity(Severity::Note).help(
                        "ping from the internet tells scanners the host is there; allow echo \
                         from the addresses that monitor it",
                    )
                } else {
                    finding.help(format!(
                        "{HELP}; if the port is meant to be public, add it to `public-ports` in \
                         sglint.toml"
                    ))
                };
                reporter.report(finding.resource(&rule.address));
            }
        }
    }
}
