//! Points a plan's findings at the `.tf` files of its configuration when they are on disk: each
//! group and rule of the plan takes the spans of the same resource (or inline block) in the
//! model built from the `.tf` files, so the two inputs report the same lines.

use super::configuration::ModuleConfig;
use crate::address::{module_segments, without_keys};
use crate::discover::{self, DiscoveredFile, FileKind};
use crate::eval::ModuleIndex;
use crate::files;
use crate::model::{self, Attr, Direction, Model, RuleOrigin, SecurityGroup, SgRule, Tags};
use crate::parse::{self, ParsedFile, ReadOutcome};
use crate::source::{FileId, SourceFile, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rewrites the spans of `model` (a plan's) to the `.tf` files under `root`, following local
/// module sources of `configuration`. Returns the files read; their ids start at 1 (0 is the
/// plan). Resources with no counterpart on disk keep their place in the plan.
pub fn map_to_config(
    model: &mut Model,
    root: &Path,
    configuration: Option<&ModuleConfig>,
) -> Vec<SourceFile> {
    let mut loader = Loader {
        sources: Vec::new(),
        dirs: BTreeMap::new(),
        models: Vec::new(),
        inside: files::real_dir(root),
    };
    let mut dirs: BTreeMap<String, Option<PathBuf>> = BTreeMap::new();
    let mut dir_of = |address: &str, loader: &mut Loader| -> Option<(String, usize)> {
        let (prefix, relative) = split_module(address);
        let dir = dirs
            .entry(prefix.to_string())
            .or_insert_with(|| module_dir(root, configuration, prefix))
            .clone()?;
        let index = loader.load(&dir)?;
        Some((relative.to_string(), index))
    };

    for group in &mut model.groups {
        if let Some((relative, index)) = dir_of(&group.address, &mut loader) {
            let tf = &loader.models[index];
            if let Some(found) = tf.groups.get(&relative) {
                relocate_group(group, &tf.model.groups[found]);
            }
        }
    }
    for attachment in &mut model.attachments {
        if let Some((relative, index)) = dir_of(&attachment.address, &mut loader) {
            let tf = &loader.models[index];
            let key = attachment_key(&attachment.attribute, &relative);
            if let Some(found) = tf.attachments.get(&key) {
                attachment.groups.span = tf.model.attachments[found].groups.span;
            }
        }
    }
    for rule in &mut model.rules {
        let Some((relative, index)) = dir_of(&rule.address, &mut loader) else {
            continue;
        };
        let tf = &loader.models[index];
        let found = match rule.origin {
            RuleOrigin::Inline | RuleOrigin::Dynamic => inline_counterpart(tf, rule, &relative),
            _ => tf.rules.get(&relative).map(|i| &tf.model.rules[i]),
        };
        if let Some(found) = found {
            relocate_rule(rule, found);
        } else if let Some(group) = tf.groups.get(&relative) {
            relocate_to(rule, tf.model.groups[group].header);
        }
    }
    loader.sources
}

/// Splits an absolute address into its module instance prefix and the resource address.
fn split_module(address: &str) -> (&str, &str) {
    match module_segments(address).last() {
        Some(&(_, prefix)) => (prefix, address[prefix.len()..].trim_start_matches('.')),
        None => ("", address),
    }
}

/// The directory of a module instance: the root, then each call's local `source`.
fn module_dir(root: &Path, configuration: Option<&ModuleConfig>, prefix: &str) -> Option<PathBuf> {
    let mut dir = root.to_path_buf();
    let mut module = configuration;
    for (name, _) in module_segments(prefix) {
        let call = module?.calls.get(name)?;
        let source = call.source.as_deref()?;
        if !(source.starts_with("./") || source.starts_with("../")) {
            return None;
        }
        dir = dir.join(source);
        module = call.module.as_ref();
    }
    Some(dir)
}

/// Reads and models each directory once.
struct Loader {
    /// The real path of the configuration's root: no file outside it is read, whatever a
    /// module's `source` or a link says (a plan is input, and so are the links in its tree).
    inside: PathBuf,
    sources: Vec<SourceFile>,
    /// Directory to the position of its model in `models` (`None`: no `.tf` file there).
    dirs: BTreeMap<PathBuf, Option<usize>>,
    models: Vec<Indexed>,
}

/// A directory's model, with its groups, rules and attachments found by address: a plan of
/// tens of thousands of groups finds each counterpart at once, not by a search of the model.
struct Indexed {
    model: Model,
    groups: Lookup,
    rules: Lookup,
    /// By attribute and address (see [`attachment_key`]).
    attachments: Lookup,
    /// The inline rules of each group (by address without keys) and direction, in source order.
    inline: rustc_hash::FxHashMap<(String, Direction), Vec<usize>>,
}

impl Indexed {
    fn new(model: Model) -> Indexed {
        let mut inline: rustc_hash::FxHashMap<(String, Direction), Vec<usize>> = Default::default();
        for (i, rule) in model.rules.iter().enumerate() {
            if rule.origin.is_inline() {
                inline
                    .entry((without_keys(&rule.address), rule.direction))
                    .or_default()
                    .push(i);
            }
        }
        Indexed {
            groups: Lookup::new(model.groups.iter().map(|g| g.address.clone())),
            rules: Lookup::new(model.rules.iter().map(|r| r.address.clone())),
            attachments: Lookup::new(
                model
                    .attachments
                    .iter()
                    .map(|a| attachment_key(&a.attribute, &a.address)),
            ),
            inline,
            model,
        }
    }
}

/// How an attachment is looked up: its attribute, then its resource's address.
fn attachment_key(attribute: &str, address: &str) -> String {
    format!("{attribute} {address}")
}

/// Positions of items by address, and by address without instance keys (the first of each).
struct Lookup {
    exact: rustc_hash::FxHashMap<String, usize>,
    unkeyed: rustc_hash::FxHashMap<String, usize>,
}

impl Lookup {
    fn new(keys: impl Iterator<Item = String>) -> Lookup {
        let mut lookup = Lookup {
            exact: Default::default(),
            unkeyed: Default::default(),
        };
        for (i, key) in keys.enumerate() {
            lookup.unkeyed.entry(without_keys(&key)).or_insert(i);
            lookup.exact.entry(key).or_insert(i);
        }
        lookup
    }

    /// The item at `address`, or the one instance of the same block when keys differ (a
    /// `count` the `.tf` input could not evaluate has no key there).
    fn get(&self, address: &str) -> Option<usize> {
        self.exact
            .get(address)
            .or_else(|| self.unkeyed.get(&without_keys(address)))
            .copied()
    }
}

impl Loader {
    /// The position of `dir`'s model in `models`, or `None` when it holds no `.tf` file.
    fn load(&mut self, dir: &Path) -> Option<usize> {
        if let Some(position) = self.dirs.get(dir) {
            return *position;
        }
        let position = self.read(dir).map(|model| {
            self.models.push(Indexed::new(model));
            self.models.len() - 1
        });
        self.dirs.insert(dir.to_path_buf(), position);
        position
    }

    fn read(&mut self, dir: &Path) -> Option<Model> {
        if !files::stays_inside(dir, &self.inside) {
            return None;
        }
        let inside = &self.inside;
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .ok()?
            .flatten()
            .filter(|e| {
                e.file_type()
                    .is_ok_and(|t| files::is_readable_entry(&e.path(), t, inside))
            })
            .map(|e| e.path())
            // Files of the current directory are shown as `main.tf`, not `./main.tf`.
            .map(|p| p.strip_prefix(".").map_or(p.clone(), Path::to_path_buf))
            .filter(|p| discover::file_kind(p) == Some(FileKind::Config))
            .collect();
        if files.is_empty() {
            return None;
        }
        files.sort();
        let files: Vec<DiscoveredFile> = files
            .into_iter()
            .map(|path| DiscoveredFile {
                path,
                kind: FileKind::Config,
                reported: true,
            })
            .collect();
        let mut parsed = Vec::new();
        for outcome in parse::read_and_parse_module(&files) {
            if let ReadOutcome::Read { source, parts, .. } = outcome {
                let id: FileId = 1 + self.sources.len();
                let name = parse::file_name(&source.path);
                self.sources.push(source);
                parsed.push(ParsedFile {
                    id,
                    kind: FileKind::Config,
                    name,
                    parts,
                });
            }
        }
        Some(model::build(&ModuleIndex::new(&parsed)))
    }
}

/// The inline block of the `.tf` group that a plan's inline rule came from: same direction, and
/// the first most like it: the same protocol and ports first, then the same sources, then the
/// same description (a plan orders inline rules as a set).
fn inline_counterpart<'m>(tf: &'m Indexed, rule: &SgRule, group: &str) -> Option<&'m SgRule> {
    let candidates = tf.inline.get(&(without_keys(group), rule.direction))?;
    let candidates = candidates.iter().map(|&i| &tf.model.rules[i]);
    let likeness = |r: &SgRule| {
        let same_traffic = value(&r.protocol) == value(&rule.protocol)
            && value(&r.from_port) == value(&rule.from_port)
            && value(&r.to_port) == value(&rule.to_port);
        let same_sources = r.sources.len() == rule.sources.len()
            && rule
                .sources
                .iter()
                .all(|s| r.sources.iter().any(|t| t.value == s.value));
        4 * u8::from(same_traffic)
            + 2 * u8::from(same_sources)
            + u8::from(value(&r.description) == value(&rule.description))
    };
    // `max_by_key` keeps the last of equals: reversed, the first in source order wins.
    candidates.rev().max_by_key(|r| likeness(r))
}

fn value<T>(attr: &Option<Attr<T>>) -> Option<&T> {
    attr.as_ref().map(|a| &a.value)
}

/// The span of `tf`'s attribute, or of `fallback` when the `.tf` does not write it (a default
/// the plan shows, such as the provider's description).
fn span_of<T>(tf: &Option<Attr<T>>, fallback: Span) -> Span {
    tf.as_ref().map_or(fallback, |a| a.span)
}

fn relocate_group(group: &mut SecurityGroup, tf: &SecurityGroup) {
    group.header = tf.header;
    for (attr, tf_attr) in [
        (&mut group.name, &tf.name),
        (&mut group.name_prefix, &tf.name_prefix),
        (&mut group.name_tag, &tf.name_tag),
        (&mut group.description, &tf.description),
    ] {
        if let Some(attr) = attr {
            attr.span = span_of(tf_attr, tf.header);
        }
    }
    relocate_tags(&mut group.tags, &tf.tags, tf.header);
    relocate_tags(&mut group.default_tags, &tf.default_tags, tf.header);
}

/// Points each tag key at the same key in `tf`, else at `tf`'s tags or `fallback`.
fn relocate_tags(tags: &mut Tags, tf: &Tags, fallback: Span) {
    let fallback = tf.span.unwrap_or(fallback);
    if tags.span.is_some() {
        tags.span = Some(fallback);
    }
    for key in &mut tags.keys {
        key.span = tf
            .keys
            .iter()
            .find(|k| k.key == key.key)
            .map_or(fallback, |k| k.span);
    }
}

fn relocate_rule(rule: &mut SgRule, tf: &SgRule) {
    rule.header = tf.header;
    if tf.origin == RuleOrigin::Dynamic {
        rule.origin = RuleOrigin::Dynamic;
    }
    if let Some(a) = &mut rule.protocol {
        a.span = span_of(&tf.protocol, tf.header);
    }
    if let Some(a) = &mut rule.from_port {
        a.span = span_of(&tf.from_port, tf.header);
    }
    if let Some(a) = &mut rule.to_port {
        a.span = span_of(&tf.to_port, tf.header);
    }
    if let Some(a) = &mut rule.description {
        a.span = span_of(&tf.description, tf.header);
    }
    for source in &mut rule.sources {
        source.span = tf
            .sources
            .iter()
            .find(|s| s.value == source.value)
            .map_or(tf.header, |s| s.span);
    }
}

/// Points every span of a rule at one place.
fn relocate_to(rule: &mut SgRule, span: Span) {
    rule.header = span;
    if let Some(a) = &mut rule.protocol {
        a.span = span;
    }
    for a in [&mut rule.from_port, &mut rule.to_port]
        .into_iter()
        .flatten()
    {
        a.span = span;
    }
    if let Some(a) = &mut rule.description {
        a.span = span;
    }
    for source in &mut rule.sources {
        source.span = span;
    }
}
