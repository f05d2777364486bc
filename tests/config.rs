//! `sglint.toml` as a user writes it: where it is found, how flags override it, and the located
//! error each mistake in it gets.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn sglint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sglint").unwrap();
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

/// A module with one finding of each of three rules: public-ingress (warning: TCP 8443),
/// missing-rule-description (warning) and name-describes-traffic (warning).
const MODULE: &str = r#"
resource "aws_security_group" "web" {
  name        = "allow-https"
  description = "Web front ends"

  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

output "web_security_group_id" {
  value = aws_security_group.web.id
}
"#;

/// A directory with `main.tf` and, when given, `sglint.toml`.
fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("main.tf"), MODULE).unwrap();
    if let Some(config) = config {
        fs::write(dir.path().join("sglint.toml"), config).unwrap();
    }
    dir
}

/// The rule ids of a concise report, in order.
fn rules_reported(cmd: &mut Command, code: i32) -> Vec<String> {
    stdout(cmd.arg("--format=concise"), code)
        .lines()
        .filter_map(|l| {
            l.rsplit_once(" [")
                .map(|(_, r)| r.trim_end_matches(']').to_string())
        })
        .collect()
}

/// Standard output of a run that must exit with `code`.
fn stdout(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

/// Standard error of `sglint ARGS` in `dir`, which must fail with exit code 2.
fn usage_error(dir: &Path, args: &[&str]) -> String {
    let out = sglint(dir)
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// Standard error of a run that must fail with exit code 2.
fn config_error(config: &str) -> String {
    usage_error(project(Some(config)).path(), &["check"])
}

#[test]
fn without_a_file_every_default_rule_runs() {
    let dir = project(None);
    let rules = rules_reported(sglint(dir.path()).arg("check"), 1);
    assert_eq!(
        rules,
        [
            "name-describes-traffic",
            "missing-rule-description",
            "public-ingress"
        ]
    );
}

#[test]
fn the_file_is_found_in_a_parent_directory_and_applies() {
    let dir = project(Some(
        "fail-on = \"error\"\n[rules]\nignore = [\"name-describes-traffic\"]\n",
    ));
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/main.tf"), MODULE).unwrap();
    // Only warnings remain, and fail-on = "error" makes the run pass.
    let rules = rules_reported(sglint(&dir.path().join("sub")).args(["check", "."]), 0);
    assert_eq!(rules, ["missing-rule-description", "public-ingress"]);
}

#[test]
fn a_dot_file_is_found_too_and_config_names_another() {
    let dir = project(None);
    fs::write(
        dir.path().join(".sglint.toml"),
        "[rules]\nselect = [\"public-ingress\"]\n",
    )
    .unwrap();
    assert_eq!(
        rules_reported(sglint(dir.path()).arg("check"), 1),
        ["public-ingress"]
    );
    fs::write(
        dir.path().join("other.toml"),
        "[rules]\nselect = [\"missing-rule-description\"]\n",
    )
    .unwrap();
    assert_eq!(
        rules_reported(
            sglint(dir.path()).args(["check", "--config", "other.toml"]),
            1
        ),
        ["missing-rule-description"]
    );
}

#[test]
fn flags_override_the_file() {
    let dir = project(Some(
        "fail-on = \"never\"\n[rules]\nselect = [\"public-ingress\"]\nignore = [\"missing-rule-description\"]\n",
    ));
    // The file: only public-ingress, and never fail.
    assert_eq!(
        rules_reported(sglint(dir.path()).arg("check"), 0),
        ["public-ingress"]
    );
    // --select replaces the file's select; the file's ignore still applies.
    assert_eq!(
        rules_reported(
            sglint(dir.path()).args([
                "check",
                "--select",
                "name-describes-traffic,missing-rule-description"
            ]),
            0
        ),
        ["name-describes-traffic"]
    );
    // --ignore replaces the file's ignore; --fail-on replaces fail-on.
    assert_eq!(
        rules_reported(
            sglint(dir.path()).args([
                "check",
                "--select=missing-rule-description",
                "--ignore=public-ingress",
                "--fail-on=warning"
            ]),
            1
        ),
        ["missing-rule-description"]
    );
}

#[test]
fn extend_flags_add_to_the_file() {
    let dir = project(Some(
        "[rules]\nselect = [\"public-ingress\"]\nignore = [\"missing-rule-description\"]\n",
    ));
    // --extend-select runs a rule besides the file's select, even one the file ignores.
    assert_eq!(
        rules_reported(
            sglint(dir.path()).args([
                "check",
                "--extend-select",
                "name-describes-traffic, missing-rule-description"
            ]),
            1
        ),
        [
            "name-describes-traffic",
            "missing-rule-description",
            "public-ingress"
        ]
    );
    // --extend-ignore skips a rule besides the file's ignore, and wins over --extend-select.
    assert_eq!(
        rules_reported(
            sglint(dir.path()).args([
                "check",
                "--extend-select=name-describes-traffic",
                "--extend-ignore=public-ingress,name-describes-traffic",
            ]),
            0
        ),
        Vec::<String>::new()
    );
    let err = usage_error(dir.path(), &["check", "--extend-ignore", "public-ingres"]);
    assert!(
        err.contains(
            "unknown rule `public-ingres` in --extend-ignore; did you mean `public-ingress`?"
        ),
        "{err}"
    );
}

#[test]
fn rule_tables_set_severity_and_options() {
    let dir = project(Some(
        "[rules.public-ingress]\nseverity = \"note\"\npublic-ports = [443, 8443]\n\
         [rules.name-describes-traffic]\nseverity = \"error\"\n\
         [rules.missing-rule-description]\nseverity = \"off\"\n",
    ));
    let out = stdout(sglint(dir.path()).args(["check", "--format=concise"]), 1);
    // 8443 is public now; the name finding is an error; rule descriptions are not checked.
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains(": error: the name of `aws_security_group.web`"),
        "{out}"
    );

    // A configured severity applies to findings that carry their own (SSH is an error by default).
    let dir = project(Some(
        "[rules.public-ingress]\nseverity = \"note\"\npublic-ports = []\n",
    ));
    fs::write(dir.path().join("main.tf"), MODULE.replace("8443", "22")).unwrap();
    let out = stdout(
        sglint(dir.path()).args([
            "check",
            "--format=concise",
            "--select=public-ingress",
            "--fail-on=warning",
        ]),
        0,
    );
    assert!(
        out.contains(": note: ingress from the whole internet"),
        "{out}"
    );
}

#[test]
fn invalid_toml_points_at_the_syntax_error() {
    let err = config_error("fail-on = \"error\n");
    assert!(err.contains("sglint.toml: is not valid TOML"), "{err}");
    assert!(err.contains("[sglint.toml:1:"), "{err}");
}

#[test]
fn an_unknown_key_is_named_and_located() {
    let err = config_error("exclude = []\nfail_on = \"error\"\n");
    assert!(err.contains("sglint.toml: unknown key `fail_on`"), "{err}");
    assert!(err.contains("[sglint.toml:2:1]"), "{err}");
    assert!(
        err.contains("the top-level keys are: baseline, exclude, fail-on, output-format, rules"),
        "{err}"
    );
}

#[test]
fn unknown_rule_ids_suggest_the_closest() {
    let err = config_error("[rules]\nignore = [\"public-ingres\"]\n");
    assert!(err.contains("unknown rule `public-ingres`"), "{err}");
    assert!(err.contains("[sglint.toml:2:11]"), "{err}");
    assert!(err.contains("did you mean `public-ingress`?"), "{err}");

    let err = config_error("[rules.no-such-rule]\nseverity = \"off\"\n");
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
    assert!(err.contains("[sglint.toml:1:8]"), "{err}");
    assert!(err.contains("`sglint rules` lists every rule"), "{err}");

    let dir = project(None);
    let out = sglint(dir.path())
        .args(["check", "--select", "public-ingres"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "sglint: unknown rule `public-ingres` in --select; did you mean `public-ingress`? \
         `sglint rules` lists every rule\n"
    );
}

#[test]
fn wrong_types_say_what_was_expected() {
    let err = config_error("exclude = \"examples/**\"\n");
    assert!(
        err.contains("expected a list of strings, found string"),
        "{err}"
    );
    assert!(err.contains("[sglint.toml:1:11]"), "{err}");

    let err = config_error("[rules.public-ingress]\npublic-ports = [80, \"443\"]\n");
    assert!(err.contains("expected an integer, found string"), "{err}");
    assert!(err.contains("[sglint.toml:2:21]"), "{err}");

    let err = config_error("rules = 3\n");
    assert!(err.contains("expected a table, found integer"), "{err}");
}

#[test]
fn bad_severities_and_options_list_the_choices() {
    let err = config_error("fail-on = \"warnings\"\n");
    assert!(err.contains("`fail-on` cannot be `warnings`"), "{err}");
    assert!(
        err.contains("use one of: error, warning, note, never"),
        "{err}"
    );

    let err = config_error("[rules.public-ingress]\nseverity = \"fatal\"\n");
    assert!(
        err.contains("`severity` of `public-ingress` cannot be `fatal`"),
        "{err}"
    );
    assert!(
        err.contains("use one of: error, warning, note, off"),
        "{err}"
    );

    let err = config_error("[rules.public-ingress]\nports = [22]\n");
    assert!(
        err.contains("rule `public-ingress` has no option `ports`"),
        "{err}"
    );
    assert!(
        err.contains("`public-ingress` takes: severity, public-ports"),
        "{err}"
    );
    assert!(err.contains("[sglint.toml:2:1]"), "{err}");
}

#[test]
fn rule_pages_list_options_and_defaults() {
    let dir = project(None);
    let page = stdout(sglint(dir.path()).args(["rule", "public-ingress"]), 0);
    assert!(
        page.contains(
            "## Options\n\n```toml\n[rules.public-ingress]\npublic-ports = [80, 443]\n```"
        ),
        "{page}"
    );
}

/// A tree of four modules with the same finding in each, for exclusion tests.
fn tree(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for module in ["infra/legacy", "infra/app", "examples", "legacy"] {
        fs::create_dir_all(dir.path().join(module)).unwrap();
        fs::write(dir.path().join(module).join("main.tf"), MODULE).unwrap();
    }
    fs::write(dir.path().join("sglint.toml"), config).unwrap();
    dir
}

/// The files `sglint check ARGS` run in `dir` has findings in, in order.
fn files_reported(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut cmd = sglint(dir);
    let out = cmd
        .args(["check", "--format=concise"])
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let mut files: Vec<String> = out
        .lines()
        .filter_map(|l| l.split(':').next())
        .map(|f| f.trim_start_matches("./").to_string())
        .collect();
    files.dedup();
    files
}

#[test]
fn exclude_patterns_match_as_gitignore_does() {
    let cases: &[(&str, &[&str])] = &[
        // No slash: a name at any depth.
        ("legacy", &["examples/main.tf", "infra/app/main.tf"]),
        // A slash anchors at the configuration's directory; a trailing one means directories.
        (
            "infra/legacy/",
            &["examples/main.tf", "infra/app/main.tf", "legacy/main.tf"],
        ),
        (
            "/legacy",
            &[
                "examples/main.tf",
                "infra/app/main.tf",
                "infra/legacy/main.tf",
            ],
        ),
        (
            "legacy/**",
            &[
                "examples/main.tf",
                "infra/app/main.tf",
                "infra/legacy/main.tf",
            ],
        ),
        ("**/legacy", &["examples/main.tf", "infra/app/main.tf"]),
        // `*` stops at a slash.
        ("infra/*", &["examples/main.tf", "legacy/main.tf"]),
        ("*/main.tf", &["infra/app/main.tf", "infra/legacy/main.tf"]),
        (
            "main.tf/",
            &[
                "examples/main.tf",
                "infra/app/main.tf",
                "infra/legacy/main.tf",
                "legacy/main.tf",
            ],
        ),
    ];
    for (pattern, expected) in cases {
        let dir = tree(&format!("exclude = [{pattern:?}]\n"));
        assert_eq!(
            files_reported(dir.path(), &[]),
            *expected,
            "exclude = [{pattern:?}]"
        );
    }
}

#[test]
fn exclude_patterns_are_relative_to_the_configuration_file() {
    let dir = tree("exclude = [\"infra/legacy\"]\n");
    // Run from a subdirectory: the parent's file applies, its pattern from the parent.
    assert_eq!(
        files_reported(&dir.path().join("infra"), &[]),
        ["app/main.tf"]
    );
    // `--exclude` is relative to the current directory.
    assert_eq!(
        files_reported(&dir.path().join("infra"), &["--exclude", "app"]),
        Vec::<String>::new()
    );
    assert_eq!(
        files_reported(dir.path(), &["--exclude", "examples/"]),
        ["infra/app/main.tf", "legacy/main.tf"]
    );
}

/// The pre-commit hook names every changed file: an excluded one is still skipped.
#[test]
fn excluded_files_are_skipped_when_named() {
    let dir = tree("exclude = [\"examples/**\", \"legacy\"]\n");
    let named = [
        "--",
        "examples/main.tf",
        "infra/legacy/main.tf",
        "infra/app/main.tf",
        "legacy/main.tf",
    ];
    assert_eq!(files_reported(dir.path(), &named), ["infra/app/main.tf"]);
    // A named directory that is excluded is skipped too.
    assert_eq!(
        files_reported(dir.path(), &["infra/legacy", "infra/app"]),
        ["infra/app/main.tf"]
    );
}

#[test]
fn a_bad_exclude_pattern_is_located() {
    let err = config_error("exclude = [\"examples/**\", \"a[\"]\n");
    assert!(
        err.contains("`a[` is not a pattern sglint can match"),
        "{err}"
    );
    assert!(err.contains("sglint.toml:1:27"), "located: {err}");
    assert!(err.contains("unclosed character class"), "{err}");
    let err = usage_error(project(None).path(), &["check", "--exclude", "/"]);
    assert!(
        err.contains("invalid --exclude pattern: `/`: matches nothing"),
        "{err}"
    );
}

#[test]
fn a_baseline_named_in_the_configuration_applies_from_any_directory() {
    let dir = project(Some("baseline = \"sglint-baseline.json\"\n"));
    fs::create_dir(dir.path().join("infra")).unwrap();
    fs::rename(dir.path().join("main.tf"), dir.path().join("infra/main.tf")).unwrap();
    // Writing a baseline reads none, so every finding is recorded.
    sglint(dir.path())
        .args(["check", "--write-baseline", "sglint-baseline.json"])
        .assert()
        .code(0);
    let infra = dir.path().join("infra");
    assert_eq!(
        rules_reported(sglint(&infra).arg("check"), 0),
        Vec::<String>::new()
    );
    assert_eq!(
        rules_reported(sglint(dir.path()).arg("check"), 0),
        Vec::<String>::new()
    );
    // `--baseline` replaces it.
    fs::write(
        infra.join("empty.json"),
        r#"{"version": 1, "findings": []}"#,
    )
    .unwrap();
    let rules = rules_reported(
        sglint(&infra).args(["check", "--baseline", "empty.json"]),
        1,
    );
    assert_eq!(rules.len(), 3, "{rules:?}");
}

#[test]
fn a_baseline_outside_the_configuration_directory_is_refused_with_its_place() {
    let dir = project(None);
    let repo = dir.path().join("repo");
    fs::create_dir(&repo).unwrap();
    fs::write(
        dir.path().join("outside.json"),
        r#"{"version": 1, "findings": []}"#,
    )
    .unwrap();
    for value in ["../outside.json", ""] {
        fs::write(
            repo.join("sglint.toml"),
            format!("baseline = \"{value}\"\n"),
        )
        .unwrap();
        let err = usage_error(&repo, &["check"]);
        assert!(
            err.contains(&format!("`baseline` cannot be `{value}`")),
            "{err}"
        );
        assert!(err.contains("[sglint.toml:1:12]"), "{err}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("outside.json"), repo.join("link.json"))
            .unwrap();
        fs::write(repo.join("sglint.toml"), "baseline = \"link.json\"\n").unwrap();
        let err = usage_error(&repo, &["check"]);
        assert!(
            err.contains("not a file in this directory or below it"),
            "{err}"
        );
    }
    // A baseline that does not exist is an error too, naming the file.
    fs::write(repo.join("sglint.toml"), "baseline = \"missing.json\"\n").unwrap();
    let err = usage_error(&repo, &["check"]);
    assert!(
        err.contains("missing.json: cannot read the baseline"),
        "{err}"
    );
}

#[test]
fn output_format_in_the_configuration_is_the_default_format() {
    let dir = project(Some("output-format = \"concise\"\n"));
    let out = stdout(sglint(dir.path()).arg("check"), 1);
    assert!(
        out.lines().all(|l| l.starts_with("./main.tf:")),
        "concise lines:\n{out}"
    );
    let json = stdout(sglint(dir.path()).args(["check", "--format", "json"]), 1);
    assert!(json.starts_with("{\n"), "--format replaces it:\n{json}");
    let err = config_error("output-format = \"xml\"\n");
    assert!(err.contains("`output-format` cannot be `xml`"), "{err}");
    assert!(err.contains("[sglint.toml:1:17]"), "{err}");
    assert!(
        err.contains("use one of: pretty, concise, json, sarif"),
        "{err}"
    );
}
