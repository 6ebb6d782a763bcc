//! What the library's errors say and carry: every message starts with `error:`, says what to
//! do where a setting would help, and chains to the underlying error.

use std::error::Error as _;

use tl_codegen::{Config, Error, ErrorKind};

const PRELUDE: &str = "int ? = Int;\nstring ? = String;\nvector {t:Type} # [ t ] = Vector t;\n";

fn error_of(config: &Config, source: &str) -> Error {
    let text = format!("{PRELUDE}{source}");
    match config.generate_from_sources(&[("x.tl", &text)]) {
        Ok(_) => panic!("expected an error for {source:?}"),
        Err(error) => error,
    }
}

#[test]
fn a_known_telegram_mismatch_says_which_setting_accepts_it() {
    // Telegram's own line (mtproto.tl), whose written id is not its CRC32.
    let line = "accessPointRule#4679b65f phone_prefix_rules:string dc_id:int ips:vector<int> \
                = AccessPointRule;\n";
    let error = error_of(&Config::new(), line);
    assert!(matches!(error.kind(), ErrorKind::IdMismatch(m) if m.len() == 1));
    let message = error.to_string();
    assert!(
        message.starts_with("error: constructor ids that do not match"),
        "{message}"
    );
    assert!(
        message.contains(
            "= note: `accessPointRule` is a known mismatch of Telegram's mtproto.tl: accept \
             with Config::accept_known_telegram_mismatches() or --accept-known-mismatches"
        ),
        "{message}"
    );
    assert!(!message.contains("TON"), "{message}");
    assert!(
        message.ends_with(
            "= help: accept others by name (Config::accept_id_mismatch or --accept-id-mismatch)"
        ),
        "{message}"
    );
    // And that setting does accept it.
    let text = format!("{PRELUDE}{line}");
    let accepted = Config::new()
        .accept_known_telegram_mismatches()
        .generate_from_sources(&[("x.tl", &text)]);
    assert!(accepted.is_ok(), "{}", accepted.unwrap_err());
}

#[test]
fn a_known_ton_mismatch_names_the_ton_setting() {
    let error = error_of(
        &Config::new(),
        "collatorNode.pong#deadbeef flags:# = collatorNode.Pong;\n",
    );
    let message = error.to_string();
    assert!(
        message.contains(
            "= note: `collatorNode.pong` is a known mismatch of TON's schemas: accept with \
             Config::accept_known_ton_mismatches() or --accept-known-mismatches"
        ),
        "{message}"
    );
    assert!(!message.contains("Telegram's"), "{message}");
}

#[test]
fn an_unknown_mismatch_only_says_how_to_accept_it_by_name() {
    let message = error_of(&Config::new(), "foo#deadbeef x:int = Foo;\n").to_string();
    assert!(message.starts_with("error: "), "{message}");
    assert!(!message.contains("= note:"), "{message}");
    assert!(
        message.ends_with(
            "= help: accept them by name (Config::accept_id_mismatch or --accept-id-mismatch)"
        ),
        "{message}"
    );
}

#[test]
fn a_parse_error_chains_to_the_parsers_report() {
    let error = error_of(&Config::new(), "foo x:int = Foo\n");
    assert!(error.to_string().starts_with("error: "), "{error}");
    let source = error.source().expect("a source");
    let report = source
        .downcast_ref::<tl_parser::Report>()
        .expect("the parser's report");
    assert_eq!(report.file, "x.tl");
}

#[test]
fn a_resolve_error_chains_to_the_first_unresolved_reference() {
    let error = error_of(&Config::new(), "foo x:Bar = Foo;\n");
    assert!(error.to_string().starts_with("error: "), "{error}");
    let source = error.source().expect("a source");
    let first = source
        .downcast_ref::<tl_codegen::ResolveError>()
        .expect("a resolve error");
    assert_eq!(first.span.line, 4);
}

#[test]
fn an_unreadable_file_says_so_and_chains_to_the_io_error() {
    let error = Config::new().generate(&["missing.tl"]).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("error: cannot read missing.tl: "),
        "{message}"
    );
    let io = error
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .expect("the io error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn every_other_kind_renders_as_an_error() {
    let runtime = Config::new()
        .runtime_path("not a path")
        .generate_from_sources(&[("x.tl", PRELUDE)])
        .unwrap_err();
    assert_eq!(
        runtime.to_string(),
        "error: `not a path` is not a valid path to the runtime crate (e.g. `::tl_types`)"
    );
    let kinds = [
        ErrorKind::NoOutDir,
        ErrorKind::Unsupported("x".into()),
        ErrorKind::Internal("x".into()),
        ErrorKind::NoSchemaFiles { dir: "d".into() },
    ];
    for kind in kinds {
        let message = Error::from(kind).to_string();
        assert!(message.starts_with("error: "), "{message}");
    }
}
