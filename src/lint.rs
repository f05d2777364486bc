//! One lint run: discover, read and parse in parallel, build each module's model, run the rules.

use crate::catalogue::Registry;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Findings};
use crate::diagnostic::{Related, RuleId};
use crate::discover::{self, ModuleFiles};
use crate::eval::{ModuleIndex, ModuleTree};
use crate::graph::ModuleGraph;
use crate::parse::{self, ParsedFile, ReadOutcome};
use crate::plan::{self, PLAN_FILE, PlanOptions};
use crate::source::{LineCursor, SourceFile, SourceMap, Span};
use crate::tree::{self, CallCounts};
use crate::{model, rules, suppress};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to lint.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// Rules, their options and the paths to skip.
    pub settings: Settings,
    /// Keep the text of files with findings, for output that shows source snippets.
    pub keep_text: bool,
    /// Plan or state files (`-` for standard input), besides JSON files among `paths`.
    pub plans: Vec<PathBuf>,
    pub plan: PlanOptions,
    /// Build each module's security-group graph (for `sglint graph` and Markdown reports).
    pub graph: bool,
    /// Whether a named file reports only its own findings or its whole module's.
    pub named_files: discover::NamedFiles,
    /// Variable values for the root modules besides their tfvars files, lowest precedence
    /// first (as Terraform takes them: the environment, then `-var` and `-var-file` in order).
    pub variables: Vec<VariableValues>,
}

/// Where variable values for the root modules come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VariableValues {
    /// `--var-file FILE`.
    File(PathBuf),
    /// `--var NAME=VALUE`.
    Pair(String),
    /// `TF_VAR_<name>` variables of the environment (`--env-vars`).
    Environment,
}

/// What every tree of a run is linted with.
struct Run<'o> {
    settings: &'o Settings,
    keep_text: bool,
    graph: bool,
    /// Variable values for the root modules (see [`Options::variables`]).
    values: &'o [RootValues],
}

/// Variable values for the root modules, read once: the text of a tfvars file and how it is
/// shown (`--var-file`'s path, `--var NAME`, `<environment>`).
#[derive(Clone, Debug)]
struct RootValues {
    file: discover::DiscoveredFile,
    bytes: Vec<u8>,
}

/// The variable values of `--var`, `--var-file` and `--env-vars` as tfvars texts, in order of
/// precedence (lowest first). The environment's are never reported or shown: their file is not
/// reported, and what is found in it is not either.
fn root_values(variables: &[VariableValues]) -> Result<Vec<RootValues>, String> {
    variables
        .iter()
        .map(|source| {
            let (path, bytes, reported) = match source {
                VariableValues::File(path) => {
                    let bytes = crate::files::read(path, crate::files::MAX_CONFIGURATION_FILE)
                        .map_err(|why| format!("--var-file {}: {why}", path.display()))?;
                    let file = discover::DiscoveredFile {
                        path: path.clone(),
                        kind: discover::FileKind::Tfvars,
                        reported: true,
                    };
                    // Checked once here, so that a bad file is one error, not one per root.
                    if let ReadOutcome::Read {
                        source,
                        error: Some((range, message)),
                        ..
                    } = parse::parse_bytes(&file, bytes.clone(), false)
                    {
                        let text = source.text.as_deref().unwrap_or_default();
                        let at = LineCursor::new(text).locate(Span::new(0, range));
                        return Err(format!(
                            "--var-file {}:{}:{}: {message}",
                            crate::emit::terminal(&path.display().to_string()),
                            at.start.line,
                            at.start.column
                        ));
                    }
                    (path.clone(), bytes, true)
                }
                VariableValues::Pair(pair) => {
                    let Some((name, value)) = pair.split_once('=') else {
                        return Err(format!(
                            "--var {pair}: expected NAME=VALUE, as `terraform plan -var` takes it"
                        ));
                    };
                    let text = tfvars_line(name, value);
                    (
                        PathBuf::from(format!("--var {name}")),
                        text.into_bytes(),
                        true,
                    )
                }
                VariableValues::Environment => {
                    let mut text = String::new();
                    for (key, value) in std::env::vars_os() {
                        let (Some(key), Some(value)) = (key.to_str(), value.to_str()) else {
                            continue;
                        };
                        if let Some(name) = key.strip_prefix("TF_VAR_") {
                            text.push_str(&tfvars_line(name, value));
                        }
                    }
                    (PathBuf::from(ENVIRONMENT), text.into_bytes(), false)
                }
            };
            let file = discover::DiscoveredFile {
                path,
                kind: discover::FileKind::Tfvars,
                reported,
            };
            Ok(RootValues { file, bytes })
        })
        .collect()
}

/// What the environment's variable values are shown as.
const ENVIRONMENT: &str = "<environment>";

/// `NAME = VALUE` as a line of tfvars: VALUE as HCL when it is a list, an object, a number or a
/// boolean (`--var 'cidrs=["10.0.0.0/8"]'`), else as a string, as Terraform takes a `-var` for a
/// variable of a primitive type. A name that is not an identifier gives no line.
fn tfvars_line(name: &str, value: &str) -> String {
    let identifier = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !identifier {
        return String::new();
    }
    let trimmed = value.trim();
    let literal = trimmed.starts_with('[')
        || trimmed.starts_with('{')
        || trimmed.parse::<f64>().is_ok()
        || matches!(trimmed, "true" | "false" | "null");
    let parses = || hcl_edit::parser::parse_body(&format!("{name} = {trimmed}\n")).is_ok();
    if literal && !trimmed.contains('\n') && parses() {
        format!("{name} = {trimmed}\n")
    } else {
        let quoted = serde_json::to_string(value).unwrap_or_default();
        // A JSON string is an HCL string, once a template's `${` and `%{` are escaped.
        format!(
            "{name} = {}\n",
            quoted.replace("${", "$${").replace("%{", "%%{")
        )
    }
}

/// Counts of what a run saw, over the reported files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub security_groups: usize,
    pub rules: usize,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    pub sources: SourceMap,
    /// Findings in reported files, sorted by path, line and column.
    pub diagnostics: Findings,
    /// Input that could not be used at all (missing paths, unreadable files).
    pub errors: Vec<String>,
    pub summary: Summary,
    /// Each module's or plan's security-group graph, in path order, when the run built them.
    pub graphs: Vec<ModuleGraph>,
    /// How many modules and plans were linted (0: the paths held nothing sglint reads).
    pub inputs: usize,
    /// What the walk passed over, to say why nothing was linted.
    pub passed_over: discover::PassedOver,
    /// The module calls evaluated, and those that were not.
    pub calls: CallCounts,
    /// The rules of the run, which the output describes.
    pub registry: Arc<Registry>,
}

impl Report {
    /// Whether any input was unreadable or unparseable.
    pub fn has_input_errors(&self) -> bool {
        !self.errors.is_empty()
            || self
                .diagnostics
                .iter()
                .any(|d| d.rule == parse::PARSE_ERROR)
    }
}

/// Lints the paths and plans of `options`. Fails only for an invalid option (a bad glob).
pub fn lint(options: &Options) -> Result<Report, String> {
    let settings = &options.settings;
    let excludes = discover::Excludes::new(&settings.exclude)
        .map_err(|why| format!("invalid --exclude pattern: {why}"))?;
    let (mut plans, mut paths): (Vec<PathBuf>, Vec<PathBuf>) = options
        .paths
        .iter()
        .cloned()
        .partition(|p| plan::is_plan_path(p));
    plans.extend(options.plans.iter().cloned());
    if paths.is_empty() && plans.is_empty() {
        paths.push(PathBuf::from("."));
    }
    // Modules are read while the walk goes on and plans linted; a module that calls none and
    // declares no variable is linted at once. Once the walk is over, the other modules are
    // grouped into trees of calls, each parsed and linted as one configuration. Outcomes are
    // put back in order after.
    let values = root_values(&options.variables)?;
    let run = Run {
        settings,
        keep_text: options.keep_text,
        graph: options.graph,
        values: &values,
    };
    let run = &run;
    let outcomes = std::sync::Mutex::new(Vec::new());
    let read = std::sync::Mutex::new(Vec::new());
    let early = std::sync::Mutex::new(Vec::new());
    let (discovery_errors, passed_over) = rayon::scope(|scope| {
        let (outcomes, read, early) = (&outcomes, &read, &early);
        for (i, path) in plans.iter().enumerate() {
            scope.spawn(move |_| {
                let outcome = lint_plan(path, options, settings);
                outcomes.lock().unwrap().push((Input::Plan(i), outcome));
            });
        }
        discover::each_module(&paths, &excludes, options.named_files, |module| {
            scope.spawn(move |_| {
                let modules = tree::read(module);
                if let [only] = modules.as_slice()
                    && only.stands_alone
                {
                    let files = only.module.clone();
                    let outcome = lint_tree(modules, &[0], run);
                    early.lock().unwrap().push((files, outcome));
                } else {
                    read.lock().unwrap().extend(modules);
                }
            });
        })
    });
    let named: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| tree::lexical(p))
        .collect();
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.extend(lint_trees(
        read.into_inner().unwrap(),
        early.into_inner().unwrap(),
        &named,
        run,
    ));
    outcomes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let outcomes = outcomes.into_iter().map(|(_, outcome)| outcome).collect();
    let mut report = merge(outcomes, settings);
    report.errors.splice(0..0, discovery_errors);
    report.passed_over = passed_over;
    Ok(report)
}

/// Lints modules whose files are already known, each tree of calls among them as one
/// configuration (see [`lint`]). `keep_text`: see [`Options::keep_text`].
pub fn lint_modules(modules: Vec<ModuleFiles>, settings: &Settings, keep_text: bool) -> Report {
    let read = modules.into_par_iter().flat_map_iter(tree::read).collect();
    let run = Run {
        settings,
        keep_text,
        graph: false,
        values: &[],
    };
    let mut outcomes = lint_trees(read, Vec::new(), &[], &run);
    outcomes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    merge(
        outcomes.into_iter().map(|(_, outcome)| outcome).collect(),
        settings,
    )
}

/// Groups read modules, and those already linted (`early`, see
/// [`tree::ReadModule::stands_alone`]), into trees of calls (a module whose directory is in
/// `named` is a root) and lints each tree, in parallel. A module linted early that is in a tree
/// with others after all is read again, and linted with them.
fn lint_trees(
    read: Vec<tree::ReadModule>,
    early: Vec<(ModuleFiles, ModuleOutcome)>,
    named: &[PathBuf],
    run: &Run<'_>,
) -> Vec<(Input, ModuleOutcome)> {
    enum Member {
        Read(tree::ReadModule),
        Linted(ModuleFiles, ModuleOutcome),
    }
    let mut members: Vec<Member> = (read.into_iter().map(Member::Read))
        .chain(early.into_iter().map(|(m, o)| Member::Linted(m, o)))
        .collect();
    fn dir(m: &Member) -> &Path {
        match m {
            Member::Read(r) => &r.module.dir,
            Member::Linted(files, _) => &files.dir,
        }
    }
    members.sort_unstable_by(|a, b| dir(a).cmp(dir(b)));
    let trees = {
        let dirs: Vec<&Path> = members.iter().map(dir).collect();
        let calls: Vec<&[PathBuf]> = (members.iter())
            .map(|m| match m {
                Member::Read(r) => r.calls.as_slice(),
                Member::Linted(..) => &[],
            })
            .collect();
        tree::trees(&dirs, &calls, named)
    };
    let mut members: Vec<Option<Member>> = members.into_iter().map(Some).collect();
    let trees: Vec<(Vec<Member>, Vec<usize>)> = trees
        .into_iter()
        .map(|t| {
            let members = t
                .members
                .iter()
                .filter_map(|&m| members[m].take())
                .collect();
            (members, t.roots)
        })
        .collect();
    trees
        .into_par_iter()
        .map(|(members, roots)| {
            let input = Input::Module(dir(&members[0]).to_path_buf());
            if let [Member::Linted(..)] = members.as_slice() {
                let Some(Member::Linted(_, outcome)) = members.into_iter().next() else {
                    unreachable!("matched above")
                };
                return (input, outcome);
            }
            let read = (members.into_iter())
                .flat_map(|m| match m {
                    Member::Read(r) => vec![r],
                    Member::Linted(files, _) => tree::read(files),
                })
                .collect();
            (input, lint_tree(read, &roots, run))
        })
        .collect()
}

/// Where an outcome comes from: module directories in path order, then plans in the order given.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Input {
    Module(PathBuf),
    Plan(usize),
}

/// What linting one module produced, with file ids local to the module.
#[derive(Default)]
struct ModuleOutcome {
    sources: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    errors: Vec<String>,
    summary: Summary,
    graphs: Vec<ModuleGraph>,
    calls: CallCounts,
}

impl ModuleOutcome {
    /// The outcome of an input that could not be read at all.
    fn unreadable(message: String) -> ModuleOutcome {
        ModuleOutcome {
            errors: vec![message],
            ..ModuleOutcome::default()
        }
    }
}

/// Lints one plan or state file: its model is checked like a module's, and every finding is
/// reported (in the plan, or in the `.tf` file it was mapped to).
fn lint_plan(path: &Path, options: &Options, settings: &Settings) -> ModuleOutcome {
    match plan::load(path, &options.plan) {
        Ok(loaded) => check_plan(loaded, settings, options.keep_text, options.graph),
        Err(message) => ModuleOutcome::unreadable(message),
    }
}

/// Lints a plan or state given as bytes (for fuzzing and benchmarks), as [`lint`] lints a plan
/// file whose configuration is not on disk.
pub fn lint_plan_bytes(display: PathBuf, bytes: Vec<u8>, settings: &Settings) -> Report {
    let options = PlanOptions {
        keep_text: true,
        ..PlanOptions::default()
    };
    let outcome = match plan::from_bytes(display, bytes, &options) {
        Ok(loaded) => check_plan(loaded, settings, true, true),
        Err(message) => ModuleOutcome::unreadable(message),
    };
    merge(vec![outcome], settings)
}

/// Checks a loaded plan's model.
fn check_plan(
    loaded: plan::LoadedPlan,
    settings: &Settings,
    keep_text: bool,
    graph: bool,
) -> ModuleOutcome {
    let mut outcome = ModuleOutcome {
        sources: loaded.sources,
        summary: Summary {
            files: 1,
            security_groups: loaded.model.groups.len(),
            rules: loaded.model.rules.len(),
        },
        ..ModuleOutcome::default()
    };
    if graph {
        outcome.graphs.push(ModuleGraph::build(
            outcome.sources[PLAN_FILE].display_path(),
            &loaded.model,
            |_| true,
        ));
    }
    outcome.diagnostics = rules::run(&loaded.model, settings);
    to_file_offsets(&mut outcome.diagnostics, &outcome.sources);
    suppress::apply(&mut outcome.diagnostics, &outcome.sources, settings);
    merge_instances(&mut outcome.diagnostics);
    for d in &mut outcome.diagnostics {
        // A finding inside the plan has no line to read the resource from: name it.
        if d.span.file == PLAN_FILE
            && let Some(resource) = &d.resource
            && !d.message.contains(model::resource_name(resource))
        {
            d.message = format!("{} (`{resource}`)", d.message).into();
        }
    }
    sort_and_dedup(&mut outcome.diagnostics);
    locate(&mut outcome.diagnostics, &mut outcome.sources, keep_text);
    outcome
}

/// Joins the outcomes of modules and plans into one report, in path order.
fn merge(outcomes: Vec<ModuleOutcome>, settings: &Settings) -> Report {
    let mut report = Report {
        inputs: outcomes.len(),
        registry: settings.registry.clone(),
        ..Report::default()
    };
    let files: usize = outcomes.iter().map(|o| o.sources.len()).sum();
    report.sources.files.reserve_exact(files);
    let mut lists = Vec::with_capacity(outcomes.len());
    for mut outcome in outcomes {
        let offset = report.sources.files.len();
        if offset > 0 {
            for d in &mut outcome.diagnostics {
                d.span.file += offset;
                for r in &mut d.related {
                    r.span.file += offset;
                }
            }
        }
        for mut graph in outcome.graphs.into_iter().filter(|g| !g.nodes.is_empty()) {
            graph.offset_files(offset);
            report.graphs.push(graph);
        }
        report.calls.add(outcome.calls);
        report.sources.files.append(&mut outcome.sources);
        lists.push(outcome.diagnostics);
        report.errors.append(&mut outcome.errors);
        report.summary.files += outcome.summary.files;
        report.summary.security_groups += outcome.summary.security_groups;
        report.summary.rules += outcome.summary.rules;
    }
    let rank = path_ranks(&report.sources.files);
    report.diagnostics = Findings::from_lists(lists, |file| rank[file]);
    report.graphs.sort_by(|a, b| a.module.cmp(&b.module));
    report
}

/// Lints a module's files given as bytes rather than read from disk (for fuzzing and benchmarks):
/// the same parsing, model, rules and locating as a run over files. Every file is reported;
/// `terraform.tfvars` and `*.auto.tfvars` are read as variable values.
pub fn lint_module_bytes(
    dir: &Path,
    files: Vec<(PathBuf, Vec<u8>)>,
    settings: &Settings,
) -> Report {
    let (files, bytes): (Vec<_>, Vec<_>) = files
        .into_iter()
        .map(|(path, bytes)| {
            let kind = discover::file_kind(&path).unwrap_or(discover::FileKind::Config);
            let file = discover::DiscoveredFile {
                path,
                kind,
                reported: true,
            };
            (file, Ok(bytes))
        })
        .unzip();
    let module = tree::ReadModule {
        module: ModuleFiles {
            dir: dir.to_path_buf(),
            files,
        },
        bytes,
        calls: Vec::new(),
        installed: Vec::new(),
        unpacked: false,
        stands_alone: true,
    };
    let run = Run {
        settings,
        keep_text: true,
        graph: true,
        values: &[],
    };
    merge(vec![lint_tree(vec![module], &[0], &run)], settings)
}

/// Parses the modules of one tree of calls (each file once), models each root with every
/// module instance its calls make, and checks the models. `roots` are positions in `members`.
fn lint_tree(members: Vec<tree::ReadModule>, roots: &[usize], run: &Run<'_>) -> ModuleOutcome {
    let Run {
        settings,
        keep_text,
        graph,
        values,
    } = *run;
    let mut outcome = ModuleOutcome::default();
    let mut modules: Vec<(PathBuf, Vec<ParsedFile>)> = Vec::with_capacity(members.len());
    let mut installed = Vec::new();
    // Files of modules `terraform init` unpacked: not the repository's, so what is found in
    // them is reported at the `module` block that calls them.
    let mut unpacked = rustc_hash::FxHashSet::default();
    for mut member in members {
        installed.append(&mut member.installed);
        let first_file = outcome.sources.len();
        let read = tree::parse_all(member.bytes, &member.module.files);
        let mut parsed = Vec::with_capacity(read.len());
        for (result, file) in read.into_iter().zip(&member.module.files) {
            match result {
                ReadOutcome::Unreadable(message) => outcome.errors.push(message),
                ReadOutcome::Read {
                    source,
                    parts,
                    error,
                } => {
                    let id = outcome.sources.len();
                    if let Some((range, message)) = error
                        && source.reported
                    {
                        outcome
                            .diagnostics
                            .push(parse::parse_error(id, range, message));
                    }
                    let name = parse::file_name(&source.path);
                    outcome.sources.push(source);
                    parsed.push(ParsedFile {
                        id,
                        kind: file.kind,
                        name,
                        parts,
                    });
                }
            }
        }
        if member.unpacked {
            unpacked.extend(first_file..outcome.sources.len());
        }
        modules.push((member.module.dir, parsed));
    }
    // Each root reads the run's variable values: the environment's below its tfvars files, the
    // command line's above.
    let mut root_values: Vec<(Vec<ParsedFile>, Vec<ParsedFile>)> =
        modules.iter().map(|_| (Vec::new(), Vec::new())).collect();
    for &root in roots.iter().filter(|_| !values.is_empty()) {
        for value in values {
            let read = parse::parse_bytes(&value.file, value.bytes.clone(), false);
            // Each parsed before (see `root_values`).
            let ReadOutcome::Read { source, parts, .. } = read else {
                continue;
            };
            let id = outcome.sources.len();
            let below = source.path.as_os_str() == ENVIRONMENT;
            outcome.sources.push(source);
            let parsed = ParsedFile {
                id,
                kind: discover::FileKind::Tfvars,
                name: String::new(),
                parts,
            };
            match below {
                true => root_values[root].0.push(parsed),
                false => root_values[root].1.push(parsed),
            }
        }
    }
    let sources = &outcome.sources;
    let reported = |span: Span| sources[span.file].reported;
    let tree = ModuleTree {
        modules: (modules.iter().zip(&root_values))
            .map(|((_, files), (below, above))| ModuleIndex::with_values(files, below, above))
            .collect(),
        targets: Vec::new(),
    };
    let (targets, calls) = tree::targets(&modules, &tree.modules, &installed);
    let tree = ModuleTree { targets, ..tree };
    let mut findings = Vec::new();
    for &root in roots {
        let model = model::build_tree(&tree, root);
        outcome.summary.security_groups +=
            model.groups.iter().filter(|g| reported(g.header)).count();
        outcome.summary.rules += model.rules.iter().filter(|r| reported(r.header)).count();
        if graph {
            outcome.graphs.push(ModuleGraph::build(
                modules[root].0.display().to_string(),
                &model,
                reported,
            ));
        }
        let mut found = rules::run(&model, settings);
        found.extend(model.limits.iter().map(crate::eval::limits::finding));
        for d in &mut found {
            if unpacked.contains(&d.span.file) {
                to_calling_module(d, &model, |span| sources[span.file].reported);
            }
            if let Some(&used) = model.forwarded.get(&d.span) {
                d.related.push(Related {
                    message: "the module uses the value here".into(),
                    span: used,
                    location: Default::default(),
                });
            }
        }
        findings.append(&mut found);
    }
    outcome.calls = calls;
    outcome.summary.files = (modules.iter().flat_map(|(_, files)| files))
        .filter(|f| sources[f.id].reported && f.kind == discover::FileKind::Config)
        .count();
    drop(tree);
    to_file_offsets(&mut findings, &outcome.sources);
    suppress::apply(&mut findings, &outcome.sources, settings);
    let sources = &outcome.sources;
    findings.retain(|d| sources[d.span.file].reported);
    merge_instances(&mut findings);
    outcome.diagnostics.append(&mut findings);
    sort_and_dedup(&mut outcome.diagnostics);
    locate(&mut outcome.diagnostics, &mut outcome.sources, keep_text);
    outcome
}

/// Takes the spans of findings in files that were read through a rewriting (`.tf.json`) back to
/// the files' own text.
fn to_file_offsets(diagnostics: &mut [Diagnostic], sources: &[SourceFile]) {
    if sources.iter().all(|s| s.rewritten.is_none()) {
        return;
    }
    let map = |span: &mut Span| {
        let source = &sources[span.file];
        if let Some(map) = &source.rewritten {
            *span = map.span(*span);
            // An escape the rewriting changed the length of can leave an offset inside a
            // character of the file: move it back to where the character starts.
            if let Some(text) = &source.text {
                let boundary = |mut at: usize| {
                    at = at.min(text.len());
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                };
                span.start = boundary(span.start);
                span.end = boundary(span.end).max(span.start);
            }
        }
    };
    for d in diagnostics {
        map(&mut d.span);
        for r in &mut d.related {
            map(&mut r.span);
        }
    }
}

/// Moves a finding in a module `terraform init` unpacked to the `module` block, in a reported
/// file, that leads to it (the innermost such call of the finding's resource), where the user
/// can act on it; where the module writes it becomes the related location.
fn to_calling_module(d: &mut Diagnostic, model: &model::Model, reported: impl Fn(Span) -> bool) {
    let Some(resource) = &d.resource else { return };
    let call = crate::address::module_segments(resource)
        .iter()
        .filter_map(|(_, instance)| model.module_calls.get(*instance))
        .rfind(|&&span| reported(span))
        .copied();
    if let Some(call) = call {
        d.related.push(Related {
            message: "the module writes it here".into(),
            span: d.span,
            location: Default::default(),
        });
        d.span = call;
    }
}

/// Joins the findings that the instances of module calls repeat at one place (a line of a
/// module called by several `module` blocks, or by one with `count` or `for_each`): one finding
/// that names the instances, its message in the module's own addresses, instead of one per
/// instance.
fn merge_instances(findings: &mut Vec<Diagnostic>) {
    use std::collections::hash_map::Entry;
    let instance = |d: &Diagnostic| {
        let address = d.resource.as_deref()?;
        crate::address::module_segments(address)
            .last()
            .map(|&(_, module)| module.to_string())
    };
    // Only findings that share their place and rule with another can be joined.
    let mut at_place: rustc_hash::FxHashMap<(Span, RuleId), usize> =
        rustc_hash::FxHashMap::default();
    for d in findings.iter() {
        *at_place.entry((d.span, d.rule.clone())).or_default() += 1;
    }
    if at_place.values().all(|&n| n == 1) {
        return;
    }
    let mut kept: Vec<(Diagnostic, Vec<String>)> = Vec::with_capacity(findings.len());
    let mut by_place: rustc_hash::FxHashMap<(Span, RuleId, String), usize> =
        rustc_hash::FxHashMap::default();
    for d in findings.drain(..) {
        let shared = at_place[&(d.span, d.rule.clone())] > 1;
        let Some(module) = shared.then(|| instance(&d)).flatten() else {
            kept.push((d, Vec::new()));
            continue;
        };
        let local = d.message.replace(&format!("{module}."), "");
        match by_place.entry((d.span, d.rule.clone(), local)) {
            Entry::Occupied(at) => {
                let instances = &mut kept[*at.get()].1;
                if !instances.contains(&module) {
                    instances.push(module);
                }
            }
            Entry::Vacant(at) => {
                at.insert(kept.len());
                kept.push((d, vec![module]));
            }
        }
    }
    for (mut d, mut instances) in kept {
        if instances.len() > 1 {
            let own = format!("{}.", instances[0]);
            // In address order, whatever order the input listed them in.
            instances.sort_unstable();
            let named: Vec<String> = (instances.iter().take(MAX_INSTANCES_NAMED))
                .map(|i| format!("`{i}`"))
                .collect();
            let more = instances.len().saturating_sub(MAX_INSTANCES_NAMED);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            d.message = format!(
                "{} (in {}{more})",
                d.message.replace(&own, ""),
                named.join(", ")
            )
            .into();
        }
        findings.push(d);
    }
}

/// The most module instances a joined finding names (see [`merge_instances`]).
const MAX_INSTANCES_NAMED: usize = 5;

/// Sorts one module's findings by position and drops repeats of one finding at one place (the
/// instances of a `count` or `for_each` resource share their source). A module's file ids follow
/// its files' path order, so this is path order too.
fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_unstable_by(|a, b| {
        (a.span, &*a.rule, &a.message).cmp(&(b.span, &*b.rule, &b.message))
    });
    diagnostics.dedup_by(|b, a| a.span == b.span && a.rule == b.rule && a.message == b.message);
}

/// Fills in the lines and columns of one module's findings, then drops the texts that are no
/// longer needed, so a run's memory does not grow with the size of the files it reads.
fn locate(diagnostics: &mut [Diagnostic], sources: &mut [SourceFile], keep_text: bool) {
    let mut used = vec![false; sources.len()];
    {
        let mut cursors: Vec<LineCursor<'_>> = sources
            .iter()
            .map(|s| LineCursor::new(s.text.as_deref().unwrap_or_default()))
            .collect();
        let mut locate = |span: Span| {
            used[span.file] = true;
            let source = &sources[span.file];
            if source.text.is_none() && !source.positions.is_empty() {
                source.positions.locate(span)
            } else {
                cursors[span.file].locate(span)
            }
        };
        for d in diagnostics {
            d.location = locate(d.span);
            for r in &mut d.related {
                r.location = locate(r.span);
            }
        }
    }
    for (source, used) in sources.iter_mut().zip(used) {
        if !(keep_text && used) {
            source.text = None;
        }
    }
}

/// Each file's place in path order. Modules are linted in path order of their directories, but
/// a module's files and those of a module below it can interleave (`a/b/x.tf` comes between
/// `a/a.tf` and `a/main.tf`).
fn path_ranks(files: &[SourceFile]) -> Vec<usize> {
    // Paths compare by components; splitting each once, not at every comparison, halves the
    // sort.
    let components: Vec<Vec<std::path::Component<'_>>> = (files.par_iter())
        .map(|f| f.path.components().collect())
        .collect();
    let mut by_path: Vec<usize> = (0..files.len()).collect();
    by_path.par_sort_unstable_by(|&a, &b| components[a].cmp(&components[b]));
    let mut rank = vec![0; files.len()];
    for (position, &file) in by_path.iter().enumerate() {
        rank[file] = position;
    }
    rank
}
