//! The GitHub Action's `Run sglint` step (`action.yml`), run with bash as the runner runs it:
//! inputs arrive as environment variables.

use std::path::Path;
use std::process::Command;

/// The script of the step named `Run sglint`, without its YAML indentation.
fn run_step() -> String {
    step_script("Run sglint")
}

/// The script of a step of `action.yml`, without its YAML indentation.
fn step_script(name: &str) -> String {
    let action =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    let step = action
        .split("- name: ")
        .find(|s| s.starts_with(name))
        .unwrap_or_else(|| panic!("a `{name}` step"));
    let script = step.split("run: |\n").nth(1).expect("a `run: |` script");
    let indent = script.len() - script.trim_start().len();
    script
        .lines()
        .map(|line| line.get(indent..).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

fn run(inputs: &[(&str, &str)]) -> (i32, String) {
    run_in(Path::new("."), inputs)
}

fn run_in(dir: &Path, inputs: &[(&str, &str)]) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_sglint")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let output = Command::new("bash")
        .current_dir(dir)
        .args(["-euo", "pipefail", "-c", &run_step()])
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(inputs.iter().copied())
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

const DEFAULTS: [(&str, &str); 5] = [
    ("SGLINT_PATHS", "testdata/examples"),
    ("SGLINT_FORMAT", "github"),
    ("SGLINT_OUTPUT", ""),
    ("SGLINT_FAIL_ON", "warning"),
    ("SGLINT_ARGS", ""),
];

#[test]
fn the_action_annotates_and_fails_on_warnings() {
    let (code, out) = run(&DEFAULTS);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("::warning file=testdata/examples/main.tf,line=13,col=17,"),
        "{out}"
    );
}

#[test]
fn the_action_writes_sarif_with_extra_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("sglint.sarif");
    let mut inputs = DEFAULTS.to_vec();
    inputs[1].1 = "sarif";
    inputs[2].1 = sarif.to_str().unwrap();
    inputs[3].1 = "never";
    inputs[4].1 = "--select mutual-reference --exclude nothing/**";
    inputs[0].1 = "testdata/examples testdata/graph/highlights";
    let (code, out) = run(&inputs);
    assert_eq!((code, out.as_str()), (0, ""));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "one mutual pair in each directory");
    assert!(results.iter().all(|r| r["ruleId"] == "mutual-reference"));
}

#[test]
fn a_path_named_like_an_option_is_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let group = "resource \"aws_security_group\" \"g\" {\n  name = \"allow-ssh\"\n  description = \"bastion hosts\"\n}\n";
    std::fs::write(dir.path().join("-oreport.tf"), group).unwrap();
    let mut inputs = DEFAULTS.to_vec();
    inputs[0].1 = "-oreport.tf";
    inputs[1].1 = "concise";
    let (code, out) = run_in(dir.path(), &inputs);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("\n-oreport.tf:2:10: warning: "), "{out}");
    assert!(!dir.path().join("report.tf").exists());
}

const BAD_GROUP: &str = "resource \"aws_security_group\" \"g\" {\n  name = \"allow-ssh\"\n  description = \"bastion hosts\"\n}\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The files a run reported, from concise output.
fn reported_files(out: &str) -> std::collections::BTreeSet<String> {
    out.lines()
        .filter_map(|line| {
            line.split_once(".tf:")
                .map(|(file, _)| format!("{file}.tf"))
        })
        .collect()
}

#[test]
fn multi_line_paths_keep_spaces_and_globs_expand() {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "team a/main.tf",
        "team b/main.tf",
        "modules/x/main.tf",
        "modules/y/main.tf",
    ] {
        write(&dir.path().join(file), BAD_GROUP);
    }
    let mut inputs = DEFAULTS.to_vec();
    inputs[0].1 = "team a\n  modules/*/\n\n";
    inputs[1].1 = "concise";
    let (code, out) = run_in(dir.path(), &inputs);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        reported_files(&out),
        ["modules/x/main.tf", "modules/y/main.tf", "team a/main.tf"]
            .map(String::from)
            .into(),
        "{out}"
    );
    // On one line, paths are split at spaces; a glob that matches nothing is kept, and
    // sglint says it cannot read it.
    inputs[0].1 = "modules/x missing/*";
    let (code, out) = run_in(dir.path(), &inputs);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        reported_files(&out),
        ["modules/x/main.tf".to_string()].into()
    );
}

#[test]
fn arguments_replace_the_inputs_they_repeat() {
    let mut inputs = DEFAULTS.to_vec();
    // Multi-line: one argument per line.
    inputs[4].1 = "--fail-on=never\n--format\nconcise\n";
    let (code, out) = run(&inputs);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("testdata/examples/main.tf:13:17: warning: "),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("out.json");
    inputs[2].1 = "ignored.sarif";
    let args = format!("--format json -o{}", report.display());
    inputs[4].1 = &args;
    let (code, out) = run(&inputs);
    assert_eq!((code, out.as_str()), (1, ""));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(doc["findings"].as_array().is_some_and(|f| !f.is_empty()));
    assert!(!Path::new("ignored.sarif").exists());
}

#[test]
fn a_parent_configuration_with_exclusions_and_a_baseline_applies() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    write(
        &repo.join("sglint.toml"),
        "exclude = [\"legacy/\"]\nbaseline = \"sglint-baseline.json\"\n",
    );
    write(&repo.join("infra/old/main.tf"), BAD_GROUP);
    write(&repo.join("infra/legacy/main.tf"), BAD_GROUP);
    let sglint = env!("CARGO_BIN_EXE_sglint");
    let recorded = Command::new(sglint)
        .current_dir(repo)
        .args([
            "check",
            "--write-baseline",
            "sglint-baseline.json",
            "infra/old",
        ])
        .output()
        .unwrap();
    assert_eq!(recorded.status.code(), Some(0));
    write(&repo.join("infra/new/main.tf"), BAD_GROUP);
    // From a subdirectory: the configuration is the parent's.
    let mut inputs = DEFAULTS.to_vec();
    inputs[0].1 = ".";
    inputs[1].1 = "concise";
    let (code, out) = run_in(&repo.join("infra"), &inputs);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        reported_files(&out),
        ["./new/main.tf".to_string()].into(),
        "the excluded directory and the recorded findings are not reported:\n{out}"
    );
}

#[test]
fn the_cache_key_follows_the_sources_the_step_builds() {
    let dir = tempfile::tempdir().unwrap();
    let action = dir.path();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "src/main.rs",
        "rules/a.toml",
    ] {
        write(&action.join(file), file);
    }
    let key = || -> String {
        let outputs = action.join("outputs");
        let _ = std::fs::remove_file(&outputs);
        let status = Command::new("bash")
            .args([
                "-euo",
                "pipefail",
                "-c",
                &step_script("Key the sglint build"),
            ])
            .env("GITHUB_ACTION_PATH", action)
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_PATH", action.join("path"))
            .status()
            .unwrap();
        assert!(status.success());
        let written = std::fs::read_to_string(&outputs).unwrap();
        let key = written.trim().strip_prefix("key=").unwrap().to_string();
        assert!(
            key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit()),
            "{key}"
        );
        key
    };
    let first = key();
    assert_eq!(key(), first, "the same sources give the same key");
    write(&action.join("src/main.rs"), "fn main() {}");
    assert_ne!(key(), first, "a change to the sources gives a new key");
}
