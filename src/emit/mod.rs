//! Output formats. Each reads only the report's diagnostics (and, for Markdown, its graphs).

mod checkstyle;
mod concise;
mod github;
mod gitlab;
mod json;
mod junit;
mod markdown;
mod pretty;
mod sarif;

pub use pretty::can_show_snippets;

use crate::diagnostic::{Diagnostic, Severity};
use crate::files;
use crate::lint::Report;
use crate::source::FileId;
use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels and help (miette).
    Pretty,
    /// `path:line:col: severity: message [rule-id]`, one finding per line (editors).
    Concise,
    /// A JSON document with every finding and a summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// GitLab Code Quality JSON, for merge request widgets.
    Gitlab,
    /// Checkstyle XML (reviewdog, Jenkins).
    Checkstyle,
    /// JUnit XML, for the test-report views of CI systems.
    Junit,
    /// A pull-request comment: counts, findings by rule, and a diagram of the groups involved.
    Markdown,
}

impl Format {
    /// Whether the format shows source snippets, so the run must keep the texts of files.
    pub fn shows_source(self) -> bool {
        self == Format::Pretty
    }

    /// Whether the format is read by people rather than programs, so `--statistics` replaces
    /// its findings with the table of counts.
    pub fn is_text(self) -> bool {
        matches!(self, Format::Pretty | Format::Concise)
    }

    /// Whether the format draws the security-group graph, so the run must build it.
    pub fn draws_graph(self) -> bool {
        self == Format::Markdown
    }
}

/// Where the report is read, which decides how its paths and links are written.
#[derive(Clone, Debug)]
pub struct Context {
    /// Colours, for the pretty format.
    pub color: bool,
    /// Only the findings: no summary line (pretty format).
    pub quiet: bool,
    /// Add the counts of findings by rule and severity (`--statistics`) where the format has a
    /// place for them (JSON's summary, SARIF's run properties).
    pub statistics: bool,
    /// The least severity that fails the run (`--fail-on`; `None`: never): JUnit counts only
    /// those findings as failed tests.
    pub fail_on: Option<Severity>,
    /// The directory the report's relative paths start from.
    pub cwd: PathBuf,
    /// The repository root, which CI formats give paths relative to: the nearest directory
    /// above `cwd` with a `.git`, else `cwd`.
    pub root: PathBuf,
    /// The web address of the repository's files at the commit being checked, for links in
    /// Markdown (`https://github.com/o/r/blob/<sha>`), from the CI system's variables.
    pub links: Option<String>,
}

impl Context {
    /// The context of this process: its directory, repository and CI variables.
    pub fn from_env(color: bool, quiet: bool) -> Context {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&cwd)
            .to_path_buf();
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let links = match (
            var("GITHUB_SERVER_URL"),
            var("GITHUB_REPOSITORY"),
            var("GITHUB_SHA"),
        ) {
            (Some(server), Some(repository), Some(sha)) => {
                Some(format!("{server}/{repository}/blob/{sha}"))
            }
            _ => var("CI_PROJECT_URL")
                .zip(var("CI_COMMIT_SHA"))
                .map(|(project, sha)| format!("{project}/-/blob/{sha}")),
        };
        Context {
            color,
            quiet,
            statistics: false,
            fail_on: Some(Severity::Warning),
            cwd,
            root,
            links,
        }
    }
}

/// Writes the report in `format`.
pub fn emit(format: Format, report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::emit(report, out, ctx.color, ctx.quiet),
        Format::Concise => concise::emit(report, out),
        Format::Json => json::emit(report, out, ctx),
        Format::Sarif => sarif::emit(report, out, ctx),
        Format::Github => github::emit(report, out, ctx),
        Format::Gitlab => gitlab::emit(report, out, ctx),
        Format::Checkstyle => checkstyle::emit(report, out, ctx),
        Format::Junit => junit::emit(report, out, ctx),
        Format::Markdown => markdown::emit(report, out, ctx),
    }
}

/// How many findings a rule has at one severity (a rule's findings can differ in severity).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RuleCount<'r> {
    pub rule: &'r str,
    pub severity: Severity,
    pub count: usize,
}

/// The findings counted by rule and severity, most first (then by rule, worst severity first).
pub fn rule_counts(report: &Report) -> Vec<RuleCount<'_>> {
    let mut counts: rustc_hash::FxHashMap<(&str, Severity), usize> = Default::default();
    for d in &report.diagnostics {
        *counts.entry((&*d.rule, d.severity)).or_default() += 1;
    }
    let mut counts: Vec<RuleCount<'_>> = counts
        .into_iter()
        .map(|((rule, severity), count)| RuleCount {
            rule,
            severity,
            count,
        })
        .collect();
    counts.sort_by(|a, b| (b.count, a.rule, b.severity).cmp(&(a.count, b.rule, a.severity)));
    counts
}

/// Writes the counts of [`rule_counts`] as a table: count, severity, rule.
pub fn statistics(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for RuleCount {
        rule,
        severity,
        count,
    } in rule_counts(report)
    {
        writeln!(out, "{count:>6}  {severity:<8} {rule}")?;
    }
    Ok(())
}

/// Each file's path as CI systems want it: relative to the repository root with `/`
/// separators, or absolute when the file is outside the repository. Computed once per file.
struct RepoPaths<'r> {
    report: &'r Report,
    cwd: &'r Path,
    root: PathBuf,
    paths: Vec<Option<String>>,
}

impl<'r> RepoPaths<'r> {
    fn new(report: &'r Report, ctx: &'r Context) -> RepoPaths<'r> {
        RepoPaths {
            report,
            cwd: &ctx.cwd,
            root: files::normalize(&ctx.root),
            paths: vec![None; report.sources.files.len()],
        }
    }

    fn get(&mut self, file: FileId) -> &str {
        let (report, cwd, root) = (self.report, self.cwd, &self.root);
        self.paths[file].get_or_insert_with(|| {
            let absolute = files::normalize(&cwd.join(&report.sources.file(file).path));
            match absolute.strip_prefix(root) {
                Ok(relative) => files::slashes(relative),
                Err(_) => absolute.display().to_string(),
            }
        })
    }
}

impl RepoPaths<'_> {
    /// The finding's message, its help, and a `path:line: message` line per related location:
    /// the whole finding as one text, for formats with a single text field.
    fn full_text(&mut self, d: &Diagnostic) -> String {
        let mut text = message_with_help(d);
        for r in &d.related {
            let path = self.get(r.span.file);
            text.push_str(&format!(
                "\n{path}:{}: {}",
                r.location.start.line, r.message
            ));
        }
        text
    }
}

/// An identifier of each finding that does not change when lines move: a hash of its rule,
/// file, resource and message (what a baseline matches on), and its rank among findings with
/// the same identity.
fn fingerprints(report: &Report, paths: &mut RepoPaths<'_>) -> Vec<String> {
    let mut seen: rustc_hash::FxHashMap<u64, usize> = Default::default();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let identity = stable_hash(&[
                &*d.rule,
                paths.get(d.span.file),
                d.resource.as_deref().unwrap_or_default(),
                &d.message,
            ]);
            let rank = seen.entry(identity).or_insert(0);
            *rank += 1;
            format!("{identity:016x}:{rank}")
        })
        .collect()
}

/// FNV-1a over the parts, each followed by a 0 byte: the same in every build and on every
/// platform, unlike the standard library's hasher.
fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.bytes().chain([0])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The finding's message followed by its help, as one text for formats without a help field.
fn message_with_help(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.to_string(),
    }
}

/// A path as a URI reference: bytes other than unreserved characters and `/` percent-encoded.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Whether a character must not reach a terminal or a CI log as it is: control characters (C0,
/// DEL, C1: they move the cursor, clear the screen, end a line and so start a workflow command),
/// line and paragraph separators, and the bidirectional controls that reorder what is shown.
fn is_unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text from the input, for a terminal or a CI log (pretty and concise output, standard error):
/// each unsafe character written as a Rust-style escape (`\u{1b}`, `\n`), so it is seen and
/// cannot act. A backslash stays as it is.
pub fn terminal(text: &str) -> Cow<'_, str> {
    // Printable ASCII, as almost every message is, needs no look at its characters.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) || !text.chars().any(is_unsafe_for_terminal)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe_for_terminal(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A file's path for the start of a line on a terminal or in a CI log: [`terminal`], and `./`
/// before a name that starts with `:` (a line that starts with `::` is a GitHub workflow
/// command).
pub fn terminal_path(path: &str) -> Cow<'_, str> {
    match terminal(path) {
        shown if shown.starts_with(':') => Cow::Owned(format!("./{shown}")),
        shown => shown,
    }
}

/// A file's text for a snippet on a terminal: each unsafe character replaced by printable ones
/// of the same byte length, so that spans into the text still hold.
pub fn terminal_snippet(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && c != '\r' && is_unsafe_for_terminal(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || c == '\r' || !is_unsafe_for_terminal(c) {
            out.push(c);
        } else {
            // One to three bytes: `?`, `??` or the replacement character.
            match c.len_utf8() {
                3 => out.push('\u{fffd}'),
                n => out.extend(std::iter::repeat_n('?', n)),
            }
        }
    }
    Cow::Owned(out)
}

/// Text escaped for XML attributes and content.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // XML 1.0 cannot carry other control characters, even escaped, nor U+FFFE/U+FFFF.
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_repository_root() {
        let ctx = Context {
            color: false,
            quiet: false,
            statistics: false,
            fail_on: Some(Severity::Warning),
            cwd: PathBuf::from("/repo/infra"),
            root: PathBuf::from("/repo"),
            links: None,
        };
        let mut report = Report::default();
        for path in [
            "main.tf",
            "./net/../vpc.tf",
            "../app/main.tf",
            "/elsewhere/x.tf",
        ] {
            report.sources.files.push(crate::source::SourceFile::new(
                PathBuf::from(path),
                String::new(),
                true,
            ));
        }
        let mut paths = RepoPaths::new(&report, &ctx);
        let got: Vec<String> = (0..4).map(|f| paths.get(f).to_string()).collect();
        assert_eq!(
            got,
            [
                "infra/main.tf",
                "infra/vpc.tf",
                "app/main.tf",
                "/elsewhere/x.tf"
            ]
        );
    }

    #[test]
    fn stable_hash_separates_parts() {
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        // FNV-1a of the empty input is its offset basis; of one 0 byte, a known value.
        assert_eq!(stable_hash(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(&[""]), 0xaf63_bd4c_8601_b7df);
    }

    #[test]
    fn uri_escape_encodes_spaces_and_non_ascii() {
        assert_eq!(
            uri_escape("infra/my stack/é.tf"),
            "infra/my%20stack/%C3%A9.tf"
        );
    }

    #[test]
    fn xml_escape_keeps_documents_well_formed() {
        assert_eq!(
            xml_escape("a<b & \"c\"\n\u{1}\u{fffe}\u{ffff}"),
            "a&lt;b &amp; &quot;c&quot;&#10;\u{fffd}\u{fffd}\u{fffd}"
        );
    }

    #[test]
    fn terminal_text_shows_what_would_act() {
        assert_eq!(terminal("sg-1"), "sg-1");
        assert_eq!(
            terminal("a\n::error x\u{1b}[2J\u{9b}\u{202e}\tb"),
            "a\\n::error x\\u{1b}[2J\\u{9b}\\u{202e}\tb"
        );
        assert_eq!(terminal_path("::warning x.tf"), "./::warning x.tf");
        let snippet = "a = \"\u{1b}[8m\u{9b}\u{202e}\"\n";
        let shown = terminal_snippet(snippet);
        assert_eq!(shown, "a = \"?[8m??\u{fffd}\"\n");
        assert_eq!(shown.len(), snippet.len());
    }
}
