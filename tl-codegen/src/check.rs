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

/// What checking found in one file, or across files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// How it went.
    pub outcome: Outcome,
    /// A human-readable summary, errors included.
    pub text: String,
}

/// Checks one file, appending a human-readable summary to `out` (errors go there too).
/// References to other types are not followed: see [`check_files`].
pub fn check_file(path: &Path, options: &Options, out: &mut String) -> Outcome {
    let report = &check_files(&[path], options, false)[0];
    out.push_str(&report.text);
    report.outcome
}

/// Checks files that form one schema (e.g. api.tl and mtproto.tl): a report per file (syntax,
/// ids), then, if `resolve` and every file parsed, one for the references across them (unknown
/// types and the other errors that would stop generation), as generating them would find.
pub fn check_files(paths: &[impl AsRef<Path>], options: &Options, resolve: bool) -> Vec<Report> {
    let mut reports = Vec::new();
    let mut sources = Vec::new();
    for path in paths {
        let name = path.as_ref().display().to_string();
        match std::fs::read_to_string(path) {
            Ok(source) => sources.push((name, source)),
            Err(e) => reports.push(Report {
                outcome: Outcome::Errors,
                text: format!("error: cannot read {name}: {e}\n"),
            }),
        }
    }
    let mut schemas = Vec::new();
    for (name, source) in &sources {
        let mut text = String::new();
        let outcome = match tl_parser::parse(name, source, options) {
            Ok(schema) => {
                let outcome = summarize(&schema, &mut text);
                schemas.push(schema);
                outcome
            }
            Err(report) => {
                let _ = writeln!(text, "{report}");
                Outcome::Errors
            }
        };
        reports.push(Report { outcome, text });
    }
    if resolve && reports.iter().all(|r| r.outcome != Outcome::Errors) {
        if let Err(errors) = crate::model::resolve(&schemas, crate::DEFAULT_MAX_INLINE_VARIANT) {
            let named: Vec<(&str, &str)> = sources
                .iter()
                .map(|(name, text)| (name.as_str(), text.as_str()))
                .collect();
            let mut text = crate::model::render_errors(&errors, &named);
            let _ = writeln!(
                text,
                "error: the schema cannot be generated: {} error{}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            reports.push(Report {
                outcome: Outcome::Errors,
                text,
            });
        }
    }
    reports
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
