//! Every catalogue entry's fixtures: `pass*.tf` must be silent for the rule, `fail*.tf` findings are
//! snapshotted in the concise and pretty formats.

mod common;

use sglint::emit::{Format, emit};
use std::path::Path;

/// Every id of the catalogue: the rules, and the checks of suppressions.
fn ids() -> impl Iterator<Item = &'static str> {
    sglint::catalogue::entries().iter().map(|e| e.id.as_str())
}

fn render(report: &sglint::lint::Report, format: Format) -> String {
    let mut out = Vec::new();
    emit(format, report, &mut out, false).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_rule_has_passing_and_failing_fixtures() {
    for id in ids() {
        let dir = Path::new("testdata/rules").join(id);
        assert!(
            !common::fixtures(&dir, "pass").is_empty(),
            "{id} has no pass*.tf"
        );
        assert!(
            !common::fixtures(&dir, "fail").is_empty(),
            "{id} has no fail*.tf"
        );
    }
}

#[test]
fn passing_fixtures_are_silent() {
    for id in ids() {
        for file in common::fixtures(&Path::new("testdata/rules").join(id), "pass") {
            let report = common::lint_file(&file);
            let findings: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.rule == id || d.rule == "parse-error")
                .map(|d| &d.message)
                .collect();
            assert!(findings.is_empty(), "{}: {findings:#?}", file.display());
        }
    }
}

#[test]
fn failing_fixtures_match_snapshots() {
    for id in ids() {
        for file in common::fixtures(&Path::new("testdata/rules").join(id), "fail") {
            let mut report = common::lint_file(&file);
            report.diagnostics.retain(|d| d.rule == id);
            assert!(
                !report.diagnostics.is_empty(),
                "{} finds nothing",
                file.display()
            );
            let stem = file.file_stem().unwrap().to_str().unwrap();
            let name = format!("{id}__{stem}");
            insta::assert_snapshot!(format!("{name}__concise"), render(&report, Format::Concise));
            insta::assert_snapshot!(format!("{name}__pretty"), render(&report, Format::Pretty));
        }
    }
}
