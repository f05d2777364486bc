//! Every rule's fixtures: `pass*.tf` must be silent for the rule, `fail*.tf` findings are
//! snapshotted in the concise and pretty formats.

mod common;

use sglint::emit::{Format, emit};
use sglint::rules::RULES;
use std::path::Path;

fn render(report: &sglint::lint::Report, format: Format) -> String {
    let mut out = Vec::new();
    emit(format, report, &mut out, false).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_rule_has_passing_and_failing_fixtures() {
    for rule in RULES {
        let dir = Path::new("testdata/rules").join(rule.id());
        assert!(
            !common::fixtures(&dir, "pass").is_empty(),
            "{} has no pass*.tf",
            rule.id()
        );
        assert!(
            !common::fixtures(&dir, "fail").is_empty(),
            "{} has no fail*.tf",
            rule.id()
        );
    }
}

#[test]
fn passing_fixtures_are_silent() {
    for rule in RULES {
        for file in common::fixtures(&Path::new("testdata/rules").join(rule.id()), "pass") {
            let report = common::lint_file(&file);
            let findings: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule.id() || d.rule == "parse-error")
                .map(|d| &d.message)
                .collect();
            assert!(findings.is_empty(), "{}: {findings:#?}", file.display());
        }
    }
}

#[test]
fn failing_fixtures_match_snapshots() {
    for rule in RULES {
        for file in common::fixtures(&Path::new("testdata/rules").join(rule.id()), "fail") {
            let mut report = common::lint_file(&file);
            report.diagnostics.retain(|d| d.rule == rule.id());
            assert!(
                !report.diagnostics.is_empty(),
                "{} finds nothing",
                file.display()
            );
            let stem = file.file_stem().unwrap().to_str().unwrap();
            let name = format!("{}__{stem}", rule.id());
            insta::assert_snapshot!(format!("{name}__concise"), render(&report, Format::Concise));
            insta::assert_snapshot!(format!("{name}__pretty"), render(&report, Format::Pretty));
        }
    }
}
