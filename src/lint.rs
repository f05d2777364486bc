//! One lint run: discover, read and parse in parallel, build each module's model, run the rules.

use crate::diagnostic::Diagnostic;
use crate::discover::{self, ModuleFiles};
use crate::eval::ModuleIndex;
use crate::parse::{self, ParsedFile, ReadOutcome};
use crate::source::{SourceFile, SourceMap};
use crate::{model, rules};
use rayon::prelude::*;
use std::path::PathBuf;

/// What to lint.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// `--exclude` globs.
    pub exclude: Vec<String>,
}

/// Counts of what a run saw, over the reported files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub security_groups: usize,
    pub rules: usize,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    pub sources: SourceMap,
    /// Findings in reported files, sorted by path, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// Input that could not be used at all (missing paths, unreadable files).
    pub errors: Vec<String>,
    pub summary: Summary,
}

impl Report {
    /// Whether any input was unreadable or unparseable.
    pub fn has_input_errors(&self) -> bool {
        !self.errors.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.rule == parse::PARSE_ERROR)
    }
}

/// Lints the paths of `options`. Fails only for an invalid option (a bad glob).
pub fn lint(options: &Options) -> Result<Report, String> {
    let excludes = discover::exclude_set(&options.exclude)?;
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let discovery = discover::discover(&paths, &excludes);
    let mut report = lint_modules(discovery.modules);
    report.errors.splice(0..0, discovery.errors);
    Ok(report)
}

/// Lints modules whose files are already known (each module's files resolve among themselves).
pub fn lint_modules(modules: Vec<ModuleFiles>) -> Report {
    let files: Vec<(usize, &discover::DiscoveredFile)> = modules
        .iter()
        .enumerate()
        .flat_map(|(m, module)| module.files.iter().map(move |f| (m, f)))
        .collect();
    let outcomes: Vec<(usize, ReadOutcome)> = files
        .par_iter()
        .map(|&(m, file)| (m, parse::read_and_parse(file)))
        .collect();

    let mut report = Report::default();
    let mut parsed: Vec<Vec<ParsedFile>> = modules.iter().map(|_| Vec::new()).collect();
    for ((m, outcome), (_, file)) in outcomes.into_iter().zip(&files) {
        match outcome {
            ReadOutcome::Unreadable(message) => report.errors.push(message),
            ReadOutcome::Read {
                source,
                body,
                error,
            } => {
                let id = report.sources.files.len();
                if let Some((range, message)) = error
                    && source.reported
                {
                    report
                        .diagnostics
                        .push(parse::parse_error(id, range, message));
                }
                report.sources.files.push(source);
                parsed[m].push(ParsedFile {
                    id,
                    kind: file.kind,
                    body,
                });
            }
        }
    }

    let sources = &report.sources;
    let per_module: Vec<(Vec<Diagnostic>, Summary)> = parsed
        .par_iter()
        .filter(|files| files.iter().any(|f| sources.file(f.id).reported))
        .map(|files| {
            let index = ModuleIndex::new(files);
            let model = model::build(&index);
            let reported = |span: crate::source::Span| sources.file(span.file).reported;
            let summary = Summary {
                files: files
                    .iter()
                    .filter(|f| sources.file(f.id).reported && f.kind == discover::FileKind::Config)
                    .count(),
                security_groups: model.groups.iter().filter(|g| reported(g.header)).count(),
                rules: model.rules.iter().filter(|r| reported(r.header)).count(),
            };
            let diagnostics = rules::run(&model)
                .into_iter()
                .filter(|d| reported(d.span))
                .collect();
            (diagnostics, summary)
        })
        .collect();
    for (diagnostics, summary) in per_module {
        report.diagnostics.extend(diagnostics);
        report.summary.files += summary.files;
        report.summary.security_groups += summary.security_groups;
        report.summary.rules += summary.rules;
    }

    sort_and_dedup(&mut report.diagnostics, &report.sources.files);
    report
}

/// Sorts by path then position, and drops repeats of one finding at one place (the instances of
/// a `count` or `for_each` resource share their source).
fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>, files: &[SourceFile]) {
    diagnostics.sort_by(|a, b| {
        (
            &files[a.span.file].path,
            a.span.start,
            a.span.end,
            a.rule,
            &a.message,
        )
            .cmp(&(
                &files[b.span.file].path,
                b.span.start,
                b.span.end,
                b.rule,
                &b.message,
            ))
    });
    diagnostics.dedup_by(|b, a| a.span == b.span && a.rule == b.rule && a.message == b.message);
}
