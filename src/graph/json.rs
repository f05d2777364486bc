//! `sglint graph --format json`: nodes and edges of each module, edges naming nodes by id.

use super::ModuleGraph;
use crate::model::Direction;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    modules: Vec<Module<'a>>,
}

#[derive(Serialize)]
struct Module<'a> {
    module: &'a str,
    nodes: Vec<Node<'a>>,
    edges: Vec<Edge<'a>>,
}

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    kind: &'a str,
    name: Option<&'a str>,
    /// The module instance that declares a group, when it is not the root module.
    #[serde(skip_serializing_if = "Option::is_none")]
    module: Option<&'a str>,
}

#[derive(Serialize)]
struct Edge<'a> {
    from: &'a str,
    to: &'a str,
    direction: &'a str,
    traffic: &'a [String],
    rules: Vec<&'a str>,
    public: bool,
    mutual: bool,
    cycle: bool,
}

/// The JSON document of `graphs`.
pub fn render(graphs: &[ModuleGraph]) -> String {
    let modules = graphs
        .iter()
        .map(|graph| Module {
            module: &graph.module,
            nodes: graph
                .nodes
                .iter()
                .map(|n| Node {
                    id: &n.id,
                    kind: n.kind.as_str(),
                    name: n.name.as_deref(),
                    module: n.module_instance(),
                })
                .collect(),
            edges: graph
                .edges
                .iter()
                .map(|e| Edge {
                    from: &graph.nodes[e.from].id,
                    to: &graph.nodes[e.to].id,
                    direction: match e.direction {
                        Direction::Ingress => "ingress",
                        Direction::Egress => "egress",
                    },
                    traffic: &e.traffic,
                    rules: e.rules.iter().map(|r| r.address.as_str()).collect(),
                    public: e.public,
                    mutual: e.mutual,
                    cycle: e.cycle,
                })
                .collect(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Document {
        version: 1,
        modules,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}
