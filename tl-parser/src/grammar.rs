//! The TL grammar, as small nom parsers.
//!
//! ```text
//! file        = { trivia | section | definition }
//! section     = "---" ["types" | "functions"] "---"            (inner spaces allowed)
//! definition  = full-name ["#" hex{1,8}] { "{" ident ":" type "}" | param } ["?"] "=" result ";"
//! param       = "#"                                             anonymous nat
//!             | [ ident ":" ] repetition
//!             | ident ":" ( "#" | [ ident "." number "?" ] type )
//!             | type                                            anonymous (`int128 long long`)
//!             | "(" ident { ident } ":" ( "#" | type ) ")"        a group: several of one type
//! repetition  = [ (nat-name | number) "*" ] "[" { param } "]"
//! type        = "!" full-name | "%" type | "(" full-name { type } ")"
//!             | full-name [ "<" type { "," type } ">" ]
//! result      = type { type }                                   (arguments on the same line)
//! full-name   = ident { "." ident }
//! trivia      = whitespace | "//" to end of line | "/*" to "*/"
//! ```
//!
//! Parsers are methods of [`Grammar`], which knows the whole source so that every node gets a
//! [`Span`]. Errors carry the furthest position reached and what was expected there.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1, hex_digit1, space0, space1};
use nom::combinator::{cut, opt};
use nom::error::{ContextError, ErrorKind as NomErrorKind, ParseError};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::ast::{
    Category, Condition, Definition, GenericParam, Multiplier, Param, ParamKind, Span, Type,
};
use crate::error::{Error, ErrorKind};

/// What the parser wanted where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expectation {
    Char(char),
    Label(&'static str),
    Nom(NomErrorKind),
}

/// nom's error type here: the remaining input where parsing failed, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expected<'a> {
    pub at: &'a str,
    pub what: Expectation,
}

impl<'a> ParseError<&'a str> for Expected<'a> {
    fn from_error_kind(input: &'a str, kind: NomErrorKind) -> Self {
        Expected {
            at: input,
            what: Expectation::Nom(kind),
        }
    }

    fn append(_: &'a str, _: NomErrorKind, other: Self) -> Self {
        other
    }

    fn from_char(input: &'a str, c: char) -> Self {
        Expected {
            at: input,
            what: Expectation::Char(c),
        }
    }

    /// Of two alternatives, the one that got further explains the problem better.
    fn or(self, other: Self) -> Self {
        if other.at.len() <= self.at.len() {
            other
        } else {
            self
        }
    }
}

impl<'a> ContextError<&'a str> for Expected<'a> {
    /// A context names what was expected only where nothing inside it made progress;
    /// a deeper error is more precise.
    fn add_context(input: &'a str, context: &'static str, other: Self) -> Self {
        if other.at.len() == input.len() {
            Expected {
                at: input,
                what: Expectation::Label(context),
            }
        } else {
            other
        }
    }
}

pub(crate) type PResult<'a, T> = IResult<&'a str, T, Expected<'a>>;

fn fail<'a, T>(at: &'a str, what: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Error(Expected {
        at,
        what: Expectation::Label(what),
    }))
}

pub(crate) fn failure<'a, T>(at: &'a str, what: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Failure(Expected {
        at,
        what: Expectation::Label(what),
    }))
}

/// Runs `parser`, replacing an error that made no progress with "expected `what`".
fn expect<'a, T>(
    what: &'static str,
    mut parser: impl Parser<&'a str, Output = T, Error = Expected<'a>>,
) -> impl Parser<&'a str, Output = T, Error = Expected<'a>> {
    move |i: &'a str| match parser.parse(i) {
        Err(nom::Err::Error(e)) if e.at.len() == i.len() => fail(i, what),
        other => other,
    }
}

/// Skips whitespace and comments inside a statement.
pub(crate) fn sp(mut i: &str) -> PResult<'_, ()> {
    loop {
        let trimmed = i.trim_start();
        if let Some(rest) = trimmed.strip_prefix("//") {
            i = rest.find('\n').map_or("", |n| &rest[n..]);
        } else if trimmed.starts_with("/*") {
            i = block_comment(trimmed)?.0;
        } else {
            return Ok((trimmed, ()));
        }
    }
}

/// `/* ... */`, returning its inner text. Block comments do not nest.
fn block_comment(i: &str) -> PResult<'_, &str> {
    let body = &i[2..];
    match body.find("*/") {
        Some(end) => Ok((&body[end + 2..], &body[..end])),
        None => failure(i, "`*/` closing this comment"),
    }
}

/// The rest after `New T;`, `Final T;` or `Empty T;`, if `input` starts with one of these
/// declarations of the TL grammar. They state what may be defined of a type and define no
/// constructor, so they are accepted and skipped.
pub(crate) fn type_declaration(input: &str) -> Option<&str> {
    let rest = ["New", "Final", "Empty"]
        .iter()
        .find_map(|keyword| input.strip_prefix(keyword))?;
    // `NewFoo` is a name, not the keyword.
    if !rest.starts_with(|c: char| c.is_whitespace() || c == '/') {
        return None;
    }
    let (rest, _) = (sp, full_name, sp, char::<_, Expected>(';'))
        .parse(rest)
        .ok()?;
    Some(rest)
}

/// If `input` starts a parameter group, `(a b:int)` (names, then `:`), the offset of its `:`.
/// A parenthesised type such as `(vector adnl.Address)` has no `:` after its words.
fn param_group_names(input: &str) -> Option<usize> {
    let bytes = input.as_bytes();
    if bytes.first() != Some(&b'(') {
        return None;
    }
    let colon = 1 + bytes[1..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || b.is_ascii_whitespace()))?;
    let mut names = input[1..colon].split_ascii_whitespace().peekable();
    let all_idents = names.peek().is_some() && names.all(|name| matches!(ident(name), Ok(("", _))));
    (bytes[colon] == b':' && all_idents).then_some(colon)
}

/// A letter or `_`, then letters, digits and `_`. Scanned as bytes: identifiers are ASCII, and
/// this is the parser's innermost loop.
fn ident(i: &str) -> PResult<'_, &str> {
    let is_ident = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    match i.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
        _ => {
            return Err(nom::Err::Error(Expected::from_error_kind(
                i,
                NomErrorKind::Satisfy,
            )));
        }
    }
    let len = i
        .as_bytes()
        .iter()
        .position(|b| !is_ident(b))
        .unwrap_or(i.len());
    // An ASCII byte always ends a character, so `len` is a char boundary.
    Ok((&i[len..], &i[..len]))
}

/// `ns.sub.name` as (namespace, name).
fn full_name(i: &str) -> PResult<'_, (Vec<&str>, &str)> {
    let (mut i, mut last) = ident(i)?;
    let mut namespace = Vec::new();
    while let Some(Ok((rest, part))) = i.strip_prefix('.').map(ident) {
        namespace.push(last);
        last = part;
        i = rest;
    }
    Ok((i, (namespace, last)))
}

fn hex_id(i: &str) -> PResult<'_, u32> {
    let (rest, digits) = expect("a constructor id of 1 to 8 hex digits", hex_digit1).parse(i)?;
    if digits.len() > 8 {
        return failure(i, "a constructor id of 1 to 8 hex digits");
    }
    // At most 8 hex digits always fit a u32.
    Ok((rest, u32::from_str_radix(digits, 16).unwrap_or_default()))
}

fn number(i: &str) -> PResult<'_, u32> {
    let (rest, digits) = digit1(i)?;
    match digits.parse() {
        Ok(n) => Ok((rest, n)),
        Err(_) => failure(i, "a number below 2^32"),
    }
}

/// How deep types (`Vector<Vector<...>>`, `%%T`, `(vector (vector T))`) and repetitions
/// (`[ [ ... ] ]`) may nest: real schemas use three levels; the bound keeps hostile input
/// from exhausting the stack.
pub(crate) const MAX_NESTING: u32 = 64;

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

/// The grammar over one source text: knows the text for spans, and the nesting depth.
pub(crate) struct Grammar<'s> {
    src: &'s str,
    line_starts: Vec<usize>,
    /// Per line: whether it is ASCII, so that its columns are byte offsets.
    ascii_lines: Vec<bool>,
    /// Spans are asked for near the parse position: the line of the last one is tried first.
    last_line: std::cell::Cell<usize>,
    depth: std::cell::Cell<u32>,
}

impl<'s> Grammar<'s> {
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
        Grammar {
            src,
            line_starts,
            ascii_lines,
            last_line: std::cell::Cell::new(0),
            depth: std::cell::Cell::new(0),
        }
    }

    pub(crate) fn offset(&self, rest: &str) -> usize {
        self.src.len() - rest.len()
    }

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

    /// The span of the text between two remaining-input positions.
    fn between(&self, from: &str, to: &str) -> Span {
        self.span(self.offset(from), self.offset(to))
    }

    /// A syntax error at `at`, naming what follows as "found".
    pub(crate) fn syntax_error(&self, e: &Expected<'s>) -> Error {
        let start = self.offset(e.at);
        let found_at = sp(e.at).map_or(e.at, |(rest, _)| rest);
        let token_len = found_token_len(found_at);
        let (span_start, span_end) = if start == self.offset(found_at) {
            (start, start + token_len)
        } else {
            (start, start)
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
            span: self.span(span_start, span_end),
        }
    }

    /// A definition, from its name to its `;`.
    pub(crate) fn definition(
        &self,
        input: &'s str,
        category: Category,
    ) -> PResult<'s, Definition<'s>> {
        let (i, (namespace, name)) = expect(
            "a definition such as `name#1a2b3c4d field:int = Type;`",
            full_name,
        )
        .parse(input)?;
        let (mut i, written_id) = opt(preceded(char('#'), cut(hex_id))).parse(i)?;

        let mut generics = Vec::new();
        // Sized from the `:`s before the next `;` (one per named parameter, plus generics'):
        // growing one by one would move every parameter several times.
        let colons = i
            .bytes()
            .take_while(|&b| b != b';')
            .filter(|&b| b == b':')
            .count();
        let mut params = Vec::with_capacity(colons);
        loop {
            let (rest, ()) = sp(i)?;
            i = rest;
            if i.starts_with(['=', '?']) {
                break;
            }
            if i.starts_with(';') {
                // `a b:int B;`: `B` was taken for an anonymous parameter, the `=` is missing.
                return failure(i, "`=` and the result type");
            }
            if i.starts_with('{') {
                i = self.generics(i, &mut generics)?.0;
            } else if let Some(names_end) = param_group_names(i) {
                i = self.param_group(i, names_end, &mut params)?.0;
            } else {
                let (rest, param) =
                    expect("a parameter such as `name:Type`, or `=`", |i| self.param(i))
                        .parse(i)?;
                if param.name.is_none()
                    && matches!(param.kind, ParamKind::Typed { .. })
                    && param.span.column == 1
                {
                    // A bare word starting a line is the next definition: `=` is missing.
                    return failure(i, "`=` and the result type before the next definition");
                }
                params.push(param);
                i = rest;
            }
        }
        let (i, builtin) = opt(char('?')).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, _) = expect("`=`", char('=')).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, result) = expect("a result type", |i| self.result_type(i)).parse(i)?;
        let (after_space, ()) = sp(i)?;
        let Ok((rest, _)) = char::<_, Expected>(';').parse(after_space) else {
            // Point just past the result type, where the `;` belongs.
            return failure(i, "`;`");
        };
        Ok((
            rest,
            Definition {
                namespace,
                name,
                written_id,
                computed_id: 0,
                generics,
                params,
                builtin: builtin.is_some(),
                result,
                category,
                docs: Vec::new(),
                layer_section: None,
                span: self.between(input, rest),
            },
        ))
    }

    /// `{X:Type}`, or `{X Y:Type}` for several of one kind; appended to `out`.
    fn generics(&self, input: &'s str, out: &mut Vec<GenericParam<'s>>) -> PResult<'s, ()> {
        let (i, _) = char('{').parse(input)?;
        let (i, ()) = sp(i)?;
        let (mut i, first) = expect("a generic parameter name", ident).parse(i)?;
        let mut names = vec![first];
        loop {
            let (rest, ()) = sp(i)?;
            match ident(rest) {
                Ok((rest, name)) => {
                    names.push(name);
                    i = rest;
                }
                Err(_) => {
                    i = rest;
                    break;
                }
            }
        }
        let (i, _) = expect("`:` or another name", char(':')).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, kind) = expect("a type", |i| self.type_term(i)).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, _) = expect("`}`", char('}')).parse(i)?;
        let span = self.between(input, i);
        out.extend(names.into_iter().map(|name| GenericParam {
            name,
            kind: kind.clone(),
            span,
            implicit: false,
        }));
        Ok((i, ()))
    }

    /// `(a b:int)` or `(n m:#)`: several parameters of one type, appended to `out`. `names_end` is where
    /// [`param_group_names`] found the `:`.
    fn param_group(
        &self,
        input: &'s str,
        names_end: usize,
        out: &mut Vec<Param<'s>>,
    ) -> PResult<'s, ()> {
        let names: Vec<&'s str> = input[1..names_end].split_ascii_whitespace().collect();
        let (i, ()) = sp(&input[names_end + 1..])?;
        let (i, ty) = match i.strip_prefix('#') {
            Some(rest) => (rest, None),
            None => {
                let (i, ty) = cut(expect("a type", |i| self.type_term(i))).parse(i)?;
                (i, Some(ty))
            }
        };
        let (i, ()) = sp(i)?;
        let (i, _) = cut(expect("`)`", char(')'))).parse(i)?;
        let span = self.between(input, i);
        out.extend(names.into_iter().map(|name| Param {
            name: Some(name),
            kind: match &ty {
                Some(ty) => ParamKind::Typed {
                    condition: None,
                    ty: ty.clone(),
                },
                None => ParamKind::Nat,
            },
            span,
        }));
        Ok((i, ()))
    }

    /// Runs `parse` one nesting level deeper, failing past [`MAX_NESTING`].
    fn nested<T>(
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

    /// One parameter.
    fn param(&self, input: &'s str) -> PResult<'s, Param<'s>> {
        self.nested(input, |input| self.param_at_depth(input))
    }

    fn param_at_depth(&self, input: &'s str) -> PResult<'s, Param<'s>> {
        let param = |name: Option<&'s str>, kind, end: &'s str| Param {
            name,
            kind,
            span: self.between(input, end),
        };

        if let Ok((i, _)) = char::<_, Expected>('#').parse(input) {
            return Ok((i, param(None, ParamKind::Nat, i)));
        }
        if let Some(result) = self.repetition(input) {
            let (i, kind) = result?;
            return Ok((i, param(None, kind, i)));
        }
        if let Ok((i, name)) = (ident, space0, char(':'), space0)
            .map(|(n, ..)| n)
            .parse(input)
        {
            if let Ok((i, _)) = char::<_, Expected>('#').parse(i) {
                return Ok((i, param(Some(name), ParamKind::Nat, i)));
            }
            if let Some(result) = self.repetition(i) {
                let (i, kind) = result?;
                return Ok((i, param(Some(name), kind, i)));
            }
            let (i, condition) = opt(|i| self.condition(i)).parse(i)?;
            let (i, ty) = cut(expect("a type", |i| self.type_term(i))).parse(i)?;
            return Ok((i, param(Some(name), ParamKind::Typed { condition, ty }, i)));
        }
        let (i, ty) = self.type_term(input)?;
        let kind = ParamKind::Typed {
            condition: None,
            ty,
        };
        Ok((i, param(None, kind, i)))
    }

    /// `N*[ params ]`, `n*[ params ]` or `[ params ]`; `None` if `input` starts with none.
    fn repetition(&self, input: &'s str) -> Option<PResult<'s, ParamKind<'s>>> {
        // Nearly every parameter is not one: a byte scan rules it out before any parser runs.
        let bytes = input.as_bytes();
        let word = bytes
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(bytes.len());
        let after_word = bytes[word..].iter().find(|b| !matches!(b, b' ' | b'\t'));
        if !input.starts_with('[') && (word == 0 || after_word != Some(&b'*')) {
            return None;
        }
        if input.starts_with('[') {
            return Some(self.bracketed(input).map(|(i, params)| {
                let kind = ParamKind::Repeated {
                    multiplier: None,
                    params,
                };
                (i, kind)
            }));
        }
        // The count is copied only once `*` confirms a repetition: most parameters are not.
        let count = alt((number.map(Ok), ident.map(Err)));
        let (i, count) = (count, space0, char('*'), space0)
            .map(|(m, ..)| m)
            .parse(input)
            .ok()?;
        let multiplier = match count {
            Ok(n) => Multiplier::Literal(n),
            Err(name) => Multiplier::Nat(name),
        };
        Some(cut(|i| self.bracketed(i)).parse(i).map(|(i, params)| {
            let kind = ParamKind::Repeated {
                multiplier: Some(multiplier),
                params,
            };
            (i, kind)
        }))
    }

    /// `[ params ]`.
    fn bracketed(&self, input: &'s str) -> PResult<'s, Vec<Param<'s>>> {
        let (mut i, _) = expect("`[`", char('[')).parse(input)?;
        let mut params = Vec::new();
        loop {
            let (rest, ()) = sp(i)?;
            if let Some(rest) = rest.strip_prefix(']') {
                return Ok((rest, params));
            }
            if let Some(names_end) = param_group_names(rest) {
                i = self.param_group(rest, names_end, &mut params)?.0;
                continue;
            }
            let (rest, param) = cut(expect("a parameter or `]`", |i| self.param(i))).parse(rest)?;
            params.push(param);
            i = rest;
        }
    }

    /// `flags.N?`.
    fn condition(&self, input: &'s str) -> PResult<'s, Condition<'s>> {
        let (i, (field, _, bit)) = (ident, char('.'), number).parse(input)?;
        let span = self.between(input, i);
        let (i, _) = cut(expect("`?` after the flag condition", char('?'))).parse(i)?;
        Ok((i, Condition { field, bit, span }))
    }

    /// A type expression in a parameter.
    fn type_term(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        self.nested(input, |input| self.type_term_at_depth(input))
    }

    fn type_term_at_depth(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        if let Some(i) = input.strip_prefix('!') {
            let (i, (namespace, name)) =
                cut(expect("a generic parameter name after `!`", full_name)).parse(i)?;
            let ty = Type {
                namespace,
                name,
                bare_marker: false,
                generic_ref: true,
                args: Vec::new(),
                span: self.between(input, i),
            };
            return Ok((i, ty));
        }
        if let Some(i) = input.strip_prefix('%') {
            let (i, mut ty) = cut(expect("a type after `%`", |i| self.type_term(i))).parse(i)?;
            ty.bare_marker = true;
            ty.span = self.between(input, i);
            return Ok((i, ty));
        }
        if let Some(i) = input.strip_prefix('(') {
            let (i, ()) = sp(i)?;
            let (mut i, (namespace, name)) = cut(expect("a type name", full_name)).parse(i)?;
            let mut args = Vec::new();
            loop {
                let (rest, ()) = sp(i)?;
                if let Some(rest) = rest.strip_prefix(')') {
                    i = rest;
                    break;
                }
                let (rest, arg) =
                    cut(expect("a type argument or `)`", |i| self.type_term(i))).parse(rest)?;
                args.push(arg);
                i = rest;
            }
            let ty = Type {
                namespace,
                name,
                bare_marker: false,
                generic_ref: false,
                args,
                span: self.between(input, i),
            };
            return Ok((i, ty));
        }
        let (i, (namespace, name)) = full_name(input)?;
        let (i, args) = match preceded(space0, char::<_, Expected>('<')).parse(i) {
            Ok((mut i, _)) => {
                let mut args = Vec::new();
                loop {
                    let (rest, ()) = sp(i)?;
                    let (rest, arg) =
                        cut(expect("a type argument", |i| self.type_term(i))).parse(rest)?;
                    args.push(arg);
                    let (rest, ()) = sp(rest)?;
                    if let Some(rest) = rest.strip_prefix(',') {
                        i = rest;
                        continue;
                    }
                    let (rest, _) = cut(expect("`>` or `,`", char('>'))).parse(rest)?;
                    break (rest, args);
                }
            }
            Err(_) => (i, Vec::new()),
        };
        let ty = Type {
            namespace,
            name,
            bare_marker: false,
            generic_ref: false,
            args,
            span: self.between(input, i),
        };
        Ok((i, ty))
    }

    /// The type after `=`: `Type`, `Vector<t>` or `Vector t` (arguments on the same line, so
    /// that a missing `;` is reported on the line where it is missing).
    fn result_type(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        let (mut i, mut ty) = self.type_term(input)?;
        if ty.args.is_empty() {
            while let Ok((rest, arg)) = preceded(space1, |i| self.type_term(i)).parse(i) {
                ty.args.push(arg);
                i = rest;
            }
            ty.span = self.between(input, i);
        }
        Ok((i, ty))
    }

    /// `---types---` / `--- functions ---`.
    pub(crate) fn section(input: &str) -> PResult<'_, Category> {
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
}

/// A layer section header, `===17===`, with nothing after it on its line but a comment
/// (Telegram's end-to-end schema: the definitions after it are those of layer 17).
pub(crate) fn layer_section(input: &str) -> PResult<'_, u32> {
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

/// The length of the token at the start of `at`: an identifier or number, else one character.
fn found_token_len(at: &str) -> usize {
    match take_while1::<_, _, Expected>(|c: char| c.is_ascii_alphanumeric() || c == '_').parse(at) {
        Ok((_, word)) => word.len(),
        Err(_) => at.chars().next().map_or(0, char::len_utf8),
    }
}
