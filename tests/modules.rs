//! Module calls evaluated as Terraform evaluates them: each fixture of `testdata/modules` gives
//! the same findings from its `.tf` files as from the plan Terraform writes for it
//! (`testdata/modules/generate.py`), located where the value is written; calls that are not
//! evaluated are said once; hostile trees of calls end quickly with a located warning.

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

/// Runs `sglint check ARGS --format json` in `dir`: the exit code, the document and standard
/// error.
fn check(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let output = sglint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let code = output.status.code().expect("killed by a signal");
    let doc = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        code,
        doc,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn list(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("a report")
}

/// (rule, message) of every finding. A finding the plan cannot map to a `.tf` file (a module
/// outside the plan's directory is not read) names its resource after the message: that is
/// taken off, so that both inputs can be compared.
fn messages(doc: &Value) -> BTreeSet<(String, String)> {
    list(doc)
        .iter()
        .map(|f| {
            let mut message = f["message"].as_str().unwrap().to_string();
            let in_plan = f["location"]["path"].as_str().unwrap().ends_with(".json");
            if in_plan
                && message.ends_with("`)")
                && let Some(at) = message.rfind(" (`")
            {
                message.truncate(at);
            }
            (f["rule"].as_str().unwrap().to_string(), message)
        })
        .collect()
}

/// `path:line rule` of every finding.
fn places(doc: &Value) -> Vec<String> {
    list(doc)
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["location"]["path"].as_str().unwrap(),
                f["location"]["line"],
                f["rule"].as_str().unwrap()
            )
        })
        .collect()
}

fn plans(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n == "plan.json") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/modules")
        .join(name)
}

/// Lints a fixture's `.tf` files and its plans; asserts that they give the same findings and
/// returns where the `.tf` files give them.
fn same_findings_as_the_plan(name: &str) -> Vec<String> {
    let dir = fixture(name);
    let (tf_code, tf, err) = check(&dir, &["."]);
    assert_ne!(tf_code, 2, "{name}: {err}");
    let mut from_plans = BTreeSet::new();
    for plan in plans(&dir) {
        let relative = plan
            .strip_prefix(&dir)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let (code, doc, err) = check(&dir, &[&relative]);
        assert_ne!(code, 2, "{name}: {relative}: {err}");
        from_plans.extend(messages(&doc));
    }
    assert!(!from_plans.is_empty(), "{name}: the plans give findings");
    assert_eq!(messages(&tf), from_plans, "{name}");
    places(&tf)
}

#[test]
fn a_wrapper_module_called_twice_gives_the_plans_findings_at_the_callers_arguments() {
    let places = same_findings_as_the_plan("wrapper");
    assert_eq!(
        places,
        [
            "./main.tf:9 public-ingress",
            "./main.tf:17 cidr-instead-of-reference",
            "./main.tf:18 mutual-reference",
        ]
    );
    let (_, doc, _) = check(&fixture("wrapper"), &["."]);
    // The other end: where the module reads the value.
    let related = &list(&doc)[0]["related"][0];
    assert_eq!(related["location"]["path"], "./modules/sg/main.tf");
    assert_eq!(related["location"]["line"], 30);
    assert_eq!(
        list(&doc)[0]["resource"],
        "module.web_sg.aws_vpc_security_group_ingress_rule.admin[\"0.0.0.0/0\"]"
    );
}

#[test]
fn instances_of_count_and_for_each_calls_share_one_finding_that_names_them() {
    let places = same_findings_as_the_plan("for-each-calls");
    assert_eq!(
        places,
        [
            "./main.tf:20 cidr-instead-of-reference",
            "./modules/tier/main.tf:17 missing-group-description",
        ]
    );
    let (_, doc, _) = check(&fixture("for-each-calls"), &["."]);
    assert_eq!(
        list(&doc)[1]["message"],
        "security group `aws_security_group.this` has no description (in `module.replica[0]`, \
         `module.replica[1]`, `module.tier[\"app\"]`, `module.tier[\"web\"]`)"
    );
}

#[test]
fn a_value_passed_three_modules_down_is_reported_where_it_is_written() {
    let places = same_findings_as_the_plan("nested");
    assert_eq!(
        places,
        [
            "./main.tf:5 public-ingress",
            "./modules/firewall/main.tf:23 cidr-instead-of-reference",
        ]
    );
}

#[test]
fn outputs_and_outputs_of_outputs_carry_groups_and_networks_across_modules() {
    let places = same_findings_as_the_plan("outputs");
    assert_eq!(
        places,
        [
            "./main.tf:11 cidr-instead-of-reference",
            "./main.tf:12 mutual-reference",
            "./modules/edge/main.tf:25 unused-group",
        ]
    );
}

#[test]
fn a_registry_module_unpacked_by_terraform_init_is_evaluated() {
    let places = same_findings_as_the_plan("registry");
    // The module's own files are not the repository's: nothing is reported in them.
    assert_eq!(places, ["./main.tf:10 public-ingress"]);
    let (_, doc, _) = check(&fixture("registry"), &["."]);
    assert_eq!(doc["summary"]["module_calls"]["evaluated"], 1);
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn a_module_called_from_two_roots_reports_what_it_writes_once() {
    let places = same_findings_as_the_plan("two-roots");
    assert_eq!(
        places,
        [
            "./envs/prod/main.tf:9 public-ingress",
            "./envs/staging/main.tf:9 cidr-instead-of-reference",
            "./modules/sg/main.tf:15 missing-rule-description",
        ]
    );
}

#[test]
fn a_module_named_on_its_own_is_linted_with_its_variables_unknown() {
    // Named, it is a root: nothing its callers decide is reported, and what it writes itself is
    // reported once, even when it is also reached through a call.
    let dir = fixture("two-roots");
    let (_, alone, _) = check(&dir, &["modules/sg"]);
    assert_eq!(
        places(&alone),
        ["modules/sg/main.tf:15 missing-rule-description"]
    );
    let (_, both, _) = check(&dir, &[".", "modules/sg"]);
    let places = places(&both);
    assert_eq!(
        places
            .iter()
            .filter(|p| p.ends_with("missing-rule-description"))
            .count(),
        1,
        "{places:?}"
    );
}

#[test]
fn calls_that_are_not_evaluated_are_counted_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let calls: String = (0..3)
        .map(|i| {
            format!(
                "module \"remote{i}\" {{\n  source = \"terraform-aws-modules/security-group/aws\"\n}}\n"
            )
        })
        .collect();
    fs::write(
        dir.path().join("main.tf"),
        format!("{calls}module \"gone\" {{\n  source = \"../elsewhere\"\n}}\n"),
    )
    .unwrap();
    let (code, doc, err) = check(dir.path(), &["."]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(doc["summary"]["module_calls"]["remote"], 3);
    assert_eq!(doc["summary"]["module_calls"]["not_linted"], 1);
    assert_eq!(
        err.matches("module call(s) were not evaluated").count(),
        1,
        "{err}"
    );
    assert!(err.contains("run `terraform init`"), "{err}");
}

#[test]
fn a_module_that_calls_itself_or_fans_out_ends_with_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("main.tf"),
        "module \"me\" {\n  source = \"./\"\n}\n",
    )
    .unwrap();
    let (code, doc, err) = check(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(places(&doc), ["./main.tf:2 evaluation-limit"]);
    assert!(
        list(&doc)[0]["message"]
            .as_str()
            .unwrap()
            .contains("calls a module that is already being evaluated")
    );

    // Each level calls the next twice: 2^30 instances if nothing stopped it.
    let dir = tempfile::tempdir().unwrap();
    for level in 0..30 {
        let module = dir.path().join(format!("m{level:02}"));
        fs::create_dir(&module).unwrap();
        fs::write(
            module.join("main.tf"),
            format!(
                "module \"a\" {{\n  source = \"../m{next:02}\"\n}}\nmodule \"b\" {{\n  source = \"../m{next:02}\"\n}}\n",
                next = level + 1
            ),
        )
        .unwrap();
    }
    let (code, doc, err) = check(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert!(
        list(&doc).iter().any(|f| f["message"]
            .as_str()
            .unwrap()
            .contains("module instances here, the most sglint evaluates")),
        "{doc}"
    );
}

#[test]
fn a_manifest_that_leads_out_of_the_tree_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("main.tf"),
        "resource \"aws_security_group\" \"secret\" {\n  name = \"x\"\n}\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(".terraform/modules")).unwrap();
    fs::write(
        dir.path().join("main.tf"),
        "module \"web\" {\n  source = \"terraform-aws-modules/security-group/aws\"\n}\n",
    )
    .unwrap();
    let escape = format!(
        r#"{{"Modules":[{{"Key":"","Source":"","Dir":"."}},{{"Key":"web","Source":"x","Dir":".terraform/modules/../../../../../../..{}"}}]}}"#,
        outside.path().display()
    );
    fs::write(dir.path().join(".terraform/modules/modules.json"), escape).unwrap();
    // A link out of the tree, too.
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), dir.path().join(".terraform/modules/linked"))
        .unwrap();
    let (code, doc, err) = check(dir.path(), &["."]);
    assert_eq!(code, 0, "{err}");
    assert!(list(&doc).is_empty(), "{doc}");
    assert_eq!(doc["summary"]["module_calls"]["remote"], 1);
}

#[test]
fn a_module_without_variables_is_still_evaluated_where_it_is_called() {
    // Linted as soon as it is read (it calls nothing and declares no variable), then read again
    // when the walk finds its caller: one finding, at the module's address, counted once.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("modules/fixed")).unwrap();
    fs::write(
        dir.path().join("main.tf"),
        "module \"fixed\" {\n  source = \"./modules/fixed\"\n}\n\nresource \"aws_instance\" \"x\" {\n  vpc_security_group_ids = [module.fixed.id]\n}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("modules/fixed/main.tf"),
        "resource \"aws_security_group\" \"this\" {\n  name        = \"orders-fixed\"\n  description = \"Fixed group\"\n\n  ingress {\n    description = \"SSH\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\noutput \"id\" {\n  value = aws_security_group.this.id\n}\n",
    )
    .unwrap();
    let (code, doc, err) = check(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(places(&doc), ["./modules/fixed/main.tf:10 public-ingress"]);
    assert_eq!(
        list(&doc)[0]["resource"],
        "module.fixed.aws_security_group.this"
    );
    assert_eq!(doc["summary"]["security_groups"], 1);
}

/// A root module whose SSH rule takes its CIDRs from a variable.
const ADMIN: &str = "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n\nvariable \"admin_cidrs\" {\n  type    = list(string)\n  default = [\"10.0.0.0/8\"]\n}\n\nresource \"aws_security_group\" \"admin\" {\n  name        = \"administration\"\n  description = \"Administration hosts\"\n\n  ingress {\n    description = \"SSH from administrators\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = var.admin_cidrs\n  }\n}\n";

/// The rules `sglint check ARGS .` finds in a directory holding [`ADMIN`], with `env` set.
fn admin_rules(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<String>, String) {
    let mut cmd = sglint();
    cmd.current_dir(dir)
        .arg("check")
        .args(args)
        .args([".", "--format", "json"]);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let output = cmd.output().unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let rules = match doc["findings"].as_array() {
        Some(list) => list
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .filter(|r| r != "unused-group")
            .collect(),
        None => Vec::new(),
    };
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap(), rules, err)
}

#[test]
fn variables_from_the_command_line_and_the_environment_take_terraforms_precedence() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("main.tf"), ADMIN).unwrap();
    fs::write(
        dir.path().join("prod.tfvars"),
        "admin_cidrs = [\"0.0.0.0/0\"]\n",
    )
    .unwrap();
    let public = vec!["public-ingress".to_string()];
    let internal = vec!["cidr-instead-of-reference".to_string()];
    assert_eq!(admin_rules(dir.path(), &[], &[]).1, internal);
    assert_eq!(
        admin_rules(dir.path(), &["--var-file", "prod.tfvars"], &[]).1,
        public
    );
    let var = "admin_cidrs=[\"0.0.0.0/0\"]";
    assert_eq!(admin_rules(dir.path(), &["--var", var], &[]).1, public);
    // The last one given wins, whichever kind it is.
    let private = "admin_cidrs=[\"192.168.1.0/24\"]";
    let args = ["--var-file", "prod.tfvars", "--var", private];
    assert_eq!(admin_rules(dir.path(), &args, &[]).1, internal);
    let args = ["--var", private, "--var-file", "prod.tfvars"];
    assert_eq!(admin_rules(dir.path(), &args, &[]).1, public);
    // The environment only when asked, below every file.
    let env = [("TF_VAR_admin_cidrs", "[\"0.0.0.0/0\"]")];
    assert_eq!(admin_rules(dir.path(), &[], &env).1, internal);
    assert_eq!(admin_rules(dir.path(), &["--env-vars"], &env).1, public);
    fs::write(
        dir.path().join("terraform.tfvars"),
        "admin_cidrs = [\"172.16.0.0/12\"]\n",
    )
    .unwrap();
    assert_eq!(admin_rules(dir.path(), &["--env-vars"], &env).1, internal);
}

#[test]
fn bad_variable_values_are_errors_that_say_where() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("main.tf"), ADMIN).unwrap();
    fs::write(dir.path().join("bad.tfvars"), "admin_cidrs = [\n").unwrap();
    let (code, _, err) = admin_rules(dir.path(), &["--var-file", "bad.tfvars"], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--var-file bad.tfvars:2:1: syntax error"),
        "{err}"
    );
    let (code, _, err) = admin_rules(dir.path(), &["--var", "no-equals-sign"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("expected NAME=VALUE"), "{err}");
    let (code, _, err) = admin_rules(dir.path(), &["--var-file", "missing.tfvars"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn the_graph_groups_each_module_instances_groups() {
    let output = sglint()
        .current_dir(fixture("wrapper"))
        .args(["graph", "."])
        .output()
        .unwrap();
    let mermaid = String::from_utf8(output.stdout).unwrap();
    assert!(
        mermaid.contains("  subgraph m0i1[\"module.web_sg\"]\n    m0n0[\"web-servers<br/>module.web_sg.aws_security_group.this\"]\n  end\n"),
        "{mermaid}"
    );
    let output = sglint()
        .current_dir(fixture("wrapper"))
        .args(["graph", ".", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let modules: Vec<&str> = doc["modules"][0]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["module"].as_str())
        .collect();
    assert_eq!(modules, ["module.web_sg", "module.db_sg"]);
}

#[test]
fn a_cycle_of_locals_between_a_value_and_its_caller_ends() {
    // Looking for where `[false ? local.a : local.c]` comes from walks `a -> b -> a`: it once
    // recursed until the stack overflowed. Each local is now looked at once per search.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("m")).unwrap();
    fs::write(
        dir.path().join("main.tf"),
        "module \"m\" {\n  source = \"./m\"\n  cidr   = \"0.0.0.0/0\"\n}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("m/main.tf"),
        "variable \"cidr\" {}\nlocals {\n  a = local.b\n  b = local.a\n  c = var.cidr\n}\nresource \"aws_security_group\" \"g\" {\n  name        = \"orders\"\n  description = \"Orders\"\n  ingress {\n    description = \"SSH\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [false ? local.a : local.c]\n  }\n}\n",
    )
    .unwrap();
    let (code, doc, err) = check(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert!(
        places(&doc).contains(&"./main.tf:3 public-ingress".to_string()),
        "{doc}"
    );
}
