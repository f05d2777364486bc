//! Finds where the top-level items (blocks and attributes) of HCL text begin and end, without
//! parsing it, so that a large file can be parsed in parts and each part's syntax tree kept or
//! dropped on its own.
//!
//! The scanner knows HCL's lexical structure: quoted templates with escapes and `${ }`/`%{ }`
//! sequences, heredocs (`<<EOT`, `<<-EOT`) ending at a line of their marker, `#`, `//` and
//! `/* */` comments, and bracket nesting. At the top level a newline ends an item, as it ends an
//! attribute or a block for hclsyntax. When the text is not well formed (an unterminated string
//! or comment, a closing bracket that does not match) it gives no answer, and the caller parses
//! the text whole, so that the error is the parser's.

use std::ops::Range;

/// The ranges of the top-level items of `text`, in order. They cover the text with no gap: the
/// comments and blank lines before an item belong to it, and those at the end of the text to the
/// last item. `None` when the text is not well formed.
pub(crate) fn top_level_items(text: &str) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Context> = Vec::new();
    let mut items = Vec::new();
    let mut item_start = 0;
    let mut has_content = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match stack.last() {
            None | Some(Context::Bracket(_) | Context::Interpolation) => {
                match b {
                    b'#' => {
                        i = line_end(bytes, i);
                        continue;
                    }
                    b'/' if bytes.get(i + 1) == Some(&b'/') => {
                        i = line_end(bytes, i);
                        continue;
                    }
                    b'/' if bytes.get(i + 1) == Some(&b'*') => {
                        i = find(bytes, i + 2, b"*/")? + 2;
                        continue;
                    }
                    b'\n' if stack.is_empty() && has_content => {
                        items.push(item_start..i + 1);
                        item_start = i + 1;
                        has_content = false;
                    }
                    b' ' | b'\t' | b'\r' | b'\n' => {}
                    b'"' => stack.push(Context::Quoted),
                    b'<' if bytes.get(i + 1) == Some(&b'<') => {
                        let (marker, body_start) = heredoc_start(bytes, i + 2)?;
                        stack.push(Context::Heredoc {
                            marker,
                            line_start: true,
                        });
                        has_content = true;
                        i = body_start;
                        continue;
                    }
                    b'{' => stack.push(Context::Bracket(b'}')),
                    b'[' => stack.push(Context::Bracket(b']')),
                    b'(' => stack.push(Context::Bracket(b')')),
                    b'}' | b']' | b')' => match stack.pop()? {
                        Context::Bracket(close) if close == b => {}
                        Context::Interpolation if b == b'}' => {}
                        _ => return None,
                    },
                    _ => {}
                }
                if !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
                    has_content = true;
                }
                i += 1;
            }
            Some(Context::Quoted) => {
                match b {
                    b'\\' => i += 1,
                    b'"' => {
                        stack.pop();
                    }
                    b'\n' => return None,
                    _ => {
                        if let Some(skip) = template_sequence(bytes, i, &mut stack) {
                            i += skip;
                            continue;
                        }
                    }
                }
                i += 1;
            }
            Some(Context::Heredoc { marker, line_start }) => {
                if *line_start && let Some(end) = heredoc_end(bytes, i, marker.clone()) {
                    stack.pop();
                    i = end;
                    continue;
                }
                if let Some(Context::Heredoc { line_start, .. }) = stack.last_mut() {
                    *line_start = b == b'\n';
                }
                if let Some(skip) = template_sequence(bytes, i, &mut stack) {
                    i += skip;
                    continue;
                }
                i += 1;
            }
        }
    }
    if !stack.is_empty() {
        return None;
    }
    match items.last_mut() {
        Some(last) if !has_content => last.end = bytes.len(),
        _ => items.push(item_start..bytes.len()),
    }
    Some(items)
}

/// Where the scanner is.
#[derive(Clone)]
enum Context {
    /// Inside brackets, braces or parentheses that close with the byte given.
    Bracket(u8),
    /// Inside `${ }` or `%{ }` of a template.
    Interpolation,
    /// Inside a quoted template.
    Quoted,
    /// Inside a heredoc template whose marker is the range given; `line_start` when at the start
    /// of one of its lines, where the marker may end it.
    Heredoc {
        marker: Range<usize>,
        line_start: bool,
    },
}

/// How many bytes a template sequence at `i` takes (an escaped `$${` or `%%{`, or the start of
/// an interpolation, which is then pushed on `stack`), or `None` for any other byte.
fn template_sequence(bytes: &[u8], i: usize, stack: &mut Vec<Context>) -> Option<usize> {
    let b = bytes[i];
    if !(b == b'$' || b == b'%') {
        return None;
    }
    match (bytes.get(i + 1), bytes.get(i + 2)) {
        (Some(&next), Some(b'{')) if next == b => Some(3),
        (Some(b'{'), _) => {
            stack.push(Context::Interpolation);
            Some(2)
        }
        _ => None,
    }
}

/// The offset of the newline that ends the line holding `i` (or the end of the text).
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| i + p)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Whether `b` can be part of an identifier. Every non-ASCII byte counts as one: the scanner
/// then reads a marker as longer than hclsyntax may, and a heredoc as ending later, which can
/// only make it split the text in fewer places.
fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}

/// After `<<` at `i - 2`: the marker's range and where the heredoc's first line starts.
fn heredoc_start(bytes: &[u8], mut i: usize) -> Option<(Range<usize>, usize)> {
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && is_identifier_byte(bytes[i]) {
        i += 1;
    }
    if i == start {
        return None;
    }
    let marker = start..i;
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'\n'), _) => Some((marker, i + 1)),
        (Some(b'\r'), Some(b'\n')) => Some((marker, i + 2)),
        _ => None,
    }
}

/// When the line starting at `i` ends the heredoc of `marker` (spaces, then the marker not
/// followed by an identifier byte): the offset after the marker.
fn heredoc_end(bytes: &[u8], mut i: usize, marker: Range<usize>) -> Option<usize> {
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let end = i + marker.len();
    let candidate = bytes.get(i..end)?;
    (candidate == &bytes[marker] && !bytes.get(end).is_some_and(|&b| is_identifier_byte(b)))
        .then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        top_level_items(text)
            .expect("well formed")
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn blocks_and_attributes_are_split_at_top_level_newlines() {
        let text = "# leading\nlocals {\n  a = 1\n}\n\nresource \"x\" \"y\" {\n  b = [\n    1,\n  ]\n}\nc = 2\n";
        assert_eq!(
            split(text),
            [
                "# leading\nlocals {\n  a = 1\n}\n",
                "\nresource \"x\" \"y\" {\n  b = [\n    1,\n  ]\n}\n",
                "c = 2\n",
            ]
        );
    }

    #[test]
    fn strings_comments_and_heredocs_hide_what_looks_like_structure() {
        // An escaped quote, then a newline in a string: malformed.
        let text = "a = \"}\\\"\n\" # no\n";
        assert_eq!(top_level_items(text), None);
        let text = concat!(
            "a = <<EOT\n}\nresource \"fake\" \"x\" {}\n  EOT\n",
            "b = \"${ { k = \"}\" } }\" /* }\n{ */ // {\n",
            "c = <<-X\n  ${ <<Y\nX\nY\n}\n  X\n",
            "d = \"$${ %%{\"\n",
        );
        assert_eq!(
            split(text),
            [
                "a = <<EOT\n}\nresource \"fake\" \"x\" {}\n  EOT\n",
                "b = \"${ { k = \"}\" } }\" /* }\n{ */ // {\n",
                "c = <<-X\n  ${ <<Y\nX\nY\n}\n  X\n",
                "d = \"$${ %%{\"\n",
            ]
        );
    }

    #[test]
    fn a_marker_followed_by_more_identifier_does_not_end_its_heredoc() {
        let text = "a = <<EOT\nEOTX\n}\nEOT\nb = 1";
        assert_eq!(split(text), ["a = <<EOT\nEOTX\n}\nEOT\n", "b = 1"]);
    }

    #[test]
    fn trailing_comments_join_the_last_item_and_empty_text_is_one_item() {
        assert_eq!(split("a = 1\n# end\n\n"), ["a = 1\n# end\n\n"]);
        assert_eq!(split(""), [""]);
        assert_eq!(split("# only\n"), ["# only\n"]);
    }

    #[test]
    fn unbalanced_or_unterminated_text_gives_no_answer() {
        for text in [
            "a = [1, 2\n",
            "a = (1]\n",
            "}\n",
            "a = <<EOT\nnever ends\n",
            "a = <<EOT x\n",
            "/* open\n",
            "a = \"${ 1 \"\n",
        ] {
            assert_eq!(top_level_items(text), None, "{text:?}");
        }
    }
}
