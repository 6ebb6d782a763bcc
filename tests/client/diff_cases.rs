//! A user of the bindings of `tests/schema/diff-old.tl`, one function per changed or removed
//! definition of the schema diff's test pair, and per type gaining or losing constructors,
//! behind a feature named after it (`tests/tests/schema_diff.rs`). Each uses the generated API as documented: `new`, setters,
//! fields, accessors, exhaustive matches. All compile against the old bindings; against the
//! new ones, those of wire and compatible changes still compile, and each breaking one fails.

use crate::layer::{enums, functions, types};

// Wire.

#[cfg(feature = "bitMoved")]
pub fn bit_moved() -> Option<i32> {
    types::BitMoved::new().x(1).x
}

#[cfg(feature = "wordMoved")]
pub fn word_moved() -> Option<i32> {
    let value = types::WordMoved::new().x(1).y(2);
    value.x.or(value.y)
}

#[cfg(feature = "optionalReordered")]
pub fn optional_reordered() -> types::OptionalReordered {
    types::OptionalReordered::new().a(1).b("b")
}

// Compatible.

#[cfg(feature = "optionalAdded")]
pub fn optional_added() -> i32 {
    types::OptionalAdded::new(1).x
}

#[cfg(feature = "flagAdded")]
pub fn flag_added() -> Option<i32> {
    types::FlagAdded::new().x(1).x
}

#[cfg(feature = "pairB")]
pub fn pair_b(pair: &enums::Pair) -> i32 {
    match pair {
        enums::Pair::A(a) => a.x,
        enums::Pair::B(b) => b.y,
    }
}

#[cfg(feature = "inner")]
pub fn inner() -> enums::Inner {
    types::Inner::new([1; 32], [2; 32], [3; 32]).into()
}

// Breaking.

#[cfg(feature = "requiredAdded")]
pub fn required_added() -> types::RequiredAdded {
    types::RequiredAdded::new(1)
}

#[cfg(feature = "fieldRemoved")]
pub fn field_removed() -> i32 {
    types::FieldRemoved::new(1, 2).y
}

#[cfg(feature = "typeChanged")]
pub fn type_changed() -> i32 {
    types::TypeChanged::new(1).x
}

#[cfg(feature = "madeOptional")]
pub fn made_optional() -> i32 {
    types::MadeOptional::new(1).x
}

#[cfg(feature = "requiredReordered")]
pub fn required_reordered() -> types::RequiredReordered {
    types::RequiredReordered::new(1, "y")
}

#[cfg(feature = "unitGainsField")]
pub fn unit_gains_field(value: &enums::UnitGainsField) -> bool {
    matches!(value, enums::UnitGainsField::UnitGainsField)
}

#[cfg(feature = "holder")]
pub fn holder(value: enums::Holder) -> enums::Inner {
    let enums::Holder::Holder(types::Holder { inner }) = value;
    inner
}

#[cfg(feature = "Gainer")]
pub fn gainer(value: &enums::Gainer) -> u8 {
    match value {
        enums::Gainer::Gainer => 1,
    }
}

#[cfg(feature = "loserGone")]
pub fn loser_gone() -> types::LoserGone {
    types::LoserGone::new()
}

#[cfg(feature = "Loser")]
pub fn loser(value: &enums::Loser) -> u8 {
    match value {
        enums::Loser::Loser => 1,
        enums::Loser::Gone => 2,
    }
}

#[cfg(feature = "gone")]
pub fn gone() -> types::Gone {
    types::Gone::new(1)
}

#[cfg(feature = "oldName")]
pub fn old_name() -> types::OldName {
    types::OldName::new(1)
}

#[cfg(feature = "resultChanged")]
pub fn result_changed(answer: <functions::ResultChanged as tl_types::RemoteCall>::Return) -> bool {
    answer
}

#[cfg(feature = "genericsChanged")]
pub fn generics_changed() -> functions::GenericsChanged<functions::ResultChanged> {
    functions::GenericsChanged::new(functions::ResultChanged::new(1))
}

#[cfg(feature = "functionRemoved")]
pub fn function_removed() -> functions::FunctionRemoved {
    functions::FunctionRemoved::new(1)
}
