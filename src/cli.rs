//! The command line: `sglint check`, `sglint rules`, `sglint rule <id>`.

use crate::config::{self, Settings};
use crate::diagnostic::Severity;
use crate::emit::{self, Format};
use crate::lint::{self, Options};
use crate::plan::PlanOptions;
use crate::{baseline, catalogue};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Lints AWS security groups written in Terraform.
#[derive(Parser, Debug)]
#[command(name = "sglint", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint .tf files and directories (default: the current directory), and plans or states
    /// from `terraform show -json` (a `.json` file, or `-` for standard input).
    Check(CheckArgs),
    /// List every rule: id, default severity and title.
    Rules,
    /// Print a rule's full catalogue entry.
    Rule {
        /// The rule id, e.g. `mutual-reference`.
        id: String,
    },
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or directories. A named .tf file loads its whole directory so references resolve,
    /// but only its own findings are reported. A .json file or `-` is read as a plan or state.
    paths: Vec<PathBuf>,
    /// A plan or state from `terraform show -json` (repeatable).
    #[arg(long, value_name = "FILE")]
    plan: Vec<PathBuf>,
    /// Where the plan's .tf files are, to point findings at their lines (default: the plan
    /// file's directory; the current directory for standard input).
    #[arg(long, value_name = "DIR")]
    config_dir: Option<PathBuf>,
    /// Also lint resources of the plan's `resource_drift` (changed outside Terraform).
    #[arg(long)]
    include_drift: bool,
    /// Skip paths matching this glob (repeatable; added to the configuration's `exclude`).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The configuration file (default: `sglint.toml` or `.sglint.toml` in the current directory
    /// or its parents).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Run only these rules (comma-separated or repeated; replaces the configuration's `select`).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules (comma-separated or repeated; replaces the configuration's
    /// `ignore`).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Report only findings that are not in this baseline (see `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings of this run as a baseline in FILE, print nothing else, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    format: Format,
    /// Exit 1 when a finding has at least this severity (default: the configuration's
    /// `fail-on`, else warning).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
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

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    // Block-buffered: a lock on stdout alone flushes at every line, one write per finding.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let code = match cli.command {
        Command::Check(args) => check(args, &mut stdout),
        Command::Rules => {
            for entry in catalogue::entries() {
                let off = if entry.enabled {
                    ""
                } else {
                    " (off by default)"
                };
                let _ = writeln!(
                    stdout,
                    "{:<28} {:<8} {}{off}",
                    entry.id, entry.severity, entry.title
                );
            }
            EXIT_CLEAN
        }
        Command::Rule { id } => match catalogue::entry(&id) {
            Some(entry) => {
                let _ = write!(stdout, "{}", catalogue::render_markdown(entry));
                EXIT_CLEAN
            }
            None => {
                eprintln!("sglint: no rule `{id}`; `sglint rules` lists them");
                EXIT_ERROR
            }
        },
    };
    if let Err(e) = stdout.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("sglint: cannot write the report: {e}");
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(code)
}

/// The settings of a `check` run: the configuration file, then the flags over it.
fn settings(args: &CheckArgs) -> Result<Settings, String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let file = match &args.config {
        Some(path) => Some(path.clone()),
        // Shown relative to the current directory, as the user would type it.
        None => config::find(&cwd).map(|p| p.strip_prefix(&cwd).map_or(p.clone(), Into::into)),
    };
    let mut settings = match file {
        Some(path) => config::load(&path)?,
        None => Settings::default(),
    };
    settings.exclude.extend(args.exclude.iter().cloned());
    if let Some(fail_on) = args.fail_on {
        settings.fail_on = fail_on.threshold();
    }
    let ids = |flag: &str, ids: &[String]| -> Result<Vec<&'static str>, String> {
        ids.iter()
            .map(|id| {
                catalogue::entry(id).map(|e| e.id.as_str()).ok_or_else(|| {
                    format!(
                        "sglint: unknown rule `{id}` in {flag}; {}",
                        catalogue::suggestion(id)
                    )
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
    Ok(settings)
}

fn check(args: CheckArgs, out: &mut dyn Write) -> u8 {
    let settings = match settings(&args) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_ERROR;
        }
    };
    let fail_on = settings.fail_on;
    let options = Options {
        paths: args.paths,
        settings,
        keep_text: args.format == Format::Pretty,
        plans: args.plan,
        plan: PlanOptions {
            config_dir: args.config_dir,
            include_drift: args.include_drift,
        },
    };
    let baseline = match args.baseline.as_deref().map(baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(message) => {
            eprintln!("sglint: {message}");
            return EXIT_ERROR;
        }
    };
    let mut report = match lint::lint(&options) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("sglint: {message}");
            return EXIT_ERROR;
        }
    };
    for error in &report.errors {
        eprintln!("sglint: {error}");
    }
    if let Some(path) = &args.write_baseline {
        return match baseline::write(&report, path) {
            Ok(count) => {
                eprintln!("sglint: recorded {count} finding(s) in {}", path.display());
                if report.has_input_errors() {
                    EXIT_ERROR
                } else {
                    EXIT_CLEAN
                }
            }
            Err(message) => {
                eprintln!("sglint: {message}");
                EXIT_ERROR
            }
        };
    }
    if let Some(baseline) = &baseline {
        let known = baseline.filter(&mut report);
        if known > 0 {
            eprintln!("sglint: {known} finding(s) in the baseline are not shown");
        }
    }
    let color = args.format == Format::Pretty
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if let Err(e) = emit::emit(args.format, &report, out, color) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("sglint: cannot write the report: {e}");
        }
        return EXIT_ERROR;
    }
    if report.has_input_errors() {
        EXIT_ERROR
    } else if let Some(threshold) = fail_on
        && report.diagnostics.iter().any(|d| d.severity >= threshold)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
