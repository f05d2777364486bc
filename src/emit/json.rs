//! `--format json`: every finding with its location, plus a summary.

use crate::diagnostic::SeverityCounts;
use crate::lint::Report;
use crate::source::{self, SourceMap, Span};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    /// Inputs that could not be used at all (a missing path, an unreadable file, a file that is
    /// not a plan), each a message that names the path.
    errors: &'a [String],
    summary: Summary<'a>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    resource: Option<&'a str>,
    location: Location,
    related: Vec<RelatedFinding<'a>>,
}

#[derive(Serialize)]
struct RelatedFinding<'a> {
    message: &'a str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Summary<'a> {
    files: usize,
    security_groups: usize,
    rules: usize,
    module_calls: ModuleCalls,
    findings: SeverityCounts,
    /// With `--statistics`: the findings counted by rule and severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<super::RuleCount<'a>>>,
}

/// The `module` blocks evaluated with their arguments, and those that were not.
#[derive(Serialize)]
struct ModuleCalls {
    evaluated: usize,
    /// Registry or git sources `terraform init` has not unpacked.
    remote: usize,
    /// Local directories outside the linted paths, or excluded.
    not_linted: usize,
}

fn location(sources: &SourceMap, span: Span, at: source::Location) -> Location {
    Location {
        path: sources.file(span.file).display_path(),
        line: at.start.line,
        column: at.start.column,
        end_line: at.end.line,
        end_column: at.end.column,
    }
}

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &super::Context) -> io::Result<()> {
    let findings = report
        .diagnostics
        .iter()
        .map(|d| Finding {
            rule: &d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            help: d.help.as_deref(),
            resource: d.resource.as_deref(),
            location: location(&report.sources, d.span, d.location),
            related: d
                .related
                .iter()
                .map(|r| RelatedFinding {
                    message: &r.message,
                    location: location(&report.sources, r.span, r.location),
                })
                .collect(),
        })
        .collect();
    let document = Document {
        version: 1,
        findings,
        errors: &report.errors,
        summary: Summary {
            files: report.summary.files,
            security_groups: report.summary.security_groups,
            rules: report.summary.rules,
            module_calls: ModuleCalls {
                evaluated: report.calls.evaluated,
                remote: report.calls.remote,
                not_linted: report.calls.not_linted,
            },
            findings: SeverityCounts::of(&report.diagnostics),
            statistics: ctx.statistics.then(|| super::rule_counts(report)),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
