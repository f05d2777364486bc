//! `--write-baseline` and `--baseline` as a user runs them on a repository that changes.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn sglint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sglint").unwrap();
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

fn run(dir: &Path, args: &[&str], code: i32) -> (String, String) {
    let output = sglint(dir)
        .arg("check")
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn recorded_findings_stay_hidden_when_lines_move_and_new_ones_show() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read_to_string("testdata/examples/main.tf").unwrap();
    fs::write(dir.path().join("main.tf"), &example).unwrap();

    let (out, err) = run(dir.path(), &["--write-baseline", "baseline.json"], 0);
    assert_eq!(out, "");
    assert_eq!(err, "sglint: recorded 10 finding(s) in baseline.json\n");
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["findings"][0]["path"], "main.tf");
    assert!(recorded["findings"][0].get("line").is_none());

    let (out, err) = run(
        dir.path(),
        &["--baseline", "baseline.json", "--format=concise"],
        0,
    );
    assert_eq!(out, "");
    assert_eq!(err, "sglint: 10 finding(s) in the baseline are not shown\n");

    // Lines move: still nothing new.
    fs::write(dir.path().join("main.tf"), format!("# moved\n\n{example}")).unwrap();
    let (out, _) = run(
        dir.path(),
        &["--baseline", "baseline.json", "--format=concise"],
        0,
    );
    assert_eq!(out, "");

    // A changed value is a new finding; a second copy of a recorded finding is new too.
    let changed = example.replace("10.0.2.0/24", "10.0.3.0/24");
    let copy = fs::read_to_string("testdata/examples/main.tf")
        .unwrap()
        .replace("\"web\"", "\"web2\"");
    fs::write(dir.path().join("main.tf"), changed).unwrap();
    fs::create_dir(dir.path().join("copy")).unwrap();
    fs::write(dir.path().join("copy/main.tf"), copy).unwrap();
    let (out, _) = run(
        dir.path(),
        &["--baseline", "baseline.json", "--format=concise"],
        1,
    );
    assert!(
        out.contains("main.tf:35:47: warning: rule allows `10.0.3.0/24`"),
        "{out}"
    );
    assert!(out.contains("copy/main.tf"), "{out}");
    assert!(
        !out.lines()
            .any(|l| l.starts_with("main.tf") && l.contains("web`")),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_a_baseline_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("main.tf"), "").unwrap();
    fs::write(
        dir.path().join("plan.json"),
        "{\"format_version\": \"1.2\"}",
    )
    .unwrap();
    let (_, err) = run(dir.path(), &["--baseline", "plan.json"], 2);
    assert!(
        err.starts_with(
            "sglint: plan.json: is not an sglint baseline (unknown field `format_version`"
        ),
        "{err}"
    );
    assert!(
        err.contains("write one with `sglint check --write-baseline plan.json`"),
        "{err}"
    );
    let (_, err) = run(dir.path(), &["--baseline", "missing.json"], 2);
    assert_eq!(
        err,
        "sglint: missing.json: cannot read the baseline: no such file or directory\n"
    );
}

#[test]
fn a_baseline_hides_the_right_findings_where_a_nested_module_interleaves_its_parent() {
    // `a/b/x.tf` sorts between `a/a.tf` and `a/main.tf`: two modules' findings interleave.
    let dir = tempfile::tempdir().unwrap();
    let group = |name: &str| format!("resource \"aws_security_group\" \"{name}\" {{}}\n");
    for (path, text) in [
        ("a/a.tf", group("one")),
        ("a/b/x.tf", group("two")),
        ("a/main.tf", group("three")),
    ] {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let args = ["--select", "missing-group-description", "--format=concise"];
    let files = |out: &str| -> Vec<String> {
        out.lines()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect()
    };
    let (out, _) = run(dir.path(), &args, 1);
    assert_eq!(
        files(&out),
        ["./a/a.tf", "./a/b/x.tf", "./a/main.tf"],
        "{out}"
    );

    run(
        dir.path(),
        &[&args[..], &["--write-baseline", "b.json"]].concat(),
        0,
    );
    for (path, name) in [("a/a.tf", "four"), ("a/main.tf", "five")] {
        let path = dir.path().join(path);
        let text = fs::read_to_string(&path).unwrap() + &group(name);
        fs::write(path, text).unwrap();
    }
    let (out, err) = run(
        dir.path(),
        &[&args[..], &["--baseline", "b.json"]].concat(),
        1,
    );
    assert_eq!(files(&out), ["./a/a.tf", "./a/main.tf"], "{out}");
    assert!(
        out.contains("group.four`") && out.contains("group.five`"),
        "{out}"
    );
    assert_eq!(err, "sglint: 3 finding(s) in the baseline are not shown\n");
}

/// A baseline records paths from its own directory: written at the root and read from a
/// subdirectory, or written from a subdirectory and read at the root, it hides the same findings.
#[test]
fn a_baseline_matches_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read_to_string("testdata/examples/main.tf").unwrap();
    fs::create_dir_all(dir.path().join("infra/network")).unwrap();
    fs::write(dir.path().join("infra/network/main.tf"), &example).unwrap();
    let infra = dir.path().join("infra");

    run(dir.path(), &["--write-baseline", "baseline.json"], 0);
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["findings"][0]["path"], "infra/network/main.tf");
    for (cwd, baseline, paths) in [
        (&infra, "../baseline.json", vec![]),
        (&infra, "../baseline.json", vec!["network"]),
        (
            &infra.join("network"),
            "../../baseline.json",
            vec!["main.tf"],
        ),
        (
            &infra,
            &*dir.path().join("baseline.json").display().to_string(),
            vec![],
        ),
    ] {
        let mut args = vec!["--baseline", baseline, "--format=concise"];
        args.extend(paths);
        let (out, err) = run(cwd, &args, 0);
        assert_eq!(out, "", "run from {} with {args:?}", cwd.display());
        assert!(err.contains("10 finding(s) in the baseline"), "{err}");
    }

    // Written from a subdirectory, into it: recorded from there, matched at the root.
    run(&infra, &["--write-baseline", "network/baseline.json"], 0);
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(infra.join("network/baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["findings"][0]["path"], "main.tf");
    let (out, _) = run(
        dir.path(),
        &[
            "--baseline",
            "infra/network/baseline.json",
            "--format=concise",
        ],
        0,
    );
    assert_eq!(out, "");
}
