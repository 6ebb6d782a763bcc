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

/// What checking found in one file, or across files ([`Resolution::Together`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileReport {
    /// How it went.
    pub outcome: Outcome,
    /// A human-readable summary, errors included.
    pub text: String,
}

/// Checks one file, appending a human-readable summary to `out` (errors go there too).
/// References to other types are not followed: see [`check_files`].
pub fn check_file(path: &Path, options: &Options, out: &mut String) -> Outcome {
    let report = &check_files(&[path], options, Resolution::None)[0];
    out.push_str(&report.text);
    report.outcome
}

/// Whether and how [`check_files`] resolves the types that files refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resolution {
    /// Syntax and ids only.
    None,
    /// Each file as a schema of its own (the command's default: files need not be related).
    EachFile,
    /// All files as one schema, as generating them together would (api.tl and mtproto.tl).
    Together,
}

/// Checks files: a report per file, in order (syntax, ids, and with [`Resolution::EachFile`]
/// its unknown types and the other errors that would stop generation), then with
/// [`Resolution::Together`], if every file parsed, one report for the references across them.
pub fn check_files(
    paths: &[impl AsRef<Path>],
    options: &Options,
    resolution: Resolution,
) -> Vec<FileReport> {
    let sources: Vec<(String, Result<String, String>)> = paths
        .iter()
        .map(|path| {
            let name = path.as_ref().display().to_string();
            let source = std::fs::read_to_string(path).map_err(|e| e.to_string());
            (name, source)
        })
        .collect();
    let mut reports = Vec::new();
    let mut schemas = Vec::new();
    for (name, source) in &sources {
        let source = match source {
            Ok(source) => source,
            Err(e) => {
                reports.push(FileReport {
                    outcome: Outcome::Errors,
                    text: format!("error: cannot read {name}: {e}\n"),
                });
                continue;
            }
        };
        let mut text = String::new();
        let mut outcome = Outcome::Errors;
        match tl_parser::parse(name, source, options) {
            Ok(schema) => {
                outcome = summarize(&schema, &mut text);
                if resolution == Resolution::EachFile
                    && let Some(errors) = resolve(std::slice::from_ref(&schema), &[(name, source)])
                {
                    text.push_str(&errors);
                    outcome = Outcome::Errors;
                }
                schemas.push(schema);
            }
            Err(report) => {
                let _ = writeln!(text, "{report}");
            }
        }
        reports.push(FileReport { outcome, text });
    }
    if resolution == Resolution::Together && reports.iter().all(|r| r.outcome != Outcome::Errors) {
        let named: Vec<(&str, &str)> = sources
            .iter()
            .filter_map(|(name, source)| Some((name.as_str(), source.as_ref().ok()?.as_str())))
            .collect();
        if let Some(text) = resolve(&schemas, &named) {
            reports.push(FileReport {
                outcome: Outcome::Errors,
                text,
            });
        }
    }
    reports
}

/// The rendered errors that generating `schemas` would stop on, if any.
fn resolve(schemas: &[Schema], sources: &[(&str, &str)]) -> Option<String> {
    let settings = crate::resolve::Settings {
        max_inline_variant: crate::resolve::DEFAULT_MAX_INLINE_VARIANT,
        ..Default::default()
    };
    // No hooks are given, so every failure is the schemas'.
    let crate::resolve::Failure::Schema(errors) =
        crate::resolve::resolve(schemas, schemas.len(), &settings).err()?
    else {
        return None;
    };
    let rendered = crate::resolve::render_errors(&errors, sources);
    // Worded as generation words it.
    let error = crate::error::Error::from(crate::error::ErrorKind::Resolve { errors, rendered });
    Some(format!("{error}\n"))
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
    for repeat in &schema.repeated {
        let _ = writeln!(
            out,
            "  repeated:     {}:{}:{}: `{}` repeats line {} (same id and text); left out",
            schema.file, repeat.span.line, repeat.span.column, repeat.name, repeat.first_line
        );
    }
    for mismatch in &schema.id_mismatches {
        let label = if mismatch.accepted {
            "accepted mismatch"
        } else {
            "id mismatch"
        };
        let _ = writeln!(out, "  {label}: {mismatch}");
    }
    let unaccepted: Vec<_> = schema.unaccepted_mismatches().collect();
    for note in crate::error::mismatch_notes(&unaccepted) {
        let _ = writeln!(out, "  note: {note}");
    }
    if unaccepted.is_empty() {
        Outcome::Verified
    } else {
        Outcome::IdMismatch
    }
}
