//! `--format concise`: `path:line:col: severity: message [rule-id]`, for editors' problem matchers.

use crate::lint::Report;
use std::io::{self, Write};

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Findings are sorted by file: convert each file's path for display once.
    let mut current: Option<(usize, String)> = None;
    for d in &report.diagnostics {
        let file = report.sources.file(d.span.file);
        let path = match &current {
            Some((id, path)) if *id == d.span.file => path,
            _ => &current.insert((d.span.file, file.display_path())).1,
        };
        let start = d.location.start;
        writeln!(
            out,
            "{path}:{}:{}: {}: {} [{}]",
            start.line, start.column, d.severity, d.message, d.rule
        )?;
    }
    Ok(())
}
