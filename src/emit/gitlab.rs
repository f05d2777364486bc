//! `--format gitlab`: GitLab Code Quality JSON, shown in merge request widgets and diffs.

use super::{Context, RepoPaths, fingerprints, message_with_help};
use crate::diagnostic::Severity;
use crate::lint::Report;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    categories: [&'static str; 1],
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    let mut paths = RepoPaths::new(report, ctx);
    let fingerprints = fingerprints(report, &mut paths);
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| Issue {
            kind: "issue",
            check_name: &d.rule,
            description: message_with_help(d),
            categories: ["Security"],
            fingerprint,
            severity: match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Note => "info",
            },
            location: IssueLocation {
                path: paths.get(d.span.file).to_string(),
                lines: Lines {
                    begin: d.location.start.line,
                    end: d.location.end.line,
                },
            },
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
