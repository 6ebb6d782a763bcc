//! A parser for TL (Type Language) schema files: Telegram's MTProto API, TDLib and TON.
//!
//! [`parse`] turns a whole file into a typed [`Schema`] with a [`Span`] on every definition,
//! parameter and type, verifies every written constructor id against the CRC32 of its
//! normalized text, and infers the ids that are not written. Bad input never panics: every
//! problem becomes an [`Error`] with line and column, and all of a file's errors are collected
//! into one [`Report`] that renders like rustc.
//!
//! The grammar is TL's, not that of particular files: anonymous, repeated (`n*[ int ]`) and
//! grouped (`(x y:int)`, `{X Y:Type}`) parameters, parenthesised types, `New`/`Final`/`Empty`
//! declarations (skipped: they define no constructor), block and line comments, and the
//! undeclared type parameters of old Telegram schemas (`query:!X = X`, see
//! [`GenericParam::implicit`]).
//!
//! ```
//! let schema = tl_parser::parse(
//!     "api.tl",
//!     "boolTrue#997275b5 = Bool;\n---functions---\nauth.logOut#3e72ba19 = auth.LoggedOut;\n",
//!     &tl_parser::Options::default(),
//! )
//! .unwrap();
//! assert_eq!(schema.definitions.len(), 2);
//! assert_eq!(schema.verified_ids(), 2);
//! ```

mod ast;
mod error;
mod grammar;
mod id;
mod validate;

pub use ast::{
    Category, Condition, Definition, GenericParam, IdMismatch, MismatchExplanation, Multiplier,
    Param, ParamKind, Repeated, Schema, Span, Type,
};
pub use error::{Diagnostic, Error, ErrorKind, Report, render_errors};
pub use id::{Convention, compute_id, normalized_text};

use std::collections::HashMap;

use grammar::{Grammar, sp};

/// How to parse.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a constructor-id convention instead of detecting it ([`Convention::detect_in`]).
    pub convention: Option<Convention>,
    /// Full names (`help.configSimple`) whose written id may differ from the computed one:
    /// such mismatches are still listed, marked accepted.
    pub accepted_mismatches: Vec<String>,
    /// Accept every mismatch whose written id the definition verifies another way: under an
    /// older name ([`MismatchExplanation::Renamed`]) or under the other convention
    /// ([`MismatchExplanation::OtherConvention`]). They are still listed, marked accepted.
    pub accept_explained: bool,
}

/// Parses a whole schema file named `file` (the name is used in diagnostics only).
///
/// Returns every error of the file at once if there is any syntax or semantic error.
/// Id mismatches are not errors: they are listed in [`Schema::id_mismatches`].
///
/// Names and documentation in the returned tree borrow from `source`.
pub fn parse<'s>(file: &str, source: &'s str, options: &Options) -> Result<Schema<'s>, Report> {
    let grammar = Grammar::new(source);
    let mut parsed = Parsed {
        // About one `;` per definition: growing one by one would move every definition often.
        definitions: Vec::with_capacity(source.bytes().filter(|&b| b == b';').count()),
        ..Parsed::default()
    };
    parse_statements(&grammar, source, &mut parsed);
    validate::declare_implicit_generics(&mut parsed.definitions);
    let repeats = validate::check(source, &parsed.definitions, &mut parsed.errors);
    if !parsed.errors.is_empty() {
        return Err(Report::new(file, source, parsed.errors));
    }
    let repeated = drop_repeats(&mut parsed.definitions, &repeats);

    let convention = options
        .convention
        .unwrap_or_else(|| Convention::detect_in(&parsed.definitions));
    let sole_constructors = if source.contains('%') {
        id::sole_constructors(&parsed.definitions)
    } else {
        HashMap::new()
    };
    let mut id_mismatches = Vec::new();
    let mut normalized = String::new();
    for def in &mut parsed.definitions {
        normalized.clear();
        id::write_normalized_text(&mut normalized, def, convention);
        def.computed_id = crc32fast::hash(normalized.as_bytes());
        if def.written_id != Some(def.computed_id)
            && let Some(canonical) = id::bare_types_as_constructors(&normalized, &sole_constructors)
            && def.written_id == Some(crc32fast::hash(canonical.as_bytes()))
        {
            // `vector<%Message>` is hashed as `vector message` (msg_container#73f1f8dc).
            normalized = canonical;
            def.computed_id = crc32fast::hash(normalized.as_bytes());
        }
        if let Some(written) = def.written_id.filter(|&w| w != def.computed_id) {
            let name = def.full_name();
            let explanation = id::name_before_rename(&name, &normalized, written)
                .map(|old_name| MismatchExplanation::Renamed { old_name })
                .or_else(|| {
                    let other = convention.other();
                    (id::compute_id(def, other) == written)
                        .then_some(MismatchExplanation::OtherConvention(other))
                });
            id_mismatches.push(IdMismatch {
                file: file.to_owned(),
                accepted: options.accepted_mismatches.contains(&name)
                    || (options.accept_explained
                        && explanation
                            .as_ref()
                            .is_some_and(MismatchExplanation::verifies_id)),
                name,
                span: def.span,
                written,
                computed: def.computed_id,
                normalized: normalized.clone(),
                explanation,
            });
        }
    }
    explain_borrowed_ids(&parsed.definitions, &mut id_mismatches);
    Ok(Schema {
        file: file.to_owned(),
        layer: parsed.layer,
        convention,
        definitions: parsed.definitions,
        id_mismatches,
        repeated,
    })
}

/// Removes the definitions at `repeats` (ascending indices, with the line of the definition
/// each repeats) and describes them.
fn drop_repeats(definitions: &mut Vec<Definition<'_>>, repeats: &[(usize, u32)]) -> Vec<Repeated> {
    let repeated: Vec<Repeated> = repeats
        .iter()
        .map(|&(index, first_line)| Repeated {
            name: definitions[index].full_name(),
            span: definitions[index].span,
            first_line,
        })
        .collect();
    let mut index = 0;
    let mut next = repeats.iter().map(|&(i, _)| i).peekable();
    definitions.retain(|_| {
        let keep = next.next_if_eq(&index).is_none();
        index += 1;
        keep
    });
    repeated
}

/// Marks the mismatches whose written id is the verified (or inferred) id of another
/// definition. An id that verifies nothing, such as one copied onto two definitions, explains
/// nothing.
fn explain_borrowed_ids(definitions: &[Definition<'_>], mismatches: &mut [IdMismatch]) {
    if mismatches.iter().all(|m| m.explanation.is_some()) {
        return;
    }
    let owners: HashMap<u32, &Definition<'_>> = definitions
        .iter()
        .filter(|d| d.written_id.is_none_or(|w| w == d.computed_id))
        .map(|d| (d.computed_id, d))
        .collect();
    for mismatch in mismatches.iter_mut().filter(|m| m.explanation.is_none()) {
        if let Some(owner) = owners.get(&mismatch.written) {
            mismatch.explanation = Some(MismatchExplanation::IdOf {
                name: owner.full_name(),
                line: owner.span.line,
            });
        }
    }
}

#[derive(Default)]
struct Parsed<'s> {
    definitions: Vec<Definition<'s>>,
    errors: Vec<Error>,
    layer: Option<u32>,
}

/// The statement loop: trivia (collecting doc comments and `// LAYER N`), section switches
/// and definitions, recovering after each syntax error at the next statement.
fn parse_statements<'s>(grammar: &Grammar<'s>, source: &'s str, out: &mut Parsed<'s>) {
    let mut input = &source[grammar::byte_order_mark_len(source)..];
    let mut category = Category::Type;
    let mut section = None;
    let mut docs = Vec::new();
    // A comment on the line where the previous statement ends belongs to that statement.
    let mut at_line_start = true;
    loop {
        input = trivia(input, &mut docs, &mut at_line_start, &mut out.layer);
        if input.is_empty() {
            break;
        }
        let line_start = std::mem::replace(&mut at_line_start, false);
        if input.starts_with("/*") {
            // `trivia` stops only at a block comment that is never closed.
            let e = grammar::Expected {
                at: input,
                what: grammar::Expectation::Label("`*/` closing this comment"),
            };
            out.errors.push(grammar.syntax_error(&e));
            break;
        }
        if input.starts_with("---") {
            docs.clear();
            let (rest, parsed) = line_header(grammar, input, Grammar::section(input), out);
            if let Some(section) = parsed {
                category = section;
            }
            input = rest;
            continue;
        }
        if let Some(rest) = grammar::type_declaration(input) {
            docs.clear();
            input = rest;
            continue;
        }
        if input.starts_with("===") {
            docs.clear();
            let parsed = if line_start {
                grammar::layer_section(input)
            } else {
                grammar::failure(input, "a layer section `===N===` at a line start")
            };
            let (rest, parsed) = line_header(grammar, input, parsed, out);
            if let Some(layer) = parsed {
                section = Some(layer);
                out.layer = Some(layer);
            }
            input = rest;
            continue;
        }
        match grammar.definition(input, category) {
            Ok((rest, mut def)) => {
                def.docs = std::mem::take(&mut docs);
                def.layer_section = section;
                out.definitions.push(def);
                input = rest;
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                docs.clear();
                let error = grammar.syntax_error(&e);
                input = recover(e.at, &error);
                out.errors.push(error);
            }
            Err(nom::Err::Incomplete(_)) => input = "",
        }
    }
}

/// The outcome of parsing a header that fills its line (`---functions---`, `===8===`): the
/// rest and the value, or, after a syntax error (recorded), the next line and nothing.
fn line_header<'s, T>(
    grammar: &Grammar<'s>,
    input: &'s str,
    parsed: grammar::PResult<'s, T>,
    out: &mut Parsed<'s>,
) -> (&'s str, Option<T>) {
    match parsed {
        Ok((rest, value)) => (rest, Some(value)),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            out.errors.push(grammar.syntax_error(&e));
            (input.find('\n').map_or("", |n| &input[n..]), None)
        }
        Err(nom::Err::Incomplete(_)) => ("", None),
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

/// Skips whitespace and comments between statements. Comment lines directly above a statement
/// (no blank line between) become its documentation; `// LAYER N` sets the layer.
fn trivia<'s>(
    mut input: &'s str,
    docs: &mut Vec<&'s str>,
    at_line_start: &mut bool,
    layer: &mut Option<u32>,
) -> &'s str {
    loop {
        let trimmed = input.trim_start();
        let newlines = input[..input.len() - trimmed.len()].matches('\n').count();
        if newlines > 0 {
            *at_line_start = true;
        }
        if newlines > 1 {
            docs.clear();
        }
        input = trimmed;
        if let Some(rest) = input.strip_prefix("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            let text = &rest[..end];
            input = &rest[end..];
            if let Some(n) = layer_number(text) {
                *layer = Some(n);
            } else if *at_line_start {
                push_doc_line(docs, text);
            }
        } else if let Some(body) = input.strip_prefix("/*") {
            // Search after the opener: in `/*/` the `*` belongs to `/*`, not to a `*/`.
            let Some(end) = body.find("*/") else {
                // Unterminated: the statement loop reports it with its position.
                return input;
            };
            if *at_line_start {
                for line in body[..end].lines() {
                    push_doc_line(docs, line.trim_start_matches([' ', '*']));
                }
            }
            input = &body[end + 2..];
        } else {
            return input;
        }
    }
}

/// Adds a comment line to the pending documentation; decoration such as `////////` is skipped.
fn push_doc_line<'s>(docs: &mut Vec<&'s str>, text: &'s str) {
    let text = text.trim_start_matches('/');
    let text = text.strip_prefix(' ').unwrap_or(text).trim_end();
    if !text.is_empty() {
        docs.push(text);
    }
}

/// `LAYER 214` in `// LAYER 214`.
fn layer_number(comment: &str) -> Option<u32> {
    comment.trim().strip_prefix("LAYER")?.trim().parse().ok()
}
