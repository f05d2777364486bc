//! `inline-and-standalone-rules`: a group with inline rules that rule resources also target.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Model, RuleOrigin, resource_name};

pub struct InlineAndStandaloneRules;

impl Rule for InlineAndStandaloneRules {
    fn id(&self) -> &'static str {
        "inline-and-standalone-rules"
    }

    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            let inline = |origin| matches!(origin, RuleOrigin::Inline | RuleOrigin::Dynamic);
            let Some(first_inline) = model.rules_of(group).find(|r| inline(r.origin)) else {
                continue;
            };
            for rule in model.rules_of(group).filter(|r| !inline(r.origin)) {
                reporter.report(
                    Finding::new(
                        rule.header,
                        format!(
                            "`{}` also has inline rules; the two kinds overwrite each other",
                            resource_name(&group.address)
                        ),
                        "rule resource for a group with inline rules",
                    )
                    .related(first_inline.header, "inline rule")
                    .help(
                        "use one kind per group: move the inline `ingress`/`egress` blocks into \
                         `aws_vpc_security_group_ingress_rule`/`_egress_rule` resources. The \
                         provider documents that each apply removes the rules the other kind \
                         added, so the plan never settles",
                    )
                    .resource(&rule.address),
                );
            }
        }
    }
}
