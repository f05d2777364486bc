//! Neutral findings: what rules produce and emitters read. No formatting happens here.

use crate::source::{FileId, Location, Span};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A rule's id (`public-ingress`): borrowed for built-in rules, owned for rules loaded at run time.
pub type RuleId = Cow<'static, str>;

/// How serious a finding is. Ordered so that `Note < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A finding about the input itself rather than a rule's: a file that does not parse, an
/// expression sglint stopped evaluating. Such findings are always reported: they cannot be
/// selected, ignored, suppressed or recorded in a baseline, since what they stand for is what
/// sglint could not check.
#[derive(Debug)]
pub struct InputFinding {
    pub id: &'static str,
    pub severity: Severity,
    /// One sentence.
    pub title: &'static str,
    /// What it means and what to do.
    pub description: &'static str,
}

/// Every kind of [`InputFinding`].
pub const INPUT_FINDINGS: &[InputFinding] = &[
    InputFinding {
        id: crate::parse::PARSE_ERROR,
        severity: Severity::Error,
        title: "A file could not be parsed.",
        description: "The file is not valid HCL (or, for a plan, JSON), so nothing in it was \
                      checked. Fix the syntax the finding points at.",
    },
    InputFinding {
        id: crate::eval::EVALUATION_LIMIT,
        severity: Severity::Warning,
        title: "An expression was not evaluated: it is past one of sglint's limits.",
        description: "sglint bounds what evaluating a module may cost (nesting, string length, \
                      instances, steps), so that no configuration makes it run long or exhaust \
                      memory. Past a limit the value is unknown, and an unknown value never \
                      produces a finding: findings that depend on it may be missing. Simplify \
                      the expression, or lint the plan (`terraform show -json`), where Terraform \
                      has evaluated it.",
    },
];

/// The [`InputFinding`] of an id, if it is one.
pub fn input_finding(id: &str) -> Option<&'static InputFinding> {
    INPUT_FINDINGS.iter().find(|f| f.id == id)
}

/// A secondary location that helps explain a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub message: Cow<'static, str>,
    pub span: Span,
    /// Lines and columns of `span`, filled in by the lint run.
    pub location: Location,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Rule id, e.g. `mutual-reference`, or `parse-error`.
    pub rule: RuleId,
    pub severity: Severity,
    // Text is `Cow` because most labels and help texts are constants: a run with tens of
    // thousands of findings should not allocate each of them again.
    pub message: Cow<'static, str>,
    /// Where the problem is; the primary label's text is `label`.
    pub span: Span,
    /// Lines and columns of `span`, filled in by the lint run (rules leave the default).
    pub location: Location,
    pub label: Cow<'static, str>,
    pub related: Vec<Related>,
    pub help: Option<Cow<'static, str>>,
    /// The Terraform address of the resource concerned, e.g. `aws_security_group.web[0]`.
    pub resource: Option<String>,
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub note: usize,
}

impl SeverityCounts {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> SeverityCounts {
        let mut counts = SeverityCounts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Note => counts.note += 1,
            }
        }
        counts
    }
}

/// A run's findings in path order. The lists that modules and plans produced are kept as they
/// are and read through an index of their stretches: a run with a hundred thousand findings
/// never copies them all into one new list on one thread after the parallel work.
#[derive(Debug, Default)]
pub struct Findings {
    lists: Vec<Vec<Diagnostic>>,
    /// Where each file's findings are (a stretch of one list), files in path order.
    runs: Vec<Run>,
}

/// Findings `start..end` of list `list`, all in one file.
#[derive(Clone, Copy, Debug)]
struct Run {
    list: usize,
    start: usize,
    end: usize,
}

impl Findings {
    /// Joins lists that are each sorted by file, each file's findings in one list, into path
    /// order; `rank` is a file's place in path order.
    pub fn from_lists(lists: Vec<Vec<Diagnostic>>, rank: impl Fn(FileId) -> usize) -> Findings {
        let lists: Vec<Vec<Diagnostic>> = lists.into_iter().filter(|l| !l.is_empty()).collect();
        let mut runs = Vec::new();
        for (list, diagnostics) in lists.iter().enumerate() {
            let mut start = 0;
            for same_file in diagnostics.chunk_by(|a, b| a.span.file == b.span.file) {
                let end = start + same_file.len();
                runs.push(Run { list, start, end });
                start = end;
            }
        }
        runs.sort_by_key(|run| rank(lists[run.list][run.start].span.file));
        Findings { lists, runs }
    }

    /// The findings in path order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            lists: &self.lists,
            runs: self.runs.iter(),
            run: [].iter(),
        }
    }

    /// Each file's findings, files in path order.
    pub fn by_file(&self) -> impl Iterator<Item = &[Diagnostic]> {
        self.runs
            .iter()
            .map(|run| &self.lists[run.list][run.start..run.end])
    }

    pub fn len(&self) -> usize {
        self.runs.iter().map(|run| run.end - run.start).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Keeps the findings for which `keep` is true; `keep` sees them in path order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Diagnostic) -> bool) {
        let mut kept: Vec<Vec<bool>> = self.lists.iter().map(|l| vec![true; l.len()]).collect();
        for run in &self.runs {
            for (i, d) in self.lists[run.list][run.start..run.end].iter().enumerate() {
                kept[run.list][run.start + i] = keep(d);
            }
        }
        // Each run moves to where the kept findings before it in its list end.
        let mut in_list_order: Vec<usize> = (0..self.runs.len()).collect();
        in_list_order.sort_unstable_by_key(|&i| (self.runs[i].list, self.runs[i].start));
        let mut next = vec![0; self.lists.len()];
        for i in in_list_order {
            let run = &mut self.runs[i];
            let count = kept[run.list][run.start..run.end]
                .iter()
                .filter(|&&k| k)
                .count();
            run.start = next[run.list];
            run.end = run.start + count;
            next[run.list] = run.end;
        }
        self.runs.retain(|run| run.start < run.end);
        for (list, kept) in self.lists.iter_mut().zip(kept) {
            let mut kept = kept.into_iter();
            list.retain(|_| kept.next().unwrap_or(true));
        }
    }
}

impl<'a> IntoIterator for &'a Findings {
    type Item = &'a Diagnostic;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The findings of a [`Findings`], in path order.
pub struct Iter<'a> {
    lists: &'a [Vec<Diagnostic>],
    runs: std::slice::Iter<'a, Run>,
    run: std::slice::Iter<'a, Diagnostic>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Diagnostic;

    fn next(&mut self) -> Option<&'a Diagnostic> {
        loop {
            if let Some(d) = self.run.next() {
                return Some(d);
            }
            let run = self.runs.next()?;
            self.run = self.lists[run.list][run.start..run.end].iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: FileId, message: &'static str) -> Diagnostic {
        Diagnostic {
            rule: RuleId::Borrowed("test-rule"),
            severity: Severity::Warning,
            message: message.into(),
            span: Span::new(file, 0..1),
            location: Location::default(),
            label: "".into(),
            related: Vec::new(),
            help: None,
            resource: None,
        }
    }

    fn messages(findings: &Findings) -> Vec<&str> {
        findings.iter().map(|d| &*d.message).collect()
    }

    #[test]
    fn findings_read_in_path_order_and_retain_keeps_that_order() {
        // A plan's list can hold its own file (0) and a `.tf` file (3) that sorts before it.
        let lists = vec![
            vec![finding(0, "p1"), finding(0, "p2"), finding(3, "t")],
            Vec::new(),
            vec![finding(1, "a"), finding(2, "b1"), finding(2, "b2")],
        ];
        let rank = [1, 2, 3, 0];
        let mut findings = Findings::from_lists(lists, |file| rank[file]);
        assert_eq!(messages(&findings), ["t", "p1", "p2", "a", "b1", "b2"]);
        assert_eq!(findings.len(), 6);
        let files: Vec<Vec<&str>> = findings
            .by_file()
            .map(|f| f.iter().map(|d| &*d.message).collect())
            .collect();
        assert_eq!(
            files,
            [vec!["t"], vec!["p1", "p2"], vec!["a"], vec!["b1", "b2"]]
        );

        let mut seen = Vec::new();
        findings.retain(|d| {
            seen.push(d.message.to_string());
            !matches!(&*d.message, "p1" | "a" | "b2")
        });
        assert_eq!(seen, ["t", "p1", "p2", "a", "b1", "b2"]);
        assert_eq!(messages(&findings), ["t", "p2", "b1"]);
        assert_eq!(findings.len(), 3);
        findings.retain(|_| false);
        assert!(findings.is_empty());
        assert_eq!(findings.iter().count(), 0);
    }
}
