//! Compiles what a lint run needs of the rule catalogue (each rule's id, default severity, whether
//! it is on, and its options' types and defaults) into a table, so that a run does not parse the
//! catalogue's text: `rules/*.toml` stay the single source, and `catalogue::entries` still reads
//! them in full for the documentation and the SARIF rule list. It also writes each rule's options
//! as a typed struct (`PublicIngressOptions`), so that a rule reads a field, never a key by name.

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
    let mut types = String::new();
    for path in &paths {
        rule(path, &mut out, &mut types);
    }
    out.push(']');
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(target.join("rule_defaults.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(target.join("rule_options.rs"), types).expect("OUT_DIR is writable");
}

/// One `RuleDefaults` literal, and the rule's options struct when it has options. A malformed
/// entry fails the build with its file name; the catalogue's tests check the whole entry.
fn rule(path: &Path, out: &mut String, types: &mut String) {
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
    let mut fields = String::new();
    let mut reads = String::new();
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
        let field = name.replace('-', "_");
        let description = spec
            .get("description")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        // An integer that cannot be negative is a count: `usize`. Settings are checked against
        // the bounds when read, so the conversion cannot fail.
        let (ty, read) = match kind {
            "Integer" if min >= 0 => (
                "usize",
                format!("usize::try_from(settings.integer({name:?})).unwrap_or_default()"),
            ),
            "Integer" => ("i64", format!("settings.integer({name:?})")),
            "Integers" => ("Vec<i64>", format!("settings.integers({name:?}).to_vec()")),
            _ => (
                "Vec<String>",
                format!("settings.strings({name:?}).to_vec()"),
            ),
        };
        writeln!(fields, "    /// {description}\n    pub {field}: {ty},")
            .expect("writing to a String");
        writeln!(reads, "            {field}: {read},").expect("writing to a String");
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
    if !fields.is_empty() {
        let name: String = (id.split('-'))
            .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
            .collect();
        writeln!(
            types,
            "/// The options of `{id}` (`rules/{id}.toml`).\n\
             #[derive(Clone, Debug, PartialEq, Eq)]\n\
             pub struct {name}Options {{\n{fields}}}\n\n\
             impl RuleOptions for {name}Options {{\n    \
                 fn read(settings: &RuleSettings) -> Self {{\n        \
                     {name}Options {{\n{reads}        }}\n    }}\n}}\n"
        )
        .expect("writing to a String");
    }
}
