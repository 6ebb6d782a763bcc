//! Constructor ids: the normalized text each convention hashes (`normalize.rs`), and the
//! verification of a file's written ids, with an explanation for those that differ
//! (`mismatch.rs`).

mod mismatch;
mod normalize;

pub use mismatch::{IdMismatch, MismatchExplanation};
pub(crate) use normalize::write_normalized_text;
pub use normalize::{Convention, compute_id, normalized_text};

use std::collections::HashMap;

use crate::ast::{Category, Definition};

use mismatch::{explain_borrowed_ids, explain_by_own_text};

/// Computes the id of every definition of `file` under `convention` and lists the written ids
/// that differ, none of them accepted yet. `source` is the file's text: only a file with a
/// `%` can have a bare type read as its sole constructor.
pub(crate) fn verify(
    file: &str,
    source: &str,
    definitions: &mut [Definition<'_>],
    convention: Convention,
) -> Vec<IdMismatch> {
    let sole_constructors = if source.contains('%') {
        sole_constructors(definitions)
    } else {
        HashMap::new()
    };
    let mut mismatches = Vec::new();
    let mut normalized = String::new();
    for def in definitions.iter_mut() {
        normalized.clear();
        write_normalized_text(&mut normalized, def, convention);
        def.computed_id = crc32fast::hash(normalized.as_bytes());
        if def.written_id != Some(def.computed_id)
            && let Some(canonical) = bare_types_as_constructors(&normalized, &sole_constructors)
            && def.written_id == Some(crc32fast::hash(canonical.as_bytes()))
        {
            // `vector<%Message>` is hashed as `vector message` (msg_container#73f1f8dc).
            normalized = canonical;
            def.computed_id = crc32fast::hash(normalized.as_bytes());
        }
        if let Some(written) = def.written_id.filter(|&w| w != def.computed_id) {
            mismatches.push(IdMismatch {
                file: file.to_owned(),
                name: def.full_name(),
                span: def.span,
                written,
                computed: def.computed_id,
                normalized: normalized.clone(),
                explanation: explain_by_own_text(def, &normalized, written, convention),
                accepted: false,
            });
        }
    }
    explain_borrowed_ids(definitions, &mut mismatches);
    mismatches
}

/// The sole constructor of each boxed type that has one (`Message` -> `message`), to read
/// `%Message` as: the bare type is that constructor.
fn sole_constructors(definitions: &[Definition<'_>]) -> HashMap<String, Option<String>> {
    let mut sole: HashMap<String, Option<String>> = HashMap::new();
    for def in definitions.iter().filter(|d| d.category == Category::Type) {
        let name = def.full_name();
        // A constructor redefined in a later `===N===` section is still the one.
        sole.entry(def.result.full_name())
            .and_modify(|c| {
                if c.as_ref() != Some(&name) {
                    *c = None;
                }
            })
            .or_insert(Some(name));
    }
    sole
}

/// `normalized` with every `%T` whose type has a sole constructor written as that constructor
/// (`messages:vector %Message` -> `messages:vector message`, as Telegram's own copy of
/// `msg_container` writes it and as its id is computed), if there is any.
fn bare_types_as_constructors(
    normalized: &str,
    sole_constructors: &HashMap<String, Option<String>>,
) -> Option<String> {
    let mut out = String::with_capacity(normalized.len());
    let mut replaced = false;
    let mut rest = normalized;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(after.len());
        match sole_constructors.get(&after[..end]) {
            Some(Some(constructor)) => {
                out.push_str(constructor);
                replaced = true;
            }
            _ => {
                out.push('%');
                out.push_str(&after[..end]);
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    replaced.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_type_is_read_as_its_sole_constructor_only() {
        let sole = HashMap::from([
            ("Message".to_owned(), Some("message".to_owned())),
            ("Two".to_owned(), None),
        ]);
        assert_eq!(
            bare_types_as_constructors("c m:vector %Message t:%Two = C", &sole).as_deref(),
            Some("c m:vector message t:%Two = C")
        );
        assert_eq!(
            bare_types_as_constructors("c t:%Two x:%ns.X = C", &sole),
            None
        );
    }
}
