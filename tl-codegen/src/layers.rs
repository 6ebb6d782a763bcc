//! Ids across layers: which definitions of a set of schema files (other layers of a schema)
//! have a given id, for `tl-codegen which` and for the table of ids from other layers that
//! [`Config::known_layers`](crate::Config::known_layers) adds to the generated code; and which
//! of their constructors [`Config::other_layer_variants`](crate::Config::other_layer_variants)
//! keeps.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use tl_parser::{Category, Options, Schema};

use crate::error::{Error, ErrorKind};

/// One definition of one file with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sighting {
    /// Its wire id.
    pub id: u32,
    /// Its full TL name.
    pub name: String,
    /// Constructor ([`Category::Type`]) or function.
    pub category: Category,
    /// Its result type as written.
    pub result: String,
    /// Its file's `// LAYER N` (or last `===N===` section).
    pub layer: Option<u32>,
    /// The file, as given.
    pub file: String,
}

impl Sighting {
    /// Where it is: `layer 195`, or the file name for a file without a layer.
    pub fn place(&self) -> String {
        match self.layer {
            Some(layer) => layer.to_string(),
            None => self.file.clone(),
        }
    }
}

/// Every definition of `files`, each file parsed on its own (a file's layer is its own), with
/// the ids the files write (a mismatch with the computed id is not an error here: the written
/// id is the one on the wire). In file order, then source order.
pub fn sightings(files: &[impl AsRef<Path>], options: &Options) -> Result<Vec<Sighting>, Error> {
    let sources = crate::read_sources(files)?;
    Ok(sightings_in(&parse_each(&sources, options)?))
}

/// `(file name, text)` pairs of other layers parsed each on its own, as [`sightings`] reads
/// them.
pub(crate) fn parse_each<'a>(
    sources: &'a [(String, String)],
    options: &Options,
) -> Result<Vec<Schema<'a>>, Error> {
    let parse = |(name, text): &'a (String, String)| {
        tl_parser::parse(name, text, options).map_err(|report| ErrorKind::Parse(report).into())
    };
    sources.iter().map(parse).collect()
}

/// The definitions of parsed layers, as [`sightings`] lists them.
pub(crate) fn sightings_in(layers: &[Schema]) -> Vec<Sighting> {
    let mut found = Vec::new();
    for schema in layers {
        for def in schema.definitions.iter().filter(|d| !d.builtin) {
            found.push(Sighting {
                id: def.id(),
                name: def.full_name(),
                category: def.category,
                result: def.result.to_string(),
                layer: def.layer_section.or(schema.layer),
                file: schema.file.clone(),
            });
        }
    }
    found
}

/// For [`Config::other_layer_variants`](crate::Config::other_layer_variants): each of
/// `layers` reduced to its constructors of `types` (boxed types by TL name) whose ids the
/// generated `schemas` lack, oldest layer first, so that a definition of several layers is
/// named with the oldest. A type that neither side defines is an error, with the closest
/// name; so is a file with such constructors and no layer, which their names need.
pub(crate) fn variants_to_keep<'a>(
    types: &[String],
    layers: &[Schema<'a>],
    schemas: &[Schema],
) -> Result<Vec<Schema<'a>>, Error> {
    let defined: BTreeSet<String> = schemas
        .iter()
        .chain(layers)
        .flat_map(|s| &s.definitions)
        .filter(|d| d.category == Category::Type && !d.builtin)
        .map(|d| d.result.full_name())
        .collect();
    if let Some(unknown) = types.iter().find(|t| !defined.contains(*t)) {
        let candidates = defined.iter().map(String::as_str);
        let closest = crate::resolve::closest_name(unknown, candidates);
        let name = unknown.clone();
        return Err(ErrorKind::UnknownVariantType { name, closest }.into());
    }
    let ids: HashSet<u32> = schemas
        .iter()
        .flat_map(|s| &s.definitions)
        .map(|d| d.id())
        .collect();
    let wanted: HashSet<&str> = types.iter().map(String::as_str).collect();
    let mut kept = Vec::new();
    for layer in layers {
        let mut reduced = layer.clone();
        reduced.definitions.retain(|d| {
            d.category == Category::Type
                && !d.builtin
                && wanted.contains(d.result.full_name().as_str())
                && !ids.contains(&d.id())
        });
        if !reduced.definitions.is_empty() && reduced.layer.is_none() {
            let file = reduced.file;
            return Err(ErrorKind::NoLayerNumber { file }.into());
        }
        kept.push(reduced);
    }
    kept.sort_by_key(|s| s.layer);
    Ok(kept)
}

/// The ids of `sightings` that `known` does not have, each with its name (in the last file
/// that has it) and the places that have it (`195, 214`: layers in order, then files), by id.
pub(crate) fn other_layers(
    sightings: &[Sighting],
    known: impl Fn(u32) -> bool,
) -> Vec<(u32, String, String)> {
    let mut by_id: BTreeMap<u32, (String, Vec<Sighting>)> = BTreeMap::new();
    for sighting in sightings.iter().filter(|s| !known(s.id)) {
        let entry = by_id.entry(sighting.id).or_default();
        entry.0.clone_from(&sighting.name);
        entry.1.push(sighting.clone());
    }
    by_id
        .into_iter()
        .map(|(id, (name, mut places))| {
            // Layers in order, then the files without one.
            places.sort_by_key(|s| (s.layer.is_none(), s.layer));
            let mut labels: Vec<String> = places.iter().map(Sighting::place).collect();
            labels.dedup();
            (id, name, labels.join(", "))
        })
        .collect()
}
