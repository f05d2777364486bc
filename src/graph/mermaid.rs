//! `sglint graph --format mermaid`: a flowchart that GitHub and GitLab render in Markdown.

use super::{Edge, ModuleGraph, NodeKind};
use crate::model::Direction;
use std::fmt::Write;

/// Colour of highlighted edges and nodes (GitHub's danger red).
const DANGER: &str = "#cf222e";

/// The flowchart of `graphs`; a module is a subgraph when there are several.
pub fn render(graphs: &[ModuleGraph]) -> String {
    let mut out = String::from("flowchart LR\n");
    let clusters = graphs.len() > 1;
    let mut link = 0;
    let mut highlighted_links = Vec::new();
    let mut highlighted_nodes = Vec::new();
    for (m, graph) in graphs.iter().enumerate() {
        let indent = if clusters {
            let _ = writeln!(out, "  subgraph m{m}[\"{}\"]", escape(&graph.module));
            "    "
        } else {
            "  "
        };
        for (k, (instance, nodes)) in graph.by_instance().into_iter().enumerate() {
            // A module instance's groups are a subgraph of their own.
            let outer = indent;
            let indent = match instance {
                Some(instance) => {
                    let _ = writeln!(out, "{outer}subgraph m{m}i{k}[\"{}\"]", escape(instance));
                    format!("{outer}  ")
                }
                None => outer.to_string(),
            };
            for n in nodes {
                let node = &graph.nodes[n];
                let (open, close) = match node.kind {
                    NodeKind::Group => ("[", "]"),
                    NodeKind::ExternalGroup => ("[[", "]]"),
                    NodeKind::Internet => ("((", "))"),
                    NodeKind::Cidr => ("[/", "/]"),
                    NodeKind::PrefixList => ("{{", "}}"),
                    NodeKind::Unknown => ("([", "])"),
                };
                let mut label = escape(node.title());
                if let Some(subtitle) = node.subtitle() {
                    let _ = write!(label, "<br/>{}", escape(subtitle));
                }
                let _ = writeln!(out, "{indent}m{m}n{n}{open}\"{label}\"{close}");
                if node.kind == NodeKind::Internet {
                    highlighted_nodes.push(format!("m{m}n{n}"));
                }
            }
            if instance.is_some() {
                let _ = writeln!(out, "{outer}end");
            }
        }
        if clusters {
            out.push_str("  end\n");
        }
        for edge in &graph.edges {
            let arrow = match edge.direction {
                Direction::Ingress => "-->",
                Direction::Egress => "-.->",
            };
            let _ = writeln!(
                out,
                "  m{m}n{} {arrow}|\"{}\"| m{m}n{}",
                edge.from,
                escape(&label(edge)),
                edge.to
            );
            if edge.is_highlighted() {
                highlighted_links.push(link.to_string());
            }
            link += 1;
        }
    }
    if !highlighted_nodes.is_empty() {
        let _ = writeln!(out, "  classDef danger stroke:{DANGER},stroke-width:2px");
        let _ = writeln!(out, "  class {} danger", highlighted_nodes.join(","));
    }
    if !highlighted_links.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{DANGER},stroke-width:3px",
            highlighted_links.join(",")
        );
    }
    out
}

/// An edge's label: its traffic, and why it is highlighted (in words, not only in colour):
/// `TCP port 8080 (mutual, inline cycle)`.
pub fn label(edge: &Edge) -> String {
    let flags: Vec<&str> = [
        (edge.public, "public"),
        (edge.mutual, "mutual"),
        (edge.cycle, "inline cycle"),
        (edge.direction == Direction::Egress, "egress"),
    ]
    .into_iter()
    .filter_map(|(flag, word)| flag.then_some(word))
    .collect();
    let traffic = edge.traffic.join(", ");
    if flags.is_empty() {
        traffic
    } else {
        format!("{traffic} ({})", flags.join(", "))
    }
}

/// Text inside a quoted Mermaid label: quotes and angle brackets as entity codes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            // A backtick could end the Markdown fence the diagram is written in.
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
