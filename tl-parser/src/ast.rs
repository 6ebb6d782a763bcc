//! The typed syntax tree of a TL schema file: what is written, with source spans.
//!
//! The tree keeps the text's own structure (namespaces, conditions, generic arguments,
//! built-in bodies such as `4*[ int ]`) so that constructor ids can be recomputed from it
//! under either convention, and so that a code generator never has to look at the text again.

use std::borrow::Cow;
use std::fmt;

use crate::source::Span;

/// Whether a definition declares a constructor of a type or a function (RPC method).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Declared in a `---types---` section (the default at the top of a file).
    Type,
    /// Declared in a `---functions---` section.
    Function,
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
    /// A TDLib continuation line (`//-more text`) is joined to the line before it with a
    /// space, so that `//@param` text written over several lines is one entry; only such
    /// joined entries are owned.
    pub docs: Vec<Cow<'s, str>>,
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
