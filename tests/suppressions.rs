//! Inline suppressions as a user writes them: every form in `testdata/suppressions/`, and the
//! findings about the suppressions themselves.

use assert_cmd::Command;

fn concise(args: &[&str], code: i32) -> String {
    let out = Command::cargo_bin("sglint")
        .unwrap()
        .args(["check", "testdata/suppressions", "--format", "concise"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_form_silences_its_element_and_bad_suppressions_are_reported() {
    // Silenced: a resource (two ids, the comment before it), a nested block, an attribute (a `//`
    // comment before it), an attribute's own line (trailing comment), a whole file (two findings
    // of whole_file.tf). What remains is each suppression's own problem, and the finding whose
    // suppression names a rule that does not exist.
    assert_eq!(
        concise(&[], 1),
        "testdata/suppressions/main.tf:39:35: warning: suppression without a reason [invalid-suppression]
testdata/suppressions/main.tf:48:23: warning: ingress from the whole internet (`0.0.0.0/0`) on TCP port 9100 [public-ingress]
testdata/suppressions/main.tf:48:51: warning: suppression names unknown rule `public-ingres` [invalid-suppression]
testdata/suppressions/main.tf:51:17: note: suppression of `mutual-reference` silences nothing [unused-suppression]
"
    );
}

#[test]
fn without_the_suppressions_the_findings_are_there() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["main.tf", "whole_file.tf"] {
        let text = std::fs::read_to_string(format!("testdata/suppressions/{name}")).unwrap();
        std::fs::write(dir.path().join(name), text.replace("sglint:ignore", "note")).unwrap();
    }
    let out = Command::cargo_bin("sglint")
        .unwrap()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for expected in [
        "main.tf:5:10: warning: the name of `aws_security_group.legacy`",
        "main.tf:4:1: warning: security group `aws_security_group.legacy` has no description",
        "main.tf:8:3: warning: ingress rule has no description",
        "main.tf:21:20: warning: ingress from the whole internet (`0.0.0.0/0`) on TCP port 8443",
        "main.tf:29:20: note: egress to the whole internet",
        "main.tf:39:23: error: ingress from the whole internet (`0.0.0.0/0`) on SSH",
        "whole_file.tf:6:3: warning: ingress rule has no description",
        "whole_file.tf:13:3: warning: egress rule has no description",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn suppressions_of_rules_that_did_not_run_are_not_unused() {
    let out = concise(&["--ignore", "mutual-reference"], 1);
    assert!(!out.contains("unused-suppression"), "{out}");
    // The checks of suppressions are rules like the others.
    let out = concise(&["--ignore", "invalid-suppression,unused-suppression"], 1);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn suppressions_apply_to_a_plans_findings_in_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let pair = std::path::Path::new("testdata/plans/public-ingress");
    std::fs::copy(pair.join("plan.json"), dir.path().join("plan.json")).unwrap();
    let tf = std::fs::read_to_string(pair.join("main.tf")).unwrap();
    let tf = tf
        .replace(
            "    cidr_blocks = [\"0.0.0.0/0\"]\n",
            "    cidr_blocks = [\"0.0.0.0/0\"] # sglint:ignore public-ingress -- bastion, MFA enforced\n",
        )
        .replace(
            "resource \"aws_vpc_security_group_ingress_rule\"",
            "# sglint:ignore public-ingress, inline-and-standalone-rules, duplicate-rule -- vendor scraper\nresource \"aws_vpc_security_group_ingress_rule\"",
        );
    std::fs::write(dir.path().join("main.tf"), tf).unwrap();
    let out = Command::cargo_bin("sglint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "plan.json", "--format", "concise"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    // The plan's findings are silenced by the comments in main.tf; the suppression of a rule that
    // finds nothing there is reported where it is written.
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "main.tf:18:62: note: suppression of `duplicate-rule` silences nothing [unused-suppression]\n"
    );
}
