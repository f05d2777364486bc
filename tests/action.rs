//! The GitHub Action's `Run sglint` step (`action.yml`), run with bash as the runner runs it:
//! inputs arrive as environment variables.

use std::path::Path;
use std::process::Command;

/// The script of the step named `Run sglint`, without its YAML indentation.
fn run_step() -> String {
    let action = std::fs::read_to_string("action.yml").unwrap();
    let step = action
        .split("- name: ")
        .find(|s| s.starts_with("Run sglint"))
        .expect("a `Run sglint` step");
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
