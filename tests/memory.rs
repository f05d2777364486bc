//! Peak memory of runs on inputs built to be large (the README's 6th guarantee: under 3x the
//! input plus 64 MB). Alone in its test binary: a child process's peak memory counts what its
//! parent held when it was started, and this binary holds little.

use std::fs;
use std::path::Path;

/// The peak resident memory of one run of sglint (in bytes), its exit code and what it printed.
#[expect(
    clippy::zombie_processes,
    reason = "the child is waited for with wait4, which gives its own peak memory"
)]
fn peak_memory(dir: &Path, args: &[&str]) -> (usize, i32, String) {
    let out = dir.join("out.txt");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("sglint"))
        .args(args)
        .current_dir(dir)
        .stdout(fs::File::create(&out).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value; wait4 only writes into the two locals.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: the child is this process's and has not been waited for.
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let code = libc::WEXITSTATUS(status);
    // Linux gives the peak in kilobytes.
    (
        usage.ru_maxrss as usize * 1024,
        code,
        fs::read_to_string(out).unwrap(),
    )
}

/// 11, and the 6th guarantee's memory bound: a file of many thousands of declarations that
/// nothing reads (40,000 `locals` and `variable` blocks) costs less than 3x its size plus 64 MB,
/// where their syntax trees alone would take 30 to 80 times it; a group that reads one of them
/// still gets its value.
#[test]
fn declarations_nothing_reads_cost_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let declarations: String = (0..20_000)
        .map(|i| {
            format!(
                "locals {{\n  v{i} = {{ a = 1, b = \"x\" }}\n}}\nvariable \"p{i}\" {{\n  type    = number\n  default = {i}\n}}\n"
            )
        })
        .collect();
    let text = format!("{declarations}{BASTION}");
    fs::write(dir.path().join("main.tf"), &text).unwrap();
    let (peak, code, out) = peak_memory(
        dir.path(),
        &["check", "--format", "concise", "--select", "public-ingress"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("on SSH (TCP port 22)"), "{out}");
    let bound = 3 * text.len() + (64 << 20);
    assert!(
        peak < bound,
        "peak memory {} MB for a file of {} MB (bound {} MB)",
        peak >> 20,
        text.len() >> 20,
        bound >> 20
    );
}

/// A group open to the internet on SSH, whose port is a variable's default.
const BASTION: &str = "resource \"aws_security_group\" \"bastion\" {
  name        = \"bastion\"
  description = \"bastion hosts\"
  ingress {
    description = \"ssh\"
    from_port   = var.p22
    to_port     = 22
    protocol    = \"tcp\"
    cidr_blocks = [\"0.0.0.0/0\"]
  }
}
";

/// 13, and the memory bound for a plan whose configuration is beside it: 30,000 groups in the
/// plan and in a 3 MB `main.tf`, whose resources' trees alone would take some 60 times its size
/// if they were held at once. The finding still points at its line of `main.tf`.
#[test]
fn a_plan_with_a_large_configuration_costs_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let groups: String = (0..30_000)
        .map(|i| {
            format!(
                "resource \"aws_security_group\" \"g{i}\" {{\n  count       = var.n\n  name        = \"grp{i}\"\n  description = \"tier {i}\"\n}}\n"
            )
        })
        .collect();
    let config =
        format!("variable \"n\" {{}}\nvariable \"p22\" {{\n  default = 22\n}}\n{groups}{BASTION}");
    fs::write(dir.path().join("main.tf"), &config).unwrap();
    // Written as text: a parsed JSON value of it would stay in this process's memory, which the
    // child's peak counts.
    let group = |address: &str, name: &str, description: &str, ingress: &str| {
        format!(
            r#"{{"address":"{address}","mode":"managed","type":"aws_security_group","change":{{"actions":["create"],"after_unknown":{{"id":true}},"after":{{"name":"{name}","description":"{description}","ingress":[{ingress}],"egress":[],"tags":null}}}}}}"#
        )
    };
    let mut changes: Vec<String> = (0..30_000)
        .map(|i| {
            let address = format!("aws_security_group.g{i}[0]");
            group(&address, &format!("grp{i}"), &format!("tier {i}"), "")
        })
        .collect();
    let ssh = r#"{"description":"ssh","from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}"#;
    changes.push(group(
        "aws_security_group.bastion",
        "bastion",
        "bastion hosts",
        ssh,
    ));
    let plan = format!(
        r#"{{"format_version":"1.2","resource_changes":[{}]}}"#,
        changes.join(",")
    );
    drop(changes);
    fs::write(dir.path().join("plan.json"), &plan).unwrap();
    let (peak, code, out) = peak_memory(
        dir.path(),
        &[
            "check",
            "plan.json",
            "--format",
            "concise",
            "--select",
            "public-ingress",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let line = config[..config.find("cidr_blocks = [\"0.0.0.0/0\"]").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(out.contains(&format!("main.tf:{line}:")), "{out}");
    let bound = 3 * (config.len() + plan.len()) + (64 << 20);
    assert!(
        peak < bound,
        "peak memory {} MB for {} MB of input (bound {} MB)",
        peak >> 20,
        (config.len() + plan.len()) >> 20,
        bound >> 20
    );
}

/// Module calls that multiply instances (5,000 instances of a module that makes 5,000 groups:
/// 25 million groups from 100 bytes) stop at the evaluation budget, which pays for every
/// instance, and say where.
#[test]
fn module_calls_that_multiply_instances_cost_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("m")).unwrap();
    let root = "module \"many\" {\n  source = \"./m\"\n  count  = 5000\n}\n";
    let child = "resource \"aws_security_group\" \"g\" {\n  count = 5000\n  name  = \"x-${count.index}\"\n}\n";
    fs::write(dir.path().join("main.tf"), root).unwrap();
    fs::write(dir.path().join("m/main.tf"), child).unwrap();
    let (peak, code, out) = peak_memory(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[evaluation-limit]"), "{out}");
    let bound = 3 * (root.len() + child.len()) + (64 << 20);
    assert!(
        peak < bound,
        "peak memory {} MB (bound {} MB)",
        peak >> 20,
        bound >> 20
    );
}
