//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI, in
//! a temporary virtualenv) with `pre-commit try-repo` on a git repository laid out as users lay
//! theirs out: a `sglint.toml` at the root above the modules, with an exclusion and a baseline.
//! Needs a package registry (PyPI, crates.io): skipped, with a message, when pre-commit cannot
//! be installed; set `SGLINT_SKIP_NETWORK_TESTS=1` to skip it outright.

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

/// Half of a mutual pair: `web` accepts traffic from `db`.
const PAIR_A: &str = r#"resource "aws_security_group" "web" {
  name        = "web-servers"
  description = "Web servers"
}

resource "aws_vpc_security_group_ingress_rule" "web_from_db" {
  security_group_id            = aws_security_group.web.id
  referenced_security_group_id = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "Callbacks from the database"
}
"#;

/// The other half, in another file of the module: `db` accepts traffic from `web`.
const PAIR_B: &str = r#"resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Orders database"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_web" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the web servers"
}
"#;

/// The repository's settings, at its root: the hook's only way to configure sglint.
const CONFIG: &str = r#"exclude = ["legacy/"]
baseline = "sglint-baseline.json"
"#;

/// Creates a virtualenv with pre-commit, or says why it cannot (no registry) and gives `None`.
fn install_pre_commit(dir: &Path) -> Option<std::path::PathBuf> {
    let venv = dir.join("venv");
    let created = run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let installed = created.status.success().then(|| {
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--timeout",
            "30",
            PRE_COMMIT,
        ]))
    });
    match installed {
        Some(output) if output.status.success() => Some(venv.join("bin/pre-commit")),
        Some(output) => {
            eprintln!(
                "skipped: cannot install {PRE_COMMIT} from the package registry (offline?):\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            None
        }
        None => {
            eprintln!(
                "skipped: `python3 -m venv` failed (install python3-venv):\n{}",
                String::from_utf8_lossy(&created.stderr)
            );
            None
        }
    }
}

#[test]
fn pre_commit_hook_lints_staged_modules_with_the_repository_settings() {
    if std::env::var_os("SGLINT_SKIP_NETWORK_TESTS").is_some() {
        eprintln!("skipped: SGLINT_SKIP_NETWORK_TESTS is set");
        return;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().unwrap();
    let Some(pre_commit) = install_pre_commit(temp.path()) else {
        return;
    };
    let repo = temp.path().join("infra");
    let files = [
        ("sglint.toml", CONFIG),
        ("network/bad.tf", BAD),
        ("game.tf", GOOD),
        ("pair/a.tf", PAIR_A),
        ("pair/b.tf", PAIR_B),
        ("pair/terraform.tfvars", "environment = \"production\"\n"),
        ("legacy/old.tf", BAD),
        ("recorded/old.tf", BAD),
    ];
    for (name, text) in files {
        let path = repo.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // The findings of `recorded/` are known and accepted: recorded in the baseline.
    succeed(
        Command::new(env!("CARGO_BIN_EXE_sglint"))
            .current_dir(&repo)
            .args([
                "check",
                "--write-baseline",
                "sglint-baseline.json",
                "recorded",
            ]),
    );
    git(&repo, &["init", "--quiet"]);
    git(&repo, &["add", "."]);
    let try_repo = |files: &[&str]| -> Output {
        run(Command::new(&pre_commit)
            .current_dir(&repo)
            .args(["try-repo"])
            .arg(manifest)
            .arg("sglint")
            .args(files)
            // pre-commit builds the hook with `cargo install` from a fresh clone on every
            // `try-repo`: reuse one target directory so only the first run compiles the
            // dependencies, and build sglint itself without the release profile's whole-program
            // optimization (a minute per run), which changes its speed, not what it reports.
            .env("CARGO_TARGET_DIR", manifest.join("target/pre-commit"))
            .env("CARGO_PROFILE_RELEASE_LTO", "off")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
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
    for (file, why) in [
        ("game.tf", "a good file"),
        ("legacy/old.tf", "an excluded file"),
        ("recorded/old.tf", "findings the baseline records"),
    ] {
        let passed = try_repo(&["--files", file]);
        let out = String::from_utf8_lossy(&passed.stdout);
        assert_eq!(
            passed.status.code(),
            Some(0),
            "the hook passes on {why}:\n{out}"
        );
        assert!(out.contains("Passed"), "{out}");
    }
    // Only `b.tf` is staged, and the finding it makes is in both files: both are reported.
    let pair = try_repo(&["--files", "pair/b.tf"]);
    let out = String::from_utf8_lossy(&pair.stdout);
    assert_eq!(pair.status.code(), Some(1), "{out}");
    assert!(out.contains("mutual-reference"), "{out}");
    assert!(
        out.contains("pair/a.tf") && out.contains("pair/b.tf"),
        "both halves:\n{out}"
    );
    // A change to the module's variable values lints the module too.
    let tfvars = try_repo(&["--files", "pair/terraform.tfvars"]);
    let out = String::from_utf8_lossy(&tfvars.stdout);
    assert_eq!(tfvars.status.code(), Some(1), "{out}");
    assert!(out.contains("mutual-reference"), "{out}");
    // A file named like an option is a file: the hook passes `--` before the names.
    std::fs::write(repo.join("-oreport.tf"), BAD).unwrap();
    git(&repo, &["add", "--", "-oreport.tf"]);
    let all = try_repo(&["--all-files"]);
    let out = String::from_utf8_lossy(&all.stdout);
    assert_eq!(all.status.code(), Some(1), "{out}");
    assert!(out.contains("-oreport.tf:2:17"), "linted as a file:\n{out}");
    assert!(
        !out.contains("legacy/old.tf") && !out.contains("recorded/old.tf"),
        "excluded and recorded findings stay out:\n{out}"
    );
    assert!(
        !repo.join("report.tf").exists(),
        "no report written:\n{out}"
    );
}

/// The hook's `files` pattern selects exactly the files sglint reads: a staged file it would not
/// read is not passed (and would be an error), and one it reads is never left out.
#[test]
fn the_hook_selects_the_files_sglint_reads() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let pattern = hooks
        .lines()
        .find_map(|line| line.trim().strip_prefix("files: "))
        .expect("a `files:` pattern");
    // pre-commit matches with Python's `re.search`, which these patterns read alike in.
    let files = regex::Regex::new(pattern).unwrap();
    for name in [
        "main.tf",
        "infra/network/main.tf",
        "main.tf.json",
        "terraform.tfvars",
        "envs/prod/terraform.tfvars",
        "terraform.tfvars.json",
        "envs/prod.auto.tfvars",
        "prod.auto.tfvars.json",
        "-oreport.tf",
    ] {
        assert!(files.is_match(name), "{name} is passed");
        assert!(
            sglint::discover::file_kind(Path::new(name)).is_some(),
            "{name} is read"
        );
    }
    for name in [
        "prod.tfvars",
        "envs/staging.tfvars",
        "myterraform.tfvars",
        "main.tf.bak",
        "plan.json",
        "README.md",
        ".terraform.lock.hcl",
    ] {
        assert!(!files.is_match(name), "{name} is not passed");
        assert!(
            sglint::discover::file_kind(Path::new(name)).is_none(),
            "{name} is not read"
        );
    }
}
