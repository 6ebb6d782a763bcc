//! `tl-codegen check`: parse schema files, verify their constructor ids and print a summary.

use std::fmt::Write as _;
use std::path::Path;

use tl_parser::{Options, Schema};

/// The outcome of checking one or more files, ordered by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything parsed and every written id verified (or was accepted).
    Verified = 0,
    /// Some written id does not match its definition.
    IdMismatch = 1,
    /// Syntax or semantic errors, or an unreadable file.
    Errors = 2,
}

/// Checks one file, appending a human-readable summary to `out` (errors go there too).
pub fn check_file(path: &Path, options: &Options, out: &mut String) -> Outcome {
    let name = path.display().to_string();
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(e) => {
            let _ = writeln!(out, "error: cannot read {name}: {e}");
            return Outcome::Errors;
        }
    };
    match tl_parser::parse(&name, &source, options) {
        Ok(schema) => summarize(&schema, out),
        Err(report) => {
            let _ = writeln!(out, "{report}");
            Outcome::Errors
        }
    }
}

fn summarize(schema: &Schema, out: &mut String) -> Outcome {
    let (types, functions) = schema.counts();
    let written = schema
        .definitions
        .iter()
        .filter(|d| d.written_id.is_some())
        .count();
    let layer = schema
        .layer
        .map_or_else(|| "none".to_owned(), |l| l.to_string());
    let _ = writeln!(out, "{}", schema.file);
    let _ = writeln!(out, "  convention:   {}", schema.convention);
    let _ = writeln!(out, "  layer:        {layer}");
    let _ = writeln!(
        out,
        "  definitions:  {} ({types} types + {functions} functions)",
        schema.definitions.len()
    );
    let _ = writeln!(
        out,
        "  verified ids: {} of {written} written",
        schema.verified_ids()
    );
    let _ = writeln!(out, "  inferred ids: {}", schema.inferred_ids());
    for mismatch in &schema.id_mismatches {
        let label = if mismatch.accepted {
            "accepted mismatch"
        } else {
            "id mismatch"
        };
        let _ = writeln!(out, "  {label}: {mismatch}");
    }
    if schema.unaccepted_mismatches().next().is_some() {
        Outcome::IdMismatch
    } else {
        Outcome::Verified
    }
}
