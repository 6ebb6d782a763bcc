//! What resolve reports: a schema that parses but cannot be generated.

use std::fmt::{self, Write as _};

use tl_parser::Span;

use super::builtins::MAX_FIXED_WIDTH;

/// A reference the schema makes that cannot be resolved, or a definition that cannot be
/// generated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolveError {
    /// The schema file.
    pub file: String,
    /// Where in the file: the type, parameter or definition at fault.
    pub span: Span,
    /// What is wrong.
    pub kind: ResolveErrorKind,
}

/// What is wrong, rendered as the message of a [`ResolveError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// No constructor has this boxed type (`x:Bar`).
    UnknownType {
        /// The full TL name.
        name: String,
        /// A defined type with a close name, if there is one.
        suggestion: Option<String>,
    },
    /// No constructor has this type, but functions return it: constructors written after
    /// `---functions---` (as a merged fork of Telethon's api.tl has them).
    OnlyFunctionsReturn {
        /// The full TL name.
        name: String,
    },
    /// No constructor has this name (`x:baz`, a bare type).
    UnknownConstructor {
        /// The full TL name.
        name: String,
        /// A defined constructor with a close name, if there is one.
        suggestion: Option<String>,
    },
    /// `%T` where `T` has several constructors (or none that is current).
    BareNeedsOneConstructor {
        /// The full TL name of `T`.
        name: String,
    },
    /// `Vector` or `vector` without exactly one type argument.
    VectorArity {
        /// The type as written.
        ty: String,
    },
    /// Type arguments on a type that takes none.
    UnexpectedArguments {
        /// The type as written.
        ty: String,
    },
    /// `Int512` as a field's type: fields hold the built-in bare, `int512`.
    BoxedFixedWidth {
        /// The boxed type.
        name: String,
        /// The built-in.
        builtin: String,
    },
    /// A fixed-width integer or repetition wider than the generator supports.
    TooWide {
        /// Its width in bytes.
        width: usize,
    },
    /// `int128 8*[ int ] = Int128`: a declaration of a built-in with another width.
    ContradictsBuiltin {
        /// The built-in.
        name: String,
        /// Its width in bytes.
        builtin_width: usize,
        /// The width declared.
        width: usize,
    },
    /// A repetition other than a fixed count of `int` or `long` outside a vector.
    UnsupportedRepetition,
    /// A definition also defined in an earlier file.
    DefinedTwice {
        /// The full TL name.
        name: String,
        /// The file that defines it first.
        first_file: String,
    },
    /// A function whose result is a bare type.
    FunctionReturnsBare,
    /// A constructor with a field of a type parameter: only functions may take one.
    GenericConstructor {
        /// The type parameter.
        name: String,
    },
}

impl fmt::Display for ResolveErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownType { name, suggestion } => {
                write!(f, "unknown type `{name}`")?;
                did_you_mean(f, suggestion.as_deref())
            }
            Self::OnlyFunctionsReturn { name } => write!(
                f,
                "unknown type `{name}`: no constructor has it, only functions return it (are \
                 its constructors written after `---functions---`?)"
            ),
            Self::UnknownConstructor { name, suggestion } => {
                write!(f, "unknown constructor `{name}` (bare type)")?;
                did_you_mean(f, suggestion.as_deref())
            }
            Self::BareNeedsOneConstructor { name } => {
                write!(
                    f,
                    "`%{name}` needs `{name}` to have exactly one constructor"
                )
            }
            Self::VectorArity { ty } => write!(f, "`{ty}` needs exactly one type argument"),
            Self::UnexpectedArguments { ty } => write!(f, "`{ty}` takes no type arguments"),
            Self::BoxedFixedWidth { name, builtin } => write!(
                f,
                "`{name}` is the boxed type of the fixed-width built-in `{builtin}`: fields \
                 hold it bare, as `{builtin}`"
            ),
            Self::TooWide { width } => write!(
                f,
                "{width} bytes of fixed width: at most {MAX_FIXED_WIDTH} are supported"
            ),
            Self::ContradictsBuiltin {
                name,
                builtin_width,
                width,
            } => write!(
                f,
                "`{name}` is {builtin_width} bytes wide, not {width}: this declaration \
                 contradicts the built-in"
            ),
            Self::UnsupportedRepetition => write!(
                f,
                "only repetitions of a fixed count of `int` or `long` (`key:64*[ int ]`) are \
                 supported outside `vector`"
            ),
            Self::DefinedTwice { name, first_file } => {
                write!(f, "`{name}` is also defined in {first_file}")
            }
            Self::FunctionReturnsBare => write!(f, "a function must return a boxed type"),
            Self::GenericConstructor { name } => write!(
                f,
                "type parameter `{name}` is used by a constructor's field; only functions \
                 (`{{X:Type}} query:!X = X`) may take one"
            ),
        }
    }
}

fn did_you_mean(f: &mut fmt::Formatter<'_>, suggestion: Option<&str>) -> fmt::Result {
    match suggestion {
        Some(name) => write!(f, "; did you mean `{name}`?"),
        None => Ok(()),
    }
}

/// `file:line:column: message`; [`ErrorKind::Resolve`](crate::ErrorKind::Resolve) also carries the
/// errors rendered with their source lines, as the parser reports its own.
impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Span { line, column, .. } = self.span;
        write!(f, "{}:{line}:{column}: {}", self.file, self.kind)
    }
}

impl std::error::Error for ResolveError {}

/// Renders `errors` like the parser's: `error: message`, `--> file:line:column`, the source
/// line and a caret, taking the text from `sources` (`(file name, text)`); an error in a
/// file not among them as `error: file:line:column: message`.
pub(crate) fn render_errors(errors: &[ResolveError], sources: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for error in errors {
        let source = sources.iter().find(|(name, _)| *name == error.file);
        let message = error.kind.to_string();
        let rendered = source.and_then(|(name, text)| {
            let one = [tl_parser::Diagnostic {
                span: error.span,
                message: &message,
                label: "",
            }];
            tl_parser::render_errors(name, text, one).ok()
        });
        match rendered {
            Some(rendered) => out.push_str(&rendered),
            None => {
                let _ = writeln!(out, "error: {error}");
            }
        }
    }
    out
}
