//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the pull request's lines without uploading anything.

use super::{Context, RepoPaths};
use crate::diagnostic::Severity;
use crate::lint::Report;
use std::io::{self, Write};

/// A command's message, escaped as GitHub documents (`%`, carriage return, line feed).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: its message escapes, and `:` and `,`, which end a property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    let mut paths = RepoPaths::new(report, ctx);
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let message = paths.full_text(d);
        let (start, end) = (d.location.start, d.location.end);
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(paths.get(d.span.file)),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("sglint {}", d.rule)),
            escape_data(&message),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
