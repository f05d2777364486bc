//! `sglint graph --format dot`: Graphviz input (`dot -Tsvg`), one cluster per module.

use super::{ModuleGraph, NodeKind};
use crate::model::Direction;
use std::fmt::Write;

/// Colour of highlighted edges and nodes (GitHub's danger red).
const DANGER: &str = "#cf222e";

/// The DOT text of `graphs`.
pub fn render(graphs: &[ModuleGraph]) -> String {
    let mut out = String::from(
        "digraph sglint {\n  rankdir=LR;\n  graph [fontname=\"Helvetica\", fontsize=11];\n  \
         node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded,filled\", \
         fillcolor=\"#f6f8fa\", color=\"#57606a\"];\n  \
         edge [fontname=\"Helvetica\", fontsize=10, color=\"#57606a\"];\n",
    );
    for (m, graph) in graphs.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph cluster_{m} {{\n    label=\"{}\";\n    color=\"#d0d7de\";",
            escape(&graph.module)
        );
        for (k, (instance, nodes)) in graph.by_instance().into_iter().enumerate() {
            // A module instance's groups are a cluster of their own.
            let indent = match instance {
                Some(instance) => {
                    let _ = writeln!(
                        out,
                        "    subgraph cluster_{m}_{k} {{\n      label=\"{}\";",
                        escape(instance)
                    );
                    "      "
                }
                None => "    ",
            };
            for n in nodes {
                let node = &graph.nodes[n];
                let mut label = escape(node.title());
                if let Some(subtitle) = node.subtitle() {
                    let _ = write!(label, "\\n{}", escape(subtitle));
                }
                let style = match node.kind {
                    NodeKind::Group => "",
                    NodeKind::ExternalGroup => ", style=\"rounded,dashed\"",
                    NodeKind::Internet => {
                        ", shape=ellipse, fillcolor=\"#ffebe9\", color=\"#cf222e\", penwidth=2"
                    }
                    NodeKind::Cidr => ", shape=note, style=filled",
                    NodeKind::PrefixList => ", shape=hexagon, style=filled",
                    NodeKind::Unknown => ", style=\"rounded,dotted\"",
                };
                let _ = writeln!(out, "{indent}m{m}n{n} [label=\"{label}\"{style}];");
            }
            if instance.is_some() {
                out.push_str("    }\n");
            }
        }
        out.push_str("  }\n");
        for edge in &graph.edges {
            let mut attributes = format!("label=\"{}\"", escape(&super::mermaid::label(edge)));
            if edge.direction == Direction::Egress {
                attributes.push_str(", style=dashed");
            }
            if edge.is_highlighted() {
                let _ = write!(
                    attributes,
                    ", color=\"{DANGER}\", fontcolor=\"{DANGER}\", penwidth=2"
                );
            }
            let _ = writeln!(
                out,
                "  m{m}n{} -> m{m}n{} [{attributes}];",
                edge.from, edge.to
            );
        }
    }
    out.push_str("}\n");
    out
}

/// Text inside a quoted DOT string.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
