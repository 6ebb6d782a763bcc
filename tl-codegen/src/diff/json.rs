//! The JSON of a [`SchemaDiff`], in the shape docs/schema-diff.md fixes for tools: these
//! structs are that shape, filled from the diff.

use std::collections::BTreeMap;

use serde::Serialize;
use tl_parser::Category;

use super::{Change, Entry, SchemaDiff};

#[derive(Serialize)]
struct Json<'d> {
    old_layer: Option<u32>,
    new_layer: Option<u32>,
    added: Vec<JsonEntry<'d>>,
    removed: Vec<JsonEntry<'d>>,
    changed: Vec<JsonChange<'d>>,
    types: JsonTypes<'d>,
}

#[derive(Serialize)]
struct JsonEntry<'d> {
    kind: &'static str,
    name: &'d str,
    id: String,
    #[serde(rename = "type")]
    result: &'d str,
}

#[derive(Serialize)]
struct JsonChange<'d> {
    #[serde(flatten)]
    entry: JsonEntry<'d>,
    old_id: String,
    impact: &'static str,
    fields: JsonFields<'d>,
}

#[derive(Serialize)]
struct JsonFields<'d> {
    added: Vec<JsonAdded<'d>>,
    removed: Vec<JsonRemoved<'d>>,
    changed: Vec<JsonChanged<'d>>,
}

#[derive(Serialize)]
struct JsonAdded<'d> {
    name: &'d str,
    #[serde(rename = "type")]
    ty: &'d str,
    optional: bool,
}

#[derive(Serialize)]
struct JsonRemoved<'d> {
    name: &'d str,
    #[serde(rename = "type")]
    ty: &'d str,
}

#[derive(Serialize)]
struct JsonChanged<'d> {
    name: &'d str,
    old: &'d str,
    new: &'d str,
}

#[derive(Serialize)]
struct JsonTypes<'d> {
    added: &'d [String],
    removed: &'d [String],
    gained: &'d BTreeMap<String, Vec<String>>,
    lost: &'d BTreeMap<String, Vec<String>>,
}

/// Ids as the schemas write them: 8 lowercase hex digits.
fn hex(id: u32) -> String {
    format!("{id:08x}")
}

fn entry(entry: &Entry) -> JsonEntry<'_> {
    JsonEntry {
        kind: match entry.category {
            Category::Type => "constructor",
            Category::Function => "function",
        },
        name: &entry.name,
        id: hex(entry.id),
        result: &entry.result,
    }
}

fn change(change: &Change) -> JsonChange<'_> {
    let fields = &change.fields;
    JsonChange {
        entry: entry(&change.new),
        old_id: hex(change.old.id),
        impact: change.impact.as_str(),
        fields: JsonFields {
            added: fields
                .added
                .iter()
                .map(|f| JsonAdded {
                    name: &f.name,
                    ty: &f.ty,
                    optional: f.optional,
                })
                .collect(),
            removed: fields
                .removed
                .iter()
                .map(|(name, ty)| JsonRemoved { name, ty })
                .collect(),
            changed: fields
                .changed
                .iter()
                .map(|f| JsonChanged {
                    name: &f.name,
                    old: &f.old,
                    new: &f.new,
                })
                .collect(),
        },
    }
}

pub(super) fn render(diff: &SchemaDiff) -> String {
    let json = Json {
        old_layer: diff.old_layer,
        new_layer: diff.new_layer,
        added: diff.added.iter().map(entry).collect(),
        removed: diff.removed.iter().map(entry).collect(),
        changed: diff.changed.iter().map(change).collect(),
        types: JsonTypes {
            added: &diff.types.added,
            removed: &diff.types.removed,
            gained: &diff.types.gained,
            lost: &diff.types.lost,
        },
    };
    // Plain data of strings, numbers and maps with string keys: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
