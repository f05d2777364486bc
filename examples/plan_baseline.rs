//! The plan benchmark's baseline: deserialize a `terraform show -json` plan with serde_json into
//! typed structs of its documented format (resource values as `serde_json::Value`, as typed
//! plan libraries such as terraform-json do), doing nothing else.
//! `cargo run --release --example plan_baseline -- PLAN.json`.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Plan {
    format_version: String,
    resource_changes: Vec<ResourceChange>,
    configuration: Option<Configuration>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct ResourceChange {
    address: String,
    module_address: Option<String>,
    mode: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    change: Change,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Change {
    actions: Vec<String>,
    after: Option<Value>,
    after_unknown: Option<Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Configuration {
    root_module: Module,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Module {
    #[serde(default)]
    resources: Vec<Value>,
    #[serde(default)]
    module_calls: BTreeMap<String, Call>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Call {
    source: Option<String>,
    module: Option<Module>,
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: plan_baseline PLAN.json");
    let text = std::fs::read_to_string(path).expect("cannot read the plan");
    let plan: Plan = serde_json::from_str(&text).expect("not a plan");
    println!("{} resource changes", plan.resource_changes.len());
}

/// The same allocator as the `sglint` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
