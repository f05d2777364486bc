//! The security-group reference graph of a module: its groups, the peers their rules name
//! (other groups, CIDRs, the internet, prefix lists), and the rules between them.

pub mod dot;
pub mod json;
pub mod mermaid;

use crate::model::{CidrOrigin, Direction, GroupRef, Model, RuleSource, Text, resource_name};
use crate::source::{FileId, Span};
use ipnet::IpNet;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A group declared in the module.
    Group,
    /// A group from elsewhere: `data.*`, a module output, an `sg-` id.
    ExternalGroup,
    /// `0.0.0.0/0` and `::/0`.
    Internet,
    Cidr,
    PrefixList,
    /// A source or destination not known before apply.
    Unknown,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Group => "group",
            NodeKind::ExternalGroup => "external-group",
            NodeKind::Internet => "internet",
            NodeKind::Cidr => "cidr",
            NodeKind::PrefixList => "prefix-list",
            NodeKind::Unknown => "unknown",
        }
    }
}

/// A group or a peer of its rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Unique in its module: the resource address without instance key for groups
    /// (`aws_security_group.web`), the CIDR, the external id, or `internet`/`unknown`.
    pub id: String,
    /// What AWS shows: a group's name (`web-*` for a `name_prefix`), or where a CIDR comes from.
    pub name: Option<String>,
    /// The file that declares a group.
    pub file: Option<FileId>,
}

impl Node {
    /// The first line of its label: the name when there is one, else the id.
    pub fn title(&self) -> &str {
        match self.kind {
            NodeKind::Group => self.name.as_deref().unwrap_or(&self.id),
            NodeKind::Internet => "internet",
            NodeKind::Unknown => "known after apply",
            _ => &self.id,
        }
    }

    /// The module instance that declares a group (`module.web["a"]`), when it is not the root.
    pub fn module_instance(&self) -> Option<&str> {
        match self.kind {
            NodeKind::Group => crate::address::module_segments(&self.id)
                .last()
                .map(|&(_, instance)| instance),
            _ => None,
        }
    }

    /// The second line of its label: a named group's address, or a CIDR's origin.
    pub fn subtitle(&self) -> Option<&str> {
        match self.kind {
            NodeKind::Group => self.name.as_ref().map(|_| self.id.as_str()),
            NodeKind::Cidr => self.name.as_deref(),
            _ => None,
        }
    }
}

/// A resource that declares rules of an edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    /// Its address without instance key; the group's for inline rules.
    pub address: String,
    pub file: FileId,
}

/// The rules of one group towards one peer in one direction. Edges point the way traffic
/// flows: from the source to the group for ingress, from the group to the destination for egress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub direction: Direction,
    /// `TCP port 443`, `every protocol and port`, one entry per distinct rule traffic.
    pub traffic: Vec<String>,
    pub rules: Vec<RuleRef>,
    /// Ingress from the internet.
    pub public: bool,
    /// Two groups that accept traffic from each other.
    pub mutual: bool,
    /// Part of a cycle of inline references, which Terraform cannot order.
    pub cycle: bool,
}

impl Edge {
    pub fn is_highlighted(&self) -> bool {
        self.public || self.mutual || self.cycle
    }
}

/// The graph of one module directory or plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleGraph {
    /// The module directory or plan file, as shown to the user.
    pub module: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl ModuleGraph {
    /// The positions of the nodes, by the module instance that declares them (`None` first: the
    /// root module's groups and every peer), instances in the order their first node comes.
    pub fn by_instance(&self) -> Vec<(Option<&str>, Vec<usize>)> {
        let mut out: Vec<(Option<&str>, Vec<usize>)> = vec![(None, Vec::new())];
        for (n, node) in self.nodes.iter().enumerate() {
            let instance = node.module_instance();
            match out.iter_mut().find(|(i, _)| *i == instance) {
                Some((_, nodes)) => nodes.push(n),
                None => out.push((instance, vec![n])),
            }
        }
        out
    }

    /// The graph of `model`'s groups whose declaration satisfies `include` (the reported files).
    pub fn build(module: String, model: &Model, include: impl Fn(Span) -> bool) -> ModuleGraph {
        let mut graph = Builder {
            graph: ModuleGraph {
                module,
                ..ModuleGraph::default()
            },
            nodes: HashMap::default(),
            edges: HashMap::default(),
            inline: HashSet::default(),
        };
        for group in model.groups.iter().filter(|g| include(g.header)) {
            let name = [&group.name, &group.name_tag]
                .into_iter()
                .flatten()
                .find_map(|n| known_text(&n.value))
                .or_else(|| {
                    let prefix = known_text(&group.name_prefix.as_ref()?.value)?;
                    Some(format!("{prefix}*"))
                });
            let node = graph.node(NodeKind::Group, resource_name(&group.address), None);
            let node = &mut graph.graph.nodes[node];
            node.name = node.name.take().or(name);
            node.file = Some(group.header.file);
        }
        for rule in &model.rules {
            let GroupRef::Internal(owner) = &rule.group else {
                continue;
            };
            // Rules of a group declared in an included file only.
            let Some(&owner) = graph
                .nodes
                .get(resource_name(owner))
                .filter(|&&n| graph.graph.nodes[n].file.is_some())
            else {
                continue;
            };
            let traffic = rule
                .traffic()
                .describe()
                .unwrap_or_else(|| "ports known after apply".to_string());
            let rule_ref = RuleRef {
                address: resource_name(&rule.address).to_string(),
                file: rule.header.file,
            };
            let inline = rule.references_are_dependencies && rule.origin.is_inline();
            for source in &rule.sources {
                let peer = graph.peer(&source.value, owner);
                let (from, to) = match rule.direction {
                    Direction::Ingress => (peer, owner),
                    Direction::Egress => (owner, peer),
                };
                let edge = graph.edge(from, to, rule.direction);
                let edge = &mut graph.graph.edges[edge];
                if !edge.traffic.contains(&traffic) {
                    edge.traffic.push(traffic.clone());
                }
                if !edge.rules.contains(&rule_ref) {
                    edge.rules.push(rule_ref.clone());
                }
                if inline && graph.graph.nodes[peer].kind == NodeKind::Group && peer != owner {
                    graph.inline.insert((owner, peer));
                }
            }
        }
        graph.highlight();
        graph.graph
    }

    /// Moves the graph's file ids by `offset`, when its module's files join a larger list.
    pub fn offset_files(&mut self, offset: usize) {
        for node in &mut self.nodes {
            if let Some(file) = &mut node.file {
                *file += offset;
            }
        }
        for rule in self.edges.iter_mut().flat_map(|e| &mut e.rules) {
            rule.file += offset;
        }
    }

    /// The nodes (by index) and edges for which `keep_node` and `keep_edge` hold, with the
    /// nodes those edges join.
    pub fn subgraph(
        &self,
        keep_node: impl Fn(usize) -> bool,
        keep_edge: impl Fn(&Edge) -> bool,
    ) -> ModuleGraph {
        let mut kept = vec![None; self.nodes.len()];
        let mut sub = ModuleGraph {
            module: self.module.clone(),
            ..ModuleGraph::default()
        };
        let mut index = |sub: &mut ModuleGraph, node: usize| {
            *kept[node].get_or_insert_with(|| {
                sub.nodes.push(self.nodes[node].clone());
                sub.nodes.len() - 1
            })
        };
        for node in (0..self.nodes.len()).filter(|&n| keep_node(n)) {
            index(&mut sub, node);
        }
        for edge in self.edges.iter().filter(|e| keep_edge(e)) {
            let (from, to) = (index(&mut sub, edge.from), index(&mut sub, edge.to));
            sub.edges.push(Edge {
                from,
                to,
                ..edge.clone()
            });
        }
        sub
    }
}

/// A text known in whole before apply.
fn known_text(text: &Text) -> Option<String> {
    match text {
        Text::Known(text) => Some(text.clone()),
        _ => None,
    }
}

struct Builder {
    graph: ModuleGraph,
    /// Nodes by id: ids of different kinds never coincide (addresses, CIDRs, `sg-` ids).
    nodes: HashMap<String, usize>,
    edges: HashMap<(usize, usize, Direction), usize>,
    /// Inline references (owner, referenced group), which order the groups' creation.
    inline: HashSet<(usize, usize)>,
}

impl Builder {
    fn node(&mut self, kind: NodeKind, id: &str, name: Option<String>) -> usize {
        if let Some(&node) = self.nodes.get(id) {
            return node;
        }
        self.graph.nodes.push(Node {
            kind,
            id: id.to_string(),
            name,
            file: None,
        });
        let node = self.graph.nodes.len() - 1;
        self.nodes.insert(id.to_string(), node);
        node
    }

    /// The node of a rule's source or destination; `owner` is the rule's group.
    fn peer(&mut self, source: &RuleSource, owner: usize) -> usize {
        if source.internet().is_some() {
            return self.node(NodeKind::Internet, "internet", None);
        }
        match source {
            RuleSource::SelfRef => owner,
            RuleSource::Group(GroupRef::Internal(address)) => {
                self.node(NodeKind::Group, resource_name(address), None)
            }
            RuleSource::Group(GroupRef::External(id)) => {
                self.node(NodeKind::ExternalGroup, id, None)
            }
            RuleSource::Group(GroupRef::VpcDefault(vpc)) => self.node(
                NodeKind::ExternalGroup,
                &format!("{vpc}.default_security_group_id"),
                None,
            ),
            RuleSource::PrefixList(id) => self.node(NodeKind::PrefixList, id, None),
            RuleSource::Ipv4(net, origin) => self.cidr(IpNet::V4(*net), origin),
            RuleSource::Ipv6(net, origin) => self.cidr(IpNet::V6(*net), origin),
            RuleSource::NetworkBlock(expression) => self.node(NodeKind::Cidr, expression, None),
            RuleSource::Group(GroupRef::Unknown) | RuleSource::Unknown => {
                self.node(NodeKind::Unknown, "unknown", None)
            }
        }
    }

    fn cidr(&mut self, net: IpNet, origin: &CidrOrigin) -> usize {
        let name = match origin {
            CidrOrigin::Network(address) => Some(address.clone()),
            CidrOrigin::Literal => None,
        };
        self.node(NodeKind::Cidr, &net.to_string(), name)
    }

    fn edge(&mut self, from: usize, to: usize, direction: Direction) -> usize {
        *self.edges.entry((from, to, direction)).or_insert_with(|| {
            self.graph.edges.push(Edge {
                from,
                to,
                direction,
                traffic: Vec::new(),
                rules: Vec::new(),
                public: false,
                mutual: false,
                cycle: false,
            });
            self.graph.edges.len() - 1
        })
    }

    /// Marks public ingress, mutual pairs and inline cycles.
    fn highlight(&mut self) {
        let nodes = &self.graph.nodes;
        let mut component = vec![usize::MAX; nodes.len()];
        let mut adjacency = vec![Vec::new(); nodes.len()];
        for &(from, to) in &self.inline {
            adjacency[from].push(to);
        }
        for (i, members) in cycles(&adjacency).into_iter().enumerate() {
            for member in members {
                component[member] = i;
            }
        }
        let in_cycle =
            |a: usize, b: usize| component[a] != usize::MAX && component[a] == component[b];
        for edge in &mut self.graph.edges {
            let ingress = edge.direction == Direction::Ingress;
            edge.public = ingress && nodes[edge.from].kind == NodeKind::Internet;
            edge.mutual = ingress
                && edge.from != edge.to
                && nodes[edge.from].kind == NodeKind::Group
                && self
                    .edges
                    .contains_key(&(edge.to, edge.from, Direction::Ingress));
            // An inline reference orders the owner after its peer, whatever the direction.
            let (owner, peer) = if ingress {
                (edge.to, edge.from)
            } else {
                (edge.from, edge.to)
            };
            edge.cycle = in_cycle(owner, peer) && self.inline.contains(&(owner, peer));
        }
    }
}

/// The strongly connected components of more than one node of a directed graph given as
/// adjacency lists (Kosaraju, without recursion, so thousands of nodes cannot overflow the
/// stack). Members are sorted.
pub fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !visited[to] {
                    visited[to] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, targets) in edges.iter().enumerate() {
        for &to in targets {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut cycles = Vec::new();
    for &root in order.iter().rev() {
        if component[root] != usize::MAX {
            continue;
        }
        let mut members = vec![root];
        component[root] = root;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &from in &reverse[node] {
                if component[from] == usize::MAX {
                    component[from] = root;
                    members.push(from);
                    stack.push(from);
                }
            }
        }
        if members.len() > 1 {
            members.sort_unstable();
            cycles.push(members);
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn cycles_are_components_of_more_than_one_node() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 and 4 -> 0 are not.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        assert_eq!(cycles(&edges), vec![vec![0, 1, 2]]);
        let chain: Vec<Vec<usize>> = (0..100_000).map(|i| vec![(i + 1) % 100_000]).collect();
        assert_eq!(
            cycles(&chain)[0].len(),
            100_000,
            "no recursion on long cycles"
        );
    }
}
