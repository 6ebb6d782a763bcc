//! `file = { trivia | section | layer-section | declaration | definition }`: the statement
//! loop, which recovers after each syntax error at the next statement.

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::space0;

use crate::ast::{Category, Definition};
use crate::error::{Error, ErrorKind};
use crate::source::byte_order_mark_len;

use super::expected::{Expectation, Expected, PResult, expect, failure};
use super::parser::Grammar;
use super::token::{number, sp, type_declaration};
use super::trivia::Trivia;

/// A whole file's statements: its definitions (ids not yet computed) and syntax errors.
pub(crate) struct Parsed<'s> {
    pub definitions: Vec<Definition<'s>>,
    pub errors: Vec<Error>,
    /// The number of the last `// LAYER N` line or `===N===` section, if any.
    pub layer: Option<u32>,
}

/// Parses every statement of `source`, collecting all syntax errors.
pub(crate) fn parse_file(source: &str) -> Parsed<'_> {
    let mut statements = Statements {
        grammar: Grammar::new(source),
        trivia: Trivia::new(),
        category: Category::Type,
        section: None,
        // About one `;` per definition: growing one by one would move every definition often.
        definitions: Vec::with_capacity(source.bytes().filter(|&b| b == b';').count()),
        errors: Vec::new(),
    };
    statements.run(&source[byte_order_mark_len(source)..]);
    Parsed {
        definitions: statements.definitions,
        errors: statements.errors,
        layer: statements.trivia.layer,
    }
}

/// The statement loop's state: the section switches and `===N===` headers seen so far.
struct Statements<'s> {
    grammar: Grammar<'s>,
    trivia: Trivia<'s>,
    category: Category,
    section: Option<u32>,
    definitions: Vec<Definition<'s>>,
    errors: Vec<Error>,
}

impl<'s> Statements<'s> {
    fn run(&mut self, mut input: &'s str) {
        loop {
            input = self.trivia.skip(input);
            if input.is_empty() {
                return;
            }
            let line_start = std::mem::replace(&mut self.trivia.at_line_start, false);
            if input.starts_with("/*") {
                // `Trivia::skip` stops only at a block comment that is never closed.
                let e = Expected {
                    at: input,
                    what: Expectation::Label("`*/` closing this comment"),
                };
                self.errors.push(self.grammar.syntax_error(&e));
                return;
            }
            input = self.statement(input, line_start);
        }
    }

    /// One statement; returns the input after it (or, after an error, where to resume).
    fn statement(&mut self, input: &'s str, line_start: bool) -> &'s str {
        if input.starts_with("---") {
            self.trivia.docs.clear();
            let (rest, parsed) = self.line_header(input, section(input));
            if let Some(category) = parsed {
                self.category = category;
            }
            return rest;
        }
        if let Some(rest) = type_declaration(input) {
            self.trivia.docs.clear();
            return rest;
        }
        if input.starts_with("===") {
            self.trivia.docs.clear();
            let parsed = if line_start {
                layer_section(input)
            } else {
                failure(input, "a layer section `===N===` at a line start")
            };
            let (rest, parsed) = self.line_header(input, parsed);
            if let Some(layer) = parsed {
                self.section = Some(layer);
                self.trivia.layer = Some(layer);
            }
            return rest;
        }
        self.definition(input)
    }

    fn definition(&mut self, input: &'s str) -> &'s str {
        match self.grammar.definition(input, self.category) {
            Ok((rest, mut def)) => {
                def.docs = std::mem::take(&mut self.trivia.docs);
                def.layer_section = self.section;
                self.definitions.push(def);
                rest
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                self.trivia.docs.clear();
                let error = self.grammar.syntax_error(&e);
                let rest = recover(e.at, &error);
                self.errors.push(error);
                rest
            }
            Err(nom::Err::Incomplete(_)) => "",
        }
    }

    /// The outcome of parsing a header that fills its line (`---functions---`, `===8===`):
    /// the rest and the value, or, after a syntax error (recorded), the next line and nothing.
    fn line_header<T>(&mut self, input: &'s str, parsed: PResult<'s, T>) -> (&'s str, Option<T>) {
        match parsed {
            Ok((rest, value)) => (rest, Some(value)),
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                self.errors.push(self.grammar.syntax_error(&e));
                (input.find('\n').map_or("", |n| &input[n..]), None)
            }
            Err(nom::Err::Incomplete(_)) => ("", None),
        }
    }
}

/// Where to resume after a syntax error at `at`: after the next `;`, except for a missing
/// `;` followed by a line break, where the next statement most likely starts on the next line.
fn recover<'s>(at: &'s str, error: &Error) -> &'s str {
    if let ErrorKind::Syntax { expected, .. } = &error.kind {
        let rest = at.trim_start_matches([' ', '\t', '\r']);
        let at_line_end = match rest.strip_prefix("//") {
            Some(comment) => comment.contains('\n') || comment.is_empty(),
            None => rest.starts_with('\n'),
        };
        if expected == "`;`" && at_line_end {
            return at;
        }
    }
    let mut i = at;
    loop {
        // Skip comments so that a `;` inside one does not end the statement; an unterminated
        // block comment swallows the rest of the file, as it would for any TL tool.
        let (rest, ()) = sp(i).unwrap_or(("", ()));
        let mut chars = rest.chars();
        match chars.next() {
            None => return "",
            Some(';') => return chars.as_str(),
            Some(_) => i = chars.as_str(),
        }
    }
}

/// `---types---` / `--- functions ---`.
fn section(input: &str) -> PResult<'_, Category> {
    let kind = alt((
        tag("types").map(|_| Category::Type),
        tag("functions").map(|_| Category::Function),
    ));
    let (i, (_, _, category, _, _)) = (
        tag("---"),
        space0,
        expect("`types` or `functions`", kind),
        space0,
        expect("`---`", tag("---")),
    )
        .parse(input)?;
    Ok((i, category))
}

/// A layer section header, `===17===`, with nothing after it on its line but a comment
/// (Telegram's end-to-end schema: the definitions after it are those of layer 17).
fn layer_section(input: &str) -> PResult<'_, u32> {
    let (i, (_, layer, _, _)) = (
        tag("==="),
        expect("a layer number (`===8===`)", number),
        expect("`===`", tag("===")),
        space0,
    )
        .parse(input)?;
    let line_ends =
        i.is_empty() || i.starts_with(['\n', '\r']) || i.starts_with("//") || i.starts_with("/*");
    if !line_ends {
        return failure(i, "the end of the line after `===N===`");
    }
    Ok((i, layer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_error(expected: &str) -> Error {
        Error {
            kind: ErrorKind::Syntax {
                expected: expected.to_owned(),
                found: String::new(),
            },
            span: crate::source::Span::default(),
        }
    }

    #[test]
    fn recovery_resumes_after_the_next_semicolon_outside_comments() {
        let error = syntax_error("a type");
        assert_eq!(recover("x /* ; */ y; next", &error), " next");
        assert_eq!(recover("x // ;\n y; next", &error), " next");
        assert_eq!(recover("x y", &error), "");
    }

    #[test]
    fn a_missing_semicolon_at_a_line_end_resumes_on_the_next_line() {
        let error = syntax_error("`;`");
        assert_eq!(recover(" \nb = B;", &error), " \nb = B;");
        assert_eq!(recover(" // note\nb = B;", &error), " // note\nb = B;");
        // Not at a line end: the rest of the statement is skipped.
        assert_eq!(recover(" c; d", &error), " d");
    }

    #[test]
    fn section_headers() {
        assert_eq!(section("---types---x"), Ok(("x", Category::Type)));
        assert_eq!(section("---  functions ---"), Ok(("", Category::Function)));
        assert!(section("---foo---").is_err());
    }

    #[test]
    fn layer_section_headers_fill_their_line() {
        assert_eq!(layer_section("===8===\n"), Ok(("\n", 8)));
        assert_eq!(layer_section("===8=== // c"), Ok(("// c", 8)));
        assert!(layer_section("===8=== a").is_err());
        assert!(layer_section("===x===").is_err());
    }
}
