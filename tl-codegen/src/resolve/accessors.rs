//! Accessors: the methods of an enum of two or more constructors that read a field they share
//! (`enums::Message::id()`), decided once here so that emit only renders them.
//!
//! The rule, readable from the schema: a field becomes a method of its type's enum when at
//! least two of the type's constructors have a field of that name, and all of those that have
//! it give it the same type (`peer_id:Peer` and `peer_id:flags.0?Peer` are the same type;
//! `id:int` and `id:long` are not). When every constructor has it and never as an optional
//! field, the method returns its value (numbers and `bool` by value, the rest lent: `&str`,
//! `&[u8]`, `&[T]`, `&T`); otherwise, only with `Config::option_accessors`, an `Option` of it,
//! `None` for the constructors without it and for an unset field (opt-in: layer 230 has 379 of
//! them, several percent of its build time). A field of one constructor only gets none:
//! matching its variant says the same.

use std::collections::HashMap;

use crate::model::{Accessor, Held, Lend, Model, Presence, Ty};
use crate::naming;

/// The accessors of every enum, in [`crate::model::Enum::accessors`].
pub(super) fn decide_accessors(model: &mut Model, option_accessors: bool) {
    for e in 0..model.enums.len() {
        let mut accessors = accessors_of(model, e);
        accessors.retain(|a| option_accessors || !a.returns_option);
        model.enums[e].accessors = accessors;
    }
}

/// A field name of an enum's constructors, and whether all of them agree on its type.
struct Candidate {
    field: String,
    ty: Ty,
    held: Vec<Held>,
    agreed: bool,
}

fn accessors_of(model: &Model, e: usize) -> Vec<Accessor> {
    let en = &model.enums[e];
    // `Object` and `Function` hold unrelated definitions; a single constructor converts into
    // its struct, whose fields are public.
    if en.any.is_some() || en.variants.len() < 2 {
        return Vec::new();
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (v, variant) in en.variants.iter().enumerate() {
        for field in &model.structs[variant.ctor].fields {
            let c = *by_name.entry(&field.name).or_insert_with(|| {
                candidates.push(Candidate {
                    field: field.name.clone(),
                    ty: field.ty.clone(),
                    held: vec![Held::Not; en.variants.len()],
                    agreed: true,
                });
                candidates.len() - 1
            });
            let candidate = &mut candidates[c];
            candidate.agreed &= candidate.ty == field.ty;
            candidate.held[v] = match field.presence {
                Presence::Optional { .. } | Presence::Nullable => Held::IfSet,
                Presence::Required | Presence::Flag { .. } => Held::Always,
            };
        }
    }
    let variant_names: Vec<&str> = en.variants.iter().map(|v| v.name.as_str()).collect();
    let field_names: Vec<&str> = candidates.iter().map(|c| c.field.as_str()).collect();
    candidates
        .iter()
        .filter(|c| c.agreed && c.held.iter().filter(|h| **h != Held::Not).count() >= 2)
        .map(|c| Accessor {
            name: naming::accessor_name(&c.field, &field_names, &variant_names),
            field: c.field.clone(),
            held: c.held.clone(),
            lend: Lend::of(&c.ty),
            returns_option: c.held.iter().any(|h| *h != Held::Always),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::{Held, Lend, Ty};
    use crate::resolve::Settings;
    use crate::testing::{PRELUDE, model_with_settings};

    #[test]
    fn shared_fields_of_one_type_become_methods() {
        let schema = format!(
            "{PRELUDE}\
             msgEmpty#00000001 flags:# id:int peer:flags.0?Peer = Msg;\n\
             msg#00000002 flags:# out:flags.1?true id:int text:string reply:flags.0?int \
             peer:Peer = Msg;\n\
             msgService#00000003 flags:# out:flags.1?true id:int reply:flags.0?int \
             text:long peer:Peer = Msg;\n\
             peerUser#00000004 id:long = Peer;\npeerChat#00000005 id:int = Peer;\n\
             peerNone#00000006 = Peer;\n\
             one#00000007 x:int y:int = One;\n"
        );
        let settings = |option_accessors| Settings {
            max_inline_variant: crate::resolve::DEFAULT_MAX_INLINE_VARIANT,
            option_accessors,
            ..Settings::default()
        };
        let by_default = model_with_settings(&schema, &settings(false));
        let names: Vec<&str> = by_default.enums[0]
            .accessors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["id"],
            "by default, only the methods without `Option`"
        );
        let model = model_with_settings(&schema, &settings(true));
        let accessors = |e: usize| -> Vec<(&str, Vec<Held>, bool, Lend)> {
            let accessors = model.enums[e].accessors.iter();
            accessors
                .map(|a| {
                    (
                        a.name.as_str(),
                        a.held.clone(),
                        a.returns_option,
                        a.lend.clone(),
                    )
                })
                .collect()
        };
        use Held::{Always, IfSet, Not};
        assert_eq!(
            accessors(0),
            [
                // Every constructor has `id:int`: `id() -> i32`.
                ("id", vec![Always; 3], false, Lend::Copy(Ty::Int)),
                // Optional in one: `Option<&enums::Peer>`.
                (
                    "peer",
                    vec![IfSet, Always, Always],
                    true,
                    Lend::Ref(Ty::Boxed(1))
                ),
                // `true` flags are `bool`s, here in two of three: `Option<bool>`.
                ("out", vec![Not, Always, Always], true, Lend::Copy(Ty::Bool)),
                ("reply", vec![Not, IfSet, IfSet], true, Lend::Copy(Ty::Int)),
            ],
            "`text` is a string in one and a long in the other: no method"
        );
        // `id` is a long in one and an int in the other; `peerNone` has no fields.
        assert!(accessors(1).is_empty());
        // One constructor: none.
        assert!(accessors(2).is_empty());
    }
}
