//! What evaluating one module may cost, and where sglint stopped: a configuration of a few hundred
//! bytes can describe values of gigabytes (a list doubled forty times, `replace(s, "", s)`), so
//! every value built or copied is paid for from a budget. What is past a limit is unknown, and
//! the place is reported, so that a limit never hides a finding without a word.

use super::LimitHit;
use super::value::Value;
use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::source::Location;
use std::cell::Cell;

/// The id of the finding that says where evaluation stopped at a limit.
pub const EVALUATION_LIMIT: &str = "evaluation-limit";

/// The finding for a place where evaluation stopped.
pub fn finding(hit: &LimitHit) -> Diagnostic {
    Diagnostic {
        rule: RuleId::Borrowed(EVALUATION_LIMIT),
        severity: Severity::Warning,
        message: format!(
            "sglint did not evaluate this expression: {}; findings that depend on its value may \
             be missing",
            hit.limit.reason()
        )
        .into(),
        span: hit.span,
        location: Location::default(),
        label: "not evaluated".into(),
        related: Vec::new(),
        help: Some(
            "simplify it, or lint the plan (`terraform show -json`), where Terraform has \
             evaluated it"
                .into(),
        ),
        resource: None,
    }
}

/// Steps one module's evaluation may take: each expression evaluated, and each value built or
/// copied, is a step (real modules take a few thousand; the budget bounds time and memory).
pub const WORK: u64 = 1_000_000;
/// Steps each instance of a resource or module call costs, besides evaluating it: what it
/// holds in the model (a group takes some 2 KB) is paid for, so that calls that multiply
/// instances (5,000 instances of a module that makes 5,000 groups) stop at a bounded size.
pub const INSTANCE: u64 = 48;
/// The longest string evaluated, in bytes.
pub const MAX_STRING: usize = 1 << 20;
/// The most instances a `count` or `for_each` makes, and the most blocks a `dynamic` block makes.
pub const MAX_INSTANCES: usize = 10_000;
/// The deepest nesting of expressions and references evaluated.
pub const MAX_DEPTH: u32 = 128;

/// Why an expression was not evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// More nested expressions and references than [`MAX_DEPTH`].
    Depth,
    /// The module's budget of [`WORK`] steps ran out here.
    Work,
    /// A string longer than [`MAX_STRING`].
    StringLength,
    /// More instances or blocks than [`MAX_INSTANCES`].
    Instances,
    /// A module that calls itself, directly or through others.
    ModuleCycle,
    /// More module instances in one tree of calls than [`MAX_INSTANCES`].
    ModuleInstances,
    /// A local or variable whose value depends on itself.
    Cycle,
}

impl Limit {
    /// The reason, in words, for the message of the finding that reports it.
    pub fn reason(self) -> String {
        match self {
            Limit::Depth => format!(
                "it is reached through more than {MAX_DEPTH} nested expressions or references"
            ),
            Limit::Work => format!(
                "evaluating this module took more than {WORK} steps here, so this value and \
                 every value evaluated after it are unknown"
            ),
            Limit::StringLength => format!("it builds a string of more than {MAX_STRING} bytes"),
            Limit::Instances => format!(
                "it makes more than {MAX_INSTANCES} instances or blocks, the most sglint evaluates"
            ),
            Limit::ModuleCycle => "it calls a module that is already being evaluated (the \
                                   module calls itself, which Terraform rejects)"
                .to_string(),
            Limit::ModuleInstances => format!(
                "the module calls of this configuration make more than {MAX_INSTANCES} module \
                 instances here, the most sglint evaluates"
            ),
            Limit::Cycle => {
                "its value depends on itself (Terraform rejects such a cycle)".to_string()
            }
        }
    }
}

/// The steps left to one module's evaluation, and a limit met by the operation under way.
#[derive(Debug)]
pub struct Budget {
    left: Cell<u64>,
    tripped: Cell<Option<Limit>>,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            left: Cell::new(WORK),
            tripped: Cell::new(None),
        }
    }
}

impl Budget {
    /// Pays for `steps`; false (and nothing left) when they cost more than is left.
    pub fn take(&self, steps: u64) -> bool {
        match self.left.get().checked_sub(steps) {
            Some(left) => {
                self.left.set(left);
                true
            }
            None => {
                self.left.set(0);
                false
            }
        }
    }

    /// Whether the budget has run out.
    pub fn is_spent(&self) -> bool {
        self.left.get() == 0
    }

    /// Pays for copying `value`.
    pub fn copy(&self, value: &Value) -> bool {
        self.take(weight(value))
    }

    /// Pays for a new string of `len` bytes; false when it is longer than [`MAX_STRING`] (that
    /// limit is then reported for the expression being evaluated) or the budget is spent.
    pub fn string(&self, len: usize) -> bool {
        if len > MAX_STRING {
            self.trip(Limit::StringLength);
            return false;
        }
        self.take(2 + len as u64 / 64)
    }

    /// Records that the operation under way met `limit`.
    pub fn trip(&self, limit: Limit) {
        if self.tripped.get().is_none() {
            self.tripped.set(Some(limit));
        }
    }

    /// The limit the operation that just ended met, if any (and forgets it).
    pub fn take_tripped(&self) -> Option<Limit> {
        self.tripped.take()
    }
}

/// What a value costs to copy: one step per value it holds, one more for each string (it has a
/// buffer of its own), and one per 64 bytes of text.
pub fn weight(value: &Value) -> u64 {
    match value {
        Value::String(s) | Value::External(s) | Value::GroupId(s) | Value::VpcId(s) => {
            2 + s.len() as u64 / 64
        }
        Value::NetworkCidr { cidr, of } => 3 + (cidr.len() + of.len()) as u64 / 64,
        Value::Template(parts) => {
            1 + parts
                .iter()
                .map(|p| p.as_ref().map_or(1, |s| 1 + s.len() as u64 / 64))
                .sum::<u64>()
        }
        Value::List(items) => 1 + items.iter().map(weight).sum::<u64>(),
        Value::Object(map) => {
            1 + map
                .iter()
                .map(|(k, v)| 1 + k.len() as u64 / 64 + weight(v))
                .sum::<u64>()
        }
        Value::Repeated(item) => 1 + weight(item),
        Value::Unknown | Value::Null | Value::Bool(_) | Value::Number(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_stays_spent() {
        let budget = Budget::default();
        assert!(budget.take(WORK - 1));
        assert!(!budget.is_spent());
        assert!(!budget.take(2));
        assert!(budget.is_spent());
        assert!(!budget.take(1));
    }

    #[test]
    fn a_long_string_trips_its_limit_once() {
        let budget = Budget::default();
        assert!(budget.string(MAX_STRING));
        assert!(!budget.string(MAX_STRING + 1));
        assert_eq!(budget.take_tripped(), Some(Limit::StringLength));
        assert_eq!(budget.take_tripped(), None);
    }

    #[test]
    fn weight_counts_every_value_held() {
        let list = Value::List(vec![Value::Number(1.0), Value::String("x".repeat(128))]);
        assert_eq!(weight(&list), 1 + 1 + 4);
    }
}
