//! The command line: `sglint check`, `graph`, `rules`, `rule <id>` and `completions`.

use crate::catalogue::Registry;
use crate::config::{self, Settings};
use crate::diagnostic::{RuleId, Severity};
use crate::discover::{ExcludePattern, NamedFiles};
use crate::emit::{self, Format};
use crate::lint::{self, Options};
use crate::parse::PARSE_ERROR;
use crate::plan::PlanOptions;
use crate::{baseline, catalogue, files};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{BufWriter, ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Lints AWS security groups written in Terraform.
#[derive(Parser, Debug)]
#[command(name = "sglint", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour the output: on a terminal without `NO_COLOR` (auto), always, or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint .tf files and directories (default: the current directory), and plans or states
    /// from `terraform show -json` (a `.json` file, or `-` for standard input).
    Check(CheckArgs),
    /// Draw the security-group reference graph: groups, the CIDRs and groups their rules name,
    /// and the rules between them (mutual pairs, inline cycles and public ingress in red).
    Graph(GraphArgs),
    /// List every rule: id, default severity and title.
    Rules,
    /// Print a rule's full catalogue entry.
    Rule {
        /// The rule id, e.g. `mutual-reference`.
        id: String,
    },
    /// Print a completion script for a shell, e.g. `sglint completions bash >
    /// ~/.local/share/bash-completion/completions/sglint`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// What to read: the arguments `check` and `graph` share.
#[derive(clap::Args, Debug)]
struct InputArgs {
    /// Files or directories. A named .tf file loads its whole directory so references resolve,
    /// but only what it declares is reported. A .json file or `-` is read as a plan or state.
    paths: Vec<PathBuf>,
    /// A plan or state from `terraform show -json` (repeatable).
    #[arg(long, value_name = "FILE")]
    plan: Vec<PathBuf>,
    /// Where the plan's .tf files are, to point findings at their lines (default: the plan
    /// file's directory; the current directory for standard input).
    #[arg(long, value_name = "DIR")]
    config_dir: Option<PathBuf>,
    /// Also read resources of the plan's `resource_drift` (changed outside Terraform).
    #[arg(long)]
    include_drift: bool,
    /// A file of variable values for the root modules, as `terraform plan -var-file` reads it
    /// (repeatable; after `terraform.tfvars` and `*.auto.tfvars`, in the order given with --var).
    #[arg(long, value_name = "FILE")]
    var_file: Vec<PathBuf>,
    /// A variable value for the root modules, as `terraform plan -var` (repeatable).
    #[arg(long, value_name = "NAME=VALUE")]
    var: Vec<String>,
    /// Read `TF_VAR_<name>` variables from the environment, as Terraform does (below every
    /// file). Off by default: CI environments hold secrets. Their values are never printed.
    #[arg(long)]
    env_vars: bool,
    /// Skip paths matching this pattern, relative to the current directory, as `.gitignore`
    /// matches (repeatable; added to the configuration's `exclude`). Named files are skipped too.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The configuration file (default: `sglint.toml` or `.sglint.toml` in the current directory
    /// or its parents).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Run only these rules (comma-separated or repeated; replaces the configuration's `select`).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Run these rules too, on top of the configuration's (comma-separated or repeated; turns on
    /// rules that are off by default).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Do not run these rules (comma-separated or repeated; replaces the configuration's
    /// `ignore`).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Do not run these rules either, on top of the configuration's `ignore` (comma-separated or
    /// repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    extend_ignore: Vec<String>,
    /// Report only findings that are not in this baseline (see `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings of this run as a baseline in FILE, print nothing else, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Output format (default: the configuration's `output-format`, else pretty).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Exit 1 when a finding has at least this severity (default: the configuration's
    /// `fail-on`, else warning).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Print only the findings: no summary line, and no notes on standard error (errors about
    /// input are still printed).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Count the findings of each rule and severity: a table instead of the findings (pretty and
    /// concise), in the report's summary (json) or run properties (sarif), else on standard error.
    #[arg(long)]
    statistics: bool,
    /// Report every file in the directory of a named file, not only the named files (the
    /// pre-commit hook's mode: a change to one file can make a finding in another).
    #[arg(long)]
    whole_module: bool,
}

#[derive(clap::Args, Debug)]
struct GraphArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: Mermaid (renders in GitHub and GitLab Markdown), Graphviz DOT
    /// (`dot -Tsvg`), or JSON.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Note => Some(Severity::Note),
            FailOn::Never => None,
        }
    }
}

/// Exit code: no finding at or above `--fail-on`.
const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage error, unreadable or unparseable input.
const EXIT_ERROR: u8 = 2;

/// The stack of each thread that lints.
const WORKER_STACK: usize = 64 << 20;

/// Ends the process with `code` once standard output is flushed, without the work of an orderly
/// exit: the allocator returning every page it holds to the system (each `madvise` flushing the
/// other CPUs' TLBs) and the worker threads torn down, about 0.25 ms of a 1.9 ms run. Every file
/// sglint writes is flushed before [`run`] returns.
pub fn exit(code: u8) -> ! {
    // A failure to write was reported where it happened (a closed pipe is not one).
    let _ = std::io::stdout().flush();
    // SAFETY: `_exit` ends the process at once; nothing is left to run that the output needs
    // (files are flushed and closed by their writers, standard error is not buffered).
    unsafe { libc::_exit(code.into()) }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> u8 {
    // The commands that lint start their threads first, and run on them: the workers start up
    // while the command line is read, where building the global pool would wait for them.
    let workers = std::env::args_os()
        .nth(1)
        .is_some_and(|command| command == "check" || command == "graph")
        .then(|| {
            // Evaluation recurses as deep as the configuration nests (up to its limit): room
            // for that on every worker. The memory is reserved, not used.
            rayon::ThreadPoolBuilder::new()
                .stack_size(WORKER_STACK)
                .build()
                .ok()
        })
        .flatten();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    let on_workers = |lint: Box<dyn FnOnce() -> u8 + Send>| match &workers {
        Some(workers) => workers.install(lint),
        None => lint(),
    };
    match cli.command {
        Command::Check(args) => on_workers(Box::new(move || check(args, cli.color))),
        Command::Graph(args) => on_workers(Box::new(move || graph(args))),
        Command::Rules => write_out(None, &[], |out| {
            for entry in Registry::builtin().entries() {
                let off = if entry.enabled {
                    ""
                } else {
                    " (off by default)"
                };
                writeln!(
                    out,
                    "{:<28} {:<8} {}{off}",
                    entry.id, entry.severity, entry.title
                )?;
            }
            for finding in crate::diagnostic::INPUT_FINDINGS {
                let title = finding.title.trim_end_matches('.');
                writeln!(
                    out,
                    "{:<28} {:<8} {title} (about the input; always reported)",
                    finding.id, finding.severity
                )?;
            }
            Ok(EXIT_CLEAN)
        }),
        Command::Rule { id } => match Registry::builtin().get(&id) {
            Some(entry) => write_out(None, &[], |out| {
                write!(out, "{}", catalogue::render_markdown(entry))?;
                Ok(EXIT_CLEAN)
            }),
            None if let Some(finding) = crate::diagnostic::input_finding(&id) => {
                write_out(None, &[], |out| {
                    writeln!(
                        out,
                        "# {}

{}

Severity: **{}**

{}

This finding is about the input \
                         itself, not a rule: it is always reported, and cannot be selected, \
                         ignored, suppressed or recorded in a baseline.",
                        finding.id, finding.title, finding.severity, finding.description
                    )?;
                    Ok(EXIT_CLEAN)
                })
            }
            None => {
                print_error(&format!(
                    "sglint: no rule `{id}`; {}",
                    Registry::builtin().suggestion(&id)
                ));
                EXIT_ERROR
            }
        },
        Command::Completions { shell } => write_out(None, &[], |out| {
            clap_complete::generate(shell, &mut Cli::command(), "sglint", out);
            Ok(EXIT_CLEAN)
        }),
    }
}

/// Runs `write` on the output (`path`, else standard output), block-buffered, and returns its
/// exit code, or `EXIT_ERROR` when the output cannot be written. A closed pipe (`| head`) is
/// not an error.
fn write_out(
    path: Option<&Path>,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<u8>,
) -> u8 {
    let result = match path.filter(|p| p.as_os_str() != "-") {
        Some(path) => match files::create_output(path, inputs) {
            Ok(file) => {
                let mut out = BufWriter::new(file);
                write(&mut out).and_then(|code| out.flush().map(|()| code))
            }
            Err(why) => {
                print_error(&format!(
                    "sglint: cannot write the report to {}: {why}",
                    path.display()
                ));
                return EXIT_ERROR;
            }
        },
        None => {
            // A lock on stdout alone flushes at every line, one write per finding.
            let mut out = BufWriter::new(std::io::stdout().lock());
            write(&mut out).and_then(|code| out.flush().map(|()| code))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            match path {
                Some(path) => print_error(&format!(
                    "sglint: cannot write the report to {}: {}",
                    path.display(),
                    files::plain_io(&e)
                )),
                None => print_error(&format!("sglint: cannot write the report: {e}")),
            }
            EXIT_ERROR
        }
    }
}

/// The files a run reads besides its sources: its configuration, plans and baseline.
fn named_inputs(input: &InputArgs, baseline: Option<&Path>) -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_default();
    input
        .plan
        .iter()
        .cloned()
        .chain(input.config.clone().or_else(|| config::find(&cwd)))
        .chain(baseline.map(Path::to_path_buf))
        .collect()
}

/// Every file a run read, which its report or baseline must not replace.
fn all_inputs(report: &lint::Report, mut named: Vec<PathBuf>) -> Vec<PathBuf> {
    named.extend(report.sources.files.iter().map(|f| f.path.clone()));
    named
}

/// What a report written to `output` must not replace: every input, when it goes to a file
/// (standard output needs no list).
fn report_inputs(
    output: Option<&Path>,
    report: &lint::Report,
    named: Vec<PathBuf>,
) -> Vec<PathBuf> {
    match output {
        Some(path) if path.as_os_str() != "-" => all_inputs(report, named),
        _ => Vec::new(),
    }
}

/// Why a run linted nothing, when its paths were readable.
struct NothingToLint {
    message: String,
    /// False when every path named was excluded on purpose (a pre-commit run over excluded
    /// files), which is not a mistake.
    is_error: bool,
}

impl NothingToLint {
    fn print(&self) {
        for line in self.message.lines() {
            print_error(line);
        }
    }
}

/// What a run that read no module and no plan tells the user: what was not found, and how to
/// lint what was. `None` when the run read something, or said already why it could not.
fn nothing_to_lint(report: &lint::Report, paths: &[PathBuf]) -> Option<NothingToLint> {
    if report.inputs > 0 || !report.errors.is_empty() {
        return None;
    }
    let passed_over = &report.passed_over;
    if passed_over.excluded > 0 {
        return Some(NothingToLint {
            message: "sglint: nothing to lint: every path named is excluded (by `exclude` in the \
                      configuration file or `--exclude`)"
                .to_string(),
            is_error: false,
        });
    }
    let place = match paths {
        [] => "the current directory".to_string(),
        [path] => format!("`{}`", path.display()),
        paths => format!("the {} paths named", paths.len()),
    };
    let mut message =
        format!("sglint: nothing to lint: no Terraform files (`.tf`, `.tf.json`) in {place}");
    if let Some(first) = &passed_over.first_json {
        // One plan: its name; several: those of its directory, as a glob the shell expands.
        let example = match (passed_over.json_files, first.parent()) {
            (1, _) | (_, None) => first.display().to_string(),
            (_, Some(dir)) => dir.join("*.json").display().to_string(),
        };
        message.push_str(&format!(
            "\n  {} `.json` file(s) there are not Terraform's JSON syntax; a plan from `terraform \
             show -json` is read when named: `sglint check {example}`",
            passed_over.json_files,
        ));
    }
    if paths.is_empty() && !std::io::stdin().is_terminal() {
        message.push_str(
            "\n  to lint a plan on standard input, name it `-`: `terraform show -json tfplan | \
             sglint check -`",
        );
    }
    Some(NothingToLint {
        message,
        is_error: true,
    })
}

/// Prints a message on standard error with every character a terminal or a CI log would act on
/// escaped (a newline there would start a line the GitHub runner reads as a command).
fn print_error(message: &str) {
    eprintln!("{}", emit::terminal(message));
}

/// The configuration file's settings, with the input flags over them.
fn input_settings(input: &InputArgs) -> Result<Settings, String> {
    if let Some(dir) = &input.config_dir
        && !dir.is_dir()
    {
        return Err(emit::terminal(&format!(
            "sglint: --config-dir {}: {}",
            dir.display(),
            match std::fs::metadata(dir) {
                Ok(_) => "is not a directory".to_string(),
                Err(e) => format!("cannot read: {}", files::plain_io(&e)),
            }
        ))
        .into_owned());
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut settings = match &input.config {
        Some(path) => config::load(path)?,
        // Shown relative to the current directory, as the user would type it.
        None => match config::find(&cwd) {
            Some(found) => config::load_found(found.strip_prefix(&cwd).unwrap_or(&found))?,
            None => Settings::default(),
        },
    };
    settings
        .exclude
        .extend(input.exclude.iter().map(|pattern| ExcludePattern {
            pattern: pattern.clone(),
            base: PathBuf::new(),
        }));
    Ok(settings)
}

/// The settings of a `check` run: the configuration file, then the flags over it.
fn check_settings(args: &CheckArgs) -> Result<Settings, String> {
    let mut settings = input_settings(&args.input)?;
    if let Some(fail_on) = args.fail_on {
        settings.fail_on = fail_on.threshold();
    }
    let registry = settings.registry.clone();
    let ids = |flag: &str, ids: &[String]| -> Result<Vec<RuleId>, String> {
        ids.iter()
            // `--select 'a, b'`: the space after a comma is not part of the id.
            .map(|id| id.trim())
            .filter(|id| !id.is_empty())
            .map(|id| {
                registry.get(id).map(|r| r.id.clone()).ok_or_else(|| {
                    if crate::diagnostic::input_finding(id).is_some() {
                        format!(
                            "sglint: `{id}` in {flag} is not a rule but a finding about the \
                             input, always reported: fix the file, or skip it with `--exclude`"
                        )
                    } else {
                        format!(
                            "sglint: unknown rule `{}` in {flag}; {}",
                            emit::terminal(id),
                            emit::terminal(&registry.suggestion(id))
                        )
                    }
                })
            })
            .collect()
    };
    if !args.select.is_empty() {
        settings.select = ids("--select", &args.select)?;
    }
    if !args.ignore.is_empty() {
        settings.ignore = ids("--ignore", &args.ignore)?;
    }
    // A rule named on the command line runs even when the configuration ignores it; one
    // `--extend-ignore` names does not.
    let extend_select = ids("--extend-select", &args.extend_select)?;
    settings.ignore.retain(|id| !extend_select.contains(id));
    settings.extend_select.extend(extend_select);
    settings
        .ignore
        .extend(ids("--extend-ignore", &args.extend_ignore)?);
    Ok(settings)
}

/// The lint options of `input`.
fn lint_options(input: InputArgs, settings: Settings, keep_text: bool, graph: bool) -> Options {
    // `--var` and `--var-file` apply in the order they were given, as Terraform's do.
    let mut values: Vec<(usize, lint::VariableValues)> = Vec::new();
    values.extend(
        input
            .var_file
            .iter()
            .enumerate()
            .map(|(i, f)| (i, lint::VariableValues::File(f.clone()))),
    );
    values.extend(
        input
            .var
            .iter()
            .enumerate()
            .map(|(i, v)| (i, lint::VariableValues::Pair(v.clone()))),
    );
    let order = |v: &lint::VariableValues, i: usize| match v {
        lint::VariableValues::File(_) => arg_position("--var-file", i),
        lint::VariableValues::Pair(_) => arg_position("--var", i),
        lint::VariableValues::Environment => 0,
    };
    values.sort_by_key(|(i, v)| order(v, *i));
    let mut variables: Vec<lint::VariableValues> = values.into_iter().map(|(_, v)| v).collect();
    if input.env_vars {
        variables.insert(0, lint::VariableValues::Environment);
    }
    Options {
        variables,
        named_files: NamedFiles::OnlyNamed,
        paths: input.paths,
        settings,
        keep_text,
        plans: input.plan,
        plan: PlanOptions {
            config_dir: input.config_dir,
            include_drift: input.include_drift,
            keep_text,
        },
        graph,
    }
}

/// Where the `n`th occurrence of option `flag` is on the command line (for ordering options of
/// two kinds as they were given).
fn arg_position(flag: &str, n: usize) -> usize {
    std::env::args_os()
        .enumerate()
        .filter(|(_, a)| {
            let a = a.to_string_lossy();
            a == flag || a.starts_with(&format!("{flag}="))
        })
        .nth(n)
        .map_or(usize::MAX, |(i, _)| i)
}

fn check(args: CheckArgs, color: ColorChoice) -> u8 {
    let settings = match check_settings(&args) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_ERROR;
        }
    };
    let fail_on = settings.fail_on;
    let output = args.input.output.clone();
    // `--baseline` replaces the configuration's; writing one reads none.
    let baseline_path = match &args.write_baseline {
        Some(_) => None,
        None => args.baseline.clone().or_else(|| settings.baseline.clone()),
    };
    let named = named_inputs(&args.input, baseline_path.as_deref());
    let paths = args.input.paths.clone();
    let format = args
        .format
        .or(settings.output_format)
        .unwrap_or(Format::Pretty);
    let statistics_only = args.statistics && format.is_text();
    let mut options = lint_options(
        args.input,
        settings,
        format.shows_source() && !statistics_only,
        format.draws_graph() && !statistics_only,
    );
    if args.whole_module {
        options.named_files = NamedFiles::WholeModule;
    }
    let baseline = match baseline_path.as_deref().map(baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(message) => {
            print_error(&format!("sglint: {message}"));
            return EXIT_ERROR;
        }
    };
    let mut report = match lint::lint(&options) {
        Ok(report) => report,
        Err(message) => {
            print_error(&format!("sglint: {message}"));
            return EXIT_ERROR;
        }
    };
    for error in &report.errors {
        print_error(&format!("sglint: {error}"));
    }
    let nothing = nothing_to_lint(&report, &paths);
    if let Some(nothing) = &nothing
        && (nothing.is_error || !args.quiet)
    {
        nothing.print();
    }
    let nothing_is_error = nothing.is_some_and(|n| n.is_error);
    if let Some(path) = &args.write_baseline {
        return match baseline::write(&report, path, &all_inputs(&report, named)) {
            Ok(count) => {
                if !args.quiet {
                    print_error(&format!(
                        "sglint: recorded {count} finding(s) in {}",
                        path.display()
                    ));
                }
                if report.has_input_errors() || nothing_is_error {
                    EXIT_ERROR
                } else {
                    EXIT_CLEAN
                }
            }
            Err(message) => {
                print_error(&format!("sglint: {message}"));
                EXIT_ERROR
            }
        };
    }
    if !args.quiet
        && let Some(note) = calls_not_evaluated(&report.calls)
    {
        print_error(&note);
    }
    if let Some(baseline) = &baseline {
        let known = baseline.filter(&mut report);
        if known > 0 && !args.quiet {
            eprintln!("sglint: {known} finding(s) in the baseline are not shown");
        }
    }
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut ctx = emit::Context::from_env(color, args.quiet);
    ctx.statistics = args.statistics;
    ctx.fail_on = fail_on;
    let code = if report.has_input_errors() || nothing_is_error {
        EXIT_ERROR
    } else if let Some(threshold) = fail_on
        && report.diagnostics.iter().any(|d| d.severity >= threshold)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    let read = report_inputs(output.as_deref(), &report, named);
    let written = write_out(output.as_deref(), &read, |out| {
        if statistics_only {
            emit::statistics(&report, out)?;
        } else {
            emit::emit(format, &report, out, &ctx)?;
        }
        Ok(code)
    });
    if args.statistics && !statistics_only {
        // A machine format without a place for them: the counts go to the log, not the file.
        let mut table = Vec::new();
        if emit::statistics(&report, &mut table).is_ok() {
            eprint!("{}", String::from_utf8_lossy(&table));
        }
    }
    // The process ends next: freeing every finding and file one by one would only cost time
    // (about 45 ms of a 20,000-file run).
    std::mem::forget(report);
    written.max(code)
}

/// The note that says, once, how many module calls were not evaluated and what to do about it.
fn calls_not_evaluated(calls: &crate::tree::CallCounts) -> Option<String> {
    if calls.not_evaluated() == 0 {
        return None;
    }
    let mut reasons = Vec::new();
    if calls.remote > 0 {
        reasons.push(format!(
            "{} with a registry or git source (run `terraform init` and sglint reads them from \
             .terraform/modules)",
            calls.remote
        ));
    }
    if calls.not_linted > 0 {
        reasons.push(format!(
            "{} of a directory outside the linted paths or excluded (lint a directory that \
             holds both)",
            calls.not_linted
        ));
    }
    Some(format!(
        "sglint: note: {} module call(s) were not evaluated, so what their modules hold is not \
         checked and their outputs are unknown: {}",
        calls.not_evaluated(),
        reasons.join("; ")
    ))
}

fn graph(args: GraphArgs) -> u8 {
    let settings = match input_settings(&args.input) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_ERROR;
        }
    };
    let output = args.input.output.clone();
    let named = named_inputs(&args.input, None);
    let paths = args.input.paths.clone();
    let report = match lint::lint(&lint_options(args.input, settings, false, true)) {
        Ok(report) => report,
        Err(message) => {
            print_error(&format!("sglint: {message}"));
            return EXIT_ERROR;
        }
    };
    for error in &report.errors {
        print_error(&format!("sglint: {error}"));
    }
    for d in report.diagnostics.iter().filter(|d| d.rule == PARSE_ERROR) {
        let file = report.sources.file(d.span.file).display_path();
        let at = d.location.start;
        print_error(&format!(
            "{}:{}:{}: error: {}",
            emit::terminal_path(&file),
            at.line,
            at.column,
            d.message
        ));
    }
    if report.inputs == 0 {
        // Nothing was read: an empty chart would look like a configuration without groups.
        if let Some(nothing) = nothing_to_lint(&report, &paths) {
            nothing.print();
            if !nothing.is_error {
                return EXIT_CLEAN;
            }
        }
        return EXIT_ERROR;
    }
    let code = if report.has_input_errors() {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    };
    let text = match args.format {
        GraphFormat::Mermaid => crate::graph::mermaid::render(&report.graphs),
        GraphFormat::Dot => crate::graph::dot::render(&report.graphs),
        GraphFormat::Json => crate::graph::json::render(&report.graphs),
    };
    let read = report_inputs(output.as_deref(), &report, named);
    write_out(output.as_deref(), &read, |out| {
        out.write_all(text.as_bytes())?;
        Ok(code)
    })
    .max(code)
}
