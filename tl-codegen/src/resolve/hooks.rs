//! User hooks, in the style of prost-build: attributes added to chosen items
//! (`Config::type_attribute`, `field_attribute`, `enum_attribute`), boxing chosen per
//! variant (`Config::boxed`, `unboxed`) and the fields held in `Bytes` (`Config::bytes`). Paths are TL names; a path that selects nothing is an
//! error, with the closest name, so that a typo does not silently do nothing.

use std::fmt;

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::suggest::closest;
use crate::model::{Boxing, Model, Storage, Ty};

/// What the user asked for, as given to `Config`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hooks {
    /// `(path, attribute)`: constructor, function or type.
    pub type_attributes: Vec<(String, String)>,
    /// `(path, attribute)`: `constructor.field` or `function.field`.
    pub field_attributes: Vec<(String, String)>,
    /// `(path, attribute)`: type.
    pub enum_attributes: Vec<(String, String)>,
    /// Constructors whose variant is boxed.
    pub boxed: Vec<String>,
    /// Constructors whose variant is held by value.
    pub unboxed: Vec<String>,
    /// Fields, definitions or types whose `string` and `bytes` fields are held in `Bytes`.
    pub bytes: Vec<String>,
}

/// A hook that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookError {
    /// The `Config` method, e.g. `unboxed`.
    pub option: &'static str,
    /// The path it was given.
    pub path: String,
    /// What is wrong.
    pub problem: HookProblem,
}

/// What is wrong with a hook. More kinds may come.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HookProblem {
    /// No definition of the schemas has this name (nor, for `prefix.`, this namespace).
    NoMatch {
        /// What the option applies to: "constructor", "type", "field", ...
        kind: &'static str,
        /// The closest name, if one is close.
        suggestion: Option<String>,
    },
    /// The attribute text is not one or more outer attributes (`#[...]`).
    BadAttribute {
        /// The text given.
        text: String,
        /// Why it does not parse.
        reason: String,
    },
    /// `unboxed` names a constructor that holds its own type by value: unboxed, its enum would
    /// be infinitely large.
    Recursive,
    /// Both `boxed` and `unboxed` name this constructor.
    BoxedAndUnboxed,
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (option, path) = (self.option, &self.path);
        write!(f, "error: Config::{option}(\"{path}\"): ")?;
        match &self.problem {
            HookProblem::NoMatch { kind, suggestion } => {
                write!(f, "no {kind} of the schemas is selected by `{path}`")?;
                match suggestion {
                    Some(name) => write!(f, "; did you mean `{name}`?"),
                    None => Ok(()),
                }
            }
            HookProblem::BadAttribute { text, reason } => write!(
                f,
                "`{text}` is not an attribute ({reason}); write it whole, as `#[derive(Hash)]`"
            ),
            HookProblem::Recursive => write!(
                f,
                "`{path}` holds its own type by value, so its enum must box it (Rust cannot size \
                 it otherwise)"
            ),
            HookProblem::BoxedAndUnboxed => {
                write!(f, "`{path}` is also given to Config::boxed; choose one")
            }
        }
    }
}

impl std::error::Error for HookError {}

/// Whether `path` selects the TL name `name`: `.` selects every name, a path ending in `.`
/// every name in that namespace (`messages.`), and any other path the name itself.
fn selects(path: &str, name: &str) -> bool {
    path == "." || path == name || (path.ends_with('.') && name.starts_with(path))
}

/// Marks the variants that `boxed` and `unboxed` name as [`Boxing::Chosen`], before the
/// boxing rule runs. The universal `Object` and `Function` keep every variant boxed.
pub(super) fn choose_boxing(model: &mut Model, hooks: &Hooks) -> Result<(), HookError> {
    for (option, paths, boxed) in [
        ("boxed", &hooks.boxed, true),
        ("unboxed", &hooks.unboxed, false),
    ] {
        for path in paths {
            let mut selected = false;
            for e in model.enums.iter_mut().filter(|e| e.any.is_none()) {
                for variant in &mut e.variants {
                    if !selects(path, &model.structs[variant.ctor].tl_name) {
                        continue;
                    }
                    selected = true;
                    if !boxed && variant.boxing == (Boxing::Chosen { boxed: true }) {
                        return Err(HookError {
                            option,
                            path: path.clone(),
                            problem: HookProblem::BoxedAndUnboxed,
                        });
                    }
                    variant.boxing = Boxing::Chosen { boxed };
                }
            }
            if !selected {
                let constructors = model.enums.iter().filter(|e| e.any.is_none());
                let names = constructors
                    .flat_map(|e| &e.variants)
                    .map(|v| model.structs[v.ctor].tl_name.as_str());
                return Err(no_match(option, path, "constructor", names));
            }
        }
    }
    Ok(())
}

/// Holds the `string` and `bytes` fields that `Config::bytes` selects in `Bytes`, through
/// vectors: `path` names a field (`constructor.field`), a constructor or function (all its
/// fields), a type (all its constructors' fields), a namespace or everything.
pub(super) fn share_bytes(model: &mut Model, hooks: &Hooks) -> Result<(), HookError> {
    for path in &hooks.bytes {
        let mut selected = false;
        for s in &mut model.structs {
            let type_name = s.variant_of.map(|(e, _)| model.enums[e].tl_name.as_str());
            let whole = selects(path, &s.tl_name) || type_name.is_some_and(|t| selects(path, t));
            for field in &mut s.fields {
                if !whole && !selects(path, &format!("{}.{}", s.tl_name, field.tl_name)) {
                    continue;
                }
                if let Ty::String(storage) | Ty::Bytes(storage) = field.ty.innermost_mut() {
                    *storage = Storage::Shared;
                    selected = true;
                }
            }
        }
        if !selected {
            // The names that would select something: fields, and the definitions having them.
            let mut names = Vec::new();
            for s in &model.structs {
                let holding = s
                    .fields
                    .iter()
                    .filter(|f| matches!(f.ty.innermost(), Ty::String(_) | Ty::Bytes(_)));
                let fields: Vec<String> = holding
                    .map(|f| format!("{}.{}", s.tl_name, f.tl_name))
                    .collect();
                if !fields.is_empty() {
                    names.push(s.tl_name.clone());
                }
                names.extend(fields);
            }
            let names = names.iter().map(String::as_str);
            return Err(no_match("bytes", path, "`string` or `bytes` field", names));
        }
    }
    Ok(())
}

/// After the boxing rule: an `unboxed` path that names a recursive constructor itself is an
/// error (one that selects a namespace or everything leaves such constructors boxed).
pub(super) fn check_refused(
    model: &Model,
    hooks: &Hooks,
    refused: &[(usize, usize)],
) -> Result<(), HookError> {
    for &(e, v) in refused {
        let name = &model.structs[model.enums[e].variants[v].ctor].tl_name;
        if let Some(path) = hooks.unboxed.iter().find(|path| *path == name) {
            return Err(HookError {
                option: "unboxed",
                path: path.clone(),
                problem: HookProblem::Recursive,
            });
        }
    }
    Ok(())
}

/// Adds the attributes of `type_attribute`, `enum_attribute` and `field_attribute` to the
/// items they select.
pub(super) fn attach_attributes(model: &mut Model, hooks: &Hooks) -> Result<(), HookError> {
    for (path, text) in &hooks.type_attributes {
        let attributes = parse_attributes("type_attribute", path, text)?;
        let mut selected = false;
        for s in model
            .structs
            .iter_mut()
            .filter(|s| selects(path, &s.tl_name))
        {
            s.attributes.extend(attributes.iter().cloned());
            selected = true;
        }
        for e in model.enums.iter_mut().filter(|e| selects(path, &e.tl_name)) {
            e.attributes.extend(attributes.iter().cloned());
            selected = true;
        }
        if !selected {
            let structs = model.structs.iter().map(|s| s.tl_name.as_str());
            let names = structs.chain(model.enums.iter().map(|e| e.tl_name.as_str()));
            return Err(no_match(
                "type_attribute",
                path,
                "definition or type",
                names,
            ));
        }
    }
    for (path, text) in &hooks.enum_attributes {
        let attributes = parse_attributes("enum_attribute", path, text)?;
        let mut selected = false;
        for e in model.enums.iter_mut().filter(|e| selects(path, &e.tl_name)) {
            e.attributes.extend(attributes.iter().cloned());
            selected = true;
        }
        if !selected {
            let names = model.enums.iter().map(|e| e.tl_name.as_str());
            return Err(no_match("enum_attribute", path, "type", names));
        }
    }
    for (path, text) in &hooks.field_attributes {
        let attributes = parse_attributes("field_attribute", path, text)?;
        let mut selected = false;
        for s in &mut model.structs {
            for field in &mut s.fields {
                if selects(path, &format!("{}.{}", s.tl_name, field.tl_name)) {
                    field.attributes.extend(attributes.iter().cloned());
                    selected = true;
                }
            }
        }
        if !selected {
            let names: Vec<String> = model
                .structs
                .iter()
                .flat_map(|s| {
                    s.fields
                        .iter()
                        .map(|f| format!("{}.{}", s.tl_name, f.tl_name))
                })
                .collect();
            let names = names.iter().map(String::as_str);
            return Err(no_match("field_attribute", path, "field", names));
        }
    }
    Ok(())
}

fn no_match<'a>(
    option: &'static str,
    path: &str,
    kind: &'static str,
    names: impl IntoIterator<Item = &'a str>,
) -> HookError {
    HookError {
        option,
        path: path.to_owned(),
        problem: HookProblem::NoMatch {
            kind,
            suggestion: closest(path, names),
        },
    }
}

/// The outer attributes in `text` (one or more `#[...]`), checked here so that a mistake is
/// reported against the hook rather than as unparsable generated code.
fn parse_attributes(
    option: &'static str,
    path: &str,
    text: &str,
) -> Result<Vec<TokenStream>, HookError> {
    let bad = |reason: String| HookError {
        option,
        path: path.to_owned(),
        problem: HookProblem::BadAttribute {
            text: text.to_owned(),
            reason,
        },
    };
    let attributes = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text)
        .map_err(|e| bad(e.to_string()))?;
    if attributes.is_empty() {
        return Err(bad("no `#[...]`".to_owned()));
    }
    Ok(attributes.iter().map(ToTokens::to_token_stream).collect())
}

#[cfg(test)]
mod tests {
    use super::selects;

    #[test]
    fn a_path_selects_a_name_its_namespace_or_everything() {
        assert!(selects("messages.sendMessage", "messages.sendMessage"));
        assert!(!selects("messages.sendMessage", "messages.sendMessages"));
        assert!(selects("messages.", "messages.sendMessage"));
        assert!(!selects("messages.", "messagesX.foo"));
        assert!(selects(".", "peerUser"));
        assert!(selects("peerUser.user_id", "peerUser.user_id"));
        assert!(!selects("peerUser", "peerUser.user_id"));
    }
}
