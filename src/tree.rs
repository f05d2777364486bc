//! Trees of module calls: which linted directories call which (found before any module is
//! parsed whole), which are roots, and the modules each tree holds, so that each tree is parsed
//! once and linted as one configuration.

use crate::discover::{FileKind, ModuleFiles};
use crate::eval::{ModuleIndex, Target};
use crate::parse;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::path::{Component, Path, PathBuf};

/// A module whose files have been read, not parsed, with the local sources of its calls.
pub(crate) struct ReadModule {
    pub module: ModuleFiles,
    pub bytes: Vec<Result<Vec<u8>, String>>,
    /// The directories its `module` blocks with a local source call, as written paths.
    pub calls: Vec<PathBuf>,
}

/// Reads the files of a module and finds which directories it calls.
pub(crate) fn read(module: ModuleFiles) -> ReadModule {
    let bytes: Vec<Result<Vec<u8>, String>> = module.files.par_iter().map(parse::read).collect();
    let mut calls = Vec::new();
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
            if let Some(dir) = local_target(&module.dir, &source) {
                calls.push(dir);
            }
        }
    }
    ReadModule {
        module,
        bytes,
        calls,
    }
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
) -> (Vec<HashMap<&'a str, Target>>, CallCounts) {
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
                    let local = call.source().and_then(|s| local_target(dir, s));
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
