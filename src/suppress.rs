//! Inline suppressions: `# sglint:ignore <rule>[, <rule>...] -- <reason>` (or `//`) on the line
//! before an element, or at the end of its first line, silences those rules inside the element;
//! `# sglint:ignore-file <rule> -- <reason>` silences them in the whole file. A comment that
//! looks like one and is not (`# sglint: ignore`, `sglint:disable`, `/* sglint:ignore */`, `noqa`)
//! is reported, since the finding it meant to silence is still shown.

use crate::catalogue::Registry;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::source::{FileId, Location, SourceFile, Span};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A suppression that silenced nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";
/// A suppression without a reason, naming a rule that does not exist, or a comment that looks
/// like a suppression and is not one.
pub const INVALID_SUPPRESSION: &str = "invalid-suppression";
/// The checks of this module, which have catalogue entries like rules.
pub const CHECKS: &[&str] = &[INVALID_SUPPRESSION, UNUSED_SUPPRESSION];

/// One `sglint:ignore` comment.
#[derive(Debug, PartialEq)]
struct Suppression {
    /// The comment, from `#` or `//` to the end of the line.
    comment: Range<usize>,
    /// The rule ids, each with its range in the text.
    rules: Vec<(String, Range<usize>)>,
    reason: Option<String>,
    /// The bytes whose findings it silences.
    scope: Range<usize>,
}

/// What the lexer keeps of a file: brackets and line ends outside strings, and comments.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    Newline(usize),
    /// A `#` or `//` comment; `trailing` when code precedes it on its line.
    Comment {
        start: usize,
        end: usize,
        trailing: bool,
    },
    /// A `/* */` comment, which is never a suppression.
    BlockComment {
        start: usize,
        end: usize,
    },
}

/// Lexes just enough HCL to tell comments and brackets from string contents: quoted strings
/// with escapes and `${...}` templates, heredocs, and `/* */` comments.
fn lex(text: &str) -> Vec<(usize, Token)> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut code_on_line = false;
    // Template nesting: each entry is the brace depth of an open `${` inside a string.
    let mut templates: Vec<usize> = Vec::new();
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    templates.push(0);
                    in_string = false;
                    i += 1;
                }
                b'\n' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                code_on_line = true;
            }
            b'#' | b'/' if b == b'#' || bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |e| i + e);
                let trailing = code_on_line;
                tokens.push((
                    i,
                    Token::Comment {
                        start: i,
                        end,
                        trailing,
                    },
                ));
                i = end;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&bytes[i + 2..], b"*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                tokens.push((i, Token::BlockComment { start: i, end }));
                for (offset, _) in text[i..end].match_indices('\n') {
                    tokens.push((i + offset, Token::Newline(i + offset)));
                }
                i = end;
                continue;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                if let Some(end) = heredoc_end(text, i) {
                    code_on_line = true;
                    i = end;
                    continue;
                }
            }
            b'{' | b'[' | b'(' => {
                if let Some(depth) = templates.last_mut() {
                    *depth += usize::from(b == b'{');
                }
                tokens.push((i, Token::Open));
                code_on_line = true;
            }
            b'}' | b']' | b')' => {
                if b == b'}' && templates.last() == Some(&0) {
                    // The end of a `${...}`: back inside its string.
                    templates.pop();
                    in_string = true;
                } else {
                    if b == b'}'
                        && let Some(depth) = templates.last_mut()
                    {
                        *depth -= 1;
                    }
                    tokens.push((i, Token::Close));
                }
                code_on_line = true;
            }
            b'\n' => {
                tokens.push((i, Token::Newline(i)));
                code_on_line = false;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => code_on_line = true,
        }
        i += 1;
    }
    tokens
}

/// The end of the heredoc that starts at `start` (`<<EOF` or `<<-EOF`), after its closing line.
fn heredoc_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let marker: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if marker.is_empty() {
        return None;
    }
    let body = start + text[start..].find('\n')? + 1;
    let mut line_start = body;
    for line in text[body..].split_inclusive('\n') {
        if line.trim() == marker {
            return Some(line_start + line.trim_end_matches(['\n', '\r']).len());
        }
        line_start += line.len();
    }
    Some(text.len())
}

/// Where the element whose first line starts at `from` ends: the end of the first line on which
/// every bracket opened since `from` is closed.
fn element_end(tokens: &[(usize, Token)], from: usize, text_len: usize) -> usize {
    let first = tokens.partition_point(|(at, _)| *at < from);
    let mut depth = 0i64;
    for (_, token) in &tokens[first..] {
        match token {
            Token::Open => depth += 1,
            Token::Close => depth -= 1,
            Token::Newline(at) if depth <= 0 => return *at,
            Token::Newline(_) | Token::Comment { .. } | Token::BlockComment { .. } => {}
        }
    }
    text_len
}

/// For each line of a text, where the first line at or after it that is neither blank nor a
/// comment starts: what a suppression comment on the line before applies to. Computed once per
/// file, so that a run of comment lines costs one pass, not one pass per comment.
struct ElementLines {
    /// Where each line starts.
    starts: Vec<usize>,
    /// For each line, the start of the first element line at or after it (the text's length
    /// when there is none).
    next: Vec<usize>,
    len: usize,
}

impl ElementLines {
    fn new(text: &str) -> ElementLines {
        let mut starts = Vec::new();
        let mut is_element = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            starts.push(at);
            let line_text = line.trim();
            is_element.push(
                !line_text.is_empty()
                    && !line_text.starts_with('#')
                    && !line_text.starts_with("//"),
            );
            at += line.len();
        }
        let mut next = vec![text.len(); starts.len()];
        let mut following = text.len();
        for i in (0..starts.len()).rev() {
            if is_element[i] {
                following = starts[i];
            }
            next[i] = following;
        }
        ElementLines {
            starts,
            next,
            len: text.len(),
        }
    }

    /// The start of the first element line after the line that holds `offset`.
    fn after(&self, offset: usize) -> usize {
        // The index of the line after the one that holds `offset`.
        let line = self.starts.partition_point(|&s| s <= offset);
        self.next.get(line).copied().unwrap_or(self.len)
    }
}

/// A comment that looks like a suppression and is not one.
#[derive(Debug, PartialEq)]
struct Lookalike {
    /// The comment (its first line, for a `/* */` comment).
    comment: Range<usize>,
    /// What it says instead of `sglint:ignore`, as written (cut short).
    written: String,
    block: bool,
}

/// What a file's comments hold: its suppressions, and the comments that look like one.
#[derive(Debug, Default)]
struct Comments {
    suppressions: Vec<Suppression>,
    lookalikes: Vec<Lookalike>,
}

/// Words that, after `sglint`, make a comment read as a directive.
const DIRECTIVE_WORDS: &[&str] = &[
    "ignore",
    "ignore-file",
    "disable",
    "disable-line",
    "disable-next-line",
    "skip",
    "noqa",
    "suppress",
    "allow",
    "nolint",
    "off",
];

/// What a comment that addresses sglint says.
#[derive(Debug, PartialEq)]
enum Directive<'t> {
    /// `sglint:ignore` or, when `whole_file`, `sglint:ignore-file`; `rest` follows the word.
    Suppression { whole_file: bool, rest: &'t str },
    /// Looks like a suppression and is not one.
    Lookalike,
}

/// What a comment's text (after `#`, `//` or `/*`) says to sglint, if anything.
fn directive<'t>(body: &'t str, registry: &Registry) -> Option<Directive<'t>> {
    for (prefix, whole_file) in [("sglint:ignore-file", true), ("sglint:ignore", false)] {
        if let Some(rest) = body.strip_prefix(prefix) {
            // `sglint:ignore:rule`, `sglint:ignore=rule`, `sglint:ignored`, `sglint:ignore-line`.
            return Some(if rest.is_empty() || rest.starts_with([' ', '\t']) {
                Directive::Suppression { whole_file, rest }
            } else {
                Directive::Lookalike
            });
        }
    }
    if body
        .get(..6)
        .is_some_and(|head| head.eq_ignore_ascii_case("sglint"))
    {
        let rest = body[6..].trim_start();
        if rest.starts_with([':', '-', '=', '(', '_']) {
            return Some(Directive::Lookalike);
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        return DIRECTIVE_WORDS
            .contains(&word.as_str())
            .then_some(Directive::Lookalike);
    }
    // flake8's `# noqa: <code>`, naming one of sglint's rules or sglint itself.
    if body
        .get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("noqa"))
    {
        let names_sglint = body
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .any(|word| word.eq_ignore_ascii_case("sglint") || registry.get(word).is_some());
        return names_sglint.then_some(Directive::Lookalike);
    }
    None
}

/// Whether a text may hold a suppression or a comment that looks like one: files without one
/// are not scanned.
fn may_have_directives(text: &str) -> bool {
    // Built once: building a searcher costs more than searching most files.
    static FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            [
                memchr::memmem::Finder::new(b"sglint"),
                memchr::memmem::Finder::new(b"noqa"),
            ]
        });
    FINDERS
        .iter()
        .any(|finder| finder.find(text.as_bytes()).is_some())
}

/// What a comment says in place of `sglint:ignore`: its first word (two when the first is
/// `sglint` or ends with a colon: `sglint: ignore`), cut short.
fn written(body: &str) -> String {
    let mut words = body.split_whitespace();
    let first = words.next().unwrap_or_default();
    let shown = match words.next() {
        Some(second) if first.ends_with(':') || first.eq_ignore_ascii_case("sglint") => {
            format!("{first} {second}")
        }
        _ => first.to_string(),
    };
    if shown.chars().count() > 40 {
        shown.chars().take(40).chain(['…']).collect()
    } else {
        shown
    }
}

/// Reads every suppression of a file, and the comments that look like one (`registry` says which
/// words are rule ids).
fn scan(text: &str, registry: &Registry) -> Comments {
    let tokens = lex(text);
    let elements = ElementLines::new(text);
    let mut found = Comments::default();
    for (_, token) in &tokens {
        let (start, end, trailing) = match *token {
            Token::Comment {
                start,
                end,
                trailing,
            } => (start, end, trailing),
            Token::BlockComment { start, end } => {
                let body = text[start + 2..end].trim_start();
                if directive(body, registry).is_some() {
                    let first_line = memchr::memchr(b'\n', &text.as_bytes()[start..end])
                        .map_or(end, |e| start + e);
                    found.lookalikes.push(Lookalike {
                        comment: start..first_line,
                        written: written(body),
                        block: true,
                    });
                }
                continue;
            }
            _ => continue,
        };
        let comment = &text[start..end];
        let body = comment.trim_start_matches(['#', '/']).trim_start();
        let (whole_file, rest) = match directive(body, registry) {
            None => continue,
            Some(Directive::Lookalike) => {
                found.lookalikes.push(Lookalike {
                    comment: start..end,
                    written: written(body),
                    block: false,
                });
                continue;
            }
            Some(Directive::Suppression { whole_file, rest }) => (whole_file, rest),
        };
        let rest_start = end - rest.len();
        let (ids, reason) = match rest.find("--") {
            Some(dash) => (&rest[..dash], Some(rest[dash + 2..].trim().to_string())),
            None => (rest, None),
        };
        let mut rules = Vec::new();
        let mut offset = rest_start;
        for part in ids.split(',') {
            let id = part.trim();
            if !id.is_empty() {
                let at = offset + part.find(id).unwrap_or(0);
                rules.push((id.to_string(), at..at + id.len()));
            }
            offset += part.len() + 1;
        }
        let scope = if whole_file {
            0..text.len()
        } else if trailing {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            line_start..element_end(&tokens, line_start, text.len())
        } else {
            let element = elements.after(end);
            element..element_end(&tokens, element, text.len())
        };
        found.suppressions.push(Suppression {
            comment: start..end,
            rules,
            reason: reason.filter(|r| !r.is_empty()),
            scope,
        });
    }
    found
}

/// Removes the findings that suppressions in `sources` silence, and adds findings for the
/// suppressions themselves: without a reason or naming no rule (`invalid-suppression`), and
/// silencing nothing (`unused-suppression`, only for rules that ran).
pub fn apply(diagnostics: &mut Vec<Diagnostic>, sources: &[SourceFile], settings: &Settings) {
    let mut added = Vec::new();
    let mut silenced = Vec::new();
    let suppressing = |source: &SourceFile| {
        source.reported && source.text.as_deref().is_some_and(may_have_directives)
    };
    if !sources.iter().any(suppressing) {
        return;
    }
    let mut by_rule: FindingsByRule<'_> = FxHashMap::default();
    for (i, d) in diagnostics.iter().enumerate() {
        by_rule
            .entry((d.span.file, &*d.rule))
            .or_default()
            .push((d.span.start, i));
    }
    for list in by_rule.values_mut() {
        list.sort_unstable();
    }
    for (file, source) in sources.iter().enumerate() {
        let Some(text) = source.text.as_deref().filter(|_| source.reported) else {
            continue;
        };
        if !may_have_directives(text) {
            continue;
        }
        let comments = scan(text, &settings.registry);
        for lookalike in &comments.lookalikes {
            report_lookalike(lookalike, file, settings, &mut added);
        }
        for suppression in comments.suppressions {
            let mut used = vec![false; suppression.rules.len()];
            for ((id, _), used) in suppression.rules.iter().zip(&mut used) {
                // Only rules are silenced: what sglint could not read or evaluate never is.
                if settings.registry.get(id).is_none() {
                    continue;
                }
                let Some(list) = by_rule.get(&(file, id.as_str())) else {
                    continue;
                };
                let from = list.partition_point(|&(start, _)| start < suppression.scope.start);
                let to = list.partition_point(|&(start, _)| start < suppression.scope.end);
                if from < to {
                    *used = true;
                    silenced.push((id.clone(), from..to, file));
                }
            }
            report(&suppression, &used, file, settings, &mut added);
        }
    }
    let silenced = silenced_findings(diagnostics.len(), &by_rule, &mut silenced);
    if !silenced.is_empty() {
        let mut flags = silenced.into_iter();
        diagnostics.retain(|_| !flags.next().unwrap_or(false));
    }
    diagnostics.append(&mut added);
}

/// Each file's findings by rule, in order of where they start: a suppression finds the ones in
/// its scope by binary search, whatever the numbers of both.
type FindingsByRule<'d> = FxHashMap<(FileId, &'d str), Vec<(usize, usize)>>;

/// Which of `findings` findings are in the scopes of `silenced` (a rule, a range of that rule's
/// findings in `by_rule`), each marked once however many suppressions cover it; empty when
/// nothing is silenced.
fn silenced_findings(
    findings: usize,
    by_rule: &FindingsByRule<'_>,
    silenced: &mut [(String, Range<usize>, FileId)],
) -> Vec<bool> {
    if silenced.is_empty() {
        return Vec::new();
    }
    silenced.sort_unstable_by(|a, b| (a.2, &a.0, a.1.start).cmp(&(b.2, &b.0, b.1.start)));
    let mut remove = vec![false; findings];
    // Ranges of one file's rule come in order of start: what an earlier one covered is skipped.
    let mut covered: Option<(FileId, &str, usize)> = None;
    for (id, range, file) in silenced.iter() {
        let list = &by_rule[&(*file, id.as_str())];
        let done = match covered {
            Some((f, rule, end)) if f == *file && rule == id => end,
            _ => 0,
        };
        for &(_, i) in list
            .get(range.start.max(done)..range.end)
            .unwrap_or_default()
        {
            remove[i] = true;
        }
        covered = Some((*file, id, done.max(range.end)));
    }
    remove
}

/// The findings about one suppression comment.
fn report(
    suppression: &Suppression,
    used: &[bool],
    file: FileId,
    settings: &Settings,
    out: &mut Vec<Diagnostic>,
) {
    let mut push = |rule: &'static str, range: Range<usize>, message: String, label, help| {
        if let Some((severity, _)) = settings.active(rule) {
            out.push(finding(
                rule,
                severity,
                Span::new(file, range),
                message,
                label,
                help,
            ));
        }
    };
    if suppression.rules.is_empty() {
        push(
            INVALID_SUPPRESSION,
            suppression.comment.clone(),
            "suppression names no rule".to_string(),
            "no rule id",
            "write `# sglint:ignore <rule-id> -- <reason>`; `sglint rules` lists the ids",
        );
    }
    if suppression.reason.is_none() {
        push(
            INVALID_SUPPRESSION,
            suppression.comment.clone(),
            "suppression without a reason".to_string(),
            "no `-- reason`",
            "say why after `--`, e.g. `# sglint:ignore public-ingress -- public web tier behind WAF`",
        );
    }
    for ((id, range), used) in suppression.rules.iter().zip(used) {
        if crate::diagnostic::input_finding(id).is_some() {
            push(
                INVALID_SUPPRESSION,
                range.clone(),
                format!("`{id}` cannot be suppressed: it is about the input, not a rule"),
                "not a rule",
                "fix what the finding says; a file that sglint cannot read can be skipped with \
                 `exclude` in sglint.toml",
            );
        } else if settings.registry.get(id).is_none() {
            push(
                INVALID_SUPPRESSION,
                range.clone(),
                format!("suppression names unknown rule `{id}`"),
                "no such rule",
                "`sglint rules` lists every rule",
            );
        } else if !used && settings.active(id).is_some() {
            push(
                UNUSED_SUPPRESSION,
                range.clone(),
                format!("suppression of `{id}` silences nothing"),
                "unused",
                "remove it, or move it to the line before the element that has the finding",
            );
        }
    }
}

/// The finding about a comment that looks like a suppression and is not one.
fn report_lookalike(
    lookalike: &Lookalike,
    file: FileId,
    settings: &Settings,
    out: &mut Vec<Diagnostic>,
) {
    let Some((severity, _)) = settings.active(INVALID_SUPPRESSION) else {
        return;
    };
    let (message, help) = if lookalike.block {
        (
            "a `/* */` comment is not a suppression".to_string(),
            "write it as a line comment: `# sglint:ignore <rule-id> -- <reason>`",
        )
    } else {
        (
            format!(
                "`{}` is not a suppression: sglint reads only `sglint:ignore`",
                lookalike.written
            ),
            "write `# sglint:ignore <rule-id> -- <reason>` (or `sglint:ignore-file`), in lowercase \
             with no space after the colon; `sglint rules` lists the ids",
        )
    };
    out.push(finding(
        INVALID_SUPPRESSION,
        severity,
        Span::new(file, lookalike.comment.clone()),
        message,
        "not read as a suppression",
        help,
    ));
}

fn finding(
    rule: &'static str,
    severity: Severity,
    span: Span,
    message: String,
    label: &'static str,
    help: &'static str,
) -> Diagnostic {
    Diagnostic {
        rule: RuleId::Borrowed(rule),
        severity,
        message: message.into(),
        span,
        location: Location::default(),
        label: label.into(),
        related: Vec::new(),
        help: Some(help.into()),
        resource: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(text: &str) -> Vec<(Vec<String>, Option<String>, String)> {
        scan(text, &Registry::builtin())
            .suppressions
            .into_iter()
            .map(|s| {
                (
                    s.rules.into_iter().map(|(id, _)| id).collect(),
                    s.reason,
                    text[s.scope].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_comment_before_an_element_covers_the_whole_element() {
        let text = "# sglint:ignore a, b -- why\n\nresource \"x\" \"y\" {\n  k = [\n    1,\n  ]\n}\nother = 1\n";
        assert_eq!(
            scopes(text),
            [(
                vec!["a".to_string(), "b".to_string()],
                Some("why".to_string()),
                "resource \"x\" \"y\" {\n  k = [\n    1,\n  ]\n}".to_string()
            )]
        );
    }

    #[test]
    fn a_trailing_comment_covers_its_line_and_what_it_opens() {
        let text = "a = 1 // sglint:ignore r -- x\nb {  # sglint:ignore s\n  c = 2\n}\nd = 3\n";
        let found = scopes(text);
        assert_eq!(found[0].2, "a = 1 // sglint:ignore r -- x");
        assert_eq!(found[1].1, None);
        assert_eq!(found[1].2, "b {  # sglint:ignore s\n  c = 2\n}");
    }

    #[test]
    fn comment_markers_inside_strings_and_heredocs_are_not_comments() {
        let text = "a = \"# sglint:ignore r -- no\"\nb = \"${x} // sglint:ignore r\"\nc = <<EOF\n# sglint:ignore r -- no\nEOF\n";
        let comments = scan(text, &Registry::builtin());
        assert!(comments.suppressions.is_empty() && comments.lookalikes.is_empty());
        let text = "a = \"${ {k = 1}[\"k\"] }\" # sglint:ignore r -- yes\n";
        assert_eq!(scopes(text).len(), 1);
    }

    #[test]
    fn ignore_file_covers_the_whole_file_and_other_words_are_not_directives() {
        let text = "x = 1\n# sglint:ignore-file r -- generated\n# sglint:ignored r\n";
        let found = scopes(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, text);
    }

    #[test]
    fn comments_that_look_like_suppressions_are_lookalikes_and_prose_is_not() {
        let lookalikes = |text: &str| -> Vec<String> {
            scan(text, &Registry::builtin())
                .lookalikes
                .into_iter()
                .map(|l| l.written)
                .collect()
        };
        for text in [
            "# sglint: ignore public-ingress -- x\n",
            "#SGLINT:IGNORE public-ingress -- x\n",
            "// sglint:disable public-ingress\n",
            "a = 1 # sglint-ignore public-ingress -- x\n",
            "# sglint:ignore:public-ingress\n",
            "# sglint:ignore=public-ingress\n",
            "# sglint:ignored public-ingress\n",
            "# sglint ignore public-ingress -- x\n",
            "# noqa: public-ingress\n",
            "a = 1 # NOQA sglint\n",
            "/* sglint:ignore public-ingress -- x */\n",
            "/*\n  sglint: ignore public-ingress\n*/\n",
        ] {
            assert_eq!(lookalikes(text).len(), 1, "{text:?}");
            assert!(
                scan(text, &Registry::builtin()).suppressions.is_empty(),
                "{text:?}"
            );
        }
        for text in [
            "# sglint is run in CI on this module\n",
            "# sglint checks these groups; see README\n",
            "# noqa: E501\n",
            "/* sglint runs here */\n",
            "a = \"# sglint: ignore\"\n",
        ] {
            assert!(lookalikes(text).is_empty(), "{text:?}");
        }
        assert_eq!(lookalikes("# sglint: ignore x y z\n"), ["sglint: ignore"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Any text, however it cuts comments, strings and characters, is scanned without a
        /// panic, and every range found lies on character boundaries inside it.
        #[test]
        fn scanning_any_text_keeps_ranges_inside_it(
            text in r#"(sglint|noqa|:|ignore|-file|--| |\t|#|//|/\*|\*/|\n|"|\$\{|\}|<<EOF|EOF|ü|€|[a-z,])*"#
        ) {
            let comments = scan(&text, &Registry::builtin());
            let ranges = comments
                .suppressions
                .iter()
                .flat_map(|s| {
                    [s.comment.clone(), s.scope.clone()]
                        .into_iter()
                        .chain(s.rules.iter().map(|(_, r)| r.clone()))
                })
                .chain(comments.lookalikes.iter().map(|l| l.comment.clone()));
            for range in ranges {
                proptest::prop_assert!(text.get(range.clone()).is_some(), "{range:?} in {text:?}");
            }
        }
    }
}
