//! The declarations of one module directory: locals, variables, tfvars values and resources.

use crate::discover::FileKind;
use crate::parse::{Declares, ParsedFile, Part, Position};
use crate::source::TreeBase;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Attribute, Block, Body};
use rustc_hash::FxHashMap as HashMap;

/// A `resource` block, with the blocks of override files merged into it as Terraform merges
/// them (`internal/configs/module_merge_body.go`): an attribute an override writes replaces the
/// attribute of that name, and nested blocks of a type an override writes (`ingress`, or
/// `dynamic "ingress"`) replace every block of that type. A later override wins over an earlier
/// one. An override's attribute and its nested blocks of the same name replace each other too, so
/// `ingress = []` in an override removes the original's `ingress` blocks.
#[derive(Debug, Clone)]
pub struct ResourceDecl<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    /// The block in a configuration file that is not an override file: where findings about the
    /// resource point.
    pub block: &'a Block,
    pub base: TreeBase,
    /// The bodies of the override blocks, in the order Terraform merges them.
    overrides: Vec<(TreeBase, &'a Body)>,
    /// For each attribute or nested-block type an override writes, the override that wins
    /// (counted from 1; the original block, 0, wins every name not here).
    winners: HashMap<&'a str, usize>,
}

/// The name a nested block is overridden by: its type, or the type a `dynamic` block makes.
fn block_type(block: &Block) -> &str {
    match (block.ident.as_str(), block.labels.first()) {
        ("dynamic", Some(label)) => label.as_str(),
        (ident, _) => ident,
    }
}

impl<'a> ResourceDecl<'a> {
    /// `type.name`.
    pub fn address(&self) -> String {
        format!("{}.{}", self.kind, self.name)
    }

    /// The bodies that make up the merged resource, the original first, with their files.
    fn layers(&self) -> impl Iterator<Item = (usize, TreeBase, &'a Body)> + '_ {
        std::iter::once((self.base, &self.block.body))
            .chain(self.overrides.iter().copied())
            .enumerate()
            .map(|(i, (base, body))| (i, base, body))
    }

    fn winner(&self, name: &str) -> usize {
        if self.winners.is_empty() {
            return 0;
        }
        self.winners.get(name).copied().unwrap_or(0)
    }

    /// The merged attribute `name` and the tree it is written in.
    pub fn attribute(&self, name: &str) -> Option<(TreeBase, &'a Attribute)> {
        match self.winner(name) {
            0 => self.block.body.get_attribute(name).map(|a| (self.base, a)),
            i => {
                let (base, body) = self.overrides[i - 1];
                body.get_attribute(name).map(|a| (base, a))
            }
        }
    }

    /// Whether the merged resource writes the attribute `name`.
    pub fn has_attribute(&self, name: &str) -> bool {
        self.attribute(name).is_some()
    }

    /// The attributes of the merged resource, each name once, with their trees.
    pub fn attributes(&self) -> impl Iterator<Item = (TreeBase, &'a Attribute)> + '_ {
        self.layers().flat_map(move |(i, base, body)| {
            body.attributes()
                .filter(move |a| self.winner(a.key.as_str()) == i)
                .map(move |a| (base, a))
        })
    }

    /// The nested blocks of the merged resource, with their trees.
    pub fn blocks(&self) -> impl Iterator<Item = (TreeBase, &'a Block)> + '_ {
        self.layers().flat_map(move |(i, base, body)| {
            body.blocks()
                .filter(move |b| self.winner(block_type(b)) == i)
                .map(move |b| (base, b))
        })
    }

    /// Merges the body of an override block into the resource.
    fn merge(&mut self, base: TreeBase, body: &'a Body) {
        self.overrides.push((base, body));
        let layer = self.overrides.len();
        let names = body.attributes().map(|a| a.key.as_str());
        for name in names.chain(body.blocks().map(block_type)) {
            self.winners.insert(name, layer);
        }
    }
}

/// A declared expression and the tree it is written in.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    pub base: TreeBase,
    expr: Declared<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Declared<'a> {
    Parsed(&'a Expression),
    /// In a part of a file parsed on first use: the declaration's place in it, and the attribute
    /// of a variable's block.
    Deferred(&'a Part, Position, &'static str),
}

impl<'a> Written<'a> {
    fn parsed(base: TreeBase, expr: &'a Expression) -> Self {
        Written {
            base,
            expr: Declared::Parsed(expr),
        }
    }

    /// Whether this is the declaration at `at` of the deferred part `part`.
    pub fn is_at(&self, part: &Part, at: Position) -> bool {
        matches!(self.expr, Declared::Deferred(p, a, _) if std::ptr::eq(p, part) && a == at)
    }

    /// Whether the expression is in a deferred part.
    pub fn is_deferred(&self) -> bool {
        matches!(self.expr, Declared::Deferred(..))
    }

    /// The expression (parsing its part when it was deferred); `None` for a variable's
    /// `default` or `type` that its block does not write.
    pub fn expr(&self) -> Option<&'a Expression> {
        match self.expr {
            Declared::Parsed(expr) => Some(expr),
            Declared::Deferred(part, at, attribute) => part.declared(at, attribute),
        }
    }
}

/// A `module` block: a call of another module.
#[derive(Debug, Clone, Copy)]
pub struct ModuleCall<'a> {
    pub name: &'a str,
    pub block: &'a Block,
    pub base: TreeBase,
}

impl<'a> ModuleCall<'a> {
    /// The call's `source`, when it is a literal string.
    pub fn source(&self) -> Option<&'a str> {
        literal_string(&self.block.body.get_attribute("source")?.value)
    }
}

/// The text of a string literal (or a template of one literal part).
pub fn literal_string(expr: &Expression) -> Option<&str> {
    match expr {
        Expression::String(s) => Some(s.value().as_str()),
        Expression::StringTemplate(t) => match t.iter().collect::<Vec<_>>().as_slice() {
            [hcl_edit::template::Element::Literal(s)] => Some(s.value().as_str()),
            [] => Some(""),
            _ => None,
        },
        _ => None,
    }
}

/// Everything declared in one module directory, looked up by name.
#[derive(Debug, Default)]
pub struct ModuleIndex<'a> {
    pub locals: HashMap<&'a str, Written<'a>>,
    pub variable_defaults: HashMap<&'a str, Written<'a>>,
    /// The `type` of each variable that writes one.
    pub variable_types: HashMap<&'a str, Written<'a>>,
    pub tfvars: HashMap<&'a str, Written<'a>>,
    /// The `value` of each `output` block.
    pub outputs: HashMap<&'a str, Written<'a>>,
    /// The `module` blocks, in file then source order (a name declared twice: the first).
    pub calls: Vec<ModuleCall<'a>>,
    /// Every resource, in file then source order.
    pub resources: Vec<ResourceDecl<'a>>,
    by_address: HashMap<(&'a str, &'a str), usize>,
    /// Positions in `resources` of those not to model (see [`ModuleIndex::model_only`]).
    set_aside: rustc_hash::FxHashSet<usize>,
    /// For a module modelled a few resources at a time: the resources of the other parts, by
    /// address, with whether each writes `count` or `for_each`. A reference to one of them
    /// without either reads its `id`; any other reference to them evaluates unknown.
    pub declared_elsewhere: Option<&'a HashMap<String, bool>>,
    /// The `provider "aws"` blocks.
    pub aws_providers: Vec<(TreeBase, &'a Block)>,
    /// The trees of the module's configuration files that parsed, except deferred parts.
    pub trees: Vec<(TreeBase, &'a Body)>,
    /// The groups the deferred parts of configuration files refer to.
    pub deferred_group_references: Vec<&'a str>,
    /// The deferred parts that declare locals.
    pub deferred_locals: Vec<&'a Part>,
    /// Whether every configuration file of the module parsed.
    pub complete: bool,
    /// Whether the module declares variables and configures no backend and no provider of its
    /// own: a module others call (or may), whose variables its callers decide.
    pub may_be_called: bool,
    declares_variables: bool,
    configures_itself: bool,
}

/// Whether Terraform reads a configuration file named `name` (its last path component) as an
/// override file: `override.tf`, `*_override.tf` and their `.tf.json` forms.
pub fn is_override_name(name: &str) -> bool {
    let name = name.strip_suffix(".json").unwrap_or(name);
    name == "override.tf" || name.ends_with("_override.tf")
}

fn is_override(file: &ParsedFile) -> bool {
    file.kind == FileKind::Config && is_override_name(&file.name)
}

/// Where a file comes in Terraform's reading order (see [`ModuleIndex::new`]).
fn read_order(file: &ParsedFile) -> u8 {
    let name = file.name.as_str();
    match file.kind {
        FileKind::Config if is_override(file) => 1,
        FileKind::Config => 0,
        FileKind::Tfvars if name.starts_with("terraform.tfvars") => 2,
        FileKind::Tfvars => 3,
    }
}

fn label(block: &Block, i: usize) -> Option<&str> {
    block.labels.get(i).map(|l| l.as_str())
}

impl<'a> ModuleIndex<'a> {
    /// Indexes the parsed files of one module, in the order Terraform reads them: configuration
    /// files, then override files (`override.tf`, `*_override.tf`), whose locals and variable
    /// defaults replace those of the same name and whose resources merge into those of the same
    /// address (see [`ResourceDecl`]); `terraform.tfvars`, then `*.auto.tfvars` in
    /// lexical order, each replacing the values before it. Files that failed to parse are skipped.
    pub fn new(files: &'a [ParsedFile]) -> ModuleIndex<'a> {
        ModuleIndex::with_parts(files, &[])
    }

    /// [`ModuleIndex::new`], with more parts of the same files: each of `extra` has the id of one
    /// of `files`, and its parts are read with that file's, in the order they are written.
    pub fn with_parts(files: &'a [ParsedFile], extra: &'a [ParsedFile]) -> ModuleIndex<'a> {
        ModuleIndex::read(files, extra, &[], &[])
    }

    /// [`ModuleIndex::new`] for a root module given variable values besides its tfvars files:
    /// `below` before them (the environment's), `above` after them (the command line's), each
    /// in order, as Terraform takes them.
    pub fn with_values(
        files: &'a [ParsedFile],
        below: &'a [ParsedFile],
        above: &'a [ParsedFile],
    ) -> ModuleIndex<'a> {
        ModuleIndex::read(files, &[], below, above)
    }

    fn read(
        files: &'a [ParsedFile],
        extra: &'a [ParsedFile],
        below: &'a [ParsedFile],
        above: &'a [ParsedFile],
    ) -> ModuleIndex<'a> {
        let mut index = ModuleIndex {
            complete: true,
            ..ModuleIndex::default()
        };
        let mut ordered: Vec<&ParsedFile> = files.iter().collect();
        // A stable sort: files of one rank keep their path order.
        ordered.sort_by_key(|f| read_order(f));
        let ordered = below.iter().chain(ordered).chain(above);
        for file in ordered {
            let Some(parts) = &file.parts else {
                index.complete &= file.kind != FileKind::Config;
                continue;
            };
            let mut parts: Vec<&Part> = parts.iter().collect();
            if !extra.is_empty() {
                let more = extra.iter().filter(|e| e.id == file.id);
                parts.extend(more.flat_map(|e| e.parts.iter().flatten()));
                parts.sort_by_key(|p| p.offset);
            }
            for part in parts {
                let base = TreeBase {
                    file: file.id,
                    offset: part.offset,
                };
                match (file.kind, part.body()) {
                    (FileKind::Tfvars, Some(body)) => {
                        for attr in body.attributes() {
                            let written = Written::parsed(base, &attr.value);
                            index.tfvars.insert(attr.key.as_str(), written);
                        }
                    }
                    (FileKind::Config, Some(body)) => {
                        index.trees.push((base, body));
                        index.add_config(body, base, is_override(file));
                    }
                    (_, None) => index.add_deferred(part, base),
                }
            }
        }
        index.may_be_called = index.declares_variables && !index.configures_itself;
        index
    }

    /// Adds what a deferred part declares, each found when first used.
    fn add_deferred(&mut self, part: &'a Part, base: TreeBase) {
        let deferred = |at, attribute| Written {
            base,
            expr: Declared::Deferred(part, at, attribute),
        };
        if part.declares() == Some(Declares::Locals) {
            self.deferred_locals.push(part);
        }
        for (name, at) in part.names() {
            match part.declares() {
                Some(Declares::Locals) => {
                    self.locals.insert(name, deferred(at, ""));
                }
                Some(Declares::Variables) => {
                    self.declares_variables = true;
                    for (attribute, into) in [
                        ("default", &mut self.variable_defaults),
                        ("type", &mut self.variable_types),
                    ] {
                        if at.writes(attribute) {
                            into.insert(name, deferred(at, attribute));
                        }
                    }
                }
                Some(Declares::Values) => {
                    self.tfvars.insert(name, deferred(at, ""));
                }
                None => {}
            }
        }
        self.deferred_group_references
            .extend(part.group_references());
    }

    fn add_config(&mut self, body: &'a Body, base: TreeBase, is_override: bool) {
        for block in body.blocks() {
            match block.ident.as_str() {
                "locals" => {
                    for attr in block.body.attributes() {
                        let written = Written::parsed(base, &attr.value);
                        self.locals.insert(attr.key.as_str(), written);
                    }
                }
                "variable" => {
                    self.declares_variables = true;
                    let Some(name) = label(block, 0) else {
                        continue;
                    };
                    for (attribute, into) in [
                        ("default", &mut self.variable_defaults),
                        ("type", &mut self.variable_types),
                    ] {
                        if let Some(attr) = block.body.get_attribute(attribute) {
                            into.insert(name, Written::parsed(base, &attr.value));
                        }
                    }
                }
                "output" => {
                    if let (Some(name), Some(value)) =
                        (label(block, 0), block.body.get_attribute("value"))
                    {
                        self.outputs
                            .insert(name, Written::parsed(base, &value.value));
                    }
                }
                "module" if !is_override => {
                    if let Some(name) = label(block, 0)
                        && !self.calls.iter().any(|c| c.name == name)
                    {
                        self.calls.push(ModuleCall { name, block, base });
                    }
                }
                "provider" => {
                    self.configures_itself = true;
                    if label(block, 0) == Some("aws") {
                        self.aws_providers.push((base, block));
                    }
                }
                "terraform" if block.body.get_blocks("backend").next().is_some() => {
                    self.configures_itself = true;
                }
                "resource" => {
                    let (Some(kind), Some(name)) = (label(block, 0), label(block, 1)) else {
                        continue;
                    };
                    let original = self.by_address.get(&(kind, name)).copied();
                    match original {
                        // Terraform rejects an override of a resource no file declares; it is
                        // still linted, as a resource of its own.
                        Some(i) if is_override => self.resources[i].merge(base, &block.body),
                        _ => {
                            self.by_address.insert((kind, name), self.resources.len());
                            self.resources.push(ResourceDecl {
                                kind,
                                name,
                                block,
                                base,
                                overrides: Vec::new(),
                                winners: HashMap::default(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Sets aside the resources `keep` rejects: [`ModuleIndex::modelled_resources`] skips them,
    /// and references to them still evaluate.
    pub fn model_only(&mut self, keep: impl Fn(&ResourceDecl<'a>) -> bool) {
        self.set_aside = (self.resources.iter().enumerate())
            .filter(|(_, decl)| !keep(decl))
            .map(|(i, _)| i)
            .collect();
    }

    /// The resources to model: every one, in file then source order, but those set aside.
    pub fn modelled_resources(&self) -> impl Iterator<Item = &ResourceDecl<'a>> {
        (self.resources.iter().enumerate())
            .filter(|(i, _)| !self.set_aside.contains(i))
            .map(|(_, decl)| decl)
    }

    /// The `module` block `name`.
    pub fn call(&self, name: &str) -> Option<&ModuleCall<'a>> {
        self.calls.iter().find(|c| c.name == name)
    }

    /// The resource `kind.name`, when declared in this module.
    pub fn resource(&self, kind: &str, name: &str) -> Option<&ResourceDecl<'a>> {
        self.by_address
            .get(&(kind, name))
            .map(|&i| &self.resources[i])
    }
}
