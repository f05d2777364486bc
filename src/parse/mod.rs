//! Reads and parses files (in parallel) into hcl-edit syntax trees that keep byte spans.

mod parts;
mod split;

pub use parts::{
    DeclaredResource, Declares, GroupReferences, Part, Position, StreamedResources, module_sources,
    parse_parts, parse_resources, parts_match_whole,
};

use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::discover::{DiscoveredFile, FileKind};
use crate::files;
use crate::source::{FileId, Location, SourceFile, Span};
use crate::tf_json;
use hcl_edit::Span as _;
use hcl_edit::expr::{Object, ObjectValue};
use hcl_edit::structure::Body;
use hcl_edit::visit_mut::VisitMut;
use rayon::prelude::*;

/// Rule id of the finding reported for a file that does not parse.
pub const PARSE_ERROR: &str = "parse-error";

/// A file after parsing: its parts, or nothing when it did not parse.
#[derive(Debug)]
pub struct ParsedFile {
    pub id: FileId,
    pub kind: FileKind,
    /// The file's name (its last path component), which decides the order Terraform reads it in.
    pub name: String,
    pub parts: Option<Vec<Part>>,
}

/// A module's configuration text from which its declarations are parsed on first use rather than
/// kept (see [`Part`]): below it, parsing some declarations twice would cost more time than the
/// memory it saves is worth.
pub const DEFER_DECLARATIONS_ABOVE: usize = 1 << 20;

/// The result of reading one file.
pub enum ReadOutcome {
    /// The file was read (it may still have failed to parse: see the diagnostic).
    Read {
        source: SourceFile,
        parts: Option<Vec<Part>>,
        error: Option<(std::ops::Range<usize>, String)>,
    },
    /// The file could not be read at all.
    Unreadable(String),
}

/// Reads one file. Never panics; a failure is described in plain words.
pub fn read(file: &DiscoveredFile) -> Result<Vec<u8>, String> {
    files::read(&file.path, files::MAX_CONFIGURATION_FILE)
        .map_err(|why| format!("{}: {why}", file.path.display()))
}

/// Reads and parses the files of one module, in parallel: their declarations are deferred (see
/// [`Part`]) when the module's text is larger than [`DEFER_DECLARATIONS_ABOVE`].
pub fn read_and_parse_module(files: &[DiscoveredFile]) -> Vec<ReadOutcome> {
    let read: Vec<Result<Vec<u8>, String>> = files.par_iter().map(read).collect();
    let size: usize = read.iter().flatten().map(Vec::len).sum();
    let defer = size > DEFER_DECLARATIONS_ABOVE;
    read.into_par_iter()
        .zip(files)
        .map(|(bytes, file)| match bytes {
            Ok(bytes) => parse_bytes(file, bytes, defer),
            Err(message) => ReadOutcome::Unreadable(message),
        })
        .collect()
}

/// Reads the files of one module as [`read_and_parse_module`] does for a large module, except the
/// `resource` blocks of its `.tf` files: each file's outcome comes with where they are and what
/// they declare, their trees dropped, for the caller to parse a few at a time again with
/// [`parse_resources`]. `.tf.json` files, and `.tf` files the scanner cannot split, are parsed
/// whole.
pub fn read_module_streaming(
    files: &[DiscoveredFile],
) -> Vec<(ReadOutcome, Vec<StreamedResources>)> {
    files
        .par_iter()
        .map(|file| {
            let bytes = match read(file) {
                Ok(bytes) => bytes,
                Err(message) => return (ReadOutcome::Unreadable(message), Vec::new()),
            };
            if file_name(&file.path).ends_with(".tf") {
                match String::from_utf8(bytes) {
                    Ok(text) => match parts::parse_streaming(&text) {
                        Ok((parts, resources)) => {
                            let source = SourceFile::new(file.path.clone(), text, file.reported);
                            let read = ReadOutcome::Read {
                                source,
                                parts: Some(parts),
                                error: None,
                            };
                            (read, resources)
                        }
                        Err(_) => (parse_bytes(file, text.into_bytes(), true), Vec::new()),
                    },
                    Err(e) => (parse_bytes(file, e.into_bytes(), true), Vec::new()),
                }
            } else {
                (parse_bytes(file, bytes, true), Vec::new())
            }
        })
        .collect()
}

/// Parses the bytes read from `file`; `defer`: see [`Part`]. Never panics.
pub fn parse_bytes(file: &DiscoveredFile, bytes: Vec<u8>, defer: bool) -> ReadOutcome {
    let (path, reported) = (file.path.clone(), file.reported);
    let (text, utf8_error) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (text, Some(valid))
        }
    };
    if let Some(offset) = utf8_error {
        return ReadOutcome::Read {
            source: SourceFile::new(path, text, reported),
            parts: None,
            error: Some((
                // The lossy text holds U+FFFD where the invalid bytes were: the span covers it whole.
                offset..offset + char::REPLACEMENT_CHARACTER.len_utf8(),
                "the file is not valid UTF-8 text (Terraform files must be UTF-8)".to_string(),
            )),
        };
    }
    let name = file_name(&path);
    let json = if name.ends_with(".tf.json") {
        Some(tf_json::configuration(&text))
    } else if name.ends_with(".tfvars.json") {
        Some(tf_json::variables(&text))
    } else {
        None
    };
    let (hcl, map) = match json {
        None => (None, None),
        Some(Ok((hcl, map))) => (Some(hcl), Some(map)),
        Some(Err((offset, message))) => {
            return ReadOutcome::Read {
                source: SourceFile::new(path, text, reported),
                parts: None,
                error: Some((offset..offset, message)),
            };
        }
    };
    let parsed = parts::parse_parts(hcl.as_deref().unwrap_or(&text), file.kind, defer);
    let mut source = SourceFile::new(path, text, reported);
    let outcome = match parsed {
        Ok(parts) => (Some(parts), None),
        Err(e) => {
            let parsed_text = hcl
                .as_deref()
                .unwrap_or(source.text.as_deref().unwrap_or_default());
            let offset = line_col_offset(parsed_text, e.location().line(), e.location().column());
            let range = match &map {
                Some(map) => map.span(Span::new(0, offset..offset)).range(),
                None => offset..offset,
            };
            (
                None,
                Some((range, format!("syntax error: {}", e.message()))),
            )
        }
    };
    source.rewritten = map.map(Box::new);
    ReadOutcome::Read {
        source,
        parts: outcome.0,
        error: outcome.1,
    }
}

/// Parses HCL, accepting what Terraform accepts and hcl-edit does not: a key repeated in one
/// object literal, of which Terraform keeps the last value (hclsyntax's `ObjectConsExpr` assigns
/// the values in order; terraform-aws-modules' examples repeat keys). A repeated key is renamed,
/// in a copy of the text of the same length so spans stay exact, and the text parsed again; the
/// renamed entry's value is then moved to the first entry of its name.
///
/// Re-parsing is bounded by the text's size: while looking for the next repeated key of the same
/// top-level block, only that block is parsed again (the rest of the text blanked out, keeping
/// offsets), and the whole text is parsed again at most [`MAX_FULL_PARSES`] times.
fn parse_like_terraform(text: &str) -> Result<Body, hcl_edit::parser::Error> {
    let mut patched: Option<String> = None;
    let mut renamed: Vec<usize> = Vec::new();
    for _ in 0..MAX_FULL_PARSES {
        let current = patched.as_deref().unwrap_or(text);
        let error = match hcl_edit::parser::parse_body(current) {
            Ok(mut body) => {
                if !renamed.is_empty() {
                    keep_last_values(&mut body, text, &renamed);
                }
                return Ok(body);
            }
            Err(e) => e,
        };
        if !is_repeated_key(&error) {
            return Err(error);
        }
        let mut offset =
            line_col_offset(current, error.location().line(), error.location().column());
        let (start, end) = top_level_block_around(current, offset);
        let mut whole = current.to_string();
        let mut block = blank_outside(current, start, end);
        loop {
            let Some(renamed_block) = rename_key_at(&block, offset, renamed.len() as u32) else {
                // No name is left for this key: the whole text's error points at it.
                return hcl_edit::parser::parse_body(&whole).and(Err(error));
            };
            let key_len = renamed_len(current, offset);
            whole.replace_range(
                offset..offset + key_len,
                &renamed_block[offset..offset + key_len],
            );
            renamed.push(offset);
            block = renamed_block;
            match hcl_edit::parser::parse_body(&block) {
                Err(e) if is_repeated_key(&e) => {
                    offset = line_col_offset(&block, e.location().line(), e.location().column());
                }
                // Parsed, or the block alone does not parse: the whole text decides.
                _ => break,
            }
        }
        patched = Some(whole);
    }
    hcl_edit::parser::parse_body(patched.as_deref().unwrap_or(text))
}

/// How many times one file is parsed whole, at most, to rename repeated object keys.
const MAX_FULL_PARSES: usize = 16;

fn is_repeated_key(error: &hcl_edit::parser::Error) -> bool {
    error.message().contains("redefined object key")
}

/// The byte length of the key at `offset` as [`rename_key_at`] replaces it (inside quotes for
/// a quoted key: the offset then points at the quote).
fn renamed_len(text: &str, offset: usize) -> usize {
    let rest = &text[offset..];
    match rest.strip_prefix('"') {
        Some(quoted) => 1 + quoted.find('"').unwrap_or(0),
        None => rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len()),
    }
}

/// The top-level block that holds `offset`, guessed from the layout `terraform fmt` gives: from
/// the last line before it that starts in the first column with neither `}` nor a comment, to the
/// next such line after it. A wrong guess costs only a parse of the whole text.
fn top_level_block_around(text: &str, offset: usize) -> (usize, usize) {
    let starts_block = |line: &str| {
        line.starts_with(|c: char| !c.is_whitespace() && c != '}' && c != '#' && c != '/')
    };
    let mut start = 0;
    let mut at = 0;
    let mut end = text.len();
    for line in text.split_inclusive('\n') {
        if at > offset && starts_block(line) {
            end = at;
            break;
        }
        if at <= offset && starts_block(line) {
            start = at;
        }
        at += line.len();
    }
    (start, end)
}

/// `text` with every byte outside `start..end` replaced by a space (newlines kept), so that
/// parsing it parses only that part, at the same offsets, lines and columns.
fn blank_outside(text: &str, start: usize, end: usize) -> String {
    let blank = |part: &str| -> String {
        part.chars()
            .map(|c| {
                if c == '\n' {
                    "\n".to_string()
                } else {
                    " ".repeat(c.len_utf8())
                }
            })
            .collect()
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&blank(&text[..start]));
    out.push_str(&text[start..end]);
    out.push_str(&blank(&text[end..]));
    out
}

/// Gives each object's first entry of a repeated key the last value written for it, as
/// Terraform does; `renamed` are the offsets of the keys that were renamed to parse the text.
fn keep_last_values(body: &mut Body, text: &str, renamed: &[usize]) {
    struct LastValues<'t> {
        text: &'t str,
        renamed: rustc_hash::FxHashSet<usize>,
    }
    impl VisitMut for LastValues<'_> {
        fn visit_object_mut(&mut self, node: &mut Object) {
            hcl_edit::visit_mut::visit_object_mut(self, node);
            let mut items: Vec<(Option<std::ops::Range<usize>>, &mut ObjectValue)> = node
                .iter_mut()
                .map(|(key, value)| (key.span(), value))
                .collect();
            for j in 0..items.len() {
                let Some(span) = items[j].0.clone() else {
                    continue;
                };
                let key_start = span.start + usize::from(self.text[span.start..].starts_with('"'));
                if !self.renamed.contains(&span.start) && !self.renamed.contains(&key_start) {
                    continue;
                }
                let key = |span: &std::ops::Range<usize>| {
                    self.text.get(span.clone()).map(|k| k.trim_matches('"'))
                };
                let name = key(&span);
                let first = items[..j]
                    .iter()
                    .position(|(other, _)| other.as_ref().is_some_and(|o| key(o) == name));
                if let Some(i) = first {
                    let (before, after) = items.split_at_mut(j);
                    std::mem::swap(before[i].1, after[0].1);
                }
            }
        }
    }
    let mut visitor = LastValues {
        text,
        renamed: renamed.iter().copied().collect(),
    };
    visitor.visit_body_mut(body);
}

/// Replaces the object key at `offset` (an identifier or a quoted string) with a unique name of
/// the same byte length, or `None` when the key is too short to rename.
fn rename_key_at(text: &str, offset: usize, attempt: u32) -> Option<String> {
    let rest = text.get(offset..)?;
    let (start, len) = if let Some(quoted) = rest.strip_prefix('"') {
        (offset + 1, quoted.find('"')?)
    } else {
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        (offset, len)
    };
    if len < 2 || !text.is_char_boundary(start + len) {
        return None;
    }
    let replacement = format!("_{attempt:0>width$}", width = len - 1);
    if replacement.len() != len {
        // A short key repeated many times: no unique name of its length is left.
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str(&replacement);
    out.push_str(&text[start + len..]);
    Some(out)
}

/// A file's name as [`ParsedFile::name`] holds it.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Builds the `parse-error` finding for a file.
pub fn parse_error(file: FileId, range: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic {
        rule: RuleId::Borrowed(PARSE_ERROR),
        severity: Severity::Error,
        message: message.into(),
        span: Span::new(file, range),
        location: Location::default(),
        label: "here".into(),
        related: Vec::new(),
        help: Some("fix the syntax; the rest of this file was not linted".into()),
        resource: None,
    }
}

fn line_col_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_object_keys_parse_as_terraform_accepts_them() {
        let text = "x = {\n  port = 80\n  name = \"a\"\n  port = 80\n}\n";
        assert!(hcl_edit::parser::parse_body(text).is_err());
        let body = parse_like_terraform(text).expect("Terraform accepts repeated object keys");
        let attr = body.get_attribute("x").unwrap();
        assert_eq!(attr.value.as_object().unwrap().len(), 3);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_as_terraform_does() {
        let text = "x = {\n  cidr = \"10.0.1.0/24\"\n  port = 1\n  cidr = \"0.0.0.0/0\"\n  cidr = \"::/0\"\n}\n";
        let body = parse_like_terraform(text).unwrap();
        let object = body.get_attribute("x").unwrap().value.as_object().unwrap();
        let (key, value) = object.iter().next().unwrap();
        assert_eq!(&text[key.span().unwrap()], "cidr");
        assert_eq!(value.expr().as_str(), Some("::/0"));
        // The value kept points at where it is written.
        let span = value.expr().span().unwrap();
        assert_eq!(&text[span], "\"::/0\"");
    }

    #[test]
    fn many_repeated_keys_in_a_large_file_cost_few_parses_of_it() {
        let filler: String = (0..2000)
            .map(|i| format!("locals {{\n  v{i} = {{ a = 1 }}\n}}\n"))
            .collect();
        let repeated: String = (0..70).map(|i| format!("    kkkkk = {i}\n")).collect();
        let text = format!("{filler}locals {{\n  z = {{\n{repeated}  }}\n}}\n");
        let body = parse_like_terraform(&text).expect("Terraform accepts it");
        let z = body
            .blocks()
            .last()
            .unwrap()
            .body
            .get_attribute("z")
            .unwrap();
        let (_, value) = z.value.as_object().unwrap().iter().next().unwrap();
        assert_eq!(value.expr().to_string().trim(), "69");
    }

    #[test]
    fn a_short_key_repeated_more_often_than_it_can_be_renamed_is_a_located_error() {
        let pairs: String = (0..12).map(|i| format!("  ab = {i}\n")).collect();
        let text = format!("x = {{\n{pairs}}}\n");
        let error = parse_like_terraform(&text).expect_err("no 2-byte name is left for the 11th");
        assert!(error.message().contains("redefined object key"));
        // Every rename kept the text's length, so the error's line is the 12th key's.
        assert_eq!(error.location().line(), 13);
    }

    #[test]
    fn offset_from_line_and_column() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col_offset(text, 1, 1), 0);
        assert_eq!(line_col_offset(text, 2, 3), 9);
    }
}
