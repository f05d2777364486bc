//! Baselines: `--write-baseline FILE` records a run's findings; `--baseline FILE` then reports
//! only findings that are not in it. A finding is matched by rule, file, resource address and
//! message (which names the attribute and its value), never by line, so edits elsewhere in a
//! file do not bring recorded findings back. Files are recorded relative to the baseline's own
//! directory, so a run from any directory matches them.

use crate::diagnostic::Diagnostic;
use crate::files;
use crate::lint::Report;
use crate::parse::PARSE_ERROR;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The version of the baseline format this sglint writes and reads.
const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    resource: Option<String>,
    message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// The findings of a baseline, with how many times each was recorded.
#[derive(Debug, Default)]
pub struct Baseline {
    findings: BTreeMap<Entry, usize>,
    paths: RecordedPaths,
}

/// Each file's path as a baseline records it: from the baseline's directory, with `/`.
#[derive(Debug, Default)]
struct RecordedPaths {
    cwd: PathBuf,
    /// The baseline's directory, absolute.
    base: PathBuf,
}

impl RecordedPaths {
    fn new(baseline: &Path) -> RecordedPaths {
        let cwd = std::env::current_dir().unwrap_or_default();
        let base = files::normalize(&cwd.join(baseline.parent().unwrap_or(Path::new(""))));
        RecordedPaths { cwd, base }
    }

    /// Each file of `report` as the baseline records it, by file id: computed once per file,
    /// not once per finding.
    fn of(&self, report: &Report) -> Vec<String> {
        (report.sources.files.iter())
            .map(|file| {
                let path = files::normalize(&self.cwd.join(&file.path));
                files::slashes(&files::relative_to(&self.base, &path))
            })
            .collect()
    }
}

fn entry(paths: &[String], d: &Diagnostic) -> Entry {
    Entry {
        rule: d.rule.to_string(),
        path: paths[d.span.file].clone(),
        resource: d.resource.clone(),
        message: d.message.to_string(),
    }
}

/// Writes the findings of `report` as a baseline; returns how many were written. `inputs` are the
/// files the run read, which the baseline must not replace.
pub fn write(report: &Report, path: &Path, inputs: &[PathBuf]) -> Result<usize, String> {
    let paths = RecordedPaths::new(path).of(report);
    let mut findings: Vec<Entry> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule != PARSE_ERROR)
        .map(|d| entry(&paths, d))
        .collect();
    findings.sort();
    let count = findings.len();
    let file = File {
        version: VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    text.push('\n');
    files::write_output(path, inputs, text.as_bytes())
        .map_err(|why| format!("{}: {why}", path.display()))?;
    Ok(count)
}

/// Reads a baseline written by [`write`].
pub fn load(path: &Path) -> Result<Baseline, String> {
    let bytes = files::read(path, files::MAX_BASELINE_FILE).map_err(|why| {
        let why = why.replacen("cannot read:", "cannot read the baseline:", 1);
        format!("{}: {why}", path.display())
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "{}: is not an sglint baseline (not UTF-8 text)",
            path.display()
        )
    })?;
    let file: File = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: is not an sglint baseline ({e}); write one with `sglint check --write-baseline {}`",
            path.display(),
            path.display()
        )
    })?;
    if file.version != VERSION {
        return Err(format!(
            "{}: baseline version {} is not one this sglint reads (it reads {VERSION})",
            path.display(),
            file.version
        ));
    }
    let mut counts = BTreeMap::new();
    for finding in file.findings {
        *counts.entry(finding).or_insert(0) += 1;
    }
    Ok(Baseline {
        findings: counts,
        paths: RecordedPaths::new(path),
    })
}

impl Baseline {
    /// Removes the findings the baseline records (each recorded finding removes one) and
    /// returns how many were removed.
    pub fn filter(&self, report: &mut Report) -> usize {
        let mut left = self.findings.clone();
        let paths = self.paths.of(report);
        let keep: Vec<bool> = report
            .diagnostics
            .iter()
            .map(|d| match left.get_mut(&entry(&paths, d)) {
                // A file that does not parse is never accepted: its findings are unknown.
                _ if d.rule == PARSE_ERROR => true,
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            })
            .collect();
        let before = report.diagnostics.len();
        let mut keep = keep.into_iter();
        report.diagnostics.retain(|_| keep.next().unwrap_or(true));
        before - report.diagnostics.len()
    }
}
