//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Paths are relative to the
//! repository root (`%SRCROOT%`); every rule of the catalogue is described in `tool.driver`.

use super::{Context, RepoPaths, fingerprints, uri_escape};
use crate::catalogue::{self, Entry};
use crate::diagnostic::Severity;
use crate::diagnostic::{INPUT_FINDINGS, InputFinding};
use crate::lint::Report;
use crate::source::Location;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base every relative `uri` is resolved against.
const SRCROOT: &str = "%SRCROOT%";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `mutual-reference` gives `MutualReference`: SARIF's convention for a rule's `name`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// A SARIF message ends with a period.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

fn rule_descriptor(entry: &Entry) -> Value {
    let plain = format!(
        "{}\n\nWhy: {}\n\nHow to fix: {}",
        entry.summary.trim(),
        entry.rationale.trim(),
        entry.fix.trim()
    );
    json!({
        "id": entry.id,
        "name": pascal_case(&entry.id),
        "shortDescription": { "text": sentence(&entry.title) },
        "fullDescription": { "text": sentence(&entry.summary) },
        "help": { "text": plain, "markdown": catalogue::render_markdown(entry) },
        "helpUri": entry.doc_url(),
        "defaultConfiguration": { "level": level(entry.severity), "enabled": entry.enabled },
        "properties": {
            // GitHub ranks alerts by `security-severity` (a number in a string) for rules tagged
            // `security`.
            "security-severity": format!("{:.1}", entry.security_severity),
            "tags": tags(entry),
        },
    })
}

/// A rule's SARIF tags: `security`, what kind of problem it finds, and what it applies to.
fn tags(entry: &Entry) -> Vec<&str> {
    let mut tags = vec!["security"];
    tags.extend(entry.tags.iter().map(String::as_str));
    tags.extend(["terraform", "aws", "security-group"]);
    tags
}

/// The descriptor of a finding about the input (a file that does not parse, an expression not
/// evaluated).
fn input_finding_descriptor(finding: &InputFinding) -> Value {
    json!({
        "id": finding.id,
        "name": pascal_case(finding.id),
        "shortDescription": { "text": finding.title },
        "fullDescription": { "text": finding.description },
        "help": { "text": finding.description, "markdown": finding.description },
        "helpUri": catalogue::readme_url(),
        "defaultConfiguration": { "level": level(finding.severity) },
        "properties": { "tags": ["terraform"] },
    })
}

/// A file location: relative to `%SRCROOT%`, or an absolute `file:` URI outside the repository.
fn physical_location(path: &str, at: Location) -> Value {
    let artifact = if Path::new(path).is_absolute() {
        json!({ "uri": format!("file://{}", uri_escape(path)) })
    } else {
        json!({ "uri": uri_escape(path), "uriBaseId": SRCROOT })
    };
    json!({
        "artifactLocation": artifact,
        "region": {
            "startLine": at.start.line,
            "startColumn": at.start.column,
            "endLine": at.end.line,
            "endColumn": at.end.column,
        },
    })
}

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    let entries = report.registry.entries();
    let mut rules: Vec<Value> = entries.iter().map(rule_descriptor).collect();
    rules.extend(INPUT_FINDINGS.iter().map(input_finding_descriptor));
    let rule_index = |id: &str| {
        entries.iter().position(|e| e.id == id).unwrap_or_else(|| {
            entries.len() + INPUT_FINDINGS.iter().position(|f| f.id == id).unwrap_or(0)
        })
    };
    let mut paths = RepoPaths::new(report, ctx);
    let fingerprints = fingerprints(report, &mut paths);
    let results = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| {
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(id, r)| {
                    json!({
                        "id": id,
                        "physicalLocation": physical_location(paths.get(r.span.file), r.location),
                        "message": { "text": sentence(&r.message) },
                    })
                })
                .collect();
            let mut text = sentence(&d.message);
            if let Some(help) = &d.help {
                text.push_str(&format!(" Help: {}", sentence(help)));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": rule_index(&d.rule),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{ "physicalLocation": physical_location(paths.get(d.span.file), d.location) }],
                "partialFingerprints": { "sglint/v1": fingerprint },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            result
        });
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": sentence(e) } }))
        .collect();
    let mut root = format!("file://{}", uri_escape(&ctx.root.display().to_string()));
    if !root.ends_with('/') {
        root.push('/');
    }
    let document = Log {
        schema: SCHEMA,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: json!([{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }]),
            original_uri_base_ids: json!({ SRCROOT: { "uri": root } }),
            properties: ctx
                .statistics
                .then(|| json!({ "statistics": super::rule_counts(report) })),
            results: Streamed(RefCell::new(Some(results))),
            tool: json!({ "driver": {
                "name": "sglint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }}),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// The SARIF log. Keys are in the order serde_json writes an object's keys (sorted), as in the
/// objects built with `json!` inside it.
#[derive(Serialize)]
struct Log<R: Serialize> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<R>; 1],
    version: &'static str,
}

/// The one run of the log; `results` is written as it is produced.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<R: Serialize> {
    column_kind: &'static str,
    invocations: Value,
    original_uri_base_ids: Value,
    /// With `--statistics`: the findings counted by rule and severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Value>,
    results: R,
    tool: Value,
}

/// A JSON array written item by item while it is serialized: a report's results (there can be
/// hundreds of thousands) are never all in memory as JSON values.
struct Streamed<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> Serialize for Streamed<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.borrow_mut().take().into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("mutual-reference"), "MutualReference");
        assert_eq!(sentence("no description"), "no description.");
        assert_eq!(sentence("Why?"), "Why?");
    }
}
