//! The fuzz targets' bodies, shared with `tests/fuzz_regressions.rs`, which replays saved inputs.
//!
//! Each target runs what a user's run would: parse, model, rules, every output format and every
//! graph renderer, and checks what must hold for any input: no panic, findings that point inside
//! their file, and JSON outputs that are JSON.

use sglint::config::{self, Settings};
use sglint::emit::{self, Context, Format};
use sglint::lint::{self, Report};
use std::path::{Path, PathBuf};

/// The names a fuzz input's parts are linted under: a module of two `.tf` files and its
/// `terraform.tfvars`, so that references across files and variable values are exercised.
const MODULE_FILES: [&str; 3] = ["main.tf", "network.tf", "terraform.tfvars"];

/// Separates the files of one HCL fuzz input (a byte HCL text never holds).
const FILE_SEPARATOR: u8 = 0;

/// HCL input: the bytes, split at NUL into up to three files of one module, linted and output.
///
/// Each file's text is also parsed whole and item by item, which must agree (a large file is
/// parsed in parts: the split must never change what is parsed).
pub fn hcl(data: &[u8]) {
    for file in data.split(|&b| b == FILE_SEPARATOR) {
        if let Ok(text) = std::str::from_utf8(file)
            && let Err(why) = sglint::parse::parts_match_whole(text)
        {
            panic!("{why}");
        }
    }
    lint_module(data, &MODULE_FILES);
}

/// Splits `data` at NUL into the files `names` of one module, lints it and checks the report.
fn lint_module(data: &[u8], names: &[&str]) {
    let files = data
        .splitn(names.len(), |&b| b == FILE_SEPARATOR)
        .zip(names)
        .map(|(bytes, name)| (PathBuf::from("fuzz").join(name), bytes.to_vec()))
        .collect();
    let report = lint::lint_module_bytes(Path::new("fuzz"), files, &Settings::default());
    check(&report);
}

/// The names a JSON-syntax fuzz input's parts are linted under.
const JSON_MODULE_FILES: [&str; 2] = ["main.tf.json", "terraform.tfvars.json"];

/// Terraform JSON input (`.tf.json`, `.tfvars.json`): the bytes, split at NUL into a
/// configuration file and a variable file of one module, linted and output. Every span must
/// still land inside the JSON file, on character boundaries, after the rewriting to HCL.
pub fn tf_json(data: &[u8]) {
    lint_module(data, &JSON_MODULE_FILES);
}

/// Plan input: the bytes read as `terraform show -json` output, linted and output.
pub fn plan(data: &[u8]) {
    let report = lint::lint_plan_bytes(
        PathBuf::from("plan.json"),
        data.to_vec(),
        &Settings::default(),
    );
    check(&report);
}

/// Configuration input: the bytes read as `sglint.toml`; settings that load are used for a run
/// over a small module, so that every option a rule reads is exercised.
pub fn config(data: &[u8]) {
    let Ok(text) = String::from_utf8(data.to_vec()) else {
        return;
    };
    match config::from_text(Path::new("sglint.toml"), text) {
        Ok(settings) => {
            let files = vec![(PathBuf::from("fuzz/main.tf"), SMALL_MODULE.to_vec())];
            let report = lint::lint_module_bytes(Path::new("fuzz"), files, &settings);
            check(&report);
        }
        Err(message) => assert!(
            message.contains("sglint.toml"),
            "a configuration error names its file: {message}"
        ),
    }
}

/// A module with a finding for most rules, for the configuration target.
const SMALL_MODULE: &[u8] = include_bytes!("../../testdata/examples/main.tf");

/// Checks what holds for any report, and writes it in every format.
fn check(report: &Report) {
    for d in &report.diagnostics {
        let spans = std::iter::once(d.span).chain(d.related.iter().map(|r| r.span));
        for span in spans {
            let source = report.sources.file(span.file);
            if let Some(text) = &source.text {
                let range = span.range();
                assert!(
                    range.start <= range.end && range.end <= text.len(),
                    "span {range:?} of `{}` outside its file ({} bytes)",
                    d.rule,
                    text.len()
                );
                assert!(
                    text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                    "span {range:?} of `{}` splits a character",
                    d.rule
                );
            }
        }
        assert!(d.location.start.line >= 1, "`{}` has no line", d.rule);
    }
    let ctx = Context {
        color: false,
        quiet: false,
        statistics: true,
        fail_on: Some(sglint::diagnostic::Severity::Warning),
        cwd: PathBuf::from("/work"),
        root: PathBuf::from("/work"),
        links: Some("https://github.com/o/r/blob/0".to_string()),
    };
    for &format in <Format as clap::ValueEnum>::value_variants() {
        let mut out = Vec::new();
        emit::emit(format, report, &mut out, &ctx).expect("writing to memory does not fail");
        let text = String::from_utf8(out).expect("output is UTF-8");
        // SARIF is left out: its rule catalogue makes it the largest output, and re-reading it
        // halved the fuzzers' speed; `.ci/validate-sarif` checks it against the schema instead.
        if matches!(format, Format::Json | Format::Gitlab) {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{format:?} output is not JSON: {e}"));
        }
    }
    let graphs = &report.graphs;
    sglint::graph::mermaid::render(graphs);
    sglint::graph::dot::render(graphs);
    serde_json::from_str::<serde_json::Value>(&sglint::graph::json::render(graphs))
        .expect("the graph's JSON is JSON");
}
