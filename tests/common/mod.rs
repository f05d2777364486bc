//! Helpers shared by the integration tests.

use sglint::config::Settings;
use sglint::discover::{DiscoveredFile, FileKind, ModuleFiles};
use sglint::lint::{Report, lint_modules};
use std::path::{Path, PathBuf};

/// Lints one fixture file as a module of its own (fixtures of one rule share a directory),
/// with every rule and check of the catalogue on, keeping its text for the pretty output.
pub fn lint_file(path: &Path) -> Report {
    let mut settings = Settings::default();
    settings.select = sglint::catalogue::entries()
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    lint_modules(
        vec![ModuleFiles {
            dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            files: vec![DiscoveredFile {
                path: path.to_path_buf(),
                kind: FileKind::Config,
                reported: true,
            }],
        }],
        &settings,
        true,
    )
}

/// The `.tf` files of a directory whose names start with `prefix`, sorted.
pub fn fixtures(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with(prefix) && name.ends_with(".tf")
        })
        .collect();
    files.sort();
    files
}
