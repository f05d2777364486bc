//! Property test: for generated security-group configurations, the `.tf` files and the plan
//! Terraform would print for them give the same findings at the same lines.
//!
//! Each case is one configuration, written as HCL and as `terraform show -json` output the way
//! `testdata/plans/generate.py` renders the hand-written parity fixtures (literal values known,
//! references to resources being created unknown and listed in the `configuration`, attributes the
//! provider computes unknown). Groups, inline and standalone rules of the three resource types,
//! references between groups, a VPC, instances and outputs are drawn at random; every rule of
//! the catalogue is on. The same configurations are also put in a module that the root calls
//! once, with `count` or with `for_each`, against the plan of that tree. `PROPTEST_CASES` sets
//! the number of cases (default 96, 48 for module trees).

use proptest::prelude::*;
use serde_json::{Map, Value as Json, json};
use sglint::config::Settings;
use sglint::lint::{self, Options};
use std::collections::BTreeSet;
use std::fs;

/// An attribute value of the generated configuration.
#[derive(Clone, Debug)]
enum Value {
    /// A reference to a resource being created (unknown until apply), e.g. `aws_vpc.main.id`.
    Ref(String),
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
    /// Nested blocks (`ingress { ... }`), as opposed to an attribute.
    Blocks(Vec<Attrs>),
}

type Attrs = Vec<(String, Value)>;

#[derive(Clone, Debug)]
struct Resource {
    kind: &'static str,
    name: String,
    attrs: Attrs,
}

impl Resource {
    fn address(&self) -> String {
        format!("{}.{}", self.kind, self.name)
    }
}

/// One generated configuration: resources and an output listing group ids.
#[derive(Clone, Debug)]
struct Configuration {
    resources: Vec<Resource>,
    output: Vec<Value>,
}

fn s(text: &str) -> Value {
    Value::Str(text.to_string())
}

fn attr(key: &str, value: Value) -> (String, Value) {
    (key.to_string(), value)
}

fn group_id(index: usize) -> Value {
    Value::Ref(format!("aws_security_group.g{index}.id"))
}

// ---- strategies ----------------------------------------------------------------------------

/// Group names: what the rules look for (traffic in the name, `sg-` prefixes, case) and good ones.
const GROUP_NAMES: &[Option<&str>] = &[
    Some("orders-app-production"),
    Some("allow-https-443"),
    Some("sg-orders"),
    Some("Game_Servers"),
    Some("ssh"),
    None,
];

const DESCRIPTIONS: &[Option<&str>] = &[
    Some("Orders application servers"),
    Some("Managed by Terraform"),
    Some("TODO"),
    Some("game"),
    Some("Partner API (beta) <new>"),
    Some(""),
    None,
];

const CIDRS_V4: &[&str] = &[
    "0.0.0.0/0",
    "10.0.1.0/24",
    "10.0.0.0/8",
    "203.0.113.0/24",
    "192.168.0.0/16",
];

const CIDRS_V6: &[&str] = &["::/0", "2001:db8::/32"];

/// (protocol, from_port, to_port), including ranges the rules object to.
const TRAFFIC: &[(&str, i64, i64)] = &[
    ("tcp", 22, 22),
    ("tcp", 443, 443),
    ("tcp", 0, 65535),
    ("-1", 0, 0),
    ("udp", 7777, 7777),
    ("6", 5432, 5432),
    ("tcp", 443, 80),
    ("icmp", -1, -1),
    ("tcp", 8000, 8100),
];

/// What a rule lets through: CIDRs, the group itself, or another group (by index, resolved
/// against the groups that exist when the configuration is assembled).
#[derive(Clone, Debug)]
enum Peer {
    Cidrs(Vec<&'static str>, Vec<&'static str>),
    SelfRef,
    Group(usize),
}

fn peer() -> impl Strategy<Value = Peer> {
    prop_oneof![
        3 => (
            prop::sample::subsequence(CIDRS_V4, 0..=2),
            prop::sample::subsequence(CIDRS_V6, 0..=1)
        )
            .prop_map(|(v4, v6)| Peer::Cidrs(v4, v6)),
        1 => Just(Peer::SelfRef),
        2 => (0usize..8).prop_map(Peer::Group),
    ]
}

#[derive(Clone, Debug)]
struct RuleSpec {
    ingress: bool,
    traffic: (&'static str, i64, i64),
    peer: Peer,
    description: Option<&'static str>,
}

fn rule_spec() -> impl Strategy<Value = RuleSpec> {
    (
        any::<bool>(),
        prop::sample::select(TRAFFIC),
        peer(),
        prop::sample::select(DESCRIPTIONS),
    )
        .prop_map(|(ingress, traffic, peer, description)| RuleSpec {
            ingress,
            traffic,
            peer,
            description,
        })
}

#[derive(Clone, Debug)]
struct GroupSpec {
    name: Option<&'static str>,
    description: Option<&'static str>,
    tags: Option<(&'static str, &'static str)>,
    in_vpc: bool,
    inline: Vec<RuleSpec>,
}

fn group_spec() -> impl Strategy<Value = GroupSpec> {
    (
        prop::sample::select(GROUP_NAMES),
        prop::sample::select(DESCRIPTIONS),
        prop::option::of(prop::sample::select(vec![
            ("Name", "orders-app"),
            ("name", "orders-app"),
            ("Team", "platform"),
        ])),
        any::<bool>(),
        prop::collection::vec(rule_spec(), 0..3),
    )
        .prop_map(|(name, description, tags, in_vpc, inline)| GroupSpec {
            name,
            description,
            tags,
            in_vpc,
            inline,
        })
}

/// The three resource types of a standalone rule.
#[derive(Clone, Copy, Debug)]
enum StandaloneKind {
    SecurityGroupRule,
    VpcRule,
}

#[derive(Clone, Debug)]
struct StandaloneSpec {
    kind: StandaloneKind,
    group: usize,
    rule: RuleSpec,
}

fn standalone_spec() -> impl Strategy<Value = StandaloneSpec> {
    (
        prop_oneof![
            Just(StandaloneKind::SecurityGroupRule),
            Just(StandaloneKind::VpcRule)
        ],
        0usize..8,
        rule_spec(),
    )
        .prop_map(|(kind, group, rule)| StandaloneSpec { kind, group, rule })
}

fn configuration() -> impl Strategy<Value = Configuration> {
    (
        prop::collection::vec(group_spec(), 1..5),
        prop::collection::vec(standalone_spec(), 0..4),
        prop::collection::vec(prop::collection::vec(0usize..8, 0..8), 0..2),
        prop::collection::vec(0usize..8, 0..4),
    )
        .prop_map(|(groups, standalone, instances, output)| {
            assemble(&groups, &standalone, &instances, &output)
        })
}

// ---- assembling resources --------------------------------------------------------------------

/// Turns the drawn specs into resources. Inline rules only name groups declared before their
/// own (Terraform rejects a cycle of inline references, so no plan exists for one).
fn assemble(
    groups: &[GroupSpec],
    standalone: &[StandaloneSpec],
    instances: &[Vec<usize>],
    output: &[usize],
) -> Configuration {
    let mut resources = Vec::new();
    if groups.iter().any(|g| g.in_vpc) {
        resources.push(Resource {
            kind: "aws_vpc",
            name: "main".to_string(),
            attrs: vec![attr("cidr_block", s("10.0.0.0/16"))],
        });
    }
    for (index, group) in groups.iter().enumerate() {
        let mut attrs = Vec::new();
        if let Some(name) = group.name {
            attrs.push(attr("name", s(name)));
        }
        if let Some(description) = group.description {
            attrs.push(attr("description", s(description)));
        }
        if group.in_vpc {
            attrs.push(attr("vpc_id", Value::Ref("aws_vpc.main.id".to_string())));
        }
        if let Some((key, value)) = group.tags {
            attrs.push(attr("tags", Value::Map(vec![attr(key, s(value))])));
        }
        for direction in ["ingress", "egress"] {
            let mut blocks: Vec<Attrs> = Vec::new();
            let written = group
                .inline
                .iter()
                .filter(|r| r.ingress == (direction == "ingress"))
                .filter_map(|r| inline_block(r, index));
            let mut named: Option<String> = None;
            for block in written {
                // Inline rules are a set: Terraform keeps one of two identical blocks.
                if blocks
                    .iter()
                    .any(|b| format!("{b:?}") == format!("{block:?}"))
                {
                    continue;
                }
                // When inline rules reference groups, the plan's configuration lists only the
                // references of the whole list: which rule names which group is lost when they
                // name two (and sglint then reports nothing). Keep to what a plan can say.
                if let Some((_, peers)) = block.iter().find(|(k, _)| k == "security_groups") {
                    let peers = format!("{peers:?}");
                    if named.get_or_insert_with(|| peers.clone()) != &peers {
                        continue;
                    }
                }
                blocks.push(block);
            }
            if !blocks.is_empty() {
                attrs.push(attr(direction, Value::Blocks(blocks)));
            }
        }
        resources.push(Resource {
            kind: "aws_security_group",
            name: format!("g{index}"),
            attrs,
        });
    }
    for (n, rule) in standalone.iter().enumerate() {
        let owner = rule.group % groups.len();
        resources.push(standalone_rule(rule, owner, groups.len(), n));
    }
    for (n, ids) in instances.iter().enumerate() {
        let ids: BTreeSet<usize> = ids.iter().map(|i| i % groups.len()).collect();
        resources.push(Resource {
            kind: "aws_instance",
            name: format!("i{n}"),
            attrs: vec![
                attr("ami", s("ami-0abcdef1234567890")),
                attr("instance_type", s("t3.micro")),
                attr(
                    "vpc_security_group_ids",
                    Value::List(ids.into_iter().map(group_id).collect()),
                ),
            ],
        });
    }
    let output: BTreeSet<usize> = output.iter().map(|i| i % groups.len()).collect();
    Configuration {
        resources,
        output: output.into_iter().map(group_id).collect(),
    }
}

/// An inline rule of group `own`; `None` when it would name a later group (or itself by id).
fn inline_block(rule: &RuleSpec, own: usize) -> Option<Attrs> {
    let (protocol, from, to) = rule.traffic;
    let mut block = Vec::new();
    // A plan writes `description = ""` for every inline rule without one, so an empty
    // description and none are the same there; the `.tf` input tells them apart. Only the
    // written ones are generated.
    if let Some(description) = rule.description.filter(|d| !d.is_empty()) {
        block.push(attr("description", s(description)));
    }
    block.extend([
        attr("from_port", Value::Int(from)),
        attr("to_port", Value::Int(to)),
        attr("protocol", s(protocol)),
    ]);
    match &rule.peer {
        Peer::Cidrs(v4, v6) => {
            block.push(attr("cidr_blocks", strings(v4)));
            if !v6.is_empty() {
                block.push(attr("ipv6_cidr_blocks", strings(v6)));
            }
        }
        Peer::SelfRef => block.push(attr("self", Value::Bool(true))),
        Peer::Group(other) if *other < own => {
            block.push(attr("security_groups", Value::List(vec![group_id(*other)])))
        }
        Peer::Group(_) => return None,
    }
    Some(block)
}

/// A standalone rule of group `owner`: `aws_security_group_rule` or the VPC rule resources.
fn standalone_rule(spec: &StandaloneSpec, owner: usize, groups: usize, n: usize) -> Resource {
    let rule = &spec.rule;
    let (protocol, from, to) = rule.traffic;
    let mut attrs = vec![attr("security_group_id", group_id(owner))];
    let kind = match spec.kind {
        StandaloneKind::SecurityGroupRule => {
            let direction = if rule.ingress { "ingress" } else { "egress" };
            attrs.extend([
                attr("type", s(direction)),
                attr("protocol", s(protocol)),
                attr("from_port", Value::Int(from)),
                attr("to_port", Value::Int(to)),
            ]);
            match &rule.peer {
                Peer::Cidrs(v4, v6) => {
                    attrs.push(attr("cidr_blocks", strings(v4)));
                    if !v6.is_empty() {
                        attrs.push(attr("ipv6_cidr_blocks", strings(v6)));
                    }
                }
                Peer::SelfRef => attrs.push(attr("self", Value::Bool(true))),
                Peer::Group(other) => {
                    attrs.push(attr("source_security_group_id", group_id(other % groups)))
                }
            }
            "aws_security_group_rule"
        }
        StandaloneKind::VpcRule => {
            attrs.push(attr("ip_protocol", s(protocol)));
            if protocol != "-1" {
                attrs.push(attr("from_port", Value::Int(from)));
                attrs.push(attr("to_port", Value::Int(to)));
            }
            match &rule.peer {
                Peer::Cidrs(v4, _) if !v4.is_empty() => attrs.push(attr("cidr_ipv4", s(v4[0]))),
                Peer::Cidrs(_, v6) => {
                    attrs.push(attr("cidr_ipv6", s(v6.first().unwrap_or(&"::/0"))))
                }
                // These resources have no `self`: the group names itself.
                Peer::SelfRef => attrs.push(attr("referenced_security_group_id", group_id(owner))),
                Peer::Group(other) => attrs.push(attr(
                    "referenced_security_group_id",
                    group_id(other % groups),
                )),
            }
            if rule.ingress {
                "aws_vpc_security_group_ingress_rule"
            } else {
                "aws_vpc_security_group_egress_rule"
            }
        }
    };
    if let Some(description) = rule.description {
        attrs.push(attr("description", s(description)));
    }
    Resource {
        kind,
        name: format!("r{n}"),
        attrs,
    }
}

fn strings(items: &[&str]) -> Value {
    Value::List(items.iter().map(|c| s(c)).collect())
}

// ---- HCL -------------------------------------------------------------------------------------

fn hcl_value(value: &Value, indent: usize) -> String {
    match value {
        Value::Ref(expression) => expression.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Str(text) => Json::from(text.as_str()).to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|v| hcl_value(v, indent)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(pairs) => {
            let pad = "  ".repeat(indent);
            let inner: String = pairs
                .iter()
                .map(|(k, v)| format!("{pad}  {k} = {}\n", hcl_value(v, indent + 1)))
                .collect();
            format!("{{\n{inner}{pad}}}")
        }
        Value::Blocks(_) => unreachable!("blocks are written by hcl_body"),
    }
}

fn hcl_body(attrs: &Attrs, indent: usize) -> String {
    let pad = "  ".repeat(indent);
    let mut out = String::new();
    for (key, value) in attrs {
        if !matches!(value, Value::Blocks(_)) {
            out += &format!("{pad}{key} = {}\n", hcl_value(value, indent));
        }
    }
    for (key, value) in attrs {
        if let Value::Blocks(blocks) = value {
            for block in blocks {
                out += &format!("\n{pad}{key} {{\n{}{pad}}}\n", hcl_body(block, indent + 1));
            }
        }
    }
    out
}

fn render_tf(config: &Configuration) -> String {
    let mut out = vec!["provider \"aws\" {\n  region = \"eu-west-1\"\n}\n".to_string()];
    for r in &config.resources {
        out.push(format!(
            "resource \"{}\" \"{}\" {{\n{}}}\n",
            r.kind,
            r.name,
            hcl_body(&r.attrs, 1)
        ));
    }
    if !config.output.is_empty() {
        out.push(format!(
            "output \"security_group_ids\" {{\n  value = {}\n}}\n",
            hcl_value(&Value::List(config.output.clone()), 1)
        ));
    }
    out.join("\n")
}

// ---- plan JSON -------------------------------------------------------------------------------

/// Attributes the provider fills in when not written, with their value (`None`: unknown).
fn defaults(kind: &str) -> Vec<(&'static str, Json)> {
    match kind {
        "aws_security_group" => vec![
            ("description", json!("Managed by Terraform")),
            ("egress", json!([])),
            ("ingress", json!([])),
            ("name", Json::Null),
            ("name_prefix", Json::Null),
            ("revoke_rules_on_delete", json!(false)),
            ("tags", Json::Null),
            ("timeouts", Json::Null),
            ("vpc_id", Json::Null),
        ],
        "aws_security_group_rule" => vec![
            ("cidr_blocks", Json::Null),
            ("description", Json::Null),
            ("ipv6_cidr_blocks", Json::Null),
            ("prefix_list_ids", Json::Null),
            ("self", json!(false)),
            ("source_security_group_id", Json::Null),
            ("timeouts", Json::Null),
        ],
        "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => vec![
            ("cidr_ipv4", Json::Null),
            ("cidr_ipv6", Json::Null),
            ("description", Json::Null),
            ("from_port", Json::Null),
            ("prefix_list_id", Json::Null),
            ("referenced_security_group_id", Json::Null),
            ("tags", Json::Null),
            ("to_port", Json::Null),
        ],
        "aws_vpc" => vec![
            ("enable_dns_support", json!(true)),
            ("instance_tenancy", json!("default")),
            ("tags", Json::Null),
        ],
        _ => Vec::new(),
    }
}

/// Attributes computed when not written.
fn computed(kind: &str) -> &'static [&'static str] {
    match kind {
        "aws_security_group" => &[
            "arn",
            "id",
            "owner_id",
            "tags_all",
            "name",
            "name_prefix",
            "vpc_id",
        ],
        "aws_security_group_rule" => &["id", "security_group_rule_id", "source_security_group_id"],
        "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => {
            &["arn", "id", "security_group_rule_id", "tags_all"]
        }
        "aws_vpc" => &["arn", "id", "default_security_group_id"],
        "aws_instance" => &["arn", "id", "private_ip"],
        _ => &[],
    }
}

/// The fields every inline rule has in a plan.
fn inline_fields() -> Vec<(String, Value)> {
    vec![
        attr("cidr_blocks", Value::List(Vec::new())),
        attr("description", s("")),
        attr("ipv6_cidr_blocks", Value::List(Vec::new())),
        attr("prefix_list_ids", Value::List(Vec::new())),
        attr("security_groups", Value::List(Vec::new())),
        attr("self", Value::Bool(false)),
    ]
}

/// `after` and `after_unknown` of one value: unknown attributes are left out of `after`.
fn planned(value: &Value) -> (Json, Json) {
    match value {
        Value::Ref(_) => (Json::Null, json!(true)),
        Value::Bool(b) => (json!(b), json!(false)),
        Value::Int(i) => (json!(i), json!(false)),
        Value::Str(text) => (json!(text), json!(false)),
        Value::List(items) => {
            let (after, unknown): (Vec<Json>, Vec<Json>) = items.iter().map(planned).unzip();
            (Json::Array(after), Json::Array(unknown))
        }
        Value::Map(pairs) => planned_object(pairs),
        Value::Blocks(blocks) => {
            let (after, unknown): (Vec<Json>, Vec<Json>) =
                blocks.iter().map(|b| planned_object(b)).unzip();
            (Json::Array(after), Json::Array(unknown))
        }
    }
}

fn planned_object(pairs: &[(String, Value)]) -> (Json, Json) {
    let mut after = Map::new();
    let mut unknown = Map::new();
    for (key, value) in pairs {
        let (a, u) = planned(value);
        if u != json!(true) {
            after.insert(key.clone(), a);
        }
        if u != json!(false) && u != json!([]) && u != json!({}) {
            unknown.insert(key.clone(), u);
        }
    }
    (Json::Object(after), Json::Object(unknown))
}

fn contains_ref(value: &Value) -> bool {
    match value {
        Value::Ref(_) => true,
        Value::List(items) => items.iter().any(contains_ref),
        Value::Map(pairs) => pairs.iter().any(|(_, v)| contains_ref(v)),
        Value::Blocks(blocks) => blocks.iter().flatten().any(|(_, v)| contains_ref(v)),
        _ => false,
    }
}

/// Terraform lists a reference and its resource: `["aws_vpc.main.id", "aws_vpc.main"]`.
fn references(expression: &str) -> Vec<Json> {
    let resource: Vec<&str> = expression.split('.').take(2).collect();
    vec![json!(expression), json!(resource.join("."))]
}

fn constant(value: &Value) -> Json {
    planned(value).0
}

/// Every reference in a value, each with its resource, as the `configuration` lists them.
fn all_references(value: &Value, out: &mut Vec<Json>) {
    match value {
        Value::Ref(e) => out.extend(references(e)),
        Value::List(items) => items.iter().for_each(|v| all_references(v, out)),
        Value::Map(pairs) => pairs.iter().for_each(|(_, v)| all_references(v, out)),
        Value::Blocks(blocks) => blocks
            .iter()
            .flatten()
            .for_each(|(_, v)| all_references(v, out)),
        _ => {}
    }
}

/// The `configuration` expression of a group's `ingress` or `egress` blocks: the provider
/// declares them as an attribute, so Terraform writes one constant list (every field, `null`
/// when not written) or, when any rule has a reference, only the references.
fn inline_rules_expression(blocks: &Value) -> Json {
    if contains_ref(blocks) {
        let mut refs = Vec::new();
        all_references(blocks, &mut refs);
        return json!({ "references": refs });
    }
    let Value::Blocks(blocks) = blocks else {
        unreachable!("inline rules are blocks")
    };
    let rules: Vec<Json> = blocks
        .iter()
        .map(|block| {
            let mut rule: Map<String, Json> = ["from_port", "to_port", "protocol"]
                .into_iter()
                .map(String::from)
                .chain(inline_fields().into_iter().map(|(k, _)| k))
                .map(|k| (k, Json::Null))
                .collect();
            for (key, value) in block {
                rule.insert(key.clone(), constant(value));
            }
            Json::Object(rule)
        })
        .collect();
    json!({ "constant_value": rules })
}

/// The `configuration` expression of one attribute.
fn expression(value: &Value) -> Json {
    match value {
        Value::Ref(e) => json!({ "references": references(e) }),
        Value::Blocks(blocks) => Json::Array(
            blocks
                .iter()
                .map(|b| Json::Object(b.iter().map(|(k, v)| (k.clone(), expression(v))).collect()))
                .collect(),
        ),
        v if contains_ref(v) => {
            let children: Vec<&Value> = match v {
                Value::List(items) => items.iter().collect(),
                Value::Map(pairs) => pairs.iter().map(|(_, v)| v).collect(),
                _ => Vec::new(),
            };
            let refs: Vec<Json> = children
                .into_iter()
                .filter_map(|c| match c {
                    Value::Ref(e) => Some(references(e)),
                    _ => None,
                })
                .flatten()
                .collect();
            json!({ "references": refs })
        }
        v => json!({ "constant_value": constant(v) }),
    }
}

fn render_plan(config: &Configuration) -> Json {
    let mut changes = Vec::new();
    let mut resources = Vec::new();
    for r in &config.resources {
        let mut values: Vec<(String, Value)> = Vec::new();
        let mut known: Map<String, Json> = Map::new();
        for (key, value) in defaults(r.kind) {
            known.insert(key.to_string(), value);
        }
        for (key, value) in &r.attrs {
            known.remove(key);
            let value = match value {
                Value::Blocks(blocks) if key == "ingress" || key == "egress" => Value::Blocks(
                    blocks
                        .iter()
                        .map(|b| {
                            let mut full = inline_fields();
                            full.retain(|(k, _)| !b.iter().any(|(bk, _)| bk == k));
                            full.extend(b.iter().cloned());
                            full
                        })
                        .collect(),
                ),
                other => other.clone(),
            };
            values.push((key.clone(), value));
        }
        let (after, unknown) = planned_object(&values);
        let (Json::Object(mut after), Json::Object(mut unknown)) = (after, unknown) else {
            unreachable!()
        };
        for (key, value) in known {
            after.insert(key, value);
        }
        let written = |key: &str| r.attrs.iter().any(|(k, _)| k == key);
        for key in computed(r.kind) {
            if *key == "tags_all" {
                if let Some(tags) = after.get("tags").filter(|t| t.is_object()) {
                    after.insert("tags_all".to_string(), tags.clone());
                    continue;
                }
            }
            if !written(key) {
                after.remove(*key);
                unknown.insert(key.to_string(), json!(true));
            }
        }
        changes.push(json!({
            "address": r.address(),
            "mode": "managed",
            "type": r.kind,
            "name": r.name,
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": null, "after": after, "after_unknown": unknown},
        }));
        let expressions: Map<String, Json> = r
            .attrs
            .iter()
            .map(|(k, v)| {
                let inline = r.kind == "aws_security_group" && (k == "ingress" || k == "egress");
                let e = if inline {
                    inline_rules_expression(v)
                } else {
                    expression(v)
                };
                (k.clone(), e)
            })
            .collect();
        resources.push(json!({
            "address": r.address(),
            "mode": "managed",
            "type": r.kind,
            "name": r.name,
            "provider_config_key": "aws",
            "expressions": expressions,
        }));
    }
    let mut root = json!({ "resources": resources });
    if !config.output.is_empty() {
        root["outputs"] = json!({
            "security_group_ids": {"expression": expression(&Value::List(config.output.clone()))}
        });
    }
    json!({
        "format_version": "1.2",
        "terraform_version": "1.9.6",
        "planned_values": {"root_module": {"resources": []}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}},
            "root_module": root,
        },
    })
}

// ---- the property ----------------------------------------------------------------------------

/// Every rule of the catalogue, those off by default included.
fn every_rule() -> Settings {
    let mut settings = Settings::default();
    settings.select = (settings.registry.entries().iter())
        .map(|e| e.id.clone())
        .collect();
    settings
}

/// (rule, resource without instance key, file name, line, message) of every finding.
type Finding = (String, String, String, usize, String);

fn findings(paths: Vec<std::path::PathBuf>) -> BTreeSet<Finding> {
    let options = Options {
        paths,
        settings: every_rule(),
        ..Options::default()
    };
    let report = lint::lint(&options).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let file = report.sources.file(d.span.file);
            (
                d.rule.to_string(),
                d.resource.clone().unwrap_or_default(),
                file.path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                d.location.start.line,
                d.message.to_string(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_configuration_and_its_plan_give_the_same_findings(config in configuration()) {
        let dir = tempfile::tempdir().unwrap();
        let tf = dir.path().join("main.tf");
        let plan = dir.path().join("plan.json");
        fs::write(&tf, render_tf(&config)).unwrap();
        fs::write(&plan, serde_json::to_string_pretty(&render_plan(&config)).unwrap()).unwrap();
        let from_tf = findings(vec![tf.clone()]);
        let from_plan = findings(vec![plan]);
        prop_assert!(
            from_tf.iter().all(|f| f.0 != "parse-error"),
            "the generated HCL parses:\n{}",
            fs::read_to_string(&tf).unwrap()
        );
        prop_assert_eq!(
            &from_tf,
            &from_plan,
            "\n{}",
            fs::read_to_string(&tf).unwrap()
        );
    }
}

// ---- the same configuration inside a module --------------------------------------------------

/// How the root module calls the module that holds the generated configuration.
#[derive(Clone, Debug)]
enum Call {
    Once,
    Count(usize),
    ForEach(Vec<&'static str>),
}

impl Call {
    /// The addresses of the module's instances.
    fn instances(&self) -> Vec<String> {
        match self {
            Call::Once => vec!["module.child".to_string()],
            Call::Count(n) => (0..*n).map(|i| format!("module.child[{i}]")).collect(),
            Call::ForEach(keys) => keys
                .iter()
                .map(|k| format!("module.child[\"{k}\"]"))
                .collect(),
        }
    }
}

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        Just(Call::Once),
        (1usize..=3).prop_map(Call::Count),
        Just(Call::ForEach(vec!["blue", "green"])),
    ]
}

/// The root module's `main.tf`, which calls `modules/child` (the generated configuration,
/// without its provider block: the module gets the root's provider).
fn render_root_tf(call: &Call) -> String {
    let meta = match call {
        Call::Once => String::new(),
        Call::Count(n) => format!("  count  = {n}\n"),
        Call::ForEach(keys) => format!(
            "  for_each = toset([{}])\n",
            keys.iter()
                .map(|k| format!("\"{k}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "provider \"aws\" {{\n  region = \"eu-west-1\"\n}}\n\nmodule \"child\" {{\n  source = \"./modules/child\"\n{meta}}}\n"
    )
}

/// The plan of the root module: the configuration's resources once per instance of the call,
/// and its configuration under the call.
fn render_tree_plan(config: &Configuration, call: &Call) -> Json {
    let mut plan = render_plan(config);
    let changes = plan["resource_changes"].as_array().unwrap().clone();
    let mut all = Vec::new();
    for instance in call.instances() {
        for change in &changes {
            let mut change = change.clone();
            let address = format!("{instance}.{}", change["address"].as_str().unwrap());
            change["address"] = json!(address);
            change["module_address"] = json!(instance);
            all.push(change);
        }
    }
    plan["resource_changes"] = json!(all);
    let child = plan["configuration"]["root_module"].take();
    let mut module_call = json!({"source": "./modules/child", "module": child});
    match call {
        Call::Once => {}
        Call::Count(n) => module_call["count_expression"] = json!({"constant_value": n}),
        Call::ForEach(keys) => module_call["for_each_expression"] = json!({"constant_value": keys}),
    }
    plan["configuration"]["root_module"] = json!({"module_calls": {"child": module_call}});
    plan
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_module_tree_and_its_plan_give_the_same_findings(config in configuration(), call in call()) {
        let dir = tempfile::tempdir().unwrap();
        let child = dir.path().join("modules/child");
        fs::create_dir_all(&child).unwrap();
        let module_text = render_tf(&config);
        // The generated configuration without its provider block.
        let module_text = module_text.split_once("}\n").map_or("", |(_, rest)| rest);
        fs::write(child.join("main.tf"), module_text).unwrap();
        fs::write(dir.path().join("main.tf"), render_root_tf(&call)).unwrap();
        let plan = dir.path().join("plan.json");
        let rendered = render_tree_plan(&config, &call);
        fs::write(&plan, serde_json::to_string_pretty(&rendered).unwrap()).unwrap();
        let from_tf = findings(vec![dir.path().to_path_buf()]);
        let from_plan = findings(vec![plan]);
        prop_assert!(
            from_tf.iter().all(|f| f.0 != "parse-error"),
            "the generated HCL parses:\n{module_text}"
        );
        prop_assert_eq!(&from_tf, &from_plan, "\n{}\n{:?}", module_text, call);
    }
}
