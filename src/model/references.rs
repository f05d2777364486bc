//! Which security groups a module's configuration refers to, outside their own rules.

use crate::eval::ModuleIndex;
use crate::parse::GroupReferences;
use hcl_edit::structure::Block;
use hcl_edit::visit::{visit_block, visit_expr};
use rustc_hash::FxHashSet;

/// Blocks that name a resource without using it: its old address, an import target.
const NOT_USES: &[&str] = &["moved", "import", "removed"];

/// `aws_security_group.<name>` for every group some expression of the module refers to, except a
/// rule resource's `security_group_id`, which names the group the rule belongs to: a group's own
/// rules do not use it.
pub fn referenced_groups(index: &ModuleIndex<'_>) -> FxHashSet<String> {
    let mut found = GroupReferences::default();
    found.0.extend(
        index
            .deferred_group_references
            .iter()
            .map(|r| r.to_string()),
    );
    for (_, body) in &index.trees {
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
