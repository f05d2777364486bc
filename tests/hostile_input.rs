//! What a pull request from someone the repository owner does not trust can hand sglint, and what
//! a user must see: each case of `../shared/hardening/` (the number in each test's comment), made
//! here from nothing. Nothing leaks, nothing is written outside, nothing hangs or aborts, nothing
//! forges output, and no limit hides a finding without a word.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn sglint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sglint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs `sglint ARGS` in `dir`: exit code, stdout, stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = sglint(dir).args(args).output().unwrap();
    (
        out.status.code().expect("killed by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `sglint check ARGS --format concise`.
fn concise(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend(["--format", "concise"]);
    run(dir, &all)
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

/// A group with SSH open to the internet whose `cidr_blocks` are `cidrs`, and an output that uses
/// it; `locals` go before it.
fn ssh_group(locals: &str, cidrs: &str) -> String {
    format!(
        "{locals}\nresource \"aws_security_group\" \"bastion\" {{\n  name        = \"bastion\"\n  \
         description = \"bastion hosts\"\n  ingress {{\n    description = \"ssh\"\n    \
         from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    \
         cidr_blocks = {cidrs}\n  }}\n}}\noutput \"id\" {{ value = aws_security_group.bastion.id }}\n"
    )
}

const SSH_FINDING: &str = "error: ingress from the whole internet (`0.0.0.0/0`) on SSH";

fn lines_with<'o>(out: &'o str, rule: &str) -> Vec<&'o str> {
    out.lines()
        .filter(|l| l.ends_with(&format!("[{rule}]")))
        .collect()
}

// --- It reads only what it was given ---

/// 01: a committed `sglint.toml` that links to the process's environment.
#[cfg(target_os = "linux")]
#[test]
fn a_config_link_out_of_the_tree_is_refused_and_nothing_of_its_target_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", &ssh_group("", "[\"0.0.0.0/0\"]"));
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("sglint.toml")).unwrap();
    let out = sglint(dir.path())
        .args(["check", "--format", "github"])
        .env("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-EXAMPLE-SECRET")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(
        !all.contains("EXAMPLE-SECRET") && !all.contains("PATH="),
        "{all}"
    );
    assert_eq!(
        all,
        "sglint: sglint.toml: is a symbolic link that leads out of its directory; sglint does not \
         follow it (remove it, or name a configuration file with --config)\n"
    );
    // Named on purpose, a file of the operating system is still not read.
    let (code, _, err) = run(dir.path(), &["check", "--config", "/proc/self/environ"]);
    assert_eq!(code, 2);
    assert!(err.contains("is a file of the operating system"), "{err}");
    assert!(!err.contains("EXAMPLE-SECRET"));
}

/// 01 (the cause): a configuration file that is not text shows no snippet, and a TOML error
/// shows one line of at most 200 characters.
#[test]
fn a_configuration_error_shows_one_short_line_and_a_binary_file_none() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", "");
    write(dir.path(), "bin.toml", "a = 1\0secret = \"x\"\n");
    let (code, _, err) = run(dir.path(), &["check", "--config", "bin.toml"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "sglint: bin.toml: is not a text file (a NUL byte at byte 5); a configuration file is \
         TOML text\n"
    );
    let long = format!(
        "before = 1\nx = {}\nafter = \"secret\"\n",
        "1, ".repeat(400)
    );
    write(dir.path(), "long.toml", &long);
    let (code, _, err) = run(dir.path(), &["check", "--config", "long.toml"]);
    assert_eq!(code, 2);
    assert!(!err.contains("before") && !err.contains("secret"), "{err}");
    let widest = err.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 230, "{widest} characters:\n{err}");
}

/// 25: a plan's module `source` outside its configuration, or through a link out of it.
#[cfg(unix)]
#[test]
fn a_plan_never_reads_configuration_outside_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "# SECRET: db_password = \"hunter2\"\n";
    write(
        dir.path(),
        "outside/main.tf",
        &format!("{secret}{}", ssh_group("", "[\"0.0.0.0/0\"]")),
    );
    fs::create_dir(dir.path().join("repo")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside"), dir.path().join("repo/linked")).unwrap();
    for source in ["../outside", "./linked"] {
        let plan = serde_json::json!({
            "format_version": "1.2",
            "resource_changes": [{
                "address": "module.m.aws_security_group.bastion", "module_address": "module.m",
                "mode": "managed", "type": "aws_security_group", "name": "bastion",
                "change": { "actions": ["create"], "after_unknown": { "id": true }, "after": {
                    "name": "bastion", "description": "bastion hosts", "egress": [], "tags": null,
                    "ingress": [{ "cidr_blocks": ["0.0.0.0/0"], "description": "ssh",
                        "from_port": 22, "to_port": 22, "protocol": "tcp", "self": false,
                        "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [] }] } }
            }],
            "configuration": { "root_module": { "module_calls": { "m": {
                "source": source, "module": { "resources": [] } } } } }
        });
        write(dir.path(), "repo/plan.json", &plan.to_string());
        let (code, out, err) = run(dir.path(), &["check", "repo/plan.json"]);
        assert_eq!(code, 1, "{err}");
        assert!(!out.contains("SECRET") && !out.contains("outside"), "{out}");
        assert!(
            out.contains("repo/plan.json"),
            "the finding stays in the plan:\n{out}"
        );
        assert!(out.contains("error[public-ingress]"), "{out}");
    }
}

/// 26: a pipe or a device, named with any flag, is refused at once.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_whatever_names_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", &ssh_group("", "[\"0.0.0.0/0\"]"));
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.json"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    let cases: [&[&str]; 7] = [
        &["check", "fifo.json"],
        &["check", "--plan", "fifo.json"],
        &["check", ".", "--config", "fifo.json"],
        &["check", ".", "--baseline", "fifo.json"],
        &["check", "zero.json"],
        &["check", ".", "--config", "/dev/zero"],
        &["check", ".", "--baseline", "/dev/zero"],
    ];
    for args in cases {
        let (code, _, err) = run(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("is not a regular file"), "{args:?}: {err}");
    }
    let (code, out, err) = run(dir.path(), &["check", ".", "-o", "fifo.json"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("cannot write the report to fifo.json: is not a regular file"),
        "{err}"
    );
}

/// 28: a file larger than any configuration is refused before it is read; the others are linted.
#[test]
fn a_huge_file_is_refused_without_reading_it_and_the_others_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    fs::File::create(dir.path().join("huge.tf"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    fs::File::create(dir.path().join("huge.json"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    write(dir.path(), "ok.tf", &ssh_group("", "[\"0.0.0.0/0\"]"));
    let (code, out, err) = concise(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "sglint: ./huge.tf: is 1024 MiB, more than the 32 MiB sglint reads; it was not read\n"
    );
    assert!(out.contains(SSH_FINDING), "{out}");
    let (code, _, err) = concise(dir.path(), &["huge.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("is 1024 MiB, more than the 512 MiB"), "{err}");
}

/// 29b: a named `.tf` that links out of its directory.
#[cfg(unix)]
#[test]
fn a_named_link_out_of_its_directory_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "outside/o.tf",
        &ssh_group("", "[\"0.0.0.0/0\"]"),
    );
    fs::create_dir(dir.path().join("d")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("outside/o.tf"),
        dir.path().join("d/link.tf"),
    )
    .unwrap();
    let (code, out, err) = concise(dir.path(), &["d/link.tf"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("d/link.tf: is a symbolic link that leads out of its directory"));
    // A link to a file inside the same directory is read.
    std::os::unix::fs::symlink("o.tf", dir.path().join("outside/again.tf")).unwrap();
    let (code, out, _) = concise(
        dir.path(),
        &["outside/again.tf", "--select", "public-ingress"],
    );
    assert_eq!(code, 1);
    assert!(out.contains(SSH_FINDING), "{out}");
}

// --- It writes only where it was told, and only a regular file ---

/// 02 and 29c: a committed link where the report goes, and a baseline over an input.
#[cfg(unix)]
#[test]
fn reports_are_never_written_through_a_link_or_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "victim/authorized_keys",
        "ssh-ed25519 AAAA admin\n",
    );
    write(
        dir.path(),
        "repo/main.tf",
        &ssh_group("", "[\"0.0.0.0/0\"]"),
    );
    let repo = dir.path().join("repo");
    std::os::unix::fs::symlink(
        dir.path().join("victim/authorized_keys"),
        repo.join("sglint.md"),
    )
    .unwrap();
    let (code, _, err) = run(&repo, &["check", "--format", "markdown", "-o", "sglint.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("sglint.md: is a symbolic link"), "{err}");
    let (code, _, err) = run(&repo, &["check", "--write-baseline", "sglint.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("sglint.md: is a symbolic link"), "{err}");
    let (code, _, err) = run(&repo, &["check", "main.tf", "--write-baseline", "main.tf"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("main.tf: is one of the files this run reads"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("victim/authorized_keys")).unwrap(),
        "ssh-ed25519 AAAA admin\n"
    );
    assert!(
        fs::read_to_string(repo.join("main.tf"))
            .unwrap()
            .starts_with("\nresource")
    );
    // `-o -` is standard output, not a file named `-`.
    let (code, out, _) = run(&repo, &["check", "--format", "concise", "-o", "-"]);
    assert_eq!(code, 1);
    assert!(out.contains(SSH_FINDING));
    assert!(!repo.join("-").exists());
}

/// 03: a file named like an option, after `--` (as the hook and the Action pass paths).
#[test]
fn a_file_named_like_an_option_is_a_file_after_the_double_dash() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "-oreport.tf", &ssh_group("", "[\"0.0.0.0/0\"]"));
    let (code, out, _) = run(
        dir.path(),
        &["check", "--format", "concise", "--", "-oreport.tf"],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("-oreport.tf:10:20: {SSH_FINDING}")),
        "{out}"
    );
    assert!(!dir.path().join("report.tf").exists());
    let hook =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
            .unwrap();
    assert!(
        hook.contains("entry: sglint check --whole-module --\n"),
        "{hook}"
    );
}

// --- Nothing a configuration writes can forge output ---

/// A configuration whose resource label, group ids and file name carry line breaks, workflow
/// commands and terminal escapes.
fn forging_module(dir: &Path) {
    let text = "resource \"aws_security_group\" \"a\\n::error file=x.tf,line=1::pwned\\u001b]0;T\\u0007\" {\n  name        = \"grp\"\n  description = \"web tier\"\n  ingress {\n    description     = \"d\"\n    from_port       = 22\n    to_port         = 22\n    protocol        = \"tcp\"\n    security_groups = [\"sg-1\\n::warning file=y.tf::pwned\\u001b[2J\", \"sg-1\\n::warning file=y.tf::pwned\\u001b[2J\"]\n  }\n}\n";
    write(dir, "main.tf", text);
    write(dir, "n\n::notice file=z.tf::pwned\n.tf", text);
    write(dir, "::error file=w.tf::pwned.tf", text);
}

/// 21, 22: pretty, concise and standard error show escapes, never the characters themselves.
#[test]
fn terminal_formats_escape_what_the_input_says() {
    let dir = tempfile::tempdir().unwrap();
    forging_module(dir.path());
    for format in [
        "concise", "pretty", "json", "sarif", "gitlab", "markdown", "junit",
    ] {
        let (code, out, err) = run(
            dir.path(),
            &["check", ".", "--format", format, "--color", "never"],
        );
        assert_eq!(code, 1, "{format}: {err}");
        for line in out.lines().chain(err.lines()) {
            assert!(!line.trim_start().starts_with("::"), "{format}: {line}");
            assert!(
                !line.contains('\u{1b}') && !line.contains('\u{7}'),
                "{format}: {line:?}"
            );
        }
    }
    let (_, out, _) = run(dir.path(), &["check", ".", "--format", "concise"]);
    assert!(
        out.contains("./n\\n::notice file=z.tf::pwned\\n.tf:"),
        "{out}"
    );
    assert!(
        out.contains("`sg-1\\n::warning file=y.tf::pwned\\u{1b}[2J`"),
        "{out}"
    );
    // Only `--format github` writes workflow commands, its own.
    let (_, out, _) = run(dir.path(), &["check", ".", "--format", "github"]);
    assert!(out.lines().all(|l| l.starts_with("::notice file=")
        || l.starts_with("::warning file=")
        || l.starts_with("::error file=")));
    assert!(
        out.contains("file=n%0A%3A%3Anotice file=z.tf%3A%3Apwned%0A.tf,"),
        "{out}"
    );
}

/// 23: an error about a JSON that is not a plan lists its keys escaped.
#[test]
fn errors_on_standard_error_escape_the_input() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "input.json",
        "{\"x\\n::error file=main.tf,line=1::INJECTED\\n\": 1}",
    );
    let (code, _, err) = run(dir.path(), &["check", "input.json", "--format", "github"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("`x\\n::error file=main.tf,line=1::INJECTED\\n`"),
        "{err}"
    );
}

/// 20: the Markdown comment shows file names and ids as text, never as markup.
#[test]
fn markdown_carries_no_markup_from_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\n\n<img src=\"https://example.invalid/p.png\">\n\n# Approved\n\n<details>\n\n.tf";
    write(
        dir.path(),
        name,
        "resource \"aws_security_group\" \"g\" {\n  name = \"grp\"\n  description = \"x\"\n}\n",
    );
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_security_group\" \"h\" {\n  name        = \"grp\"\n  description = \"web tier\"\n  ingress {\n    description     = \"d\"\n    from_port       = 22\n    to_port         = 22\n    protocol        = \"tcp\"\n    prefix_list_ids = [\"``<img src=https://example.invalid/x.png> [a](https://example.invalid) @team\", \"``<img src=https://example.invalid/x.png> [a](https://example.invalid) @team\"]\n  }\n}\n",
    );
    let (_, out, _) = run(dir.path(), &["check", ".", "--format", "markdown"]);
    // The diagram is a fenced block, which nothing in it can end.
    let (text, diagram) = out.split_once("```mermaid\n").unwrap();
    assert_eq!(diagram.matches("```").count(), 1, "{diagram}");
    for bad in [
        "<img",
        "<details",
        "](https://example",
        "@team",
        "\n# Approved",
    ] {
        assert!(!text.contains(bad), "{bad} in:\n{text}");
    }
    assert!(
        out.contains("&#60;img src=https&#58;//example.invalid"),
        "{out}"
    );
}

/// 24: characters XML 1.0 forbids never reach checkstyle or JUnit.
#[test]
fn xml_reports_drop_the_characters_xml_forbids() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "resource \"aws_security_group\" \"a\\uFFFEb\\uFFFF\\u0001\" {\n  name = \"grp\"\n  description = \"web tier\"\n}\n",
    );
    for format in ["checkstyle", "junit"] {
        let (_, out, _) = run(dir.path(), &["check", ".", "--format", format]);
        assert!(
            out.contains("a\u{fffd}b\u{fffd}\u{fffd}"),
            "{format}: {out}"
        );
        assert!(!out.contains(['\u{fffe}', '\u{ffff}', '\u{1}']), "{format}");
    }
}

// --- Evaluation is bounded, and a bound is never silent ---

/// Lints one `main.tf` and returns the exit code and the concise findings.
fn lint_main(text: &str, args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", text);
    let (code, out, err) = concise(dir.path(), &[&["."], args].concat());
    assert!(code == 0 || code == 1, "{err}");
    (code, out)
}

/// A group whose tags evaluate `expr` (locals given first).
fn tagged_group(locals: &str, expr: &str) -> String {
    format!(
        "{locals}\nresource \"aws_security_group\" \"g\" {{\n  name = \"grp\"\n  description = \"web tier\"\n  tags = {{ Name = \"a\", x = {expr} }}\n}}\noutput \"g\" {{ value = aws_security_group.g.id }}\n"
    )
}

fn doubling_locals(levels: usize, first: &str, join: &str) -> String {
    let mut text = format!("locals {{\n  l0 = {first}\n");
    for i in 1..=levels {
        let p = i - 1;
        text.push_str(&match join {
            "list" => format!("  l{i} = [local.l{p}, local.l{p}]\n"),
            "concat" => format!("  l{i} = concat(local.l{p}, local.l{p})\n"),
            _ => format!("  l{i} = \"${{local.l{p}}}${{local.l{p}}}\"\n"),
        });
    }
    text.push_str("}\n");
    text
}

const LIMIT: &str = "[evaluation-limit]";

/// 04: a variable that refers to itself, in its default or in `terraform.tfvars`.
#[test]
fn a_variable_that_refers_to_itself_is_reported_and_the_run_ends() {
    let (code, out) = lint_main(
        "variable \"w\" {\n  default = \"${var.w}${var.w}\"\n}\nresource \"aws_security_group\" \"g\" {\n  name = \"grp\"\n  description = var.w\n}\n",
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("./main.tf:2:16: warning: sglint did not evaluate this expression: its value depends on itself"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf",
        "variable \"w\" {}\nresource \"aws_security_group\" \"g\" {\n  name = \"grp\"\n  description = var.w\n}\n",
    );
    write(dir.path(), "terraform.tfvars", "w = \"${var.w}${var.w}\"\n");
    let (_, out, _) = concise(dir.path(), &["."]);
    assert!(
        out.contains("./terraform.tfvars:1:8: warning: sglint did not evaluate"),
        "{out}"
    );
}

/// 04d, 05, 07a, 08a: values that double at each reference: the run ends within its budget and
/// says where it stopped.
#[test]
fn values_that_double_are_stopped_at_the_budget_and_the_place_is_reported() {
    for (locals, expr) in [
        (doubling_locals(40, "[\"x\"]", "list"), "length(local.l40)"),
        (
            doubling_locals(24, "[\"a\"]", "concat"),
            "length({ for i, v in local.l24 : \"k${i}\" => v })",
        ),
        (
            doubling_locals(10, "[\"a\"]", "concat"),
            "length([for a in local.l10 : [for b in local.l10 : [for c in local.l10 : c]]])",
        ),
    ] {
        let (_, out) = lint_main(&tagged_group(&locals, expr), &[]);
        let limits = lines_with(&out, "evaluation-limit");
        assert_eq!(limits.len(), 1, "{out}");
        assert!(
            limits[0].contains("took more than 1000000 steps here"),
            "{out}"
        );
    }
}

/// 06: strings that double, and `replace(s, "", s)`, stop at the string limit.
#[test]
fn strings_past_the_limit_are_reported() {
    let (_, out) = lint_main(
        &tagged_group(
            &doubling_locals(30, "\"xxxxxxxxxxxxxxxx\"", "template"),
            "local.l30",
        ),
        &[],
    );
    assert!(
        out.contains("it builds a string of more than 1048576 bytes"),
        "{out}"
    );
    let replace = "locals {\n  s0 = \"0123456789abcdef\"\n  s1 = replace(local.s0, \"\", local.s0)\n  s2 = replace(local.s1, \"\", local.s1)\n  s3 = replace(local.s2, \"\", local.s2)\n}\n";
    let (_, out) = lint_main(&tagged_group(replace, "local.s3"), &[]);
    let limits = lines_with(&out, "evaluation-limit");
    assert_eq!(limits.len(), 1, "{out}");
    assert!(limits[0].starts_with("./main.tf:5:8: warning:"), "{out}");
}

/// 07: `count`, `for_each` and `dynamic` past 10,000 instances are reported, not clamped.
#[test]
fn instances_past_the_limit_are_reported() {
    let (code, out) = lint_main(
        "resource \"aws_security_group\" \"g\" {\n  count = 100000000\n  name = \"g\"\n  description = \"web tier\"\n}\n",
        &[],
    );
    assert_eq!(code, 1);
    assert!(out.contains("./main.tf:2:11: warning: sglint did not evaluate this expression: it makes more than 10000 instances"), "{out}");
    let dynamic = format!(
        "{}resource \"aws_security_group\" \"g\" {{\n  name = \"grp\"\n  description = \"web tier\"\n  dynamic \"ingress\" {{\n    for_each = local.l14\n    content {{\n      description = \"d\"\n      from_port = 22\n      to_port = 22\n      protocol = \"tcp\"\n      cidr_blocks = [\"0.0.0.0/0\"]\n    }}\n  }}\n}}\n",
        doubling_locals(14, "[\"a\"]", "concat")
    );
    let (_, out) = lint_main(&dynamic, &[]);
    assert!(
        out.contains("it makes more than 10000 instances or blocks"),
        "{out}"
    );
    // 8,192 blocks are within the limit: evaluated, and the finding is there.
    let (_, out) = lint_main(&dynamic.replace("local.l14", "local.l13"), &[]);
    assert!(out.contains(SSH_FINDING), "{out}");
    assert!(!out.contains(LIMIT), "{out}");
}

/// 08b: `distinct` over 65,536 numbers is not quadratic.
#[test]
fn distinct_over_many_values_is_evaluated() {
    let locals = doubling_locals(16, "[0]", "concat").replace(
        "}\n",
        "  nums = [for i, v in local.l16 : i % 2 == 0 ? \"0.0.0.0/0\" : \"10.0.0.0/8\"]\n  d = distinct(local.nums)\n}\n",
    );
    let (_, out) = lint_main(&ssh_group(&locals, "local.d"), &[]);
    assert!(out.contains(SSH_FINDING), "{out}");
    assert!(!out.contains(LIMIT), "{out}");
}

/// 08c: the `optional()` defaults of a type of many attributes over a default of many elements
/// cost their product: the work is paid for, and past the budget a warning says so.
#[test]
fn optional_defaults_over_many_elements_are_bounded() {
    let attributes: String = (0..3000)
        .map(|i| format!("    a{i} = optional(string, \"x\")\n"))
        .collect();
    let elements = vec!["{}"; 1000].join(",");
    let text = format!(
        "variable \"v\" {{\n  type = list(object({{\n{attributes}  }}))\n  default = [{elements}]\n}}\n\
         resource \"aws_security_group\" \"workers\" {{\n  count = length(var.v)\n  \
         name = \"workers\"\n  description = \"Workers\"\n}}\n"
    );
    let (code, out) = lint_main(&text, &[]);
    assert_eq!(code, 1, "{out}");
    let limits = lines_with(&out, "evaluation-limit");
    assert_eq!(limits.len(), 1, "{out}");
    assert!(limits[0].contains("more than 1000000 steps"), "{out}");
}

/// 18: a chain of locals within the limit gives its finding; deeper, a warning says why not.
#[test]
fn a_chain_of_locals_gives_its_finding_or_says_why_not() {
    let chain = |n: usize| {
        let mut locals = String::from("locals {\n  c0 = \"0.0.0.0/0\"\n");
        for i in 1..=n {
            locals.push_str(&format!("  c{i} = local.c{}\n", i - 1));
        }
        locals.push_str("}\n");
        ssh_group(&locals, &format!("[local.c{n}]"))
    };
    let (_, out) = lint_main(&chain(100), &[]);
    assert!(out.contains(SSH_FINDING) && !out.contains(LIMIT), "{out}");
    let (code, out) = lint_main(&chain(200), &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("it is reached through more than 128 nested expressions"),
        "{out}"
    );
}

// --- Terraform's view of the files is sglint's view ---

/// 14: a `.tf` file whose name is not UTF-8 (git stores such names).
#[cfg(unix)]
#[test]
fn a_file_whose_name_is_not_utf8_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"hidden\xff.tf");
    fs::write(dir.path().join(name), ssh_group("", "[\"0.0.0.0/0\"]")).unwrap();
    let (code, out, _) = concise(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("./hidden\u{fffd}.tf:10:20: {SSH_FINDING}")),
        "{out}"
    );
}

/// 15b, 15c: override files are read last, `*.auto.tfvars` after `terraform.tfvars`.
#[test]
fn override_files_and_auto_tfvars_win_as_in_terraform() {
    let main = ssh_group(
        "variable \"admin_cidr\" {\n  default = \"10.20.0.0/16\"\n}\n",
        "[var.admin_cidr]",
    );
    for (name, text) in [
        (
            "a_override.tf",
            "variable \"admin_cidr\" {\n  default = \"0.0.0.0/0\"\n}\n",
        ),
        (
            "override.tf",
            "variable \"admin_cidr\" {\n  default = \"0.0.0.0/0\"\n}\n",
        ),
        ("a.auto.tfvars", "admin_cidr = \"0.0.0.0/0\"\n"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "main.tf", &main);
        if name.ends_with(".tfvars") {
            write(
                dir.path(),
                "terraform.tfvars",
                "admin_cidr = \"10.20.0.0/16\"\n",
            );
        }
        write(dir.path(), name, text);
        let (code, out, _) = concise(dir.path(), &["."]);
        assert_eq!(code, 1, "{name}");
        assert!(out.contains(SSH_FINDING), "{name}: {out}");
    }
}

/// 15b: an override file's resource block merges into the resource of the same address, as
/// Terraform merges it: its attributes replace the original's one by one, its nested blocks
/// replace every block of their type, and findings point into the file that wrote the value.
#[test]
fn override_files_merge_into_resources_attribute_by_attribute() {
    let main = ssh_group("", "[\"10.20.0.0/16\"]").replace(
        "  ingress {",
        "  egress {\n    description = \"to the office\"\n    from_port   = 443\n    to_port     \
         = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n  ingress {",
    );
    let rule = "resource \"aws_security_group_rule\" \"rdp\" {\n  type              = \"ingress\"\n  \
                description       = \"rdp\"\n  from_port         = 3389\n  to_port           = \
                3389\n  protocol          = \"tcp\"\n  cidr_blocks       = [\"10.20.0.0/16\"]\n  \
                security_group_id = aws_security_group.bastion.id\n}\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", &format!("{main}{rule}"));
    // The rule resource's CIDR is replaced; its ports and group stay.
    write(
        dir.path(),
        "a_override.tf",
        "resource \"aws_security_group_rule\" \"rdp\" {\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n",
    );
    // The group's ingress blocks are replaced by a dynamic one; its egress block and name stay.
    write(
        dir.path(),
        "z_override.tf",
        "resource \"aws_security_group\" \"bastion\" {\n  dynamic \"ingress\" {\n    \
         for_each = [22]\n    content {\n      description = \"ssh\"\n      from_port   = \
         ingress.value\n      to_port     = ingress.value\n      protocol    = \"tcp\"\n      \
         cidr_blocks = [\"0.0.0.0/0\"]\n    }\n  }\n}\n",
    );
    let (code, out, err) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{out}{err}");
    let public = lines_with(&out, "public-ingress");
    assert_eq!(public.len(), 2, "{out}");
    assert!(
        public[0].starts_with("./a_override.tf:2:18: ")
            && public[0].contains("RDP (TCP port 3389)"),
        "{out}"
    );
    assert!(
        public[1].starts_with("./z_override.tf:9:22: ") && public[1].contains("SSH (TCP port 22)"),
        "{out}"
    );
    // The original SSH rule is gone (its internal CIDR would give a second
    // cidr-instead-of-reference); the egress rule the override did not touch is still linted.
    let internal = lines_with(&out, "cidr-instead-of-reference");
    assert_eq!(internal.len(), 1, "{out}");
    assert!(internal[0].starts_with("./main.tf:10:20: "), "{out}");
    // One group, not a second one made of the override block.
    assert!(!out.contains("missing-group-description"), "{out}");
    assert!(!out.contains("[unnamed-group]"), "{out}");
}

/// 15b: `override.tf.json` is an override file too; an override of a resource no file declares
/// (which Terraform rejects) is still linted.
#[test]
fn json_override_files_merge_and_orphan_overrides_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", &ssh_group("", "[\"10.20.0.0/16\"]"));
    write(
        dir.path(),
        "override.tf.json",
        r#"{"resource": {"aws_security_group": {"bastion": {"ingress": [{"description": "ssh",
  "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}}"#,
    );
    write(
        dir.path(),
        "extra_override.tf",
        "resource \"aws_security_group\" \"orphan\" {\n  name = \"allow-ssh\"\n}\n",
    );
    let (code, out, err) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{out}{err}");
    let public = lines_with(&out, "public-ingress");
    assert_eq!(public.len(), 1, "{out}");
    assert!(public[0].starts_with("./override.tf.json:2:70: "), "{out}");
    assert!(!out.contains("./main.tf:9:"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("./extra_override.tf:")
                && l.ends_with("[name-describes-traffic]")),
        "{out}"
    );
}

/// 16: `for i, v in list` binds the index.
#[test]
fn a_for_expression_over_a_list_binds_the_index() {
    let locals = "locals {\n  names = [\"ssh\", \"rdp\"]\n  ports = { for i, n in local.names : n => 22 + i * 3367 }\n}\n";
    let text = ssh_group(locals, "[\"0.0.0.0/0\"]")
        .replace("from_port   = 22", "from_port   = local.ports[\"rdp\"]")
        .replace("to_port     = 22", "to_port     = local.ports[\"rdp\"]");
    let (_, out) = lint_main(&text, &[]);
    assert!(out.contains("on RDP (TCP port 3389)"), "{out}");
}

/// 17: a key repeated in an object literal keeps its last value.
#[test]
fn a_repeated_object_key_keeps_its_last_value() {
    let text = "resource \"aws_security_group\" \"db\" {\n  name        = \"db\"\n  description = \"database\"\n  ingress = [{\n    description      = \"postgres\"\n    from_port        = 5432\n    to_port          = 5432\n    protocol         = \"tcp\"\n    cidr_blocks      = [\"10.0.1.0/24\"]\n    cidr_blocks      = [\"0.0.0.0/0\"]\n    ipv6_cidr_blocks = []\n    prefix_list_ids  = []\n    security_groups  = []\n    self             = false\n  }]\n}\n";
    let (_, out) = lint_main(text, &[]);
    assert!(
        out.contains(
            "./main.tf:10:25: error: ingress from the whole internet (`0.0.0.0/0`) on PostgreSQL"
        ),
        "{out}"
    );
    assert!(!out.contains("10.0.1.0/24"), "{out}");
}

/// 19: a number a plan holds that a float cannot makes only that attribute unknown.
#[test]
fn a_number_out_of_range_in_a_plan_hides_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let plan = serde_json::json!({
        "format_version": "1.2",
        "resource_changes": [{
            "address": "aws_security_group.bastion", "mode": "managed",
            "type": "aws_security_group", "name": "bastion",
            "change": { "actions": ["create"], "after_unknown": { "id": true }, "after": {
                "name": "bastion", "description": "bastion hosts", "egress": [], "tags": null,
                "x": "NUMBER",
                "ingress": [{ "cidr_blocks": ["0.0.0.0/0"], "description": "ssh",
                    "from_port": 22, "to_port": 22, "protocol": "tcp", "self": false,
                    "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [] }] } }
        }]
    })
    .to_string()
    .replace("\"NUMBER\"", "1e400");
    write(dir.path(), "plan.json", &plan);
    let (code, out, err) = concise(
        dir.path(),
        &[
            "plan.json",
            "--select",
            "public-ingress,missing-group-description",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains(SSH_FINDING), "{out}");
}

// --- Cost grows with the input, not its square ---

/// 09: 20,000 CIDRs in one rule, and a wider rule that covers one of them.
#[test]
fn many_sources_in_one_rule_are_compared_by_peer() {
    let cidrs: Vec<String> = (0..20_000)
        .map(|i| format!("\"10.{}.{}.0/24\"", i / 256, i % 256))
        .collect();
    let text = ssh_group("", &format!("[{}]", cidrs.join(", "))).replace(
        "  ingress {",
        "  ingress {\n    description = \"wide\"\n    from_port = 0\n    to_port = 65535\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.3.0.0/16\"]\n  }\n  ingress {",
    );
    let (_, out) = lint_main(&text, &["--select", "shadowed-rule"]);
    assert_eq!(
        lines_with(&out, "shadowed-rule").len(),
        256,
        "{}",
        out.lines().next().unwrap_or_default()
    );
}

/// 10: tens of thousands of suppression comments in a row.
#[test]
fn a_run_of_suppression_comments_is_read_once() {
    let text = format!(
        "{}{}",
        "# sglint:ignore public-ingress -- reviewed\n".repeat(40_000),
        ssh_group("", "[\"0.0.0.0/0\"]").trim_start()
    );
    let (_, out) = lint_main(&text, &["--select", "public-ingress,unused-suppression"]);
    assert!(
        !out.contains(SSH_FINDING),
        "{}",
        out.lines().next().unwrap_or_default()
    );
    // The comments before the first one that applies stand before a comment, not an element:
    // every one of them covers the resource (it silences the finding), so none is unused.
    assert_eq!(lines_with(&out, "unused-suppression").len(), 0);
}

/// 12: a ring of 3,000 groups is one finding of a few lines.
#[test]
fn a_cycle_of_thousands_of_groups_is_one_short_finding() {
    let n = 3000;
    let text: String = (0..n)
        .map(|i| format!("resource \"aws_security_group\" \"g{i}\" {{\n  name = \"grp{i}\"\n  description = \"tier {i}\"\n  ingress {{\n    description = \"from next\"\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    security_groups = [aws_security_group.g{}.id]\n  }}\n}}\n", (i + 1) % n))
        .collect();
    let (_, out) = lint_main(&text, &["--select", "inline-reference-cycle"]);
    assert_eq!(out.lines().count(), 1, "{}", &out[..out.len().min(500)]);
    assert!(
        out.contains("and 2994 more groups reference each other"),
        "{out}"
    );
    assert!(out.len() < 1000);
}

/// 13: a plan of 20,000 groups with its `.tf` files beside it.
#[test]
fn a_large_plan_finds_its_configuration_by_address() {
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let tf: String = (0..n)
        .map(|i| format!("resource \"aws_security_group\" \"g{i}\" {{\n  name = \"allow-ssh-{i}\"\n  description = \"tier {i}\"\n}}\n"))
        .collect();
    write(dir.path(), "main.tf", &tf);
    let changes: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "address": format!("aws_security_group.g{i}"), "mode": "managed",
                "type": "aws_security_group", "name": format!("g{i}"),
                "change": { "actions": ["create"], "after_unknown": { "id": true }, "after": {
                    "name": format!("allow-ssh-{i}"), "description": format!("tier {i}"),
                    "ingress": [], "egress": [], "tags": null } }
            })
        })
        .collect();
    let plan = serde_json::json!({ "format_version": "1.2", "resource_changes": changes });
    write(dir.path(), "plan.json", &plan.to_string());
    let (_, out, _) = concise(
        dir.path(),
        &["plan.json", "--select", "name-describes-traffic"],
    );
    assert_eq!(out.lines().count(), n, "one finding per group");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with(&format!("main.tf:{}:10:", 4 * n - 2)),
        "at its .tf line"
    );
}

// --- No finding is hidden by bookkeeping ---

/// 10th item: the same file reached twice is linted once; a baseline never hides a file that
/// does not parse.
#[test]
fn bookkeeping_hides_nothing_and_repeats_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", &ssh_group("", "[\"0.0.0.0/0\"]"));
    let absolute = dir.path().join("main.tf");
    let once = concise(dir.path(), &["main.tf"]).1;
    for args in [
        vec!["main.tf", "."],
        vec![".", dir.path().to_str().unwrap()],
        vec!["./main.tf", absolute.to_str().unwrap()],
    ] {
        let (_, out, _) = concise(dir.path(), &args);
        assert_eq!(
            out.lines().count(),
            once.lines().count(),
            "{args:?}:\n{out}"
        );
    }
    write(dir.path(), "broken.tf", "resource {\n");
    let (code, _, _) = run(dir.path(), &["check", "--write-baseline", "base.json"]);
    assert_eq!(code, 2);
    let (code, out, _) = concise(dir.path(), &["--baseline", "base.json"]);
    assert_eq!(code, 2, "a file that does not parse still fails the run");
    assert!(out.contains("[parse-error]"), "{out}");
}

/// 32: `name = "workers-${count.index}"` is one name, not one per instance.
#[test]
fn instance_numbers_are_not_ports() {
    let group = |name: &str| {
        format!(
            "resource \"aws_security_group\" \"g\" {{\n  count       = 500\n  name        = \"{name}\"\n  description = \"batch workers\"\n}}\n"
        )
    };
    let (code, out) = lint_main(
        &group("workers-${count.index}"),
        &["--select", "name-describes-traffic"],
    );
    assert_eq!((code, out.as_str()), (0, ""));
    let (_, out) = lint_main(
        &group("allow-ssh-${count.index}"),
        &["--select", "name-describes-traffic"],
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("(`allow`, `ssh`)"), "{out}");
}

/// 27: out-of-range options are configuration errors that point at the value.
#[test]
fn out_of_range_options_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", "");
    for (config, at, message) in [
        (
            "[rules.too-many-rules]\nquota = -5\n",
            "[sglint.toml:2:9]",
            "`quota` of `too-many-rules` cannot be -5",
        ),
        (
            "[rules.public-ingress]\npublic-ports = [22, 70000]\n",
            "[sglint.toml:2:21]",
            "`public-ports` of `public-ingress` cannot be 70000",
        ),
        (
            "[rules.too-many-groups]\nquota = 17\n",
            "[sglint.toml:2:9]",
            "use a number from 1 to 16",
        ),
    ] {
        write(dir.path(), "sglint.toml", config);
        let (code, _, err) = run(dir.path(), &["check"]);
        assert_eq!(code, 2, "{config}");
        assert!(err.contains(at) && err.contains(message), "{err}");
    }
}

/// 15a, 15d: Terraform's JSON syntax (CDK for Terraform writes it) is read, located in the JSON.
#[test]
fn terraform_json_files_are_read_and_located() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.tf.json",
        "{\n  \"variable\": {\"admin_cidr\": {\"default\": \"10.20.0.0/16\"}},\n  \"resource\": {\"aws_security_group\": {\"open\": {\n    \"name\": \"bastion\", \"description\": \"bastion hosts\",\n    \"ingress\": [{\"description\": \"ssh\", \"from_port\": 22, \"to_port\": 22, \"protocol\": \"tcp\",\n      \"cidr_blocks\": [\"${var.admin_cidr}\"]}]\n  }}},\n  \"output\": {\"id\": {\"value\": \"${aws_security_group.open.id}\"}}\n}\n",
    );
    write(
        dir.path(),
        "terraform.tfvars.json",
        "{\"admin_cidr\": \"0.0.0.0/0\"}\n",
    );
    let (code, out, err) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        format!("./main.tf.json:6:23: {SSH_FINDING} (TCP port 22) [public-ingress]\n")
    );
    // A variable file's values are literal: `${...}` there is text, not a reference.
    write(
        dir.path(),
        "terraform.tfvars.json",
        "{\"admin_cidr\": \"${var.other}\"}\n",
    );
    let (_, out, _) = concise(dir.path(), &[".", "--select", "public-ingress"]);
    assert_eq!(out, "");
    write(dir.path(), "broken.tf.json", "{\"resource\": [1,}\n");
    let (code, out, _) = concise(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert!(
        out.contains("./broken.tf.json:1:17: error: invalid JSON: expected a value [parse-error]"),
        "{out}"
    );
}

/// The size limits of the other inputs: `sglint.toml` and a baseline.
#[test]
fn a_configuration_or_baseline_past_its_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", "");
    fs::File::create(dir.path().join("sglint.toml"))
        .unwrap()
        .set_len(2 << 20)
        .unwrap();
    let (code, _, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "sglint: sglint.toml: is 2 MiB, more than the 1 MiB sglint reads; it was not read\n"
    );
    fs::remove_file(dir.path().join("sglint.toml")).unwrap();
    fs::File::create(dir.path().join("base.json"))
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let (code, _, err) = run(dir.path(), &["check", "--baseline", "base.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is 300 MiB, more than the 256 MiB sglint reads"),
        "{err}"
    );
}

/// An `evaluation-limit` warning cannot be ignored or suppressed: it stands for what sglint could
/// not check.
#[test]
fn an_evaluation_limit_cannot_be_silenced() {
    let text = format!(
        "# sglint:ignore-file evaluation-limit -- quiet\n{}",
        "resource \"aws_security_group\" \"g\" {\n  count = 100000000\n  name = \"g\"\n  description = \"web tier\"\n}\n"
    );
    let (code, out) = lint_main(&text, &[]);
    assert_eq!(code, 1);
    assert_eq!(lines_with(&out, "evaluation-limit").len(), 1, "{out}");
    assert!(
        out.contains("`evaluation-limit` cannot be suppressed: it is about the input"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "main.tf", "");
    let (code, _, err) = run(dir.path(), &["check", "--ignore", "evaluation-limit"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`evaluation-limit` in --ignore is not a rule but a finding about the input"),
        "{err}"
    );
}
