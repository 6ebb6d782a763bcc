//! Rust names for TL names, in one place.
//!
//! * Types (constructors, boxed types, functions) are UpperCamelCase through heck:
//!   `auth.sentCode` becomes `types::auth::SentCode`, `p_q_inner_data` becomes `PQInnerData`.
//! * Namespaces become snake_case modules; fields keep the schema's snake_case names.
//! * Rust keywords become raw identifiers (`type` -> `r#type`); those that cannot be raw
//!   (`self`, `Self`, `super`, `crate`) and type names that would shadow the prelude
//!   (`Option`, `Ok`, `String`, ...) get a trailing `_`.
//! * Collisions: when several TL names give the same Rust name in one module, each of them
//!   gets its constructor id as a suffix (`Foo` -> `FooX1a2b3c4d`), whatever the schema order,
//!   so that the output does not depend on which definition comes first. Boxed types, which
//!   have no id, get their full TL name instead (`Foo` -> `FooNsFoo`). Two fields of one
//!   constructor with the same Rust name: the later ones get `_2`, `_3`, ...
//! * Enum variants drop the enum's name as a prefix when what remains is a valid, distinct
//!   name: `inputPeerUser` of `InputPeer` is `InputPeer::User`. Variants that would still
//!   clash take the struct name, then the full TL name (`raw.accountState` and
//!   `wallet.v3.accountState` of `AccountState`: `RawAccountState`, `WalletV3AccountState`),
//!   then the id as a suffix. Variants of `Object` and `Function` (any constructor, any
//!   function) always take the full TL name: `Object::TonNodeBlockIdExt`.
//! * Methods of enums: `constructor_id()`, `tl_name()`, and an accessor per shared field,
//!   named as the field unless that is another method of the enum (its own, or one of the
//!   traits it implements that is called on values: `to_bytes`, `clone`, `into`, ...): then
//!   with `_field` (`tl_name_field()`).
//! * Setters of optional fields take the field's name (`.silent(true)`), unless that is the
//!   name of a method the setter would shadow ([`SHADOWED_METHODS`]): then `with_` and the
//!   name (`.with_min(true)`), with `_` appended while another setter has it.

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use tl_parser::Category;

use crate::model::{Field, FlagWord, Model, Presence};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names the generated code uses unqualified, which a generated type must not shadow.
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "From",
    "TryFrom",
    "Into",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "Iterator",
    "PartialEq",
    "Eq",
    "Debug",
    "Self",
];

fn escape(name: String) -> String {
    if name.is_empty() {
        // heck drops underscores: `_` (an identifier to the parser) converts to nothing.
        "unnamed".to_owned()
    } else if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

/// A namespace as a module name.
pub fn module_name(namespace: &str) -> String {
    escape(namespace.to_snake_case())
}

/// A TL name (without namespace) as a Rust type name.
pub fn type_name(tl_name: &str) -> String {
    let name = tl_name.to_upper_camel_case();
    if name.is_empty() {
        "Unnamed".to_owned()
    } else if PRELUDE.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        escape(name)
    }
}

/// A TL parameter name as a Rust field (or local variable) name.
pub fn field_name(tl_name: &str) -> String {
    escape(tl_name.to_snake_case())
}

/// Gives distinct fields distinct names (`_2`, `_3`, ... on repeats, skipping names that other
/// fields have; `self_` and `Self` as `self_` then `self_2`).
pub fn dedupe_fields(fields: &mut [Field]) {
    let mut taken: HashSet<String> = fields.iter().map(|f| f.name.clone()).collect();
    let mut seen = HashSet::new();
    for field in fields {
        if seen.insert(field.name.clone()) {
            continue;
        }
        let separator = if field.name.ends_with('_') { "" } else { "_" };
        let mut n = 2;
        let name = loop {
            let name = format!("{}{separator}{n}", field.name);
            if !taken.contains(&name) {
                break name;
            }
            n += 1;
        };
        taken.insert(name.clone());
        seen.insert(name.clone());
        field.name = name;
    }
}

/// Locals of the generated decoders that a field's local must not take (`reader`, and `slot`,
/// the allocation of a boxed constructor), and the placeholders that
/// `clippy::disallowed_names` rejects by default.
pub const DECODER_LOCALS: &[&str] = &["reader", "slot", "foo", "baz", "quux"];

/// Locals of the generated encoders (`buf`, the run of fixed-width members `fixed`, an
/// optional field's `value` and its `zero`).
const ENCODER_LOCALS: &[&str] = &["buf", "id", "fixed", "value", "zero"];

/// The local name of a field in decoders: its name, or with `_` if a decoder local has it.
pub fn field_local(field: &Field) -> String {
    if DECODER_LOCALS.contains(&field.name.as_str()) {
        format!("{}_", field.name)
    } else {
        field.name.clone()
    }
}

/// Gives flag words (locals of both encoders and decoders) names that no codec local, field
/// local or other flag word has (`flags:#` and `Flags:#` are `flags` and `flags_`), and the
/// encoder's locals for their positions (`flags_at`) names as clear.
pub fn name_flag_words(words: &mut [FlagWord], fields: &[Field]) {
    let mut taken: HashSet<String> = fields.iter().map(field_local).collect();
    taken.extend(
        DECODER_LOCALS
            .iter()
            .chain(ENCODER_LOCALS)
            .map(|n| (*n).to_owned()),
    );
    for word in words.iter_mut() {
        while taken.contains(&word.name) {
            word.name.push('_');
        }
        taken.insert(word.name.clone());
    }
    for word in words {
        // `buf_` + `_at` would be `buf__at`, which is not snake case.
        word.position_name = format!("{}_at", word.name.trim_end_matches('_'));
        while taken.contains(&word.position_name) {
            word.position_name.push('_');
        }
        taken.insert(word.position_name.clone());
    }
}

/// Methods of every generated enum, inherent or of the traits generated code implements for
/// it, which an accessor named after a field must not shadow: `value.clone()` or
/// `Enum::from(x)` would find the accessor instead.
pub const ENUM_METHODS: &[&str] = &[
    "constructor_id",
    "tl_name",
    "serialize",
    "to_bytes",
    "serialize_to",
    "write_to",
    "deserialize",
    "from_bytes",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "from",
    "into",
    "try_from",
    "try_into",
];

/// The method reading field `field` of an enum's constructors: the field's name, or with
/// `_field` (then `_`s) when that is one of [`ENUM_METHODS`], a variant's name or, suffixed,
/// another field's name among `fields`.
pub fn accessor_name(field: &str, fields: &[&str], variants: &[&str]) -> String {
    let is_method = |name: &str| ENUM_METHODS.contains(&name) || variants.contains(&name);
    if !is_method(field) {
        return field.to_owned();
    }
    let mut name = format!("{field}_field");
    while is_method(&name) || fields.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Methods that a setter named like its field would shadow, since inherent methods come
/// first (`value.clone()`, `Type::from(x)`, `Type::default()` would call the setter):
/// `new`; the helpers generated on TL values; the methods of the runtime's traits and of
/// serde's; those of the std traits that users derive or call through the prelude; and the
/// operator methods that clippy's `should_implement_trait` expects to be trait impls.
#[rustfmt::skip]
pub const SHADOWED_METHODS: &[&str] = &[
    "new", "constructor_id", "tl_name",
    "serialize", "to_bytes", "serialize_to", "write_to", "deserialize", "from_bytes",
    "serialize_fields", "serialize_bare", "deserialize_bare", "deserialize_bare_boxed",
    "clone", "clone_from", "eq", "ne", "fmt", "hash", "cmp", "partial_cmp", "lt", "le", "gt",
    "ge", "max", "min", "clamp", "into", "try_into", "from", "try_from", "to_owned",
    "clone_into", "to_string", "borrow", "borrow_mut", "type_id", "default",
    "add", "as_mut", "as_ref", "bitand", "bitor", "bitxor", "deref", "deref_mut", "div", "drop",
    "from_iter", "from_str", "index", "index_mut", "into_iter", "mul", "neg", "next", "not",
    "rem", "shl", "shr", "sub",
];

/// The setter names of `fields` (`None` for a required field): its name, or for one in
/// [`SHADOWED_METHODS`] `with_` and its name, made distinct from the other setters with `_`.
/// Fields named freely are named first, so that their setters never depend on the others.
pub fn setter_names(fields: &[Field]) -> Vec<Option<String>> {
    let optional = |f: &Field| !matches!(f.presence, Presence::Required);
    let shadows = |f: &Field| SHADOWED_METHODS.contains(&f.name.as_str());
    let mut taken: HashSet<String> = fields
        .iter()
        .filter(|f| optional(f) && !shadows(f))
        .map(|f| f.name.clone())
        .collect();
    fields
        .iter()
        .map(|f| {
            if !optional(f) {
                None
            } else if !shadows(f) {
                Some(f.name.clone())
            } else {
                let mut name = format!("with_{}", f.name);
                while !taken.insert(name.clone()) {
                    name.push('_');
                }
                Some(name)
            }
        })
        .collect()
}

/// Applies the collision rules to struct, enum and variant names.
pub fn disambiguate(model: &mut Model) {
    disambiguate_structs(model);
    disambiguate_enums(model);
    for e in 0..model.enums.len() {
        if model.enums[e].any.is_some() {
            name_any_variants(model, e);
        } else {
            name_variants(model, e);
        }
    }
}

/// Structs of one Rust name in one module take their ids as suffixes.
fn disambiguate_structs(model: &mut Model) {
    let mut groups: HashMap<(Category, Vec<String>, String), Vec<usize>> = HashMap::new();
    for (i, s) in model.structs.iter().enumerate() {
        groups
            .entry((s.category, s.module.clone(), s.name.clone()))
            .or_default()
            .push(i);
    }
    for members in groups.into_values().filter(|m| m.len() > 1) {
        for i in members {
            let s = &mut model.structs[i];
            s.name = format!("{}X{:08x}", s.name, s.id);
        }
    }
}

/// Enums of one Rust name in one module take their full TL names as suffixes, then numbers.
fn disambiguate_enums(model: &mut Model) {
    let mut enum_groups: HashMap<(Vec<String>, String), Vec<usize>> = HashMap::new();
    for (i, e) in model.enums.iter().enumerate() {
        enum_groups
            .entry((e.module.clone(), e.name.clone()))
            .or_default()
            .push(i);
    }
    let mut qualified = vec![false; model.enums.len()];
    for members in enum_groups.into_values().filter(|m| m.len() > 1) {
        for i in members {
            // Boxed types have no id: their full TL name (with namespace) tells them apart.
            let e = &mut model.enums[i];
            e.name = format!("{}{}", e.name, qualified_name(&e.tl_name));
            qualified[i] = true;
        }
    }
    // Unless they differ only in underscores or case (`_` and `__`), or the qualified name is
    // another type's: then the qualified ones (in schema order) are numbered.
    let mut taken: HashSet<(Vec<String>, String)> = model
        .enums
        .iter()
        .map(|e| (e.module.clone(), e.name.clone()))
        .collect();
    let mut kept: HashSet<(Vec<String>, String)> = model
        .enums
        .iter()
        .zip(&qualified)
        .filter(|(_, q)| !**q)
        .map(|(e, _)| (e.module.clone(), e.name.clone()))
        .collect();
    for (e, _) in model.enums.iter_mut().zip(&qualified).filter(|(_, q)| **q) {
        if !kept.insert((e.module.clone(), e.name.clone())) {
            let mut n = 2;
            while taken.contains(&(e.module.clone(), format!("{}{n}", e.name))) {
                n += 1;
            }
            e.name = format!("{}{n}", e.name);
            taken.insert((e.module.clone(), e.name.clone()));
            kept.insert((e.module.clone(), e.name.clone()));
        }
    }
}

/// Names the variants of enum `e`: the struct name without the enum's as a prefix, else the
/// struct name, else the full TL name.
fn name_variants(model: &mut Model, e: usize) {
    let enum_name = model.enums[e].name.clone();
    let full: Vec<String> = model.enums[e]
        .variants
        .iter()
        .map(|v| model.structs[v.ctor].name.clone())
        .collect();
    let short: Vec<String> = full
        .iter()
        .map(|name| match name.strip_prefix(&enum_name) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) && rest != "Self" => {
                rest.to_owned()
            }
            _ => name.clone(),
        })
        .collect();
    // Constructors of one type in different namespaces can share a struct name
    // (`raw.accountState`, `wallet.v3.accountState`): then the namespace tells them apart.
    let qualified = qualified_variant_names(model, e);
    let chosen: Vec<String> = (0..full.len())
        .map(|v| {
            if is_unique(&short, v) {
                short[v].clone()
            } else if is_unique(&full, v) {
                full[v].clone()
            } else {
                qualified[v].clone()
            }
        })
        .collect();
    set_variant_names(model, e, chosen);
}

/// Whether no other entry of `names` equals `names[i]`.
fn is_unique(names: &[String], i: usize) -> bool {
    names.iter().filter(|n| **n == names[i]).count() == 1
}

/// `wallet.v3.accountState` -> `WalletV3AccountState`.
fn qualified_name(tl_name: &str) -> String {
    tl_name.replace('.', "_").to_upper_camel_case()
}

/// The full TL names of the constructors of enum `e`, as Rust names.
fn qualified_variant_names(model: &Model, e: usize) -> Vec<String> {
    model.enums[e]
        .variants
        .iter()
        .map(|v| qualified_name(&model.structs[v.ctor].tl_name))
        .collect()
}

/// Names the variants of enum `e`; any name that is still not unique (across the tiers above,
/// or `a.bC` against `aB.c`) gets the constructor's id as a suffix, as structs do.
fn set_variant_names(model: &mut Model, e: usize, names: Vec<String>) {
    let Model { enums, structs, .. } = model;
    for (v, variant) in enums[e].variants.iter_mut().enumerate() {
        variant.name = if is_unique(&names, v) {
            names[v].clone()
        } else {
            format!("{}X{:08x}", names[v], structs[variant.ctor].id)
        };
    }
}

/// Variants of `Object` and `Function` hold constructors of every type and namespace, so they
/// are named by the full TL name: `tonNode.blockIdExt` -> `TonNodeBlockIdExt`.
fn name_any_variants(model: &mut Model, e: usize) {
    let names = qualified_variant_names(model, e);
    set_variant_names(model, e, names);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ty;
    use crate::testing::{PRELUDE, model};

    #[test]
    fn names_are_escaped_where_rust_reserves_them() {
        let cases = [
            (
                type_name("auth.sentCode".rsplit('.').next().unwrap()),
                "SentCode",
            ),
            (type_name("p_q_inner_data"), "PQInnerData"),
            (type_name("option"), "Option_"),
            (type_name("self"), "Self_"),
            (type_name("_"), "Unnamed"),
            (field_name("type"), "r#type"),
            (field_name("self"), "self_"),
            (field_name("2fa"), "_2fa"),
            (module_name("super"), "super_"),
        ];
        for (actual, expected) in cases {
            assert_eq!(actual, expected);
        }
    }

    fn field(name: &str) -> Field {
        Field {
            name: name.to_owned(),
            tl_name: name.to_owned(),
            tl_type: "int".to_owned(),
            ty: Ty::Int,
            presence: Presence::Required,
            attributes: Vec::new(),
            debug: crate::model::DebugAs::Plain,
        }
    }

    #[test]
    fn repeated_fields_are_numbered_past_names_taken() {
        let mut fields: Vec<Field> = ["a", "a", "a_2", "self_", "self_"]
            .into_iter()
            .map(field)
            .collect();
        dedupe_fields(&mut fields);
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a", "a_3", "a_2", "self_", "self_2"]);
    }

    #[test]
    fn setters_take_the_field_name_unless_it_shadows_a_method() {
        let optional = |name: &str| Field {
            presence: Presence::Optional { word: 0, bit: 0 },
            ..field(name)
        };
        let flag = |name: &str| Field {
            presence: Presence::Flag { word: 0, bit: 1 },
            ..field(name)
        };
        // `with_min` is a field of its own, so `min`'s setter takes `with_min_`.
        let fields = [
            field("id"),
            flag("min"),
            optional("r#type"),
            optional("with_min"),
            optional("new"),
            flag("silent"),
        ];
        let names = setter_names(&fields);
        let names: Vec<Option<&str>> = names.iter().map(Option::as_deref).collect();
        assert_eq!(
            names,
            [
                None,
                Some("with_min_"),
                Some("r#type"),
                Some("with_min"),
                Some("with_new"),
                Some("silent")
            ]
        );
    }

    #[test]
    fn flag_words_keep_clear_of_codec_locals_and_fields() {
        let fields = [field("flags_at"), field("reader")];
        let word = |name: &str| FlagWord {
            name: name.to_owned(),
            tl_name: name.to_owned(),
            defined_bits: 0,
            position_name: String::new(),
        };
        let mut words = [word("flags"), word("flags"), word("buf")];
        name_flag_words(&mut words, &fields);
        let names: Vec<(&str, &str)> = words
            .iter()
            .map(|w| (w.name.as_str(), w.position_name.as_str()))
            .collect();
        // `flags_at` is a field; `buf` an encoder local.
        assert_eq!(
            names,
            [
                ("flags", "flags_at_"),
                ("flags_", "flags_at__"),
                ("buf_", "buf_at")
            ]
        );
    }

    #[test]
    fn accessors_keep_clear_of_the_enums_other_methods() {
        let fields = ["id", "tl_name", "tl_name_field", "into", "Peer"];
        let variants = ["Peer", "Empty"];
        let names: Vec<String> = fields
            .iter()
            .map(|f| accessor_name(f, &fields, &variants))
            .collect();
        assert_eq!(
            names,
            [
                "id",
                "tl_name_field_",
                "tl_name_field",
                "into_field",
                "Peer_field"
            ]
        );
    }

    #[test]
    fn colliding_names_take_their_id_or_full_name() {
        let model = model(&format!(
            "{PRELUDE}fooBar#00000001 = Foo;\nfoo_bar#00000002 = Foo;\n\
             a.thing x:int = a.Thing;\nA.thing x:long = A.Thing;\n\
             inputPeerUser x:int = InputPeer;\ninputPeerSelf = InputPeer;\n\
             peerUser x:int = Peer;\na.peerUser x:long = Peer;\n"
        ));
        let struct_names: Vec<&str> = model.structs.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            struct_names[..2],
            ["FooBarX00000001", "FooBarX00000002"],
            "two constructors that are one Rust name take their ids"
        );
        let enum_names: Vec<(&str, &[String])> = model
            .enums
            .iter()
            .map(|e| (e.name.as_str(), e.module.as_slice()))
            .collect();
        assert_eq!(
            enum_names[1..3],
            [
                ("ThingAThing", ["a".to_owned()].as_slice()),
                ("ThingAThing2", ["a".to_owned()].as_slice()),
            ],
            "boxed types take their full TL name, numbered if that is still one name"
        );
        let variants = |e: usize| -> Vec<&str> {
            let variants = model.enums[e].variants.iter();
            variants.map(|v| v.name.as_str()).collect()
        };
        // The enum's name is dropped as a prefix, unless `Self` would remain.
        assert_eq!(variants(3), ["User", "InputPeerSelf"]);
        // Short names that clash, and struct names that clash: the full TL names.
        assert_eq!(variants(4), ["PeerUser", "APeerUser"]);
    }
}
