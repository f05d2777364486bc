//! Which security groups a module's configuration refers to, outside their own rules.

use crate::eval::ModuleIndex;
use hcl_edit::expr::{Expression, Traversal, TraversalOperator};
use hcl_edit::structure::Block;
use hcl_edit::visit::{Visit, visit_block, visit_expr, visit_traversal};
use rustc_hash::FxHashSet;

/// Blocks that name a resource without using it: its old address, an import target.
const NOT_USES: &[&str] = &["moved", "import", "removed"];

/// `aws_security_group.<name>` for every group some expression of the module refers to, except a
/// rule resource's `security_group_id`, which names the group the rule belongs to: a group's own
/// rules do not use it.
pub fn referenced_groups(index: &ModuleIndex<'_>) -> FxHashSet<String> {
    let mut found = GroupReferences::default();
    for (_, body) in &index.files {
        for block in body.blocks() {
            let ident = block.ident.as_str();
            if NOT_USES.contains(&ident) {
                continue;
            }
            let is_rule = ident == "resource"
                && block
                    .labels
                    .first()
                    .is_some_and(|l| super::RULE_RESOURCE_KINDS.contains(&l.as_str()));
            if is_rule {
                visit_rule(&mut found, block);
            } else {
                visit_block(&mut found, block);
            }
        }
    }
    found.0
}

fn visit_rule(found: &mut GroupReferences, rule: &Block) {
    for attr in rule.body.attributes() {
        if attr.key.as_str() != "security_group_id" {
            visit_expr(found, &attr.value);
        }
    }
    for block in rule.body.blocks() {
        visit_block(found, block);
    }
}

#[derive(Default)]
struct GroupReferences(FxHashSet<String>);

impl Visit for GroupReferences {
    fn visit_traversal(&mut self, traversal: &Traversal) {
        if let Expression::Variable(root) = &traversal.expr
            && root.as_str() == "aws_security_group"
            && let Some(TraversalOperator::GetAttr(name)) =
                traversal.operators.first().map(|o| o.value())
        {
            self.0
                .insert(format!("aws_security_group.{}", name.as_str()));
        }
        visit_traversal(self, traversal);
    }
}
