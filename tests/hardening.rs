//! Input that a user, a broken CI step or an attacker can hand sglint, and what sglint must never
//! do: huge files, files that vanish or cannot be read during a run, pipes; no file written
//! unless asked, no network, no Terraform. (Deep nesting, binary and empty files, symbolic-link
//! loops and unusual paths: tests/cli.rs.)

use assert_cmd::Command;
use sglint::config::Settings;
use sglint::discover;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn sglint() -> Command {
    let mut cmd = Command::cargo_bin("sglint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A group with one finding (`unused-group`, a note) on its line 2.
const GROUP: &str = "\nresource \"aws_security_group\" \"db\" {\n  name        = \"orders-db\"\n  description = \"Orders database\"\n}\n";

/// Runs `sglint check ARGS --format concise` and returns the exit code, stdout and stderr.
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = sglint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", "concise"])
        .output()
        .unwrap();
    (
        out.status.code().expect("killed by a signal"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_huge_file_is_linted_and_its_findings_located() {
    let dir = tempfile::tempdir().unwrap();
    // 16 MB on one line, then a group: the finding is on line 5, not lost or misplaced.
    let text = format!(
        "locals {{\n  blob = \"{}\"\n}}\n{GROUP}",
        "A".repeat(16 << 20)
    );
    fs::write(dir.path().join("big.tf"), text).unwrap();
    let (code, out, err) = check(dir.path(), &["big.tf"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("big.tf:5:1: note: "), "{out}");
}

#[test]
fn a_file_that_vanishes_after_discovery_is_an_error_and_the_others_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("gone.tf"), GROUP).unwrap();
    fs::create_dir(dir.path().join("kept")).unwrap();
    fs::write(dir.path().join("kept/main.tf"), GROUP).unwrap();
    let found = discover::discover(&[dir.path().to_path_buf()], &Default::default());
    assert_eq!(found.modules.len(), 2);
    // Deleted between the directory walk and the read, as a concurrent `git checkout` can.
    fs::remove_file(dir.path().join("gone.tf")).unwrap();
    let report = sglint::lint::lint_modules(found.modules, &Settings::default(), false);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].ends_with("gone.tf: cannot read: no such file or directory"),
        "{}",
        report.errors[0]
    );
    assert!(report.has_input_errors());
    let files: Vec<&Path> = report
        .diagnostics
        .iter()
        .map(|d| report.sources.file(d.span.file).path.as_path())
        .collect();
    assert_eq!(files, [dir.path().join("kept/main.tf")]);
}

/// A named link out of its directory (here to `/proc/self/mem`) is refused, and the other
/// paths are still linted.
#[cfg(target_os = "linux")]
#[test]
fn a_named_link_out_of_its_directory_is_an_error_and_the_others_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("mem.tf")).unwrap();
    fs::create_dir(dir.path().join("ok")).unwrap();
    fs::write(dir.path().join("ok/main.tf"), GROUP).unwrap();
    let (code, out, err) = check(dir.path(), &["mem.tf", "ok"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "sglint: mem.tf: is a symbolic link that leads out of its directory; sglint does not \
         follow it (name the file it points to)\n"
    );
    assert!(out.starts_with("ok/main.tf:2:1: note: "), "{out}");
}

/// Reading a named pipe would block until a writer came; sglint refuses it at once.
#[cfg(unix)]
#[test]
fn a_pipe_is_refused_without_waiting_and_the_others_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.tf"))
        .status()
        .unwrap();
    assert!(made.success());
    fs::write(dir.path().join("main.tf"), GROUP).unwrap();
    let (code, out, err) = check(dir.path(), &["pipe.tf", "main.tf"]);
    assert_eq!(code, 2);
    assert!(err.contains("pipe.tf: is not a regular file"), "{err}");
    assert!(out.starts_with("main.tf:2:1: note: "), "{out}");
    // Found while walking a directory, a pipe is not a Terraform file: skipped.
    let (code, out, _) = check(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
}

/// Every file under `dir` with its size and modification time.
fn tree_state(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (e.into_path(), (meta.len(), meta.modified().unwrap()))
        })
        .collect()
}

#[test]
fn only_output_and_write_baseline_write_files() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let project = dir.path();
    fs::write(project.join("main.tf"), GROUP).unwrap();
    fs::copy(
        "testdata/plans/mutual-reference/plan.json",
        project.join("plan.json"),
    )
    .unwrap();
    let before = tree_state(project);
    let run = |args: &[&str]| {
        sglint()
            .current_dir(project)
            .env("HOME", home.path())
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("TMPDIR", home.path().join("tmp"))
            .args(args)
            .output()
            .unwrap()
    };
    for format in [
        "pretty",
        "concise",
        "json",
        "sarif",
        "github",
        "gitlab",
        "checkstyle",
        "junit",
        "markdown",
    ] {
        run(&["check", ".", "plan.json", "--format", format]);
    }
    run(&["graph", ".", "--format", "dot"]);
    run(&["check", "--statistics"]);
    assert_eq!(tree_state(project), before, "a run without --output wrote");
    assert_eq!(
        fs::read_dir(home.path()).unwrap().count(),
        0,
        "nothing in the home directory, cache or temporary directory"
    );

    run(&[
        "check",
        ".",
        "--format",
        "sarif",
        "--output",
        "report.sarif",
    ]);
    run(&["check", ".", "--write-baseline", "baseline.json"]);
    let mut after = tree_state(project);
    assert!(after.remove(&project.join("report.sarif")).is_some());
    assert!(after.remove(&project.join("baseline.json")).is_some());
    assert_eq!(after, before, "only the two files asked for were written");
}

/// A `terraform` (and `tofu`) first on the PATH that leaves a mark if anything runs it.
#[cfg(unix)]
#[test]
fn terraform_is_never_run() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let mark = bin.path().join("ran");
    for name in ["terraform", "tofu"] {
        let script = bin.path().join(name);
        fs::write(
            &script,
            format!("#!/bin/sh\necho \"$0 $*\" >> '{}'\n", mark.display()),
        )
        .unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for args in [
        &["check", "testdata/examples"][..],
        &["check", "testdata/plans/mutual-reference/plan.json"],
        &["graph", "testdata/graph/five-tier"],
    ] {
        sglint().env("PATH", &path).args(args).output().unwrap();
    }
    assert!(!mark.exists(), "{}", fs::read_to_string(&mark).unwrap());
}

/// Under strace (when it is installed), a run on a tree and on a plan makes no network call.
#[cfg(target_os = "linux")]
#[test]
fn the_network_is_never_touched() {
    let Ok(strace) = which("strace") else {
        eprintln!("skipped: strace is not installed (apt-get install strace)");
        return;
    };
    let log = tempfile::NamedTempFile::new().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("sglint");
    let status = std::process::Command::new(strace)
        .args(["-f", "-qq", "-e", "trace=network", "-o"])
        .arg(log.path())
        .arg(&binary)
        .args([
            "check",
            "testdata/examples",
            "testdata/plans/mutual-reference/plan.json",
            "--format",
            "sarif",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "the run found its findings");
    let calls = fs::read_to_string(log.path()).unwrap();
    assert!(calls.trim().is_empty(), "network calls:\n{calls}");
}

fn which(name: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}
