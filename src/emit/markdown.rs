//! `--format markdown`: a pull-request comment. Counts by severity, the findings grouped by
//! rule with links to their lines, and a Mermaid diagram of the groups involved.

use super::{Context, RepoPaths, uri_escape};
use crate::catalogue::{self, Entry};
use crate::diagnostic::{Diagnostic, SeverityCounts};
use crate::graph::{self, ModuleGraph, NodeKind};
use crate::lint::Report;
use crate::model::resource_name;
use crate::source::FileId;
use rustc_hash::FxHashSet as HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Findings listed in all, shared among the rules; a comment is limited in size (GitHub takes
/// 65,536 characters).
const MAX_LISTED: usize = 100;
/// Findings listed for each rule, whatever the number of rules.
const MIN_PER_RULE: usize = 3;
/// Nodes a diagram may have and still be read.
const MAX_DIAGRAM_NODES: usize = 40;

pub fn emit(report: &Report, out: &mut dyn Write, ctx: &Context) -> io::Result<()> {
    let mut paths = RepoPaths::new(report, ctx);
    let counts = SeverityCounts::of(&report.diagnostics);
    let s = report.summary;
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## sglint: {}, {}, {}\n\n{} file(s), {} security group(s), {} rule(s) checked.\n",
        plural(counts.error, "error"),
        plural(counts.warning, "warning"),
        plural(counts.note, "note"),
        s.files,
        s.security_groups,
        s.rules
    );
    if report.diagnostics.is_empty() {
        md.push_str("No findings.\n");
    } else {
        md.push_str("| Severity | Findings |\n|---|---:|\n");
        for (name, count) in [
            ("error", counts.error),
            ("warning", counts.warning),
            ("note", counts.note),
        ] {
            let _ = writeln!(md, "| {name} | {count} |");
        }
    }
    let mut by_rule: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    for d in &report.diagnostics {
        match by_rule.iter_mut().find(|(rule, _)| *rule == d.rule) {
            Some((_, findings)) => findings.push(d),
            None => by_rule.push((&d.rule, vec![d])),
        }
    }
    by_rule.sort_by_key(|(rule, findings)| (std::cmp::Reverse(findings[0].severity), *rule));
    let per_rule = (MAX_LISTED / by_rule.len().max(1)).max(MIN_PER_RULE);
    for (rule, findings) in &by_rule {
        let entry = report.registry.get(rule);
        let title = entry.map_or_else(
            || crate::diagnostic::input_finding(rule).map_or("", |f| f.title),
            |e| e.title.as_str(),
        );
        let _ = writeln!(
            md,
            "\n### [`{rule}`]({}) ({}, {})\n\n{}\n",
            entry.map_or_else(catalogue::readme_url, Entry::doc_url),
            findings[0].severity,
            findings.len(),
            inline(title.trim())
        );
        let shown = findings.len().min(per_rule);
        for d in &findings[..shown] {
            let path = paths.get(d.span.file);
            let line = d.location.start.line;
            let place = match &ctx.links {
                Some(base) => format!(
                    "[{}]({base}/{}#L{line})",
                    inline(&format!("`{path}:{line}`")),
                    uri_escape(path)
                ),
                None => inline(&format!("`{path}:{line}`")),
            };
            let _ = writeln!(md, "- {place} {}", inline(&d.message));
        }
        if shown < findings.len() {
            let _ = writeln!(
                md,
                "- and {} more: `sglint check` lists them all",
                findings.len() - shown
            );
        }
    }
    md.push_str(&diagram(report));
    let _ = writeln!(
        md,
        "\n<sub>sglint {} · [rules]({}#rules)</sub>",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    );
    out.write_all(md.as_bytes())
}

/// `1 error`, `2 errors`.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The most characters of one message a comment shows.
const MAX_MESSAGE: usize = 500;

/// A finding's text on one Markdown line. The parts a rule puts in backticks are shown as code
/// (`<code>` elements), the rest as text; in both every character Markdown or HTML would act on
/// is written as an entity, so that nothing from the input (a file name, a group id, a
/// description, backticks included) can add a block, a link, an image or an HTML element, or
/// end a code span early. A line break is a space.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut shown = 0;
    for (i, part) in text.split('`').enumerate() {
        let code = i % 2 == 1;
        if code {
            out.push_str("<code>");
        }
        let chars: Vec<char> = part.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            shown += 1;
            if shown > MAX_MESSAGE {
                break;
            }
            let next = chars.get(j + 1).copied();
            let between_words =
                j > 0 && chars[j - 1].is_alphanumeric() && next.is_some_and(char::is_alphanumeric);
            let acts = match c {
                // Emphasis, links, images, HTML, tables, strikethrough, math, mentions, escapes.
                '\\' | '*' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~' | '$' | '@' | '#' => {
                    true
                }
                // `_` inside a word never emphasizes; `://` would start a link.
                '_' => !between_words,
                ':' => next == Some('/'),
                _ => false,
            };
            match c {
                '\n' | '\r' | '\t' => out.push(' '),
                c if c.is_control() => {}
                c if acts => out.push_str(&format!("&#{};", u32::from(c))),
                c => out.push(c),
            }
        }
        if code {
            out.push_str("</code>");
        }
        if shown > MAX_MESSAGE {
            out.push('…');
            break;
        }
    }
    out
}

/// A Mermaid diagram of the groups and rules that have findings, with their peers.
fn diagram(report: &Report) -> String {
    let involved: HashSet<(FileId, &str)> = report
        .diagnostics
        .iter()
        .filter_map(|d| Some((d.span.file, resource_name(d.resource.as_deref()?))))
        .collect();
    if involved.is_empty() {
        return String::new();
    }
    let is_involved = |file: Option<FileId>, address: &str| {
        file.is_some_and(|file| involved.contains(&(file, address)))
    };
    let graphs: Vec<ModuleGraph> = report
        .graphs
        .iter()
        .map(|g| {
            let node = |n: usize| {
                let node = &g.nodes[n];
                node.kind == NodeKind::Group && is_involved(node.file, &node.id)
            };
            g.subgraph(node, |e| {
                node(e.from)
                    || node(e.to)
                    || e.rules
                        .iter()
                        .any(|r| is_involved(Some(r.file), &r.address))
            })
        })
        .filter(|g| !g.nodes.is_empty())
        .collect();
    let nodes: usize = graphs.iter().map(|g| g.nodes.len()).sum();
    if nodes == 0 {
        return String::new();
    }
    if nodes > MAX_DIAGRAM_NODES {
        return format!(
            "\n### Security groups involved\n\n{nodes} groups and peers are involved, too many to \
             draw here: `sglint graph --format dot` draws them all.\n"
        );
    }
    format!(
        "\n### Security groups involved\n\n```mermaid\n{}```\n",
        graph::mermaid::render(&graphs)
    )
}

#[cfg(test)]
mod tests {
    use super::{MAX_MESSAGE, inline};

    #[test]
    fn inline_text_cannot_make_markup() {
        assert_eq!(
            inline("a <b> `<c>`\nd"),
            "a &#60;b&#62; <code>&#60;c&#62;</code> d"
        );
        // Backticks from the input only move where code starts and ends.
        let hostile = "from `sg-1` and ```<img src=x> [a](https://example.invalid)`";
        let shown = inline(hostile);
        assert!(
            !shown.contains('<') || shown.matches('<').count() == shown.matches("code>").count()
        );
        assert!(!shown.contains("](") && !shown.contains("<img"), "{shown}");
        assert!(inline(&"x".repeat(2000)).chars().count() <= MAX_MESSAGE + 1);
    }
}
