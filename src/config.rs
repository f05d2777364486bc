//! `sglint.toml`: found in the current directory or its parents (or named with `--config`),
//! checked against the rule catalogue, and merged with the command line into [`Settings`].

use crate::catalogue::{self, OptionKind, OptionValue};
use crate::diagnostic::Severity;
use crate::discover::{self, ExcludePattern};
use crate::emit::{terminal, terminal_snippet};
use crate::files;
use miette::{LabeledSpan, SourceSpan};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml_edit::{ImDocument, Item, TableLike, Value};

/// The names a configuration file may have, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &["sglint.toml", ".sglint.toml"];

/// What one run applies: the catalogue's defaults, then the configuration file, then flags.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Paths to skip ([`Excludes`](crate::discover::Excludes) says how they match).
    pub exclude: Vec<ExcludePattern>,
    /// The configuration file's `baseline`, relative to the current directory (`--baseline`
    /// replaces it).
    pub baseline: Option<PathBuf>,
    /// The configuration's `output-format` (`--format` replaces it).
    pub output_format: Option<crate::emit::Format>,
    /// The least severity that makes the run fail; `None` never fails on findings.
    pub fail_on: Option<Severity>,
    /// When not empty, only these rules run (and those of `extend_select`).
    pub select: Vec<&'static str>,
    /// These rules run too, even when off by default or not in `select`.
    pub extend_select: Vec<&'static str>,
    /// These rules do not run.
    pub ignore: Vec<&'static str>,
    rules: BTreeMap<&'static str, RuleSettings>,
}

/// How one rule runs.
#[derive(Clone, Debug)]
pub struct RuleSettings {
    /// `None` when the rule is off.
    pub severity: Option<Severity>,
    /// Whether `severity` was configured: it then applies to every finding, including those a
    /// rule gives a severity of their own (`public-ingress` on an admin port).
    pub severity_configured: bool,
    options: BTreeMap<String, OptionValue>,
}

impl RuleSettings {
    /// A list-of-integers option (empty when the rule declares no such option).
    pub fn integers(&self, name: &str) -> &[i64] {
        match self.options.get(name) {
            Some(OptionValue::Integers(values)) => values,
            _ => &[],
        }
    }

    /// An integer option (0 when the rule declares no such option).
    pub fn integer(&self, name: &str) -> i64 {
        match self.options.get(name) {
            Some(OptionValue::Integer(value)) => *value,
            _ => 0,
        }
    }

    /// A list-of-strings option (empty when the rule declares no such option).
    pub fn strings(&self, name: &str) -> &[String] {
        match self.options.get(name) {
            Some(OptionValue::Strings(values)) => values,
            _ => &[],
        }
    }
}

impl Default for Settings {
    /// The catalogue's defaults.
    fn default() -> Settings {
        let rules = catalogue::RULE_DEFAULTS
            .iter()
            .map(|rule| {
                let settings = RuleSettings {
                    severity: rule.enabled.then_some(rule.severity),
                    severity_configured: false,
                    options: rule
                        .options
                        .iter()
                        .map(|option| (option.name.to_string(), option.value.to_value()))
                        .collect(),
                };
                (rule.id, settings)
            })
            .collect();
        Settings {
            exclude: Vec::new(),
            baseline: None,
            output_format: None,
            fail_on: Some(Severity::Warning),
            select: Vec::new(),
            extend_select: Vec::new(),
            ignore: Vec::new(),
            rules,
        }
    }
}

impl Settings {
    /// How rule `id` runs, and at which severity; `None` when it is off (or not a rule).
    pub fn active(&self, id: &str) -> Option<(Severity, &RuleSettings)> {
        let rule = self.rules.get(id)?;
        if self.ignore.contains(&id) {
            return None;
        }
        let extended = self.extend_select.contains(&id);
        if self.select.is_empty() && !extended {
            return rule.severity.map(|s| (s, rule));
        }
        // Selecting a rule that is off by default turns it on.
        let selected = extended || self.select.contains(&id);
        let severity = rule
            .severity
            .or_else(|| catalogue::defaults(id).map(|r| r.severity));
        selected.then_some(severity?).map(|s| (s, rule))
    }
}

/// A configuration file that cannot be used, with the place in it that says why.
#[derive(Debug)]
pub struct ConfigError {
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    span: Range<usize>,
    source: Box<OneLine>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source.as_ref())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = SourceSpan::from(self.span.clone());
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), span),
        )))
    }
}

/// The configuration file for a run started in `dir`: the first of [`FILE_NAMES`] in it or in
/// one of its parents (whatever kind of file it is: [`load_found`] refuses what it must not read).
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|path| path.symlink_metadata().is_ok())
}

/// Reads a configuration file that [`find`] found: as [`load`], but a symbolic link is followed
/// only when it stays in the file's own directory, since a repository can commit a link named
/// `sglint.toml` to any file of the machine that runs it.
pub fn load_found(path: &Path) -> Result<Settings, String> {
    let dir = path.parent().unwrap_or(Path::new(""));
    if files::is_link(path) && !files::stays_inside(path, &files::real_dir(dir)) {
        return Err(format!(
            "sglint: {}: is a symbolic link that leads out of its directory; sglint does not \
             follow it (remove it, or name a configuration file with --config)",
            shown(path)
        ));
    }
    load(path)
}

/// A path for a message on standard error.
fn shown(path: &Path) -> String {
    terminal(&path.display().to_string()).into_owned()
}

/// Reads a configuration file over the catalogue's defaults.
pub fn load(path: &Path) -> Result<Settings, String> {
    let bytes = files::read(path, files::MAX_SETTINGS_FILE)
        .map_err(|why| format!("sglint: {}: {why}", shown(path)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "sglint: {}: is not a text file (invalid UTF-8 at byte {}); a configuration file \
             is TOML text",
            shown(path),
            e.utf8_error().valid_up_to()
        )
    })?;
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(format!(
            "sglint: {}: is not a text file (a NUL byte at byte {at}); a configuration file is \
             TOML text",
            shown(path)
        ));
    }
    from_text(path, text)
}

/// Reads the text of a configuration file over the catalogue's defaults; an error is rendered
/// for standard error, pointing into the text. `path` names the file.
pub fn from_text(path: &Path, text: String) -> Result<Settings, String> {
    parse(path, text).map_err(|e| render(&e))
}

/// Renders a configuration error as miette's report, for standard error.
fn render(error: &ConfigError) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_links(false);
    match handler.render_report(&mut out, error) {
        Ok(()) => out.trim_end().to_string(),
        Err(_) => error.message.clone(),
    }
}

/// Parses the text of a configuration file; `path` names it in errors.
pub fn parse(path: &Path, text: String) -> Result<Settings, ConfigError> {
    let document = match ImDocument::parse(text.as_str()) {
        Ok(document) => document,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(error_at(
                path,
                &text,
                span,
                "is not valid TOML",
                e.message().trim(),
                None,
            ));
        }
    };
    let reader = Reader { path, text: &text };
    let mut settings = Settings::default();
    let root = document.as_table();
    for (key, item) in root.iter() {
        let at = reader.key_span(root, key);
        match key {
            "exclude" => {
                let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
                settings.exclude = (reader.strings(item)?.into_iter())
                    .map(|(pattern, span)| match discover::exclude_glob(&pattern) {
                        Ok(_) => Ok(ExcludePattern {
                            pattern,
                            base: base.clone(),
                        }),
                        Err(why) => Err(reader.error(
                            span,
                            format!("`{pattern}` is not a pattern sglint can match"),
                            &why,
                            Some(
                                "patterns follow `.gitignore`: `legacy`, `infra/legacy/`, \
                                 `examples/**`, `*.generated.tf`"
                                    .to_string(),
                            ),
                        )),
                    })
                    .collect::<Result<_, _>>()?;
            }
            "baseline" => {
                let (value, span) = reader.string(item)?;
                let dir = path.parent().unwrap_or(Path::new(""));
                let baseline = dir.join(&value);
                // The file is the repository's to name, and a pull request can change it: it is
                // read only inside the configuration file's directory (links resolved).
                if value.is_empty()
                    || baseline.exists() && !files::stays_inside(&baseline, &files::real_dir(dir))
                {
                    return Err(reader.error(
                        span,
                        format!("`baseline` cannot be `{value}`"),
                        "not a file in this directory or below it",
                        Some(
                            "name a baseline below the configuration file's directory, e.g. \
                             `baseline = \"sglint-baseline.json\"`, or pass `--baseline FILE`"
                                .to_string(),
                        ),
                    ));
                }
                settings.baseline = Some(baseline);
            }
            "output-format" => {
                let (value, span) = reader.string(item)?;
                let format = <crate::emit::Format as clap::ValueEnum>::from_str(&value, false);
                settings.output_format = Some(format.map_err(|_| {
                    let names: Vec<String> =
                        <crate::emit::Format as clap::ValueEnum>::value_variants()
                            .iter()
                            .filter_map(clap::ValueEnum::to_possible_value)
                            .map(|v| v.get_name().to_string())
                            .collect();
                    reader.error(
                        span,
                        format!("`output-format` cannot be `{value}`"),
                        "not a format",
                        Some(format!("use one of: {}", names.join(", "))),
                    )
                })?);
            }
            "fail-on" => {
                let (value, span) = reader.string(item)?;
                settings.fail_on = match value.as_str() {
                    "never" => None,
                    other => Some(severity(other).ok_or_else(|| {
                        reader.error(
                            span,
                            format!("`fail-on` cannot be `{other}`"),
                            "not a severity",
                            Some("use one of: error, warning, note, never".to_string()),
                        )
                    })?),
                };
            }
            "rules" => reader.rules(item, &mut settings)?,
            other => {
                return Err(reader.error(
                    at,
                    format!("unknown key `{other}`"),
                    "unknown key",
                    Some(
                        "the top-level keys are: baseline, exclude, fail-on, output-format, rules"
                            .to_string(),
                    ),
                ));
            }
        }
    }
    Ok(settings)
}

fn severity(name: &str) -> Option<Severity> {
    match name {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "note" => Some(Severity::Note),
        _ => None,
    }
}

fn error_at(
    path: &Path,
    text: &str,
    span: Range<usize>,
    message: &str,
    label: &str,
    help: Option<String>,
) -> ConfigError {
    let source = OneLine::new(path.display().to_string(), text, span.start);
    let span = span.start..span.end.clamp(span.start, source.start + source.text.len());
    // What came from the file (values, keys, the line itself) is escaped before miette draws it.
    ConfigError {
        message: terminal(&format!("{}: {message}", path.display())).into_owned(),
        label: terminal(label).into_owned(),
        help: help.map(|h| terminal(&h).into_owned()),
        span,
        source: Box::new(source),
    }
}

/// The most of a configuration file an error shows: the line it points into, cut to
/// [`ONE_LINE`] characters around the place. A file that is not what it claims to be (a link to
/// a secret, a binary) shows no more of itself than that.
#[derive(Debug)]
struct OneLine {
    name: String,
    /// The shown part of the line.
    text: String,
    /// Where it starts in the file.
    start: usize,
    /// The 0-based line and column (in bytes) where it starts.
    line: usize,
    column: usize,
}

/// How many characters of a configuration file's line an error shows.
const ONE_LINE: usize = 200;

impl OneLine {
    fn new(name: String, text: &str, at: usize) -> OneLine {
        let at = (0..=at.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[line_start..line_end];
        // Characters before the place, then after it, within the budget.
        let before: Vec<usize> = line[..at - line_start]
            .char_indices()
            .map(|(i, _)| i)
            .collect();
        let from = line_start
            + before
                .get(before.len().saturating_sub(ONE_LINE / 2))
                .copied()
                .unwrap_or(0);
        let shown_before = text[from..at].chars().count();
        let to = text[at..line_end]
            .char_indices()
            .nth(ONE_LINE - shown_before)
            .map_or(line_end, |(i, _)| at + i);
        OneLine {
            name: terminal(&name).into_owned(),
            text: terminal_snippet(&text[from..to]).into_owned(),
            start: from,
            line: text[..line_start].matches('\n').count(),
            column: from - line_start,
        }
    }
}

impl miette::SourceCode for OneLine {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let end = self.start + self.text.len();
        if span.offset() < self.start || span.offset() + span.len() > end {
            return Err(miette::MietteError::OutOfBounds);
        }
        if context_lines_before == 0 && context_lines_after == 0 {
            // What the handler reads for the `file:line:column` header: the span itself.
            let from = span.offset() - self.start;
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[from..from + span.len()],
                *span,
                self.line,
                self.column + from,
                1,
            )));
        }
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (self.start, self.text.len()).into(),
            self.line,
            self.column,
            1,
        )))
    }
}

/// Reads typed values out of the document, with errors that point at them.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Reader<'_> {
    fn error(
        &self,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> ConfigError {
        error_at(self.path, self.text, span, &message, label, help)
    }

    fn key_span(&self, table: &dyn TableLike, key: &str) -> Range<usize> {
        table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .unwrap_or(0..0)
    }

    fn wrong_type(
        &self,
        item_span: Option<Range<usize>>,
        found: &str,
        expected: &str,
    ) -> ConfigError {
        self.error(
            item_span.unwrap_or(0..0),
            format!("expected {expected}, found {found}"),
            &format!("expected {expected}"),
            None,
        )
    }

    fn value<'i>(&self, item: &'i Item, expected: &str) -> Result<&'i Value, ConfigError> {
        item.as_value()
            .ok_or_else(|| self.wrong_type(item.span(), item.type_name(), expected))
    }

    fn string(&self, item: &Item) -> Result<(String, Range<usize>), ConfigError> {
        let value = self.value(item, "a string")?;
        let span = value.span().unwrap_or(0..0);
        value
            .as_str()
            .map(|s| (s.to_string(), span.clone()))
            .ok_or_else(|| self.wrong_type(Some(span), value.type_name(), "a string"))
    }

    fn strings(&self, item: &Item) -> Result<Vec<(String, Range<usize>)>, ConfigError> {
        let array = self
            .value(item, "a list of strings")?
            .as_array()
            .ok_or_else(|| self.wrong_type(item.span(), item.type_name(), "a list of strings"))?;
        array
            .iter()
            .map(|v| {
                let span = v.span().unwrap_or(0..0);
                v.as_str()
                    .map(|s| (s.to_string(), span.clone()))
                    .ok_or_else(|| self.wrong_type(Some(span), v.type_name(), "a string"))
            })
            .collect()
    }

    fn integer(&self, value: &Value) -> Result<i64, ConfigError> {
        value
            .as_integer()
            .ok_or_else(|| self.wrong_type(value.span(), value.type_name(), "an integer"))
    }

    /// A rule id, checked against the catalogue.
    fn rule_id(&self, id: &str, span: Range<usize>) -> Result<&'static str, ConfigError> {
        catalogue::defaults(id).map(|r| r.id).ok_or_else(|| {
            if crate::diagnostic::input_finding(id).is_some() {
                self.error(
                    span,
                    format!("`{id}` is not a rule but a finding about the input"),
                    "always reported",
                    Some("fix the file it points at, or skip the file with `exclude`".to_string()),
                )
            } else {
                self.error(
                    span,
                    format!("unknown rule `{id}`"),
                    "no such rule",
                    Some(catalogue::suggestion(id)),
                )
            }
        })
    }

    /// The `[rules]` table: `select`, `ignore` and one table per rule.
    fn rules(&self, item: &Item, settings: &mut Settings) -> Result<(), ConfigError> {
        let table = item
            .as_table_like()
            .ok_or_else(|| self.wrong_type(item.span(), item.type_name(), "a table"))?;
        for (key, item) in table.iter() {
            let key_span = self.key_span(table, key);
            match key {
                "select" | "ignore" => {
                    let ids = self
                        .strings(item)?
                        .into_iter()
                        .map(|(id, span)| self.rule_id(&id, span))
                        .collect::<Result<Vec<_>, _>>()?;
                    if key == "select" {
                        settings.select = ids;
                    } else {
                        settings.ignore = ids;
                    }
                }
                id => {
                    let id = self.rule_id(id, key_span)?;
                    self.rule(id, item, settings)?;
                }
            }
        }
        Ok(())
    }

    /// One `[rules.<id>]` table: `severity` and the options the rule declares.
    fn rule(
        &self,
        id: &'static str,
        item: &Item,
        settings: &mut Settings,
    ) -> Result<(), ConfigError> {
        let table = item
            .as_table_like()
            .ok_or_else(|| self.wrong_type(item.span(), item.type_name(), "a table"))?;
        let Some(defaults) = catalogue::defaults(id) else {
            return Ok(());
        };
        let Some(rule) = settings.rules.get_mut(id) else {
            return Ok(());
        };
        for (key, item) in table.iter() {
            if key == "severity" {
                let (value, span) = self.string(item)?;
                rule.severity_configured = true;
                rule.severity = match value.as_str() {
                    "off" => None,
                    other => Some(severity(other).ok_or_else(|| {
                        self.error(
                            span,
                            format!("`severity` of `{id}` cannot be `{other}`"),
                            "not a severity",
                            Some("use one of: error, warning, note, off".to_string()),
                        )
                    })?),
                };
                continue;
            }
            let Some(spec) = defaults.options.iter().find(|o| o.name == key) else {
                let known: Vec<&str> = std::iter::once("severity")
                    .chain(defaults.options.iter().map(|o| o.name))
                    .collect();
                return Err(self.error(
                    self.key_span(table, key),
                    format!("rule `{id}` has no option `{key}`"),
                    "unknown option",
                    Some(format!("`{id}` takes: {}", known.join(", "))),
                ));
            };
            let in_range = |value: &Value| -> Result<i64, ConfigError> {
                let n = self.integer(value)?;
                if (spec.min..=spec.max).contains(&n) {
                    return Ok(n);
                }
                Err(self.error(
                    value.span().unwrap_or(0..0),
                    format!("`{key}` of `{id}` cannot be {n}"),
                    "out of range",
                    Some(format!("use a number from {} to {}", spec.min, spec.max)),
                ))
            };
            let value = match spec.kind {
                OptionKind::Integer => {
                    OptionValue::Integer(in_range(self.value(item, "an integer")?)?)
                }
                OptionKind::Integers => {
                    let value = self.value(item, "a list of integers")?;
                    let array = value.as_array().ok_or_else(|| {
                        self.wrong_type(value.span(), value.type_name(), "a list of integers")
                    })?;
                    OptionValue::Integers(array.iter().map(in_range).collect::<Result<_, _>>()?)
                }
                OptionKind::Strings => {
                    OptionValue::Strings(self.strings(item)?.into_iter().map(|(s, _)| s).collect())
                }
            };
            rule.options.insert(key.to_string(), value);
        }
        Ok(())
    }
}
