//! Errors in schema text, and their rendering as rustc-style diagnostics.

use std::fmt::{self, Write as _};

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

use crate::source::{Span, byte_order_mark_len};

/// What is wrong at a place in the schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text does not follow the grammar.
    #[error("expected {expected}, found {found}")]
    Syntax {
        /// What the grammar allows here, e.g. "`;`" or "a type".
        expected: String,
        /// What is there instead, e.g. "`#`" or "end of file".
        found: String,
    },
    /// `flags.N?T` where no `flags:#` parameter precedes it in the same definition.
    #[error("flag condition `{field}.{bit}` names no `#` parameter declared before it")]
    UnknownFlagField {
        /// The name before the dot.
        field: String,
        /// The bit number.
        bit: u32,
    },
    /// `flags.N?T` with N above 31: a flag word has 32 bits.
    #[error("flag bit {bit} is out of range: a `#` word has bits 0 to 31")]
    FlagBitOutOfRange {
        /// The bit number.
        bit: u32,
    },
    /// `!X` without `{X:Type}` on the definition (other than the implicit ones of old schemas,
    /// see [`GenericParam::implicit`](crate::GenericParam::implicit)).
    #[error(
        "`!{name}` refers to an undeclared generic parameter ({})",
        declare_hint(name)
    )]
    UndeclaredGeneric {
        /// The referenced name.
        name: String,
    },
    /// A second definition with the same full name in the same section kind (one that says
    /// the same is no error: see [`Repeated`](crate::Repeated)).
    #[error("`{name}` is already defined on line {first_line}")]
    DuplicateDefinition {
        /// The full name.
        name: String,
        /// The line of the first definition.
        first_line: u32,
    },
}

/// How to declare the type parameter `!name` refers to: type parameters have no namespace.
fn declare_hint(name: &str) -> String {
    if name.contains('.') {
        "a type parameter is a plain name, declared with `{X:Type}`".to_owned()
    } else {
        format!("declare it with `{{{name}:Type}}`")
    }
}

/// One error, with the place it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Where. For syntax errors this is the first character that does not fit.
    pub span: Span,
}

impl Error {
    /// 1-based line.
    pub fn line(&self) -> u32 {
        self.span.line
    }

    /// 1-based column, in characters.
    pub fn column(&self) -> u32 {
        self.span.column
    }

    fn label(&self) -> String {
        match &self.kind {
            ErrorKind::Syntax { expected, .. } => format!("expected {expected}"),
            ErrorKind::UnknownFlagField { field, .. } => format!("no `{field}:#` before this"),
            ErrorKind::FlagBitOutOfRange { .. } => "bit out of range".to_owned(),
            ErrorKind::UndeclaredGeneric { .. } => "undeclared generic".to_owned(),
            ErrorKind::DuplicateDefinition { .. } => "defined again here".to_owned(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.span.line, self.span.column, self.kind)
    }
}

impl std::error::Error for Error {}

/// Every error found in one file, with the source needed to show them.
///
/// `Display` renders each error like rustc: `error: ...`, `--> file:line:column`, the source
/// line and a caret under the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file name the errors refer to.
    pub file: String,
    /// The errors, in source order.
    pub errors: Vec<Error>,
    source: String,
}

impl Report {
    pub(crate) fn new(file: &str, source: &str, mut errors: Vec<Error>) -> Report {
        errors.sort_by_key(|e| e.span.start);
        Report {
            file: file.to_owned(),
            errors,
            source: source.to_owned(),
        }
    }
}

/// One error to render with [`render_errors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diagnostic<'a> {
    /// Where: the caret goes under it.
    pub span: Span,
    /// What is wrong, after `error: `.
    pub message: &'a str,
    /// The text beside the caret (may be empty).
    pub label: &'a str,
}

/// Renders errors in `source` like rustc: per error, `error: {message}`, `--> file:line:column`,
/// the source line and a caret under its span with its label beside it. For the parser's own
/// errors ([`Report`]) and for tools reporting on a parsed schema (tl-codegen's unknown types).
pub fn render_errors<'a>(
    file: &str,
    source: &str,
    errors: impl IntoIterator<Item = Diagnostic<'a>>,
) -> Result<String, fmt::Error> {
    // Shown without a byte order mark, which is no column (spans are at or after it).
    let skipped = byte_order_mark_len(source);
    let files = SimpleFile::new(file, &source[skipped..]);
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let mut out = String::new();
    for error in errors {
        let start = error.span.start.saturating_sub(skipped);
        let end = error.span.end.saturating_sub(skipped).max(start);
        let diagnostic = codespan_reporting::diagnostic::Diagnostic::error()
            .with_message(error.message)
            .with_labels(vec![
                Label::primary((), start..end).with_message(error.label),
            ]);
        term::emit_to_string(&mut out, &config, &files, &diagnostic).map_err(|_| fmt::Error)?;
    }
    Ok(out)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts: Vec<(String, String)> = self
            .errors
            .iter()
            .map(|e| (e.kind.to_string(), e.label()))
            .collect();
        let errors = self
            .errors
            .iter()
            .zip(&texts)
            .map(|(e, (message, label))| Diagnostic {
                span: e.span,
                message,
                label,
            });
        let mut out = render_errors(&self.file, &self.source, errors)?;
        let n = self.errors.len();
        write!(
            out,
            "error: {} could not be parsed: {n} error{}",
            self.file,
            if n == 1 { "" } else { "s" }
        )?;
        f.write_str(&out)
    }
}

impl std::error::Error for Report {}
