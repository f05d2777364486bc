//! `inline-reference-cycle`: groups whose inline rules reference each other in a cycle, which
//! Terraform cannot order.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{GroupRef, Model, RuleOrigin, RuleSource, resource_name};
use crate::source::Span;
use rustc_hash::FxHashMap as HashMap;

pub struct InlineReferenceCycle;

impl Rule for InlineReferenceCycle {
    fn id(&self) -> &'static str {
        "inline-reference-cycle"
    }

    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        let graph = Graph::of(model);
        for component in graph.cycles() {
            let names: Vec<&str> = component.iter().map(|&n| graph.names[n]).collect();
            for &node in &component {
                // The first inline reference that stays inside the cycle.
                let Some(&(_, span, address)) = graph.edges[node]
                    .iter()
                    .find(|(to, _, _)| component.contains(to))
                else {
                    continue;
                };
                let mut members: Vec<String> = vec![format!("`{}`", graph.names[node])];
                members.extend(
                    names
                        .iter()
                        .filter(|n| **n != graph.names[node])
                        .map(|n| format!("`{n}`")),
                );
                let last = members.pop().unwrap_or_default();
                reporter.report(
                    Finding::new(
                        span,
                        format!(
                            "{} and {last} reference each other through inline rules: Terraform \
                             fails with \"Cycle\"",
                            members.join(", ")
                        ),
                        "inline reference in a cycle",
                    )
                    .help(
                        "move one side of the cycle into an `aws_vpc_security_group_ingress_rule` \
                         or `_egress_rule` resource: a rule resource depends on both groups, so \
                         the groups no longer depend on each other",
                    )
                    .resource(address),
                );
            }
        }
    }
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
        let inline = model
            .rules
            .iter()
            .filter(|r| matches!(r.origin, RuleOrigin::Inline | RuleOrigin::Dynamic))
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
                if to != from && !edges[from].iter().any(|(t, _, _)| *t == to) {
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
