//! The rule catalogue: one `rules/<rule-id>.toml` per rule, compiled in by `build.rs`, and the
//! [`Registry`] a run reads it from. It is the single source for `sglint rules`, `sglint rule <id>`,
//! `docs/rules/<rule-id>.md`, the README's rule table, SARIF's rule list and the ids that
//! `sglint.toml`, `--select` and suppressions may name.

use crate::diagnostic::{RuleId, Severity};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A bad and a good configuration.
#[derive(Clone, Debug)]
pub struct Example {
    pub bad: String,
    pub good: String,
}

/// What a rule's findings are about, which says which fixtures it needs: a rule about rules has
/// failing fixtures for each kind of rule it applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppliesTo {
    /// Rules of every origin: inline blocks, `aws_security_group_rule`, and the VPC rule
    /// resources.
    Rules,
    /// Ingress rules of every origin.
    IngressRules,
    /// Egress rules of every origin.
    EgressRules,
    /// Rule resources only (not inline blocks).
    RuleResources,
    /// Inline rule blocks only.
    InlineRules,
    /// Security groups as a whole, or the module's set of them.
    Groups,
    /// Suppression comments.
    Suppressions,
}

/// One rule's catalogue entry.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: RuleId,
    pub title: String,
    pub severity: Severity,
    /// How much a finding weighs for security, from 0.0 to 10.0 as CVSS scores do: SARIF's
    /// `security-severity`, by which GitHub code scanning ranks alerts (9.0 and above critical,
    /// 7.0 high, 4.0 medium, below that low).
    pub security_severity: f64,
    /// What kind of problem the rule finds (`exposure`, `correctness`, `documentation`, ...):
    /// SARIF tags, besides `security`.
    pub tags: Vec<String>,
    pub applies_to: AppliesTo,
    /// What the rule checks, in one paragraph.
    pub summary: String,
    /// Why it matters.
    pub rationale: String,
    /// How to fix a finding.
    pub fix: String,
    pub example: Example,
    /// False for rules that run only when selected or configured.
    pub enabled: bool,
    /// Settings the rule reads, by name as written in `sglint.toml`.
    pub options: BTreeMap<String, OptionSpec>,
}

impl Entry {
    /// The web address of the rule's documentation page.
    pub fn doc_url(&self) -> String {
        format!(
            "{}/blob/main/{}",
            env!("CARGO_PKG_REPOSITORY"),
            doc_path(&self.id)
        )
    }
}

/// The type of a rule option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    Integer,
    Integers,
    Strings,
}

/// The value of a rule option.
#[derive(Clone, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug)]
pub struct OptionSpec {
    pub kind: OptionKind,
    pub default: OptionValue,
    pub description: String,
    /// The least value an integer option (or each integer of a list) may take.
    pub min: Option<i64>,
    /// The greatest value an integer option (or each integer of a list) may take.
    pub max: Option<i64>,
}

/// The rules a run knows, sorted by id: the built-in ones (and, next, rules loaded from files).
#[derive(Clone, Debug)]
pub struct Registry {
    entries: Vec<Entry>,
}

impl Default for Registry {
    /// The built-in rules.
    fn default() -> Registry {
        Registry::clone(&Registry::builtin())
    }
}

impl Registry {
    /// The built-in rules, built once per process from the compiled-in catalogue.
    pub fn builtin() -> Arc<Registry> {
        static BUILTIN: OnceLock<Arc<Registry>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let entries: Vec<Entry> =
                    include!(concat!(env!("OUT_DIR"), "/catalogue_entries.rs"));
                Arc::new(Registry { entries })
            })
            .clone()
    }

    /// Every entry, sorted by id.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of rule `id`; `None` for an unknown rule.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        let at = self.entries.binary_search_by(|e| (*e.id).cmp(id)).ok()?;
        Some(&self.entries[at])
    }

    /// The position of rule `id` in [`entries`](Registry::entries).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.binary_search_by(|e| (*e.id).cmp(id)).ok()
    }

    /// Help for an unknown rule id: the closest id, if one is close.
    pub fn suggestion(&self, id: &str) -> String {
        let closest = self
            .entries
            .iter()
            .map(|r| {
                let distance = if r.id.starts_with(id) {
                    0
                } else {
                    edit_distance(id, &r.id)
                };
                (distance, &*r.id)
            })
            .min()
            .filter(|(distance, _)| *distance <= 3);
        match closest {
            Some((_, near)) => format!("did you mean `{near}`? `sglint rules` lists every rule"),
            None => "`sglint rules` lists every rule".to_string(),
        }
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

/// The web address of the README, which documents the findings about the input.
pub fn readme_url() -> String {
    format!("{}#readme", env!("CARGO_PKG_REPOSITORY"))
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
