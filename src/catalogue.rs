//! The rule catalogue: one `rules/<rule-id>.toml` per rule, compiled in. It is the single source
//! for `sglint rules`, `sglint rule <id>` and `docs/rules/<rule-id>.md`.

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::sync::OnceLock;

/// The catalogue files, by rule id.
const SOURCES: &[(&str, &str)] = &[
    (
        "cidr-instead-of-reference",
        include_str!("../rules/cidr-instead-of-reference.toml"),
    ),
    (
        "missing-group-description",
        include_str!("../rules/missing-group-description.toml"),
    ),
    (
        "missing-rule-description",
        include_str!("../rules/missing-rule-description.toml"),
    ),
    (
        "mutual-reference",
        include_str!("../rules/mutual-reference.toml"),
    ),
    (
        "name-describes-traffic",
        include_str!("../rules/name-describes-traffic.toml"),
    ),
];

/// A bad and a good configuration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub bad: String,
    pub good: String,
}

/// One rule's catalogue entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    /// What the rule checks, in one paragraph.
    pub summary: String,
    /// Why it matters.
    pub rationale: String,
    /// How to fix a finding.
    pub fix: String,
    pub example: Example,
}

/// Every entry, sorted by id. A malformed entry is a build defect caught by the tests.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(id, text)| {
                toml::from_str(text).unwrap_or_else(|e| panic!("rules/{id}.toml is invalid: {e}"))
            })
            .collect()
    })
}

/// The entry of rule `id`.
pub fn entry(id: &str) -> Option<&'static Entry> {
    entries().iter().find(|e| e.id == id)
}

/// The path of a rule's documentation page, relative to the repository.
pub fn doc_path(id: &str) -> String {
    format!("docs/rules/{id}.md")
}

/// Renders an entry as its documentation page (also what `sglint rule <id>` prints).
pub fn render_markdown(entry: &Entry) -> String {
    format!(
        "# {id}\n\n{title}\n\nDefault severity: **{severity}**\n\n\
         ## What it does\n\n{summary}\n\n\
         ## Why is this bad?\n\n{rationale}\n\n\
         ## How to fix\n\n{fix}\n\n\
         ## Example\n\n```hcl\n{bad}\n```\n\n\
         ## Use instead\n\n```hcl\n{good}\n```\n\n\
         <!-- Generated from rules/{id}.toml by `sglint rule {id}`; do not edit. -->\n",
        id = entry.id,
        title = entry.title.trim(),
        severity = entry.severity,
        summary = entry.summary.trim(),
        rationale = entry.rationale.trim(),
        fix = entry.fix.trim(),
        bad = entry.example.bad.trim(),
        good = entry.example.good.trim(),
    )
}
