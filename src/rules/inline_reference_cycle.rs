//! `inline-reference-cycle`: groups whose inline rules reference each other in a cycle, which
//! Terraform cannot order.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{GroupRef, Model, RuleSource, resource_name};
use crate::source::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub struct InlineReferenceCycle;

impl Rule for InlineReferenceCycle {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        let graph = Graph::of(model);
        for component in graph.cycles() {
            let in_cycle: HashSet<usize> = component.iter().copied().collect();
            // Each member's first inline reference that stays inside the cycle.
            let references: Vec<(usize, Span, &str)> = component
                .iter()
                .filter_map(|&node| {
                    let &(_, span, address) = graph.edges[node]
                        .iter()
                        .find(|(to, _, _)| in_cycle.contains(to))?;
                    Some((node, span, address))
                })
                .collect();
            let Some(&(_, span, address)) = references.first() else {
                continue;
            };
            let mut finding = Finding::new(
                span,
                format!(
                    "{} reference each other through inline rules: Terraform fails with \"Cycle\"",
                    members(references.iter().map(|&(node, _, _)| graph.names[node]))
                ),
                "inline reference in a cycle",
            )
            .help(
                "move one side of the cycle into an `aws_vpc_security_group_ingress_rule` or \
                 `_egress_rule` resource: a rule resource depends on both groups, so the groups \
                 no longer depend on each other",
            )
            .resource(address);
            for &(node, span, _) in references.iter().skip(1).take(MAX_RELATED) {
                finding = finding.related(
                    span,
                    format!(
                        "`{}` references the next group of the cycle",
                        graph.names[node]
                    ),
                );
            }
            reporter.report(finding);
        }
    }
}

/// The most groups one finding names, and the most other references it points at: a cycle of
/// thousands of groups is one finding of a few lines.
const MAX_NAMED: usize = 6;
const MAX_RELATED: usize = 10;

/// "`a`, `b` and `c`", or "`a`, `b`, ... and 2,995 more groups".
fn members<'n>(names: impl ExactSizeIterator<Item = &'n str>) -> String {
    let count = names.len();
    let mut shown: Vec<String> = names.take(MAX_NAMED).map(|n| format!("`{n}`")).collect();
    if count > MAX_NAMED {
        return format!("{} and {} more groups", shown.join(", "), count - MAX_NAMED);
    }
    let last = shown.pop().unwrap_or_default();
    format!("{} and {last}", shown.join(", "))
}

/// Groups (by resource, instances together) and the inline references between them.
struct Graph<'m> {
    names: Vec<&'m str>,
    /// For each group, the groups its inline rules reference, with the first span and rule.
    edges: Vec<Vec<(usize, Span, &'m str)>>,
}

impl<'m> Graph<'m> {
    fn of(model: &'m Model) -> Graph<'m> {
        let mut index: HashMap<&str, usize> = HashMap::default();
        let mut names = Vec::new();
        for group in &model.groups {
            let name = resource_name(&group.address);
            index.entry(name).or_insert_with(|| {
                names.push(name);
                names.len() - 1
            });
        }
        let mut edges: Vec<Vec<(usize, Span, &str)>> = vec![Vec::new(); names.len()];
        let mut seen: HashSet<(usize, usize)> = HashSet::default();
        let inline = model
            .rules
            .iter()
            .filter(|r| r.origin.is_inline())
            .filter(|r| r.references_are_dependencies);
        for rule in inline {
            let GroupRef::Internal(owner) = &rule.group else {
                continue;
            };
            let Some(&from) = index.get(resource_name(owner)) else {
                continue;
            };
            for source in &rule.sources {
                let RuleSource::Group(GroupRef::Internal(target)) = &source.value else {
                    continue;
                };
                let Some(&to) = index.get(resource_name(target)) else {
                    continue;
                };
                if to != from && seen.insert((from, to)) {
                    edges[from].push((to, source.span, &rule.address));
                }
            }
        }
        Graph { names, edges }
    }

    /// The groups of each cycle of inline references.
    fn cycles(&self) -> Vec<Vec<usize>> {
        let adjacency: Vec<Vec<usize>> = self
            .edges
            .iter()
            .map(|edges| edges.iter().map(|&(to, _, _)| to).collect())
            .collect();
        crate::graph::cycles(&adjacency)
    }
}
