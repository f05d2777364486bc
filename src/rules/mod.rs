//! The rule engine: the [`Rule`] trait, the registry, and the one way rules report findings.

mod all_ports_open;
mod broad_self_reference;
mod cidr_instead_of_reference;
mod cross_vpc_reference;
mod default_group_has_rules;
mod duplicate_rule;
mod inline_and_standalone_rules;
mod inline_reference_cycle;
mod invalid_description;
mod invalid_group_name;
mod invalid_port_range;
mod missing_group_description;
mod missing_rule_description;
mod missing_tags;
mod mutual_reference;
mod name_describes_traffic;
mod name_tag_case;
mod public_ingress;
mod shadowed_rule;
mod too_many_groups;
mod too_many_rules;
mod uninformative_description;
mod unrestricted_egress;
mod unused_group;

pub use crate::config::RuleSettings;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::model::Model;
use crate::source::{Location, Span};
use std::borrow::Cow;

/// A check over the model of one module.
pub trait Rule: Sync {
    /// The rule id, which names its catalogue entry.
    fn id(&self) -> &'static str;
    /// Reports every finding in `model`; `settings` holds the rule's options.
    fn check(&self, model: &Model, settings: &RuleSettings, reporter: &mut Reporter);
}

/// Every rule, in id order.
pub static RULES: &[&dyn Rule] = &[
    &all_ports_open::AllPortsOpen,
    &broad_self_reference::BroadSelfReference,
    &cidr_instead_of_reference::CidrInsteadOfReference,
    &cross_vpc_reference::CrossVpcReference,
    &default_group_has_rules::DefaultGroupHasRules,
    &duplicate_rule::DuplicateRule,
    &inline_and_standalone_rules::InlineAndStandaloneRules,
    &inline_reference_cycle::InlineReferenceCycle,
    &invalid_description::InvalidDescription,
    &invalid_group_name::InvalidGroupName,
    &invalid_port_range::InvalidPortRange,
    &missing_group_description::MissingGroupDescription,
    &missing_rule_description::MissingRuleDescription,
    &missing_tags::MissingTags,
    &mutual_reference::MutualReference,
    &name_describes_traffic::NameDescribesTraffic,
    &name_tag_case::NameTagCase,
    &public_ingress::PublicIngress,
    &shadowed_rule::ShadowedRule,
    &too_many_groups::TooManyGroups,
    &too_many_rules::TooManyRules,
    &uninformative_description::UninformativeDescription,
    &unrestricted_egress::UnrestrictedEgress,
    &unused_group::UnusedGroup,
];

/// The first character of `text` that AWS rejects in security-group names and descriptions
/// (it accepts `a-zA-Z0-9`, space and `._-:/()#,@[]+=&;{}!$*`).
fn rejected_char(text: &str) -> Option<char> {
    text.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(*c)))
}

/// A character as a message shows it: itself, or its escape when it is invisible.
fn shown(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}

/// A finding as a rule describes it; the reporter adds the rule id and default severity.
#[derive(Debug)]
pub struct Finding {
    span: Span,
    message: Cow<'static, str>,
    label: Cow<'static, str>,
    help: Option<Cow<'static, str>>,
    related: Vec<Related>,
    resource: Option<String>,
    severity: Option<Severity>,
}

impl Finding {
    /// A finding at `span`; `label` is the text under the primary span.
    pub fn new(
        span: Span,
        message: impl Into<Cow<'static, str>>,
        label: impl Into<Cow<'static, str>>,
    ) -> Finding {
        Finding {
            span,
            message: message.into(),
            label: label.into(),
            help: None,
            related: Vec::new(),
            resource: None,
            severity: None,
        }
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<Cow<'static, str>>) -> Finding {
        self.related.push(Related {
            message: message.into(),
            span,
            location: Location::default(),
        });
        self
    }

    /// The Terraform address of the resource concerned.
    pub fn resource(mut self, address: impl Into<String>) -> Finding {
        let address = address.into();
        self.resource = (!address.is_empty()).then_some(address);
        self
    }

    /// Overrides the rule's default severity for this finding.
    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = Some(severity);
        self
    }
}

/// Collects the findings of one rule into the module's list.
pub struct Reporter<'d> {
    rule: &'static str,
    default_severity: Severity,
    /// The configured severity, which overrides the findings' own.
    configured_severity: Option<Severity>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    pub fn report(&mut self, finding: Finding) {
        self.diagnostics.push(Diagnostic {
            rule: self.rule,
            severity: self
                .configured_severity
                .or(finding.severity)
                .unwrap_or(self.default_severity),
            message: finding.message,
            span: finding.span,
            location: Location::default(),
            label: finding.label,
            related: finding.related,
            help: finding.help,
            resource: finding.resource,
        });
    }
}

/// Runs every rule that is on over one module's model.
pub fn run(model: &Model, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        let Some((default_severity, rule_settings)) = settings.active(rule.id()) else {
            continue;
        };
        let mut reporter = Reporter {
            rule: rule.id(),
            default_severity,
            configured_severity: rule_settings
                .severity_configured
                .then_some(default_severity),
            diagnostics: &mut out,
        };
        rule.check(model, rule_settings, &mut reporter);
    }
    out
}
