//! What TL itself gives every schema, for the tools reading definitions: which definitions
//! declare primitives rather than objects, and the width of fixed-width integers.

use crate::ast::{Category, Definition, Multiplier, Param, ParamKind};

/// The boxed types of primitives: their constructors (`boolTrue = Bool`, `vector {t:Type} #
/// [ t ] = Vector t`) are encodings of numbers, strings, booleans and vectors, not objects.
/// `True` is not one: `true = True;` is an object, which functions return.
pub const PRIMITIVE_TYPES: &[&str] = &[
    "Bool", "Vector", "Int", "Long", "Double", "String", "Bytes", "Int128", "Int256", "Int32",
    "Int53", "Int64",
];

impl Definition<'_> {
    /// Whether it declares a primitive rather than an object: a built-in (`int ? = Int`) or a
    /// constructor of one of [`PRIMITIVE_TYPES`].
    pub fn is_primitive(&self) -> bool {
        self.builtin
            || (self.category == Category::Type
                && self.result.namespace.is_empty()
                && PRIMITIVE_TYPES.contains(&self.result.name))
    }
}

/// The width in bytes of anonymous `int`s (`int32`), `long`s (`int64`) and `N*[ ... ]` of them,
/// as fixed-width integers are declared (`int512 16*[ int ] = Int512`, `int128 long long`)
/// and as `key:64*[ int ]` is written; `None` for anything else. Saturates rather than
/// overflows: callers refuse absurd widths.
pub fn words_width(params: &[Param]) -> Option<usize> {
    let mut width: usize = 0;
    for param in params {
        let param_width = match &param.kind {
            ParamKind::Typed {
                condition: None,
                ty,
            } if param.name.is_none() && ty.namespace.is_empty() && ty.args.is_empty() => {
                match ty.name {
                    "int" | "int32" => 4,
                    "long" | "int64" => 8,
                    _ => return None,
                }
            }
            ParamKind::Repeated {
                multiplier: Some(Multiplier::Literal(count)),
                params,
            } => (*count as usize).saturating_mul(words_width(params)?),
            _ => return None,
        };
        width = width.saturating_add(param_width);
    }
    Some(width)
}
