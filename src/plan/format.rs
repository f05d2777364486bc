//! The parts of `terraform show -json` output that sglint reads, as typed structs. Resource
//! values stay raw JSON (borrowed from the input) until a security-group resource needs them.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// A plan or a state: which one is told by the keys present.
#[derive(Deserialize, Default)]
pub struct Document<'a> {
    pub format_version: Option<String>,
    #[serde(borrow)]
    pub planned_values: Option<Values<'a>>,
    #[serde(borrow)]
    pub resource_changes: Option<Vec<ResourceChange<'a>>>,
    #[serde(borrow)]
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
    #[serde(borrow, default)]
    pub resources: Vec<ValuesResource<'a>>,
    #[serde(borrow, default)]
    pub child_modules: Vec<ValuesModule<'a>>,
}

#[derive(Deserialize)]
pub struct ValuesResource<'a> {
    /// Raw, so that its position in the file can be reported.
    #[serde(borrow)]
    pub address: &'a RawValue,
    pub mode: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(borrow)]
    pub values: Option<&'a RawValue>,
}

#[derive(Deserialize)]
pub struct ResourceChange<'a> {
    /// Raw, so that its position in the file can be reported. Missing in some drift entries.
    #[serde(borrow)]
    pub address: Option<&'a RawValue>,
    pub module_address: Option<String>,
    pub mode: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: Option<String>,
    #[serde(borrow)]
    pub index: Option<&'a RawValue>,
    #[serde(borrow)]
    pub change: Change<'a>,
}

#[derive(Deserialize)]
pub struct Change<'a> {
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(borrow)]
    pub after: Option<&'a RawValue>,
    #[serde(borrow)]
    pub after_unknown: Option<&'a RawValue>,
}

#[derive(Deserialize, Default)]
pub struct Configuration<'a> {
    #[serde(borrow)]
    pub root_module: Option<ConfigModule<'a>>,
}

/// One module of the configuration (no instance keys: a module with `for_each` appears once).
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
    pub address: String,
    #[serde(borrow)]
    pub expressions: Option<&'a RawValue>,
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
}
