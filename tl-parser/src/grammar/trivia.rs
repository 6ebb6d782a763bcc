//! What lies between statements: whitespace, comments, the documentation they give the next
//! definition, and `// LAYER N`.

use std::borrow::Cow;

/// The state trivia carries from one statement to the next.
pub(crate) struct Trivia<'s> {
    /// Comment lines directly above the next statement (no blank line between).
    pub docs: Vec<Cow<'s, str>>,
    /// Whether the next statement starts a line: a comment on the line where the previous
    /// statement ends belongs to that statement, not to the next.
    pub at_line_start: bool,
    /// The number of the last `// LAYER N`.
    pub layer: Option<u32>,
}

impl<'s> Trivia<'s> {
    pub(crate) fn new() -> Self {
        Trivia {
            docs: Vec::new(),
            at_line_start: true,
            layer: None,
        }
    }

    /// Skips whitespace and comments up to the next statement, collecting documentation and
    /// the layer. Stops at a block comment that is never closed, for the caller to report.
    pub(crate) fn skip(&mut self, mut input: &'s str) -> &'s str {
        loop {
            let trimmed = input.trim_start();
            let newlines = input[..input.len() - trimmed.len()].matches('\n').count();
            if newlines > 0 {
                self.at_line_start = true;
            }
            if newlines > 1 {
                self.docs.clear();
            }
            input = trimmed;
            if let Some(rest) = input.strip_prefix("//") {
                let end = rest.find('\n').unwrap_or(rest.len());
                self.line_comment(&rest[..end]);
                input = &rest[end..];
            } else if let Some(body) = input.strip_prefix("/*") {
                // Search after the opener: in `/*/` the `*` belongs to `/*`, not to a `*/`.
                let Some(end) = body.find("*/") else {
                    return input;
                };
                if self.at_line_start {
                    for line in body[..end].lines() {
                        self.push_doc_line(line.trim_start_matches([' ', '*']));
                    }
                }
                input = &body[end + 2..];
            } else {
                return input;
            }
        }
    }

    /// The text of a `//` comment, after the `//`.
    fn line_comment(&mut self, text: &'s str) {
        if let Some(n) = layer_number(text) {
            self.layer = Some(n);
            return;
        }
        // A comment after a statement on its line documents nothing.
        if !self.at_line_start {
            return;
        }
        match continuation(text) {
            Some(more) => self.continue_doc_line(more),
            None => self.push_doc_line(text),
        }
    }

    /// Joins the text of a `//-` line to the documentation line before it, with a space.
    fn continue_doc_line(&mut self, more: &'s str) {
        match self.docs.last_mut() {
            Some(last) if !more.is_empty() => {
                let joined = last.to_mut();
                joined.push(' ');
                joined.push_str(more);
            }
            // Nothing to continue: the text is a line of its own.
            None => self.push_doc_line(more),
            Some(_) => {}
        }
    }

    /// Adds a comment line to the pending documentation; decoration such as `////////` is
    /// skipped.
    fn push_doc_line(&mut self, text: &'s str) {
        let text = text.trim_start_matches('/');
        let text = text.strip_prefix(' ').unwrap_or(text).trim_end();
        if !text.is_empty() {
            self.docs.push(Cow::Borrowed(text));
        }
    }
}

/// `more text` in TDLib's `//-more text`, which continues the documentation line above it
/// (`//---` is decoration, not a continuation).
fn continuation(comment: &str) -> Option<&str> {
    let more = comment.strip_prefix('-')?;
    (!more.starts_with('-')).then(|| more.trim())
}

/// `LAYER 214` in `// LAYER 214`.
fn layer_number(comment: &str) -> Option<u32> {
    comment.trim().strip_prefix("LAYER")?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_lines() {
        assert_eq!(layer_number(" LAYER 214"), Some(214));
        assert_eq!(layer_number("LAYER214 "), Some(214));
        assert_eq!(layer_number(" LAYERS 3"), None);
        assert_eq!(layer_number(" LAYER"), None);
    }

    #[test]
    fn comments_above_a_statement_are_its_docs_and_a_blank_line_drops_them() {
        let mut trivia = Trivia::new();
        let rest = trivia.skip("// dropped\n\n/// kept\n/* * also */ a = A;");
        assert_eq!(rest, "a = A;");
        assert_eq!(trivia.docs, ["kept", "also"]);
        assert!(trivia.at_line_start);
    }

    #[test]
    fn continuation_lines_join_the_line_above() {
        let mut trivia = Trivia::new();
        trivia.skip("//@description Calls it,\n//-or not\n//-\n//@param P\n//- more \na");
        assert_eq!(
            trivia.docs,
            ["@description Calls it, or not", "@param P more"]
        );
        // Only `//-` continues: not a block comment's `-` nor a `//---` rule.
        let mut trivia = Trivia::new();
        trivia.skip("// a\n/* - b */\n//---\n// - c\nx");
        assert_eq!(trivia.docs, ["a", "- b", "---", "- c"]);
        // With nothing above, it is a line of its own.
        let mut trivia = Trivia::new();
        trivia.skip("//-alone\nx");
        assert_eq!(trivia.docs, ["alone"]);
    }

    #[test]
    fn an_unclosed_block_comment_stops_the_skip() {
        let mut trivia = Trivia::new();
        assert_eq!(trivia.skip("  /*/ open"), "/*/ open");
    }
}
