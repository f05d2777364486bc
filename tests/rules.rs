//! Every catalogue entry's fixtures: `pass*.tf` must be silent for the rule, `fail*.tf` findings are
//! snapshotted in the concise and pretty formats.

mod common;

use sglint::catalogue::AppliesTo;
use sglint::emit::{Context, Format, emit};
use std::path::Path;

/// Every id of the catalogue: the rules, and the checks of suppressions.
fn ids() -> Vec<String> {
    let registry = sglint::catalogue::Registry::builtin();
    registry
        .entries()
        .iter()
        .map(|e| e.id.to_string())
        .collect()
}

fn render(report: &sglint::lint::Report, format: Format) -> String {
    let mut out = Vec::new();
    emit(format, report, &mut out, &Context::from_env(false, false)).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_rule_has_passing_and_failing_fixtures() {
    for id in ids() {
        let dir = Path::new("testdata/rules").join(&id);
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
        for file in common::fixtures(&Path::new("testdata/rules").join(&id), "pass") {
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
        for file in common::fixtures(&Path::new("testdata/rules").join(&id), "fail") {
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

/// The rule origins a finding can come from, by the type of the resource it names: an inline
/// block of a group, or one of the three rule resources.
const INLINE: &str = "inline";
const EVERY_ORIGIN: &[&str] = &[
    INLINE,
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
];
const RULE_RESOURCES: &[&str] = &[
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
];

/// Each rule's entry says what it applies to; rules about single rules cover every origin of
/// those they apply to, and rules about a group, an attachment or a comment have none.
fn origins(id: &str) -> &'static [&'static str] {
    let entry = sglint::catalogue::Registry::builtin();
    match entry.get(id).unwrap().applies_to {
        AppliesTo::Rules => EVERY_ORIGIN,
        AppliesTo::IngressRules => &[
            INLINE,
            "aws_security_group_rule",
            "aws_vpc_security_group_ingress_rule",
        ],
        AppliesTo::EgressRules => &[
            INLINE,
            "aws_security_group_rule",
            "aws_vpc_security_group_egress_rule",
        ],
        AppliesTo::RuleResources => RULE_RESOURCES,
        AppliesTo::InlineRules => &[INLINE],
        AppliesTo::Groups | AppliesTo::Suppressions => &[],
    }
}

fn origin(resource: &str) -> &str {
    match resource.split('.').next().unwrap_or_default() {
        "aws_security_group" | "aws_default_security_group" => INLINE,
        kind => kind,
    }
}

/// The origins of the rules a fixture writes.
fn written_origins(file: &Path) -> Vec<&'static str> {
    let text = std::fs::read_to_string(file).unwrap();
    let inline = text.lines().map(str::trim_start).any(|l| {
        [
            "ingress {",
            "egress {",
            "dynamic \"ingress\"",
            "dynamic \"egress\"",
        ]
        .iter()
        .any(|start| l.starts_with(start))
    });
    EVERY_ORIGIN
        .iter()
        .copied()
        .filter(|&origin| {
            if origin == INLINE {
                inline
            } else {
                text.contains(&format!("resource \"{origin}\""))
            }
        })
        .collect()
}

#[test]
fn passing_fixtures_write_every_origin_a_rule_applies_to() {
    let mut gaps = Vec::new();
    for id in ids() {
        let wanted = origins(&id);
        let files = common::fixtures(&Path::new("testdata/rules").join(&id), "pass");
        let written: Vec<&str> = files.iter().flat_map(|f| written_origins(f)).collect();
        for origin in wanted.iter().filter(|o| !written.contains(o)) {
            gaps.push(format!("{id}: no passing fixture writes {origin}"));
        }
    }
    assert!(gaps.is_empty(), "{gaps:#?}");
}

#[test]
fn failing_fixtures_cover_every_origin_a_rule_applies_to() {
    let mut gaps = Vec::new();
    for id in ids() {
        let wanted = origins(&id);
        let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        for file in common::fixtures(&Path::new("testdata/rules").join(&id), "fail") {
            let report = common::lint_file(&file);
            seen.extend(
                report
                    .diagnostics
                    .iter()
                    .filter(|d| d.rule == *id)
                    .filter_map(|d| d.resource.as_deref().map(|r| origin(r).to_string())),
            );
        }
        for origin in wanted.iter().filter(|o| !seen.contains(**o)) {
            gaps.push(format!("{id}: no failing fixture from {origin}"));
        }
    }
    assert!(gaps.is_empty(), "{gaps:#?}");
}
