//! Source files as read from disk, and byte spans into them with line/column lookup.

use std::ops::Range;
use std::path::PathBuf;

/// Index of a file in the run's [`SourceMap`].
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Builds a span from a file and a byte range.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start,
            end: range.end,
        }
    }

    /// The byte range of this span.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Where a span starts and ends, as lines and columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub start: LineCol,
    pub end: LineCol,
}

/// A text with the byte offsets at which its lines start, to turn offsets into lines and columns.
#[derive(Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let text = self.text;
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Where a span of this text starts and ends.
    pub fn locate(&self, span: Span) -> Location {
        Location {
            start: self.line_col(span.start),
            end: self.line_col(span.end),
        }
    }
}

/// One file of the run: where it is, its text, and whether findings in it are reported.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (relative stays relative).
    pub path: PathBuf,
    /// The text, while it is needed: a run keeps it only for files with findings, and only when
    /// the output shows source snippets.
    pub text: Option<String>,
    /// False for files loaded only so that references resolve (siblings of a named file).
    pub reported: bool,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String, reported: bool) -> SourceFile {
        SourceFile {
            path,
            text: Some(text),
            reported,
        }
    }

    /// The path for display, with `/` separators as the user typed them.
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }
}

/// Every file read in one run, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    pub files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let text = "ab\nçd = 1\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(lines.line_col(3), LineCol { line: 2, column: 1 });
        // 'ç' is two bytes but one column.
        assert_eq!(lines.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(lines.line_col(999), LineCol { line: 3, column: 1 });
    }
}
