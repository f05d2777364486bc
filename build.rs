//! Compiles the rule catalogue, `rules/<id>.toml`, the one place a rule is declared, into code:
//! - `catalogue_entries.rs`: every entry as a value (`catalogue::Registry::builtin` builds the
//!   registry from it, so a run never parses the catalogue's text);
//! - `rule_options.rs`: each rule's options as a typed struct (`PublicIngressOptions`), so that a
//!   rule reads a field, never an option by name;
//! - `rule_implementations.rs`: the table from rule id to the rule's code, for every entry with a
//!   file `src/rules/<id_with_underscores>.rs` (whose `mod` line is the rule's one registration).
//!
//! A malformed entry fails the build with its file name and what is wrong.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A catalogue file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EntryFile {
    id: String,
    title: String,
    severity: String,
    security_severity: f64,
    tags: Vec<String>,
    applies_to: String,
    summary: String,
    rationale: String,
    fix: String,
    example: ExampleFile,
    #[serde(default = "on")]
    enabled: bool,
    #[serde(default)]
    options: BTreeMap<String, OptionFile>,
}

fn on() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    bad: String,
    good: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFile {
    #[serde(rename = "type")]
    kind: String,
    default: toml::Value,
    description: String,
    min: Option<i64>,
    max: Option<i64>,
}

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules");
    let mut paths: Vec<PathBuf> = std::fs::read_dir("rules")
        .expect("rules/ is readable")
        .map(|entry| entry.expect("rules/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut entries = String::from("vec![\n");
    let mut types = String::new();
    let mut implementations = String::from("&[\n");
    for path in &paths {
        let entry = read(path);
        entries.push_str(&entry_literal(&entry, path));
        types.push_str(&options_struct(&entry));
        let module = entry.id.replace('-', "_");
        if Path::new("src/rules")
            .join(format!("{module}.rs"))
            .is_file()
        {
            writeln!(
                implementations,
                "    ({:?}, &{module}::{}),",
                entry.id,
                pascal_case(&entry.id)
            )
            .expect("writing to a String");
        }
    }
    entries.push(']');
    implementations.push(']');
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, text) in [
        ("catalogue_entries.rs", entries),
        ("rule_options.rs", types),
        ("rule_implementations.rs", implementations),
    ] {
        std::fs::write(target.join(name), text).expect("OUT_DIR is writable");
    }
}

fn fail(path: &Path, what: &str) -> ! {
    panic!("{}: {what}", path.display())
}

/// Reads and checks one entry.
fn read(path: &Path) -> EntryFile {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(path, &e.to_string()));
    let entry: EntryFile = toml::from_str(&text).unwrap_or_else(|e| fail(path, &e.to_string()));
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if entry.id != stem {
        fail(
            path,
            &format!("`id` is `{}`, not the file's name", entry.id),
        );
    }
    if !(entry
        .id
        .split('-')
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())))
    {
        fail(path, "`id` is not lowercase words joined by `-`");
    }
    if !["error", "warning", "note"].contains(&entry.severity.as_str()) {
        fail(path, "`severity` is not error, warning or note");
    }
    if !(0.0..=10.0).contains(&entry.security_severity) {
        fail(path, "`security-severity` is not from 0.0 to 10.0");
    }
    if !APPLIES_TO.contains(&entry.applies_to.as_str()) {
        fail(path, &format!("`applies-to` is not one of {APPLIES_TO:?}"));
    }
    for (name, option) in &entry.options {
        let valid = match (option.kind.as_str(), &option.default) {
            ("integer", toml::Value::Integer(_)) => true,
            ("integers", toml::Value::Array(items)) => items.iter().all(|v| v.is_integer()),
            ("strings", toml::Value::Array(items)) => items.iter().all(|v| v.is_str()),
            _ => false,
        };
        if !valid {
            fail(
                path,
                &format!("option `{name}` has no valid type and default"),
            );
        }
    }
    entry
}

/// What a rule's findings are about (`catalogue::AppliesTo`).
const APPLIES_TO: &[&str] = &[
    "rules",
    "ingress-rules",
    "egress-rules",
    "rule-resources",
    "inline-rules",
    "groups",
    "suppressions",
];

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
        .collect()
}

/// The `catalogue::Entry` expression of an entry.
fn entry_literal(entry: &EntryFile, path: &Path) -> String {
    let severity = pascal_case(&entry.severity);
    let applies_to = pascal_case(&entry.applies_to);
    let mut options = String::new();
    for (name, option) in &entry.options {
        let (kind, value) = match &option.default {
            toml::Value::Integer(n) => ("Integer", format!("Integer({n})")),
            toml::Value::Array(items) if option.kind == "integers" => {
                let items: Vec<i64> = items.iter().filter_map(|v| v.as_integer()).collect();
                ("Integers", format!("Integers(vec!{items:?})"))
            }
            toml::Value::Array(items) => {
                let items: Vec<&str> = items.iter().filter_map(|v| v.as_str()).collect();
                let items: Vec<String> = items.iter().map(|s| format!("{s:?}.into()")).collect();
                ("Strings", format!("Strings(vec![{}])", items.join(", ")))
            }
            _ => fail(path, &format!("option `{name}` has no valid default")),
        };
        write!(
            options,
            "({name:?}.into(), OptionSpec {{ kind: OptionKind::{kind}, default: OptionValue::{value}, \
             description: {:?}.into(), min: {:?}, max: {:?} }}), ",
            option.description, option.min, option.max
        )
        .expect("writing to a String");
    }
    format!(
        "    Entry {{ id: RuleId::Borrowed({:?}), title: {:?}.into(), severity: Severity::{severity}, \
         security_severity: {:?}, tags: vec![{}], applies_to: AppliesTo::{applies_to}, \
         summary: {:?}.into(), rationale: {:?}.into(), fix: {:?}.into(), \
         example: Example {{ bad: {:?}.into(), good: {:?}.into() }}, enabled: {}, \
         options: BTreeMap::from([{options}]) }},\n",
        entry.id,
        entry.title,
        entry.security_severity,
        entry
            .tags
            .iter()
            .map(|t| format!("{t:?}.into()"))
            .collect::<Vec<_>>()
            .join(", "),
        entry.summary,
        entry.rationale,
        entry.fix,
        entry.example.bad,
        entry.example.good,
        entry.enabled,
    )
}

/// The options struct of a rule that has options, and how it is read from the rule's settings.
fn options_struct(entry: &EntryFile) -> String {
    if entry.options.is_empty() {
        return String::new();
    }
    let mut fields = String::new();
    let mut reads = String::new();
    for (name, option) in &entry.options {
        let field = name.replace('-', "_");
        // An integer that cannot be negative is a count: `usize`. Settings are checked against
        // the bounds when read, so the conversion cannot fail.
        let (ty, read) = match option.kind.as_str() {
            "integer" if option.min.is_some_and(|min| min >= 0) => (
                "usize",
                format!("usize::try_from(settings.integer({name:?})).unwrap_or_default()"),
            ),
            "integer" => ("i64", format!("settings.integer({name:?})")),
            "integers" => ("Vec<i64>", format!("settings.integers({name:?}).to_vec()")),
            _ => (
                "Vec<String>",
                format!("settings.strings({name:?}).to_vec()"),
            ),
        };
        writeln!(
            fields,
            "    /// {}\n    pub {field}: {ty},",
            option
                .description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )
        .expect("writing to a String");
        writeln!(reads, "            {field}: {read},").expect("writing to a String");
    }
    let (id, name) = (&entry.id, pascal_case(&entry.id));
    format!(
        "/// The options of `{id}` (`rules/{id}.toml`).\n\
         #[derive(Clone, Debug, PartialEq, Eq)]\n\
         pub struct {name}Options {{\n{fields}}}\n\n\
         impl RuleOptions for {name}Options {{\n    \
             fn read(settings: &RuleSettings) -> Self {{\n        \
                 {name}Options {{\n{reads}        }}\n    }}\n}}\n\n"
    )
}
