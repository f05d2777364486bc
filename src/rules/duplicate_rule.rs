//! `duplicate-rule`: the same permission twice in one group, which AWS rejects.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Direction, Model, Permission, resource_name};
use crate::source::Span;
use rustc_hash::FxHashMap as HashMap;

pub struct DuplicateRule;

impl Rule for DuplicateRule {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            // Each permission with the first place that grants it.
            let mut seen: HashMap<Permission, Span> = HashMap::default();
            for rule in model.rules_of(group) {
                for source in &rule.sources {
                    let Some(permission) = rule.permission(&source.value) else {
                        continue;
                    };
                    if let Some(&first) = seen.get(&permission) {
                        let what = rule.traffic().describe().unwrap_or_default();
                        let way = match permission.direction {
                            Direction::Ingress => "from",
                            Direction::Egress => "to",
                        };
                        reporter.report(
                            Finding::new(
                                source.span,
                                format!(
                                    "`{}` already allows {what} {way} {}",
                                    resource_name(&group.address),
                                    permission.peer
                                ),
                                "duplicate",
                            )
                            .related(first, "first allowed here")
                            .help(
                                "remove one of them: AWS rejects a rule that duplicates another \
                                 (InvalidPermission.Duplicate), so the apply fails",
                            )
                            .resource(&rule.address),
                        );
                    } else {
                        seen.insert(permission, source.span);
                    }
                }
            }
        }
    }
}
