//! `--format junit`: JUnit XML for CI test-report views. Each file with findings is a test
//! suite and each finding a failed test case; a run without findings is one passing case.

use super::{Context, RepoPaths, xml_escape};
use crate::lint::Report;
use std::io::{self, Write};

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    let mut paths = RepoPaths::new(report, ctx);
    let failures = report.diagnostics.len();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"sglint\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        failures.max(1)
    )?;
    if report.diagnostics.is_empty() {
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
            "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">",
            n = findings.len()
        )?;
        for d in findings {
            let start = d.location.start;
            let body = paths.full_text(d);
            writeln!(
                out,
                "    <testcase name=\"{rule} at {path}:{line}:{column}\" classname=\"{path}\" \
                 file=\"{path}\" line=\"{line}\">\n      \
                 <failure message=\"{message}\" type=\"{severity}\">{body}</failure>\n    \
                 </testcase>",
                rule = d.rule,
                line = start.line,
                column = start.column,
                message = xml_escape(&d.message),
                severity = d.severity,
                body = xml_escape(&body),
            )?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
