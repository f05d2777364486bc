//! Neutral findings: what rules produce and emitters read. No formatting happens here.

use crate::source::{Location, Span};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How serious a finding is. Ordered so that `Note < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A secondary location that helps explain a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub message: Cow<'static, str>,
    pub span: Span,
    /// Lines and columns of `span`, filled in by the lint run.
    pub location: Location,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Rule id, e.g. `mutual-reference`, or `parse-error`.
    pub rule: &'static str,
    pub severity: Severity,
    // Text is `Cow` because most labels and help texts are constants: a run with tens of
    // thousands of findings should not allocate each of them again.
    pub message: Cow<'static, str>,
    /// Where the problem is; the primary label's text is `label`.
    pub span: Span,
    /// Lines and columns of `span`, filled in by the lint run (rules leave the default).
    pub location: Location,
    pub label: Cow<'static, str>,
    pub related: Vec<Related>,
    pub help: Option<Cow<'static, str>>,
    /// The Terraform address of the resource concerned, e.g. `aws_security_group.web[0]`.
    pub resource: Option<String>,
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub note: usize,
}

impl SeverityCounts {
    pub fn of(diagnostics: &[Diagnostic]) -> SeverityCounts {
        let mut counts = SeverityCounts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Note => counts.note += 1,
            }
        }
        counts
    }
}
