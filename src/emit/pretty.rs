//! `--format pretty`: miette's graphical report, one per finding, then a one-line summary.

use crate::catalogue;
use crate::diagnostic::{Diagnostic, Severity, SeverityCounts};
use crate::lint::Report;
use crate::parse::PARSE_ERROR;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// Lines longer than this are not shown as snippets.
const MAX_SNIPPET_LINE: usize = 400;

/// A finding in the shape miette renders.
#[derive(Debug)]
struct Rendered {
    header: String,
    severity: Severity,
    /// `None` for a finding on a line too long to show (a minified plan).
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

struct Texts<'r> {
    report: &'r Report,
    cache: HashMap<usize, Arc<str>>,
}

impl Texts<'_> {
    fn source(&mut self, file: usize) -> NamedSource<Arc<str>> {
        let f = self.report.sources.file(file);
        let text = self
            .cache
            .entry(file)
            .or_insert_with(|| Arc::from(f.text.as_deref().unwrap_or_default()))
            .clone();
        NamedSource::new(f.display_path(), text)
    }
}

fn span(d_start: usize, d_end: usize) -> SourceSpan {
    SourceSpan::from(d_start..d_end.max(d_start))
}

fn render(d: &Diagnostic, texts: &mut Texts<'_>) -> Rendered {
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        Some(d.label.to_string()),
        span(d.span.start, d.span.end),
    )];
    let mut related = Vec::new();
    for r in &d.related {
        if r.span.file == d.span.file {
            labels.push(LabeledSpan::new_with_span(
                Some(r.message.to_string()),
                span(r.span.start, r.span.end),
            ));
        } else {
            related.push(Rendered {
                header: r.message.to_string(),
                severity: Severity::Note,
                source: Some(texts.source(r.span.file)),
                labels: vec![LabeledSpan::new_primary_with_span(
                    None,
                    span(r.span.start, r.span.end),
                )],
                help: None,
                related: Vec::new(),
            });
        }
    }
    let docs = (d.rule != PARSE_ERROR).then(|| format!("see {}", catalogue::doc_path(d.rule)));
    let help = match (&d.help, docs) {
        (Some(h), Some(docs)) => Some(format!("{h}\n{docs}")),
        (h, docs) => h.as_ref().map(|h| h.to_string()).or(docs),
    };
    let mut header = format!("{}[{}]: {}", d.severity, d.rule, d.message);
    let file = texts.report.sources.file(d.span.file);
    let long_line = file.text.as_deref().is_some_and(|text| {
        let start = text[..d.span.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        end - start > MAX_SNIPPET_LINE
    });
    if long_line {
        // A snippet of a minified plan would print the whole file on one line.
        header.push_str(&format!(
            "\n  at {}:{}:{}",
            file.display_path(),
            d.location.start.line,
            d.location.start.column
        ));
        labels.clear();
    }
    Rendered {
        header,
        severity: d.severity,
        source: (!long_line).then(|| texts.source(d.span.file)),
        labels,
        help,
        related,
    }
}

pub fn emit(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut texts = Texts {
        report,
        cache: HashMap::new(),
    };
    for d in &report.diagnostics {
        let mut rendered = String::new();
        handler
            .render_report(&mut rendered, &render(d, &mut texts))
            .map_err(io::Error::other)?;
        writeln!(out, "{rendered}")?;
    }
    let counts = SeverityCounts::of(&report.diagnostics);
    let s = report.summary;
    writeln!(
        out,
        "{} error(s), {} warning(s), {} note(s) in {} file(s) ({} security group(s), {} rule(s))",
        counts.error, counts.warning, counts.note, s.files, s.security_groups, s.rules
    )
}
