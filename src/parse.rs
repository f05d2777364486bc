//! Reads and parses files (in parallel) into hcl-edit bodies that keep byte spans.

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{DiscoveredFile, FileKind, plain_io};
use crate::source::{FileId, SourceFile, Span};
use hcl_edit::structure::Body;

/// Rule id of the finding reported for a file that does not parse.
pub const PARSE_ERROR: &str = "parse-error";

/// A file after parsing: its body, or nothing when it did not parse.
#[derive(Debug)]
pub struct ParsedFile {
    pub id: FileId,
    pub kind: FileKind,
    pub body: Option<Body>,
}

/// The result of reading one file.
pub enum ReadOutcome {
    /// The file was read (it may still have failed to parse: see the diagnostic).
    Read {
        source: SourceFile,
        body: Option<Body>,
        error: Option<(std::ops::Range<usize>, String)>,
    },
    /// The file could not be read at all.
    Unreadable(String),
}

/// Reads and parses one file. Never panics; every failure is described in plain words.
pub fn read_and_parse(file: &DiscoveredFile) -> ReadOutcome {
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            return ReadOutcome::Unreadable(format!(
                "{}: cannot read: {}",
                file.path.display(),
                plain_io(&e)
            ));
        }
    };
    let (text, utf8_error) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (text, Some(valid))
        }
    };
    let source = SourceFile::new(file.path.clone(), text, file.reported);
    if let Some(offset) = utf8_error {
        return ReadOutcome::Read {
            source,
            body: None,
            error: Some((
                offset..offset + 1,
                "the file is not valid UTF-8 text (Terraform files must be UTF-8)".to_string(),
            )),
        };
    }
    match hcl_edit::parser::parse_body(&source.text) {
        Ok(body) => ReadOutcome::Read {
            source,
            body: Some(body),
            error: None,
        },
        Err(e) => {
            let offset = line_col_offset(&source.text, e.location().line(), e.location().column());
            let message = format!("syntax error: {}", e.message());
            ReadOutcome::Read {
                source,
                body: None,
                error: Some((offset..offset, message)),
            }
        }
    }
}

/// Builds the `parse-error` finding for a file.
pub fn parse_error(file: FileId, range: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic {
        rule: PARSE_ERROR,
        severity: Severity::Error,
        message,
        span: Span::new(file, range),
        label: "here".to_string(),
        related: Vec::new(),
        help: Some("fix the syntax; the rest of this file was not linted".to_string()),
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
    fn offset_from_line_and_column() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col_offset(text, 1, 1), 0);
        assert_eq!(line_col_offset(text, 2, 3), 9);
    }
}
