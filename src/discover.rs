//! Finds the Terraform files to lint and groups them into modules (one module = one directory).

use globset::{Glob, GlobSet, GlobSetBuilder};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a discovered file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A `.tf` configuration file.
    Config,
    /// `terraform.tfvars` or `*.auto.tfvars`: variable values for the module.
    Tfvars,
}

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoveredFile {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Whether findings in this file are reported (false for siblings loaded for resolution).
    pub reported: bool,
}

/// The files of one module directory.
#[derive(Debug, Default)]
pub struct ModuleFiles {
    pub dir: PathBuf,
    pub files: Vec<DiscoveredFile>,
}

/// The outcome of discovery: modules to lint, and paths that could not be used.
#[derive(Debug, Default)]
pub struct Discovery {
    pub modules: Vec<ModuleFiles>,
    pub errors: Vec<String>,
}

/// Compiles `--exclude` globs.
pub fn exclude_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| format!("invalid --exclude glob `{g}`: {e}"))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| format!("invalid --exclude globs: {e}"))
}

/// What a file holds, from its name; `None` for files sglint does not read.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".tf") {
        Some(FileKind::Config)
    } else if name == "terraform.tfvars" || name.ends_with(".auto.tfvars") {
        Some(FileKind::Tfvars)
    } else {
        None
    }
}

fn is_excluded(excludes: &GlobSet, path: &Path) -> bool {
    excludes.is_match(path) || path.strip_prefix(".").is_ok_and(|p| excludes.is_match(p))
}

fn is_hidden_dir(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

/// Whether `path` is a symbolic link to a file inside the directory `inside` (canonical):
/// links within the directories named on the command line are read (a module's shared
/// `providers.tf`), links out of them never are. Links to directories are never followed.
fn links_to_file_in(path: &Path, inside: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::canonicalize(path)
            .is_ok_and(|target| target.starts_with(inside) && target.is_file())
}

/// Walks the given paths. Directories are searched recursively for `.tf` files (hidden directories
/// such as `.terraform/` and `.git/` are skipped); a named file is reported and its directory's other
/// files are loaded unreported so that references across files resolve.
pub fn discover(paths: &[PathBuf], excludes: &GlobSet) -> Discovery {
    let mut by_dir: FxHashMap<PathBuf, Vec<DiscoveredFile>> = FxHashMap::default();
    let mut errors = Vec::new();
    let mut add = |path: PathBuf, kind: FileKind, reported: bool| {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        by_dir.entry(dir).or_default().push(DiscoveredFile {
            path,
            kind,
            reported,
        });
    };

    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: cannot read: {}", root.display(), plain_io(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
            let walker = WalkDir::new(root)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| {
                    !is_hidden_dir(e) && (excludes.is_empty() || !is_excluded(excludes, e.path()))
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() || links_to_file_in(e.path(), &inside) => {
                        if let Some(kind) = file_kind(e.path()) {
                            add(e.into_path(), kind, true);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("{e}")),
                }
            }
        } else if !meta.is_file() {
            // Reading a pipe or a device would wait for a writer, or never end.
            errors.push(format!(
                "{}: not a regular file (a pipe, socket or device); name `.tf` files or directories",
                root.display()
            ));
        } else {
            let Some(kind) = file_kind(root) else {
                errors.push(format!(
                    "{}: not a Terraform file (expected a `.tf` file or a directory)",
                    root.display()
                ));
                continue;
            };
            add(root.clone(), kind, kind == FileKind::Config);
            let dir = root.parent().map(Path::to_path_buf).unwrap_or_default();
            let listed = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &dir
            };
            let inside = std::fs::canonicalize(listed).unwrap_or_else(|_| dir.clone());
            if let Ok(entries) = std::fs::read_dir(listed) {
                for entry in entries.flatten() {
                    let sibling = dir.join(entry.file_name());
                    if (entry.file_type().is_ok_and(|t| t.is_file())
                        || links_to_file_in(&sibling, &inside))
                        && !is_excluded(excludes, &sibling)
                        && let Some(kind) = file_kind(&sibling)
                    {
                        add(sibling, kind, false);
                    }
                }
            }
        }
    }

    let mut modules: Vec<ModuleFiles> = by_dir
        .into_iter()
        .map(|(dir, mut files)| {
            files.sort_unstable_by(|a, b| a.path.cmp(&b.path).then(b.reported.cmp(&a.reported)));
            // A file both named and found as a sibling (or named twice) is read once, reported
            // if it was named; the sort puts the reported copy first.
            files.dedup_by(|b, a| a.path == b.path);
            ModuleFiles { dir, files }
        })
        .collect();
    modules.sort_unstable_by(|a, b| a.dir.cmp(&b.dir));
    errors.sort();
    Discovery { modules, errors }
}

/// An I/O error in plain words, without the OS error code.
pub fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
