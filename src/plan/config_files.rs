//! Points a plan's findings at the `.tf` files of its configuration when they are on disk: each
//! group and rule of the plan takes the spans of the same resource (or inline block) in the
//! model built from the `.tf` files, so the two inputs report the same lines.

use super::configuration::ModuleConfig;
use crate::address::{module_segments, without_keys};
use crate::discover::{self, DiscoveredFile, FileKind};
use crate::eval::{ModuleIndex, is_override_name};
use crate::files;
use crate::model::{
    self, Attr, Direction, GroupRef, Model, RuleOrigin, RuleSource, SecurityGroup, SgRule, Tags,
};
use crate::parse::{self, ParsedFile, ReadOutcome, StreamedResources};
use crate::source::{FileId, SourceFile, Span};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
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
    let streaming = Streaming {
        above: parse::DEFER_DECLARATIONS_ABOVE,
        resources_per_model: 256 << 10,
    };
    map_streaming(model, root, configuration, streaming)
}

/// When a directory's `.tf` files are modelled a few resources at a time (see
/// [`Loader::each_model`]).
#[derive(Clone, Copy)]
struct Streaming {
    /// Directories whose files are larger than this, in bytes.
    above: usize,
    /// The text of resources one model is built from: a model holds some 60 times its text.
    resources_per_model: usize,
}

/// [`map_to_config`], streaming as `streaming` says.
fn map_streaming(
    model: &mut Model,
    root: &Path,
    configuration: Option<&ModuleConfig>,
    streaming: Streaming,
) -> Vec<SourceFile> {
    let mut dirs: FxHashMap<String, Option<PathBuf>> = FxHashMap::default();
    let mut waiting: BTreeMap<PathBuf, Waiting> = BTreeMap::new();
    let mut dir_of = |address: &str| -> Option<(PathBuf, String)> {
        let (prefix, relative) = split_module(address);
        let dir = dirs
            .entry(prefix.to_string())
            .or_insert_with(|| module_dir(root, configuration, prefix))
            .clone()?;
        Some((dir, relative.to_string()))
    };
    // Each item, its position, its address and (for an attachment) its attribute.
    let groups = (model.groups.iter().enumerate()).map(|(i, g)| (Item::Group, i, &g.address, None));
    let attachments = (model.attachments.iter().enumerate())
        .map(|(i, a)| (Item::Attachment, i, &a.address, Some(&a.attribute)));
    let rules = (model.rules.iter().enumerate()).map(|(i, r)| (Item::Rule, i, &r.address, None));
    for (item, i, address, attribute) in groups.chain(attachments).chain(rules) {
        if let Some((dir, relative)) = dir_of(address) {
            let key = match attribute {
                Some(attribute) => attachment_key(attribute, &relative),
                None => relative,
            };
            waiting.entry(dir).or_default().add(item, key, i);
        }
    }
    let mut loader = Loader {
        inside: files::real_dir(root),
        sources: Vec::new(),
        streaming,
    };
    for (dir, mut waiting) in waiting {
        loader.each_model(&dir, |tf| waiting.relocate(model, tf));
    }
    loader.sources
}

/// What a plan's item is, to [`Waiting`].
#[derive(Clone, Copy)]
enum Item {
    Group,
    Attachment,
    Rule,
}

/// The plan's items of one module directory not yet found in its `.tf` model: for each address
/// without instance keys (a resource block's `type.name`), their positions in the plan's model
/// with the address each is looked up by. A resource block is modelled whole in one part of the
/// directory (see [`Loader::each_model`]), so an item is settled by the first part that models
/// its block, whether or not the `.tf` has its instance.
#[derive(Default)]
struct Waiting {
    groups: FxHashMap<String, Vec<(usize, String)>>,
    attachments: FxHashMap<String, Vec<(usize, String)>>,
    rules: FxHashMap<String, Vec<(usize, String)>>,
}

impl Waiting {
    /// Adds the item at `position` of its kind, looked up by `address` (relative to its module).
    fn add(&mut self, item: Item, address: String, position: usize) {
        let map = match item {
            Item::Group => &mut self.groups,
            Item::Attachment => &mut self.attachments,
            Item::Rule => &mut self.rules,
        };
        map.entry(without_keys(&address))
            .or_default()
            .push((position, address));
    }

    /// Points the items whose blocks `tf` models at them: in time proportional to `tf`, however
    /// many items wait.
    fn relocate(&mut self, model: &mut Model, tf: &Indexed) {
        for block in tf.groups.unkeyed.keys() {
            for (i, relative) in self.groups.remove(block).into_iter().flatten() {
                if let Some(found) = tf.groups.get(&relative) {
                    relocate_group(&mut model.groups[i], &tf.model.groups[found]);
                }
            }
        }
        for block in tf.attachments.unkeyed.keys() {
            for (i, key) in self.attachments.remove(block).into_iter().flatten() {
                if let Some(found) = tf.attachments.get(&key) {
                    model.attachments[i].groups.span = tf.model.attachments[found].groups.span;
                }
            }
        }
        // An inline rule's address is its group's; a standalone rule's is its own.
        let blocks = tf.groups.unkeyed.keys().chain(tf.rules.unkeyed.keys());
        for block in blocks {
            for (i, relative) in self.rules.remove(block).into_iter().flatten() {
                let rule = &mut model.rules[i];
                let found = match rule.origin {
                    RuleOrigin::Inline | RuleOrigin::Dynamic => {
                        inline_counterpart(tf, rule, &relative)
                    }
                    _ => tf.rules.get(&relative).map(|i| &tf.model.rules[i]),
                };
                if let Some(found) = found {
                    let prefix = rule.address[..rule.address.len() - relative.len()].to_string();
                    relocate_rule(rule, found, prefix.trim_end_matches('.'));
                } else if let Some(group) = tf.groups.get(&relative) {
                    relocate_to(rule, tf.model.groups[group].header);
                }
            }
        }
    }
}

/// Splits an absolute address into its module instance prefix and the resource address.
fn split_module(address: &str) -> (&str, &str) {
    match module_segments(address).last() {
        Some(&(_, prefix)) => (prefix, address[prefix.len()..].trim_start_matches('.')),
        None => ("", address),
    }
}

/// The directory of a module instance: the root, then each call's local `source` (as written:
/// `a/../b` is `b`; whether it stays inside the root is checked on its real path).
fn module_dir(root: &Path, configuration: Option<&ModuleConfig>, prefix: &str) -> Option<PathBuf> {
    let mut dir = root.to_path_buf();
    let mut module = configuration;
    for (name, _) in module_segments(prefix) {
        let call = module?.calls.get(name)?;
        dir = crate::tree::local_target(&dir, call.source.as_deref()?)?;
        module = call.module.as_ref();
    }
    Some(dir)
}

/// Reads and models the `.tf` files of module directories.
struct Loader {
    /// The real path of the configuration's root: no file outside it is read, whatever a
    /// module's `source` or a link says (a plan is input, and so are the links in its tree).
    inside: PathBuf,
    sources: Vec<SourceFile>,
    streaming: Streaming,
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
    inline: FxHashMap<(String, Direction), Vec<usize>>,
}

impl Indexed {
    fn new(model: Model) -> Indexed {
        let mut inline: FxHashMap<(String, Direction), Vec<usize>> = Default::default();
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
    exact: FxHashMap<String, usize>,
    unkeyed: FxHashMap<String, usize>,
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
    /// Calls `f` with the model of `dir`'s `.tf` files, when it has any. A directory of more
    /// than `streaming.above` bytes with no override file is modelled in parts, each with every
    /// declaration but only some `resource` blocks, so a plan's configuration of many megabytes
    /// never holds every resource's tree at once (an override merges into a resource of any part:
    /// a directory with one is modelled whole). A reference to a resource of another part reads
    /// its `id` when it has neither `count` nor `for_each`, and is unknown otherwise; that changes
    /// no span the plan takes, except which of a group's inline blocks an inline rule is matched
    /// to when they differ only in what such a reference gives.
    fn each_model(&mut self, dir: &Path, mut f: impl FnMut(&Indexed)) {
        let Some(files) = self.config_files(dir) else {
            return;
        };
        let size: u64 = (files.iter())
            .map(|file| std::fs::metadata(&file.path).map_or(0, |m| m.len()))
            .sum();
        let overrides = (files.iter()).any(|file| is_override_name(&parse::file_name(&file.path)));
        if overrides || size <= self.streaming.above as u64 {
            let outcomes = parse::read_and_parse_module(&files);
            let parsed = self.keep(outcomes.into_iter().map(|outcome| (outcome, Vec::new())));
            f(&Indexed::new(model::build(&ModuleIndex::new(
                &parsed.files,
            ))));
            return;
        }
        let parsed = self.keep(parse::read_module_streaming(&files));
        let declared: FxHashMap<String, bool> = (parsed.resources.iter())
            .flat_map(|(_, streamed)| &streamed.declared)
            .map(|resource| (resource.address.clone(), resource.repeated))
            .collect();
        let chunks = chunks(&parsed.resources, self.streaming.resources_per_model);
        for (n, chunk) in chunks.into_iter().enumerate() {
            let extra: Vec<ParsedFile> = chunk
                .par_iter()
                .filter_map(|(file, streamed)| {
                    let file = &parsed.files[*file];
                    let text = self.sources[file.id - 1].text.as_deref()?;
                    let part = parse::parse_resources(text, streamed.range.clone())?;
                    Some(ParsedFile {
                        id: file.id,
                        kind: file.kind,
                        name: file.name.clone(),
                        parts: Some(vec![part]),
                    })
                })
                .collect();
            let mut index = ModuleIndex::with_parts(&parsed.files, &extra);
            index.declared_elsewhere = Some(&declared);
            if n > 0 {
                // The resources of files parsed whole are modelled with the first chunk.
                let parts: rustc_hash::FxHashSet<(FileId, usize)> = (extra.iter())
                    .flat_map(|e| e.parts.iter().flatten().map(|p| (e.id, p.offset)))
                    .collect();
                index.model_only(|decl| parts.contains(&(decl.base.file, decl.base.offset)));
            }
            f(&Indexed::new(model::build(&index)));
        }
    }

    /// The `.tf` files of `dir` that may be read, in path order; `None` when there are none.
    fn config_files(&self, dir: &Path) -> Option<Vec<DiscoveredFile>> {
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
        let files = files.into_iter().map(|path| DiscoveredFile {
            path,
            kind: FileKind::Config,
            reported: true,
        });
        Some(files.collect())
    }

    /// Keeps the sources of the files read, numbering them after those kept before.
    fn keep(
        &mut self,
        outcomes: impl IntoIterator<Item = (ReadOutcome, Vec<StreamedResources>)>,
    ) -> ReadModule {
        let mut read = ReadModule::default();
        for (outcome, streamed) in outcomes {
            if let ReadOutcome::Read { source, parts, .. } = outcome {
                let id: FileId = 1 + self.sources.len();
                let name = parse::file_name(&source.path);
                self.sources.push(source);
                let position = read.files.len();
                read.resources
                    .extend(streamed.into_iter().map(|resources| (position, resources)));
                read.files.push(ParsedFile {
                    id,
                    kind: FileKind::Config,
                    name,
                    parts,
                });
            }
        }
        read
    }
}

/// A directory's files as read: their parts, and the resources left to parse again (with the
/// position of their file in `files`).
#[derive(Default)]
struct ReadModule {
    files: Vec<ParsedFile>,
    resources: Vec<(usize, StreamedResources)>,
}

/// `resources` in runs of about `bytes_per_run` bytes; one empty run when there are none, so a
/// directory is modelled at least once.
fn chunks(
    resources: &[(usize, StreamedResources)],
    bytes_per_run: usize,
) -> Vec<&[(usize, StreamedResources)]> {
    let mut runs = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (_, streamed)) in resources.iter().enumerate() {
        bytes += streamed.range.len();
        if bytes >= bytes_per_run {
            runs.push(&resources[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < resources.len() || runs.is_empty() {
        runs.push(&resources[start..]);
    }
    runs
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

/// Points `rule`'s spans at those of `tf`, the same rule in the `.tf` files of the module
/// instance `module` (`""` for the root module).
fn relocate_rule(rule: &mut SgRule, tf: &SgRule, module: &str) {
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
            .find(|s| same_source(&source.value, &s.value, module))
            .map_or(tf.header, |s| s.span);
    }
}

/// Whether a plan's source is the source `tf` of a module instance's `.tf` files: the groups of a
/// module are named there by addresses relative to it, in the plan by absolute ones.
fn same_source(plan: &RuleSource, tf: &RuleSource, module: &str) -> bool {
    let within = |plan: &str, tf: &str| {
        let relative = plan.strip_prefix(module).and_then(|r| r.strip_prefix('.'));
        plan == tf || relative == Some(tf)
    };
    match (plan, tf) {
        (RuleSource::Group(GroupRef::Internal(p)), RuleSource::Group(GroupRef::Internal(t)))
        | (
            RuleSource::Group(GroupRef::VpcDefault(p)),
            RuleSource::Group(GroupRef::VpcDefault(t)),
        ) => within(p, t),
        _ => plan == tf,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{read_document, resources};

    /// Every directory read at once.
    const WHOLE: Streaming = Streaming {
        above: usize::MAX,
        resources_per_model: usize::MAX,
    };

    /// Every directory read a part at a time, each part modelled on its own.
    const STREAMED: Streaming = Streaming {
        above: 0,
        resources_per_model: 0,
    };

    /// The plan's model with its spans mapped to the `.tf` files in `dir`, streaming as told.
    fn mapped(dir: &Path, streaming: Streaming) -> (Model, Vec<String>) {
        let text = std::fs::read_to_string(dir.join("plan.json")).unwrap();
        let mut doc = read_document(&text).unwrap();
        let origin = resources::Origin {
            text: &text,
            file: crate::plan::PLAN_FILE,
        };
        let (resources, _) = resources::read(&mut doc, &origin, false);
        let (mut model, config) = resources.model();
        let sources = map_streaming(&mut model, dir, config.as_ref().map(|c| &c.root), streaming);
        let paths = sources.iter().map(|s| s.path.display().to_string());
        (model, paths.collect())
    }

    /// Copies the tree `from` into `to`, with `locals {}` before each `resource` of a `.tf` file.
    fn copy_splitting_resources(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let (path, target) = (entry.path(), to.join(entry.file_name()));
            if path.is_dir() {
                std::fs::create_dir(&target).unwrap();
                copy_splitting_resources(&path, &target);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = if path.extension().is_some_and(|e| e == "tf") {
                text.replace("\nresource \"", "\nlocals {}\nresource \"")
            } else {
                text
            };
            std::fs::write(target, text).unwrap();
        }
    }

    /// Every plan fixture with `.tf` files maps to the same places whether its directory is read
    /// at once or a resource at a time: a small `locals` block before each `resource` (written
    /// into a copy) makes every resource a part of its own.
    #[test]
    fn streamed_directories_map_like_whole_ones() {
        let mut compared = 0;
        for fixture in std::fs::read_dir("testdata/plans").unwrap().flatten() {
            let fixture = fixture.path();
            if !fixture.join("plan.json").is_file() || !fixture.join("main.tf").is_file() {
                continue;
            }
            let copy = tempfile::tempdir().unwrap();
            copy_splitting_resources(&fixture, copy.path());
            let (expected, files) = mapped(copy.path(), WHOLE);
            let (actual, streamed_files) = mapped(copy.path(), STREAMED);
            assert_eq!(files, streamed_files, "{}", fixture.display());
            assert_eq!(
                format!("{expected:#?}"),
                format!("{actual:#?}"),
                "{}",
                fixture.display()
            );
            compared += 1;
        }
        assert!(compared >= 10, "only {compared} fixtures compared");
    }

    /// A module's groups (one with `count`), inline and standalone rules that refer to groups of
    /// other parts, and an instance's attachment map to the module's file when it is read a
    /// resource at a time, to the same places as when it is read whole.
    #[test]
    fn streamed_modules_map_like_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        let module = "resource \"aws_security_group\" \"lb\" {
  name        = \"lb\"
  description = \"load balancers\"
}
locals {}
resource \"aws_security_group\" \"app\" {
  count       = 1
  name        = \"app\"
  description = \"application servers\"
  ingress {
    description     = \"https from the load balancers\"
    from_port       = 443
    to_port         = 443
    protocol        = \"tcp\"
    security_groups = [aws_security_group.lb.id]
  }
}
locals {}
resource \"aws_security_group_rule\" \"lb_to_app\" {
  type                     = \"egress\"
  description              = \"https to the application\"
  security_group_id        = aws_security_group.lb.id
  source_security_group_id = aws_security_group.db.id
  from_port                = 443
  to_port                  = 443
  protocol                 = \"tcp\"
}
locals {}
resource \"aws_instance\" \"web\" {
  vpc_security_group_ids = [aws_security_group.lb.id]
}
locals {}
resource \"aws_security_group\" \"db\" {
  name        = \"db\"
  description = \"databases\"
}
";
        std::fs::create_dir_all(dir.path().join("modules/sg")).unwrap();
        std::fs::write(dir.path().join("modules/sg/main.tf"), module).unwrap();
        std::fs::write(
            dir.path().join("main.tf"),
            "module \"m\" {\n  source = \"./modules/sg\"\n}\n",
        )
        .unwrap();
        let group = |address: &str, name: &str, description: &str, ingress| {
            serde_json::json!({
                "address": format!("module.m.{address}"), "module_address": "module.m",
                "mode": "managed", "type": "aws_security_group", "name": name,
                "change": { "actions": ["create"], "after_unknown": { "id": true }, "after": {
                    "name": name, "description": description, "egress": [], "tags": null,
                    "ingress": ingress } }
            })
        };
        let https = serde_json::json!([{ "description": "https from the load balancers",
            "from_port": 443, "to_port": 443, "protocol": "tcp", "self": false,
            "cidr_blocks": [], "ipv6_cidr_blocks": [], "prefix_list_ids": [],
            "security_groups": [] }]);
        let plan = serde_json::json!({
            "format_version": "1.2",
            "resource_changes": [
                group("aws_security_group.lb", "lb", "load balancers", serde_json::json!([])),
                group("aws_security_group.app[0]", "app", "application servers", https),
                group("aws_security_group.db", "db", "databases", serde_json::json!([])),
                { "address": "module.m.aws_security_group_rule.lb_to_app",
                  "module_address": "module.m", "mode": "managed",
                  "type": "aws_security_group_rule", "name": "lb_to_app",
                  "change": { "actions": ["create"], "after_unknown": { "id": true,
                      "security_group_id": true, "source_security_group_id": true },
                    "after": { "type": "egress", "description": "https to the application",
                      "from_port": 443, "to_port": 443, "protocol": "tcp", "self": false } } },
                { "address": "module.m.aws_instance.web", "module_address": "module.m",
                  "mode": "managed", "type": "aws_instance", "name": "web",
                  "change": { "actions": ["create"],
                    "after_unknown": { "id": true },
                    "after": { "vpc_security_group_ids": ["sg-0123456789abcdef0"] } } }
            ],
            "configuration": { "root_module": { "module_calls": { "m": {
                "source": "./modules/sg", "module": { "resources": [
                    { "address": "aws_security_group.app", "mode": "managed",
                      "type": "aws_security_group", "name": "app", "expressions": {
                        "ingress": { "references": ["aws_security_group.lb.id",
                            "aws_security_group.lb"] } } },
                    { "address": "aws_security_group_rule.lb_to_app", "mode": "managed",
                      "type": "aws_security_group_rule", "name": "lb_to_app", "expressions": {
                        "security_group_id": { "references": ["aws_security_group.lb.id",
                            "aws_security_group.lb"] },
                        "source_security_group_id": { "references": [
                            "aws_security_group.db.id", "aws_security_group.db"] } } },
                    { "address": "aws_instance.web", "mode": "managed", "type": "aws_instance",
                      "name": "web", "expressions": { "vpc_security_group_ids": {
                        "references": ["aws_security_group.lb.id", "aws_security_group.lb"] } } }
                ] } } } } }
        });
        std::fs::write(dir.path().join("plan.json"), plan.to_string()).unwrap();
        let (expected, _) = mapped(dir.path(), WHOLE);
        let (actual, files) = mapped(dir.path(), STREAMED);
        assert_eq!(format!("{expected:#?}"), format!("{actual:#?}"));
        assert!(
            files.iter().any(|f| f.ends_with("modules/sg/main.tf")),
            "{files:?}"
        );
        let line_of = |span: Span| module[..span.start].matches('\n').count() + 1;
        let rule = (actual.rules.iter())
            .find(|r| r.address.ends_with("lb_to_app"))
            .unwrap();
        assert_eq!(line_of(rule.header), 19, "{rule:#?}");
        let sources: Vec<usize> = rule.sources.iter().map(|s| line_of(s.span)).collect();
        assert_eq!(sources, [23], "{rule:#?}");
        let inline = (actual.rules.iter())
            .find(|r| r.address.ends_with("app[0]"))
            .unwrap();
        assert_eq!(line_of(inline.header), 10, "{inline:#?}");
        let attachment = &actual.attachments[0];
        assert_eq!(line_of(attachment.groups.span), 30, "{attachment:#?}");
    }
}
