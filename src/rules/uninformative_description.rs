//! `uninformative-description`: a description that is a placeholder or repeats the group's name.

use super::{Finding, Reporter, Rule, RuleSettings};
use crate::model::{Attr, GroupKind, Model, SecurityGroup, Text, resource_name};

pub struct UninformativeDescription;

/// Descriptions that say nothing, compared without case and surrounding punctuation.
const PLACEHOLDERS: &[&str] = &[
    "",
    "-",
    "--",
    ".",
    "x",
    "xx",
    "xxx",
    "a",
    "na",
    "n/a",
    "none",
    "null",
    "nil",
    "todo",
    "tbd",
    "fixme",
    "test",
    "testing",
    "temp",
    "tmp",
    "foo",
    "bar",
    "sg",
    "security group",
    "securitygroup",
    "security-group",
    "rule",
    "sg rule",
    "ingress",
    "egress",
    "inbound",
    "outbound",
    "allow",
    "allow all",
    "description",
    "desc",
    "default",
    "my security group",
    "changeme",
    "placeholder",
];

const HELP: &str = "say what the group contains or who needs the traffic and why, e.g. \
\"PostgreSQL from the orders app\": the description is what auditors read in the API";

impl Rule for UninformativeDescription {
    fn check(&self, model: &Model, _settings: &RuleSettings, reporter: &mut Reporter) {
        for group in model.groups.iter().filter(|g| g.kind == GroupKind::Custom) {
            if let Some(description) = &group.description {
                let whose = format!("security group `{}`", resource_name(&group.address));
                check(description, &whose, Some(group), &group.address, reporter);
            }
        }
        for rule in &model.rules {
            if let Some(description) = &rule.description {
                check(description, "the rule", None, &rule.address, reporter);
            }
        }
    }
}

fn normalize(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '-')
        .trim()
        .to_ascii_lowercase()
}

fn check(
    description: &Attr<Text>,
    whose: &str,
    group: Option<&SecurityGroup>,
    address: &str,
    reporter: &mut Reporter,
) {
    let Text::Known(text) = &description.value else {
        return;
    };
    // Empty descriptions are reported by the missing-description rules.
    if text.trim().is_empty() {
        return;
    }
    let normalized = normalize(text);
    let message = if PLACEHOLDERS.contains(&normalized.as_str()) {
        format!("the description of {whose} is a placeholder: {text:?}")
    } else if let Some(name) = group
        .and_then(|g| g.name.as_ref())
        .and_then(|n| match &n.value {
            Text::Known(name) => Some(name),
            _ => None,
        })
        .filter(|name| normalize(name) == normalized)
    {
        format!("the description of {whose} repeats its name {name:?}")
    } else {
        return;
    };
    reporter.report(
        Finding::new(description.span, message, "says nothing new")
            .help(HELP)
            .resource(address),
    );
}
