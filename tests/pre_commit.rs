//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI, in
//! a temporary virtualenv) with `pre-commit try-repo` on a git repository with a bad and a good
//! `.tf` file. Needs the network (PyPI, crates.io); set `SGLINT_SKIP_NETWORK_TESTS=1` to skip.

use std::path::Path;
use std::process::{Command, Output};

/// The version of pre-commit the test installs.
const PRE_COMMIT: &str = "pre-commit==4.7.0";

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn succeed(cmd: &mut Command) -> Output {
    let output = run(cmd);
    assert!(
        output.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn git(repo: &Path, args: &[&str]) {
    succeed(
        Command::new("git")
            .current_dir(repo)
            .args([
                "-c",
                "user.name=sglint",
                "-c",
                "user.email=sglint@example.com",
            ])
            .args(args),
    );
}

const BAD: &str = r#"resource "aws_security_group" "web" {
  name        = "allow-https-8443"
  description = "Game servers"
}
"#;

const GOOD: &str = r#"resource "aws_security_group" "game" {
  name        = "game-servers-production"
  description = "Production game servers"
}

resource "aws_instance" "game" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.game.id]
}
"#;

#[test]
fn pre_commit_hook_fails_on_a_bad_file_and_passes_on_a_good_one() {
    if std::env::var_os("SGLINT_SKIP_NETWORK_TESTS").is_some() {
        eprintln!("skipped: SGLINT_SKIP_NETWORK_TESTS is set");
        return;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().unwrap();
    let venv = temp.path().join("venv");
    succeed(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    succeed(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        PRE_COMMIT,
    ]));
    let repo = temp.path().join("infra");
    std::fs::create_dir_all(repo.join("network")).unwrap();
    std::fs::write(repo.join("network/bad.tf"), BAD).unwrap();
    std::fs::write(repo.join("game.tf"), GOOD).unwrap();
    git(&repo, &["init", "--quiet"]);
    git(&repo, &["add", "."]);
    let try_repo = |files: &[&str]| -> Output {
        run(Command::new(venv.join("bin/pre-commit"))
            .current_dir(&repo)
            .args(["try-repo"])
            .arg(manifest)
            .arg("sglint")
            .args(files)
            // pre-commit builds the hook with `cargo install`: reuse one target directory so
            // only the first run compiles everything.
            .env("CARGO_TARGET_DIR", manifest.join("target/pre-commit"))
            .env("PRE_COMMIT_HOME", temp.path().join("cache"))
            .env("NO_COLOR", "1"))
    };
    let bad = try_repo(&["--files", "network/bad.tf"]);
    let out = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "the hook fails:\n{out}");
    assert!(out.contains("sglint") && out.contains("Failed"), "{out}");
    assert!(
        out.contains("name-describes-traffic"),
        "the finding is shown:\n{out}"
    );
    assert!(out.contains("network/bad.tf:2:17"), "at its line:\n{out}");
    let good = try_repo(&["--files", "game.tf"]);
    let out = String::from_utf8_lossy(&good.stdout);
    assert_eq!(good.status.code(), Some(0), "the hook passes:\n{out}");
    assert!(out.contains("Passed"), "{out}");
    // A file named like an option is a file: the hook passes `--` before the names.
    std::fs::write(repo.join("-oreport.tf"), BAD).unwrap();
    git(&repo, &["add", "--", "-oreport.tf"]);
    let all = try_repo(&["--all-files"]);
    let out = String::from_utf8_lossy(&all.stdout);
    assert_eq!(all.status.code(), Some(1), "{out}");
    assert!(out.contains("-oreport.tf:2:17"), "linted as a file:\n{out}");
    assert!(
        !repo.join("report.tf").exists(),
        "no report written:\n{out}"
    );
}
