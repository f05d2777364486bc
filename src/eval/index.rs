//! The declarations of one module directory: locals, variables, tfvars values and resources.

use crate::discover::FileKind;
use crate::parse::ParsedFile;
use crate::source::FileId;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use rustc_hash::FxHashMap as HashMap;

/// A `resource` block.
#[derive(Debug, Clone, Copy)]
pub struct ResourceDecl<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub block: &'a Block,
    pub file: FileId,
}

impl ResourceDecl<'_> {
    /// `type.name`.
    pub fn address(&self) -> String {
        format!("{}.{}", self.kind, self.name)
    }
}

/// An expression and the file it is written in.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    pub file: FileId,
    pub expr: &'a Expression,
}

/// Everything declared in one module directory, looked up by name.
#[derive(Debug, Default)]
pub struct ModuleIndex<'a> {
    pub locals: HashMap<&'a str, Written<'a>>,
    pub variable_defaults: HashMap<&'a str, Written<'a>>,
    pub tfvars: HashMap<&'a str, Written<'a>>,
    /// Every resource, in file then source order.
    pub resources: Vec<ResourceDecl<'a>>,
    by_address: HashMap<(&'a str, &'a str), usize>,
    /// The `provider "aws"` blocks.
    pub aws_providers: Vec<(FileId, &'a Block)>,
    /// The bodies of the module's configuration files that parsed, with their ids.
    pub files: Vec<(FileId, &'a Body)>,
    /// Whether every configuration file of the module parsed.
    pub complete: bool,
}

/// Where a file comes in Terraform's reading order (see [`ModuleIndex::new`]).
fn read_order(file: &ParsedFile) -> u8 {
    let name = file.name.as_str();
    match file.kind {
        FileKind::Config if name == "override.tf" || name.ends_with("_override.tf") => 1,
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
    /// defaults replace those of the same name; `terraform.tfvars`, then `*.auto.tfvars` in
    /// lexical order, each replacing the values before it. Files that failed to parse are skipped.
    pub fn new(files: &'a [ParsedFile]) -> ModuleIndex<'a> {
        let mut index = ModuleIndex {
            complete: true,
            ..ModuleIndex::default()
        };
        let mut ordered: Vec<&ParsedFile> = files.iter().collect();
        // A stable sort: files of one rank keep their path order.
        ordered.sort_by_key(|f| read_order(f));
        for file in ordered {
            let Some(body) = &file.body else {
                index.complete &= file.kind != FileKind::Config;
                continue;
            };
            match file.kind {
                FileKind::Tfvars => {
                    for attr in body.attributes() {
                        let written = Written {
                            file: file.id,
                            expr: &attr.value,
                        };
                        index.tfvars.insert(attr.key.as_str(), written);
                    }
                }
                FileKind::Config => {
                    index.files.push((file.id, body));
                    index.add_config(body, file.id);
                }
            }
        }
        index
    }

    fn add_config(&mut self, body: &'a Body, file: FileId) {
        for block in body.blocks() {
            match block.ident.as_str() {
                "locals" => {
                    for attr in block.body.attributes() {
                        let written = Written {
                            file,
                            expr: &attr.value,
                        };
                        self.locals.insert(attr.key.as_str(), written);
                    }
                }
                "variable" => {
                    if let (Some(name), Some(default)) =
                        (label(block, 0), block.body.get_attribute("default"))
                    {
                        let written = Written {
                            file,
                            expr: &default.value,
                        };
                        self.variable_defaults.insert(name, written);
                    }
                }
                "provider" if label(block, 0) == Some("aws") => {
                    self.aws_providers.push((file, block))
                }
                "resource" => {
                    if let (Some(kind), Some(name)) = (label(block, 0), label(block, 1)) {
                        self.by_address.insert((kind, name), self.resources.len());
                        self.resources.push(ResourceDecl {
                            kind,
                            name,
                            block,
                            file,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    /// The resource `kind.name`, when declared in this module.
    pub fn resource(&self, kind: &str, name: &str) -> Option<&ResourceDecl<'a>> {
        self.by_address
            .get(&(kind, name))
            .map(|&i| &self.resources[i])
    }
}
