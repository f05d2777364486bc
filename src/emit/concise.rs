//! `--format concise`: `path:line:col: severity: message [rule-id]`, for editors' problem matchers.

use crate::lint::Report;
use std::io::{self, Write};

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let file = report.sources.file(d.span.file);
        let start = file.line_col(d.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}: {} [{}]",
            file.display_path(),
            start.line,
            start.column,
            d.severity,
            d.message,
            d.rule
        )?;
    }
    Ok(())
}
