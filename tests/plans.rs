//! Plan and state input through the binary: parity with the `.tf` input, findings mapped to `.tf`
//! lines, the real-world plans of the shared corpus, and every wrong or awkward input.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn sglint() -> Command {
    let mut cmd = Command::cargo_bin("sglint").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `check_json` with every rule of the catalogue on, those off by default included.
fn check_every_rule(path: &Path) -> (i32, Value) {
    let registry = sglint::catalogue::Registry::builtin();
    let every_rule: Vec<&str> = registry.entries().iter().map(|e| &*e.id).collect();
    check_json(&[path.to_str().unwrap(), "--select", &every_rule.join(",")])
}

/// Runs `sglint check ARGS --format json` and returns the exit code and the document.
fn check_json(args: &[&str]) -> (i32, Value) {
    let output = sglint()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let code = output.status.code().expect("killed by a signal");
    (code, serde_json::from_slice(&output.stdout).unwrap())
}

/// (rule, resource without instance key, path, line) of every finding.
fn findings(doc: &Value) -> BTreeSet<(String, String, String, u64)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["resource"].as_str().unwrap_or_default().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn pairs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("testdata/plans")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("plan.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Catalogue entries that no plan can exercise: a configuration with an inline reference cycle
/// has no plan, and suppressions are comments of `.tf` files.
const NOT_IN_PLANS: &[&str] = &[
    "inline-reference-cycle",
    "invalid-suppression",
    "unused-suppression",
];

#[test]
fn every_rule_has_a_plan_pair() {
    for entry in sglint::catalogue::Registry::builtin().entries() {
        let dir = Path::new("testdata/plans").join(&*entry.id);
        assert_eq!(
            dir.join("plan.json").is_file(),
            !NOT_IN_PLANS.contains(&&*entry.id),
            "{}",
            dir.display()
        );
    }
}

#[test]
fn a_plan_and_its_configuration_give_the_same_findings_at_the_same_lines() {
    let dirs = pairs();
    for dir in dirs {
        let tf = dir.join("main.tf");
        let plan = dir.join("plan.json");
        let (tf_code, tf_doc) = check_every_rule(&tf);
        let (plan_code, plan_doc) = check_every_rule(&plan);
        let rule = dir.file_name().unwrap().to_str().unwrap();
        let from_tf = findings(&tf_doc);
        assert!(
            from_tf.iter().any(|f| f.0 == rule),
            "{rule}: the pair must exercise its rule"
        );
        assert_eq!(from_tf, findings(&plan_doc), "{}", dir.display());
        assert_eq!(tf_code, plan_code, "{}", dir.display());
        assert_ne!(tf_code, 2, "{}", dir.display());
    }
}

#[test]
fn without_the_configuration_findings_point_into_the_plan_and_name_the_address() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in pairs() {
        let plan = tmp.path().join("plan.json");
        fs::copy(dir.join("plan.json"), &plan).unwrap();
        let (_, tf_doc) = check_every_rule(&dir.join("main.tf"));
        let (_, plan_doc) = check_every_rule(&plan);
        let rule_and_resource = |doc: &Value| -> BTreeSet<(String, String)> {
            findings(doc).into_iter().map(|f| (f.0, f.1)).collect()
        };
        assert_eq!(rule_and_resource(&tf_doc), rule_and_resource(&plan_doc));
        let text = fs::read_to_string(&plan).unwrap();
        for f in plan_doc["findings"].as_array().unwrap() {
            assert_eq!(f["location"]["path"], plan.to_str().unwrap());
            let resource = f["resource"].as_str().unwrap();
            let message = f["message"].as_str().unwrap();
            assert!(
                message.contains(resource.split('[').next().unwrap()),
                "{message}"
            );
            // The location is the resource's `address` in the plan.
            let line = f["location"]["line"].as_u64().unwrap() as usize;
            let column = f["location"]["column"].as_u64().unwrap() as usize;
            let at = &text.lines().nth(line - 1).unwrap()[column - 1..];
            assert!(at.starts_with(&format!("\"{resource}\"")), "{at}");
        }
    }
}

#[test]
fn standard_input_and_the_plan_flag_read_plans() {
    let plan = fs::read("testdata/plans/mutual-reference/plan.json").unwrap();
    let out = sglint()
        .args(["check", "-", "--format", "concise"])
        .args(["--config-dir", "testdata/plans/mutual-reference"])
        .write_stdin(plan)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("testdata/plans/mutual-reference/main.tf:18:30: warning: "),
        "{out}"
    );
    let (code, doc) = check_json(&["--plan", "testdata/plans/mutual-reference/plan.json"]);
    assert_eq!(code, 1);
    assert_eq!(doc["summary"]["security_groups"], 2);
}

/// The message and exit code for a file named as a plan.
fn plan_error(name: &str, bytes: &[u8]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(name);
    fs::write(&path, bytes).unwrap();
    let out = sglint()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    err.strip_prefix(&format!("sglint: {}: ", path.display()))
        .unwrap_or(&err)
        .trim_end()
        .to_string()
}

#[test]
fn inputs_that_are_not_plans_say_what_they_are_and_what_to_run() {
    assert_eq!(
        plan_error("tfplan.json", b"PK\x03\x04\x14\x00\x00\x00binary"),
        "is a binary plan file (a zip archive), not JSON: run `terraform show -json tfplan > \
         plan.json` and lint plan.json"
    );
    assert_eq!(
        plan_error(
            "log.json",
            b"{\"@level\":\"info\",\"@message\":\"Terraform 1.9.6\",\"type\":\"version\"}\n{\"@level\":\"info\",\"type\":\"planned_change\"}\n"
        ),
        "is `terraform plan -json` output (one log message per line), not a plan: run \
         `terraform plan -out=tfplan`, then `terraform show -json tfplan > plan.json`, and lint \
         plan.json"
    );
    assert_eq!(
        plan_error("mock.json", br#"{"mock":{"case":{"tfplan":{}}}}"#),
        "is JSON but neither a Terraform plan nor a state (its top level has keys `mock`): lint \
         the output of `terraform show -json tfplan` or `terraform show -json`"
    );
    assert_eq!(
        plan_error(
            "future.json",
            br#"{"format_version":"2.0","resource_changes":[]}"#
        ),
        "uses JSON format version 2.0, which this sglint does not read (it reads 0.1 to 1.x); \
         upgrade sglint"
    );
    assert_eq!(
        plan_error("broken.json", b"{\"format_version\": \"1.2\", "),
        "is not valid JSON: EOF while parsing a value at line 1 column 25"
    );
    assert_eq!(
        plan_error("empty.json", b"\n"),
        "is empty: lint the output of `terraform show -json tfplan`"
    );
    assert_eq!(
        plan_error(
            "odd.json",
            br#"{"format_version":"1.2","resource_changes":[{"address":"x"}]}"#
        ),
        "has the keys of a plan or state, but not the values Terraform writes: missing field \
         `type` at line 1 column 59"
    );
    // 200,000 levels of nesting: an error with a position, never a stack overflow.
    let deep = format!(
        r#"{{"format_version":"1.2","resource_changes":[{{"change":{{"after":{}{}}}}}]}}"#,
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    let err = plan_error("deep.json", deep.as_bytes());
    assert!(err.contains("at line 1 column"), "{err}");
}

#[test]
fn utf16_and_ci_wrapped_plans_are_read() {
    let plan = fs::read_to_string("testdata/plans/mutual-reference/plan.json").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in plan.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    fs::write(tmp.path().join("utf16.json"), utf16).unwrap();
    let wrapped = format!(
        "[command]/home/runner/work/_temp/terraform-bin show -json tfplan\n{}\n::debug::Terraform exited with code 0.\n::debug::stdout: {{...}}\n",
        plan.replace('\n', "")
    );
    fs::write(tmp.path().join("wrapped.json"), wrapped).unwrap();
    for name in ["utf16.json", "wrapped.json"] {
        let (code, doc) = check_json(&[tmp.path().join(name).to_str().unwrap()]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(doc["findings"][0]["rule"], "mutual-reference", "{name}");
    }
}

#[test]
fn a_state_resolves_group_ids_to_the_groups_that_carry_them() {
    let state = r#"{"format_version":"1.0","terraform_version":"1.9.6","values":{"root_module":{"resources":[
      {"address":"aws_security_group.app","mode":"managed","type":"aws_security_group","name":"app","values":{"id":"sg-0aaa","name":"app","description":"App servers","ingress":[{"cidr_blocks":[],"description":"From cache","from_port":80,"to_port":80,"protocol":"tcp","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":["sg-0bbb"],"self":false}],"egress":[],"tags":null,"vpc_id":"vpc-1"}},
      {"address":"aws_security_group.cache","mode":"managed","type":"aws_security_group","name":"cache","values":{"id":"sg-0bbb","name":"cache","description":"Cache servers","ingress":[{"cidr_blocks":[],"description":"From app","from_port":6379,"to_port":6379,"protocol":"tcp","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":["sg-0aaa"],"self":false}],"egress":[],"tags":null,"vpc_id":"vpc-1"}}
    ]}}}"#;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.json");
    fs::write(&path, state).unwrap();
    let (code, doc) = check_json(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["mutual-reference"]);
}

#[test]
fn rules_that_rule_resources_manage_are_not_read_as_inline_rules() {
    // A deployed group's `ingress` lists the rule that `aws_security_group_rule.https` manages:
    // that is not an inline rule, so neither inline-and-standalone-rules nor duplicate-rule apply.
    let state = r#"{"format_version":"1.0","values":{"root_module":{"resources":[
      {"address":"aws_security_group.web","mode":"managed","type":"aws_security_group","name":"web","values":{"id":"sg-0aaa","name":"web-frontends","description":"Web front ends","ingress":[{"cidr_blocks":["203.0.113.0/24"],"description":"HTTPS from the office","from_port":443,"to_port":443,"protocol":"tcp","ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}],"egress":[],"vpc_id":"vpc-1"}},
      {"address":"aws_security_group_rule.https","mode":"managed","type":"aws_security_group_rule","name":"https","values":{"type":"ingress","security_group_id":"sg-0aaa","cidr_blocks":["203.0.113.0/24"],"from_port":443,"to_port":443,"protocol":"tcp","description":"HTTPS from the office"}}
    ]}}}"#;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.json");
    fs::write(&path, state).unwrap();
    let (code, doc) = check_json(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["summary"]["rules"], 1);
}

/// A plan whose `configuration` shows a group without a `description` expression: its planned
/// description is the group's description unless it is the provider's default.
#[test]
fn a_planned_description_counts_unless_it_is_the_providers_default() {
    let plan = |description: &str| {
        format!(
            r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[
  {{"address":"aws_security_group.db","mode":"managed","type":"aws_security_group","name":"db","values":{{"name":"orders-db","description":"{description}","ingress":[],"egress":[],"tags":null,"vpc_id":"vpc-1"}}}}]}}}},
  "resource_changes":[{{"address":"aws_security_group.db","mode":"managed","type":"aws_security_group","name":"db","change":{{"actions":["create"],"after":{{"name":"orders-db","description":"{description}","ingress":[],"egress":[],"tags":null,"vpc_id":"vpc-1"}},"after_unknown":{{"id":true}}}}}}],
  "configuration":{{"root_module":{{"resources":[{{"address":"aws_security_group.db","mode":"managed","type":"aws_security_group","name":"db","expressions":{{"name":{{"constant_value":"orders-db"}}}}}}]}}}}}}"#
        )
    };
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("plan.json");
    let rules = |doc: &Value| -> Vec<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    fs::write(&path, plan("Orders database, primary and replicas")).unwrap();
    let (_, doc) = check_json(&[path.to_str().unwrap()]);
    assert!(
        !rules(&doc).contains(&"missing-group-description".to_string()),
        "{doc:#}"
    );
    fs::write(&path, plan("Managed by Terraform")).unwrap();
    let (_, doc) = check_json(&[path.to_str().unwrap()]);
    assert!(
        rules(&doc).contains(&"missing-group-description".to_string()),
        "{doc:#}"
    );
}

const CORPUS: &str = "../shared/corpus/plans";

/// Security groups and rules in `resource_changes`, counted independently of sglint. A group's
/// `ingress`/`egress` entry is not counted when every one of its sources is a permission that a
/// rule resource of the same group id grants: in planned values the group lists those too.
fn count(plan: &Value) -> (usize, usize) {
    let changes: Vec<&Value> = plan["resource_changes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["mode"] != "data" && !c["change"]["after"].is_null())
        .collect();
    let protocol = |p: &Value| match p.as_str().unwrap_or_default().to_ascii_lowercase().as_str() {
        "6" => "tcp".to_string(),
        "17" => "udp".to_string(),
        "all" => "-1".to_string(),
        other => other.to_string(),
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    // (group id, direction, protocol, from, to, peer) granted by rule resources.
    let mut granted = std::collections::HashSet::new();
    for change in &changes {
        let after = &change["change"]["after"];
        let direction = match change["type"].as_str().unwrap_or_default() {
            "aws_security_group_rule" => after["type"].as_str().unwrap_or_default().to_string(),
            "aws_vpc_security_group_ingress_rule" => "ingress".to_string(),
            "aws_vpc_security_group_egress_rule" => "egress".to_string(),
            _ => continue,
        };
        let Some(group) = after["security_group_id"].as_str() else {
            continue;
        };
        let proto = protocol(if after["protocol"].is_null() {
            &after["ip_protocol"]
        } else {
            &after["protocol"]
        });
        let mut peers = strings(&after["cidr_blocks"]);
        peers.extend(strings(&after["ipv6_cidr_blocks"]));
        peers.extend(
            after["source_security_group_id"]
                .as_str()
                .map(str::to_string),
        );
        if after["self"] == true {
            peers.push(group.to_string());
        }
        for peer in peers {
            granted.insert((
                group.to_string(),
                direction.clone(),
                proto.clone(),
                after["from_port"].clone(),
                after["to_port"].clone(),
                peer,
            ));
        }
    }
    let mut groups = 0;
    let mut rules = 0;
    for change in &changes {
        let after = &change["change"]["after"];
        match change["type"].as_str().unwrap_or_default() {
            "aws_security_group" | "aws_default_security_group" => {
                groups += 1;
                let id = after["id"].as_str().unwrap_or_default();
                for key in ["ingress", "egress"] {
                    for entry in after[key].as_array().into_iter().flatten() {
                        let mut peers = strings(&entry["cidr_blocks"]);
                        peers.extend(strings(&entry["ipv6_cidr_blocks"]));
                        peers.extend(strings(&entry["security_groups"]));
                        if entry["self"] == true {
                            peers.push(id.to_string());
                        }
                        let echo = !id.is_empty()
                            && !peers.is_empty()
                            && strings(&entry["prefix_list_ids"]).is_empty()
                            && peers.iter().all(|peer| {
                                granted.contains(&(
                                    id.to_string(),
                                    key.to_string(),
                                    protocol(&entry["protocol"]),
                                    entry["from_port"].clone(),
                                    entry["to_port"].clone(),
                                    peer.clone(),
                                ))
                            });
                        rules += usize::from(!echo);
                    }
                }
            }
            "aws_security_group_rule"
            | "aws_vpc_security_group_ingress_rule"
            | "aws_vpc_security_group_egress_rule" => rules += 1,
            _ => {}
        }
    }
    (groups, rules)
}

#[test]
fn every_corpus_plan_is_read_and_its_groups_and_rules_counted() {
    if !Path::new(CORPUS).is_dir() {
        eprintln!("skipped: {CORPUS} is absent");
        return;
    }
    let mut paths: Vec<PathBuf> = fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let (mut groups, mut rules) = (0, 0);
    for path in &paths {
        let (code, doc) = check_json(&[path.to_str().unwrap()]);
        let name = path.file_name().unwrap().to_str().unwrap();
        let plan: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
        if plan.get("resource_changes").is_none() && plan.get("values").is_none() {
            assert_eq!(code, 2, "{name} is not a plan");
            continue;
        }
        assert!(code == 0 || code == 1, "{name}: exit {code}");
        let expected = count(&plan);
        let found = (
            doc["summary"]["security_groups"].as_u64().unwrap() as usize,
            doc["summary"]["rules"].as_u64().unwrap() as usize,
        );
        assert_eq!(found, expected, "{name}: (groups, rules)");
        println!("{name}: {} groups, {} rules", found.0, found.1);
        groups += found.0;
        rules += found.1;
    }
    println!(
        "{} plans: {groups} security groups, {rules} rules",
        paths.len()
    );
}
