//! Positions in the source text: spans, and the line index that turns byte offsets into the
//! line and column an editor shows.

/// A region of the source text. `line` and `column` are 1-based and point at `start`;
/// the column counts characters (not bytes), as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column (in characters) of `start`.
    pub column: u32,
}

/// The length of the byte order mark (U+FEFF) that `src` starts with, if any: parsing skips it
/// and it is no column (files saved by some Windows editors have one).
pub(crate) fn byte_order_mark_len(src: &str) -> usize {
    const BYTE_ORDER_MARK: char = '\u{feff}';
    if src.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    }
}

/// Where each line of a source text starts, to give byte ranges their line and column.
pub(crate) struct LineIndex<'s> {
    src: &'s str,
    line_starts: Vec<usize>,
    /// Per line: whether it is ASCII, so that its columns are byte offsets.
    ascii_lines: Vec<bool>,
    /// Spans are asked for near the parse position: the line of the last one is tried first.
    last_line: std::cell::Cell<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        // One pass: `find` is a memchr; `is_ascii` checks a word at a time.
        let mut line_starts = Vec::with_capacity(src.len() / 64 + 1);
        let mut ascii_lines = Vec::with_capacity(src.len() / 64 + 1);
        let mut start = byte_order_mark_len(src);
        loop {
            line_starts.push(start);
            let rest = &src[start..];
            let end = rest.find('\n').unwrap_or(rest.len());
            ascii_lines.push(rest[..end].is_ascii());
            if end == rest.len() {
                break;
            }
            start += end + 1;
        }
        LineIndex {
            src,
            line_starts,
            ascii_lines,
            last_line: std::cell::Cell::new(0),
        }
    }

    /// The span of the bytes `start..end`, with the line and column of `start`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let hint = self.last_line.get();
        let on_hint = self.line_starts[hint] <= start
            && self
                .line_starts
                .get(hint + 1)
                .is_none_or(|&next| start < next);
        let line = if on_hint {
            hint
        } else {
            let line = self.line_starts.partition_point(|&s| s <= start) - 1;
            self.last_line.set(line);
            line
        };
        let line_start = self.line_starts[line];
        let column = if self.ascii_lines[line] {
            start - line_start
        } else {
            self.src[line_start..start].chars().count()
        };
        Span {
            start,
            end,
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_column(src: &str, start: usize) -> (u32, u32) {
        let span = LineIndex::new(src).span(start, start);
        (span.line, span.column)
    }

    #[test]
    fn columns_count_characters_and_lines_count_newlines() {
        let src = "ab\nüx\n\nz";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 2), (1, 3));
        // `ü` is two bytes and one column.
        assert_eq!(line_column(src, 5), (2, 2));
        assert_eq!(line_column(src, 7), (3, 1));
        assert_eq!(line_column(src, 8), (4, 1));
    }

    #[test]
    fn spans_asked_out_of_order_find_their_line() {
        let index = LineIndex::new("a\nb\nc\n");
        let lines: Vec<u32> = [4, 0, 2, 6, 2]
            .iter()
            .map(|&s| index.span(s, s).line)
            .collect();
        assert_eq!(lines, [3, 1, 2, 4, 2]);
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let src = "\u{feff}ab";
        assert_eq!(byte_order_mark_len(src), 3);
        assert_eq!(byte_order_mark_len("ab"), 0);
        assert_eq!(line_column(src, 4), (1, 2));
    }
}
