//! The bundled schema (`schema/api.tl` and `schema/mtproto.tl`, the default bindings of
//! `tl-types`) is a subset of Telegram's own layer: every definition it writes is exactly one
//! of Telegram's, with the same name, category, id, generic and ordinary parameters and result.
//! A reduced or invented definition would build requests that Telegram rejects.
//!
//! The reference is the corpus (`TL_CORPUS`, see its MANIFEST.md): `telegram/api.tl` (layer
//! 214) and `telegram/mtproto.tl`. Without `TL_CORPUS` each test prints why it did not run and
//! passes. Telegram's mtproto.tl comments out the constructors it parses by hand
//! (`msg_container`, `rpc_result`, `message`, `gzip_packed`); the bundled schema has none of
//! them, so every one of its definitions has a parsed counterpart.

use std::path::{Path, PathBuf};

use tl_parser::{Category, Definition, Options, Schema, parse};

/// The bundled files, each with the corpus files holding its definitions: the built-in types
/// that our api.tl declares are in Telegram's mtproto.tl.
const BUNDLED: [&str; 2] = ["api.tl", "mtproto.tl"];
const TELEGRAM: [&str; 2] = ["telegram/api.tl", "telegram/mtproto.tl"];

fn parse_text(name: &str, source: String) -> Schema<'static> {
    // The tree borrows from its source; a test process can keep a few files alive.
    parse(name, source.leak(), &Options::default())
        .unwrap_or_else(|report| panic!("{name} does not parse:\n{report}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn bundled_path(file: &str) -> PathBuf {
    tl_tests::workspace_root().join("schema").join(file)
}

/// Telegram's files of the corpus, parsed.
fn telegram(corpus: &Path) -> Vec<Schema<'static>> {
    TELEGRAM
        .iter()
        .map(|file| {
            let path = corpus.join(file);
            assert!(
                path.is_file(),
                "TL_CORPUS is set to {} but the corpus file {} is missing",
                corpus.display(),
                path.display()
            );
            parse_text(file, read(&path))
        })
        .collect()
}

/// What a definition says on the wire and to the generator: the written id (or none), the
/// category and the normalized text (`name#id {X:Type} params = Result`), comments and
/// spacing aside.
fn content(def: &Definition) -> (Option<u32>, Category, String) {
    (def.written_id, def.category, def.to_string())
}

/// Each definition of `ours` that is not written exactly as one of Telegram's of the same
/// name, with what Telegram writes instead.
fn differences(ours: &Schema, telegram: &[Schema]) -> Vec<String> {
    ours.definitions
        .iter()
        .filter_map(|def| {
            let name = def.full_name();
            let theirs: Vec<&Definition> = telegram
                .iter()
                .flat_map(|schema| &schema.definitions)
                .filter(|t| t.full_name() == name)
                .collect();
            if theirs.iter().any(|t| content(t) == content(def)) {
                return None;
            }
            let line = def.span.line;
            Some(match theirs.first() {
                None => format!(
                    "{}:{line}: `{name}` is not a Telegram definition",
                    ours.file
                ),
                Some(t) => format!(
                    "{}:{line}: `{name}` is written\n    {:?}\n  Telegram has\n    {:?}",
                    ours.file,
                    content(def),
                    content(t)
                ),
            })
        })
        .collect()
}

#[test]
fn every_bundled_definition_is_telegrams() {
    let Some(corpus) = tl_tests::corpus("every_bundled_definition_is_telegrams") else {
        return;
    };
    let telegram = telegram(&corpus);
    let mut problems = Vec::new();
    for file in BUNDLED {
        let ours = parse_text(file, read(&bundled_path(file)));
        assert!(!ours.definitions.is_empty(), "{file} has no definitions");
        problems.extend(differences(&ours, &telegram));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bundled_api_is_the_layer_it_names() {
    let Some(corpus) = tl_tests::corpus("bundled_api_is_the_layer_it_names") else {
        return;
    };
    let ours = parse_text("api.tl", read(&bundled_path("api.tl")));
    let telegram = telegram(&corpus);
    assert_eq!(ours.layer, Some(214));
    assert_eq!(ours.layer, telegram[0].layer);
    // The same convention, so that the ids Telegram leaves out are computed alike.
    assert_eq!(ours.convention, telegram[0].convention);
}

#[test]
fn a_reduced_or_invented_definition_is_reported() {
    let Some(corpus) = tl_tests::corpus("a_reduced_or_invented_definition_is_reported") else {
        return;
    };
    let telegram = telegram(&corpus);
    let source = read(&bundled_path("api.tl"));
    let real = source
        .lines()
        .find(|line| line.starts_with("messages.sendMessage#"))
        .expect("api.tl has messages.sendMessage");
    // The reduced definition the bundled schema once had (its id is its text's CRC32), and
    // one that Telegram does not have at all.
    let tampered = source.replace(
        real,
        "messages.sendMessage#f9f68e8 flags:# no_webpage:flags.1?true silent:flags.5?true \
         background:flags.6?true peer:InputPeer message:string random_id:long \
         reply_markup:flags.2?ReplyMarkup entities:flags.3?Vector<MessageEntity> \
         schedule_date:flags.10?int = Updates;\n\
         contacts.getBlockedIds#68d71f60 offset:int limit:int = Vector<long>;",
    );
    let problems = differences(&parse_text("api.tl", tampered), &telegram);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("`messages.sendMessage` is written"));
    assert!(problems[0].contains("fe05dc9a"), "{}", problems[0]);
    assert!(problems[1].contains("`contacts.getBlockedIds` is not a Telegram definition"));

    // Only the id differs: still reported.
    let wrong_id = source.replace("help.getConfig#c4f9186b", "help.getConfig#c4f9186c");
    let schema = parse_text("api.tl", wrong_id);
    assert_eq!(differences(&schema, &telegram).len(), 1);
}
