//! Every output format on one shared set of findings (`testdata/formats`: an error, warnings
//! with related locations, notes, a parse error, a path with a space and a non-ASCII name, and
//! messages with characters each format must escape), snapshotted; and the documented VS Code
//! problem matcher read against real concise output.

use sglint::emit::{self, Context, Format};
use sglint::lint::{self, Options, Report};
use std::path::PathBuf;

const FIXTURES: &str = "testdata/formats";

fn report() -> Report {
    let options = Options {
        paths: vec![PathBuf::from(FIXTURES)],
        keep_text: true,
        graph: true,
        ..Options::default()
    };
    lint::lint(&options).unwrap()
}

/// A checkout at `/repo` on a CI run of commit `abc123`, so paths and links do not depend on
/// the machine.
fn context() -> Context {
    Context {
        color: false,
        quiet: false,
        statistics: false,
        fail_on: Some(sglint::diagnostic::Severity::Note),
        cwd: PathBuf::from("/repo"),
        root: PathBuf::from("/repo"),
        links: Some("https://github.com/acme/infra/blob/abc123".to_string()),
    }
}

fn render(report: &Report, format: Format) -> String {
    let mut out = Vec::new();
    emit::emit(format, report, &mut out, &context()).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_format_renders_the_shared_findings() {
    let report = report();
    assert_eq!(
        report.diagnostics.len(),
        8,
        "the fixture's findings changed"
    );
    for (name, format) in [
        ("pretty", Format::Pretty),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("gitlab", Format::Gitlab),
        ("checkstyle", Format::Checkstyle),
        ("junit", Format::Junit),
        ("markdown", Format::Markdown),
    ] {
        // SARIF and Markdown name sglint's version; snapshots should not change with releases.
        let text = render(&report, format).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn machine_formats_are_well_formed() {
    let report = report();
    for format in [Format::Json, Format::Sarif, Format::Gitlab] {
        let text = render(&report, format);
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{format:?} is not JSON: {e}"));
    }
    let sarif: serde_json::Value = serde_json::from_str(&render(&report, Format::Sarif)).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        sglint::catalogue::Registry::builtin().entries().len()
            + sglint::diagnostic::INPUT_FINDINGS.len()
    );
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at the rule"
        );
        let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(location["uriBaseId"], "%SRCROOT%");
        assert!(
            location["uri"]
                .as_str()
                .unwrap()
                .starts_with("testdata/formats/")
        );
    }
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"testdata/formats/b%C3%BCro%20net/main.tf"));
}

/// GitHub code scanning ranks alerts by each rule's `security-severity` (a number from 0 to 10
/// in a string) when the rule is tagged `security`; a rule listed twice or a result without a
/// location is refused or lands nowhere.
#[test]
fn sarif_rules_rank_for_code_scanning() {
    let sarif: serde_json::Value = serde_json::from_str(&render(&report(), Format::Sarif)).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    let listed = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), listed, "every rule is listed once");
    for entry in sglint::catalogue::Registry::builtin().entries() {
        let rule = rules.iter().find(|r| r["id"] == *entry.id).unwrap();
        let score: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no security-severity string", entry.id))
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&score), "{}: {score}", entry.id);
        let tags = rule["properties"]["tags"].as_array().unwrap();
        assert_eq!(tags[0], "security", "{}", entry.id);
    }
    let public = rules.iter().find(|r| r["id"] == "public-ingress").unwrap();
    let naming = rules.iter().find(|r| r["id"] == "name-tag-case").unwrap();
    let score = |rule: &serde_json::Value| -> f64 {
        rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(score(public) >= 7.0, "public ingress ranks high");
    assert!(score(naming) < 4.0, "a naming rule ranks low");
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        assert!(
            result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1),
            "{result}"
        );
    }
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .ends_with('/')
    );
}

#[test]
fn fingerprints_do_not_move_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(format!("{FIXTURES}/tiers/main.tf")).unwrap();
    let fingerprints = |text: &str| -> Vec<String> {
        std::fs::write(dir.path().join("main.tf"), text).unwrap();
        let report = lint::lint(&Options {
            paths: vec![dir.path().to_path_buf()],
            ..Options::default()
        })
        .unwrap();
        let ctx = Context {
            cwd: dir.path().to_path_buf(),
            root: dir.path().to_path_buf(),
            ..context()
        };
        let mut out = Vec::new();
        emit::emit(Format::Sarif, &report, &mut out, &ctx).unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["sglint/v1"].to_string())
            .collect()
    };
    let before = fingerprints(&text);
    let after = fingerprints(&format!("# a new comment\n\n{text}"));
    assert_eq!(before.len(), 5);
    assert_eq!(before, after);
    let unique: std::collections::HashSet<_> = before.iter().collect();
    assert_eq!(
        unique.len(),
        before.len(),
        "every finding has its own fingerprint"
    );
}

/// The problem matcher of `docs/editors/vscode-tasks.json` reads every line of the concise
/// format: file, line, column, severity, message and rule.
#[test]
fn vscode_problem_matcher_reads_concise_output() {
    let tasks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/editors/vscode-tasks.json").unwrap())
            .unwrap();
    let pattern = &tasks["tasks"][0]["problemMatcher"]["pattern"];
    let regex = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| pattern[name].as_u64().unwrap() as usize;
    let report = report();
    let output = render(&report, Format::Concise);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), report.diagnostics.len());
    for (line, d) in lines.iter().zip(&report.diagnostics) {
        let caps = regex
            .captures(line)
            .unwrap_or_else(|| panic!("the matcher misses `{line}`"));
        let path = report.sources.file(d.span.file).display_path();
        assert_eq!(&caps[group("file")], path);
        assert_eq!(
            caps[group("line")].parse::<usize>().unwrap(),
            d.location.start.line
        );
        assert_eq!(
            caps[group("column")].parse::<usize>().unwrap(),
            d.location.start.column
        );
        assert_eq!(&caps[group("severity")], d.severity.as_str());
        assert_eq!(&caps[group("message")], d.message);
        assert_eq!(&caps[group("code")], d.rule);
    }
}

/// Pretty output draws many findings at once: they still come in path and line order, each
/// once, as concise output lists them. Names and CIDRs are all distinct, so no finding points
/// at another file (which would draw a second snippet).
#[test]
fn pretty_output_keeps_the_order_of_many_findings() {
    let dir = tempfile::tempdir().unwrap();
    for module in 0..3 {
        let module_dir = dir.path().join(format!("tier-{module}"));
        std::fs::create_dir(&module_dir).unwrap();
        for file in 0..4 {
            let groups: String = (0..60)
                .map(|g| {
                    format!(
                        "resource \"aws_security_group\" \"allow_ssh_{g}\" {{\n  name = \
                         \"allow-ssh-{module}-{file}-{g}\"\n  ingress {{\n    from_port = 22\n    to_port = 22\n    \
                         protocol = \"tcp\"\n    cidr_blocks = [\"10.{}.{g}.0/24\"]\n  }}\n}}\n",
                        module * 4 + file
                    )
                })
                .collect();
            std::fs::write(module_dir.join(format!("g{file}.tf")), groups).unwrap();
        }
    }
    let report = lint::lint(&Options {
        paths: vec![dir.path().to_path_buf()],
        keep_text: true,
        ..Options::default()
    })
    .unwrap();
    assert!(report.diagnostics.len() > 1_000, "more than one batch");
    let concise: Vec<String> = render(&report, Format::Concise)
        .lines()
        .map(|line| line.split(": ").next().unwrap().to_string())
        .collect();
    let pretty = render(&report, Format::Pretty);
    let drawn: Vec<String> = pretty
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("╭─["))
        .map(|place| place.trim_end_matches(']').to_string())
        .collect();
    assert_eq!(drawn.len(), concise.len(), "each finding drawn once");
    if let Some(i) = (0..drawn.len()).find(|&i| drawn[i] != concise[i]) {
        panic!(
            "finding {i} is drawn at {}, listed at {}",
            drawn[i], concise[i]
        );
    }
}
