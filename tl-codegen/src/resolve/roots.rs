//! `Config::roots`: keep only the definitions that the named functions and types reach, for
//! a client that knows the methods it calls. Runs on the resolved fields and before boxing,
//! so that every later pass (boxing, codec plans, accessors, hooks) sees only what is kept.
//!
//! What a definition reaches: a constructor or function, the types of its fields (through
//! vectors) and a function its result; a boxed type, every one of its constructors; a
//! constructor, its boxed type (its struct converts into the enum, and a bare use such as
//! `vector<%Message>` is still a value of it). A generic `X` (`invokeWithLayer`'s `query:!X`)
//! reaches nothing: it stays generic. The closure keeps whole boxed types and everything
//! their fields reach, so a kept definition is generated exactly as in the full build: same
//! Rust names (they are chosen before), same boxing and same bytes.

use std::fmt;

use super::suggest::closest;
use crate::model::{Model, Ty};

/// A root that names no definition of the schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRoot {
    /// The name given.
    pub name: String,
    /// The closest function, type or constructor name, if one is close.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is no function, type or constructor", self.name)?;
        match &self.suggestion {
            Some(name) => write!(f, "; did you mean `{name}`?"),
            None => Ok(()),
        }
    }
}

/// A definition in the graph of what reaches what.
#[derive(Clone, Copy)]
pub(super) enum Node {
    Struct(usize),
    Enum(usize),
}

/// Drops every struct and enum of `model` that no root reaches. `roots` are TL names of
/// functions (`messages.sendMessage`), boxed types (`Updates`) or constructors
/// (`inputPeerUser`); a name that is both (`updates`, a constructor, and `Updates` differ
/// only in case, so they are not) keeps all it names. `model.names` (for `name_for_id`) is
/// left whole: a decoding error can still name an id that the profile dropped.
pub(super) fn keep_reached(model: &mut Model, roots: &[String]) -> Result<(), Vec<UnknownRoot>> {
    let mut pending = Vec::new();
    let mut unknown = Vec::new();
    for name in roots {
        let before = pending.len();
        let structs = model.structs.iter().enumerate();
        pending.extend(
            structs
                .filter(|(_, s)| s.tl_name == *name)
                .map(|(i, _)| Node::Struct(i)),
        );
        let enums = model.enums.iter().enumerate();
        pending.extend(
            enums
                .filter(|(_, e)| e.tl_name == *name)
                .map(|(i, _)| Node::Enum(i)),
        );
        if pending.len() == before {
            let names = model.structs.iter().map(|s| s.tl_name.as_str());
            let names = names.chain(model.enums.iter().map(|e| e.tl_name.as_str()));
            unknown.push(UnknownRoot {
                name: name.clone(),
                suggestion: closest(name, names),
            });
        }
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let (structs, enums) = reached(model, pending);
    retain(model, &structs, &enums);
    Ok(())
}

/// Which structs and enums `pending` reaches, itself included.
pub(super) fn reached(model: &Model, mut pending: Vec<Node>) -> (Vec<bool>, Vec<bool>) {
    let mut structs = vec![false; model.structs.len()];
    let mut enums = vec![false; model.enums.len()];
    while let Some(node) = pending.pop() {
        match node {
            Node::Struct(i) if !structs[i] => {
                structs[i] = true;
                let s = &model.structs[i];
                for ty in s.fields.iter().map(|f| &f.ty).chain(&s.returns) {
                    reach_type(ty, &mut pending);
                }
                if let Some((e, _)) = s.variant_of {
                    pending.push(Node::Enum(e));
                }
            }
            Node::Enum(e) if !enums[e] => {
                enums[e] = true;
                let variants = &model.enums[e].variants;
                pending.extend(variants.iter().map(|v| Node::Struct(v.ctor)));
            }
            _ => {}
        }
    }
    (structs, enums)
}

/// Queues what a field or result of type `ty` reaches.
pub(super) fn reach_type(ty: &Ty, pending: &mut Vec<Node>) {
    match ty {
        Ty::Boxed(e) => pending.push(Node::Enum(*e)),
        Ty::Bare(s) => pending.push(Node::Struct(*s)),
        Ty::Vector { elem, .. } => reach_type(elem, pending),
        _ => {}
    }
}

/// Keeps the marked structs and enums, in their order, and renumbers what refers to them.
/// A kept enum keeps all its variants (the closure reaches every constructor of a type), so
/// variant positions do not change.
fn retain(model: &mut Model, structs: &[bool], enums: &[bool]) {
    let struct_index = new_indices(structs);
    let enum_index = new_indices(enums);
    model.structs = keep(std::mem::take(&mut model.structs), structs);
    model.enums = keep(std::mem::take(&mut model.enums), enums);
    for s in &mut model.structs {
        let types = s.fields.iter_mut().map(|f| &mut f.ty);
        for ty in types.chain(s.returns.as_mut()) {
            renumber(ty, &struct_index, &enum_index);
        }
        if let Some((e, _)) = &mut s.variant_of {
            *e = enum_index[*e].expect("a kept constructor keeps its type");
        }
    }
    for e in &mut model.enums {
        for v in &mut e.variants {
            v.ctor = struct_index[v.ctor].expect("a kept type keeps its constructors");
        }
    }
}

fn keep<T>(items: Vec<T>, kept: &[bool]) -> Vec<T> {
    let marked = items.into_iter().zip(kept);
    marked
        .filter_map(|(item, &keep)| keep.then_some(item))
        .collect()
}

/// For each old index, its new one if kept.
fn new_indices(kept: &[bool]) -> Vec<Option<usize>> {
    let mut next = 0;
    kept.iter()
        .map(|&keep| {
            keep.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

fn renumber(ty: &mut Ty, structs: &[Option<usize>], enums: &[Option<usize>]) {
    match ty {
        Ty::Boxed(e) => *e = enums[*e].expect("a kept definition keeps the types it uses"),
        Ty::Bare(s) => *s = structs[*s].expect("a kept definition keeps the types it uses"),
        Ty::Vector { elem, .. } => renumber(elem, structs, enums),
        _ => {}
    }
}
