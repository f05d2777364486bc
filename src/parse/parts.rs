//! A file's syntax in parts: its top-level items, grouped and parsed each on its own (in
//! parallel for a large file), so that the declarations of a large module need not all be held
//! as syntax trees. hcl-edit's tree of a block takes 30 to 80 times the block's text; a module of
//! thousands of `locals` or `variable` blocks would otherwise hold hundreds of megabytes for
//! values that nothing reads.

use super::{parse_like_terraform, split};
use crate::discover::FileKind;
use hcl_edit::expr::{Expression, Traversal, TraversalOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::visit::{Visit, visit_traversal};
use rayon::prelude::*;
use std::ops::Range;
use std::sync::OnceLock;

/// Consecutive items of one kind are parsed together up to this many bytes (an item longer than
/// this is a part of its own): large enough that parsing a part costs far more than setting it up,
/// small enough that parts parsed at once (one per thread) and a part parsed on demand are cheap
/// to hold.
const PART_BYTES: usize = 16 * 1024;

/// One or more consecutive top-level items of a file and their syntax tree.
#[derive(Debug)]
pub struct Part {
    /// Where the part starts in the parsed text: the spans of its tree are relative to it.
    pub offset: usize,
    tree: OnceLock<Option<Body>>,
    /// For a part whose tree is parsed when first used: its text and what it declares.
    deferred: Option<Box<Deferred>>,
}

/// What a part parsed on first use declares, found when the file was parsed.
#[derive(Debug)]
struct Deferred {
    text: Box<str>,
    declares: Declares,
    /// Each name, with the place in the part's tree of what declares it.
    names: Vec<(Box<str>, Position)>,
    /// `aws_security_group.<name>` for each group the part's expressions refer to.
    group_references: Vec<Box<str>>,
}

/// What the items of a deferred part declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declares {
    /// Local values (`locals` blocks): each name's expression.
    Locals,
    /// Input variables (`variable` blocks): each name's `default` and `type`.
    Variables,
    /// Variable values (a tfvars file's attributes).
    Values,
}

/// Where a declaration is in a part's tree: the index of its top-level structure, and of the
/// attribute in that block's body (for a local value) or which attributes it writes (for a
/// variable: [`Position::writes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    structure: u32,
    attribute: u32,
}

/// The attributes of a variable's block that [`Part::declared`] reads, as flags of
/// [`Position::attribute`].
const VARIABLE_ATTRIBUTES: [&str; 2] = ["default", "type"];

impl Position {
    /// Whether the variable declared here writes `attribute` (`default` or `type`).
    pub fn writes(self, attribute: &str) -> bool {
        VARIABLE_ATTRIBUTES
            .iter()
            .position(|a| *a == attribute)
            .is_some_and(|bit| self.attribute & (1 << bit) != 0)
    }
}

impl Part {
    fn parsed(offset: usize, body: Body) -> Part {
        Part {
            offset,
            tree: OnceLock::from(Some(body)),
            deferred: None,
        }
    }

    /// The part's tree when it was kept from the file's parse (not deferred).
    pub fn body(&self) -> Option<&Body> {
        match self.deferred {
            None => self.tree.get().and_then(Option::as_ref),
            Some(_) => None,
        }
    }

    /// What a deferred part declares, or `None` for a part whose tree was kept.
    pub fn declares(&self) -> Option<Declares> {
        self.deferred.as_ref().map(|d| d.declares)
    }

    /// The names a deferred part declares and where.
    pub fn names(&self) -> impl Iterator<Item = (&str, Position)> {
        self.deferred
            .iter()
            .flat_map(|d| d.names.iter().map(|(name, at)| (&**name, *at)))
    }

    /// The groups a deferred part's expressions refer to.
    pub fn group_references(&self) -> impl Iterator<Item = &str> {
        self.deferred
            .iter()
            .flat_map(|d| d.group_references.iter().map(|r| &**r))
    }

    /// The tree of a deferred part, parsed the first time it is asked for and then kept.
    fn deferred_body(&self) -> Option<&Body> {
        let deferred = self.deferred.as_ref()?;
        self.tree
            .get_or_init(|| parse_like_terraform(&deferred.text).ok())
            .as_ref()
    }

    /// Runs `f` on a deferred part's tree: the one kept if it was parsed already, else one parsed
    /// for `f` alone and dropped after it, so that reading every declaration once does not keep
    /// every tree.
    pub fn with_tree<R>(&self, f: impl FnOnce(&Body) -> R) -> Option<R> {
        let deferred = self.deferred.as_ref()?;
        match self.tree.get() {
            Some(tree) => tree.as_ref().map(f),
            None => parse_like_terraform(&deferred.text)
                .ok()
                .map(|tree| f(&tree)),
        }
    }

    /// The expression declared at `at` in a deferred part: a local's value, a tfvars value, or
    /// the attribute `attribute` (`default`, `type`) of a variable.
    pub fn declared(&self, at: Position, attribute: &str) -> Option<&Expression> {
        self.declared_in(self.deferred_body()?, at, attribute)
    }

    /// [`Part::declared`] in `tree`, the part's tree (see [`Part::with_tree`]).
    pub fn declared_in<'t>(
        &self,
        tree: &'t Body,
        at: Position,
        attribute: &str,
    ) -> Option<&'t Expression> {
        let structure = tree.get(at.structure as usize)?;
        let attr = match (self.declares()?, structure) {
            (Declares::Locals, Structure::Block(block)) => {
                block.body.get(at.attribute as usize)?.as_attribute()?
            }
            (Declares::Variables, Structure::Block(block)) => {
                block.body.get_attribute(attribute)?
            }
            (Declares::Values, Structure::Attribute(attr)) => attr,
            _ => return None,
        };
        Some(&attr.value)
    }
}

/// The kind of a top-level item, from its first word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Kept,
    Deferred(Declares),
    /// A `resource` block left unparsed, for [`parse_streaming`].
    Streamed,
}

/// How a file's items are parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    KeepAll,
    DeferDeclarations,
    /// Declarations deferred, and resources left for the caller to parse a few at a time.
    StreamResources,
}

fn item_kind(text: &str, file: FileKind, mode: Mode) -> ItemKind {
    if mode == Mode::KeepAll {
        return ItemKind::Kept;
    }
    if file == FileKind::Tfvars {
        return ItemKind::Deferred(Declares::Values);
    }
    let word = first_word(text);
    match word {
        "locals" => ItemKind::Deferred(Declares::Locals),
        "variable" => ItemKind::Deferred(Declares::Variables),
        "resource" if mode == Mode::StreamResources => ItemKind::Streamed,
        _ => ItemKind::Kept,
    }
}

/// The first word of an item, after the comments and blank lines before it.
fn first_word(text: &str) -> &str {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') || rest.starts_with("//") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(comment) = rest.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Parses `text` in parts. With `defer`, the `locals` and `variable` blocks of a configuration
/// file and the values of a tfvars file are not kept as trees, only what they declare: each is
/// parsed again when first used. When any part fails to parse, or the parts together would not
/// be what the whole text is (a top-level attribute repeated across parts), the text is parsed
/// whole, so that what is kept, and any error, is exactly the parser's.
pub fn parse_parts(
    text: &str,
    file: FileKind,
    defer: bool,
) -> Result<Vec<Part>, hcl_edit::parser::Error> {
    let mode = if defer {
        Mode::DeferDeclarations
    } else {
        Mode::KeepAll
    };
    parse_in_parts_of(text, file, mode, PART_BYTES).map(|(parts, _)| parts)
}

/// Parses a configuration file as [`parse_parts`] does with `defer`, except its `resource`
/// blocks: their ranges are returned, in groups of up to about 16 KB, for the caller to parse
/// with [`parse_resources`] a few at a time and drop (the plan's configuration is read so, to
/// find where each planned resource is written without holding every resource's tree).
pub fn parse_streaming(
    text: &str,
) -> Result<(Vec<Part>, Vec<StreamedResources>), hcl_edit::parser::Error> {
    parse_in_parts_of(text, FileKind::Config, Mode::StreamResources, PART_BYTES)
}

/// Consecutive `resource` blocks [`parse_streaming`] parsed, noted and dropped.
#[derive(Debug)]
pub struct StreamedResources {
    /// Where they are in the file's text.
    pub range: Range<usize>,
    pub declared: Vec<DeclaredResource>,
}

/// A `resource` block, as its address and whether it makes several instances.
#[derive(Debug)]
pub struct DeclaredResource {
    /// `type.name`.
    pub address: String,
    /// Whether it writes `count` or `for_each`.
    pub repeated: bool,
}

fn streamed_resources(text: &str, range: Range<usize>) -> Option<StreamedResources> {
    let body = parse_like_terraform(&text[range.clone()]).ok()?;
    let declared = body.blocks().filter_map(|block| {
        let [kind, name] = &block.labels[..] else {
            return None;
        };
        let writes = |name| block.body.get_attribute(name).is_some();
        Some(DeclaredResource {
            address: format!("{}.{}", kind.as_str(), name.as_str()),
            repeated: writes("count") || writes("for_each"),
        })
    });
    Some(StreamedResources {
        declared: declared.collect(),
        range,
    })
}

/// Parses resources [`parse_streaming`] left in `range` of `text`.
pub fn parse_resources(text: &str, range: Range<usize>) -> Option<Part> {
    parse_part(text, range, ItemKind::Kept)
}

/// [`parse_parts`], joining items into parts of up to `part_bytes`; streamed items are returned
/// as what they declare.
fn parse_in_parts_of(
    text: &str,
    file: FileKind,
    mode: Mode,
    part_bytes: usize,
) -> Result<(Vec<Part>, Vec<StreamedResources>), hcl_edit::parser::Error> {
    let whole = || parse_like_terraform(text).map(|body| (vec![Part::parsed(0, body)], Vec::new()));
    // Its items would make one part: the scan would find nothing to split.
    if mode == Mode::KeepAll && text.len() <= part_bytes {
        return whole();
    }
    let Some(items) = split::top_level_items(text) else {
        return whole();
    };
    let (streamed, groups): (Vec<_>, Vec<_>) = group_items(text, items, file, mode, part_bytes)
        .into_iter()
        .partition(|(_, kind)| *kind == ItemKind::Streamed);
    let parts: Vec<Option<Part>> = if text.len() > PART_BYTES {
        groups
            .into_par_iter()
            .map(|(range, kind)| parse_part(text, range, kind))
            .collect()
    } else {
        groups
            .into_iter()
            .map(|(range, kind)| parse_part(text, range, kind))
            .collect()
    };
    let streamed: Option<Vec<StreamedResources>> = streamed
        .into_par_iter()
        .map(|(range, _)| streamed_resources(text, range))
        .collect();
    match (parts.into_iter().collect::<Option<Vec<Part>>>(), streamed) {
        (Some(parts), Some(streamed)) if !repeats_top_level_attribute(&parts) => {
            Ok((parts, streamed))
        }
        _ => whole(),
    }
}

/// Joins consecutive items of one kind into groups of up to `part_bytes`.
fn group_items(
    text: &str,
    items: Vec<Range<usize>>,
    file: FileKind,
    mode: Mode,
    part_bytes: usize,
) -> Vec<(Range<usize>, ItemKind)> {
    let mut groups: Vec<(Range<usize>, ItemKind)> = Vec::new();
    for item in items {
        let kind = item_kind(&text[item.clone()], file, mode);
        match groups.last_mut() {
            Some((range, last)) if *last == kind && item.end - range.start <= part_bytes => {
                range.end = item.end;
            }
            _ => groups.push((item, kind)),
        }
    }
    groups
}

fn parse_part(text: &str, range: Range<usize>, kind: ItemKind) -> Option<Part> {
    let part_text = &text[range.clone()];
    let body = parse_like_terraform(part_text).ok()?;
    let ItemKind::Deferred(declares) = kind else {
        return Some(Part::parsed(range.start, body));
    };
    match deferred(part_text, &body, declares) {
        Some(deferred) => Some(Part {
            offset: range.start,
            tree: OnceLock::new(),
            deferred: Some(Box::new(deferred)),
        }),
        // Something other than declarations of its kind: kept as parsed.
        None => Some(Part::parsed(range.start, body)),
    }
}

/// What a part of declarations declares, or `None` when it holds anything else.
fn deferred(text: &str, body: &Body, declares: Declares) -> Option<Deferred> {
    let mut names = Vec::new();
    let mut references = GroupReferences::default();
    for (i, structure) in body.iter().enumerate() {
        let structure_index = u32::try_from(i).ok()?;
        let at = |attribute: usize| {
            u32::try_from(attribute).ok().map(|attribute| Position {
                structure: structure_index,
                attribute,
            })
        };
        match (declares, structure) {
            (Declares::Locals, Structure::Block(block)) if block.ident.as_str() == "locals" => {
                references.visit_body(&block.body);
                for (j, inner) in block.body.iter().enumerate() {
                    let attr = inner.as_attribute()?;
                    names.push((attr.key.as_str().into(), at(j)?));
                }
            }
            (Declares::Variables, Structure::Block(block))
                if block.ident.as_str() == "variable" =>
            {
                // A variable's default cannot refer to a resource: nothing to look for.
                let name = block.labels.first()?;
                let writes = VARIABLE_ATTRIBUTES
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| block.body.has_attribute(a))
                    .fold(0, |flags, (bit, _)| flags | (1 << bit));
                names.push((name.as_str().into(), at(writes)?));
            }
            (Declares::Values, Structure::Attribute(attr)) => {
                names.push((attr.key.as_str().into(), at(0)?));
            }
            _ => return None,
        }
    }
    Some(Deferred {
        text: text.into(),
        declares,
        names,
        group_references: references
            .0
            .into_iter()
            .map(String::into_boxed_str)
            .collect(),
    })
}

/// Whether a top-level attribute is written in two parts (hcl-edit rejects a repeated attribute
/// in one body, as Terraform does: the whole text's parse then says so).
fn repeats_top_level_attribute(parts: &[Part]) -> bool {
    if parts.len() < 2 {
        return false;
    }
    let mut seen = rustc_hash::FxHashSet::default();
    for part in parts {
        let keys: Vec<&str> = match (part.body(), part.declares()) {
            (Some(body), _) => body.attributes().map(|a| a.key.as_str()).collect(),
            (None, Some(Declares::Values)) => part.names().map(|(name, _)| name).collect(),
            (None, _) => Vec::new(),
        };
        for key in keys {
            if !seen.insert(key) {
                return true;
            }
        }
    }
    false
}

/// Collects `aws_security_group.<name>` for each reference to a group in what it visits.
#[derive(Default)]
pub struct GroupReferences(pub rustc_hash::FxHashSet<String>);

impl Visit for GroupReferences {
    fn visit_traversal(&mut self, traversal: &Traversal) {
        if let Expression::Variable(root) = &traversal.expr
            && root.as_str() == "aws_security_group"
            && let Some(TraversalOperator::GetAttr(name)) =
                traversal.operators.first().map(|o| o.value())
        {
            self.0
                .insert(format!("aws_security_group.{}", name.as_str()));
        }
        visit_traversal(self, traversal);
    }
}

/// Parses `text` whole and item by item (each top-level item a part, deferring nothing) and says
/// where the two differ: for the `hcl` fuzz target and the tests, which check that splitting a
/// file changes nothing the parser sees. Both must fail, or both give the same nodes at the same
/// places.
pub fn parts_match_whole(text: &str) -> Result<(), String> {
    let whole = parse_like_terraform(text);
    let parts = parse_in_parts_of(text, FileKind::Config, Mode::KeepAll, 0).map(|(parts, _)| parts);
    match (whole, parts) {
        (Err(_), Err(_)) => Ok(()),
        (Ok(whole), Ok(parts)) => {
            let mut expected = NodeSpans::default();
            expected.visit_body(&whole);
            let mut found = NodeSpans::default();
            for part in &parts {
                found.offset = part.offset;
                found.visit_body(part.body().ok_or("a part was deferred")?);
            }
            let (expected, found) = (expected.nodes, found.nodes);
            match expected.iter().zip(&found).position(|(a, b)| a != b) {
                None if expected.len() == found.len() => Ok(()),
                at => Err(format!(
                    "the parts differ from the whole text at node {}: {:?} against {:?}",
                    at.unwrap_or(expected.len().min(found.len())),
                    at.map(|i| &expected[i]),
                    at.map(|i| &found[i]),
                )),
            }
        }
        (whole, parts) => Err(format!(
            "the whole text {} and its parts {}",
            if whole.is_ok() {
                "parses"
            } else {
                "does not parse"
            },
            if parts.is_ok() { "parse" } else { "do not" },
        )),
    }
}

/// The kind and place in the file of every block, attribute and expression visited.
#[derive(Default)]
struct NodeSpans {
    nodes: Vec<(&'static str, Option<Range<usize>>)>,
    /// Where the tree being visited starts in the file.
    offset: usize,
}

impl NodeSpans {
    fn push(&mut self, kind: &'static str, span: Option<Range<usize>>) {
        let offset = self.offset;
        self.nodes
            .push((kind, span.map(|r| r.start + offset..r.end + offset)));
    }
}

impl Visit for NodeSpans {
    fn visit_block(&mut self, node: &hcl_edit::structure::Block) {
        use hcl_edit::Span as _;
        self.push("block", node.span());
        hcl_edit::visit::visit_block(self, node);
    }

    fn visit_attr(&mut self, node: &hcl_edit::structure::Attribute) {
        use hcl_edit::Span as _;
        self.push("attribute", node.span());
        hcl_edit::visit::visit_attr(self, node);
    }

    fn visit_expr(&mut self, node: &Expression) {
        use hcl_edit::Span as _;
        self.push("expression", node.span());
        hcl_edit::visit::visit_expr(self, node);
    }
}

/// Whether `text` has `module` at the start of a line (after blanks) followed by a blank or a
/// quote: where a top-level `module` block (or a `"module"` key of Terraform's JSON syntax) can
/// begin. Most files have none, and are not split at all.
fn may_hold_module_block(text: &[u8]) -> bool {
    memchr::memmem::find_iter(text, b"module").any(|at| {
        let before = text[..at]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|&b| matches!(b, b' ' | b'\t' | b'"' | b'{' | b','));
        let after = text.get(at + b"module".len());
        before && matches!(after, Some(b' ' | b'\t' | b'"' | b'{'))
    })
}

/// The `source` of each `module` block of a configuration file's text (`.tf`, or `.tf.json`
/// with `json`), found without parsing the rest of the file: only the `module` blocks are
/// parsed, so that which directories call which is known before any module is parsed whole.
/// A file that does not split or parse gives what could be read of it (its error is reported
/// when it is parsed).
pub fn module_sources(text: &str, json: bool) -> Vec<String> {
    if !may_hold_module_block(text.as_bytes()) {
        return Vec::new();
    }
    if json {
        return match crate::tf_json::configuration(text) {
            Ok((hcl, _)) => module_sources(&hcl, false),
            Err(_) => Vec::new(),
        };
    }
    let Some(items) = split::top_level_items(text) else {
        return Vec::new();
    };
    let mut sources = Vec::new();
    for range in items {
        let item = &text[range];
        if first_word(item) != "module" {
            continue;
        }
        let Ok(body) = hcl_edit::parser::parse_body(item) else {
            continue;
        };
        sources.extend(
            body.get_blocks("module")
                .filter_map(|b| b.body.get_attribute("source"))
                .filter_map(|a| crate::eval::index::literal_string(&a.value))
                .map(str::to_string),
        );
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The `.tf` files under `dir`, when it exists.
    fn tf_files(dir: &Path, into: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                tf_files(&path, into);
            } else if path.extension().is_some_and(|e| e == "tf") {
                into.push(path);
            }
        }
    }

    fn texts() -> Vec<(PathBuf, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        tf_files(&root.join("testdata"), &mut paths);
        // Real repositories' files, when the shared corpus is there (see its README).
        tf_files(&root.join("../shared/corpus"), &mut paths);
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
            .collect()
    }

    #[test]
    fn every_file_parses_in_parts_as_it_parses_whole() {
        let texts = texts();
        assert!(
            texts.len() > 100,
            "the bundled test data alone has more files"
        );
        for (path, text) in &texts {
            if let Err(why) = parts_match_whole(text) {
                panic!("{}: {why}", path.display());
            }
        }
    }

    /// Edits of real files at random places with the bytes HCL's lexical structure turns on:
    /// whatever the scanner makes of them, the parts parse to what the whole text parses to.
    #[test]
    fn random_edits_never_make_the_parts_differ_from_the_whole() {
        let texts: Vec<String> = texts()
            .into_iter()
            .map(|(_, t)| t)
            .filter(|t| t.len() < 4096)
            .take(200)
            .collect();
        let inserts = [
            "\"",
            "{",
            "}",
            "[",
            "]",
            "(",
            ")",
            "${",
            "%{",
            "$${",
            "<<EOT\n",
            "\nEOT\n",
            "<<-X\n",
            "#",
            "//",
            "/*",
            "*/",
            "\\",
            "\n",
            "~}",
            "a = 1\n",
            "\nlocals {\n",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..2000 {
            let mut text = texts[next(texts.len())].clone();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                if next(3) == 0 && at < text.len() {
                    let mut end = at + 1;
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                } else {
                    text.insert_str(at, inserts[next(inserts.len())]);
                }
            }
            if let Err(why) = parts_match_whole(&text) {
                panic!("round {round}: {why}\n{text}");
            }
        }
    }

    fn large_module(blocks: usize) -> String {
        (0..blocks)
            .map(|i| {
                format!(
                    "locals {{\n  v{i} = {{ a = {i} }}\n}}\nvariable \"x{i}\" {{\n  default = {i}\n}}\nresource \"aws_security_group\" \"g{i}\" {{\n  name = local.v{i}\n}}\n"
                )
            })
            .collect()
    }

    #[test]
    fn deferred_parts_keep_only_what_they_declare() {
        let text = large_module(2000);
        let parts = parse_parts(&text, FileKind::Config, true).unwrap();
        assert!(parts.len() > 3, "a large file is parsed in parts");
        let deferred: Vec<&Part> = parts.iter().filter(|p| p.declares().is_some()).collect();
        // Resources are kept; each locals and variable block is a deferred part of its own kind,
        // as the items alternate.
        assert_eq!(deferred.len(), 4000);
        assert!(deferred.iter().all(|p| p.tree.get().is_none()));
        let local = deferred[0];
        let (name, at) = local.names().next().unwrap();
        assert_eq!((name, local.declares()), ("v0", Some(Declares::Locals)));
        let expr = local.declared(at, "").unwrap();
        assert_eq!(expr.to_string().trim(), "{ a = 0 }");
        let variable = deferred[1];
        let (name, at) = variable.names().next().unwrap();
        assert_eq!(name, "x0");
        assert!(at.writes("default") && !at.writes("type"));
        assert_eq!(
            variable.declared(at, "default").unwrap().to_string().trim(),
            "0"
        );
        // The expression's span is relative to its part.
        let span = hcl_edit::Span::span(expr).unwrap();
        assert_eq!(
            &text[local.offset + span.start..local.offset + span.end],
            "{ a = 0 }"
        );
    }

    #[test]
    fn a_top_level_attribute_repeated_across_parts_is_the_parsers_error() {
        let filler: String = (0..2000).map(|i| format!("v{i} = {i}\n")).collect();
        let text = format!("a = 1\n{filler}a = 2\n");
        assert!(parse_like_terraform(&text).is_err());
        assert!(parse_parts(&text, FileKind::Tfvars, true).is_err());
        assert!(parse_parts(&text, FileKind::Tfvars, false).is_err());
    }
}
