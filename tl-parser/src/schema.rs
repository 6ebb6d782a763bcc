//! The result of parsing a file: its definitions, and what was found about their ids.

use crate::ast::{Category, Definition};
use crate::id::{Convention, IdMismatch};
use crate::source::Span;

/// One parsed schema file. Names, namespaces and documentation borrow from the source text
/// (`'s`), so parsing allocates only the tree's vectors (and the documentation lines it
/// joins, see [`Definition::docs`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Schema<'s> {
    /// The name the file was parsed under (used in diagnostics).
    pub file: String,
    /// The number of the last `// LAYER N` line or `===N===` section, if any.
    pub layer: Option<u32>,
    /// The constructor-id convention the ids were verified and inferred with.
    pub convention: Convention,
    /// Every definition, in source order, except the repeats listed in `repeated`.
    pub definitions: Vec<Definition<'s>>,
    /// Written ids that differ from the computed ones, in source order.
    pub id_mismatches: Vec<IdMismatch>,
    /// Definitions written again with the same id and text, left out of `definitions`, in
    /// source order.
    pub repeated: Vec<Repeated>,
}

/// A definition that would be a duplicate (the same full name and category as an earlier one
/// in its `===N===` section, or outside any section) but says the same: the same written id
/// (or none) and the same normalized text, comments and spacing aside. Harmless, so not an
/// error, but worth telling (it is usually left over from a merge). It is not in
/// [`Schema::definitions`], and its doc comments are dropped with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The full name.
    pub name: String,
    /// The repeated definition.
    pub span: Span,
    /// The line of the first definition.
    pub first_line: u32,
}

impl<'s> Schema<'s> {
    /// Mismatches that the caller did not accept (by name or as explained).
    pub fn unaccepted_mismatches(&self) -> impl Iterator<Item = &IdMismatch> {
        self.id_mismatches.iter().filter(|m| !m.accepted)
    }

    /// Definitions whose written id equals the computed one.
    pub fn verified_ids(&self) -> usize {
        self.definitions
            .iter()
            .filter(|d| d.written_id == Some(d.computed_id))
            .count()
    }

    /// Definitions without a written id, whose id was computed.
    pub fn inferred_ids(&self) -> usize {
        self.definitions
            .iter()
            .filter(|d| d.written_id.is_none())
            .count()
    }

    /// Counts of (types, functions).
    pub fn counts(&self) -> (usize, usize) {
        let types = self
            .definitions
            .iter()
            .filter(|d| d.category == Category::Type)
            .count();
        (types, self.definitions.len() - types)
    }
}
