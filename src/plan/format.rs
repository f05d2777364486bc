//! The parts of `terraform show -json` output that sglint reads, as typed structs. Resource
//! values stay raw JSON (borrowed from the input) until a security-group resource needs them.

use super::resources::KINDS;
use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// A plan or a state: which one is told by the keys present.
#[derive(Deserialize, Default)]
pub struct Document<'a> {
    pub format_version: Option<String>,
    #[serde(borrow)]
    pub planned_values: Option<Values<'a>>,
    #[serde(borrow, default, deserialize_with = "modelled")]
    pub resource_changes: Option<Vec<ResourceChange<'a>>>,
    #[serde(borrow, default, deserialize_with = "modelled")]
    pub resource_drift: Option<Vec<ResourceChange<'a>>>,
    #[serde(borrow)]
    pub configuration: Option<Configuration<'a>>,
    /// Present in a state (`terraform show -json` without a plan).
    #[serde(borrow)]
    pub values: Option<Values<'a>>,
}

/// `planned_values`, `prior_state.values` or a state's `values`.
#[derive(Deserialize, Default)]
pub struct Values<'a> {
    #[serde(borrow)]
    pub root_module: Option<ValuesModule<'a>>,
}

#[derive(Deserialize, Default)]
pub struct ValuesModule<'a> {
    /// Absent for the root module.
    pub address: Option<String>,
    #[serde(borrow, default, deserialize_with = "modelled")]
    pub resources: Option<Vec<ValuesResource<'a>>>,
    #[serde(borrow, default)]
    pub child_modules: Vec<ValuesModule<'a>>,
}

#[derive(Deserialize)]
pub struct ValuesResource<'a> {
    /// Raw, so that its position in the file can be reported.
    #[serde(borrow)]
    pub address: &'a RawValue,
    #[serde(borrow)]
    pub mode: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "type")]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub values: Option<&'a RawValue>,
}

#[derive(Deserialize)]
pub struct ResourceChange<'a> {
    /// Raw, so that its position in the file can be reported. Missing in some drift entries.
    #[serde(borrow)]
    pub address: Option<&'a RawValue>,
    #[serde(borrow)]
    pub module_address: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub mode: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "type")]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub index: Option<&'a RawValue>,
    #[serde(borrow)]
    pub change: Change<'a>,
}

#[derive(Deserialize)]
pub struct Change<'a> {
    #[serde(borrow, default)]
    pub actions: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub after: Option<&'a RawValue>,
    #[serde(borrow)]
    pub after_unknown: Option<&'a RawValue>,
}

/// A resource entry that says whether sglint models it.
trait Modelled {
    fn is_modelled(&self) -> bool;
}

/// Whether a managed resource of type `kind` with these values is modelled: a security-group,
/// rule or network resource, or one whose values mention security groups (an attachment).
fn is_modelled_kind(mode: Option<&str>, kind: &str, values: &RawValue) -> bool {
    mode != Some("data") && (KINDS.contains(&kind) || values.get().contains("security_group"))
}

impl Modelled for ValuesResource<'_> {
    fn is_modelled(&self) -> bool {
        self.values
            .is_some_and(|v| is_modelled_kind(self.mode.as_deref(), &self.kind, v))
    }
}

impl Modelled for ResourceChange<'_> {
    /// Modelled resources that the plan does not delete.
    fn is_modelled(&self) -> bool {
        let deleted = self.change.actions.iter().all(|a| a == "delete");
        !deleted
            && self
                .change
                .after
                .is_some_and(|v| is_modelled_kind(self.mode.as_deref(), &self.kind, v))
    }
}

/// Reads a list of resources, keeping only those sglint models: a plan of mostly other
/// resources holds none of them in memory.
fn modelled<'de, D, T, C>(deserializer: D) -> Result<Option<C>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Modelled,
    C: Default + Extend<T>,
{
    struct Keep<T, C>(PhantomData<(T, C)>);
    impl<'de, T, C> Visitor<'de> for Keep<T, C>
    where
        T: Deserialize<'de> + Modelled,
        C: Default + Extend<T>,
    {
        type Value = Option<C>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of resources")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut kept = C::default();
            while let Some(item) = seq.next_element::<T>()? {
                if item.is_modelled() {
                    kept.extend([item]);
                }
            }
            Ok(Some(kept))
        }
    }
    deserializer.deserialize_any(Keep(PhantomData))
}

#[derive(Deserialize, Default)]
pub struct Configuration<'a> {
    #[serde(borrow)]
    pub root_module: Option<ConfigModule<'a>>,
    /// Provider blocks by the key resources name them with (`provider_config_key`).
    #[serde(default)]
    pub provider_config: BTreeMap<String, ProviderConfig>,
}

/// A provider block of the configuration: only its `default_tags` matter here.
#[derive(Deserialize, Default)]
pub struct ProviderConfig {
    #[serde(default)]
    pub expressions: ProviderExpressions,
}

#[derive(Deserialize, Default)]
pub struct ProviderExpressions {
    #[serde(default)]
    pub default_tags: Vec<DefaultTags>,
}

/// A `default_tags` block: its `tags` expression (`constant_value` when written literally).
#[derive(Deserialize, Default)]
pub struct DefaultTags {
    pub tags: Option<ConstantExpression>,
}

/// An expression whose literal value is wanted; `None` when it has references or is opaque.
#[derive(Deserialize, Default)]
pub struct ConstantExpression {
    pub constant_value: Option<serde_json::Value>,
}

/// One module of the configuration (no instance keys: a module with `for_each` appears once).
/// Every resource is kept, data sources included: they say which groups are used, and a rule may
/// reference `data.aws_security_group.x`. The configuration has one entry per block, not per
/// instance, so it stays small.
#[derive(Deserialize, Default)]
pub struct ConfigModule<'a> {
    #[serde(borrow, default)]
    pub resources: Vec<ConfigResource<'a>>,
    #[serde(borrow, default)]
    pub module_calls: BTreeMap<String, ModuleCall<'a>>,
    #[serde(borrow, default)]
    pub outputs: BTreeMap<String, Output<'a>>,
}

#[derive(Deserialize)]
pub struct ConfigResource<'a> {
    /// Relative to the module: `aws_security_group.web`.
    #[serde(borrow)]
    pub address: Cow<'a, str>,
    #[serde(borrow, rename = "type")]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub expressions: Option<&'a RawValue>,
    /// The key of its provider in [`Configuration::provider_config`].
    #[serde(borrow)]
    pub provider_config_key: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub count_expression: Option<&'a RawValue>,
    #[serde(borrow)]
    pub for_each_expression: Option<&'a RawValue>,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

#[derive(Deserialize)]
pub struct ModuleCall<'a> {
    pub source: Option<String>,
    #[serde(borrow, default)]
    pub expressions: BTreeMap<String, &'a RawValue>,
    #[serde(borrow)]
    pub module: Option<ConfigModule<'a>>,
}

#[derive(Deserialize)]
pub struct Output<'a> {
    #[serde(borrow)]
    pub expression: Option<&'a RawValue>,
}

/// An expression of the configuration: only its references matter here.
#[derive(Deserialize, Default)]
pub struct Expression {
    #[serde(default)]
    pub references: Vec<String>,
}

impl Expression {
    /// The references of a raw expression (none when it is a block list or malformed).
    pub fn references(raw: &RawValue) -> Vec<String> {
        serde_json::from_str::<Expression>(raw.get())
            .map(|e| e.references)
            .unwrap_or_default()
    }

    /// The references of a raw expression and of every expression nested in it (the blocks of a
    /// resource are lists of objects of expressions).
    pub fn nested_references(raw: &RawValue, out: &mut Vec<String>) {
        fn walk(json: &serde_json::Value, out: &mut Vec<String>) {
            match json {
                serde_json::Value::Object(map) => {
                    for (key, value) in map {
                        match (key.as_str(), value) {
                            ("references", serde_json::Value::Array(items)) => out.extend(
                                items.iter().filter_map(|i| i.as_str().map(str::to_string)),
                            ),
                            _ => walk(value, out),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
        if let Ok(json) = serde_json::from_str(raw.get()) {
            walk(&json, out);
        }
    }
}
