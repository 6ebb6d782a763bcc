//! Fuzz target for `tl_parser::parse`.
//!
//! The parser must never panic or hang, whatever the input. Beyond that, this target checks:
//!
//! * on `Err(report)`: the report renders (`report.to_string()`, which runs codespan-reporting
//!   over every span), and every error span satisfies `start <= end <= source.len()`, both ends
//!   lie on `char` boundaries, and `line`/`column` are 1-based (>= 1);
//! * on `Ok(schema)`: for every definition, `normalized_text(def, schema.convention)` renders
//!   and `compute_id(def, schema.convention) == def.computed_id`.
//!
//! Valid UTF-8 input is parsed as is; any other input is parsed after
//! `String::from_utf8_lossy`, so that non-UTF-8 bytes still exercise the parser (as U+FFFD,
//! a multi-byte character, which is good for the char-boundary checks).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(source) => check(source),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
});

fn check(source: &str) {
    match tl_parser::parse("fuzz.tl", source, &tl_parser::Options::default()) {
        Err(report) => {
            let rendered = report.to_string();
            assert!(!rendered.is_empty(), "empty rendering of a report");
            assert!(!report.errors.is_empty(), "Err(report) without errors");
            for error in &report.errors {
                let span = error.span;
                assert!(
                    span.start <= span.end && span.end <= source.len(),
                    "span {}..{} out of bounds (len {}): {error:?}",
                    span.start,
                    span.end,
                    source.len(),
                );
                assert!(
                    source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
                    "span {}..{} not on char boundaries: {error:?}",
                    span.start,
                    span.end,
                );
                assert!(
                    span.line >= 1 && span.column >= 1,
                    "line/column not 1-based: {error:?}",
                );
            }
        }
        Ok(schema) => {
            for def in &schema.definitions {
                let normalized = tl_parser::normalized_text(def, schema.convention);
                assert!(!normalized.is_empty(), "empty normalized text: {def:?}");
                let id = tl_parser::compute_id(def, schema.convention);
                // Except where `%T` read as T's sole constructor verifies the written id.
                let bare_resolved =
                    normalized.contains('%') && def.written_id == Some(def.computed_id);
                assert!(
                    id == def.computed_id || bare_resolved,
                    "compute_id differs from computed_id for {normalized:?}",
                );
            }
        }
    }
}
