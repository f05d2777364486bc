//! Helpers shared by the integration tests.

use sglint::config::Settings;
use sglint::discover::{DiscoveredFile, FileKind, ModuleFiles};
use sglint::lint::{Report, lint_modules};
use std::path::{Path, PathBuf};

/// Lints one fixture file as a module of its own (fixtures of one rule share a directory),
/// with every rule and check of the catalogue on, keeping its text for the pretty output. A
/// fixture's options are in a configuration file beside it, named after it
/// (`fail_quota.tf` reads `fail_quota.sglint.toml`), as a user's `sglint.toml` sets them.
pub fn lint_file(path: &Path) -> Report {
    let config = path.with_extension("sglint.toml");
    let mut settings = if config.is_file() {
        sglint::config::load(&config).unwrap_or_else(|e| panic!("{e}"))
    } else {
        Settings::default()
    };
    settings.select = (settings.registry.entries().iter())
        .map(|e| e.id.clone())
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
