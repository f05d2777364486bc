//! Output formats. Each reads only the report's diagnostics and sources.

mod concise;
mod json;
mod pretty;

use crate::lint::Report;
use std::io::{self, Write};

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels and help (miette).
    Pretty,
    /// `path:line:col: severity: message [rule-id]`, one finding per line.
    Concise,
    /// A JSON document with every finding and a summary.
    Json,
}

/// Writes the report in `format`; `color` applies to the pretty format only.
pub fn emit(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::emit(report, out, color),
        Format::Concise => concise::emit(report, out),
        Format::Json => json::emit(report, out),
    }
}
