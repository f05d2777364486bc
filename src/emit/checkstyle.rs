//! `--format checkstyle`: Checkstyle XML, read by reviewdog and Jenkins' warnings plugin.
//! File names are absolute, as Checkstyle writes them.

use super::{Context, message_with_help, xml_escape};
use crate::diagnostic::Severity;
use crate::files;
use crate::lint::Report;
use std::io::{self, Write};

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<checkstyle version=\"4.3\">")?;
    let mut open: Option<usize> = None;
    for d in &report.diagnostics {
        // Findings are sorted by file: one <file> element per run of the same file.
        if open != Some(d.span.file) {
            if open.is_some() {
                writeln!(out, "  </file>")?;
            }
            let path = files::normalize(&ctx.cwd.join(&report.sources.file(d.span.file).path));
            writeln!(
                out,
                "  <file name=\"{}\">",
                xml_escape(&path.display().to_string())
            )?;
            open = Some(d.span.file);
        }
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "info",
        };
        writeln!(
            out,
            "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" \
             source=\"sglint.{}\"/>",
            d.location.start.line,
            d.location.start.column,
            xml_escape(&message_with_help(d)),
            d.rule
        )?;
    }
    if open.is_some() {
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
