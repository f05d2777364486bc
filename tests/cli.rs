//! The `sglint` binary as a user runs it: exit codes, formats, discovery and errors.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn sglint() -> Command {
    let mut cmd = Command::cargo_bin("sglint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn stdout(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

const DESCRIBED_GROUP: &str = r#"
resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
}
"#;

const MUTUAL_RULES: &str = r#"
resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders app"
}
resource "aws_security_group_rule" "db_from_app" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  source_security_group_id = aws_security_group.app.id
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  description              = "PostgreSQL from the app"
}
resource "aws_security_group_rule" "app_from_db" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = aws_security_group.db.id
  protocol                 = "tcp"
  from_port                = 8080
  to_port                  = 8080
  description              = "Callbacks from the database"
}
"#;

#[test]
fn bundled_example_reports_every_seed_rule_in_concise_format() {
    let out = stdout(
        sglint().args(["check", "testdata/examples", "--format", "concise"]),
        1,
    );
    for rule in [
        "name-describes-traffic",
        "missing-group-description",
        "missing-rule-description",
        "cidr-instead-of-reference",
        "mutual-reference",
    ] {
        assert!(
            out.contains(&format!("[{rule}]")),
            "{rule} missing from:\n{out}"
        );
    }
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "testdata/examples/main.tf:13:17: warning: the name of `aws_security_group.web` describes \
         the traffic it allows (`allow`, `https`, `8443`) instead of what the group contains \
         [name-describes-traffic]"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    sglint()
        .args(["check", "testdata/examples", "--fail-on", "error"])
        .assert()
        .code(0);
    sglint()
        .args([
            "check",
            "testdata/rules/mutual-reference/pass.tf",
            "--select",
            "mutual-reference",
            "--fail-on",
            "note",
        ])
        .assert()
        .code(0);
    // Only a note (a private CIDR outside the group's VPC, maybe a peer): fails only on note.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        r#"
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "x" {
  name        = "orders"
  description = "Orders"
  vpc_id      = aws_vpc.main.id
  ingress {
    description = "From the peered VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["172.20.0.0/16"]
  }
}
"#,
    );
    sglint().arg("check").arg(dir.path()).assert().code(0);
    sglint()
        .arg("check")
        .arg(dir.path())
        .args(["--fail-on", "note"])
        .assert()
        .code(1);
}

#[test]
fn json_output_has_locations_resources_and_summary() {
    let out = stdout(
        sglint().args(["check", "testdata/examples", "--format", "json"]),
        1,
    );
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["version"], 1);
    let first = &doc["findings"][0];
    assert_eq!(first["rule"], "name-describes-traffic");
    assert_eq!(first["resource"], "aws_security_group.web");
    assert_eq!(first["location"]["path"], "testdata/examples/main.tf");
    assert_eq!(first["location"]["line"], 13);
    assert_eq!(first["location"]["column"], 17);
    assert_eq!(first["location"]["end_column"], 35);
    let mutual = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "mutual-reference")
        .unwrap();
    assert_eq!(mutual["related"][0]["location"]["line"], 41);
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["summary"]["security_groups"], 2);
    assert_eq!(doc["summary"]["rules"], 4);
    // Seven from the seed rules, public-ingress on HTTPS 8443 from the internet, and two rule
    // resources for groups that also have inline rules.
    assert_eq!(doc["summary"]["findings"]["warning"], 10);
}

#[test]
fn a_named_file_resolves_across_its_directory_but_reports_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "groups.tf", DESCRIBED_GROUP);
    write(dir.path(), "rules.tf", MUTUAL_RULES);
    write(
        dir.path(),
        "other.tf",
        "resource \"aws_security_group\" \"x\" {}\n",
    );
    let named = dir.path().join("rules.tf");
    let out = stdout(
        sglint()
            .arg("check")
            .arg(&named)
            .args(["--format", "concise"]),
        1,
    );
    assert!(out.contains("[mutual-reference]"), "{out}");
    assert!(
        !out.contains("other.tf"),
        "only the named file is reported:\n{out}"
    );
    assert!(out.lines().all(|l| l.starts_with(named.to_str().unwrap())));
}

#[test]
fn whole_module_reports_every_file_of_a_named_files_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "groups.tf", DESCRIBED_GROUP);
    write(dir.path(), "rules.tf", MUTUAL_RULES);
    write(
        dir.path(),
        "nested/main.tf",
        "resource \"aws_security_group\" \"x\" {}\n",
    );
    let named = dir.path().join("groups.tf");
    // The named file itself has no finding: only the other file of its module has.
    stdout(
        sglint()
            .arg("check")
            .arg(&named)
            .args(["--format", "concise"]),
        0,
    );
    let out = stdout(
        sglint()
            .args(["check", "--whole-module", "--format", "concise"])
            .arg(&named),
        1,
    );
    assert!(
        out.contains("rules.tf:") && out.contains("[mutual-reference]"),
        "{out}"
    );
    assert!(
        !out.contains("nested"),
        "a subdirectory is another module:\n{out}"
    );
}

#[test]
fn nothing_to_lint_is_said_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let output = sglint().arg("check").arg(&empty).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("nothing to lint: no Terraform files (`.tf`, `.tf.json`) in"),
        "{err}"
    );
    // A directory of plans: they are named in the message, with the command that reads them.
    let plans = dir.path().join("plans");
    write(&plans, "prod.json", "{}");
    write(&plans, "staging.json", "{}");
    let output = sglint().arg("check").arg(&plans).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("2 `.json` file(s) there"), "{err}");
    assert!(err.contains("`sglint check "), "{err}");
    // A plan piped in without `-`: the current directory has nothing, and `-` is suggested.
    let output = sglint()
        .current_dir(&empty)
        .arg("check")
        .write_stdin("{\"format_version\": \"1.2\"}")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("in the current directory"), "{err}");
    assert!(err.contains("sglint check -`"), "{err}");
    // Every named path excluded on purpose (a pre-commit run over excluded files): exit 0.
    write(
        dir.path(),
        "legacy/main.tf",
        "resource \"aws_security_group\" \"x\" {}\n",
    );
    let output = sglint()
        .current_dir(dir.path())
        .args(["check", "--exclude", "legacy/", "--", "legacy/main.tf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(err.contains("every path named is excluded"), "{err}");
    // The graph of nothing is not an empty chart.
    for path in [empty.as_path(), Path::new("/nonexistent/sglint")] {
        let output = sglint().arg("graph").arg(path).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{path:?}");
        assert!(output.stdout.is_empty(), "{path:?}: {:?}", output.stdout);
    }
}

#[test]
fn junit_fails_only_what_fails_the_run_and_json_lists_unreadable_inputs() {
    let junit = stdout(
        sglint().args([
            "check",
            "testdata/examples",
            "--format",
            "junit",
            "--fail-on",
            "never",
        ]),
        0,
    );
    assert!(junit.contains("tests=\"10\" failures=\"0\""), "{junit}");
    assert!(!junit.contains("<failure"), "{junit}");
    assert!(junit.contains("<system-out>warning: "), "{junit}");
    let junit = stdout(
        sglint().args(["check", "testdata/examples", "--format", "junit"]),
        1,
    );
    assert!(junit.contains("tests=\"10\" failures=\"10\""), "{junit}");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        sglint().args([
            "check",
            "--format",
            "json",
            "/nonexistent/sglint",
            "testdata/examples",
        ]),
        2,
    ))
    .unwrap();
    assert_eq!(
        json["errors"],
        serde_json::json!(["/nonexistent/sglint: cannot read: no such file or directory"])
    );
    assert_eq!(json["findings"].as_array().unwrap().len(), 10);
    let junit = stdout(
        sglint().args(["check", "--format", "junit", "/nonexistent/sglint"]),
        2,
    );
    assert!(junit.contains("errors=\"1\""), "{junit}");
}

#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = stdout(
        sglint()
            .current_dir(dir.path())
            .args(["check", "--format", "concise", "-o", "-"])
            .arg(manifest.join("testdata/examples")),
        1,
    );
    assert!(out.contains("[name-describes-traffic]"), "{out}");
    assert!(!dir.path().join("-").exists());
}

#[test]
fn parse_error_is_explained_where_a_rule_id_is_expected() {
    let output = sglint()
        .args(["check", "--ignore", "parse-error", "testdata/examples"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(
        err.contains("not a rule but a finding about the input"),
        "{err}"
    );
    let doc = stdout(sglint().args(["rule", "parse-error"]), 0);
    assert!(
        doc.contains("cannot be selected, ignored, suppressed"),
        "{doc}"
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "# sglint:ignore-file parse-error -- generated\nresource \"aws_security_group\" \"x\" {\n",
    );
    let out = stdout(
        sglint()
            .args(["check", "--format", "concise"])
            .arg(dir.path()),
        2,
    );
    assert!(out.contains("[parse-error]"), "{out}");
    assert!(
        out.contains("`parse-error` cannot be suppressed: it is about the input"),
        "{out}"
    );
}

#[test]
fn overlapping_inputs_lint_each_file_once_and_modules_come_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let group = "resource \"aws_security_group\" \"x\" {}\n";
    for name in [
        "b/main.tf",
        "a/main.tf",
        "a/nested/main.tf",
        "c/main.tf",
        "c/other.tf",
    ] {
        write(dir.path(), name, group);
    }
    // A directory, a directory inside it, a file inside it, and a file of a directory not walked.
    let out = stdout(
        sglint().current_dir(dir.path()).args([
            "check",
            ".",
            "./a/nested",
            "./b/main.tf",
            "c/main.tf",
            "--format",
            "concise",
            "--select",
            "missing-group-description",
        ]),
        1,
    );
    let files: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        files,
        [
            "./a/main.tf",
            "./a/nested/main.tf",
            "./b/main.tf",
            "./c/main.tf",
            "./c/other.tf",
        ],
        "`c/main.tf` is `./c/main.tf`: reported once\n{out}"
    );
}

#[test]
fn a_parse_error_is_located_and_the_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a/broken.tf",
        "resource \"aws_security_group\" \"x\" {\n  name = \n}\n",
    );
    write(
        dir.path(),
        "b/main.tf",
        "resource \"aws_security_group\" \"y\" {}\n",
    );
    let out = stdout(
        sglint()
            .arg("check")
            .arg(dir.path())
            .args(["--format", "concise"]),
        2,
    );
    assert!(out.contains("broken.tf:2:10: error: syntax error"), "{out}");
    assert!(out.contains("[parse-error]"));
    assert!(out.contains(
        "b/main.tf:1:1: warning: security group `aws_security_group.y` has no description"
    ));
}

#[test]
fn invalid_utf8_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bin.tf"), b"a = \"\xff\"\n").unwrap();
    let out = stdout(
        sglint()
            .arg("check")
            .arg(dir.path())
            .args(["--format", "concise"]),
        2,
    );
    assert!(
        out.contains("bin.tf:1:6: error: the file is not valid UTF-8"),
        "{out}"
    );
}

#[test]
fn tfvars_override_variable_defaults() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "variable \"name\" { default = \"orders\" }\n\
         resource \"aws_security_group\" \"x\" {\n  name        = var.name\n  description = \"Orders\"\n}\n",
    );
    sglint().arg("check").arg(dir.path()).assert().code(0);
    write(dir.path(), "terraform.tfvars", "name = \"allow-ssh\"\n");
    let out = stdout(
        sglint()
            .arg("check")
            .arg(dir.path())
            .args(["--format", "concise"]),
        1,
    );
    assert!(out.contains("main.tf:3:17: warning: the name of"), "{out}");
}

#[test]
fn hidden_and_excluded_directories_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "resource \"aws_security_group\" \"x\" {}\n";
    write(dir.path(), ".terraform/modules/m/main.tf", bad);
    write(dir.path(), "vendor/main.tf", bad);
    write(dir.path(), "main.tf", DESCRIBED_GROUP);
    sglint()
        .current_dir(dir.path())
        .args(["check", "--exclude", "vendor"])
        .assert()
        .code(0);
    sglint()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(1);
}

#[test]
fn a_config_dir_that_is_not_a_directory_is_a_usage_error() {
    let plan = "testdata/plans/all-ports-open/plan.json";
    for (dir, why) in [
        ("no/such/dir", "cannot read: no such file or directory"),
        ("README.md", "is not a directory"),
    ] {
        for command in ["check", "graph"] {
            let assert = sglint()
                .args([command, "--plan", plan, "--config-dir", dir])
                .assert()
                .code(2);
            let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
            assert_eq!(err, format!("sglint: --config-dir {dir}: {why}\n"));
        }
    }
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let assert = sglint().args(["check", "no/such/dir"]).assert().code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("no/such/dir: cannot read: no such file or directory"),
        "{err}"
    );
}

#[test]
fn rules_and_rule_print_the_catalogue() {
    let out = stdout(sglint().arg("rules"), 0);
    let registry = sglint::catalogue::Registry::builtin();
    let entries = registry.entries();
    let inputs = sglint::diagnostic::INPUT_FINDINGS;
    assert_eq!(out.lines().count(), entries.len() + inputs.len());
    for (line, entry) in out.lines().zip(entries) {
        assert!(line.starts_with(&format!("{} ", entry.id)), "{line}");
        assert_eq!(line.ends_with("(off by default)"), !entry.enabled, "{line}");
    }
    for (line, finding) in out.lines().skip(entries.len()).zip(inputs) {
        assert!(line.starts_with(&format!("{} ", finding.id)), "{line}");
        assert!(
            line.ends_with("(about the input; always reported)"),
            "{line}"
        );
    }
    let page = stdout(sglint().args(["rule", "evaluation-limit"]), 0);
    assert!(page.starts_with("# evaluation-limit\n"), "{page}");
    assert!(
        page.contains("cannot be selected, ignored, suppressed"),
        "{page}"
    );
    let page = stdout(sglint().args(["rule", "mutual-reference"]), 0);
    assert_eq!(
        page,
        fs::read_to_string("docs/rules/mutual-reference.md").unwrap()
    );
    sglint().args(["rule", "no-such-rule"]).assert().code(2);
    let typo = sglint().args(["rule", "mutual-refrence"]).assert().code(2);
    let err = String::from_utf8(typo.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("no rule `mutual-refrence`; did you mean `mutual-reference`?"),
        "{err}"
    );
}

#[test]
fn pretty_output_has_no_colour_when_piped() {
    let out = stdout(sglint().args(["check", "testdata/examples"]), 1);
    assert!(!out.contains('\u{1b}'));
    assert!(out.contains("warning[mutual-reference]:"));
    assert!(out.contains("run `sglint rule mutual-reference` for more"));
}

#[test]
fn output_writes_the_report_to_a_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("sglint.sarif");
    let out = stdout(
        sglint()
            .args([
                "check",
                "testdata/examples",
                "--format",
                "sarif",
                "--output",
            ])
            .arg(&report),
        1,
    );
    assert_eq!(out, "", "nothing on standard output");
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 10);
    // A directory that does not exist: a plain error, exit 2.
    let err = sglint()
        .args(["check", "testdata/examples", "--output"])
        .arg(dir.path().join("missing/report.txt"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("cannot write the report to"), "{err}");
}

#[test]
fn quiet_prints_only_the_findings() {
    let loud = stdout(sglint().args(["check", "testdata/examples"]), 1);
    let quiet = stdout(sglint().args(["check", "testdata/examples", "--quiet"]), 1);
    assert!(loud.contains("0 error(s), 10 warning(s)"));
    assert!(!quiet.contains("warning(s)"), "no summary line:\n{quiet}");
    assert!(quiet.contains("[name-describes-traffic]"));
    let clean = stdout(
        sglint().args([
            "check",
            "testdata/rules/mutual-reference/pass.tf",
            "--select",
            "mutual-reference",
            "-q",
        ]),
        0,
    );
    assert_eq!(clean, "");
}

/// Two public-ingress findings of different severities: SSH (an error) and port 8443 (a warning).
const TWO_SEVERITIES: &str = r#"resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  description       = "SSH"
}

resource "aws_vpc_security_group_ingress_rule" "api" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  description       = "API"
}
"#;

#[test]
fn statistics_count_findings_per_rule_and_severity() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", TWO_SEVERITIES);
    let path = dir.path().to_str().unwrap();
    let table = stdout(sglint().args(["check", path, "--statistics"]), 1);
    assert_eq!(
        table, "     1  error    public-ingress\n     1  warning  public-ingress\n",
        "a rule's severities are counted apart"
    );
    let out = stdout(
        sglint().args(["check", "testdata/examples", "--statistics"]),
        1,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(lines[0], "     2  warning  cidr-instead-of-reference");

    // JSON: the whole report, with the counts in its summary.
    let json: serde_json::Value = serde_json::from_str(&stdout(
        sglint().args(["check", path, "--statistics", "--format", "json"]),
        1,
    ))
    .unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["summary"]["statistics"],
        serde_json::json!([
            { "rule": "public-ingress", "severity": "error", "count": 1 },
            { "rule": "public-ingress", "severity": "warning", "count": 1 },
        ])
    );
    let plain: serde_json::Value = serde_json::from_str(&stdout(
        sglint().args(["check", path, "--format", "json"]),
        1,
    ))
    .unwrap();
    assert!(plain["summary"].get("statistics").is_none());

    // SARIF written to a file: still SARIF, with the counts in the run's properties.
    let sarif = dir.path().join("report.sarif");
    let output = sglint()
        .args(["check", path, "--statistics", "--format", "sarif", "-o"])
        .arg(&sarif)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let log: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
    assert_eq!(
        log["runs"][0]["properties"]["statistics"][1]["severity"],
        "warning"
    );

    // A format with no place for them: the report on standard output, the counts on stderr.
    let output = sglint()
        .args(["check", path, "--statistics", "--format", "junit"])
        .output()
        .unwrap();
    let junit = String::from_utf8(output.stdout).unwrap();
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert!(!junit.contains("     1  error"), "{junit}");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "     1  error    public-ingress\n     1  warning  public-ingress\n"
    );
}

#[test]
fn color_is_asked_for_or_refused() {
    let always = stdout(
        sglint().args(["check", "testdata/examples", "--color", "always"]),
        1,
    );
    assert!(always.contains("\u{1b}["), "ANSI colour codes");
    let never = stdout(
        sglint().args(["--color", "never", "check", "testdata/examples"]),
        1,
    );
    assert!(!never.contains("\u{1b}["));
}

#[test]
fn completions_and_version() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout(sglint().args(["completions", shell]), 0);
        assert!(
            script.contains("sglint") && script.contains("fail-on"),
            "{shell} completion names the command and its flags"
        );
    }
    let version = stdout(sglint().arg("--version"), 0);
    assert_eq!(version, format!("sglint {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let out = stdout(
        sglint()
            .current_dir("testdata/examples")
            .args(["check", "--format", "github"]),
        1,
    );
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::warning file=testdata/examples/main.tf,line=13,col=17,"),
        "{first}"
    );
}

/// Input a broken CI step or an attacker can hand sglint: each bad file is a located error
/// (exit 2) and the good file next to it is still linted.
#[test]
fn hostile_files_are_located_errors_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "locals {{\n  x = {}{}\n}}\n",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    write(dir.path(), "deep/main.tf", &deep);
    fs::create_dir_all(dir.path().join("binary")).unwrap();
    fs::write(
        dir.path().join("binary/main.tf"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00resource",
    )
    .unwrap();
    write(dir.path(), "empty/main.tf", "");
    write(dir.path(), "good dir/é.tf", DESCRIBED_GROUP);
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.path().join("good dir/loop")).unwrap();
    let out = sglint()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "concise"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].contains("binary/main.tf:1:") && lines[0].contains("[parse-error]"),
        "{stdout}"
    );
    assert!(
        lines[1].contains("deep/main.tf:2:") && lines[1].contains("nesting"),
        "{stdout}"
    );
    assert!(
        lines[2].contains("good dir/é.tf:2:1: note:") && lines[2].contains("[unused-group]"),
        "the good file is linted once, the symbolic link loop is not followed:\n{stdout}"
    );
    assert_eq!(lines.len(), 3, "an empty file has no findings:\n{stdout}");
}

/// A symbolic link to a file inside the named directories is read (a module's shared
/// `providers.tf`); one that leads out of them is not.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_only_inside_the_named_directories() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    write(
        &repo,
        "shared/network.tf",
        r#"resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }"#,
    );
    write(
        &repo,
        "app/main.tf",
        r#"
resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders app"
  vpc_id      = aws_vpc.main.id
  ingress {
    description = "From the app subnet"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
"#,
    );
    write(dir.path(), "outside/secret.tf", DESCRIBED_GROUP);
    std::os::unix::fs::symlink("../shared/network.tf", repo.join("app/network.tf")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("outside/secret.tf"),
        repo.join("app/secret.tf"),
    )
    .unwrap();
    let out = stdout(
        sglint()
            .arg("check")
            .arg(&repo)
            .args(["--format", "concise", "--fail-on", "never"]),
        0,
    );
    assert!(
        out.contains("the CIDR of `aws_vpc.main`"),
        "the linked network.tf is part of the module:\n{out}"
    );
    assert!(
        !out.contains("secret.tf"),
        "the link out of the tree is not read:\n{out}"
    );
    let named = stdout(
        sglint().arg("check").arg(repo.join("app/main.tf")).args([
            "--format",
            "concise",
            "--fail-on",
            "never",
        ]),
        0,
    );
    assert!(
        !named.contains("the CIDR of `aws_vpc.main`"),
        "a named file's directory is app/: a link to shared/ leads out of it:\n{named}"
    );
}
