//! The catalogue is the single source of a rule's declaration: every entry has code (or is a check
//! of suppressions), and `docs/rules/<id>.md`, the README's rule table and each page's examples
//! are what the entry says.

use sglint::catalogue::{Entry, Registry, doc_path, render_markdown};
use sglint::config::Settings;
use std::path::{Path, PathBuf};

#[test]
fn every_entry_has_code_and_every_rule_file_an_entry() {
    let registry = Registry::builtin();
    let implemented: Vec<&str> = sglint::rules::implemented().collect();
    for e in registry.entries() {
        assert!(
            implemented.contains(&&*e.id) || sglint::suppress::CHECKS.contains(&&*e.id),
            "rules/{}.toml has no src/rules/{}.rs",
            e.id,
            e.id.replace('-', "_")
        );
    }
    for file in std::fs::read_dir("src/rules").unwrap() {
        let path = file.unwrap().path();
        let stem = path
            .file_stem()
            .unwrap()
            .to_str()
            .unwrap()
            .replace('_', "-");
        assert!(
            stem == "mod" || registry.get(&stem).is_some(),
            "{} has no rules/{stem}.toml",
            path.display()
        );
    }
    assert_eq!(
        std::fs::read_dir("rules").unwrap().count(),
        registry.entries().len()
    );
}

#[test]
fn docs_pages_are_generated_from_the_catalogue() {
    let update = std::env::var_os("SGLINT_UPDATE_DOCS").is_some();
    for e in Registry::builtin().entries() {
        let path = doc_path(&e.id);
        let expected = render_markdown(e);
        if update {
            std::fs::write(&path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{path} is out of date: run `SGLINT_UPDATE_DOCS=1 cargo test --test catalogue`"
        );
    }
}

const TABLE_START: &str = "<!-- rule table: generated from rules/*.toml by `SGLINT_UPDATE_DOCS=1 cargo test --test catalogue` -->\n";
const TABLE_END: &str = "<!-- end of rule table -->\n";

/// The README's table of rules: id (linking its page), default severity, title.
fn rule_table(registry: &Registry) -> String {
    let mut table = String::from("| id | severity | checks |\n| --- | --- | --- |\n");
    for e in registry.entries() {
        let severity = if e.enabled {
            e.severity.to_string()
        } else {
            format!("off ({})", e.severity)
        };
        table.push_str(&format!(
            "| [`{id}`]({page}) | {severity} | {title} |\n",
            id = e.id,
            page = doc_path(&e.id),
            title = e.title.trim().replace('|', "\\|"),
        ));
    }
    table
}

#[test]
fn the_readme_rule_table_is_generated_from_the_catalogue() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find(TABLE_START)
        .expect("README has the rule table's start marker");
    let body = start + TABLE_START.len();
    let end = body
        + readme[body..]
            .find(TABLE_END)
            .expect("README has its end marker");
    let expected = rule_table(&Registry::builtin());
    if std::env::var_os("SGLINT_UPDATE_DOCS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..body], &readme[end..]);
        std::fs::write("README.md", updated).unwrap();
        return;
    }
    assert!(
        readme[body..end] == expected,
        "README.md's rule table is out of date: run `SGLINT_UPDATE_DOCS=1 cargo test --test catalogue`"
    );
}

/// Lints a snippet as the only file of a module, with every rule on.
fn findings_of(entry: &Entry, snippet: &str) -> Vec<String> {
    let mut settings = Settings::default();
    settings.select = (settings.registry.entries().iter())
        .map(|e| e.id.clone())
        .collect();
    let file = (PathBuf::from("docs/main.tf"), snippet.as_bytes().to_vec());
    let report = sglint::lint::lint_module_bytes(Path::new("docs"), vec![file], &settings);
    let parse_errors: Vec<_> = (report.diagnostics.iter())
        .filter(|d| d.rule == "parse-error")
        .map(|d| d.message.to_string())
        .collect();
    assert!(parse_errors.is_empty(), "{}: {parse_errors:?}", entry.id);
    (report.diagnostics.iter())
        .filter(|d| d.rule == entry.id)
        .map(|d| d.message.to_string())
        .collect()
}

#[test]
fn each_page_example_gives_the_finding_and_its_fix_gives_none() {
    let mut wrong = Vec::new();
    for e in Registry::builtin().entries() {
        if findings_of(e, &e.example.bad).is_empty() {
            wrong.push(format!("{}: the Example gives no finding", e.id));
        }
        let fixed = findings_of(e, &e.example.good);
        if !fixed.is_empty() {
            wrong.push(format!("{}: the Use-instead snippet gives {fixed:?}", e.id));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
