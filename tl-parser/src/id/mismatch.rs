//! Written ids that are not the CRC32 of their definition, and where the schema shows they
//! come from.

use std::collections::HashMap;
use std::fmt;

use crate::ast::Definition;
use crate::source::Span;

use super::normalize::{Convention, compute_id};

/// A written constructor id that is not the CRC32 of its definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMismatch {
    /// The schema file (as named to [`crate::parse`]).
    pub file: String,
    /// Full name of the definition (`ns.name`).
    pub name: String,
    /// Where the definition is.
    pub span: Span,
    /// The id in the file.
    pub written: u32,
    /// The CRC32 of `normalized`.
    pub computed: u32,
    /// The exact text that was hashed.
    pub normalized: String,
    /// Where the written id comes from, when the schema itself shows it.
    pub explanation: Option<MismatchExplanation>,
    /// Whether the caller accepted this mismatch (by name, or as explained by a rename or the
    /// other convention).
    pub accepted: bool,
}

/// Where a written id that is not the CRC32 of its definition comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MismatchExplanation {
    /// The id is the CRC32 of the definition under its name without a version suffix
    /// (`decryptedMessage` for `decryptedMessage8`, `decryptedMessage_l16` or
    /// `decryptedMessageLegacy`): an older constructor kept under a new name, as secret-chat
    /// schemas and TDLib do. The id is verified, against that name.
    Renamed {
        /// The name the id was computed from.
        old_name: String,
    },
    /// The id is the CRC32 of the definition under the other convention: Telegram's schemas
    /// have definitions hashed with `bytes` kept as written (`ipPortSecret`, and layer 143's
    /// `decryptedMessageMediaDocument` of the end-to-end schema). The id is verified, under
    /// that convention.
    OtherConvention(Convention),
    /// The id is that of another definition of the file (TDLib's `invokeWith...Prefix`
    /// pseudo-constructors carry the ids of the functions they prefix).
    IdOf {
        /// Full name of that definition.
        name: String,
        /// Its line.
        line: u32,
    },
}

impl MismatchExplanation {
    /// Whether the definition's own text verifies the id this way (a rename, the other
    /// convention); another definition's id verifies nothing of this one.
    pub fn verifies_id(&self) -> bool {
        !matches!(self, MismatchExplanation::IdOf { .. })
    }
}

impl fmt::Display for IdMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, written, computed) = (&self.name, self.written, self.computed);
        let at = format!("{}:{}:{}", self.file, self.span.line, self.span.column);
        match &self.explanation {
            Some(MismatchExplanation::Renamed { old_name }) => write!(
                f,
                "{at}: `{name}` is written as #{written:08x}, the id of its definition \
                 under the older name `{old_name}` (under its own name it hashes to \
                 #{computed:08x})"
            ),
            Some(MismatchExplanation::OtherConvention(convention)) => write!(
                f,
                "{at}: `{name}` is written as #{written:08x}, the id of its definition under the \
                 {convention} convention (under this file's it hashes to #{computed:08x})"
            ),
            Some(MismatchExplanation::IdOf {
                name: other,
                line: other_line,
            }) => write!(
                f,
                "{at}: `{name}` is written as #{written:08x}, the id of `{other}` (line \
                 {other_line}); its definition hashes to #{computed:08x} (hashed: \"{}\")",
                self.normalized
            ),
            None => write!(
                f,
                "{at}: `{name}` is written as #{written:08x} but its definition hashes to \
                 #{computed:08x} (hashed: \"{}\")",
                self.normalized
            ),
        }
    }
}

/// How the definition's own text verifies its `written` id, if it does: under an older name,
/// or under the other convention. `normalized` is its text under `convention`.
pub(crate) fn explain_by_own_text(
    def: &Definition<'_>,
    normalized: &str,
    written: u32,
    convention: Convention,
) -> Option<MismatchExplanation> {
    if let Some(old_name) = name_before_rename(&def.full_name(), normalized, written) {
        return Some(MismatchExplanation::Renamed { old_name });
    }
    let other = convention.other();
    (compute_id(def, other) == written).then_some(MismatchExplanation::OtherConvention(other))
}

/// The name a definition had before it was renamed, if its `written` id is the CRC32 of its
/// `normalized` text under that name. Schemas that keep older constructors beside their
/// successors rename them with a version suffix and keep their ids: TDLib's secret_api.tl
/// (`decryptedMessage8`), tgl (`decryptedMessage_l16`), TDLib's telegram_api.tl
/// (`inputStickerSetThumbLegacy`).
fn name_before_rename(full_name: &str, normalized: &str, written: u32) -> Option<String> {
    let rest = normalized.strip_prefix(full_name)?;
    let without_digits = full_name.trim_end_matches(|c: char| c.is_ascii_digit());
    let candidates = [
        full_name.strip_suffix("Legacy"),
        (without_digits.len() < full_name.len())
            .then(|| without_digits.strip_suffix("_l").unwrap_or(without_digits)),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|base| base.strip_suffix('_').unwrap_or(base))
        .filter(|base| !base.is_empty() && !base.ends_with('.'))
        .find(|base| {
            let mut hasher = crc32fast::Hasher::new();
            hasher.update(base.as_bytes());
            hasher.update(rest.as_bytes());
            hasher.finalize() == written
        })
        .map(str::to_owned)
}

/// Marks the mismatches whose written id is the verified (or inferred) id of another
/// definition. An id that verifies nothing, such as one copied onto two definitions, explains
/// nothing.
pub(crate) fn explain_borrowed_ids(definitions: &[Definition<'_>], mismatches: &mut [IdMismatch]) {
    if mismatches.iter().all(|m| m.explanation.is_some()) {
        return;
    }
    let owners: HashMap<u32, &Definition<'_>> = definitions
        .iter()
        .filter(|d| d.written_id.is_none_or(|w| w == d.computed_id))
        .map(|d| (d.computed_id, d))
        .collect();
    for mismatch in mismatches.iter_mut().filter(|m| m.explanation.is_none()) {
        if let Some(owner) = owners.get(&mismatch.written) {
            mismatch.explanation = Some(MismatchExplanation::IdOf {
                name: owner.full_name(),
                line: owner.span.line,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_name_drops_a_version_suffix() {
        let text = " random_id:long = M";
        let id_as = |name: &str| crc32fast::hash(format!("{name}{text}").as_bytes());
        for (name, old) in [
            ("message8", "message"),
            ("message_l16", "message"),
            ("thumbLegacy", "thumb"),
            ("ns.message_8", "ns.message"),
        ] {
            let normalized = format!("{name}{text}");
            assert_eq!(
                name_before_rename(name, &normalized, id_as(old)).as_deref(),
                Some(old),
                "{name}"
            );
        }
        // No suffix, or another id: no older name.
        let normalized = format!("message{text}");
        assert_eq!(
            name_before_rename("message", &normalized, id_as("message")),
            None
        );
        let normalized = format!("message8{text}");
        assert_eq!(name_before_rename("message8", &normalized, 1), None);
        // A suffix that is the whole last name part leaves no name.
        let normalized = format!("ns.8{text}");
        assert_eq!(name_before_rename("ns.8", &normalized, id_as("ns.")), None);
    }
}
