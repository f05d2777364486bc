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

/// Where a syntax tree was parsed from: a file, and the offset in it of the part of its text
/// that was parsed. The spans hcl-edit gives a tree's nodes are relative to that part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TreeBase {
    pub file: FileId,
    pub offset: usize,
}

impl TreeBase {
    /// The span in the file of a node's range in the tree.
    pub fn span(self, range: Range<usize>) -> Span {
        Span::new(
            self.file,
            range.start + self.offset..range.end + self.offset,
        )
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

/// Turns byte offsets of one text into lines and columns. Offsets are visited in any order;
/// each lookup scans only the bytes between it and the previous one, so the ascending offsets of
/// sorted findings cost one pass over the text.
#[derive(Debug)]
pub struct LineCursor<'t> {
    text: &'t str,
    offset: usize,
    /// 0-based line of `offset`.
    line: usize,
    /// Byte offset where that line starts.
    line_start: usize,
    /// 0-based column (in characters) of `offset`.
    column: usize,
}

impl<'t> LineCursor<'t> {
    pub fn new(text: &'t str) -> LineCursor<'t> {
        LineCursor {
            text,
            offset: 0,
            line: 0,
            line_start: 0,
            column: 0,
        }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn line_col(&mut self, offset: usize) -> LineCol {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        if offset >= self.offset {
            let between = &bytes[self.offset..offset];
            self.line += memchr::memchr_iter(b'\n', between).count();
            match memchr::memrchr(b'\n', between) {
                Some(last) => {
                    self.line_start = self.offset + last + 1;
                    self.column = chars(self.text, self.line_start, offset);
                }
                // Same line: count only the new characters, so that the findings of a minified
                // plan (one long line) cost one pass, not one pass each.
                None => self.column += chars(self.text, self.offset, offset),
            }
        } else if offset >= self.line_start {
            // Back on the same line (the end of one span, then the start of the next).
            self.column -= chars(self.text, offset, self.offset);
        } else {
            self.line -= memchr::memchr_iter(b'\n', &bytes[offset..self.offset]).count();
            self.line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
            self.column = chars(self.text, self.line_start, offset);
        }
        self.offset = offset;
        LineCol {
            line: self.line + 1,
            column: self.column + 1,
        }
    }

    /// Where a span of this text starts and ends.
    pub fn locate(&mut self, span: Span) -> Location {
        Location {
            start: self.line_col(span.start),
            end: self.line_col(span.end),
        }
    }
}

/// Lines and columns of chosen offsets of one file, computed while its text was at hand, so that
/// the text can be dropped before findings are located: a plan's text can be hundreds of
/// megabytes, while the offsets findings point at (its resources' addresses) are few.
#[derive(Debug, Default)]
pub struct KnownPositions(Vec<(usize, LineCol)>);

impl KnownPositions {
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> KnownPositions {
        let mut offsets: Vec<usize> = offsets.into_iter().collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut cursor = LineCursor::new(text);
        KnownPositions(
            offsets
                .into_iter()
                .map(|o| (o, cursor.line_col(o)))
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The line and column of an offset, or of the nearest known offset before it.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let index = self.0.partition_point(|&(o, _)| o <= offset);
        index
            .checked_sub(1)
            .map_or(LineCol { line: 1, column: 1 }, |i| self.0[i].1)
    }

    /// Where a span starts and ends.
    pub fn locate(&self, span: Span) -> Location {
        Location {
            start: self.line_col(span.start),
            end: self.line_col(span.end),
        }
    }
}

/// Takes offsets of a text sglint wrote for a file (the HCL it reads a `.tf.json` file as) back
/// to the file's own: each anchor pairs a range of the written text with the range of the file
/// it came from, and an offset goes to the same distance into the innermost anchor around it.
#[derive(Debug, Default)]
pub struct OffsetMap {
    /// By start in the written text; an anchor inside another starts after it.
    anchors: Vec<(Range<usize>, Range<usize>)>,
}

impl OffsetMap {
    pub fn new(mut anchors: Vec<(Range<usize>, Range<usize>)>) -> OffsetMap {
        // Outer anchors first among those that start together.
        anchors.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        OffsetMap { anchors }
    }

    /// The file's span for a span of the written text.
    pub fn span(&self, span: Span) -> Span {
        let Some(index) = self.around(span.start) else {
            return Span::new(span.file, 0..0);
        };
        let (written, original) = &self.anchors[index];
        let offset =
            |at: usize| (original.start + at.saturating_sub(written.start)).min(original.end);
        Span::new(
            span.file,
            offset(span.start)..offset(span.end.max(span.start)),
        )
    }

    /// The innermost anchor that holds `at` (or the last one before it).
    fn around(&self, at: usize) -> Option<usize> {
        let last = self
            .anchors
            .partition_point(|(w, _)| w.start <= at)
            .checked_sub(1)?;
        // The anchor that starts last before `at` is the innermost unless it ended before `at`:
        // then an enclosing one, a few anchors back, holds it.
        (last.saturating_sub(64)..=last)
            .rev()
            .find(|&i| self.anchors[i].0.contains(&at) || self.anchors[i].0.end == at)
            .or(Some(last))
    }
}

/// The number of characters between two byte offsets (bytes, when not on character boundaries).
fn chars(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end)
        .map_or(end - start, |s| s.chars().count())
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
    /// Positions that locate findings once `text` is dropped (plans).
    pub positions: KnownPositions,
    /// For a file read through a rewriting (`.tf.json`), how the spans of what was parsed go
    /// back to the file's text.
    pub rewritten: Option<Box<OffsetMap>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String, reported: bool) -> SourceFile {
        SourceFile {
            path,
            text: Some(text),
            reported,
            positions: KnownPositions::default(),
            rewritten: None,
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
        let mut lines = LineCursor::new(text);
        assert_eq!(lines.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(lines.line_col(3), LineCol { line: 2, column: 1 });
        // 'ç' is two bytes but one column.
        assert_eq!(lines.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(lines.line_col(999), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn line_col_is_the_same_in_any_order() {
        let text = "a\nbb\n\nccc\nd";
        let forward: Vec<LineCol> = {
            let mut lines = LineCursor::new(text);
            (0..=text.len()).map(|o| lines.line_col(o)).collect()
        };
        let mut lines = LineCursor::new(text);
        for offset in [9, 2, 11, 0, 5, 5, 3, 10, 1] {
            assert_eq!(lines.line_col(offset), forward[offset], "offset {offset}");
        }
        assert_eq!(forward[8], LineCol { line: 4, column: 3 });
    }

    #[test]
    fn known_positions_answer_without_the_text() {
        let text = "{\n  \"address\": \"aws_security_group.ç\",\n  \"x\": 1\n}";
        let start = text.find("\"aws").unwrap();
        let end = text.find(",\n").unwrap();
        let positions = KnownPositions::new(text, [end, start, start]);
        let mut cursor = LineCursor::new(text);
        let span = Span::new(0, start..end);
        assert_eq!(positions.locate(span), cursor.locate(span));
        assert_eq!(
            positions.line_col(end),
            LineCol {
                line: 2,
                column: 36
            },
            "columns count characters"
        );
        // An offset that was not recorded falls back to the nearest one before it.
        assert_eq!(positions.line_col(end + 5), positions.line_col(end));
        assert_eq!(positions.line_col(0), LineCol { line: 1, column: 1 });
    }
}
