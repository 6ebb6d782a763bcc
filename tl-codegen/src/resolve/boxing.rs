//! Boxing: which variants of each enum hold their constructor in a `Box`. The rule, which the
//! generated docs of each boxed variant restate:
//! 1. a variant that `Config::boxed` or `Config::unboxed` names is as chosen, unless unboxing
//!    would make its enum infinitely large;
//! 2. a variant whose constructor holds its own enum by value (directly or through other
//!    types) is boxed, as Rust requires;
//! 3. a variant estimated larger than `max_inline` bytes is boxed, so that every enum stays
//!    small and moves cheaply. The estimate follows the sizes of docs/generated-code.md.

use std::collections::HashSet;

use crate::model::{Boxing, Model, Presence, Storage, Ty};

/// The largest estimated size of a constructor kept inline in its enum, unless
/// `Config::max_inline_variant` says otherwise.
pub(crate) const DEFAULT_MAX_INLINE_VARIANT: usize = 128;

/// Estimated sizes in bytes, for deciding which variants to box.
const POINTER: usize = 8;
const HEAP_VEC: usize = 24;
/// `Bytes` and `BytesString`: four words (pointer, length, owner and vtable).
const SHARED_BYTES: usize = 32;

/// Applies the rule above to every variant whose boxing is still [`Boxing::Inline`] or
/// chosen. Returns the variants (enum, variant) that were chosen unboxed but must be boxed.
pub(super) fn decide_boxing(model: &mut Model, max_inline: usize) -> Vec<(usize, usize)> {
    let mut refused = Vec::new();
    for e in 0..model.enums.len() {
        for v in 0..model.enums[e].variants.len() {
            let variant = &model.enums[e].variants[v];
            if variant.boxing.is_boxed() {
                continue;
            }
            if reaches_enum_by_value(model, variant.ctor, e) {
                if variant.boxing == (Boxing::Chosen { boxed: false }) {
                    refused.push((e, v));
                }
                model.enums[e].variants[v].boxing = Boxing::Recursive;
            }
        }
    }
    let mut sizes = Sizes {
        enums: vec![None; model.enums.len()],
        structs: vec![None; model.structs.len()],
    };
    for e in 0..model.enums.len() {
        sizes.enum_size(model, e, max_inline);
    }
    refused
}

/// Whether struct `start` contains enum `target` by value (not behind a `Vec` or `Box`).
fn reaches_enum_by_value(model: &Model, start: usize, target: usize) -> bool {
    let mut seen_structs = HashSet::new();
    let mut seen_enums = HashSet::new();
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if !seen_structs.insert(s) {
            continue;
        }
        for field in &model.structs[s].fields {
            let ty = match field.presence {
                Presence::Flag { .. } => continue,
                _ => &field.ty,
            };
            match ty {
                Ty::Boxed(e) => {
                    if *e == target {
                        return true;
                    }
                    if seen_enums.insert(*e) {
                        stack.extend(
                            model.enums[*e]
                                .variants
                                .iter()
                                .filter(|v| !v.boxing.is_boxed())
                                .map(|v| v.ctor),
                        );
                    }
                }
                Ty::Bare(c) => stack.push(*c),
                _ => {}
            }
        }
    }
    false
}

struct Sizes {
    enums: Vec<Option<usize>>,
    structs: Vec<Option<usize>>,
}

impl Sizes {
    fn enum_size(&mut self, model: &mut Model, e: usize, max_inline: usize) -> usize {
        if let Some(size) = self.enums[e] {
            return size;
        }
        // Guard against cycles that boxing has not broken (bare self-references).
        self.enums[e] = Some(POINTER);
        let mut largest = 0;
        for v in 0..model.enums[e].variants.len() {
            let variant = &model.enums[e].variants[v];
            let payload = if variant.unit {
                0
            } else if variant.boxing.is_boxed() {
                POINTER
            } else {
                let (ctor, chosen) = (variant.ctor, variant.boxing != Boxing::Inline);
                let size = self.struct_size(model, ctor, max_inline);
                if size > max_inline && !chosen {
                    model.enums[e].variants[v].boxing = Boxing::Large(size);
                    POINTER
                } else {
                    size
                }
            };
            largest = largest.max(payload);
        }
        let size = largest + POINTER;
        self.enums[e] = Some(size);
        size
    }

    fn struct_size(&mut self, model: &mut Model, s: usize, max_inline: usize) -> usize {
        if let Some(size) = self.structs[s] {
            return size;
        }
        self.structs[s] = Some(POINTER);
        let mut total = 0;
        for f in 0..model.structs[s].fields.len() {
            // Only the type is needed, and `ty_size` may update `model`: copy it out.
            let (presence, ty) = {
                let field = &model.structs[s].fields[f];
                (field.presence, field.ty.clone())
            };
            total += match presence {
                Presence::Flag { .. } => 1,
                Presence::Required => self.ty_size(model, &ty, max_inline),
                Presence::Optional { .. } | Presence::Nullable => match &ty {
                    Ty::Int | Ty::Nat | Ty::Long | Ty::Double => {
                        2 * self.ty_size(model, &ty, max_inline)
                    }
                    Ty::FixedBytes(_) | Ty::Bool => self.ty_size(model, &ty, max_inline) + 1,
                    other => self.ty_size(model, other, max_inline),
                },
            };
        }
        self.structs[s] = Some(total);
        total
    }

    fn ty_size(&mut self, model: &mut Model, ty: &Ty, max_inline: usize) -> usize {
        match ty {
            Ty::Int | Ty::Nat => 4,
            Ty::Long | Ty::Double => 8,
            Ty::Bool => 1,
            Ty::FixedBytes(len) => *len,
            Ty::String(Storage::Owned) | Ty::Bytes(Storage::Owned) | Ty::Vector { .. } => HEAP_VEC,
            Ty::String(Storage::Shared) | Ty::Bytes(Storage::Shared) => SHARED_BYTES,
            Ty::Boxed(e) => self.enum_size(model, *e, max_inline),
            Ty::Bare(c) => self.struct_size(model, *c, max_inline),
            Ty::Generic(_) => POINTER,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Model;
    use crate::testing::{PRELUDE, model_with};

    /// Whether each variant of the enum of boxed type `type_name` is boxed, by TL name.
    fn boxed_variants(model: &Model, type_name: &str) -> Vec<(String, bool)> {
        let e = model.enums.iter().find(|e| e.tl_name == type_name).unwrap();
        e.variants
            .iter()
            .map(|v| (model.structs[v.ctor].tl_name.clone(), v.boxing.is_boxed()))
            .collect()
    }

    #[test]
    fn a_variant_that_contains_its_own_enum_is_boxed() {
        let model = model_with(
            &format!(
                "{PRELUDE}shapeNone = Shape;\nshapeLabelled label:string inner:Shape = Shape;\n\
                 shapeGroup shapes:Vector<Shape> = Shape;\n\
                 wrap s:Shape = Wrap;\nshapeWrapped w:Wrap = Shape;\n"
            ),
            usize::MAX,
        );
        assert_eq!(
            boxed_variants(&model, "Shape"),
            [
                ("shapeNone".to_owned(), false),
                ("shapeLabelled".to_owned(), true),
                // Behind a `Vec` already.
                ("shapeGroup".to_owned(), false),
                // Through another enum.
                ("shapeWrapped".to_owned(), true),
            ]
        );
        // `wrap` holds a `Shape` of fixed size, and `Wrap` is not recursive by itself.
        assert_eq!(boxed_variants(&model, "Wrap"), [("wrap".to_owned(), false)]);
    }

    #[test]
    fn variants_estimated_larger_than_the_threshold_are_boxed() {
        let schema =
            format!("{PRELUDE}small a:long = Value;\nlarge a:int128 b:int128 c:int128 = Value;\n");
        // `large` is 48 bytes; `small` 8.
        let model = model_with(&schema, 32);
        assert_eq!(
            boxed_variants(&model, "Value"),
            [("small".to_owned(), false), ("large".to_owned(), true)]
        );
        let model = model_with(&schema, 48);
        assert_eq!(
            boxed_variants(&model, "Value"),
            [("small".to_owned(), false), ("large".to_owned(), false)]
        );
    }

    #[test]
    fn every_variant_of_object_is_boxed() {
        let model = model_with(
            &format!("{PRELUDE}unit = Unit;\nholder o:Object = Holder;\n"),
            usize::MAX,
        );
        assert_eq!(
            boxed_variants(&model, "Object"),
            [("unit".to_owned(), true), ("holder".to_owned(), true)]
        );
    }
}
