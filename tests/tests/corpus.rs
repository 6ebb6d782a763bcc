//! The parser and `tl-codegen check` over real schema files.
//!
//! The corpus (see its MANIFEST.md) is found through the `TL_CORPUS` environment variable,
//! e.g. `TL_CORPUS=$PWD/../shared/schema cargo test -p tl-tests`. Without it, every corpus test
//! prints why it did not run and passes; with it, a missing file is a failure. The project's
//! own schema files (`schema/` at the workspace root) are always checked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tl_codegen::check::{Outcome, check_file};
use tl_parser::{Convention, MismatchExplanation, Options, Schema, compute_id, parse};

/// One row of the MANIFEST table.
struct Manifest {
    file: &'static str,
    layer: Option<u32>,
    types: usize,
    functions: usize,
    written_ids: usize,
    /// Written ids the MANIFEST documents as not being the CRC of their own line.
    mismatches: &'static [&'static str],
}

const TELEGRAM_MTPROTO_MISMATCHES: &[&str] =
    &["ipPortSecret", "accessPointRule", "help.configSimple"];

const MANIFEST: [Manifest; 11] = [
    Manifest {
        file: "telegram/api.tl",
        layer: Some(214),
        types: 1479,
        functions: 727,
        written_ids: 2206,
        mismatches: &[],
    },
    Manifest {
        file: "telegram/mtproto.tl",
        layer: None,
        types: 56,
        functions: 10,
        written_ids: 50,
        mismatches: TELEGRAM_MTPROTO_MISMATCHES,
    },
    Manifest {
        file: "telegram/api-layer195.tl",
        layer: Some(195),
        types: 1380,
        functions: 677,
        written_ids: 2057,
        mismatches: &[],
    },
    Manifest {
        file: "grammers/api.tl",
        layer: Some(230),
        types: 1704,
        functions: 850,
        written_ids: 2554,
        mismatches: &[],
    },
    Manifest {
        file: "grammers/mtproto.tl",
        layer: None,
        types: 56,
        functions: 10,
        written_ids: 51,
        mismatches: TELEGRAM_MTPROTO_MISMATCHES,
    },
    Manifest {
        file: "tdlib/td_api.tl",
        layer: None,
        types: 2168,
        functions: 1010,
        written_ids: 0,
        mismatches: &[],
    },
    Manifest {
        file: "tdlib/telegram_api.tl",
        // Layer 228, but not written in the file.
        layer: None,
        types: 1655,
        functions: 813,
        written_ids: 2460,
        mismatches: &[
            "ipPortSecret",
            "accessPointRule",
            "help.configSimple",
            "inputPeerPhotoFileLocationLegacy",
            "inputStickerSetThumbLegacy",
            "invokeWithBusinessConnectionPrefix",
            "invokeWithGooglePlayIntegrityPrefix",
            "invokeWithApnsSecretPrefix",
            "invokeWithReCaptchaPrefix",
        ],
    },
    Manifest {
        file: "tdlib/mtproto_api.tl",
        layer: None,
        types: 40,
        functions: 8,
        written_ids: 39,
        mismatches: &["gzip_packed"],
    },
    Manifest {
        file: "tdlib/e2e_api.tl",
        layer: None,
        types: 48,
        functions: 1,
        written_ids: 4,
        mismatches: &[],
    },
    Manifest {
        file: "ton/ton_api.tl",
        layer: None,
        types: 510,
        functions: 159,
        written_ids: 3,
        mismatches: &["tonNode.capabilities", "db.block.info", "collatorNode.pong"],
    },
    Manifest {
        file: "ton/tonlib_api.tl",
        layer: None,
        types: 149,
        functions: 85,
        written_ids: 0,
        mismatches: &[],
    },
];

/// The path of a corpus file, which must exist.
#[track_caller]
fn corpus_file(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join(file);
    assert!(
        path.is_file(),
        "TL_CORPUS is set to {} but the corpus file {} is missing",
        dir.display(),
        path.display()
    );
    path
}

#[track_caller]
fn parse_file(path: &Path, options: &Options) -> Schema<'static> {
    // The tree borrows from its source; a test process can keep a few files alive.
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .leak();
    parse(&path.display().to_string(), source, options)
        .unwrap_or_else(|report| panic!("{} does not parse:\n{report}", path.display()))
}

#[track_caller]
fn parse_corpus(dir: &Path, file: &str) -> Schema<'static> {
    parse_file(&corpus_file(dir, file), &Options::default())
}

/// `tl-codegen check` on one file: its outcome and printed summary.
fn check(path: &Path, options: &Options) -> (Outcome, String) {
    let mut out = String::new();
    let outcome = check_file(path, options, &mut out);
    (outcome, out)
}

fn written_ids(schema: &Schema) -> usize {
    schema
        .definitions
        .iter()
        .filter(|d| d.written_id.is_some())
        .count()
}

fn unaccepted<'a>(schema: &'a Schema<'_>) -> BTreeSet<&'a str> {
    schema
        .unaccepted_mismatches()
        .map(|m| m.name.as_str())
        .collect()
}

fn accepting(names: &[&str]) -> Options {
    Options::default().with_accepted_mismatches(names.iter().copied())
}

#[track_caller]
fn definition_id(schema: &Schema, name: &str) -> u32 {
    schema
        .definitions
        .iter()
        .find(|d| d.full_name() == name)
        .unwrap_or_else(|| panic!("no `{name}` in {}", schema.file))
        .id()
}

#[test]
fn corpus_files_check_verified() {
    let Some(dir) = corpus_dir("corpus_files_check_verified") else {
        return;
    };
    for file in [
        "telegram/api.tl",
        "telegram/api-layer195.tl",
        "grammers/api.tl",
        "tdlib/td_api.tl",
        "tdlib/e2e_api.tl",
        "ton/tonlib_api.tl",
    ] {
        let (outcome, out) = check(&corpus_file(&dir, file), &Options::default());
        assert_eq!(outcome, Outcome::Verified, "{file}:\n{out}");
        assert_eq!(outcome as i32, 0);
    }
}

#[test]
fn telegram_api_files_verify_every_written_id() {
    let Some(dir) = corpus_dir("telegram_api_files_verify_every_written_id") else {
        return;
    };
    for (file, expected) in [
        ("telegram/api.tl", 2206),
        ("telegram/api-layer195.tl", 2057),
        ("grammers/api.tl", 2554),
    ] {
        let schema = parse_corpus(&dir, file);
        assert_eq!(schema.convention, Convention::Telegram, "{file}");
        assert_eq!(written_ids(&schema), expected, "written ids of {file}");
        assert_eq!(schema.verified_ids(), expected, "verified ids of {file}");
        assert_eq!(schema.inferred_ids(), 0, "{file}");
        let mismatches: Vec<String> = schema.id_mismatches.iter().map(|m| m.to_string()).collect();
        assert!(mismatches.is_empty(), "{file}: {mismatches:#?}");
    }
}

#[test]
fn telegram_mtproto_has_exactly_the_three_known_mismatches() {
    let Some(dir) = corpus_dir("telegram_mtproto_has_exactly_the_three_known_mismatches") else {
        return;
    };
    let path = corpus_file(&dir, "telegram/mtproto.tl");
    let expected: BTreeSet<&str> = TELEGRAM_MTPROTO_MISMATCHES.iter().copied().collect();

    let schema = parse_file(&path, &Options::default());
    assert_eq!(unaccepted(&schema), expected);
    for m in &schema.id_mismatches {
        assert_ne!(m.written, m.computed, "{m}");
    }
    let ip_port_secret = &schema.id_mismatches[0];
    assert_eq!(ip_port_secret.name, "ipPortSecret");
    assert_eq!(ip_port_secret.written, 0x3798_2646);
    let (outcome, out) = check(&path, &Options::default());
    assert_eq!(outcome, Outcome::IdMismatch, "{out}");
    assert_eq!(outcome as i32, 1);
    for name in TELEGRAM_MTPROTO_MISMATCHES {
        assert!(out.contains(name), "{name} not reported in:\n{out}");
    }

    let options = accepting(TELEGRAM_MTPROTO_MISMATCHES);
    let schema = parse_file(&path, &options);
    assert!(unaccepted(&schema).is_empty());
    assert_eq!(
        schema.id_mismatches.len(),
        3,
        "accepted mismatches stay listed"
    );
    assert!(schema.id_mismatches.iter().all(|m| m.accepted));
    let (outcome, out) = check(&path, &options);
    assert_eq!(outcome, Outcome::Verified, "{out}");

    // Accepting only two of them is not enough.
    let (outcome, _) = check(&path, &accepting(&TELEGRAM_MTPROTO_MISMATCHES[..2]));
    assert_eq!(outcome, Outcome::IdMismatch);
}

#[test]
fn documented_mismatches_are_reported_exactly() {
    let Some(dir) = corpus_dir("documented_mismatches_are_reported_exactly") else {
        return;
    };
    for entry in &MANIFEST {
        let path = corpus_file(&dir, entry.file);
        let schema = parse_file(&path, &Options::default());
        let expected: BTreeSet<&str> = entry.mismatches.iter().copied().collect();
        assert_eq!(unaccepted(&schema), expected, "{}", entry.file);
        assert_eq!(
            schema.verified_ids(),
            entry.written_ids - entry.mismatches.len(),
            "verified ids of {}",
            entry.file
        );
        let (outcome, out) = check(&path, &accepting(entry.mismatches));
        assert_eq!(outcome, Outcome::Verified, "{}:\n{out}", entry.file);
    }
}

#[test]
fn definition_counts_match_the_manifest() {
    let Some(dir) = corpus_dir("definition_counts_match_the_manifest") else {
        return;
    };
    for entry in &MANIFEST {
        let schema = parse_corpus(&dir, entry.file);
        assert_eq!(
            schema.counts(),
            (entry.types, entry.functions),
            "(types, functions) of {}",
            entry.file
        );
        assert_eq!(
            schema.definitions.len(),
            entry.types + entry.functions,
            "{}",
            entry.file
        );
        assert_eq!(
            written_ids(&schema),
            entry.written_ids,
            "written ids of {}",
            entry.file
        );
        assert_eq!(
            schema.inferred_ids(),
            schema.definitions.len() - entry.written_ids,
            "{}",
            entry.file
        );
    }
}

#[test]
fn layers_match_the_manifest() {
    let Some(dir) = corpus_dir("layers_match_the_manifest") else {
        return;
    };
    for entry in &MANIFEST {
        let schema = parse_corpus(&dir, entry.file);
        assert_eq!(schema.layer, entry.layer, "layer of {}", entry.file);
    }
}

#[test]
fn conventions_are_detected_per_file() {
    let Some(dir) = corpus_dir("conventions_are_detected_per_file") else {
        return;
    };
    for entry in &MANIFEST {
        let schema = parse_corpus(&dir, entry.file);
        let expected = if entry.written_ids * 2 >= entry.types + entry.functions {
            Convention::Telegram
        } else {
            Convention::TlParser
        };
        assert_eq!(schema.convention, expected, "{}", entry.file);
    }
    for file in [
        "tdlib/td_api.tl",
        "tdlib/e2e_api.tl",
        "ton/ton_api.tl",
        "ton/tonlib_api.tl",
    ] {
        assert_eq!(
            parse_corpus(&dir, file).convention,
            Convention::TlParser,
            "{file}"
        );
    }
}

#[test]
fn tl_parser_convention_spot_values() {
    let Some(dir) = corpus_dir("tl_parser_convention_spot_values") else {
        return;
    };
    let td_api = parse_corpus(&dir, "tdlib/td_api.tl");
    assert_eq!(td_api.convention, Convention::TlParser);
    assert_eq!(definition_id(&td_api, "error"), 0x9bdd_8f1a);
    assert_eq!(definition_id(&td_api, "ok"), 0xd4ed_be69);

    let ton_api = parse_corpus(&dir, "ton/ton_api.tl");
    assert_eq!(ton_api.convention, Convention::TlParser);
    assert_eq!(definition_id(&ton_api, "adnl.message.query"), 0xb48b_f97a);
}

#[test]
fn vector_id_under_both_conventions_in_the_corpus() {
    let Some(dir) = corpus_dir("vector_id_under_both_conventions_in_the_corpus") else {
        return;
    };
    // Written (`vector#1cb5c415`) in grammers/api.tl, not written in td_api.tl.
    for (file, written) in [
        ("grammers/api.tl", Some(0x1cb5_c415)),
        ("tdlib/td_api.tl", None),
        ("telegram/mtproto.tl", None),
    ] {
        let schema = parse_corpus(&dir, file);
        let vector = schema
            .definitions
            .iter()
            .find(|d| d.full_name() == "vector")
            .unwrap_or_else(|| panic!("no `vector` in {file}"));
        assert_eq!(vector.written_id, written, "{file}");
        assert_eq!(vector.computed_id, 0x1cb5_c415, "{file}");
        for convention in [Convention::Telegram, Convention::TlParser] {
            assert_eq!(
                compute_id(vector, convention),
                0x1cb5_c415,
                "{file} under {convention}"
            );
        }
    }
}

#[test]
fn vector_id_under_both_conventions_standalone() {
    for convention in [Convention::Telegram, Convention::TlParser] {
        let options = Options::default().with_convention(convention);
        for src in [
            "vector {t:Type} # [ t ] = Vector t;\n",
            "vector#1cb5c415 {t:Type} # [ t ] = Vector t;\n",
        ] {
            let schema = parse("vector.tl", src, &options).unwrap_or_else(|r| panic!("{r}"));
            let vector = &schema.definitions[0];
            assert_eq!(
                vector.computed_id, 0x1cb5_c415,
                "{src:?} under {convention}"
            );
            assert_eq!(compute_id(vector, Convention::Telegram), 0x1cb5_c415);
            assert_eq!(compute_id(vector, Convention::TlParser), 0x1cb5_c415);
            assert!(schema.id_mismatches.is_empty());
        }
    }
}

#[test]
fn own_schema_files_verify_every_written_id() {
    let schema_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    for file in ["api.tl", "mtproto.tl"] {
        let path = schema_dir.join(file);
        let schema = parse_file(&path, &Options::default());
        let written = written_ids(&schema);
        assert!(written > 0, "{file} has no written ids");
        let mismatches: Vec<String> = schema.id_mismatches.iter().map(|m| m.to_string()).collect();
        assert!(mismatches.is_empty(), "{file}: {mismatches:#?}");
        assert_eq!(schema.verified_ids(), written, "{file}");
        let (outcome, out) = check(&path, &Options::default());
        assert_eq!(outcome, Outcome::Verified, "{file}:\n{out}");
    }
}

/// The corpus directory, or `None` after saying the corpus test was skipped.
fn corpus_dir(test: &str) -> Option<PathBuf> {
    tl_tests::corpus(&format!("corpus test {test}"))
}

#[test]
fn tdlib_renamed_and_prefix_constructors_are_explained() {
    let Some(dir) = corpus_dir("tdlib_renamed_and_prefix_constructors_are_explained") else {
        return;
    };
    let path = corpus_file(&dir, "tdlib/telegram_api.tl");
    let schema = parse_file(&path, &Options::default());
    let explanation = |name: &str| {
        schema
            .id_mismatches
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no mismatch of `{name}`"))
            .explanation
            .clone()
    };
    for (name, old_name) in [
        (
            "inputPeerPhotoFileLocationLegacy",
            "inputPeerPhotoFileLocation",
        ),
        ("inputStickerSetThumbLegacy", "inputStickerSetThumb"),
    ] {
        assert_eq!(
            explanation(name),
            Some(MismatchExplanation::Renamed {
                old_name: old_name.to_owned()
            })
        );
    }
    for (name, function) in [
        (
            "invokeWithBusinessConnectionPrefix",
            "invokeWithBusinessConnection",
        ),
        ("invokeWithReCaptchaPrefix", "invokeWithReCaptcha"),
    ] {
        let Some(MismatchExplanation::IdOf { name: owner, line }) = explanation(name) else {
            panic!("`{name}` is not explained by `{function}`");
        };
        assert_eq!(owner, function);
        let written = schema.definitions.iter().find(|d| d.full_name() == owner);
        assert_eq!(written.map(|d| d.span.line), Some(line));
    }
    assert_eq!(
        explanation("ipPortSecret"),
        Some(MismatchExplanation::OtherConvention(Convention::TlParser))
    );
    assert_eq!(explanation("accessPointRule"), None);

    let accepting_explained = Options::default().with_accept_explained(true);
    let schema = parse_file(&path, &accepting_explained);
    let left = unaccepted(&schema);
    // ipPortSecret is verified under the C tl-parser's convention (bytes not rewritten).
    assert_eq!(left.len(), 6, "{left:?}");
    assert!(!left.contains("ipPortSecret"));
    assert!(!left.contains("inputStickerSetThumbLegacy"));
}
