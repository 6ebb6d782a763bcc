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
mod builtins;
mod error;
mod grammar;
mod id;
mod schema;
mod source;
mod validate;

pub use ast::{Category, Condition, Definition, GenericParam, Multiplier, Param, ParamKind, Type};
pub use builtins::{PRIMITIVE_TYPES, words_width};
pub use error::{Diagnostic, Error, ErrorKind, Report, render_errors};
pub use id::{Convention, IdMismatch, MismatchExplanation, compute_id, normalized_text};
pub use schema::{Repeated, Schema};
pub use source::Span;

/// How to parse. Built from [`Options::default`] and the `with_` methods (or by setting the
/// fields): more options may come, so outside this crate it is no struct literal.
///
/// ```
/// let options = tl_parser::Options::default()
///     .with_convention(tl_parser::Convention::Telegram)
///     .with_accepted_mismatches(["help.configSimple"]);
/// assert_eq!(options.accepted_mismatches, ["help.configSimple"]);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
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

impl Options {
    /// Forces `convention` instead of detecting it.
    #[must_use]
    pub fn with_convention(mut self, convention: Convention) -> Self {
        self.convention = Some(convention);
        self
    }

    /// Accepts the mismatches of the definitions with these full names (see
    /// [`Options::accepted_mismatches`]), besides those accepted already.
    #[must_use]
    pub fn with_accepted_mismatches(
        mut self,
        names: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.accepted_mismatches
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Sets [`Options::accept_explained`].
    #[must_use]
    pub fn with_accept_explained(mut self, accept: bool) -> Self {
        self.accept_explained = accept;
        self
    }

    /// Whether these options accept `mismatch`: by its name, or as explained.
    fn accepts(&self, mismatch: &IdMismatch) -> bool {
        self.accepted_mismatches.contains(&mismatch.name)
            || (self.accept_explained
                && mismatch
                    .explanation
                    .as_ref()
                    .is_some_and(MismatchExplanation::verifies_id))
    }
}

/// Parses a whole schema file named `file` (the name is used in diagnostics only).
///
/// Returns every error of the file at once if there is any syntax or semantic error.
/// Id mismatches are not errors: they are listed in [`Schema::id_mismatches`].
///
/// Names and documentation in the returned tree borrow from `source`.
pub fn parse<'s>(file: &str, source: &'s str, options: &Options) -> Result<Schema<'s>, Report> {
    let mut parsed = grammar::parse_file(source);
    validate::declare_implicit_generics(&mut parsed.definitions);
    let repeats = validate::check(source, &parsed.definitions, &mut parsed.errors);
    if !parsed.errors.is_empty() {
        return Err(Report::new(file, source, parsed.errors));
    }
    let mut definitions = parsed.definitions;
    let repeated = validate::drop_repeats(&mut definitions, &repeats);
    let convention = options
        .convention
        .unwrap_or_else(|| Convention::detect_in(&definitions));
    let mut id_mismatches = id::verify(file, source, &mut definitions, convention);
    for mismatch in &mut id_mismatches {
        mismatch.accepted = options.accepts(mismatch);
    }
    Ok(Schema {
        file: file.to_owned(),
        layer: parsed.layer,
        convention,
        definitions,
        id_mismatches,
        repeated,
    })
}
