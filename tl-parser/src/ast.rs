//! The typed syntax tree of a TL schema file: what is written, with source spans.
//!
//! The tree keeps the text's own structure (namespaces, conditions, generic arguments,
//! built-in bodies such as `4*[ int ]`) so that constructor ids can be recomputed from it
//! under either convention, and so that a code generator never has to look at the text again.

use std::fmt;

use crate::id::Convention;

/// A region of the source text. `line` and `column` are 1-based and point at `start`;
/// the column counts characters (not bytes), as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column (in characters) of `start`.
    pub column: u32,
}

/// Whether a definition declares a constructor of a type or a function (RPC method).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Declared in a `---types---` section (the default at the top of a file).
    Type,
    /// Declared in a `---functions---` section.
    Function,
}

/// One parsed schema file. Names, namespaces and documentation borrow from the source text
/// (`'s`), so parsing allocates only the tree's vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema<'s> {
    /// The name the file was parsed under (used in diagnostics).
    pub file: String,
    /// The number of the last `// LAYER N` line or `===N===` section, if any.
    pub layer: Option<u32>,
    /// The constructor-id convention the ids were verified and inferred with.
    pub convention: Convention,
    /// Every definition, in source order, except the repeats listed in `repeated`.
    pub definitions: Vec<Definition<'s>>,
    /// Written ids that differ from the computed ones, in source order.
    pub id_mismatches: Vec<IdMismatch>,
    /// Definitions written again with the same id and text, left out of `definitions`, in
    /// source order.
    pub repeated: Vec<Repeated>,
}

/// A definition that would be a duplicate (the same full name and category as an earlier one
/// in its `===N===` section, or outside any section) but says the same: the same written id
/// (or none) and the same normalized text, comments and spacing aside. Harmless, so not an
/// error, but worth telling (it is usually left over from a merge). It is not in
/// [`Schema::definitions`], and its doc comments are dropped with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The full name.
    pub name: String,
    /// The repeated definition.
    pub span: Span,
    /// The line of the first definition.
    pub first_line: u32,
}

impl<'s> Schema<'s> {
    /// Mismatches that the caller did not accept (by name or as explained).
    pub fn unaccepted_mismatches(&self) -> impl Iterator<Item = &IdMismatch> {
        self.id_mismatches.iter().filter(|m| !m.accepted)
    }

    /// Definitions whose written id equals the computed one.
    pub fn verified_ids(&self) -> usize {
        self.definitions
            .iter()
            .filter(|d| d.written_id == Some(d.computed_id))
            .count()
    }

    /// Definitions without a written id, whose id was computed.
    pub fn inferred_ids(&self) -> usize {
        self.definitions
            .iter()
            .filter(|d| d.written_id.is_none())
            .count()
    }

    /// Counts of (types, functions).
    pub fn counts(&self) -> (usize, usize) {
        let types = self
            .definitions
            .iter()
            .filter(|d| d.category == Category::Type)
            .count();
        (types, self.definitions.len() - types)
    }
}

/// A written constructor id that is not the CRC32 of its definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMismatch {
    /// The schema file (as named to [`crate::parse`]).
    pub file: String,
    /// Full name of the definition (`ns.name`).
    pub name: String,
    /// Where the definition is.
    pub span: Span,
    /// The id in the file.
    pub written: u32,
    /// The CRC32 of `normalized`.
    pub computed: u32,
    /// The exact text that was hashed.
    pub normalized: String,
    /// Where the written id comes from, when the schema itself shows it.
    pub explanation: Option<MismatchExplanation>,
    /// Whether the caller accepted this mismatch (by name, or as explained by a rename or the
    /// other convention).
    pub accepted: bool,
}

/// Where a written id that is not the CRC32 of its definition comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MismatchExplanation {
    /// The id is the CRC32 of the definition under its name without a version suffix
    /// (`decryptedMessage` for `decryptedMessage8`, `decryptedMessage_l16` or
    /// `decryptedMessageLegacy`): an older constructor kept under a new name, as secret-chat
    /// schemas and TDLib do. The id is verified, against that name.
    Renamed {
        /// The name the id was computed from.
        old_name: String,
    },
    /// The id is the CRC32 of the definition under the other convention: Telegram's schemas
    /// have definitions hashed with `bytes` kept as written (`ipPortSecret`, and layer 143's
    /// `decryptedMessageMediaDocument` of the end-to-end schema). The id is verified, under
    /// that convention.
    OtherConvention(Convention),
    /// The id is that of another definition of the file (TDLib's `invokeWith...Prefix`
    /// pseudo-constructors carry the ids of the functions they prefix).
    IdOf {
        /// Full name of that definition.
        name: String,
        /// Its line.
        line: u32,
    },
}

impl MismatchExplanation {
    /// Whether the definition's own text verifies the id this way (a rename, the other
    /// convention); another definition's id verifies nothing of this one.
    pub fn verifies_id(&self) -> bool {
        !matches!(self, MismatchExplanation::IdOf { .. })
    }
}

impl fmt::Display for IdMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, written, computed) = (&self.name, self.written, self.computed);
        let at = format!("{}:{}:{}", self.file, self.span.line, self.span.column);
        match &self.explanation {
            Some(MismatchExplanation::Renamed { old_name }) => write!(
                f,
                "{at}: `{name}` is written as #{written:08x}, the id of its definition \
                 under the older name `{old_name}` (under its own name it hashes to \
                 #{computed:08x})"
            ),
            Some(MismatchExplanation::OtherConvention(convention)) => write!(
                f,
                "{at}: `{name}` is written as #{written:08x}, the id of its definition under the \
                 {convention} convention (under this file's it hashes to #{computed:08x})"
            ),
            Some(MismatchExplanation::IdOf {
                name: other,
                line: other_line,
            }) => write!(
                f,
                "{at}: `{name}` is written as #{written:08x}, the id of `{other}` (line \
                 {other_line}); its definition hashes to #{computed:08x} (hashed: \"{}\")",
                self.normalized
            ),
            None => write!(
                f,
                "{at}: `{name}` is written as #{written:08x} but its definition hashes to \
                 #{computed:08x} (hashed: \"{}\")",
                self.normalized
            ),
        }
    }
}

/// A `name#id params = Result;` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition<'s> {
    /// Namespace components: `["auth"]` for `auth.sentCode`.
    pub namespace: Vec<&'s str>,
    /// The name after the last dot.
    pub name: &'s str,
    /// The id written after `#`, if any.
    pub written_id: Option<u32>,
    /// The CRC32 id under the schema's convention: [`crate::compute_id`], or, when only that
    /// verifies the written id, the CRC32 with each bare `%T` read as `T`'s sole constructor
    /// (`vector<%Message>` as `vector message`, as `msg_container#73f1f8dc` is hashed).
    pub computed_id: u32,
    /// Generic parameters `{X:Type}`, in order.
    pub generics: Vec<GenericParam<'s>>,
    /// Parameters, in order.
    pub params: Vec<Param<'s>>,
    /// `int ? = Int;`: a built-in whose encoding the schema does not describe.
    pub builtin: bool,
    /// The type after `=`.
    pub result: Type<'s>,
    /// Type constructor or function.
    pub category: Category,
    /// Comment lines directly above the definition (no blank line between), without `//`.
    pub docs: Vec<&'s str>,
    /// The layer of the `===N===` section it is in, in schemas grouped by layer, as Telegram
    /// publishes its end-to-end (secret chat) schema; such a schema redefines a constructor in
    /// a later section when its fields change, and the last definition is the current one.
    pub layer_section: Option<u32>,
    /// The whole statement, from the name to the `;`.
    pub span: Span,
}

impl Definition<'_> {
    /// The id to use on the wire: the written one if present, else the computed one.
    pub fn id(&self) -> u32 {
        self.written_id.unwrap_or(self.computed_id)
    }

    /// `ns.name`, as written.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, self.name)
    }
}

/// `{X:Type}`.
#[derive(Debug, Clone, PartialEq)]
pub struct GenericParam<'s> {
    /// `X`.
    pub name: &'s str,
    /// `Type` (the kind of the parameter).
    pub kind: Type<'s>,
    /// The text between and including the braces. For an implicit parameter, its first `!X`
    /// (also the span of its `kind`, which is not written either).
    pub span: Span,
    /// Not written: early Telegram schemas (tdesktop's of about layer 16) write
    /// `query:!X = X` without `{X:Type}`. A function that declares no type parameter gets
    /// `{X:Type}` for each `!X` of its parameters that its result names, in order of use, and
    /// its id is hashed as if they were written (`invokeAfterMsg#cb9f372d msg_id:long
    /// query:!X = X` verifies that way). The definition's `Display` shows them, as the form
    /// its id hashes.
    pub implicit: bool,
}

/// One parameter of a definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Param<'s> {
    /// `None` for anonymous parameters (`#`, `[ t ]`, the `int` in `4*[ int ]`).
    pub name: Option<&'s str>,
    /// What the parameter is.
    pub kind: ParamKind<'s>,
    /// The parameter's text.
    pub span: Span,
}

/// The forms a parameter takes.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamKind<'s> {
    /// `name:#`: a 32-bit natural number, usually a word of flags that conditions refer to.
    Nat,
    /// `name:Type` or `name:flags.N?Type`.
    Typed {
        /// `flags.N?`, if present.
        condition: Option<Condition<'s>>,
        /// The parameter's type.
        ty: Type<'s>,
    },
    /// `N*[ params ]` or `[ params ]`: a repetition, as in the built-in `vector` and `int128`.
    Repeated {
        /// The `N` before `*`, if written.
        multiplier: Option<Multiplier<'s>>,
        /// The parameters inside the brackets.
        params: Vec<Param<'s>>,
    },
}

/// The count of a repetition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Multiplier<'s> {
    /// `4*[ int ]`.
    Literal(u32),
    /// `n*[ ... ]`, naming a `#` parameter.
    Nat(&'s str),
}

/// `flags.N?` in front of a parameter type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition<'s> {
    /// The `#` parameter holding the bit (`flags`, `flags2`, `mode`, ...).
    pub field: &'s str,
    /// The bit number.
    pub bit: u32,
    /// The text `flags.N`.
    pub span: Span,
}

/// A type expression: `int`, `auth.SentCode`, `Vector<long>`, `(vector adnl.Address)`, `%T`, `!X`.
#[derive(Debug, Clone, PartialEq)]
pub struct Type<'s> {
    /// Namespace components.
    pub namespace: Vec<&'s str>,
    /// The name after the last dot.
    pub name: &'s str,
    /// Written with `%` (explicitly bare).
    pub bare_marker: bool,
    /// Written with `!` (a reference to a generic parameter, e.g. `query:!X`).
    pub generic_ref: bool,
    /// Type arguments: `<long>`, `(vector T)` or `Vector t`.
    pub args: Vec<Type<'s>>,
    /// The type's text.
    pub span: Span,
}

impl Type<'_> {
    /// A bare type: written with `%`, or whose name starts with a lowercase letter.
    pub fn is_bare(&self) -> bool {
        self.bare_marker || self.name.starts_with(|c: char| c.is_ascii_lowercase())
    }

    /// `ns.Name`, without `%`, `!` or arguments.
    pub fn full_name(&self) -> String {
        join_name(&self.namespace, self.name)
    }

    /// Whether this type is the root-namespace type `name` or has it among its arguments, at
    /// any depth (`X` and `Vector<Vector<X>>` refer to `X`).
    pub fn refers_to(&self, name: &str) -> bool {
        (self.namespace.is_empty() && self.name == name)
            || self.args.iter().any(|a| a.refers_to(name))
    }

    /// True for the plain type `name` (no namespace, arguments or markers).
    pub fn is_plain(&self, name: &str) -> bool {
        self.namespace.is_empty()
            && self.args.is_empty()
            && !self.bare_marker
            && !self.generic_ref
            && self.name == name
    }
}

impl fmt::Display for Type<'_> {
    /// TL syntax: `Vector<long>`, `%Message`, `!X`, `flags` types as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bare_marker {
            f.write_str("%")?;
        }
        if self.generic_ref {
            f.write_str("!")?;
        }
        for ns in &self.namespace {
            write!(f, "{ns}.")?;
        }
        f.write_str(self.name)?;
        for (i, arg) in self.args.iter().enumerate() {
            f.write_str(if i == 0 { "<" } else { "," })?;
            write!(f, "{arg}")?;
        }
        if !self.args.is_empty() {
            f.write_str(">")?;
        }
        Ok(())
    }
}

impl fmt::Display for Definition<'_> {
    /// The definition as one TL line (without `;`): `name#id params = Result`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{:08x}", self.full_name(), self.id())?;
        for generic in &self.generics {
            write!(f, " {{{}:{}}}", generic.name, generic.kind)?;
        }
        for param in &self.params {
            write!(f, " {param}")?;
        }
        if self.builtin {
            f.write_str(" ?")?;
        }
        write!(f, " = {}", self.result)
    }
}

impl fmt::Display for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{name}:")?;
        }
        match &self.kind {
            ParamKind::Nat => f.write_str("#"),
            ParamKind::Typed { condition, ty } => {
                if let Some(cond) = condition {
                    write!(f, "{}.{}?", cond.field, cond.bit)?;
                }
                write!(f, "{ty}")
            }
            ParamKind::Repeated { multiplier, params } => {
                match multiplier {
                    Some(Multiplier::Literal(n)) => write!(f, "{n}*")?,
                    Some(Multiplier::Nat(name)) => write!(f, "{name}*")?,
                    None => {}
                }
                f.write_str("[")?;
                for inner in params {
                    write!(f, " {inner}")?;
                }
                f.write_str(" ]")
            }
        }
    }
}

fn join_name(namespace: &[&str], name: &str) -> String {
    let mut full =
        String::with_capacity(name.len() + namespace.iter().map(|n| n.len() + 1).sum::<usize>());
    for ns in namespace {
        full.push_str(ns);
        full.push('.');
    }
    full.push_str(name);
    full
}
