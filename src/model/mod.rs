//! The normalized model of one module: security groups, their rules from every origin, and the
//! VPCs and subnets whose CIDRs the configuration declares. Rules read only this.

mod build;
mod references;

pub use build::{EvaluatedResource, build, build_evaluated, build_tree};

use crate::source::Span;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use rustc_hash::FxHashMap as HashMap;

/// The resource types that each declare one security-group rule.
pub const RULE_RESOURCE_KINDS: &[&str] = &[
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
];

/// A resource address without its instance key (`aws_security_group.web[0]` gives
/// `aws_security_group.web`): what messages name, so the instances of one block share a finding.
pub fn resource_name(address: &str) -> &str {
    crate::address::without_resource_key(address)
}

/// A value with the span of the expression it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Attr<T> {
    pub value: T,
    pub span: Span,
}

/// A string attribute: known, partly known (a template with literal parts) or unknown.
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    Known(String),
    /// Literal parts (`Some`) and unknown interpolations (`None`), in order.
    Partial(Vec<Option<String>>),
    Unknown,
}

impl Text {
    /// The parts known before apply: the whole text, or a template's literal parts.
    pub fn known_parts(&self) -> Vec<&str> {
        match self {
            Text::Known(text) => vec![text.as_str()],
            Text::Partial(parts) => parts.iter().flatten().map(String::as_str).collect(),
            Text::Unknown => Vec::new(),
        }
    }
}

/// A security group, as the target or source of a rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupRef {
    /// A group declared in this module, by resource address (`aws_security_group.web[0]`).
    Internal(String),
    /// A group from elsewhere: `data.*`, a `module.*` output or a literal `sg-...` id.
    External(String),
    /// The default group AWS makes for a VPC, by the address of the VPC or of the module that
    /// makes it: what `aws_vpc.main.default_security_group_id` and terraform-aws-modules/vpc's
    /// `module.vpc.default_security_group_id` name.
    VpcDefault(String),
    Unknown,
}

/// Which resource type declares a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    /// `aws_security_group`.
    Custom,
    /// `aws_default_security_group`.
    Default,
}

/// The VPC a group belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VpcLink {
    /// An `aws_vpc` of this module, by address.
    Declared(String),
    /// No `vpc_id`: the Region's default VPC.
    DefaultVpc,
    /// A VPC from elsewhere, or an id not known before apply.
    Unknown,
}

/// An `aws_security_group` or `aws_default_security_group` instance.
#[derive(Clone, Debug)]
pub struct SecurityGroup {
    pub address: String,
    pub kind: GroupKind,
    /// The `resource "type" "name"` header.
    pub header: Span,
    pub name: Option<Attr<Text>>,
    pub name_prefix: Option<Attr<Text>>,
    /// The value of the `Name` tag.
    pub name_tag: Option<Attr<Text>>,
    /// The `tags` the resource writes.
    pub tags: Tags,
    /// The tags its provider's `default_tags` add.
    pub default_tags: Tags,
    pub description: Option<Attr<Text>>,
    pub vpc: VpcLink,
    /// The directions the group lists rules for itself (blocks, `dynamic` blocks, or a list
    /// attribute, even an empty one). The provider manages the whole list of each such direction,
    /// so it removes the rules that rule resources add to it; a direction not written is left
    /// alone.
    pub inline_directions: Vec<Direction>,
}

/// A tag key, with where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct TagKey {
    pub key: String,
    pub span: Span,
}

/// The keys of a tag map, as far as they are known before apply.
#[derive(Clone, Debug, PartialEq)]
pub struct Tags {
    /// The keys known before apply.
    pub keys: Vec<TagKey>,
    /// Whether `keys` are all the keys: false when part of the map is not known
    /// (`merge(var.tags, { Team = "web" })`).
    pub complete: bool,
    /// The attribute (or block) that writes them, when there is one.
    pub span: Option<Span>,
}

impl Tags {
    /// No tags, known to be none.
    pub fn none() -> Tags {
        Tags {
            keys: Vec::new(),
            complete: true,
            span: None,
        }
    }

    /// Nothing known about the tags.
    pub fn unknown(span: Option<Span>) -> Tags {
        Tags {
            keys: Vec::new(),
            complete: false,
            span,
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k.key == key)
    }
}

/// The number of groups in a list of group ids (see [`Attachment::groups`]).
pub fn distinct_groups(groups: impl IntoIterator<Item = GroupRef>) -> usize {
    let mut known = rustc_hash::FxHashSet::default();
    let mut unknown = 0;
    for group in groups {
        if group == GroupRef::Unknown {
            unknown += 1;
        } else {
            known.insert(group);
        }
    }
    known.len() + unknown
}

/// A resource that attaches security groups to the network interfaces it creates or uses: an
/// instance, a launch template's interface, a load balancer, a database, a function, ...
#[derive(Clone, Debug)]
pub struct Attachment {
    /// Address of the attaching resource.
    pub address: String,
    /// The attribute, after the blocks that hold it: `vpc_security_group_ids`,
    /// `vpc_config.security_group_ids`.
    pub attribute: String,
    /// How many groups it attaches, when the length of the list is known before apply: each
    /// group not known before apply counts once, a known group listed twice once.
    pub groups: Attr<Option<usize>>,
}

/// Traffic direction of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ingress,
    Egress,
}

/// A normalized IP protocol.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `-1` or `all`.
    All,
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    /// Any other protocol name or number, lower-cased.
    Other(String),
}

impl Protocol {
    /// Parses `-1`, `all`, `tcp`, `6`, `udp`, `17`, `icmp`, `1`, `icmpv6`, `58` (any case).
    pub fn parse(text: &str) -> Protocol {
        match text.trim().to_ascii_lowercase().as_str() {
            "-1" | "all" => Protocol::All,
            "tcp" | "6" => Protocol::Tcp,
            "udp" | "17" => Protocol::Udp,
            "icmp" | "1" => Protocol::Icmp,
            "icmpv6" | "58" => Protocol::Icmpv6,
            other => Protocol::Other(other.to_string()),
        }
    }
}

/// The description the AWS provider gives a group that writes none (`vpc_security_group.go`).
pub const PROVIDER_DEFAULT_DESCRIPTION: &str = "Managed by Terraform";

/// Where a rule is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleOrigin {
    /// An `ingress`/`egress` block (or list attribute) inside the group.
    Inline,
    /// A `dynamic "ingress"`/`dynamic "egress"` block inside the group.
    Dynamic,
    /// An `aws_security_group_rule` resource.
    SecurityGroupRule,
    /// An `aws_vpc_security_group_ingress_rule` or `aws_vpc_security_group_egress_rule` resource.
    VpcSecurityGroupRule,
}

impl RuleOrigin {
    /// Whether the rule is written inside its group (a block, a list element or a `dynamic`).
    pub fn is_inline(self) -> bool {
        matches!(self, RuleOrigin::Inline | RuleOrigin::Dynamic)
    }
}

/// Where a CIDR value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrOrigin {
    Literal,
    /// The `cidr_block` of an `aws_vpc` or `aws_subnet`, by address.
    Network(String),
}

/// What a rule allows traffic from (ingress) or to (egress).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSource {
    Ipv4(Ipv4Net, CidrOrigin),
    Ipv6(Ipv6Net, CidrOrigin),
    PrefixList(String),
    Group(GroupRef),
    /// `self = true`.
    SelfRef,
    /// A CIDR not known before apply that is a VPC's or a subnet's own block, by the expression
    /// that gives it (`aws_subnet.app.cidr_block`, `data.aws_vpc.main.cidr_block`,
    /// `module.vpc.private_subnets_cidr_blocks`): an internal range by construction.
    NetworkBlock(String),
    /// A value not known before apply.
    Unknown,
}

/// Whether an expression not known before apply names the CIDR block of a VPC or a subnet: the
/// `cidr_block`/`ipv6_cidr_block` of `aws_vpc`, `aws_default_vpc`, `aws_subnet` and their data
/// sources, or a CIDR output of terraform-aws-modules/vpc (`vpc_cidr_block`,
/// `private_subnets_cidr_blocks`, ...).
pub fn is_network_block(expression: &str) -> bool {
    let mut parts = expression.split('.');
    let root = parts.next().unwrap_or_default();
    let (kind, attribute) = match root {
        "data" => (parts.next(), parts.nth(1)),
        "module" => {
            let output = parts.nth(1).unwrap_or_default();
            return matches!(
                output,
                "vpc_cidr_block" | "vpc_ipv6_cidr_block" | "vpc_secondary_cidr_blocks"
            ) || output.ends_with("_subnets_cidr_blocks")
                || output.ends_with("_subnets_ipv6_cidr_blocks");
        }
        kind => (Some(kind), parts.nth(1)),
    };
    matches!(kind, Some("aws_vpc" | "aws_default_vpc" | "aws_subnet"))
        && matches!(attribute, Some("cidr_block" | "ipv6_cidr_block"))
}

impl RuleSource {
    /// `0.0.0.0/0` or `::/0`, for a source that is the whole internet.
    pub fn internet(&self) -> Option<&'static str> {
        match self {
            RuleSource::Ipv4(net, _) if net.prefix_len() == 0 => Some("0.0.0.0/0"),
            RuleSource::Ipv6(net, _) if net.prefix_len() == 0 => Some("::/0"),
            _ => None,
        }
    }

    /// The CIDR, for IPv4 and IPv6 sources.
    pub fn cidr(&self) -> Option<(IpNet, &CidrOrigin)> {
        match self {
            RuleSource::Ipv4(net, origin) => Some((IpNet::V4(*net), origin)),
            RuleSource::Ipv6(net, origin) => Some((IpNet::V6(*net), origin)),
            _ => None,
        }
    }
}

/// One security-group rule, from any origin.
#[derive(Clone, Debug)]
pub struct SgRule {
    /// Address of the resource that declares it (the group itself for inline rules).
    pub address: String,
    /// The group the rule belongs to.
    pub group: GroupRef,
    pub direction: Direction,
    pub origin: RuleOrigin,
    /// The block or resource header.
    pub header: Span,
    /// `None` inside when not known before apply.
    pub protocol: Option<Attr<Option<Protocol>>>,
    pub from_port: Option<Attr<Option<i64>>>,
    pub to_port: Option<Attr<Option<i64>>>,
    /// Each source with the span of its own list element where it has one.
    pub sources: Vec<Attr<RuleSource>>,
    pub description: Option<Attr<Text>>,
    /// Whether its references to groups are configuration references, which make Terraform
    /// create the referenced groups first (`.tf` input). Planned and deployed values name groups
    /// by id: a plan exists only if its configuration had no cycle.
    pub references_are_dependencies: bool,
}

/// The traffic a rule allows, as far as it is known before apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Traffic {
    /// Every protocol (`-1`).
    All,
    /// TCP or UDP on a port range.
    Ports {
        protocol: Protocol,
        from: i64,
        to: i64,
    },
    /// A protocol without ports (ICMP, ICMPv6, another number); `from`/`to` mean type and code.
    Other(Protocol),
    Unknown,
}

impl Traffic {
    /// `every protocol and port`, `all TCP ports`, `TCP port 22`, `UDP ports 7000-7100`, `ICMP`;
    /// `None` when unknown.
    pub fn describe(&self) -> Option<String> {
        Some(match self {
            Traffic::All => "every protocol and port".to_string(),
            Traffic::Ports { protocol, from, to } => {
                let name = if *protocol == Protocol::Udp {
                    "UDP"
                } else {
                    "TCP"
                };
                match (from, to) {
                    (0, 65535) => format!("all {name} ports"),
                    (from, to) if from == to => format!("{name} port {from}"),
                    (from, to) => format!("{name} ports {from}-{to}"),
                }
            }
            Traffic::Other(Protocol::Icmp) => "ICMP".to_string(),
            Traffic::Other(Protocol::Icmpv6) => "ICMPv6".to_string(),
            Traffic::Other(Protocol::Other(number)) => format!("protocol `{number}`"),
            Traffic::Other(_) | Traffic::Unknown => return None,
        })
    }

    /// Every protocol, or every port of TCP or UDP.
    pub fn is_every_port(&self) -> bool {
        matches!(
            self,
            Traffic::All
                | Traffic::Ports {
                    from: 0,
                    to: 65535,
                    ..
                }
        )
    }
}

/// What one source of a rule allows, as AWS compares permissions: two equal permissions in one
/// group are duplicates.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Permission {
    pub direction: Direction,
    pub protocol: Protocol,
    /// Ports, or ICMP type and code; 0 and 0 for protocol `-1`.
    pub from: i64,
    pub to: i64,
    pub peer: Peer,
}

/// A rule's source or destination as AWS compares them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Peer {
    Cidr(IpNet),
    PrefixList(String),
    Group(GroupRef),
}

impl Permission {
    /// The protocol and ports it allows.
    pub fn traffic(&self) -> Traffic {
        match &self.protocol {
            Protocol::All => Traffic::All,
            protocol @ (Protocol::Tcp | Protocol::Udp) => Traffic::Ports {
                protocol: protocol.clone(),
                from: self.from,
                to: self.to,
            },
            other => Traffic::Other(other.clone()),
        }
    }
}

impl std::fmt::Display for Peer {
    /// As messages name it: `` `10.0.0.0/16` ``, `` prefix list `pl-1` ``, `` `aws_security_group.db` ``.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Cidr(net) => write!(f, "`{net}`"),
            Peer::PrefixList(id) => write!(f, "prefix list `{id}`"),
            Peer::Group(GroupRef::Internal(address)) => write!(f, "`{}`", resource_name(address)),
            Peer::Group(GroupRef::External(id)) => write!(f, "`{id}`"),
            Peer::Group(GroupRef::VpcDefault(vpc)) => write!(f, "the default group of `{vpc}`"),
            Peer::Group(GroupRef::Unknown) => f.write_str("a group"),
        }
    }
}

/// What an ICMP rule lets through, by its type (`from_port`) and code (`to_port`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IcmpKind {
    /// Error reports only (IPv4 types 3, 11 and 12; ICMPv6 types 1 to 4): destination
    /// unreachable, among them type 3 code 4 "fragmentation needed" that path-MTU discovery needs,
    /// time exceeded, parameter problem, and ICMPv6's "packet too big". They open no service.
    ErrorReports,
    /// Echo request or reply (IPv4 types 8 and 0, ICMPv6 types 128 and 129): ping.
    Echo,
    /// Every type (`-1`).
    Every,
    /// A type that is none of the above.
    Other,
}

impl SgRule {
    /// Whether the rule is written inside its group.
    pub fn is_inline(&self) -> bool {
        self.origin.is_inline()
    }

    /// For an ICMP or ICMPv6 rule whose type is known, what it lets through.
    pub fn icmp(&self) -> Option<IcmpKind> {
        let protocol = self.protocol.as_ref()?.value.as_ref()?;
        let icmp_type = self.from_port.as_ref()?.value?;
        let kind = match (protocol, icmp_type) {
            (Protocol::Icmp, 3 | 11 | 12) | (Protocol::Icmpv6, 1..=4) => IcmpKind::ErrorReports,
            (Protocol::Icmp, 0 | 8) | (Protocol::Icmpv6, 128 | 129) => IcmpKind::Echo,
            (Protocol::Icmp | Protocol::Icmpv6, -1) => IcmpKind::Every,
            (Protocol::Icmp | Protocol::Icmpv6, _) => IcmpKind::Other,
            _ => return None,
        };
        Some(kind)
    }

    /// The ports a rule resource with protocol `-1` writes that AWS ignores: protocol `-1` is
    /// every protocol and port whatever the ports say, so `from_port = 5432` allows all traffic.
    /// `None` when the ports already mean every port (0 and 0, -1 and -1, 0 to 65535), when they
    /// are not known, and for inline rules, which the provider rejects with such ports instead.
    pub fn ignored_ports(&self) -> Option<(i64, i64)> {
        let protocol = self.protocol.as_ref()?.value.as_ref()?;
        if *protocol != Protocol::All || self.is_inline() {
            return None;
        }
        let port = |bound: &Option<Attr<Option<i64>>>| bound.as_ref().and_then(|b| b.value);
        let (from, to) = (port(&self.from_port)?, port(&self.to_port)?);
        let every_port = matches!(from, -1..=1) && matches!(to, -1 | 0 | 65535);
        (!every_port).then_some((from, to))
    }

    /// The permission one of this rule's sources grants, when everything about it is known.
    pub fn permission(&self, source: &RuleSource) -> Option<Permission> {
        let protocol = self.protocol.as_ref()?.value.clone()?;
        let port = |bound: &Option<Attr<Option<i64>>>| bound.as_ref().and_then(|b| b.value);
        let (from, to) = if protocol == Protocol::All {
            (0, 0)
        } else {
            (port(&self.from_port)?, port(&self.to_port)?)
        };
        let peer = match source {
            RuleSource::Ipv4(net, _) => Peer::Cidr(IpNet::V4(net.trunc())),
            RuleSource::Ipv6(net, _) => Peer::Cidr(IpNet::V6(net.trunc())),
            RuleSource::PrefixList(id) => Peer::PrefixList(id.clone()),
            RuleSource::SelfRef => Peer::Group(self.group.clone()),
            RuleSource::Group(GroupRef::Unknown)
            | RuleSource::NetworkBlock(_)
            | RuleSource::Unknown => return None,
            RuleSource::Group(group) => Peer::Group(group.clone()),
        };
        Some(Permission {
            direction: self.direction,
            protocol,
            from,
            to,
            peer,
        })
    }

    /// The protocol and ports of the rule.
    pub fn traffic(&self) -> Traffic {
        let Some(protocol) = self.protocol.as_ref().and_then(|p| p.value.clone()) else {
            return Traffic::Unknown;
        };
        let port = |bound: &Option<Attr<Option<i64>>>| bound.as_ref().and_then(|b| b.value);
        match protocol {
            Protocol::All => Traffic::All,
            Protocol::Tcp | Protocol::Udp => match (port(&self.from_port), port(&self.to_port)) {
                (Some(from), Some(to)) => Traffic::Ports { protocol, from, to },
                _ => Traffic::Unknown,
            },
            other => Traffic::Other(other),
        }
    }

    /// Whether this rule references `source` as its own group.
    pub fn is_self_reference(&self, source: &RuleSource) -> bool {
        match source {
            RuleSource::SelfRef => true,
            RuleSource::Group(g @ GroupRef::Internal(_)) => *g == self.group,
            _ => false,
        }
    }
}

/// An `aws_vpc` (or `aws_subnet`) with the CIDRs it declares.
#[derive(Clone, Debug)]
pub struct Network {
    pub address: String,
    /// For a subnet, the VPC it belongs to when declared in this module.
    pub vpc: Option<String>,
    pub cidrs: Vec<IpNet>,
}

/// Everything sglint knows about one module.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub groups: Vec<SecurityGroup>,
    pub rules: Vec<SgRule>,
    pub vpcs: Vec<Network>,
    pub subnets: Vec<Network>,
    pub attachments: Vec<Attachment>,
    /// The security-group resources (`aws_security_group.web`, `module.a.aws_security_group.web`:
    /// no instance keys) that something other than their own rules refers to (an attachment, a
    /// rule of another group, an output, a module argument), or whose use cannot be judged (a
    /// plan's configuration does not declare them). `None` when nothing can be judged (a file of
    /// the module did not parse, a state has no configuration).
    pub referenced_groups: Option<rustc_hash::FxHashSet<String>>,
    /// Where evaluation stopped at a limit (each is reported, so a limit never hides a finding
    /// without a word).
    pub limits: Vec<crate::eval::LimitHit>,
    /// For each place in a module's caller that a value of the module comes from, the place in
    /// the module that reads it: a finding at the first points at the second too.
    pub forwarded: HashMap<Span, Span>,
    /// The header of the `module` block that made each module instance, by the instance's
    /// address (`module.web`, `module.app["a"].module.sg`).
    pub module_calls: HashMap<String, Span>,
    groups_by_address: HashMap<String, usize>,
    /// For each group (same index as `groups`), the indexes of its rules in `rules`.
    rules_by_group: Vec<Vec<usize>>,
}

impl Model {
    /// Builds the lookup tables once every group and rule is in.
    fn index(&mut self) {
        self.groups_by_address = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.address.clone(), i))
            .collect();
        self.rules_by_group = vec![Vec::new(); self.groups.len()];
        for (i, rule) in self.rules.iter().enumerate() {
            if let GroupRef::Internal(address) = &rule.group
                && let Some(&group) = self.groups_by_address.get(address)
            {
                self.rules_by_group[group].push(i);
            }
        }
    }

    /// The group declared at `address`.
    pub fn group(&self, address: &str) -> Option<&SecurityGroup> {
        self.groups_by_address
            .get(address)
            .map(|&i| &self.groups[i])
    }

    /// The rules of `group`, of every origin, in source order.
    pub fn rules_of(&self, group: &SecurityGroup) -> impl Iterator<Item = &SgRule> {
        let indexes = self
            .groups_by_address
            .get(&group.address)
            .map_or(&[][..], |&g| &self.rules_by_group[g]);
        indexes.iter().map(|&i| &self.rules[i])
    }

    /// The VPC declared at `address`.
    pub fn vpc(&self, address: &str) -> Option<&Network> {
        self.vpcs.iter().find(|v| v.address == address)
    }
}
