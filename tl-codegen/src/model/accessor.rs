//! Accessors: methods of an enum reading a field that its constructors share.

use super::{Storage, Ty};

/// A method of an enum reading a field of the same name and type in its constructors
/// (`enums::Message::id()`). Decided by `resolve::accessors`.
#[derive(Debug, Clone)]
pub struct Accessor {
    /// The method name.
    pub name: String,
    /// The field's Rust name, in every constructor that has it.
    pub field: String,
    /// Per variant of the enum, in order: how its constructor holds the field.
    pub held: Vec<Held>,
    /// How the value is lent.
    pub lend: Lend,
    /// Whether the method returns an `Option`: some constructor does not have the field, or has
    /// it as an `Option` (`flags.N?T`); `None` for those, and for an unset field.
    pub returns_option: bool,
}

/// How a constructor holds the field of an accessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// It has no such field.
    Not,
    /// As a value (a `flags.N?true` flag is a `bool` value).
    Always,
    /// As an `Option` (`flags.N?T`).
    IfSet,
}

/// How an accessor hands out the field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lend {
    /// A copy: numbers and `bool`.
    Copy(Ty),
    /// `&str`, for a `string` held so.
    Str(Storage),
    /// `&[u8]`, for `bytes` held so.
    Bytes(Storage),
    /// `&[T]`, for a vector of this element type.
    Slice(Ty),
    /// `&T` of this type.
    Ref(Ty),
}

impl Lend {
    /// How a field of type `ty` is lent.
    pub fn of(ty: &Ty) -> Lend {
        match ty {
            Ty::Int | Ty::Long | Ty::Double | Ty::Nat | Ty::Bool => Lend::Copy(ty.clone()),
            Ty::String(storage) => Lend::Str(*storage),
            Ty::Bytes(storage) => Lend::Bytes(*storage),
            Ty::Vector { elem, .. } => Lend::Slice((**elem).clone()),
            _ => Lend::Ref(ty.clone()),
        }
    }
}
