//! Parse benchmark: `tl_parser::parse` (whole-file parse into a typed AST with spans, plus the
//! CRC32 of every definition and the verification of every written id) against
//! `grammers_tl_parser::parse_tl_file` (which does not verify written ids), on real schemas.
//!
//! The input comes from the corpus directory named by `TL_CORPUS` (e.g.
//! `TL_CORPUS=../shared/schema cargo bench -p tl-parser --bench parse`); without it the
//! benchmark falls back to the project's own, much smaller `schema/api.tl`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Written ids in telegram/api.tl (layer 214), all of which must verify.
const TELEGRAM_API_IDS: usize = 2206;
/// Written ids in grammers/api.tl (layer 230), all of which must verify.
const GRAMMERS_API_IDS: usize = 2554;

const FALLBACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/api.tl");

struct Input {
    label: String,
    source: String,
    /// How many written ids must verify, when known.
    expected_ids: Option<usize>,
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read benchmark input {}: {e}", path.display()))
}

/// telegram/api.tl from the corpus, or the project's own schema if `TL_CORPUS` is unset.
fn main_input() -> Input {
    match std::env::var_os("TL_CORPUS") {
        Some(dir) => {
            let path = PathBuf::from(dir).join("telegram/api.tl");
            Input {
                label: path.display().to_string(),
                source: read(&path),
                expected_ids: Some(TELEGRAM_API_IDS),
            }
        }
        None => {
            eprintln!(
                "TL_CORPUS is not set: the parse benchmark needs the corpus \
                 (e.g. TL_CORPUS=../shared/schema); falling back to {FALLBACK}"
            );
            let path = PathBuf::from(FALLBACK);
            Input {
                label: path.display().to_string(),
                source: read(&path),
                expected_ids: None,
            }
        }
    }
}

/// grammers/api.tl from the corpus, if `TL_CORPUS` is set and the file is there.
fn grammers_input() -> Option<Input> {
    let path = PathBuf::from(std::env::var_os("TL_CORPUS")?).join("grammers/api.tl");
    path.is_file().then(|| Input {
        label: path.display().to_string(),
        source: read(&path),
        expected_ids: Some(GRAMMERS_API_IDS),
    })
}

/// Parses once outside the timed loop and checks that every written id verified.
fn check_ours(input: &Input) {
    let schema = tl_parser::parse(&input.label, &input.source, &tl_parser::Options::default())
        .unwrap_or_else(|report| panic!("{} does not parse: {report:?}", input.label));
    let written = schema
        .definitions
        .iter()
        .filter(|d| d.written_id.is_some())
        .count();
    let verified = schema.verified_ids();
    assert!(
        schema.id_mismatches.is_empty(),
        "{}: unexpected id mismatches: {:?}",
        input.label,
        schema.id_mismatches
    );
    assert_eq!(
        verified, written,
        "{}: not every written id verified",
        input.label
    );
    if let Some(expected) = input.expected_ids {
        assert_eq!(verified, expected, "{}: verified ids", input.label);
    }
    eprintln!(
        "tl_parser: {}: {} definitions, {verified} written ids verified",
        input.label,
        schema.definitions.len()
    );
}

/// Ok items out of a fully consumed `parse_tl_file`.
fn grammers_ok(source: &str) -> usize {
    grammers_tl_parser::parse_tl_file(source)
        .collect::<Vec<_>>()
        .iter()
        .filter(|d| d.is_ok())
        .count()
}

/// Runs grammers once outside the timed loop, reports what it makes of the file, and returns
/// the number of definitions it parses, which every timed run must reproduce.
fn check_grammers(input: &Input) -> usize {
    let all: Vec<_> = grammers_tl_parser::parse_tl_file(&input.source).collect();
    let ok = all.iter().filter(|d| d.is_ok()).count();
    eprintln!(
        "grammers_tl_parser: {}: {} items, {ok} definitions, {} errors (it does not verify ids)",
        input.label,
        all.len(),
        all.len() - ok
    );
    assert!(ok > 0, "{}: grammers parsed nothing", input.label);
    assert_eq!(
        grammers_ok(&input.source),
        ok,
        "grammers is not deterministic"
    );
    ok
}

fn bench_pair(c: &mut Criterion, group_name: &str, input: &Input) {
    check_ours(input);
    let grammers_definitions = check_grammers(input);
    let options = tl_parser::Options::default();

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(input.source.len() as u64));
    group.bench_function("tl_parser::parse", |b| {
        b.iter(|| {
            tl_parser::parse(
                black_box(&input.label),
                black_box(&input.source),
                black_box(&options),
            )
        })
    });
    group.bench_function("grammers_tl_parser::parse_tl_file", |b| {
        b.iter(|| {
            let definitions: Vec<_> =
                grammers_tl_parser::parse_tl_file(black_box(&input.source)).collect();
            let ok = definitions.iter().filter(|d| d.is_ok()).count();
            debug_assert_eq!(ok, grammers_definitions);
            black_box(ok);
            definitions
        })
    });
    group.finish();
}

fn parse_api_tl(c: &mut Criterion) {
    bench_pair(c, "parse_api_tl", &main_input());
}

fn parse_grammers_api_tl(c: &mut Criterion) {
    if let Some(input) = grammers_input() {
        bench_pair(c, "parse_grammers_api_tl", &input);
    }
}

criterion_group!(benches, parse_api_tl, parse_grammers_api_tl);
criterion_main!(benches);
