//! Ids across layers: which definitions of a set of schema files (other layers of a schema)
//! have a given id, for `tl-codegen which` and for the table of ids from other layers that
//! [`Config::known_layers`](crate::Config::known_layers) adds to the generated code.

use std::collections::BTreeMap;
use std::path::Path;

use tl_parser::{Category, Options};

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
    let mut found = Vec::new();
    for file in files {
        let path = file.as_ref();
        let text = std::fs::read_to_string(path).map_err(|error| ErrorKind::Read {
            path: path.to_owned(),
            error,
        })?;
        let name = path.display().to_string();
        let schema = tl_parser::parse(&name, &text, options).map_err(ErrorKind::Parse)?;
        for def in &schema.definitions {
            if def.builtin {
                continue;
            }
            found.push(Sighting {
                id: def.id(),
                name: def.full_name(),
                category: def.category,
                result: def.result.to_string(),
                layer: def.layer_section.or(schema.layer),
                file: name.clone(),
            });
        }
    }
    Ok(found)
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
