//! `--format junit`: JUnit XML for CI test-report views. Each file with findings is a test
//! suite and each finding a test case, failed when its severity fails the run (`--fail-on`),
//! else passed with the finding as its output; a run without findings is one passing case.

use super::{Context, RepoPaths, xml_escape};
use crate::lint::Report;
use std::io::{self, Write};

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    let mut paths = RepoPaths::new(report, ctx);
    let fails = |d: &crate::diagnostic::Diagnostic| ctx.fail_on.is_some_and(|t| d.severity >= t);
    let failures = report.diagnostics.iter().filter(|d| fails(d)).count();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    let errors = report.errors.len();
    writeln!(
        out,
        "<testsuites name=\"sglint\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">",
        (report.diagnostics.len() + errors).max(1)
    )?;
    // Inputs that could not be read: one errored case each, so the run does not look clean.
    if errors > 0 {
        writeln!(
            out,
            "  <testsuite name=\"inputs\" tests=\"{errors}\" failures=\"0\" errors=\"{errors}\">"
        )?;
        for error in &report.errors {
            let message = xml_escape(error);
            writeln!(
                out,
                "    <testcase name=\"{message}\" classname=\"inputs\">\n      \
                 <error message=\"{message}\" type=\"unreadable\"/>\n    </testcase>"
            )?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    if report.diagnostics.is_empty() && errors == 0 {
        writeln!(
            out,
            "  <testsuite name=\"sglint\" tests=\"1\" failures=\"0\" errors=\"0\">\n    \
             <testcase name=\"no findings in {} file(s)\" classname=\"sglint\"/>\n  </testsuite>",
            report.summary.files
        )?;
    }
    for findings in report.diagnostics.by_file() {
        let path = xml_escape(paths.get(findings[0].span.file));
        writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            findings.len(),
            findings.iter().filter(|d| fails(d)).count()
        )?;
        for d in findings {
            let start = d.location.start;
            let body = xml_escape(&paths.full_text(d));
            let outcome = if fails(d) {
                format!(
                    "<failure message=\"{}\" type=\"{}\">{body}</failure>",
                    xml_escape(&d.message),
                    d.severity
                )
            } else {
                // Below `--fail-on`: reported, but not a failed test.
                format!("<system-out>{}: {body}</system-out>", d.severity)
            };
            writeln!(
                out,
                "    <testcase name=\"{rule} at {path}:{line}:{column}\" classname=\"{path}\" \
                 file=\"{path}\" line=\"{line}\">\n      {outcome}\n    </testcase>",
                rule = d.rule,
                line = start.line,
                column = start.column,
            )?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
