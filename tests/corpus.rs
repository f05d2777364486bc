//! Lints every `.tf` file of the shared real-world corpus (skipped when it is absent): no panic,
//! parse errors only where Terraform itself rejects the file, and counts recorded in the output.

use assert_cmd::Command;
use std::path::Path;

const CORPUS: &str = "../shared/corpus/hcl";

/// Files Terraform rejects too: repeated attributes and deliberately invalid test inputs.
const REJECTED_BY_TERRAFORM: &[&str] = &[
    "bridgecrewio__checkov/tests/terraform/graph/variable_rendering/test_resources/list_entry_module_var/module/main.tf",
    "bridgecrewio__checkov/tests/terraform/runner/resources/example/example.tf",
    "bridgecrewio__checkov/tests/terraform/runner/resources/example/invalid.tf",
    "tenable__terrascan/pkg/http-server/testdata/invalid.tf",
];

#[test]
fn corpus_lints_without_panics_and_parse_errors_only_where_terraform_rejects() {
    if !Path::new(CORPUS).is_dir() {
        eprintln!("skipped: {CORPUS} is absent");
        return;
    }
    let output = Command::cargo_bin("sglint")
        .unwrap()
        .args(["check", CORPUS, "--format", "json"])
        .output()
        .unwrap();
    let code = output.status.code().expect("sglint was killed by a signal");
    assert_eq!(code, 2, "the corpus holds files Terraform rejects");
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut parse_errors: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "parse-error")
        .map(|f| {
            let path = f["location"]["path"].as_str().unwrap();
            path.strip_prefix(&format!("{CORPUS}/"))
                .unwrap()
                .to_string()
        })
        .collect();
    parse_errors.sort();
    assert_eq!(parse_errors, REJECTED_BY_TERRAFORM);
    let summary = &doc["summary"];
    println!(
        "corpus: {} files, {} security groups, {} rules, findings {}",
        summary["files"], summary["security_groups"], summary["rules"], summary["findings"]
    );
    assert!(summary["security_groups"].as_u64().unwrap() >= 250);
    assert!(summary["rules"].as_u64().unwrap() >= 250);
}
