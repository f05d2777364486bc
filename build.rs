//! Compiles what a lint run needs of the rule catalogue (each rule's id, default severity, whether
//! it is on, and its options' types and defaults) into a table, so that a run does not parse the
//! catalogue's text: `rules/*.toml` stay the single source, and `catalogue::entries` still reads
//! them in full for the documentation and the SARIF rule list.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let mut paths: Vec<PathBuf> = std::fs::read_dir("rules")
        .expect("rules/ is readable")
        .map(|entry| entry.expect("rules/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut out = String::from("&[\n");
    for path in &paths {
        rule(path, &mut out);
    }
    out.push(']');
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(target.join("rule_defaults.rs"), out).expect("OUT_DIR is writable");
}

/// One `RuleDefaults` literal. A malformed entry fails the build with its file name; the
/// catalogue's tests check the whole entry.
fn rule(path: &Path, out: &mut String) {
    let fail = |what: &str| -> ! { panic!("{}: {what}", path.display()) };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&e.to_string()));
    let table: toml::Table = text.parse().unwrap_or_else(|e| fail(&format!("{e}")));
    let string = |key: &str| table.get(key).and_then(|v| v.as_str());
    let id = string("id").unwrap_or_else(|| fail("no `id`"));
    let severity = match string("severity") {
        Some("error") => "Error",
        Some("warning") => "Warning",
        Some("note") => "Note",
        _ => fail("`severity` is not error, warning or note"),
    };
    let enabled = table
        .get("enabled")
        .map_or(Some(true), |v| v.as_bool())
        .unwrap_or_else(|| fail("`enabled` is not a boolean"));
    let mut options = String::new();
    let specs = table.get("options").and_then(|o| o.as_table());
    for (name, spec) in specs.into_iter().flatten() {
        let kind = spec.get("type").and_then(|v| v.as_str());
        let default = spec.get("default");
        let (kind, value) = match (kind, default) {
            (Some("integer"), Some(toml::Value::Integer(n))) => {
                ("Integer", format!("Integer({n})"))
            }
            (Some("integers"), Some(toml::Value::Array(items))) => {
                let items: Option<Vec<i64>> = items.iter().map(|v| v.as_integer()).collect();
                let items = items.unwrap_or_else(|| fail(&format!("`{name}` default")));
                ("Integers", format!("Integers(&{items:?})"))
            }
            (Some("strings"), Some(toml::Value::Array(items))) => {
                let items: Option<Vec<&str>> = items.iter().map(|v| v.as_str()).collect();
                let items = items.unwrap_or_else(|| fail(&format!("`{name}` default")));
                ("Strings", format!("Strings(&{items:?})"))
            }
            _ => fail(&format!("option `{name}` has no valid type and default")),
        };
        let bound = |key: &str, otherwise: i64| match spec.get(key) {
            None => otherwise,
            Some(v) => v
                .as_integer()
                .unwrap_or_else(|| fail(&format!("`{name}`'s `{key}` is not an integer"))),
        };
        let (min, max) = (bound("min", i64::MIN), bound("max", i64::MAX));
        write!(
            options,
            "OptionDefault {{ name: {name:?}, kind: OptionKind::{kind}, value: DefaultValue::{value}, min: {min}, max: {max} }}, "
        )
        .expect("writing to a String");
    }
    writeln!(
        out,
        "    RuleDefaults {{ id: {id:?}, severity: Severity::{severity}, enabled: {enabled}, options: &[{options}] }},"
    )
    .expect("writing to a String");
}
