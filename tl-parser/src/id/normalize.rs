//! The normalized text whose CRC32 is a constructor id, under each convention, and which
//! convention a file uses.
//!
//! Two conventions exist in the wild. Both hash `name params = Result` with the `#id` dropped,
//! braces of `{X:Type}` removed, type arguments written after spaces (`Vector<long>` and
//! `(vector long)` both become `Vector long` / `vector long`) and whitespace collapsed.
//! They differ in what Telegram's own generator leaves out:
//!
//! * [`Convention::Telegram`] drops every `name:cond.N?true` parameter and hashes a parameter
//!   whose type is exactly `bytes` as `string` (`Vector<bytes>` stays).
//! * [`Convention::TlParser`] (the C tl-parser of TDLib and TON) keeps both as written.
//!
//! The normalized text is rendered from the syntax tree rather than cut from the source, so
//! comments, line breaks and spacing inside a definition can never change an id.

use std::fmt::{self, Write};
use std::str::FromStr;

use crate::ast::{Definition, Multiplier, Param, ParamKind, Type};

/// How a file's constructor ids are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Convention {
    /// Telegram's schemas (api.tl, mtproto.tl): `?true` parameters dropped, `bytes` as `string`.
    Telegram,
    /// The C tl-parser (TDLib's td_api.tl, TON): parameters hashed as written.
    TlParser,
}

impl Convention {
    /// Whether a `#` parameter named `name` is a flag word even when no condition names it:
    /// Telegram's `flags`, `flags2`, ... (`exportedChatlistInvite flags:# title:string ...`),
    /// which every implementation writes as 0 and leaves out of its API. Elsewhere (TON's
    /// `flags:#`) such a `#` is a value of its own.
    pub fn is_flag_word_name(self, name: &str) -> bool {
        self == Convention::Telegram
            && name
                .strip_prefix("flags")
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    }

    /// The convention that is not this one.
    pub fn other(self) -> Convention {
        match self {
            Convention::Telegram => Convention::TlParser,
            Convention::TlParser => Convention::Telegram,
        }
    }

    /// The convention of a file's definitions, when none is forced: [`Convention::detect`]
    /// from how many ids are written, except that a file whose written ids are hashed under
    /// Telegram's rule is Telegram's, however few they are: some verifies under Telegram's
    /// rule only (a definition with a `?true` or `bytes` parameter), and none under the
    /// other only. Then the ids the file leaves out are inferred under Telegram's rule too.
    /// (No file of the C tl-parser's writes such ids; a Telegram file may verify one under
    /// the other rule, `ipPortSecret`, so the evidence is never used the other way.)
    pub fn detect_in(definitions: &[Definition<'_>]) -> Convention {
        let written = definitions
            .iter()
            .filter(|d| d.written_id.is_some())
            .count();
        match Convention::detect(definitions.len(), written) {
            Convention::TlParser if written_ids_hashed_by_telegram(definitions) => {
                Convention::Telegram
            }
            detected => detected,
        }
    }

    /// The rule used when no convention is forced: Telegram's schemas write an id on (nearly)
    /// every line, the tl-parser schemas on almost none. So: `Telegram` when at least half of
    /// the definitions carry a written id, otherwise `TlParser`.
    pub fn detect(definitions: usize, written_ids: usize) -> Convention {
        if definitions > 0 && written_ids * 2 >= definitions {
            Convention::Telegram
        } else {
            Convention::TlParser
        }
    }
}

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Convention::Telegram => "telegram",
            Convention::TlParser => "tl-parser",
        })
    }
}

impl FromStr for Convention {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "telegram" => Ok(Convention::Telegram),
            "tl-parser" => Ok(Convention::TlParser),
            other => Err(format!(
                "unknown convention `{other}` (expected `telegram` or `tl-parser`)"
            )),
        }
    }
}

/// The text whose CRC32 is the definition's id under `convention`.
pub fn normalized_text(def: &Definition<'_>, convention: Convention) -> String {
    let mut text = String::new();
    write_normalized_text(&mut text, def, convention);
    text
}

/// Appends the normalized text to `text` (a buffer reused across definitions).
pub(crate) fn write_normalized_text(
    text: &mut String,
    def: &Definition<'_>,
    convention: Convention,
) {
    for ns in &def.namespace {
        text.push_str(ns);
        text.push('.');
    }
    text.push_str(def.name);
    for generic in &def.generics {
        // Writing to a String cannot fail.
        let _ = write!(text, " {}:", generic.name);
        write_type(text, &generic.kind);
    }
    for param in &def.params {
        if convention == Convention::Telegram && is_true_flag(param) {
            continue;
        }
        text.push(' ');
        write_param(text, param, convention);
    }
    if def.builtin {
        text.push_str(" ?");
    }
    text.push_str(" = ");
    write_type(text, &def.result);
}

/// The CRC32 (IEEE) of the definition's normalized text under `convention`, from the
/// definition alone. [`crate::parse`] may do one thing more, which needs the whole schema: a
/// written id that matches once each `%T` is read as `T`'s sole constructor is verified that
/// way ([`Definition::computed_id`](crate::Definition::computed_id)).
pub fn compute_id(def: &Definition<'_>, convention: Convention) -> u32 {
    crc32fast::hash(normalized_text(def, convention).as_bytes())
}

/// Whether some written id verifies under Telegram's rule only, and none under the C
/// tl-parser's only (see [`Convention::detect_in`]; an id that both rules hash alike tells
/// nothing).
fn written_ids_hashed_by_telegram(definitions: &[Definition<'_>]) -> bool {
    let mut text = String::new();
    let mut verifies = |def: &Definition<'_>, convention| {
        text.clear();
        write_normalized_text(&mut text, def, convention);
        def.written_id == Some(crc32fast::hash(text.as_bytes()))
    };
    let mut telegram = false;
    for def in definitions.iter().filter(|d| d.written_id.is_some()) {
        match (
            verifies(def, Convention::Telegram),
            verifies(def, Convention::TlParser),
        ) {
            (true, false) => telegram = true,
            (false, true) => return false,
            _ => {}
        }
    }
    telegram
}

/// `name:cond.N?true`, which carries no data of its own.
fn is_true_flag(param: &Param<'_>) -> bool {
    matches!(
        &param.kind,
        ParamKind::Typed { condition: Some(_), ty } if ty.is_plain("true")
    )
}

/// A parameter as hashed: `name:` (if named), then its type, `#` or repetition.
fn write_param(text: &mut String, param: &Param<'_>, convention: Convention) {
    if let Some(name) = param.name {
        text.push_str(name);
        text.push(':');
    }
    match &param.kind {
        ParamKind::Nat => text.push('#'),
        ParamKind::Typed { condition, ty } => {
            if let Some(cond) = condition {
                let _ = write!(text, "{}.{}?", cond.field, cond.bit);
            }
            if convention == Convention::Telegram && ty.is_plain("bytes") {
                text.push_str("string");
            } else {
                write_type(text, ty);
            }
        }
        ParamKind::Repeated { multiplier, params } => {
            match multiplier {
                Some(Multiplier::Literal(n)) => {
                    let _ = write!(text, "{n}*");
                }
                Some(Multiplier::Nat(name)) => {
                    let _ = write!(text, "{name}*");
                }
                None => {}
            }
            text.push('[');
            for inner in params {
                text.push(' ');
                write_param(text, inner, convention);
            }
            text.push_str(" ]");
        }
    }
}

/// A type as hashed: arguments follow the name after spaces, with no brackets or parentheses
/// (`Vector<long>` and `(vector long)` give `Vector long` and `vector long`).
fn write_type(text: &mut String, ty: &Type<'_>) {
    if ty.bare_marker {
        text.push('%');
    }
    if ty.generic_ref {
        text.push('!');
    }
    for ns in &ty.namespace {
        text.push_str(ns);
        text.push('.');
    }
    text.push_str(ty.name);
    for arg in &ty.args {
        text.push(' ');
        write_type(text, arg);
    }
}
