//! The catalogue is the single source of the rule docs: every rule has an entry, and
//! `docs/rules/<id>.md` is exactly what the entry renders to.

use sglint::catalogue::{RULE_DEFAULTS, doc_path, entries, entry, render_markdown};
use sglint::rules::RULES;

#[test]
fn every_rule_has_a_catalogue_entry_and_every_entry_a_rule() {
    for rule in RULES {
        let e = entry(rule.id()).unwrap_or_else(|| panic!("no rules/{}.toml", rule.id()));
        assert_eq!(e.id, rule.id());
    }
    for e in entries() {
        assert!(
            RULES.iter().any(|r| r.id() == e.id) || sglint::suppress::CHECKS.contains(&&*e.id),
            "rules/{}.toml has no rule",
            e.id
        );
    }
    let files = std::fs::read_dir("rules").unwrap().count();
    assert_eq!(
        files,
        entries().len(),
        "every rules/*.toml must be listed in catalogue.rs"
    );
}

/// A run reads the defaults `build.rs` compiles from the catalogue, never the catalogue itself:
/// both must say the same of every rule.
#[test]
fn compiled_defaults_match_the_catalogue() {
    let ids: Vec<&str> = RULE_DEFAULTS.iter().map(|r| r.id).collect();
    let entry_ids: Vec<&str> = entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, entry_ids);
    for (rule, entry) in RULE_DEFAULTS.iter().zip(entries()) {
        assert_eq!(rule.severity, entry.severity, "{}", rule.id);
        assert_eq!(rule.enabled, entry.enabled, "{}", rule.id);
        let options: Vec<_> = rule
            .options
            .iter()
            .map(|o| (o.name.to_string(), o.kind, o.value.to_value()))
            .collect();
        let expected: Vec<_> = entry
            .options
            .iter()
            .map(|(name, spec)| (name.clone(), spec.kind, spec.default.clone()))
            .collect();
        assert_eq!(options, expected, "{}", rule.id);
    }
    assert!(RULE_DEFAULTS.iter().any(|r| !r.options.is_empty()));
}

#[test]
fn docs_pages_are_generated_from_the_catalogue() {
    let update = std::env::var_os("SGLINT_UPDATE_DOCS").is_some();
    for e in entries() {
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

#[test]
fn the_readme_table_links_every_doc_page() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for entry in sglint::catalogue::entries() {
        let row = format!("| [`{0}`](docs/rules/{0}.md) |", entry.id);
        assert!(readme.contains(&row), "README has no row for {}", entry.id);
    }
}
