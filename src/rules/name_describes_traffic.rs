//! `name-describes-traffic`: a group named after the traffic it allows, not what it contains.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Attr, Model, Protocol, SecurityGroup, Text, resource_name};

pub struct NameDescribesTraffic;

const VERBS: &[&str] = &[
    "allow", "allows", "allowed", "permit", "deny", "open", "accept",
];
const DIRECTIONS: &[&str] = &["ingress", "egress", "inbound", "outbound"];
/// Protocols and the names of well-known service ports (not the software behind them: a group
/// called `postgres` names its members).
const PROTOCOLS: &[&str] = &[
    "tcp", "udp", "icmp", "icmpv6", "http", "https", "ssh", "rdp", "ftp", "ftps", "sftp", "smtp",
    "smtps", "telnet", "dns", "ntp", "snmp", "ldap", "ldaps", "imap", "imaps", "pop3", "winrm",
    "vnc", "nfs", "smb", "tls",
];
/// Well-known service ports that a name may mention.
const WELL_KNOWN_PORTS: &[u16] = &[
    20, 21, 22, 23, 25, 53, 80, 110, 123, 143, 389, 443, 445, 465, 587, 636, 993, 995, 1433, 1521,
    2049, 2375, 2376, 3000, 3306, 3389, 5432, 5439, 5672, 5984, 6379, 8000, 8080, 8443, 8888, 9090,
    9092, 9200, 9300, 11211, 27017,
];

const HELP: &str = "name the group after its members, e.g. `game-servers-production`, and put \
the traffic in the rules' descriptions; a group cannot be renamed in place (a new name replaces \
it), so the name outlives every change to its rules";

fn port(word: &str) -> Option<u16> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) || word.len() > 5 {
        return None;
    }
    word.parse().ok()
}

/// The words of a name's literal parts that describe traffic, lowercased. `opens` tells whether
/// the group's own rules name a port: a number that is neither well known nor opened is taken for
/// an instance suffix.
fn traffic_words(parts: &[&str], opens: impl Fn(i64) -> bool) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for part in parts {
        let mut words = part
            .split(['-', '_', '.', ' '])
            .filter(|w| !w.is_empty())
            .peekable();
        while let Some(word) = words.next() {
            if let Some(&next) = words.peek()
                && matches!((port(word), port(next)), (Some(lo), Some(hi)) if lo < hi && hi >= 20)
            {
                found.push(format!("{word}-{next}"));
                words.next();
                continue;
            }
            let listed = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
            let is_traffic = listed(VERBS)
                || listed(DIRECTIONS)
                || listed(PROTOCOLS)
                || port(word).is_some_and(|p| WELL_KNOWN_PORTS.contains(&p) || opens(i64::from(p)))
                || is_port_range(word);
            if is_traffic && !found.iter().any(|f| f.eq_ignore_ascii_case(word)) {
                found.push(word.to_ascii_lowercase());
            }
        }
    }
    found
}

/// `8000:9000` written as one word.
fn is_port_range(word: &str) -> bool {
    word.split_once(':')
        .is_some_and(|(a, b)| matches!((port(a), port(b)), (Some(lo), Some(hi)) if lo < hi))
}

/// Whether the group's own rules name `port` as a bound (not "all ports").
fn opens_port(model: &Model, group: &SecurityGroup, port: i64) -> bool {
    port > 0
        && model.rules_of(group).any(|rule| {
            !matches!(
                rule.protocol.as_ref().and_then(|p| p.value.as_ref()),
                Some(Protocol::All) | None
            ) && [&rule.from_port, &rule.to_port]
                .into_iter()
                .flatten()
                .any(|bound| bound.value == Some(port))
        })
}

fn literal_parts(text: &Text) -> Vec<&str> {
    match text {
        Text::Known(s) => vec![s.as_str()],
        Text::Partial(parts) => parts.iter().flatten().map(String::as_str).collect(),
        Text::Unknown => Vec::new(),
    }
}

impl Rule for NameDescribesTraffic {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            let candidates: [(&str, Option<&Attr<Text>>); 3] = [
                ("name", group.name.as_ref()),
                ("name_prefix", group.name_prefix.as_ref()),
                ("Name tag", group.name_tag.as_ref()),
            ];
            let mut reported: Vec<&Text> = Vec::new();
            for (what, attr) in candidates {
                let Some(attr) = attr else { continue };
                if reported.contains(&&attr.value) {
                    continue;
                }
                let words = traffic_words(&literal_parts(&attr.value), |port| {
                    opens_port(model, group, port)
                });
                if words.is_empty() {
                    continue;
                }
                reported.push(&attr.value);
                let list = words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                reporter.report(
                    Finding::new(
                        attr.span,
                        format!(
                            "the {what} of `{}` describes the traffic it allows ({list}) instead of what the group contains",
                            resource_name(&group.address)
                        ),
                        "names traffic, not members",
                    )
                    .help(HELP)
                    .resource(&group.address),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str, opened: &[i64]) -> Vec<String> {
        traffic_words(&[name], |port| opened.contains(&port))
    }

    #[test]
    fn traffic_names_are_found() {
        assert_eq!(words("allow-https-8443", &[]), ["allow", "https", "8443"]);
        assert_eq!(
            words("allow-egress-9999", &[9999]),
            ["allow", "egress", "9999"]
        );
        assert_eq!(words("our-learning-sg-https", &[]), ["https"]);
        assert_eq!(words("ports-8000-9000", &[]), ["8000-9000"]);
        assert_eq!(words("range 1024:2048", &[]), ["1024:2048"]);
        assert_eq!(words("Inbound_SSH", &[]), ["inbound", "ssh"]);
    }

    #[test]
    fn content_names_are_silent() {
        for name in [
            "game-servers-production",
            "tier5-db-sg",
            "workers-2",
            "api-v2",
            "monitoring",
            "web",
            "lb-game-production",
            "postgres",
            "openvpn",
        ] {
            assert!(words(name, &[]).is_empty(), "{name}");
        }
        // A number the group does not open and that is not well known is an instance suffix.
        assert!(words("workers-9999", &[8080]).is_empty());
    }
}
