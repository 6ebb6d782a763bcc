//! The state the rules share while parsing one source text: where the text is (for spans)
//! and how deep the rules have nested.

use std::cell::Cell;

use crate::error::{Error, ErrorKind};
use crate::source::{LineIndex, Span};

use super::expected::{Expectation, Expected, PResult, failure};
use super::token::{found_token_len, sp};

/// How deep types (`Vector<Vector<...>>`, `%%T`, `(vector (vector T))`) and repetitions
/// (`[ [ ... ] ]`) may nest: real schemas use three levels; the bound keeps hostile input
/// from exhausting the stack.
pub(crate) const MAX_NESTING: u32 = 64;

/// The grammar over one source text. Its rules are methods (in `definition.rs` and
/// `types.rs`) so that every node gets a [`Span`].
pub(crate) struct Grammar<'s> {
    src: &'s str,
    lines: LineIndex<'s>,
    depth: Cell<u32>,
}

impl<'s> Grammar<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        Grammar {
            src,
            lines: LineIndex::new(src),
            depth: Cell::new(0),
        }
    }

    /// The byte offset of a remaining-input position.
    pub(crate) fn offset(&self, rest: &str) -> usize {
        self.src.len() - rest.len()
    }

    /// The span of the text between two remaining-input positions.
    pub(crate) fn between(&self, from: &str, to: &str) -> Span {
        self.lines.span(self.offset(from), self.offset(to))
    }

    /// A syntax error at `e.at`, naming what follows as "found".
    pub(crate) fn syntax_error(&self, e: &Expected<'s>) -> Error {
        let start = self.offset(e.at);
        let found_at = sp(e.at).map_or(e.at, |(rest, _)| rest);
        let token_len = found_token_len(found_at);
        // The span covers the found token only where the error is right at it.
        let end = if start == self.offset(found_at) {
            start + token_len
        } else {
            start
        };
        let expected = match e.what {
            Expectation::Char(c) => format!("`{c}`"),
            Expectation::Label(label) => label.to_owned(),
            Expectation::Nom(kind) => format!("valid syntax ({})", kind.description()),
        };
        let found = if found_at.is_empty() {
            "end of file".to_owned()
        } else {
            format!("`{}`", &found_at[..token_len])
        };
        Error {
            kind: ErrorKind::Syntax { expected, found },
            span: self.lines.span(start, end),
        }
    }

    /// Runs `parse` one nesting level deeper, failing past [`MAX_NESTING`].
    pub(crate) fn nested<T>(
        &self,
        input: &'s str,
        parse: impl FnOnce(&'s str) -> PResult<'s, T>,
    ) -> PResult<'s, T> {
        let depth = self.depth.get();
        if depth >= MAX_NESTING {
            return failure(input, "at most 64 levels of nested types or brackets");
        }
        self.depth.set(depth + 1);
        let result = parse(input);
        self.depth.set(depth);
        result
    }
}
