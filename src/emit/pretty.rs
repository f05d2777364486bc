//! `--format pretty`: miette's graphical report, one per finding, then a one-line summary.

use crate::catalogue::Registry;
use crate::diagnostic::{Diagnostic, Severity, SeverityCounts};
use crate::lint::Report;
use crate::source::Location;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

/// Lines longer than this are not shown as snippets.
const MAX_SNIPPET_LINE: usize = 400;

/// How many findings are drawn before they are written, and how many one task draws.
const FINDINGS_PER_BATCH: usize = 512;
const FINDINGS_PER_TASK: usize = 16;

/// Whether a snippet of `text` can ever be drawn: not when it is one long line, as Terraform
/// writes a plan (findings there are shown with their place instead), so such a text need not be
/// kept for this format.
pub fn can_show_snippets(text: &str) -> bool {
    text.len() <= MAX_SNIPPET_LINE || memchr::memchr(b'\n', text.trim_end().as_bytes()).is_some()
}

/// A finding in the shape miette renders.
#[derive(Debug)]
struct Rendered<'t> {
    header: String,
    severity: Severity,
    /// `None` for a finding on a line too long to show (a minified plan).
    source: Option<Excerpt<'t>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Rendered<'t>>,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
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

/// A file as miette reads it. miette's own `SourceCode` for strings scans from the start of the
/// text for every finding; this one finds lines in an index, so a finding deep in a large plan
/// costs no more than one near its top. It borrows the text (a plan's can be hundreds of
/// megabytes).
#[derive(Clone, Debug)]
struct Excerpt<'t> {
    name: String,
    /// The file's text; a copy only when it holds characters a terminal must not receive.
    text: Arc<Cow<'t, str>>,
    /// Byte offset where each line starts.
    line_starts: Arc<[usize]>,
}

impl<'t> Excerpt<'t> {
    fn new(name: String, text: Cow<'t, str>) -> Excerpt<'t> {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Excerpt {
            name,
            text: Arc::new(text),
            line_starts,
        }
    }

    /// The 0-based line of an offset.
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Where a line starts and where the next one does (or the text ends).
    fn line_range(&self, line: usize) -> (usize, usize) {
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        (self.line_starts[line], end)
    }

    /// Whether the line of an offset is too long to show (a minified plan is one line).
    fn is_long_line(&self, offset: usize) -> bool {
        let (start, end) = self.line_range(self.line(offset));
        end - start > MAX_SNIPPET_LINE
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        if context_lines_before == 0 && context_lines_after == 0 {
            // The handler asks for this to print `file:line:column`. miette's own reader counts
            // the column in bytes; every other format counts characters, and so does this.
            let line = self.line(start);
            let before = &self.text.as_bytes()[self.line_starts[line]..start];
            let column = String::from_utf8_lossy(before).chars().count();
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[start..end],
                *span,
                line,
                column,
                line + 1,
            )));
        }
        let first = self.line(start).saturating_sub(context_lines_before);
        let last = (self.line(end.saturating_sub(1).max(start)) + context_lines_after)
            .min(self.line_starts.len() - 1);
        // Whole lines, as miette's reader returns them when asked for context lines.
        let from = self.line_range(first).0;
        let to = self.line_range(last).1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            (from, to - from).into(),
            first,
            0,
            last + 1,
        )))
    }
}

/// The files findings are drawn from, each made ready (line index, unsafe characters replaced)
/// once, by whichever thread first draws a finding in it.
struct Texts<'r> {
    report: &'r Report,
    excerpts: Vec<OnceLock<Option<Excerpt<'r>>>>,
}

impl<'r> Texts<'r> {
    fn new(report: &'r Report) -> Texts<'r> {
        Texts {
            report,
            excerpts: (0..report.sources.files.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The file to draw a snippet of at `offset` from: none when its text was not kept (a
    /// minified plan) or the line is too long to show.
    fn snippet_source(&self, file: usize, offset: usize) -> Option<Excerpt<'r>> {
        let excerpt = self.excerpts[file].get_or_init(|| {
            let f = self.report.sources.file(file);
            let text = f.text.as_deref()?;
            Some(Excerpt::new(
                super::terminal(&f.display_path()).into_owned(),
                super::terminal_snippet(text),
            ))
        });
        excerpt
            .as_ref()
            .filter(|excerpt| !excerpt.is_long_line(offset))
            .cloned()
    }
}

fn span(d_start: usize, d_end: usize) -> SourceSpan {
    SourceSpan::from(d_start..d_end.max(d_start))
}

fn render<'r>(d: &Diagnostic, texts: &Texts<'r>, registry: &Registry) -> Rendered<'r> {
    let source = texts.snippet_source(d.span.file, d.span.start);
    let mut header = format!(
        "{}[{}]: {}",
        d.severity,
        d.rule,
        super::terminal(&d.message)
    );
    let mut labels = Vec::new();
    if source.is_some() {
        labels.push(LabeledSpan::new_primary_with_span(
            Some(super::terminal(&d.label).into_owned()),
            span(d.span.start, d.span.end),
        ));
    } else {
        header.push_str(&at(texts, d.span.file, d.location));
    }
    let mut related = Vec::new();
    for r in &d.related {
        match texts.snippet_source(r.span.file, r.span.start) {
            Some(_) if r.span.file == d.span.file && source.is_some() => {
                labels.push(LabeledSpan::new_with_span(
                    Some(super::terminal(&r.message).into_owned()),
                    span(r.span.start, r.span.end),
                ));
            }
            Some(related_source) => related.push(Rendered {
                header: super::terminal(&r.message).into_owned(),
                severity: Severity::Note,
                source: Some(related_source),
                labels: vec![LabeledSpan::new_primary_with_span(
                    None,
                    span(r.span.start, r.span.end),
                )],
                help: None,
                related: Vec::new(),
            }),
            None => related.push(Rendered {
                header: format!(
                    "{}{}",
                    super::terminal(&r.message),
                    at(texts, r.span.file, r.location)
                ),
                severity: Severity::Note,
                source: None,
                labels: Vec::new(),
                help: None,
                related: Vec::new(),
            }),
        }
    }
    let docs = registry
        .get(&d.rule)
        .map(|_| format!("run `sglint rule {}` for more", d.rule));
    let help = match (d.help.as_deref().map(super::terminal), docs) {
        (Some(h), Some(docs)) => Some(format!("{h}\n{docs}")),
        (h, docs) => h.map(Cow::into_owned).or(docs),
    };
    Rendered {
        header,
        severity: d.severity,
        source,
        labels,
        help,
        related,
    }
}

/// `at path:line:col`, for findings shown without a snippet.
fn at(texts: &Texts<'_>, file: usize, location: Location) -> String {
    format!(
        "\n  at {}:{}:{}",
        super::terminal(&texts.report.sources.file(file).display_path()),
        location.start.line,
        location.start.column
    )
}

/// Writes every finding, then (unless `quiet`) the one-line summary.
pub fn emit(report: &Report, out: &mut dyn Write, color: bool, quiet: bool) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let texts = Texts::new(report);
    // miette draws a finding in tens of microseconds, more than linting it took: draw several
    // at once, a batch at a time so that what waits to be written stays small, and write them
    // in order.
    let mut findings = report.diagnostics.iter();
    loop {
        let batch: Vec<&Diagnostic> = findings.by_ref().take(FINDINGS_PER_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let drawn: Vec<Result<String, fmt::Error>> = batch
            .par_chunks(FINDINGS_PER_TASK)
            .map(|chunk| {
                let mut drawn = String::new();
                for d in chunk {
                    handler.render_report(&mut drawn, &render(d, &texts, &report.registry))?;
                    drawn.push('\n');
                }
                Ok(drawn)
            })
            .collect();
        for drawn in drawn {
            out.write_all(drawn.map_err(io::Error::other)?.as_bytes())?;
        }
    }
    if quiet {
        return Ok(());
    }
    let counts = SeverityCounts::of(&report.diagnostics);
    let s = report.summary;
    writeln!(
        out,
        "{} error(s), {} warning(s), {} note(s) in {} file(s) ({} security group(s), {} rule(s))",
        counts.error, counts.warning, counts.note, s.files, s.security_groups, s.rules
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt shows the same lines, at the same line and column, as miette's own reader.
    #[test]
    fn excerpt_reads_spans_as_miette_does() {
        let text = "resource \"a\" \"b\" {\n  name = \"x\"\n\n  description = \"ç\"\n}\n";
        let excerpt = Excerpt::new("main.tf".to_string(), Cow::Borrowed(text));
        let at = |needle: &str| text.find(needle).unwrap();
        let name = at("name");
        let spans = [
            (0, 8),
            (name, name + 4),
            (at("\n\n") + 1, at("\n\n") + 1),
            (at("desc"), at("}")),
            (at("}"), text.len()),
            (name, at("}")),
        ];
        for (start, end) in spans {
            for context in [1, 2, 3] {
                let span = SourceSpan::from(start..end);
                let ours = excerpt.read_span(&span, context, context).unwrap();
                let miette = text.read_span(&span, context, context).unwrap();
                let case = format!("span {start}..{end}, context {context}");
                assert_eq!(ours.data(), miette.data(), "{case}");
                assert_eq!(ours.span(), miette.span(), "{case}");
                assert_eq!(ours.line(), miette.line(), "{case}");
                assert_eq!(ours.column(), miette.column(), "{case}");
                assert_eq!(ours.name(), Some("main.tf"));
            }
            // What the handler reads for the `file:line:column` header (no character before
            // these spans on their line is wider than a byte).
            let span = SourceSpan::from(start..end);
            let ours = excerpt.read_span(&span, 0, 0).unwrap();
            let miette = text.read_span(&span, 0, 0).unwrap();
            assert_eq!(ours.span().offset(), miette.span().offset());
            assert_eq!(
                (ours.line(), ours.column()),
                (miette.line(), miette.column()),
                "span {start}..{end} without context"
            );
        }
        assert!(excerpt.read_span(&(text.len()..99).into(), 1, 1).is_err());
    }

    /// The header's column counts characters, as concise and JSON output do: `ç` is one.
    #[test]
    fn header_columns_count_characters() {
        let text = "x = { a = \"ççç\", b = 1 }\n";
        let excerpt = Excerpt::new("main.tf".to_string(), Cow::Borrowed(text));
        let b = text.find("b =").unwrap();
        let contents = excerpt
            .read_span(&SourceSpan::from(b..b + 1), 0, 0)
            .unwrap();
        assert_eq!((contents.line(), contents.column()), (0, 17));
    }

    #[test]
    fn long_lines_are_found_without_scanning_the_file() {
        let long = format!("{{\"a\": \"{}\"}}\nshort\n", "x".repeat(MAX_SNIPPET_LINE));
        let excerpt = Excerpt::new("plan.json".to_string(), Cow::Borrowed(&long));
        assert!(excerpt.is_long_line(5));
        assert!(!excerpt.is_long_line(long.len() - 3));
    }

    /// A plan as Terraform writes it (one line, ending in a newline) never shows a snippet, so
    /// its text need not be kept; a short or pretty-printed one may.
    #[test]
    fn only_texts_with_a_showable_line_keep_snippets() {
        let minified = format!("{{\"resource_changes\": [\"{}\"]}}\n", "x".repeat(500));
        assert!(!can_show_snippets(&minified));
        assert!(can_show_snippets("{\"values\": {}}\n"));
        assert!(can_show_snippets(&minified.replacen("[", "[\n", 1)));
        assert!(can_show_snippets(&format!(
            "{{\n  \"a\": \"{}\"\n}}",
            "x".repeat(500)
        )));
    }
}
