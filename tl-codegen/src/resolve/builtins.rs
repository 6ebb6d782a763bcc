//! The built-in types of TL and the definitions that declare them: which definitions are
//! primitives rather than constructors to generate, the fixed-width integers (`int128`,
//! `int512 16*[ int ] = Int512`), and the flag-word names of Telegram's schemas.

use std::collections::HashMap;

use tl_parser::{Category, Definition, Param, ParamKind, words_width};

use crate::model::{Storage, Ty};

/// The width in bytes of a fixed-width integer built-in: `int512 16*[ int ] = Int512`, or
/// with the words written out, `int128 long long = Int128` (old schemas). Only the sole
/// constructor of its type is one (`constructors` counts them per type): `foo int = Foo`
/// beside `bar x:string = Foo` is an ordinary constructor.
pub(super) fn fixed_width(
    def: &Definition,
    constructors: &HashMap<String, usize>,
) -> Option<usize> {
    if def.category != Category::Type
        || def.params.iter().any(|p| p.name.is_some())
        || constructors.get(&def.result.full_name()) != Some(&1)
    {
        return None;
    }
    words_width(&def.params).filter(|&width| width > 0)
}

/// The fixed-width integers that need no declaration, with their widths in bytes.
pub(super) const BUILTIN_WIDTHS: [(&str, usize); 3] =
    [("int128", 16), ("int256", 32), ("int512", 64)];

/// The widest fixed-width integer or repetition generated: a `[u8; N]` lives on the stack
/// while it is decoded, and real schemas stop at 256 bytes (tgl's `key:64*[int]`).
pub(super) const MAX_FIXED_WIDTH: usize = 4096;

/// Whether `def` has the root-namespace type `name` as its result or among its parameters'
/// types (at any depth: `Vector<Object>`).
pub(super) fn refers_to(def: &Definition, name: &str) -> bool {
    def.result.refers_to(name) || params_refer_to(&def.params, name)
}

fn params_refer_to(params: &[Param], name: &str) -> bool {
    params.iter().any(|p| match &p.kind {
        ParamKind::Typed { ty, .. } => ty.refers_to(name),
        ParamKind::Repeated { params, .. } => params_refer_to(params, name),
        ParamKind::Nat => false,
    })
}

/// Whether the type parameter `name` is one the Rust type needs: a parameter's type, or a
/// function's result (`{X:Type} query:!X = X`). A constructor's result (`= Maybe X`) says
/// which boxed type it builds, which has no parameters here.
pub(super) fn uses_generic(def: &Definition, name: &str) -> bool {
    params_refer_to(&def.params, name)
        || (def.category == Category::Function && def.result.refers_to(name))
}

/// The built-in types of the root namespace (TDLib's `int32`, `int53`, `int64` among them).
fn primitives() -> [(&'static str, Ty); 9] {
    [
        ("int", Ty::Int),
        ("int32", Ty::Int),
        ("long", Ty::Long),
        ("int53", Ty::Long),
        ("int64", Ty::Long),
        ("double", Ty::Double),
        ("string", Ty::String(Storage::Owned)),
        ("bytes", Ty::Bytes(Storage::Owned)),
        ("Bool", Ty::Bool),
    ]
}

/// The resolved type of a built-in name of the root namespace (`int`, `int53`, `int256`...).
pub(super) fn primitive(name: &str) -> Option<Ty> {
    let fixed = BUILTIN_WIDTHS.map(|(builtin, width)| (builtin, Ty::FixedBytes(width)));
    primitives()
        .into_iter()
        .chain(fixed)
        .find(|(builtin, _)| *builtin == name)
        .map(|(_, ty)| ty)
}

/// The names [`primitive`] knows, and `Vector`: what a type may be besides the schema's own.
pub(super) fn builtin_names() -> Vec<&'static str> {
    let primitives = primitives().map(|(name, _)| name);
    let fixed = BUILTIN_WIDTHS.map(|(name, _)| name);
    primitives
        .into_iter()
        .chain(fixed)
        .chain(["Vector", "vector"])
        .collect()
}
