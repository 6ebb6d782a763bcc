//! The words of the grammar: whitespace and comments, names, numbers and ids.

use nom::Parser;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char, digit1, hex_digit1};
use nom::error::{ErrorKind as NomErrorKind, ParseError};

use super::expected::{Expected, PResult, expect, failure};

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

/// A letter or `_`, then letters, digits and `_`. Scanned as bytes: identifiers are ASCII, and
/// this is the parser's innermost loop.
pub(crate) fn ident(i: &str) -> PResult<'_, &str> {
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
pub(crate) fn full_name(i: &str) -> PResult<'_, (Vec<&str>, &str)> {
    let (mut i, mut last) = ident(i)?;
    let mut namespace = Vec::new();
    while let Some(Ok((rest, part))) = i.strip_prefix('.').map(ident) {
        namespace.push(last);
        last = part;
        i = rest;
    }
    Ok((i, (namespace, last)))
}

/// The `1a2b3c4d` of `name#1a2b3c4d`.
pub(crate) fn hex_id(i: &str) -> PResult<'_, u32> {
    let (rest, digits) = expect("a constructor id of 1 to 8 hex digits", hex_digit1).parse(i)?;
    if digits.len() > 8 {
        return failure(i, "a constructor id of 1 to 8 hex digits");
    }
    // At most 8 hex digits always fit a u32.
    Ok((rest, u32::from_str_radix(digits, 16).unwrap_or_default()))
}

/// A decimal number that fits a `u32` (a bit, a count, a layer).
pub(crate) fn number(i: &str) -> PResult<'_, u32> {
    let (rest, digits) = digit1(i)?;
    match digits.parse() {
        Ok(n) => Ok((rest, n)),
        Err(_) => failure(i, "a number below 2^32"),
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
pub(crate) fn param_group_names(input: &str) -> Option<usize> {
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

/// The length of the token at the start of `at`: an identifier or number, else one character.
pub(crate) fn found_token_len(at: &str) -> usize {
    match take_while1::<_, _, Expected>(|c: char| c.is_ascii_alphanumeric() || c == '_').parse(at) {
        Ok((_, word)) => word.len(),
        Err(_) => at.chars().next().map_or(0, char::len_utf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_inside_a_statement_are_space() {
        assert_eq!(sp(" // c\n /* d */ x"), Ok(("x", ())));
        assert_eq!(sp("// to the end"), Ok(("", ())));
        assert!(matches!(sp(" /* open"), Err(nom::Err::Failure(e)) if e.at == "/* open"));
    }

    #[test]
    fn names_split_at_their_last_dot() {
        assert_eq!(full_name("a.b.c x"), Ok((" x", (vec!["a", "b"], "c"))));
        // A dot not followed by a name ends the name before it.
        assert_eq!(full_name("a.1"), Ok((".1", (vec![], "a"))));
        assert!(ident("1a").is_err());
    }

    #[test]
    fn ids_and_numbers_are_bounded() {
        assert_eq!(hex_id("ffffffff "), Ok((" ", u32::MAX)));
        assert!(matches!(hex_id("123456789"), Err(nom::Err::Failure(_))));
        assert_eq!(number("4294967295"), Ok(("", u32::MAX)));
        assert!(matches!(number("4294967296"), Err(nom::Err::Failure(_))));
    }

    #[test]
    fn type_declarations_need_the_keyword_as_a_word_and_a_name() {
        assert_eq!(type_declaration("New ns.B ;\nx"), Some("\nx"));
        assert_eq!(type_declaration("Final/* c */A;"), Some(""));
        assert_eq!(type_declaration("NewD;"), None);
        assert_eq!(type_declaration("Empty;"), None);
    }

    #[test]
    fn a_group_has_names_then_a_colon() {
        assert_eq!(param_group_names("(x y:int)"), Some(4));
        assert_eq!(param_group_names("( z : long )"), Some(4));
        assert_eq!(param_group_names("(vector int)"), None);
        assert_eq!(param_group_names("(1 x:int)"), None);
        assert_eq!(param_group_names("(:int)"), None);
    }

    #[test]
    fn the_found_token_is_a_word_or_one_character() {
        assert_eq!(found_token_len("abc_1 d"), 5);
        assert_eq!(found_token_len("ü"), 2);
        assert_eq!(found_token_len(""), 0);
    }
}
