//! `--format markdown`: a pull-request comment. Counts by severity, the findings grouped by
//! rule with links to their lines, and a Mermaid diagram of the groups involved.

use super::{Context, RepoPaths, uri_escape};
use crate::catalogue;
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
            None => by_rule.push((d.rule, vec![d])),
        }
    }
    by_rule.sort_by_key(|(rule, findings)| (std::cmp::Reverse(findings[0].severity), *rule));
    let per_rule = (MAX_LISTED / by_rule.len().max(1)).max(MIN_PER_RULE);
    for (rule, findings) in &by_rule {
        let title = catalogue::entry(rule).map_or_else(
            || crate::diagnostic::input_finding(rule).map_or("", |f| f.title),
            |e| e.title.as_str(),
        );
        let _ = writeln!(
            md,
            "\n### [`{rule}`]({}) ({}, {})\n\n{}\n",
            catalogue::doc_url(rule),
            findings[0].severity,
            findings.len(),
            inline(title.trim())
        );
        let shown = findings.len().min(per_rule);
        for d in &findings[..shown] {
            let path = paths.get(d.span.file);
            let line = d.location.start.line;
            let place = match &ctx.links {
                Some(base) => format!("[`{path}:{line}`]({base}/{}#L{line})", uri_escape(path)),
                None => format!("`{path}:{line}`"),
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

/// Text on one Markdown line: no line breaks, and no HTML outside code spans (inside them,
/// `<` is shown as it is).
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            c => out.push(c),
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
    use super::inline;

    #[test]
    fn inline_escapes_html_outside_code_spans_only() {
        assert_eq!(inline("a <b> `<c>`\nd"), "a &lt;b&gt; `<c>` d");
    }
}
