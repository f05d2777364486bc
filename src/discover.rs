//! Finds the Terraform files to lint and groups them into modules (one module = one directory).

use crate::files::{self, plain_io};
use globset::{Glob, GlobBuilder, GlobMatcher};
use rustc_hash::{FxHashMap, FxHashSet};
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
#[derive(Clone, Debug, Default)]
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

/// What a walk passed over, for a run that finds nothing to lint to say why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassedOver {
    /// Paths named on the command line that an exclusion pattern matches.
    pub excluded: usize,
    /// `.json` files in walked directories that are not Terraform's JSON syntax (plans, perhaps:
    /// they are read only when named).
    pub json_files: usize,
    /// The first of them, for an example command.
    pub first_json: Option<PathBuf>,
}

/// How named files are reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NamedFiles {
    /// Only a named file's findings are reported; its directory's other files are loaded so
    /// that references resolve.
    #[default]
    OnlyNamed,
    /// A named file stands for its module: every file of its directory is reported (the
    /// pre-commit hook's case, where a change to one file can make findings in another).
    WholeModule,
}

/// A pattern of paths to skip, and the directory it is relative to: a configuration file's
/// directory for its `exclude`, the current directory for `--exclude`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExcludePattern {
    pub pattern: String,
    pub base: PathBuf,
}

/// Paths to skip, matched as `.gitignore` matches: a pattern without a slash (but for a trailing
/// one) matches a file or directory of that name at any depth below its base (`legacy`,
/// `*.generated.tf`); one with a slash is anchored at its base (`infra/legacy`, `/examples`,
/// `modules/*/test`); a trailing slash matches only directories (`legacy/`); `**` matches any
/// number of directories (`**/fixtures`, `examples/**`). A matched directory excludes everything
/// in it. `*` and `?` do not match `/`.
#[derive(Debug, Default)]
pub struct Excludes {
    patterns: Vec<CompiledExclude>,
    cwd: PathBuf,
}

#[derive(Debug)]
struct CompiledExclude {
    matcher: GlobMatcher,
    /// The absolute directory the pattern is relative to.
    base: PathBuf,
    /// Matched against the path below `base`, not against each name in it.
    anchored: bool,
    directories_only: bool,
}

impl Excludes {
    /// Compiles patterns; an error names the pattern and what is wrong with it.
    pub fn new(patterns: &[ExcludePattern]) -> Result<Excludes, String> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let patterns = patterns
            .iter()
            .map(|p| {
                let (glob, anchored, directories_only) =
                    exclude_glob(&p.pattern).map_err(|why| format!("`{}`: {why}", p.pattern))?;
                Ok(CompiledExclude {
                    matcher: glob.compile_matcher(),
                    base: files::normalize(&cwd.join(&p.base)),
                    anchored,
                    directories_only,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Excludes { patterns, cwd })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `path` (a directory when `is_dir`) is excluded, itself or by a directory it is in.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        let path = files::normalize(&self.cwd.join(path));
        self.patterns.iter().any(|p| {
            let Ok(below) = path.strip_prefix(&p.base) else {
                return false;
            };
            let names: Vec<&std::ffi::OsStr> = below.iter().collect();
            (0..names.len()).any(|end| {
                let is_dir = is_dir || end + 1 < names.len();
                if p.directories_only && !is_dir {
                    return false;
                }
                if p.anchored {
                    p.matcher
                        .is_match(names[..=end].iter().collect::<PathBuf>())
                } else {
                    p.matcher.is_match(names[end])
                }
            })
        })
    }
}

/// Checks an exclusion pattern: its glob, whether it is anchored at its base and whether it
/// matches only directories. The error says what is wrong, for a message that names the pattern.
pub fn exclude_glob(pattern: &str) -> Result<(Glob, bool, bool), String> {
    let directories_only = pattern.len() > 1 && pattern.ends_with('/');
    let trimmed = pattern.strip_suffix('/').unwrap_or(pattern);
    let anchored = trimmed.contains('/');
    let trimmed = trimmed.strip_prefix('/').unwrap_or(trimmed);
    let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Err("matches nothing: it names no file or directory".to_string());
    }
    let glob = GlobBuilder::new(trimmed)
        .literal_separator(true)
        .build()
        .map_err(|e| e.kind().to_string())?;
    Ok((glob, anchored, directories_only))
}

/// What a file holds, from its name; `None` for files sglint does not read. Terraform's JSON
/// syntax (`.tf.json`, `.tfvars.json`) holds the same. Names are matched as bytes, as Terraform
/// matches them: a name that is not valid UTF-8 is still a `.tf` file.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.as_encoded_bytes();
    let name = name.strip_suffix(b".json").unwrap_or(name);
    if name.ends_with(b".tf") {
        Some(FileKind::Config)
    } else if name == b"terraform.tfvars" || name.ends_with(b".auto.tfvars") {
        Some(FileKind::Tfvars)
    } else {
        None
    }
}

fn is_hidden_dir(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

/// Walks the given paths. Directories are searched recursively for `.tf` files (hidden directories
/// such as `.terraform/` and `.git/` are skipped); a named file is reported and its directory's other
/// files are loaded unreported so that references across files resolve. Modules are in path order.
pub fn discover(paths: &[PathBuf], excludes: &Excludes) -> Discovery {
    let mut modules = Vec::new();
    let (errors, _) = each_module(paths, excludes, NamedFiles::OnlyNamed, |module| {
        modules.push(module)
    });
    modules.sort_unstable_by(|a, b| a.dir.cmp(&b.dir));
    Discovery { modules, errors }
}

/// Walks the given paths as [`discover`] does, handing each module to `found` as soon as the walk
/// has left its directory, so that linting starts while the walk goes on; modules come in walk
/// order. Returns the paths that could not be used, sorted, and what the walk passed over.
pub fn each_module(
    paths: &[PathBuf],
    excludes: &Excludes,
    named_files: NamedFiles,
    mut found: impl FnMut(ModuleFiles),
) -> (Vec<String>, PassedOver) {
    let mut errors = Vec::new();
    let mut passed_over = PassedOver::default();
    // Named files, by the real path of their directory (`main.tf`, `./main.tf` and its absolute
    // path are one file), with the directory as first named. A named file in a walked directory
    // joins the module the walk finds there; the others are loaded with their siblings after
    // the walks.
    let mut named: FxHashMap<PathBuf, (PathBuf, Vec<DiscoveredFile>)> = FxHashMap::default();
    let mut roots = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Err(e) => errors.push(format!("{}: cannot read: {}", root.display(), plain_io(&e))),
            // A link committed in a repository must not make sglint read, and show, a file
            // elsewhere on the machine; the user can name the file it points to.
            Ok(_)
                if files::is_link(root)
                    && !files::stays_inside(root, &files::real_dir(&parent(root))) =>
            {
                errors.push(format!(
                    "{}: is a symbolic link that leads out of its directory; sglint does not \
                     follow it (name the file it points to)",
                    root.display()
                ))
            }
            // Excluded means excluded, named or found (the pre-commit hook names every file).
            Ok(meta) if excludes.excludes(root, meta.is_dir()) => passed_over.excluded += 1,
            Ok(meta) if meta.is_dir() => roots.push(root),
            // Reading a pipe or a device would wait for a writer, or never end.
            Ok(meta) if !meta.is_file() => errors.push(format!(
                "{}: is not a regular file (a pipe, socket or device); name `.tf` files or \
                 directories",
                root.display()
            )),
            Ok(_) => match file_kind(root) {
                Some(kind) => named
                    .entry(files::real_dir(&parent(root)))
                    .or_insert_with(|| (parent(root), Vec::new()))
                    .1
                    .push(DiscoveredFile {
                        path: root.clone(),
                        kind,
                        reported: kind == FileKind::Config,
                    }),
                None => errors.push(format!(
                    "{}: not a Terraform file (expected a `.tf` file or a directory)",
                    root.display()
                )),
            },
        }
    }
    // A directory reached again (a root inside another, named twice, or by a relative and an
    // absolute path) is linted once.
    let mut walked: FxHashSet<PathBuf> = FxHashSet::default();
    // One directory walked and no file named: no directory can be reached twice, and the real
    // paths (a system call per component of each directory) are not needed.
    let by_real_path = roots.len() > 1 || !named.is_empty();
    let mut finish = |dir: PathBuf, mut files: Vec<DiscoveredFile>| {
        let real = if by_real_path {
            files::real_dir(&dir)
        } else {
            dir.clone()
        };
        if let Some((_, extra)) = named.remove(&real) {
            files.extend(extra);
        }
        if walked.insert(real) && !files.is_empty() {
            found(module(dir, files));
        }
    };
    for root in roots {
        let inside = files::real_dir(root);
        let walker = WalkDir::new(root)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| {
                !is_hidden_dir(e) && !excludes.excludes(e.path(), e.file_type().is_dir())
            });
        // The directories the walk is in, deepest last, with the files found in each so far. The
        // walk is depth first: an entry at depth d means every open directory at depth d or deeper
        // has been read to its end.
        let mut open: Vec<(PathBuf, Vec<DiscoveredFile>)> = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(root).display();
                    errors.push(match e.io_error() {
                        Some(io) => format!("{path}: cannot read: {}", plain_io(io)),
                        None => format!("{path}: cannot read: {e}"),
                    });
                    continue;
                }
            };
            while open.len() > entry.depth() {
                let (dir, files) = open.pop().expect("deeper than the entry");
                finish(dir, files);
            }
            if entry.file_type().is_dir() {
                open.push((entry.into_path(), Vec::new()));
            } else if let Some(kind) = file_kind(entry.path())
                && files::is_readable_entry(entry.path(), entry.file_type(), &inside)
                && let Some((_, files)) = open.last_mut()
            {
                files.push(DiscoveredFile {
                    path: entry.into_path(),
                    kind,
                    reported: true,
                });
            } else if entry.file_type().is_file()
                && entry.path().extension().is_some_and(|e| e == "json")
                && file_kind(entry.path()).is_none()
            {
                passed_over.json_files += 1;
                if passed_over.first_json.is_none() {
                    passed_over.first_json = Some(entry.into_path());
                }
            }
        }
        while let Some((dir, files)) = open.pop() {
            finish(dir, files);
        }
    }
    // Named files outside the walked directories, with their siblings loaded unreported.
    let mut named: Vec<(PathBuf, Vec<DiscoveredFile>)> = named.into_values().collect();
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (dir, mut files) in named {
        let listed = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &dir
        };
        let inside = files::real_dir(&dir);
        if let Ok(entries) = std::fs::read_dir(listed) {
            for entry in entries.flatten() {
                let sibling = dir.join(entry.file_name());
                if let Some(kind) = file_kind(&sibling)
                    && entry
                        .file_type()
                        .is_ok_and(|t| files::is_readable_entry(&sibling, t, &inside))
                    && !excludes.excludes(&sibling, false)
                {
                    files.push(DiscoveredFile {
                        path: sibling,
                        kind,
                        reported: named_files == NamedFiles::WholeModule
                            && kind == FileKind::Config,
                    });
                }
            }
        }
        found(module(dir, files));
    }
    errors.sort();
    (errors, passed_over)
}

/// The directory of a path (empty for a bare file name).
fn parent(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A module of the files found in `dir`, in order of their names. A file both named and found as
/// a sibling (or named twice, however spelled: every file is in `dir`, so one name is one file)
/// is read once, reported if it was named: the sort puts the reported copy first.
fn module(dir: PathBuf, mut files: Vec<DiscoveredFile>) -> ModuleFiles {
    files.sort_by(|a, b| {
        a.path
            .file_name()
            .cmp(&b.path.file_name())
            .then(b.reported.cmp(&a.reported))
    });
    files.dedup_by(|b, a| a.path.file_name() == b.path.file_name());
    ModuleFiles { dir, files }
}
