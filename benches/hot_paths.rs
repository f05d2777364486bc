//! `cargo bench`: the hot paths of a run, each on its own — parsing a file (next to hcl-edit's
//! own parser, the baseline), building a module's model, each rule, each output format, and
//! reading a plan. Inputs come from the same generator as the whole-run benchmarks
//! (docs/benchmarks.md).

#[path = "../examples/generate/inputs.rs"]
mod inputs;

use clap::ValueEnum;
use divan::{Bencher, black_box};
use sglint::config::Settings;
use sglint::discover::{DiscoveredFile, FileKind};
use sglint::emit::{self, Context, Format};
use sglint::eval::ModuleIndex;
use sglint::lint::{self, Report};
use sglint::model::{self, Model};
use sglint::parse::{self, ParsedFile, ReadOutcome};
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

/// The files of one module: four generated files and the bundled example, whose groups set off
/// most rules.
fn module_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = (0..4)
        .map(|f| {
            let path = PathBuf::from(format!("module/file{f}.tf"));
            (path, inputs::tree_file(0, f).into_bytes())
        })
        .collect();
    let example = std::fs::read("testdata/examples/main.tf").expect("the bundled example");
    files.push((PathBuf::from("module/example.tf"), example));
    files
}

fn config_file(path: PathBuf) -> DiscoveredFile {
    DiscoveredFile {
        path,
        kind: FileKind::Config,
        reported: true,
    }
}

fn parsed(files: Vec<(PathBuf, Vec<u8>)>) -> Vec<ParsedFile> {
    files
        .into_iter()
        .enumerate()
        .map(
            |(id, (path, bytes))| match parse::parse_bytes(&config_file(path), bytes, false) {
                ReadOutcome::Read { parts, source, .. } => ParsedFile {
                    id,
                    kind: FileKind::Config,
                    name: parse::file_name(&source.path),
                    parts,
                },
                ReadOutcome::Unreadable(why) => panic!("{why}"),
            },
        )
        .collect()
}

fn model() -> Model {
    let files = parsed(module_files());
    model::build(&ModuleIndex::new(&files))
}

/// One generated file (5 KB): sglint's parse (hcl-edit, plus what sglint adds around it).
#[divan::bench]
fn parse_file(bencher: Bencher) {
    let text = inputs::tree_file(0, 0);
    bencher.bench(|| {
        parse::parse_bytes(
            &config_file(PathBuf::from("a.tf")),
            black_box(text.clone().into_bytes()),
            false,
        )
    });
}

/// The same file through hcl-edit alone: the baseline `parse_file` is measured against.
#[divan::bench]
fn parse_file_baseline(bencher: Bencher) {
    let text = inputs::tree_file(0, 0);
    bencher.bench(|| hcl_edit::parser::parse_body(black_box(&text)));
}

/// The module index and model of one module's parsed files (evaluation of locals included).
#[divan::bench]
fn model_build(bencher: Bencher) {
    let files = parsed(module_files());
    bencher.bench(|| model::build(&ModuleIndex::new(black_box(&files))));
}

/// A whole run over one generated project: a root module that calls its five local modules (one
/// of them twice), each file read and parsed once, every module instance modelled.
#[divan::bench]
fn lint_module_tree(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    let write = |path: PathBuf, text: String| {
        std::fs::create_dir_all(path.parent().expect("a directory")).expect("a directory");
        std::fs::write(path, text).expect("a file");
    };
    for f in 0..3 {
        write(root.join(format!("file{f}.tf")), inputs::tree_file(0, f));
    }
    write(root.join("modules.tf"), inputs::calls_file(0));
    for m in 0..5 {
        for f in 0..3 {
            write(
                root.join(format!("modules/m{m}/file{f}.tf")),
                inputs::tree_file(m + 1, f),
            );
        }
        write(
            root.join(format!("modules/m{m}/interface.tf")),
            inputs::module_interface_file(m),
        );
    }
    let options = lint::Options {
        paths: vec![root.to_path_buf()],
        ..lint::Options::default()
    };
    bencher.bench(|| lint::lint(black_box(&options)));
}

fn rule_ids() -> impl Iterator<Item = &'static str> {
    sglint::rules::implemented()
}

/// Each rule alone on the module's model.
#[divan::bench(args = rule_ids())]
fn rule(bencher: Bencher, id: &'static str) {
    let model = model();
    let mut settings = Settings::default();
    settings.select = vec![id.into()];
    bencher.bench(|| sglint::rules::run(black_box(&model), &settings));
}

/// Every rule, as a run does.
#[divan::bench]
fn all_rules(bencher: Bencher) {
    let model = model();
    let mut settings = Settings::default();
    settings.select = rule_ids().map(Into::into).collect();
    bencher.bench(|| sglint::rules::run(black_box(&model), &settings));
}

fn report() -> Report {
    let mut settings = Settings::default();
    settings.select = rule_ids().map(Into::into).collect();
    lint::lint_module_bytes(Path::new("module"), module_files(), &settings)
}

fn format_names() -> impl Iterator<Item = String> {
    Format::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_string())
}

/// Each output format, writing the module's findings to memory.
#[divan::bench(args = format_names())]
fn emit(bencher: Bencher, format: &str) {
    let report = report();
    let format = Format::from_str(format, false).expect("a format name");
    let ctx = Context {
        color: false,
        quiet: false,
        statistics: false,
        fail_on: Some(sglint::diagnostic::Severity::Warning),
        cwd: PathBuf::from("/work"),
        root: PathBuf::from("/work"),
        links: None,
    };
    bencher.bench(|| {
        let mut out = Vec::with_capacity(64 * 1024);
        emit::emit(format, black_box(&report), &mut out, &ctx).expect("writes to memory");
        out
    });
}

/// A 100-group plan (1 MB) read into the model: sglint's reading of plans, end to end.
#[divan::bench]
fn plan_model(bencher: Bencher) {
    let bytes = serde_json::to_vec(&inputs::plan(100)).expect("a plan");
    bencher.bench(|| {
        sglint::plan::from_bytes(
            PathBuf::from("plan.json"),
            black_box(bytes.clone()),
            &sglint::plan::PlanOptions::default(),
        )
    });
}
