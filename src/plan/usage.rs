//! Which security groups a plan's configuration refers to, outside their own rules: the plan
//! counterpart of the `.tf` reference scan.

use super::format::{ConfigModule, Expression};
use crate::address::{join, resource_reference, without_keys};
use crate::model::RULE_RESOURCE_KINDS;
use rustc_hash::FxHashSet;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// The groups a configuration declares and those its expressions refer to, as
/// `aws_security_group.<name>` prefixed by the module path without keys.
#[derive(Default)]
pub struct Usage {
    referenced: FxHashSet<String>,
    declared: FxHashSet<String>,
}

impl Usage {
    /// Scans every module of the configuration.
    pub fn of(root: &ConfigModule<'_>) -> Usage {
        let mut usage = Usage::default();
        walk(root, "", &mut usage);
        usage
    }

    /// The groups of `groups` (plan addresses) that an expression, output or module argument of
    /// the configuration refers to, or that the configuration does not declare (their use cannot
    /// be judged). A rule resource's `security_group_id` does not count: it names the group the
    /// rule belongs to.
    pub fn referenced_groups<'g>(
        self,
        groups: impl IntoIterator<Item = &'g str>,
    ) -> FxHashSet<String> {
        let mut referenced = self.referenced;
        for group in groups {
            let group = without_keys(group);
            if !self.declared.contains(&group) {
                referenced.insert(group);
            }
        }
        referenced
    }
}

fn walk(module: &ConfigModule<'_>, prefix: &str, out: &mut Usage) {
    let mut references = Vec::new();
    for resource in module.resources.iter() {
        if resource.kind == "aws_security_group" {
            out.declared.insert(join(prefix, &resource.address));
        }
        if let Some(expressions) = resource.expressions {
            if RULE_RESOURCE_KINDS.contains(&&*resource.kind) {
                let fields: BTreeMap<&str, &RawValue> =
                    serde_json::from_str(expressions.get()).unwrap_or_default();
                for (_, value) in fields.iter().filter(|(k, _)| **k != "security_group_id") {
                    Expression::nested_references(value, &mut references);
                }
            } else {
                Expression::nested_references(expressions, &mut references);
            }
        }
        for raw in [resource.count_expression, resource.for_each_expression]
            .into_iter()
            .flatten()
        {
            Expression::nested_references(raw, &mut references);
        }
        references.extend(resource.depends_on.iter().cloned());
    }
    for output in module.outputs.values() {
        if let Some(expression) = output.expression {
            Expression::nested_references(expression, &mut references);
        }
    }
    for (name, call) in &module.module_calls {
        for expression in call.expressions.values() {
            Expression::nested_references(expression, &mut references);
        }
        if let Some(child) = &call.module {
            walk(child, &join(prefix, &format!("module.{name}")), out);
        }
    }
    for reference in &references {
        if let Some(("aws_security_group", resource)) = resource_reference(reference) {
            out.referenced.insert(without_keys(&join(prefix, resource)));
        }
    }
}
