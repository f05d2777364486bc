//! Reads and parses files (in parallel) into hcl-edit bodies that keep byte spans.

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{DiscoveredFile, FileKind};
use crate::files;
use crate::source::{FileId, Location, SourceFile, Span};
use hcl_edit::structure::Body;
use std::path::PathBuf;

/// Rule id of the finding reported for a file that does not parse.
pub const PARSE_ERROR: &str = "parse-error";

/// A file after parsing: its body, or nothing when it did not parse.
#[derive(Debug)]
pub struct ParsedFile {
    pub id: FileId,
    pub kind: FileKind,
    /// The file's name (its last path component), which decides the order Terraform reads it in.
    pub name: String,
    pub body: Option<Box<Body>>,
}

/// The result of reading one file.
pub enum ReadOutcome {
    /// The file was read (it may still have failed to parse: see the diagnostic).
    Read {
        source: SourceFile,
        body: Option<Box<Body>>,
        error: Option<(std::ops::Range<usize>, String)>,
    },
    /// The file could not be read at all.
    Unreadable(String),
}

/// Reads and parses one file. Never panics; every failure is described in plain words.
pub fn read_and_parse(file: &DiscoveredFile) -> ReadOutcome {
    match files::read(&file.path, files::MAX_CONFIGURATION_FILE) {
        Ok(bytes) => parse_bytes(file.path.clone(), bytes, file.reported),
        Err(why) => ReadOutcome::Unreadable(format!("{}: {why}", file.path.display())),
    }
}

/// Parses the bytes of a file read from `path`. Never panics.
pub fn parse_bytes(path: PathBuf, bytes: Vec<u8>, reported: bool) -> ReadOutcome {
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
            body: None,
            error: Some((
                // The lossy text holds U+FFFD where the invalid bytes were: the span covers it whole.
                offset..offset + char::REPLACEMENT_CHARACTER.len_utf8(),
                "the file is not valid UTF-8 text (Terraform files must be UTF-8)".to_string(),
            )),
        };
    }
    match parse_like_terraform(&text) {
        Ok(body) => ReadOutcome::Read {
            source: SourceFile::new(path, text, reported),
            body: Some(Box::new(body)),
            error: None,
        },
        Err(e) => {
            let offset = line_col_offset(&text, e.location().line(), e.location().column());
            let message = format!("syntax error: {}", e.message());
            ReadOutcome::Read {
                source: SourceFile::new(path, text, reported),
                body: None,
                error: Some((offset..offset, message)),
            }
        }
    }
}

/// Parses HCL, accepting what Terraform accepts and hcl-edit does not: a key repeated in one
/// object literal (Terraform keeps one value silently; terraform-aws-modules' examples do this).
/// The repeated key is renamed, in a copy of the text of the same length so spans stay exact,
/// and the text parsed again.
fn parse_like_terraform(text: &str) -> Result<Body, hcl_edit::parser::Error> {
    let mut patched: Option<String> = None;
    for attempt in 0..64u32 {
        let current = patched.as_deref().unwrap_or(text);
        let error = match hcl_edit::parser::parse_body(current) {
            Ok(body) => return Ok(body),
            Err(e) => e,
        };
        if !error.message().contains("redefined object key") {
            return Err(error);
        }
        let offset = line_col_offset(current, error.location().line(), error.location().column());
        let Some(renamed) = rename_key_at(current, offset, attempt) else {
            return Err(error);
        };
        patched = Some(renamed);
    }
    hcl_edit::parser::parse_body(patched.as_deref().unwrap_or(text))
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
        rule: PARSE_ERROR,
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
