//! `invalid-description`: a group or rule description that AWS rejects at apply time.

use super::{Finding, Reporter, Rule, RuleSettings, rejected_char, shown};
use crate::model::{Attr, GroupKind, Model, Text, resource_name};

pub struct InvalidDescription;

/// The longest description AWS accepts.
const MAX_LENGTH: usize = 255;

const HELP: &str = "AWS accepts up to 255 characters from `a-zA-Z0-9`, space and \
`._-:/()#,@[]+=&;{}!$*` in descriptions; the apply fails on anything else (apostrophes, quotes, \
accented letters, line breaks)";

impl Rule for InvalidDescription {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        let groups = model.groups.iter().filter(|g| g.kind == GroupKind::Custom);
        for group in groups {
            if let Some(description) = &group.description {
                let whose = format!("security group `{}`", resource_name(&group.address));
                check(description, &whose, &group.address, reporter);
            }
        }
        for rule in &model.rules {
            if let Some(description) = &rule.description {
                check(description, "the rule", &rule.address, reporter);
            }
        }
    }
}

fn check(description: &Attr<Text>, whose: &str, address: &str, reporter: &mut Reporter) {
    let parts = description.value.known_parts();
    let finding = if let Some(c) = parts.iter().find_map(|p| rejected_char(p)) {
        Finding::new(
            description.span,
            format!(
                "the description of {whose} contains `{}`, which AWS rejects",
                shown(c)
            ),
            "character AWS rejects",
        )
    } else if let Text::Known(text) = &description.value
        && text.chars().count() > MAX_LENGTH
    {
        Finding::new(
            description.span,
            format!(
                "the description of {whose} has {} characters; AWS accepts {MAX_LENGTH}",
                text.chars().count()
            ),
            "too long",
        )
    } else {
        return;
    };
    reporter.report(finding.help(HELP).resource(address));
}
