//! The TL grammar, as small nom parsers.
//!
//! ```text
//! file          = { trivia | section | layer-section | declaration | definition }
//! section       = "---" ["types" | "functions"] "---"          (inner spaces allowed)
//! layer-section = "===" number "==="                           alone on its line
//! declaration   = ("New" | "Final" | "Empty") full-name ";"    skipped: defines nothing
//! definition    = full-name ["#" hex{1,8}] { "{" ident { ident } ":" type "}" | param }
//!                 ["?"] "=" result ";"
//! param         = "#"                                          anonymous nat
//!               | [ ident ":" ] repetition
//!               | ident ":" ( "#" | [ ident "." number "?" ] type )
//!               | type                                         anonymous (`int128 long long`)
//!               | "(" ident { ident } ":" ( "#" | type ) ")"   a group: several of one type
//! repetition    = [ (nat-name | number) "*" ] "[" { param } "]"
//! type          = "!" full-name | "%" type | "(" full-name { type } ")"
//!               | full-name [ "<" type { "," type } ">" ]
//! result        = type { type }                                (arguments on the same line)
//! full-name     = ident { "." ident }
//! trivia        = whitespace | "//" to end of line | "/*" to "*/"
//! ```
//!
//! A file's statements are read by [`parse_file`] (`file.rs`), which recovers after a syntax
//! error at the next statement; comment lines above a definition become its documentation
//! (`trivia.rs`). The rules of a definition are methods of `Grammar` (`parser.rs`), which
//! knows the whole source so that every node gets a span: `definition.rs` and `types.rs`.
//! Errors carry the furthest position reached and what was expected there (`expected.rs`).

mod definition;
mod expected;
mod file;
mod parser;
mod token;
mod trivia;
mod types;

pub(crate) use file::parse_file;
