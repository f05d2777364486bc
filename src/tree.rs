//! Trees of module calls: which linted directories call which (found before any module is
//! parsed whole), which are roots, and the modules each tree holds, so that each tree is parsed
//! once and linted as one configuration.

use crate::discover::{FileKind, ModuleFiles};
use crate::eval::{ModuleIndex, Target};
use crate::parse;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::path::{Component, Path, PathBuf};

/// A module whose files have been read, with the local sources of its calls.
pub(crate) struct ReadModule {
    pub module: ModuleFiles,
    /// Each file's bytes (following [`ModuleFiles::files`]), parsed when its tree is linted.
    pub bytes: Vec<Result<Vec<u8>, String>>,
    /// The directories its `module` blocks with a local source call, as written paths, and the
    /// directories `terraform init` unpacked its other calls' modules into.
    pub calls: Vec<PathBuf>,
    /// Where `terraform init` unpacked the modules its calls (and theirs) name by a registry or
    /// git source: (the calling module's directory, call name, the module's directory).
    pub installed: Vec<Installed>,
    /// Whether this is a module `terraform init` unpacked (see [`Installed`]).
    pub unpacked: bool,
    /// Whether it can be linted before the walk has found every module: it calls no module and
    /// declares no variable (its text never says `variable`), so it is most likely nobody's
    /// module. When one does call it after all, its files are read again for that tree.
    pub stands_alone: bool,
}

/// Parses the bytes read from `files`, in parallel; their declarations are deferred (see
/// [`parse::Part`]) when the module's text is larger than [`parse::DEFER_DECLARATIONS_ABOVE`].
pub(crate) fn parse_all(
    bytes: Vec<Result<Vec<u8>, String>>,
    files: &[crate::discover::DiscoveredFile],
) -> Vec<parse::ReadOutcome> {
    let size: usize = bytes.iter().flatten().map(Vec::len).sum();
    let defer = size > parse::DEFER_DECLARATIONS_ABOVE;
    (bytes.into_par_iter().zip(files))
        .map(|(bytes, file)| match bytes {
            Ok(bytes) => parse::parse_bytes(file, bytes, defer),
            Err(message) => parse::ReadOutcome::Unreadable(message),
        })
        .collect()
}

/// A module `terraform init` unpacked for a call: the calling module's directory, the call's
/// name, and where the module is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Installed {
    pub caller: PathBuf,
    pub call: String,
    pub dir: PathBuf,
}

/// Where Terraform records the modules `terraform init` installed for a root module
/// (`internal/modsdir`: `{"Modules": [{"Key": "a.b", "Source": ..., "Dir": ...}]}`, each `Key`
/// the call names from the root, each `Dir` relative to the root).
const MANIFEST: &str = ".terraform/modules/modules.json";

#[derive(serde::Deserialize)]
struct Manifest {
    #[serde(rename = "Modules", default)]
    modules: Vec<ManifestRecord>,
}

#[derive(serde::Deserialize)]
struct ManifestRecord {
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Dir")]
    dir: String,
}

/// Reads the files of a module and finds which directories it calls. For a module where `terraform init` has run, the modules it unpacked
/// under `.terraform/modules` are read too (their files are not reported: they are not the
/// repository's), as long as each stays inside the module's directory.
pub(crate) fn read(module: ModuleFiles) -> Vec<ReadModule> {
    let bytes: Vec<Result<Vec<u8>, String>> = module.files.par_iter().map(parse::read).collect();
    let mut calls = Vec::new();
    let mut remote = 0;
    for (file, bytes) in module.files.iter().zip(&bytes) {
        let Ok(bytes) = bytes else { continue };
        if file.kind != FileKind::Config {
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let json = file.path.to_string_lossy().ends_with(".json");
        for source in parse::module_sources(text, json) {
            match local_target(&module.dir, &source) {
                Some(dir) => calls.push(dir),
                None => remote += 1,
            }
        }
    }
    // Only a module that calls a registry or git source needs its manifest: one look at the
    // disk, not one per directory.
    let installed = if remote > 0 {
        installed_modules(&module.dir)
    } else {
        Vec::new()
    };
    let mut extra = Vec::new();
    for dir in dedup_dirs(&installed) {
        calls.push(lexical(&dir));
        let files = installed_files(&dir, &module.dir);
        let bytes = files.par_iter().map(parse::read).collect();
        extra.push(ReadModule {
            module: ModuleFiles { dir, files },
            bytes,
            calls: Vec::new(),
            installed: Vec::new(),
            unpacked: true,
            stands_alone: false,
        });
    }
    let declares_variables =
        (bytes.iter().flatten()).any(|b| memchr::memmem::find(b, b"variable").is_some());
    let stands_alone = calls.is_empty() && remote == 0 && !declares_variables;
    let mut out = vec![ReadModule {
        module,
        bytes,
        calls,
        installed,
        unpacked: false,
        stands_alone,
    }];
    out.append(&mut extra);
    out
}

/// The directories of `installed`, each once.
fn dedup_dirs(installed: &[Installed]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = installed.iter().map(|i| i.dir.clone()).collect();
    dirs.sort_unstable();
    dirs.dedup();
    dirs
}

/// The modules `terraform init` unpacked for the root module in `root`, from its manifest,
/// except those in directories the walk reads anyway (local sources outside `.terraform`) and
/// those whose directory leads out of `root`. Nothing when there is no manifest, or it is not
/// a regular file inside `root`, or not one sglint can read.
fn installed_modules(root: &Path) -> Vec<Installed> {
    let path = root.join(MANIFEST);
    let inside = crate::files::real_dir(root);
    if !path.is_file() || !crate::files::stays_inside(&path, &inside) {
        return Vec::new();
    }
    let Ok(bytes) = crate::files::read(&path, crate::files::MAX_SETTINGS_FILE) else {
        return Vec::new();
    };
    let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) else {
        return Vec::new();
    };
    let dirs: HashMap<&str, &str> = (manifest.modules.iter())
        .map(|r| (r.key.as_str(), r.dir.as_str()))
        .collect();
    let mut out = Vec::new();
    for record in &manifest.modules {
        let Some((parent, call)) = (match record.key.rsplit_once('.') {
            Some((parent, call)) => Some((parent, call)),
            None if !record.key.is_empty() => Some(("", record.key.as_str())),
            None => None,
        }) else {
            continue;
        };
        let dir = Path::new(&record.dir);
        let unpacked = dir.starts_with(".terraform") && !dir.is_absolute();
        let Some(parent_dir) = dirs.get(parent) else {
            continue;
        };
        let full = lexical(&root.join(dir));
        if !unpacked || !full.is_dir() || !crate::files::stays_inside(&full, &inside) {
            continue;
        }
        out.push(Installed {
            caller: lexical(&root.join(parent_dir)),
            call: call.to_string(),
            dir: full,
        });
    }
    out
}

/// The configuration files of a module `terraform init` unpacked: read, never reported.
fn installed_files(dir: &Path, root: &Path) -> Vec<crate::discover::DiscoveredFile> {
    let inside = crate::files::real_dir(root);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<crate::discover::DiscoveredFile> = entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let kind = crate::discover::file_kind(&path)?;
            let readable = entry
                .file_type()
                .is_ok_and(|t| crate::files::is_readable_entry(&path, t, &inside));
            (kind == FileKind::Config && readable).then_some(crate::discover::DiscoveredFile {
                path,
                kind,
                reported: false,
            })
        })
        .collect();
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The directory a call of `source` from the module in `dir` leads to, when the source is a
/// local path (Terraform reads a source that begins with `./` or `../` as one; anything else is
/// a registry, git or archive address).
pub(crate) fn local_target(dir: &Path, source: &str) -> Option<PathBuf> {
    let local = source == "."
        || source == ".."
        || source.starts_with("./")
        || source.starts_with("../")
        || source.starts_with(".\\")
        || source.starts_with("..\\");
    local.then(|| lexical(&dir.join(source)))
}

/// `path` with `.` removed and each `..` applied to the component before it, as written (links
/// are not followed); a `..` with nothing before it to take away is kept.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => parts.push(component),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

/// How many module calls a run evaluated, and why it did not evaluate the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallCounts {
    /// `module` blocks whose module was evaluated with their arguments.
    pub evaluated: usize,
    /// Calls of a registry, git or archive source, which `terraform init` has not unpacked.
    pub remote: usize,
    /// Calls of a local directory that is not linted (outside the linted paths, or excluded).
    pub not_linted: usize,
}

impl CallCounts {
    pub fn add(&mut self, other: CallCounts) {
        self.evaluated += other.evaluated;
        self.remote += other.remote;
        self.not_linted += other.not_linted;
    }

    /// The calls not evaluated.
    pub fn not_evaluated(&self) -> usize {
        self.remote + self.not_linted
    }
}

/// Where each call of each module of a tree leads (`modules` and `indexes` in the same order).
pub(crate) fn targets<'a>(
    modules: &[(PathBuf, Vec<parse::ParsedFile>)],
    indexes: &[ModuleIndex<'a>],
    installed: &[Installed],
) -> (Vec<HashMap<&'a str, Target>>, CallCounts) {
    let unpacked: HashMap<(PathBuf, &str), &PathBuf> = installed
        .iter()
        .map(|i| ((i.caller.clone(), i.call.as_str()), &i.dir))
        .collect();
    let by_dir: HashMap<PathBuf, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, (dir, _))| (lexical(dir), i))
        .collect();
    let mut counts = CallCounts::default();
    let targets = (modules.iter().zip(indexes))
        .map(|((dir, _), index)| {
            (index.calls.iter())
                .map(|call| {
                    let local = call
                        .source()
                        .and_then(|s| local_target(dir, s))
                        .or_else(|| {
                            unpacked
                                .get(&(lexical(dir), call.name))
                                .map(|d| (*d).clone())
                        });
                    let target = match local.map(|path| by_dir.get(&path)) {
                        Some(Some(&module)) => {
                            counts.evaluated += 1;
                            Target::Module(module)
                        }
                        Some(None) => {
                            counts.not_linted += 1;
                            Target::NotEvaluated
                        }
                        None => {
                            counts.remote += 1;
                            Target::NotEvaluated
                        }
                    };
                    (call.name, target)
                })
                .collect()
        })
        .collect();
    (targets, counts)
}

/// The modules of one tree of calls (positions in the list given to [`trees`]), in path order,
/// and which of them are roots (positions in `members`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Tree {
    pub members: Vec<usize>,
    pub roots: Vec<usize>,
}

/// Groups modules into trees: two modules are in one tree when one calls the other, directly
/// or through others. A root is a module no other module of the list calls, or one whose
/// directory is among `named` (directories named on the command line, as [`lexical`] paths); a
/// tree in which every module is called (a cycle) is linted from its first module.
pub(crate) fn trees(dirs: &[&Path], calls: &[&[PathBuf]], named: &[PathBuf]) -> Vec<Tree> {
    let by_dir: HashMap<PathBuf, usize> = dirs
        .iter()
        .enumerate()
        .map(|(i, dir)| (lexical(dir), i))
        .collect();
    let mut parent: Vec<usize> = (0..dirs.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut called = vec![false; dirs.len()];
    for (caller, targets) in calls.iter().enumerate() {
        for target in targets.iter() {
            let Some(&callee) = by_dir.get(target) else {
                continue;
            };
            if callee != caller {
                called[callee] = true;
            }
            let (a, b) = (find(&mut parent, caller), find(&mut parent, callee));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::default();
    for i in 0..dirs.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let named: rustc_hash::FxHashSet<&PathBuf> = named.iter().collect();
    let mut trees: Vec<Tree> = groups
        .into_values()
        .map(|mut members| {
            members.sort_unstable_by(|&a, &b| dirs[a].cmp(dirs[b]));
            let mut roots: Vec<usize> = (0..members.len())
                .filter(|&m| !called[members[m]] || named.contains(&lexical(dirs[members[m]])))
                .collect();
            if roots.is_empty() {
                roots.push(0);
            }
            Tree { members, roots }
        })
        .collect();
    trees.sort_unstable_by(|a, b| dirs[a.members[0]].cmp(dirs[b.members[0]]));
    trees
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn local_sources_resolve_against_the_calling_directory() {
        let dir = Path::new("envs/prod");
        assert_eq!(
            local_target(dir, "../../modules/sg"),
            Some(PathBuf::from("modules/sg"))
        );
        assert_eq!(
            local_target(Path::new("."), "./modules/sg"),
            Some(PathBuf::from("modules/sg"))
        );
        // Above the linted directory: kept as such, so it matches no module of the tree.
        assert_eq!(
            local_target(Path::new("."), "../outside"),
            Some(PathBuf::from("../outside"))
        );
        assert_eq!(
            local_target(dir, "terraform-aws-modules/security-group/aws"),
            None
        );
        assert_eq!(local_target(dir, "git::https://example.com/m.git"), None);
    }

    #[test]
    fn callers_and_callees_form_one_tree_with_the_callers_as_roots() {
        let dirs = paths(&["a", "b", "modules/sg", "modules/vpc", "lone"]);
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        let a = paths(&["modules/sg"]);
        let b = paths(&["modules/sg", "modules/vpc"]);
        let none: Vec<PathBuf> = Vec::new();
        let calls: Vec<&[PathBuf]> = vec![&a, &b, &none, &none, &none];
        let trees = trees(&dirs, &calls, &[]);
        assert_eq!(
            trees,
            vec![
                Tree {
                    members: vec![0, 1, 2, 3],
                    roots: vec![0, 1],
                },
                Tree {
                    members: vec![4],
                    roots: vec![0],
                },
            ]
        );
    }

    #[test]
    fn a_named_directory_is_a_root_and_a_cycle_still_has_one() {
        let dirs = paths(&["a", "b"]);
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        let (to_a, to_b) = (paths(&["a"]), paths(&["b"]));
        let calls: Vec<&[PathBuf]> = vec![&to_b, &to_a];
        assert_eq!(trees(&dirs, &calls, &[])[0].roots, vec![0]);
        assert_eq!(trees(&dirs, &calls, &paths(&["b"]))[0].roots, vec![1]);
    }
}
