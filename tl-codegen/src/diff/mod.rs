//! A semantic diff of two schemas, each one or more files taken together as generation takes
//! them ([`Config::diff`](crate::Config::diff)): the definitions added, removed and changed, the
//! types that gain or lose constructors, and the impact of each change on code that uses the
//! generated Rust API ([`Impact`]). Both sides are resolved as generation resolves them, so
//! that changes the schema text does not show (a variant boxed because a type it holds grew,
//! a unit variant that gets a payload) are found too. The rules and their reasons are in
//! docs/schema-diff.md.
//!
//! Rendered as a Markdown changelog ([`SchemaDiff::to_markdown`]) or as JSON for tools
//! ([`SchemaDiff::to_json`]).

mod json;
mod markdown;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use tl_parser::Category;

use crate::model::{
    Accessor, Boxing, Enum, Field, Lend, Model, Presence, Storage, Struct, Ty, Variant,
};

/// What a change does to code that uses the generated Rust API, from the least to the most
/// disruptive (so `Ord` compares them as `--deny` needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// The bytes on the wire change (an id, a flag bit); Rust source compiles unchanged.
    Wire,
    /// Source that uses the generated API as documented (`new`, setters, fields, accessors,
    /// `match` over enums) keeps compiling: something is added.
    Compatible,
    /// Such source may stop compiling.
    Breaking,
}

impl Impact {
    /// `wire`, `compatible` or `breaking`, as the JSON and `--deny` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Wire => "wire",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A constructor or function of one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Constructor ([`Category::Type`]) or function.
    pub category: Category,
    /// Its full TL name (`messages.sendMessage`).
    pub name: String,
    /// Its wire id.
    pub id: u32,
    /// Its result type as written (`Updates`, `Vector<long>`, `X`).
    pub result: String,
    /// Its schema line, normalized as the generated docs show it.
    pub line: String,
}

/// A definition of both sides (the same category and name) that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The definition in the new schema.
    pub new: Entry,
    /// The definition in the old schema.
    pub old: Entry,
    /// The most disruptive of its changes.
    pub impact: Impact,
    /// Its fields added, removed and changed.
    pub fields: FieldChanges,
    /// What changed, one line each with its impact, for the changelog: the fields' changes,
    /// and those of the Rust API alone (boxing, a unit variant, names).
    pub notes: Vec<(Impact, String)>,
}

/// The field changes of a [`Change`], by TL name. Flag words (`flags:#`) are not fields: the
/// generated structs compute them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldChanges {
    /// Fields only the new definition has.
    pub added: Vec<AddedField>,
    /// Fields only the old definition has: (name, type as written).
    pub removed: Vec<(String, String)>,
    /// Fields of both whose parameter differs (type, or flag bit or word).
    pub changed: Vec<ChangedField>,
}

/// A field that a definition gained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedField {
    /// Its TL name.
    pub name: String,
    /// Its type as written, without its condition (`string`, `true`).
    pub ty: String,
    /// Whether it has a condition (`flags.N?T`).
    pub optional: bool,
}

/// A field whose parameter changed, as written with its condition (`flags.3?int`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedField {
    /// Its TL name.
    pub name: String,
    /// The old parameter.
    pub old: String,
    /// The new parameter.
    pub new: String,
}

/// The boxed types (enums) that appear, disappear, gain or lose constructors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeChanges {
    /// Types only the new schema has.
    pub added: Vec<String>,
    /// Types only the old schema has.
    pub removed: Vec<String>,
    /// Types of both, with the constructors only the new one has.
    pub gained: BTreeMap<String, Vec<String>>,
    /// Types of both, with the constructors only the old one has.
    pub lost: BTreeMap<String, Vec<String>>,
    /// Methods of enums (accessors of shared fields) added, removed or changed, per type:
    /// (impact, what). Not in the JSON, whose shape the issue fixes.
    pub accessors: BTreeMap<String, Vec<(Impact, String)>>,
}

/// The difference between two schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaDiff {
    /// The old schema's `// LAYER N` (or last `===N===` section).
    pub old_layer: Option<u32>,
    /// The new schema's.
    pub new_layer: Option<u32>,
    /// Definitions only the new schema has, in its order.
    pub added: Vec<Entry>,
    /// Definitions only the old schema has, in its order.
    pub removed: Vec<Entry>,
    /// Definitions of both that differ, in the new schema's order.
    pub changed: Vec<Change>,
    /// Types added, removed, gaining and losing constructors.
    pub types: TypeChanges,
}

impl SchemaDiff {
    /// The most disruptive impact of any change, `None` when the schemas are the same.
    /// Added definitions and types are [`Impact::Compatible`]; removed ones, and types gaining
    /// or losing constructors (an exhaustive `match` breaks: generated enums are not
    /// `#[non_exhaustive]`), [`Impact::Breaking`].
    pub fn worst(&self) -> Option<Impact> {
        let types = &self.types;
        let added =
            (!self.added.is_empty() || !types.added.is_empty()).then_some(Impact::Compatible);
        let removed = (!self.removed.is_empty()
            || !types.removed.is_empty()
            || !types.gained.is_empty()
            || !types.lost.is_empty())
        .then_some(Impact::Breaking);
        let changed = self.changed.iter().map(|c| c.impact);
        let accessors = types
            .accessors
            .values()
            .flatten()
            .map(|(impact, _)| *impact);
        changed.chain(accessors).chain(added).chain(removed).max()
    }

    /// The JSON for tools (shape in docs/schema-diff.md), pretty-printed.
    pub fn to_json(&self) -> String {
        json::render(self)
    }

    /// A changelog for review, grouped by impact, each entry with its schema lines.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }
}

/// The diff of two resolved schemas.
pub(crate) fn diff(old: &Model, new: &Model) -> SchemaDiff {
    let old_side = Side::new(old);
    let new_side = Side::new(new);
    let mut diff = SchemaDiff {
        old_layer: old.layer,
        new_layer: new.layer,
        ..SchemaDiff::default()
    };
    for s in new_side.definitions() {
        match old_side.structs.get(&(s.category, s.tl_name.as_str())) {
            None => diff.added.push(entry(s)),
            Some(&old_index) => {
                if let Some(change) = compare(&old_side, &old.structs[old_index], &new_side, s) {
                    diff.changed.push(change);
                }
            }
        }
    }
    for s in old_side.definitions() {
        if !new_side
            .structs
            .contains_key(&(s.category, s.tl_name.as_str()))
        {
            diff.removed.push(entry(s));
        }
    }
    diff.types = compare_types(&old_side, &new_side);
    diff
}

/// One side, indexed by name.
struct Side<'m> {
    model: &'m Model,
    /// (category, TL name) to struct index. In a schema of `===N===` sections the current
    /// definition is the last of its name, and so the one kept here.
    structs: HashMap<(Category, &'m str), usize>,
    enums: HashMap<&'m str, usize>,
}

impl<'m> Side<'m> {
    fn new(model: &'m Model) -> Self {
        let structs = model
            .structs
            .iter()
            .enumerate()
            .map(|(i, s)| ((s.category, s.tl_name.as_str()), i))
            .collect();
        let enums = model
            .enums
            .iter()
            .enumerate()
            .filter(|(_, e)| e.any.is_none())
            .map(|(i, e)| (e.tl_name.as_str(), i))
            .collect();
        Side {
            model,
            structs,
            enums,
        }
    }

    /// The current definitions, in schema order.
    fn definitions(&self) -> impl Iterator<Item = &'m Struct> + '_ {
        let model = self.model;
        model
            .structs
            .iter()
            .enumerate()
            .filter(move |(i, s)| self.structs.get(&(s.category, s.tl_name.as_str())) == Some(i))
            .map(|(_, s)| s)
    }

    /// The variant of constructor `s` in its enum.
    fn variant(&self, s: &Struct) -> Option<&'m Variant> {
        let (e, v) = s.variant_of?;
        Some(&self.model.enums[e].variants[v])
    }
}

fn entry(s: &Struct) -> Entry {
    Entry {
        category: s.category,
        name: s.tl_name.clone(),
        id: s.id,
        result: result_as_written(&s.schema_line).to_owned(),
        line: s.schema_line.clone(),
    }
}

/// The result type of a schema line (`name#id params = Result`).
fn result_as_written(line: &str) -> &str {
    line.rsplit_once(" = ").map_or("", |(_, result)| result)
}

/// A field as its parameter is written: `name:flags.3?int`, `name:Vector<long>`.
fn parameter(s: &Struct, field: &Field) -> String {
    match field.presence {
        Presence::Required | Presence::Nullable => field.tl_type.clone(),
        Presence::Optional { word, bit } | Presence::Flag { word, bit } => {
            format!("{}.{bit}?{}", s.flag_words[word].tl_name, field.tl_type)
        }
    }
}

/// Whether a field is required, optional (`Option<T>`) or a flag (`bool`).
fn presence_kind(presence: Presence) -> u8 {
    match presence {
        Presence::Required => 0,
        Presence::Optional { .. } | Presence::Nullable => 1,
        Presence::Flag { .. } => 2,
    }
}

/// The change of one definition, or `None` when nothing about it differs.
fn compare(old_side: &Side, old: &Struct, new_side: &Side, new: &Struct) -> Option<Change> {
    let mut notes: Vec<(Impact, String)> = Vec::new();
    if old.id != new.id {
        notes.push((
            Impact::Wire,
            format!("id {:08x} is now {:08x}", old.id, new.id),
        ));
    }
    let old_result = result_as_written(&old.schema_line);
    let new_result = result_as_written(&new.schema_line);
    if old_result != new_result {
        notes.push((
            Impact::Breaking,
            format!("result type `{old_result}` is now `{new_result}`"),
        ));
    }
    if old.generics != new.generics {
        notes.push((
            Impact::Breaking,
            format!(
                "type parameters {{{}}} are now {{{}}}",
                old.generics.join(", "),
                new.generics.join(", ")
            ),
        ));
    }
    let fields = compare_fields(old, new, &mut notes);
    compare_construction(old, new, &mut notes);
    compare_variant(old_side, old, new_side, new, &mut notes);
    if old.module != new.module || old.name != new.name {
        let path = |s: &Struct| {
            [s.module.as_slice(), std::slice::from_ref(&s.name)]
                .concat()
                .join("::")
        };
        notes.push((
            Impact::Breaking,
            format!("Rust type `{}` is now `{}`", path(old), path(new)),
        ));
    }
    // Anything else of the line (a flag word renamed or moved, optional fields reordered)
    // only changes bytes.
    if notes.is_empty() && old.schema_line != new.schema_line {
        notes.push((Impact::Wire, "the encoding changed".to_owned()));
    }
    let impact = notes.iter().map(|(impact, _)| *impact).max()?;
    Some(Change {
        new: entry(new),
        old: entry(old),
        impact,
        fields,
        notes,
    })
}

/// What changed in the fields of a definition, with a note for each change.
fn compare_fields(old: &Struct, new: &Struct, notes: &mut Vec<(Impact, String)>) -> FieldChanges {
    let mut fields = FieldChanges::default();
    for field in &new.fields {
        match old.fields.iter().find(|f| f.tl_name == field.tl_name) {
            None => added_field(new, field, notes, &mut fields),
            Some(before) => changed_field(old, before, new, field, notes, &mut fields),
        }
    }
    for field in &old.fields {
        if !new.fields.iter().any(|f| f.tl_name == field.tl_name) {
            let param = parameter(old, field);
            notes.push((
                Impact::Breaking,
                format!("field `{}:{param}` removed", field.tl_name),
            ));
            fields
                .removed
                .push((field.tl_name.clone(), field.tl_type.clone()));
        }
    }
    let order = |s: &Struct, other: &Struct| -> Vec<String> {
        let fields = s.fields.iter().map(|f| f.tl_name.clone());
        fields
            .filter(|name| other.fields.iter().any(|f| &f.tl_name == name))
            .collect()
    };
    if order(old, new) != order(new, old) {
        // Required fields in another order are `new`'s business (compare_construction).
        notes.push((Impact::Wire, "fields encoded in another order".to_owned()));
    }
    fields
}

/// A field that the old definition lacks: compatible when optional, breaking when required.
fn added_field(
    new: &Struct,
    field: &Field,
    notes: &mut Vec<(Impact, String)>,
    fields: &mut FieldChanges,
) {
    let optional = field.presence != Presence::Required;
    let what = if optional { "optional" } else { "required" };
    let impact = if optional {
        Impact::Compatible
    } else {
        Impact::Breaking
    };
    let param = parameter(new, field);
    notes.push((
        impact,
        format!("{what} field `{}:{param}` added", field.tl_name),
    ));
    fields.added.push(AddedField {
        name: field.tl_name.clone(),
        ty: field.tl_type.clone(),
        optional,
    });
}

/// A field both definitions have: its parameter (type, flag bit) and its Rust name.
fn changed_field(
    old: &Struct,
    before: &Field,
    new: &Struct,
    field: &Field,
    notes: &mut Vec<(Impact, String)>,
    fields: &mut FieldChanges,
) {
    let (old_param, new_param) = (parameter(old, before), parameter(new, field));
    if old_param != new_param {
        // The same Rust type on another bit or word changes bytes only.
        let same_rust_type = before.tl_type == field.tl_type
            && presence_kind(before.presence) == presence_kind(field.presence);
        let impact = if same_rust_type {
            Impact::Wire
        } else {
            Impact::Breaking
        };
        notes.push((
            impact,
            format!(
                "field `{}`: `{old_param}` is now `{new_param}`",
                field.tl_name
            ),
        ));
        fields.changed.push(ChangedField {
            name: field.tl_name.clone(),
            old: old_param,
            new: new_param,
        });
    }
    if before.name != field.name {
        notes.push((
            Impact::Breaking,
            format!("Rust field `{}` is now `{}`", before.name, field.name),
        ));
    }
}

/// `new`'s parameters in another order, and setters renamed: both break their callers.
fn compare_construction(old: &Struct, new: &Struct, notes: &mut Vec<(Impact, String)>) {
    let required = |s: &Struct| -> Vec<String> {
        let names = s.construction.required.iter();
        names.map(|&i| s.fields[i].tl_name.clone()).collect()
    };
    let (old_required, new_required) = (required(old), required(new));
    let kept: Vec<&String> = old_required
        .iter()
        .filter(|name| new_required.contains(name))
        .collect();
    let kept_in_new: Vec<&String> = new_required
        .iter()
        .filter(|name| old_required.contains(name))
        .collect();
    if kept != kept_in_new {
        notes.push((
            Impact::Breaking,
            format!(
                "`new` takes its fields in another order: ({}) is now ({})",
                old_required.join(", "),
                new_required.join(", ")
            ),
        ));
    }
    for setter in &new.construction.setters {
        let tl_name = &new.fields[setter.field].tl_name;
        let before = old
            .construction
            .setters
            .iter()
            .find(|s| &old.fields[s.field].tl_name == tl_name);
        if let Some(before) = before
            && before.name != setter.name
        {
            notes.push((
                Impact::Breaking,
                format!("setter `{}` is now `{}`", before.name, setter.name),
            ));
        }
    }
}

/// The constructor's variant: a unit variant that gets a payload (or loses it), and a payload
/// boxed or unboxed, change what patterns and variant expressions must be.
fn compare_variant(
    old_side: &Side,
    old: &Struct,
    new_side: &Side,
    new: &Struct,
    notes: &mut Vec<(Impact, String)>,
) {
    let (Some(before), Some(after)) = (old_side.variant(old), new_side.variant(new)) else {
        return;
    };
    if before.unit != after.unit {
        let what = if after.unit {
            "holds nothing now: a unit variant"
        } else {
            "holds its struct now: no longer a unit variant"
        };
        notes.push((Impact::Breaking, format!("variant `{}` {what}", after.name)));
    }
    if before.boxing.is_boxed() != after.boxing.is_boxed() && !before.unit && !after.unit {
        let why = match after.boxing {
            Boxing::Large(bytes) => format!(" (estimated {bytes} bytes)"),
            Boxing::Recursive => " (it holds its own type)".to_owned(),
            _ => String::new(),
        };
        let what = if after.boxing.is_boxed() {
            "is boxed now"
        } else {
            "holds its struct by value now"
        };
        notes.push((
            Impact::Breaking,
            format!("variant `{}` {what}{why}: patterns change", after.name),
        ));
    }
}

fn compare_types(old: &Side, new: &Side) -> TypeChanges {
    let mut types = TypeChanges::default();
    let constructors = |side: &Side, e: &Enum| -> Vec<String> {
        let variants = e.variants.iter();
        variants
            .map(|v| side.model.structs[v.ctor].tl_name.clone())
            .collect()
    };
    for name in type_names(new) {
        let after = &new.model.enums[new.enums[name]];
        let Some(&before) = old.enums.get(name) else {
            types.added.push(name.to_owned());
            continue;
        };
        let before = &old.model.enums[before];
        let (had, has) = (constructors(old, before), constructors(new, after));
        let gained: Vec<String> = has.iter().filter(|c| !had.contains(c)).cloned().collect();
        let lost: Vec<String> = had.iter().filter(|c| !has.contains(c)).cloned().collect();
        if !gained.is_empty() {
            types.gained.insert(name.to_owned(), gained);
        }
        if !lost.is_empty() {
            types.lost.insert(name.to_owned(), lost);
        }
        let accessors = compare_accessors(old, before, new, after);
        if !accessors.is_empty() {
            types.accessors.insert(name.to_owned(), accessors);
        }
    }
    for name in type_names(old) {
        if !new.enums.contains_key(name) {
            types.removed.push(name.to_owned());
        }
    }
    types
}

/// The names of a side's types, in schema order.
fn type_names<'m>(side: &Side<'m>) -> Vec<&'m str> {
    let enums = side.model.enums.iter().filter(|e| e.any.is_none());
    enums.map(|e| e.tl_name.as_str()).collect()
}

/// The methods of shared fields that an enum gains (compatible), loses or changes (breaking).
fn compare_accessors(old: &Side, before: &Enum, new: &Side, after: &Enum) -> Vec<(Impact, String)> {
    // What a caller sees: what the method returns, and whether in an `Option`.
    let signature = |side: &Side, a: &Accessor| {
        let lent = match &a.lend {
            Lend::Copy(ty) => ty_text(side.model, ty),
            Lend::Str(_) => "&str".to_owned(),
            Lend::Bytes(_) => "&[u8]".to_owned(),
            Lend::Slice(ty) => format!("&[{}]", ty_text(side.model, ty)),
            Lend::Ref(ty) => format!("&{}", ty_text(side.model, ty)),
        };
        if a.returns_option {
            format!("Option<{lent}>")
        } else {
            lent
        }
    };
    let mut notes = Vec::new();
    for a in &after.accessors {
        match before.accessors.iter().find(|b| b.name == a.name) {
            None => notes.push((Impact::Compatible, format!("method `{}()` added", a.name))),
            Some(b) => {
                let (was, is) = (signature(old, b), signature(new, a));
                if was != is {
                    let what = format!("method `{}()` returned `{was}`, now `{is}`", a.name);
                    notes.push((Impact::Breaking, what));
                }
            }
        }
    }
    for b in &before.accessors {
        if !after.accessors.iter().any(|a| a.name == b.name) {
            notes.push((Impact::Breaking, format!("method `{}()` removed", b.name)));
        }
    }
    notes
}

/// A resolved type as its Rust type, boxed types and constructors by TL name: comparable
/// across models (whose indexes differ).
fn ty_text(model: &Model, ty: &Ty) -> String {
    match ty {
        Ty::Boxed(i) => model.enums[*i].tl_name.clone(),
        Ty::Bare(i) => model.structs[*i].tl_name.clone(),
        Ty::Vector { boxed, elem } => {
            let vector = if *boxed { "Vector" } else { "vector" };
            format!("{vector}<{}>", ty_text(model, elem))
        }
        Ty::Int => "i32".to_owned(),
        Ty::Long => "i64".to_owned(),
        Ty::Double => "f64".to_owned(),
        Ty::Nat => "u32".to_owned(),
        Ty::Bool => "bool".to_owned(),
        Ty::String(Storage::Owned) => "String".to_owned(),
        Ty::String(Storage::Shared) => "BytesString".to_owned(),
        Ty::Bytes(Storage::Owned) => "Vec<u8>".to_owned(),
        Ty::Bytes(Storage::Shared) => "Bytes".to_owned(),
        Ty::FixedBytes(len) => format!("[u8; {len}]"),
        Ty::Generic(name) => name.clone(),
    }
}
