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
//!   name: `inputPeerUser` of `InputPeer` is `InputPeer::User`.

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use tl_parser::Category;

use crate::model::{Field, Model};

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
    if NOT_RAW.contains(&name.as_str()) {
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
    if PRELUDE.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        escape(name)
    }
}

/// A TL parameter name as a Rust field (or local variable) name.
pub fn field_name(tl_name: &str) -> String {
    escape(tl_name.to_snake_case())
}

/// Gives distinct fields distinct names (`_2`, `_3`, ... on repeats).
pub fn dedupe_fields(fields: &mut [Field]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for field in fields {
        let n = counts.entry(field.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            field.name = format!("{}_{n}", field.name);
        }
    }
}

/// Applies the collision rules to struct, enum and variant names.
pub fn disambiguate(model: &mut Model) {
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

    let mut enum_groups: HashMap<(Vec<String>, String), Vec<usize>> = HashMap::new();
    for (i, e) in model.enums.iter().enumerate() {
        enum_groups
            .entry((e.module.clone(), e.name.clone()))
            .or_default()
            .push(i);
    }
    for members in enum_groups.into_values().filter(|m| m.len() > 1) {
        for i in members {
            // Boxed types have no id: their full TL name (with namespace) tells them apart.
            let e = &mut model.enums[i];
            e.name = format!(
                "{}{}",
                e.name,
                e.tl_name.replace('.', "_").to_upper_camel_case()
            );
        }
    }

    for e in 0..model.enums.len() {
        let enum_name = model.enums[e].name.clone();
        let full: Vec<String> = model.enums[e]
            .variants
            .iter()
            .map(|v| model.structs[v.ctor].name.clone())
            .collect();
        let short: Vec<String> = full
            .iter()
            .map(|name| match name.strip_prefix(&enum_name) {
                Some(rest)
                    if rest.starts_with(|c: char| c.is_ascii_uppercase()) && rest != "Self" =>
                {
                    rest.to_owned()
                }
                _ => name.clone(),
            })
            .collect();
        for (v, variant) in model.enums[e].variants.iter_mut().enumerate() {
            let clash = short.iter().filter(|s| **s == short[v]).count() > 1;
            variant.name = if clash {
                full[v].clone()
            } else {
                short[v].clone()
            };
        }
    }
}
