//! `--format concise`: `path:line:col: severity: message [rule-id]`, for editors' problem matchers.

use crate::lint::Report;
use std::io::{self, Write};

pub fn emit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Findings are sorted by file: convert each file's path for display once. Each line is
    // assembled in one buffer and written at once: a large run prints hundreds of thousands of
    // lines on one thread after the parallel work is done, where `write!`'s formatting machinery
    // was a fifth of that serial tail.
    let mut current: Option<(usize, String)> = None;
    let mut line = String::new();
    let (mut line_number, mut column) = (itoa::Buffer::new(), itoa::Buffer::new());
    for d in &report.diagnostics {
        let file = report.sources.file(d.span.file);
        let path = match &current {
            Some((id, path)) if *id == d.span.file => path,
            _ => {
                let shown = super::terminal_path(&file.display_path()).into_owned();
                &current.insert((d.span.file, shown)).1
            }
        };
        let start = d.location.start;
        line.clear();
        for part in [
            path,
            ":",
            line_number.format(start.line),
            ":",
            column.format(start.column),
            ": ",
            d.severity.as_str(),
            ": ",
            &super::terminal(&d.message),
            " [",
            &*d.rule,
            "]\n",
        ] {
            line.push_str(part);
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
