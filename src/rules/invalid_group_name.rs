//! `invalid-group-name`: a group name or name prefix that AWS rejects.

use super::{Finding, Reporter, Rule, RuleSettings, rejected_char, shown};
use crate::model::{Attr, Model, Text, resource_name};

pub struct InvalidGroupName;

/// The longest name AWS accepts.
const MAX_NAME: usize = 255;
/// The longest `name_prefix` the provider accepts (it appends a 26-character suffix).
const MAX_PREFIX: usize = 100;

const HELP: &str = "AWS accepts names of up to 255 characters from `a-zA-Z0-9`, space and \
`._-:/()#,@[]+=&;{}!$*`, not starting with `sg-`; a group cannot be renamed in place, so the \
name is worth getting right before the first apply";

impl Rule for InvalidGroupName {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in &model.groups {
            let name = resource_name(&group.address);
            let attributes = [
                ("name", &group.name, MAX_NAME),
                ("name_prefix", &group.name_prefix, MAX_PREFIX),
            ];
            for (attribute, value, max) in attributes {
                let Some(value) = value else {
                    continue;
                };
                if let Some(finding) = problem(value, attribute, name, max) {
                    reporter.report(finding.help(HELP).resource(&group.address));
                }
            }
        }
    }
}

fn problem(value: &Attr<Text>, attribute: &str, group: &str, max: usize) -> Option<Finding> {
    let parts = value.value.known_parts();
    let starts_with_sg = match &value.value {
        Text::Known(text) => text.starts_with("sg-"),
        Text::Partial(parts) => parts
            .first()
            .and_then(Option::as_deref)
            .is_some_and(|first| first.starts_with("sg-")),
        Text::Unknown => false,
    };
    if starts_with_sg {
        return Some(Finding::new(
            value.span,
            format!(
                "the `{attribute}` of `{group}` starts with `sg-`, which AWS reserves for group ids"
            ),
            "starts with sg-",
        ));
    }
    if let Some(c) = parts.iter().find_map(|p| rejected_char(p)) {
        return Some(Finding::new(
            value.span,
            format!(
                "the `{attribute}` of `{group}` contains `{}`, which AWS rejects",
                shown(c)
            ),
            "character AWS rejects",
        ));
    }
    match &value.value {
        Text::Known(text) if text.chars().count() > max => Some(Finding::new(
            value.span,
            format!(
                "the `{attribute}` of `{group}` has {} characters; at most {max} are accepted",
                text.chars().count()
            ),
            "too long",
        )),
        _ => None,
    }
}
