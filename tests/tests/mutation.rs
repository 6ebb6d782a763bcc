//! Mutated real schema lines never make the parser panic or hang, and every position it
//! reports lies within the text.
//!
//! Lines come from the project's own `schema/*.tl` (always available) and, when `TL_CORPUS`
//! is set, from the whole corpus. They are mutated by deleting, inserting and replacing
//! characters (TL punctuation, comment markers, non-ASCII), truncating, duplicating a stretch
//! and splicing in part of another line.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use tl_parser::{Options, Span, parse};

/// How long one parse of a few short lines may take before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(5);

/// Characters that matter to the grammar, plus non-ASCII and control characters.
const INTERESTING: &[char] = &[
    ';', ':', '#', '?', '<', '>', '{', '}', '(', ')', '[', ']', '!', '%', '.', '=', ',', '*', '/',
    '-', ' ', '\t', '\n', '\r', '0', '7', 'f', 'x', 'Z', '_', 'é', 'ü', 'ß', '✓', '日', '🦀',
    '\u{0}', '\u{feff}', '\u{2028}',
];

/// Every non-empty line of the own schema files, then of the corpus files if `TL_CORPUS` is set.
fn lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
        let mut files = vec![own.join("api.tl"), own.join("mtproto.tl")];
        if let Some(corpus) = std::env::var_os("TL_CORPUS").filter(|c| !c.is_empty()) {
            let corpus = Path::new(&corpus);
            for file in [
                "telegram/api.tl",
                "telegram/mtproto.tl",
                "grammers/api.tl",
                "tdlib/td_api.tl",
                "tdlib/e2e_api.tl",
                "tdlib/mtproto_api.tl",
                "ton/ton_api.tl",
                "ton/tonlib_api.tl",
            ] {
                files.push(corpus.join(file));
            }
        }
        let mut lines = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
            lines.extend(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned),
            );
        }
        assert!(lines.len() > 100, "too few schema lines: {}", lines.len());
        lines
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Insert(Index, char),
    Replace(Index, char),
    Truncate(Index),
    /// Copies the stretch between two positions right after itself.
    Duplicate(Index, Index),
    /// Keeps this text up to a position and appends another line from a position on.
    Splice(Index, Index, Index),
}

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![4 => select(INTERESTING), 1 => any::<char>()]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Delete),
        3 => (any::<Index>(), any_char()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        3 => (any::<Index>(), any_char()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(l, a, b)| Mutation::Splice(l, a, b)),
    ]
}

/// The byte offset of the `index`-th of the `len + 1` char boundaries of `text`.
fn boundary(text: &str, index: &Index) -> usize {
    let count = text.chars().count();
    let n = index.index(count + 1);
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Delete(i) => {
            if !text.is_empty() {
                let count = text.chars().count();
                let (at, c) = text.char_indices().nth(i.index(count)).unwrap();
                text.replace_range(at..at + c.len_utf8(), "");
            }
        }
        Mutation::Insert(i, c) => {
            let at = boundary(text, i);
            text.insert(at, *c);
        }
        Mutation::Replace(i, c) => {
            if text.is_empty() {
                text.push(*c);
            } else {
                let count = text.chars().count();
                let (at, old) = text.char_indices().nth(i.index(count)).unwrap();
                text.replace_range(at..at + old.len_utf8(), c.encode_utf8(&mut [0; 4]));
            }
        }
        Mutation::Truncate(i) => {
            let at = boundary(text, i);
            text.truncate(at);
        }
        Mutation::Duplicate(a, b) => {
            let (a, b) = (boundary(text, a), boundary(text, b));
            let (from, to) = (a.min(b), a.max(b));
            let copy = text[from..to].to_owned();
            text.insert_str(to, &copy);
        }
        Mutation::Splice(line, a, b) => {
            let other = &lines()[line.index(lines().len())];
            let keep = boundary(text, a);
            text.truncate(keep);
            text.push_str(&other[boundary(other, b)..]);
        }
    }
}

/// The 1-based line and character column of byte offset `at`, computed independently.
fn position(src: &str, at: usize) -> (u32, u32) {
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let mut column = before[line_start..].chars().count() + 1;
    if line == 1 && src.starts_with('\u{feff}') && at > 0 {
        // A byte order mark is not a column.
        column -= 1;
    }
    (line as u32, column as u32)
}

fn check_span(src: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= src.len(),
        "{what}: span {span:?} outside the text of {} bytes",
        src.len()
    );
    prop_assert!(
        src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
    let lines = src.matches('\n').count() as u32 + 1;
    prop_assert!(
        span.line >= 1 && span.line <= lines,
        "{what}: line {} of {lines}",
        span.line
    );
    let line_text = src.split('\n').nth(span.line as usize - 1).unwrap_or("");
    let max_column = line_text.chars().count() as u32 + 1;
    prop_assert!(
        span.column >= 1 && span.column <= max_column,
        "{what}: column {} on a line of {} characters",
        span.column,
        max_column - 1
    );
    prop_assert_eq!(
        (span.line, span.column),
        position(src, span.start),
        "{}: line:column does not match the start offset of {:?}",
        what,
        span
    );
    Ok(())
}

/// What each span of a parse belongs to, and the span.
type Spans = Vec<(String, Span)>;

fn collect_type(out: &mut Spans, ty: &tl_parser::Type) {
    out.push((format!("type {}", ty.full_name()), ty.span));
    for arg in &ty.args {
        collect_type(out, arg);
    }
}

fn collect_params(out: &mut Spans, params: &[tl_parser::Param]) {
    for param in params {
        out.push(("param".to_owned(), param.span));
        match &param.kind {
            tl_parser::ParamKind::Nat => {}
            tl_parser::ParamKind::Typed { condition, ty } => {
                if let Some(c) = condition {
                    out.push(("condition".to_owned(), c.span));
                }
                collect_type(out, ty);
            }
            tl_parser::ParamKind::Repeated { params, .. } => collect_params(out, params),
        }
    }
}

/// Parses `src` and lists the spans of every definition, parameter, type and error.
fn parse_and_collect(src: &str) -> Spans {
    let mut spans = Vec::new();
    match parse("mutated.tl", src, &Options::default()) {
        Ok(schema) => {
            for def in &schema.definitions {
                spans.push((format!("definition {}", def.full_name()), def.span));
                for g in &def.generics {
                    spans.push(("generic".to_owned(), g.span));
                }
                collect_params(&mut spans, &def.params);
                collect_type(&mut spans, &def.result);
            }
            for m in &schema.id_mismatches {
                spans.push((format!("mismatch {}", m.name), m.span));
                let _ = m.to_string();
            }
        }
        Err(report) => {
            assert!(!report.errors.is_empty(), "a report without errors");
            for e in &report.errors {
                spans.push((format!("error {e}"), e.span));
            }
            // Rendering must not panic either.
            let rendered = report.to_string();
            assert!(rendered.contains("mutated.tl"));
        }
    }
    spans
}

/// Parses on a worker thread: a panic or a parse slower than [`TIMEOUT`] fails the case.
fn parse_checked(src: &str) -> Result<(), TestCaseError> {
    let (tx, rx) = mpsc::channel();
    let owned = src.to_owned();
    std::thread::spawn(move || {
        let _ = tx.send(parse_and_collect(&owned));
    });
    let spans = match rx.recv_timeout(TIMEOUT) {
        Ok(parsed) => parsed,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(TestCaseError::fail(format!(
                "parse did not finish within {TIMEOUT:?} on {src:?}"
            )));
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            return Err(TestCaseError::fail(format!("parse panicked on {src:?}")));
        }
    };
    check_spans(src, spans)
}

fn check_spans(src: &str, spans: Spans) -> Result<(), TestCaseError> {
    for (what, span) in spans {
        check_span(src, span, &what)?;
    }
    Ok(())
}

/// As [`parse_checked`] on the current thread (a panic fails the test directly).
#[track_caller]
fn parse_checked_here(src: &str) {
    check_spans(src, parse_and_collect(src)).unwrap_or_else(|e| panic!("{e} in {src:?}"));
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Keep failures reproducible from the printed input rather than writing files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn mutated_lines_never_panic_and_positions_stay_in_the_text(
        start in any::<Index>(),
        count in 1usize..=4,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let pool = lines();
        let first = start.index(pool.len());
        let end = (first + count).min(pool.len());
        let mut text = pool[first..end].join("\n");
        for m in &mutations {
            apply(&mut text, m);
        }
        parse_checked(&text)?;
    }

    #[test]
    fn unmutated_windows_of_lines_parse_without_panicking(
        start in any::<Index>(),
        count in 1usize..=6,
    ) {
        let pool = lines();
        let first = start.index(pool.len());
        let end = (first + count).min(pool.len());
        parse_checked(&pool[first..end].join("\n"))?;
    }
}

/// Every single-character deletion, and an insertion of each interesting character at every
/// position, of one line that uses most of the grammar.
#[test]
fn every_single_character_edit_of_a_rich_line() {
    let line = "/* ✓ */ a.b#1cb5c415 {X:Type} flags:# f:flags.3?(vector adnl.Message) \
                v:Vector<Vector<%T>> n*[ x:int ] q:!X = X; // é";
    let boundaries: Vec<usize> = line
        .char_indices()
        .map(|(i, _)| i)
        .chain([line.len()])
        .collect();
    for window in boundaries.windows(2) {
        let mut text = line.to_owned();
        text.replace_range(window[0]..window[1], "");
        parse_checked_here(&text);
    }
    for &at in &boundaries {
        for &c in INTERESTING {
            let mut text = line.to_owned();
            text.insert(at, c);
            parse_checked_here(&text);
        }
    }
}
