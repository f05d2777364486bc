//! The rule catalogue: one `rules/<rule-id>.toml` per rule, compiled in. It is the single source
//! for `sglint rules`, `sglint rule <id>` and `docs/rules/<rule-id>.md`.

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The catalogue files, by rule id.
const SOURCES: &[(&str, &str)] = &[
    (
        "all-ports-open",
        include_str!("../rules/all-ports-open.toml"),
    ),
    (
        "broad-self-reference",
        include_str!("../rules/broad-self-reference.toml"),
    ),
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
        "default-group-has-rules",
        include_str!("../rules/default-group-has-rules.toml"),
    ),
    (
        "duplicate-rule",
        include_str!("../rules/duplicate-rule.toml"),
    ),
    (
        "inline-and-standalone-rules",
        include_str!("../rules/inline-and-standalone-rules.toml"),
    ),
    (
        "invalid-description",
        include_str!("../rules/invalid-description.toml"),
    ),
    (
        "invalid-group-name",
        include_str!("../rules/invalid-group-name.toml"),
    ),
    (
        "cross-vpc-reference",
        include_str!("../rules/cross-vpc-reference.toml"),
    ),
    (
        "inline-reference-cycle",
        include_str!("../rules/inline-reference-cycle.toml"),
    ),
    (
        "invalid-port-range",
        include_str!("../rules/invalid-port-range.toml"),
    ),
    (
        "invalid-suppression",
        include_str!("../rules/invalid-suppression.toml"),
    ),
    (
        "mutual-reference",
        include_str!("../rules/mutual-reference.toml"),
    ),
    (
        "name-describes-traffic",
        include_str!("../rules/name-describes-traffic.toml"),
    ),
    (
        "public-ingress",
        include_str!("../rules/public-ingress.toml"),
    ),
    (
        "too-many-rules",
        include_str!("../rules/too-many-rules.toml"),
    ),
    (
        "uninformative-description",
        include_str!("../rules/uninformative-description.toml"),
    ),
    (
        "unrestricted-egress",
        include_str!("../rules/unrestricted-egress.toml"),
    ),
    ("missing-tags", include_str!("../rules/missing-tags.toml")),
    ("name-tag-case", include_str!("../rules/name-tag-case.toml")),
    ("shadowed-rule", include_str!("../rules/shadowed-rule.toml")),
    (
        "too-many-groups",
        include_str!("../rules/too-many-groups.toml"),
    ),
    ("unused-group", include_str!("../rules/unused-group.toml")),
    (
        "unused-suppression",
        include_str!("../rules/unused-suppression.toml"),
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
    /// How much a finding weighs for security, from 0.0 to 10.0 as CVSS scores do: SARIF's
    /// `security-severity`, by which GitHub code scanning ranks alerts (9.0 and above critical,
    /// 7.0 high, 4.0 medium, below that low).
    #[serde(rename = "security-severity")]
    pub security_severity: f64,
    /// What kind of problem the rule finds (`exposure`, `correctness`, `documentation`, ...):
    /// SARIF tags, besides `security`.
    pub tags: Vec<String>,
    /// What the rule checks, in one paragraph.
    pub summary: String,
    /// Why it matters.
    pub rationale: String,
    /// How to fix a finding.
    pub fix: String,
    pub example: Example,
    /// False for rules that run only when selected or configured.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    /// Settings the rule reads, by name as written in `sglint.toml`.
    #[serde(default)]
    pub options: BTreeMap<String, OptionSpec>,
}

fn enabled_by_default() -> bool {
    true
}

/// The type of a rule option.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    Integer,
    Integers,
    Strings,
}

/// The value of a rule option.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum OptionValue {
    Integer(i64),
    Integers(Vec<i64>),
    Strings(Vec<String>),
}

impl OptionValue {
    /// Whether this value has type `kind` (an empty list has every list type).
    pub fn is(&self, kind: OptionKind) -> bool {
        matches!(
            (self, kind),
            (OptionValue::Integer(_), OptionKind::Integer)
                | (OptionValue::Integers(_), OptionKind::Integers)
                | (OptionValue::Strings(_), OptionKind::Strings)
        ) || matches!(self, OptionValue::Integers(v) if v.is_empty() && kind == OptionKind::Strings)
    }
}

impl fmt::Display for OptionValue {
    /// As it is written in TOML.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::Integer(v) => write!(f, "{v}"),
            OptionValue::Integers(v) => write!(f, "{v:?}"),
            OptionValue::Strings(v) => write!(f, "{v:?}"),
        }
    }
}

/// One option of a rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    #[serde(rename = "type")]
    pub kind: OptionKind,
    pub default: OptionValue,
    pub description: String,
    /// The least value an integer option (or each integer of a list) may take.
    pub min: Option<i64>,
    /// The greatest value an integer option (or each integer of a list) may take.
    pub max: Option<i64>,
}

/// What a lint run needs of a rule's entry, compiled in by `build.rs` so that a run never parses
/// the catalogue's text.
#[derive(Debug)]
pub struct RuleDefaults {
    pub id: &'static str,
    pub severity: Severity,
    /// False for rules that run only when selected or configured.
    pub enabled: bool,
    pub options: &'static [OptionDefault],
}

/// One option of a rule: its name, its type and its default.
#[derive(Debug)]
pub struct OptionDefault {
    pub name: &'static str,
    pub kind: OptionKind,
    pub value: DefaultValue,
    /// The range an integer must be in (`i64::MIN` and `i64::MAX` when the entry sets none).
    pub min: i64,
    pub max: i64,
}

/// The default of an option, as compiled in.
#[derive(Debug)]
pub enum DefaultValue {
    Integer(i64),
    Integers(&'static [i64]),
    Strings(&'static [&'static str]),
}

impl DefaultValue {
    pub fn to_value(&self) -> OptionValue {
        match self {
            DefaultValue::Integer(v) => OptionValue::Integer(*v),
            DefaultValue::Integers(v) => OptionValue::Integers(v.to_vec()),
            DefaultValue::Strings(v) => {
                OptionValue::Strings(v.iter().map(|s| s.to_string()).collect())
            }
        }
    }
}

/// Every rule's defaults, sorted by id.
pub const RULE_DEFAULTS: &[RuleDefaults] = include!(concat!(env!("OUT_DIR"), "/rule_defaults.rs"));

/// The defaults of rule `id`; `None` for an unknown rule.
pub fn defaults(id: &str) -> Option<&'static RuleDefaults> {
    RULE_DEFAULTS.iter().find(|r| r.id == id)
}

/// Every entry, sorted by id. A malformed entry is a build defect caught by the tests.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut entries: Vec<Entry> = SOURCES
            .iter()
            .map(|(id, text)| {
                toml::from_str(text).unwrap_or_else(|e| panic!("rules/{id}.toml is invalid: {e}"))
            })
            .collect();
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        entries
    })
}

/// The entry of rule `id`.
pub fn entry(id: &str) -> Option<&'static Entry> {
    entries().iter().find(|e| e.id == id)
}

/// Help for an unknown rule id: the closest id, if one is close.
pub fn suggestion(id: &str) -> String {
    let closest = RULE_DEFAULTS
        .iter()
        .map(|r| {
            let distance = if r.id.starts_with(id) {
                0
            } else {
                edit_distance(id, r.id)
            };
            (distance, r.id)
        })
        .min()
        .filter(|(distance, _)| *distance <= 3);
    match closest {
        Some((_, near)) => format!("did you mean `{near}`? `sglint rules` lists every rule"),
        None => "`sglint rules` lists every rule".to_string(),
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The path of a rule's documentation page, relative to the repository.
pub fn doc_path(id: &str) -> String {
    format!("docs/rules/{id}.md")
}

/// The web address of a rule's documentation page (of the README for `parse-error`).
pub fn doc_url(id: &str) -> String {
    let repository = env!("CARGO_PKG_REPOSITORY");
    match entry(id) {
        Some(_) => format!("{repository}/blob/main/{}", doc_path(id)),
        None => format!("{repository}#readme"),
    }
}

/// The `## Options` section: how to set each option in `sglint.toml`, with its default.
fn render_options(entry: &Entry) -> String {
    let enabled = if entry.enabled {
        String::new()
    } else {
        format!(
            "This rule is off by default: turn it on with `select = [\"{}\"]` or a `severity` in \
             its table of `sglint.toml`.\n\n",
            entry.id
        )
    };
    if entry.options.is_empty() && entry.enabled {
        return String::new();
    }
    let mut out = format!("## Options\n\n{enabled}```toml\n[rules.{}]\n", entry.id);
    for (name, spec) in &entry.options {
        out.push_str(&format!("{name} = {}\n", spec.default));
    }
    out.push_str("```\n\n");
    for (name, spec) in &entry.options {
        let range = match (spec.min, spec.max) {
            (Some(min), Some(max)) => format!(" From {min} to {max}."),
            (Some(min), None) => format!(" At least {min}."),
            (None, Some(max)) => format!(" At most {max}."),
            (None, None) => String::new(),
        };
        out.push_str(&format!("- `{name}`: {}{range}\n", spec.description.trim()));
    }
    if !entry.options.is_empty() {
        out.push('\n');
    }
    out
}

/// What every rule's page says about the values a rule sees.
const EVALUATED: &str = "The `.tf` files are evaluated as Terraform would before apply: each root \
module with its module calls (local sources, and registry or git sources that `terraform init` \
has unpacked under `.terraform/modules`), the calls' arguments as the modules' variables, \
`count`/`for_each` instances, outputs, locals, tfvars and defaults. A finding about a value a \
caller passes in points at the caller's argument, with the module's line as related \
information. What only the provider or the cloud knows (ids, computed attributes, data \
sources) and modules that are not unpacked are unknown, and an unknown value never produces a \
finding. Lint the plan (`terraform show -json`) to check the values Terraform has evaluated.";

/// Renders an entry as its documentation page (also what `sglint rule <id>` prints).
pub fn render_markdown(entry: &Entry) -> String {
    format!(
        "# {id}\n\n{title}\n\nDefault severity: **{severity}**\n\n\
         ## What it does\n\n{summary}\n\n\
         ## Why is this bad?\n\n{rationale}\n\n\
         ## How to fix\n\n{fix}\n\n\
         ## Example\n\n```hcl\n{bad}\n```\n\n\
         ## Use instead\n\n```hcl\n{good}\n```\n\n{options}\
         ## What sglint evaluates\n\n{EVALUATED}\n\n\
         <!-- Generated from rules/{id}.toml by `sglint rule {id}`; do not edit. -->\n",
        id = entry.id,
        title = entry.title.trim(),
        severity = entry.severity,
        summary = entry.summary.trim(),
        rationale = entry.rationale.trim(),
        fix = entry.fix.trim(),
        bad = entry.example.bad.trim(),
        good = entry.example.good.trim(),
        options = render_options(entry),
    )
}
