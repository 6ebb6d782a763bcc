//! nom's error type for the grammar: where parsing stopped, and what was expected there.

use nom::error::{ContextError, ErrorKind as NomErrorKind, ParseError};
use nom::{IResult, Parser};

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

/// A recoverable error at `at`: an alternative may still match.
pub(crate) fn fail<'a, T>(at: &'a str, what: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Error(Expected {
        at,
        what: Expectation::Label(what),
    }))
}

/// A fatal error at `at`: the statement is wrong here, whatever else could follow.
pub(crate) fn failure<'a, T>(at: &'a str, what: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Failure(Expected {
        at,
        what: Expectation::Label(what),
    }))
}

/// Runs `parser`, replacing an error that made no progress with "expected `what`".
pub(crate) fn expect<'a, T>(
    what: &'static str,
    mut parser: impl Parser<&'a str, Output = T, Error = Expected<'a>>,
) -> impl Parser<&'a str, Output = T, Error = Expected<'a>> {
    move |i: &'a str| match parser.parse(i) {
        Err(nom::Err::Error(e)) if e.at.len() == i.len() => fail(i, what),
        other => other,
    }
}
