//! The security-group resources of a plan or state as evaluated resources: `after` merged with
//! `after_unknown`, ids of groups and VPCs of the same plan resolved to their addresses, and group
//! references that are unknown at plan time recovered from the `configuration`.

use super::configuration::{ConfigTree, ModuleConfig, ResourceConfig};
use super::format::{Document, ValuesModule};
use super::usage::Usage;
use crate::address::{join, module_segments, resource_reference, without_keys};
use crate::eval::Value;
use crate::model::{self, EvaluatedResource, Model, PROVIDER_DEFAULT_DESCRIPTION};
use crate::source::{FileId, KnownPositions, Span};
use rustc_hash::FxHashSet;
use serde_json::Value as Json;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};

/// The resource types sglint models.
pub(super) const KINDS: &[&str] = &[
    "aws_security_group",
    "aws_default_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_vpc",
    "aws_default_vpc",
    "aws_subnet",
];

/// Group-reference attributes of rule resources.
pub(super) const GROUP_FIELDS: &[&str] = &[
    "security_group_id",
    "source_security_group_id",
    "referenced_security_group_id",
];

/// CIDR attributes, whose values may be the CIDR of a VPC or subnet of the plan.
const CIDR_FIELDS: &[&str] = &["cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"];

/// One resource as read, copied out of the document, before conversion.
struct Raw {
    address: String,
    /// The module instance it belongs to (`""` for the root module).
    module: String,
    kind: String,
    span: Span,
    /// Parsed only when the resource is converted, so that one resource's values are in memory
    /// at a time.
    after: Box<RawValue>,
    unknown: Option<Box<RawValue>>,
    /// Whether it exists before the change (see [`EvaluatedResource::lists_managed_rules`]).
    exists: bool,
}

/// The attributes of groups, VPCs and subnets that other resources refer to.
#[derive(serde::Deserialize)]
struct Referenced {
    id: Option<String>,
    cidr_block: Option<String>,
    ipv6_cidr_block: Option<String>,
}

/// Where a document's text starts in its file, to turn borrowed JSON into spans.
pub struct Origin<'t> {
    pub text: &'t str,
    pub file: FileId,
}

impl Origin<'_> {
    fn span(&self, raw: &RawValue) -> Span {
        let start = raw.get().as_ptr() as usize - self.text.as_ptr() as usize;
        Span::new(self.file, start..start + raw.get().len())
    }
}

/// The modelled resources of a plan or state with what its configuration says about them, owned:
/// the document and its text can be dropped before [`Resources::model`] builds the model.
pub struct Resources {
    raws: Vec<Raw>,
    /// The configuration, when the document has one.
    config: Option<ConfigTree>,
    referenced_groups: Option<FxHashSet<String>>,
}

/// Reads the modelled resources of a plan (or state) document, with their positions in it (every
/// span of the model into the document is one of them). The document's configuration is taken
/// and dropped before the resources are copied, so that the two are not in memory together.
pub fn read(
    doc: &mut Document<'_>,
    origin: &Origin<'_>,
    include_drift: bool,
) -> (Resources, KnownPositions) {
    let (usage, config) = match doc.configuration.take() {
        Some(configuration) => (
            configuration.root_module.as_ref().map(Usage::of),
            ConfigTree::new(configuration),
        ),
        None => (None, None),
    };
    // The configuration's pages are not reused by the copies below (other sizes).
    crate::memory::release_freed();
    let mut raws = Vec::new();
    if let Some(changes) = &doc.resource_changes {
        raws.reserve_exact(changes.len());
        let mut seen = BTreeSet::new();
        let drift = doc
            .resource_drift
            .iter()
            .flatten()
            .filter(|_| include_drift);
        for change in changes.iter().chain(drift) {
            let Some(after) = change.change.after.filter(|a| a.get() != "null") else {
                continue;
            };
            let module = change.module_address.as_deref().unwrap_or_default();
            let address = match change.address {
                Some(address) => string(address),
                None => {
                    let index = change
                        .index
                        .map_or(String::new(), |i| format!("[{}]", i.get()));
                    let name = change.name.as_deref().unwrap_or_default();
                    join(module, &format!("{}.{name}{index}", change.kind))
                }
            };
            if !seen.insert(address.clone()) {
                continue;
            }
            raws.push(Raw {
                module: module.to_string(),
                kind: change.kind.to_string(),
                span: origin.span(change.address.unwrap_or(after)),
                after: after.to_owned(),
                unknown: change.change.after_unknown.map(RawValue::to_owned),
                exists: change.change.actions.iter().any(|a| a != "create"),
                address,
            });
        }
    } else if let Some(root) = doc
        .values
        .as_ref()
        .or(doc.planned_values.as_ref())
        .and_then(|v| v.root_module.as_ref())
    {
        walk_values(root, origin, &mut raws);
    }
    let positions = KnownPositions::new(
        origin.text,
        raws.iter().flat_map(|raw| [raw.span.start, raw.span.end]),
    );
    let groups = raws
        .iter()
        .filter(|raw| raw.kind == "aws_security_group")
        .map(|raw| raw.address.as_str());
    let resources = Resources {
        referenced_groups: usage.map(|usage| usage.referenced_groups(groups)),
        config,
        raws,
    };
    (resources, positions)
}

impl Resources {
    /// Builds the model, one resource at a time (each is dropped once converted), and gives back
    /// the configuration.
    pub fn model(self) -> (Model, Option<ConfigTree>) {
        let context = Context::new(&self.raws, self.config.as_ref());
        let model = model::build_evaluated(
            self.raws.into_iter().map(|raw| context.convert(raw)),
            self.referenced_groups,
        );
        (model, self.config)
    }
}

fn walk_values(module: &ValuesModule<'_>, origin: &Origin<'_>, out: &mut Vec<Raw>) {
    for resource in module.resources.iter().flatten() {
        let Some(after) = resource.values.filter(|a| a.get() != "null") else {
            continue;
        };
        out.push(Raw {
            address: string(resource.address),
            module: module.address.clone().unwrap_or_default(),
            kind: resource.kind.to_string(),
            span: origin.span(resource.address),
            after: after.to_owned(),
            unknown: None,
            exists: true,
        });
    }
    for child in &module.child_modules {
        walk_values(child, origin, out);
    }
}

fn parse(raw: &RawValue) -> Option<Json> {
    serde_json::from_str(raw.get())
        .ok()
        .or_else(|| serde_json::from_str(&without_huge_numbers(raw.get())?).ok())
}

/// What a number too large for a 64-bit float (`1e400`, which JSON allows and serde_json cannot
/// hold) is read as: a string no plan holds, converted to an unknown value, so that only the
/// attribute that holds it is unknown, not the whole resource.
const HUGE_NUMBER: &str = "\u{0}sglint: a number out of range";

/// The JSON text with each number out of a float's range replaced by [`HUGE_NUMBER`]; `None`
/// when there is none (the text is broken otherwise).
fn without_huge_numbers(json: &str) -> Option<String> {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut i, mut copied, mut replaced) = (0, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip the string, escapes included.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let number = &json[start..i];
                if number.parse::<f64>().is_ok_and(|n| n.is_infinite()) {
                    out.push_str(&json[copied..start]);
                    out.push_str(&serde_json::to_string(HUGE_NUMBER).ok()?);
                    copied = i;
                    replaced = true;
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(json.get(copied..)?);
    replaced.then_some(out)
}

fn string(raw: &RawValue) -> String {
    serde_json::from_str(raw.get()).unwrap_or_else(|_| raw.get().to_string())
}

/// A plan gives every inline rule a `description`, `""` when none is written (as AWS stores it):
/// it is read as not written, as in the `.tf` file.
fn unset_empty_inline_descriptions(values: &mut BTreeMap<String, Value>) {
    for direction in ["ingress", "egress"] {
        if let Some(Value::List(rules)) = values.get_mut(direction) {
            for rule in rules {
                if let Value::Object(rule) = rule
                    && rule.get("description").and_then(Value::as_str) == Some("")
                {
                    rule.remove("description");
                }
            }
        }
    }
}

/// What conversion needs to know about the whole document.
struct Context<'c> {
    /// Group and VPC ids (`sg-...`, `vpc-...`) to their addresses.
    ids: BTreeMap<String, Value>,
    /// CIDR blocks of the plan's VPCs and subnets, to their addresses.
    networks: BTreeMap<String, String>,
    /// The plan's groups and VPCs by address, as the value of their `id`.
    addresses: BTreeMap<String, Value>,
    /// Those addresses, and the module instances that hold them, by their form without instance
    /// keys: `module.a.aws_security_group.x` and `module.a` for `module.a["k"].aws_security_group.x`.
    unkeyed: BTreeMap<String, Vec<String>>,
    config: Option<&'c ConfigTree>,
}

impl<'c> Context<'c> {
    fn new(raws: &[Raw], config: Option<&'c ConfigTree>) -> Context<'c> {
        let mut ids = BTreeMap::new();
        let mut networks = BTreeMap::new();
        let mut addresses = BTreeMap::new();
        for raw in raws {
            let Ok(referenced) = serde_json::from_str::<Referenced>(raw.after.get()) else {
                continue;
            };
            let id = referenced.id.as_deref();
            match raw.kind.as_str() {
                "aws_security_group" | "aws_default_security_group" => {
                    let group = Value::GroupId(raw.address.clone());
                    if let Some(id) = id {
                        ids.insert(id.to_string(), group.clone());
                    }
                    addresses.insert(raw.address.clone(), group);
                }
                "aws_vpc" | "aws_default_vpc" | "aws_subnet" => {
                    if raw.kind != "aws_subnet" {
                        let vpc = Value::VpcId(raw.address.clone());
                        if let Some(id) = id {
                            ids.insert(id.to_string(), vpc.clone());
                        }
                        addresses.insert(raw.address.clone(), vpc);
                    }
                    for cidr in [referenced.cidr_block, referenced.ipv6_cidr_block]
                        .into_iter()
                        .flatten()
                    {
                        networks.insert(cidr, raw.address.clone());
                    }
                }
                _ => {}
            }
        }
        let mut unkeyed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for address in addresses.keys() {
            let instances = module_segments(address)
                .into_iter()
                .map(|(_, prefix)| prefix);
            for keyed in instances.chain([address.as_str()]) {
                let entry = unkeyed.entry(without_keys(keyed)).or_default();
                if !entry.iter().any(|a| a == keyed) {
                    entry.push(keyed.to_string());
                }
            }
        }
        Context {
            ids,
            networks,
            addresses,
            unkeyed,
            config,
        }
    }

    fn convert(&self, raw: Raw) -> EvaluatedResource {
        let after = parse(&raw.after).unwrap_or(Json::Null);
        let unknown = raw.unknown.as_deref().and_then(parse).unwrap_or(Json::Null);
        let mut values = match self.value(&after, &unknown, None) {
            Value::Object(map) => map,
            _ => BTreeMap::new(),
        };
        // Keys unknown at plan time are missing from `after`: only `after_unknown` names them.
        if let Json::Object(unknown) = &unknown {
            for (key, flag) in unknown {
                if flag == &Json::Bool(true) {
                    values.insert(key.clone(), Value::Unknown);
                }
            }
        }
        self.recover(&raw, &mut values);
        if matches!(
            raw.kind.as_str(),
            "aws_security_group" | "aws_default_security_group"
        ) {
            self.complete_tags_all(&raw, &mut values);
            unset_empty_inline_descriptions(&mut values);
        }
        EvaluatedResource {
            address: raw.address,
            kind: raw.kind,
            span: raw.span,
            values,
            lists_managed_rules: raw.exists,
        }
    }

    /// Converts a JSON value; `unknown` is its `after_unknown` counterpart, `key` the attribute
    /// it belongs to.
    fn value(&self, json: &Json, unknown: &Json, key: Option<&str>) -> Value {
        if unknown == &Json::Bool(true) {
            return Value::Unknown;
        }
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => n.as_f64().map_or(Value::Unknown, Value::Number),
            Json::String(s) => {
                if s == HUGE_NUMBER {
                    Value::Unknown
                } else if let Some(known) = self.ids.get(s) {
                    known.clone()
                } else if let Some(of) = self
                    .networks
                    .get(s)
                    .filter(|_| key.is_some_and(|k| CIDR_FIELDS.contains(&k)))
                {
                    Value::NetworkCidr {
                        cidr: s.clone(),
                        of: of.clone(),
                    }
                } else {
                    Value::String(s.clone())
                }
            }
            Json::Array(items) => Value::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(item, unknown.get(i).unwrap_or(&Json::Null), key))
                    .collect(),
            ),
            Json::Object(map) => {
                let mut out: BTreeMap<String, Value> = map
                    .iter()
                    .map(|(k, v)| {
                        let inner = unknown.get(k).unwrap_or(&Json::Null);
                        let child_key =
                            if key.is_none() || matches!(key, Some("ingress" | "egress")) {
                                Some(k.as_str())
                            } else {
                                key
                            };
                        (k.clone(), self.value(v, inner, child_key))
                    })
                    .collect();
                if let Json::Object(unknown) = unknown {
                    for (k, flag) in unknown {
                        if flag == &Json::Bool(true) {
                            out.insert(k.clone(), Value::Unknown);
                        }
                    }
                }
                Value::Object(out)
            }
        }
    }

    /// Recovers group and VPC references that are unknown at plan time from the configuration.
    fn recover(&self, raw: &Raw, values: &mut BTreeMap<String, Value>) {
        let Some(config) = self.config_resource(raw) else {
            return;
        };
        let references = |key: &str| -> Vec<String> {
            config
                .attribute(key)
                .map(|references| self.targets(&raw.module, references, 0))
                .unwrap_or_default()
        };
        if raw.kind == "aws_security_group" || raw.kind == "aws_default_security_group" {
            // The provider's default description, when the configuration writes none: not
            // written, as the `.tf` file says. Any other text is the group's description, whatever
            // the configuration shows (a module's configuration may not be in the plan).
            let default = values.get("description").and_then(Value::as_str)
                == Some(PROVIDER_DEFAULT_DESCRIPTION);
            if default && config.attribute("description").is_none() {
                values.remove("description");
            }
            match values.get("vpc_id") {
                Some(Value::Unknown) if config.attribute("vpc_id").is_none() => {
                    values.insert("vpc_id".into(), Value::Null);
                }
                Some(Value::Unknown) => {
                    if let [vpc] = &references("vpc_id")[..]
                        && let Some(id @ Value::VpcId(_)) = self.addresses.get(vpc)
                    {
                        values.insert("vpc_id".into(), id.clone());
                    }
                }
                _ => {}
            }
            for direction in ["ingress", "egress"] {
                // An inline list with any reference collapses to one list of references: use it
                // only when it names exactly one other group.
                let groups: Vec<String> = references(direction)
                    .into_iter()
                    .filter(|a| {
                        a != &raw.address
                            && matches!(self.addresses.get(a), Some(Value::GroupId(_)))
                    })
                    .collect();
                let [group] = &groups[..] else { continue };
                let id = Value::GroupId(group.clone());
                if let Some(Value::List(items)) = values.get_mut(direction) {
                    for item in items {
                        let Value::Object(rule) = item else { continue };
                        // Unknown as a whole, or (as a set's elements are written) item by item.
                        match rule.get_mut("security_groups") {
                            Some(groups @ Value::Unknown) => {
                                *groups = Value::List(vec![id.clone()])
                            }
                            Some(Value::List(groups)) => groups
                                .iter_mut()
                                .filter(|g| **g == Value::Unknown)
                                .for_each(|g| *g = id.clone()),
                            _ => {}
                        }
                    }
                }
            }
        } else {
            for &key in GROUP_FIELDS {
                if values.get(key) == Some(&Value::Unknown)
                    && let [group] = &references(key)[..]
                    && let Some(id @ Value::GroupId(_)) = self.addresses.get(group)
                {
                    values.insert(key.into(), id.clone());
                }
            }
            // A rule on a VPC's default group, by the id the VPC (or the module that makes
            // it) gives: named as written, which says which default group it is.
            let written = config.attribute("security_group_id").unwrap_or_default();
            if values.get("security_group_id") == Some(&Value::Unknown)
                && let Some(default_group) = written
                    .iter()
                    .find(|r| r.ends_with(".default_security_group_id"))
            {
                let name = join(&raw.module, default_group);
                values.insert("security_group_id".into(), Value::External(name));
            }
        }
    }

    /// A new group's `tags_all` is unknown in a plan even when its `tags` are known and its
    /// provider adds no default tags, or only literal ones: then `tags_all` is known (what
    /// Terraform will store), and a missing tag is reported as it is for the `.tf` file.
    fn complete_tags_all(&self, raw: &Raw, values: &mut BTreeMap<String, Value>) {
        if values.get("tags_all") != Some(&Value::Unknown) {
            return;
        }
        let mut all = match values.get("tags") {
            Some(Value::Object(tags)) => tags.clone(),
            Some(Value::Null) | None => BTreeMap::new(),
            Some(_) => return,
        };
        let Some(provider) = self
            .config_resource(raw)
            .and_then(|r| r.provider_key.as_deref())
            .and_then(|key| self.config?.providers.get(key))
        else {
            return;
        };
        if let Some(block) = provider.expressions.default_tags.first()
            && let Some(tags) = &block.tags
        {
            let Some(Json::Object(defaults)) = &tags.constant_value else {
                return;
            };
            for (key, value) in defaults {
                all.entry(key.clone())
                    .or_insert_with(|| self.value(value, &Json::Null, None));
            }
        }
        values.insert("tags_all".into(), Value::Object(all));
    }

    /// The configuration block of a resource.
    fn config_resource(&self, raw: &Raw) -> Option<&'c ResourceConfig> {
        let module = self.module(&raw.module)?;
        let relative = without_keys(
            raw.address
                .strip_prefix(&raw.module)?
                .trim_start_matches('.'),
        );
        module.resources.get(&relative)
    }

    /// The configuration of a module instance.
    fn module(&self, prefix: &str) -> Option<&'c ModuleConfig> {
        self.config?.module(prefix)
    }

    /// The plan addresses of groups and VPCs that `references`, seen from module `prefix`, point
    /// at, following module outputs and input variables.
    fn targets(&self, prefix: &str, references: &[String], depth: u32) -> Vec<String> {
        let mut out = Vec::new();
        if depth > 16 {
            return out;
        }
        for reference in references {
            let found = if let Some(rest) = reference.strip_prefix("var.") {
                let name = rest.split(['.', '[']).next().unwrap_or(rest);
                let segments = module_segments(prefix);
                let Some(((call, _), parents)) = segments.split_last() else {
                    continue;
                };
                let parent = parents.last().map_or("", |&(_, p)| p);
                let Some(references) = self
                    .module(parent)
                    .and_then(|m| m.calls.get(*call))
                    .and_then(|c| c.arguments.get(name))
                else {
                    continue;
                };
                self.targets(parent, references, depth + 1)
            } else if let Some(rest) = reference.strip_prefix("module.") {
                let mut parts = rest.splitn(2, '.');
                let (Some(call), Some(output)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let call = call.split('[').next().unwrap_or(call);
                let output = output.split(['.', '[']).next().unwrap_or(output);
                let Some(references) = self
                    .module(prefix)
                    .and_then(|m| m.calls.get(call))
                    .and_then(|c| c.module.as_ref())
                    .and_then(|m| m.outputs.get(output))
                else {
                    continue;
                };
                let child = self.instance_of(&join(prefix, &format!("module.{call}")));
                self.targets(&child, references, depth + 1)
            } else if let Some((_, resource)) = resource_reference(reference) {
                let address = self.instance_of(&join(prefix, resource));
                if self.addresses.contains_key(&address) {
                    vec![address]
                } else {
                    Vec::new()
                }
            } else {
                Vec::new()
            };
            for address in found {
                if !out.contains(&address) {
                    out.push(address);
                }
            }
        }
        out
    }

    /// The one address of the plan that `address` names once instance keys are ignored (a
    /// module or resource with `count`/`for_each` referenced without a key), or `address` itself.
    fn instance_of(&self, address: &str) -> String {
        if self.addresses.contains_key(address) {
            return address.to_string();
        }
        match self.unkeyed.get(&without_keys(address)).map(Vec::as_slice) {
            Some([only]) => only.clone(),
            _ => address.to_string(),
        }
    }
}
