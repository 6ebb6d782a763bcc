//! What generation reports for schemas that parse but cannot be generated: every error with
//! its file, line and column, all of them at once.

use tl_codegen::{Config, ErrorKind};
use tl_parser::Convention;

const PRELUDE: &str = "int ? = Int;\nlong ? = Long;\nstring ? = String;\n";

/// The resolution errors of `source` (after the prelude, so its lines start at 4).
fn resolve_errors(source: &str) -> Vec<String> {
    let text = format!("{PRELUDE}{source}");
    match Config::new().generate_from_sources(&[("edge.tl", &text)]) {
        Err(error) => match error.kind() {
            ErrorKind::Resolve { errors, .. } => errors.iter().map(ToString::to_string).collect(),
            _ => panic!("expected resolution errors, got: {error}"),
        },
        Ok(_) => panic!("expected resolution errors, got generated code"),
    }
}

/// The code generated from `source` (after the prelude).
fn generated(source: &str) -> String {
    let text = format!("{PRELUDE}{source}");
    Config::new()
        .generate_from_sources(&[("edge.tl", &text)])
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn unknown_types_are_reported_with_their_position() {
    assert_eq!(
        resolve_errors("foo x:Bar y:baz = Foo;\n"),
        [
            "edge.tl:4:7: unknown type `Bar`",
            "edge.tl:4:13: unknown constructor `baz` (bare type)",
        ]
    );
}

#[test]
fn a_type_only_functions_return_is_reported_with_a_hint() {
    // As a merged fork of Telethon's api.tl has it: constructors after `---functions---`.
    assert_eq!(
        resolve_errors(
            "---functions---\nreactionsNone = Reactions;\ngetReactions x:int = Reactions;\n"
        ),
        [
            "edge.tl:5:17: unknown type `Reactions`: no constructor has it, only functions \
             return it (are its constructors written after `---functions---`?)",
            "edge.tl:6:22: unknown type `Reactions`: no constructor has it, only functions \
             return it (are its constructors written after `---functions---`?)",
        ]
    );
}

#[test]
fn unknown_types_suggest_a_close_name() {
    // (schema after the prelude, the error on its first reference)
    let cases = [
        // Misspelled.
        (
            "message x:int = Message;\nfoo m:Mesage = Foo;\n",
            "edge.tl:5:7: unknown type `Mesage`; did you mean `Message`?",
        ),
        // Another case, and a boxed type where a bare constructor was named.
        (
            "inputPeer x:int = InputPeer;\nfoo p:inputpeer = Foo;\n",
            "edge.tl:5:7: unknown constructor `inputpeer` (bare type); did you mean `InputPeer`?",
        ),
        // The namespace left out.
        (
            "contacts.peer x:int = contacts.Peer;\nfoo p:Peer = Foo;\n",
            "edge.tl:5:7: unknown type `Peer`; did you mean `contacts.Peer`?",
        ),
        // A built-in.
        (
            "foo x:lnog = Foo;\n",
            "edge.tl:4:7: unknown constructor `lnog` (bare type); did you mean `long`?",
        ),
        // Nothing close.
        ("foo x:Photo = Foo;\n", "edge.tl:4:7: unknown type `Photo`"),
    ];
    for (schema, expected) in cases {
        assert_eq!(resolve_errors(schema), [expected], "for {schema:?}");
    }
}

#[test]
fn arguments_after_an_unknown_name_make_an_unknown_type() {
    assert_eq!(
        resolve_errors("vector {t:Type} # [ t ] = Vector t;\nfoo x:Vectr<int> = Foo;\n"),
        ["edge.tl:5:7: unknown type `Vectr`; did you mean `Vector`?"]
    );
    // A known type that takes no arguments says so.
    assert_eq!(
        resolve_errors("bar = Bar;\nfoo x:Bar<int> = Foo;\n"),
        ["edge.tl:5:7: `Bar<int>` takes no type arguments"]
    );
}

#[test]
fn a_group_of_parameters_reports_its_unknown_type_once() {
    assert_eq!(
        resolve_errors("foo (x y:Bar) = Foo;\n"),
        ["edge.tl:4:10: unknown type `Bar`"]
    );
}

#[test]
fn errors_show_their_source_line_as_parse_errors_do() {
    let text = format!("{PRELUDE}foo x:Bar = Foo;\n");
    let err = Config::new()
        .generate_from_sources(&[("edge.tl", &text)])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "error: unknown type `Bar`\n  \
         --> edge.tl:4:7\n  \
         |\n\
         4 | foo x:Bar = Foo;\n  \
         |       ^^^\n\n\
         error: the schema cannot be generated: 1 error"
    );
}

#[test]
fn a_fixed_width_builtin_is_used_bare() {
    // `foo 8*[ int ] = Foo` is a 32-byte integer like `int256`: `x:foo` is its bytes;
    // `x:Foo` (with a constructor id) is refused with a precise message, not "unknown type".
    let errors = resolve_errors("foo 8*[ int ] = Foo;\nbar k:Foo = Bar;\n");
    assert_eq!(
        errors,
        [
            "edge.tl:5:7: `Foo` is the boxed type of the fixed-width built-in `foo`: fields hold \
          it bare, as `foo`"
        ]
    );
    let code = generated("foo 8*[ int ] = Foo;\nbar k:foo = Bar;\n");
    assert!(code.contains("pub k: [u8; 32],"), "{code}");
}

#[test]
fn repetitions_other_than_a_fixed_count_of_words_are_refused() {
    let errors = resolve_errors("foo n:# xs:n*[ int ] ys:[ string ] = Foo;\n");
    let message = "only repetitions of a fixed count of `int` or `long` (`key:64*[ int ]`) \
                   are supported outside `vector`";
    assert_eq!(
        errors,
        [
            format!("edge.tl:4:9: {message}"),
            format!("edge.tl:4:22: {message}"),
        ]
    );
}

#[test]
fn anonymous_parameters_are_named_by_position() {
    let code = generated("pair string # long = Pair;\n");
    assert!(
        code.contains("pub arg1: String,") && code.contains("pub arg2: u32,"),
        "{code}"
    );
    assert!(code.contains("pub arg3: i64,"), "{code}");
}

/// Files written into a new directory of the system's temporary one, removed on drop.
struct TempFiles {
    _dir: tempfile::TempDir,
    paths: Vec<std::path::PathBuf>,
}

fn write_files(files: &[(&str, &str)]) -> TempFiles {
    let dir = tempfile::tempdir().unwrap();
    let paths = files
        .iter()
        .map(|(name, text)| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    TempFiles { _dir: dir, paths }
}

#[test]
fn check_resolves_the_files_together() {
    use tl_codegen::check::{Outcome, Resolution, check_files};

    let files = write_files(&[
        ("api.tl", "int ? = Int;\nuser id:int photo:Photo = User;\n"),
        ("more.tl", "photoEmpty = Photo;\n"),
    ]);
    let paths = &files.paths;
    let options = tl_parser::Options::default();
    // Each file parses; `api.tl` alone refers to a type it does not declare.
    let alone = check_files(&paths[..1], &options, Resolution::Together);
    let outcomes: Vec<Outcome> = alone.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Verified, Outcome::Errors]);
    let text = &alone[1].text;
    assert!(text.starts_with("error: unknown type `Photo`\n"), "{text}");
    assert!(text.contains("api.tl:2:19\n"), "{text}");
    assert!(
        text.contains("2 | user id:int photo:Photo = User;"),
        "{text}"
    );
    // Together they form one schema.
    let together = check_files(paths, &options, Resolution::Together);
    let outcomes: Vec<Outcome> = together.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Verified, Outcome::Verified]);
    // File by file (the command's default), `api.tl` fails on its own, in its own report.
    let each = check_files(paths, &options, Resolution::EachFile);
    let outcomes: Vec<Outcome> = each.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Errors, Outcome::Verified]);
    assert!(
        each[0].text.contains("unknown type `Photo`"),
        "{}",
        each[0].text
    );
    // Without resolution, only the files' own checks.
    let syntax_only = check_files(&paths[..1], &options, Resolution::None);
    assert_eq!(syntax_only.len(), 1);
    assert_eq!(syntax_only[0].outcome, Outcome::Verified);
}

#[test]
fn check_reports_unknown_types_beside_id_mismatches() {
    use tl_codegen::check::{Outcome, Resolution, check_files};

    let files = write_files(&[(
        "api.tl",
        "int ? = Int;\nuser#12345678 id:int photo:Photo = User;\n",
    )]);
    let paths = &files.paths;
    let reports = check_files(paths, &tl_parser::Options::default(), Resolution::Together);
    let outcomes: Vec<Outcome> = reports.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::IdMismatch, Outcome::Errors]);
    assert!(reports[0].text.contains("`user` is written as #12345678"));
    assert!(reports[1].text.contains("unknown type `Photo`"));
    // File by file, both in the file's report, which is then an error.
    let each = check_files(paths, &tl_parser::Options::default(), Resolution::EachFile);
    assert_eq!(each.len(), 1);
    assert_eq!(each[0].outcome, Outcome::Errors);
    assert!(each[0].text.contains("`user` is written as #12345678"));
    assert!(each[0].text.contains("unknown type `Photo`"));
}

#[test]
fn check_lists_repeated_definitions_and_generation_takes_one() {
    use tl_codegen::check::{Outcome, Resolution, check_files};

    let source = "int ? = Int;\nuser id:int = User;\nuser  id:int = User;\n";
    let files = write_files(&[("api.tl", source)]);
    let reports = check_files(
        &files.paths,
        &tl_parser::Options::default(),
        Resolution::EachFile,
    );
    assert_eq!(reports[0].outcome, Outcome::Verified);
    let text = &reports[0].text;
    assert!(
        text.contains("api.tl:3:1: `user` repeats line 2 (same id and text); left out"),
        "{text}"
    );
    assert!(text.contains("definitions:  2 "), "{text}");
    let code = tl_codegen::Config::new()
        .generate_from_sources(&[("api.tl", source)])
        .unwrap();
    assert_eq!(code.matches("pub struct User ").count(), 1);
}

#[test]
fn bare_markers_on_constructors_and_fixed_width_types() {
    // `%foo` is the constructor `foo` itself; `%Hash` the bare form of a fixed-width type.
    let code =
        generated("foo x:int = Foo;\nhash 8*[ int ] = Hash;\nbar a:%foo b:%Hash c:%Foo = Bar;\n");
    assert!(code.contains("pub a: types::Foo,"), "{code}");
    assert!(code.contains("pub b: [u8; 32],"), "{code}");
    assert!(code.contains("pub c: types::Foo,"), "{code}");
}

#[test]
fn names_made_of_underscores_get_placeholders() {
    // Not TL (identifiers start with a letter) but accepted by the parser: found by fuzzing,
    // this once panicked on an empty identifier.
    let code = generated("__ _:int = _;\n_ x:int = __;\n");
    assert!(code.contains("pub unnamed: i32,"), "{code}");
    assert!(code.contains("pub enum Unnamed {") && code.contains("pub enum Unnamed2 {"));
}

#[test]
fn fixed_widths_are_bounded() {
    // A `[u8; N]` lives on the stack while it is decoded: absurd widths are refused, and
    // widths that overflow `usize` (found in review: a panic) saturate into the same error.
    let errors = resolve_errors(
        "huge 4000000000*[ long ] = Huge;\nfoo k:1025*[ int ] = Foo;\n\
         a 2147483648*[1073741824*[int]] 2147483648*[1073741824*[int]] = A;\n",
    );
    assert_eq!(errors.len(), 3, "{errors:?}");
    let at = ["edge.tl:4:1: ", "edge.tl:5:5: ", "edge.tl:6:1: "];
    for (error, at) in errors.iter().zip(at) {
        assert!(error.starts_with(at), "{error}");
        assert!(
            error.ends_with(" bytes of fixed width: at most 4096 are supported"),
            "{error}"
        );
    }
    assert!(errors[1].contains(": 4100 bytes"));
    assert!(generated("foo k:1024*[ int ] = Foo;\n").contains("pub k: [u8; 4096],"));
}

#[test]
fn serde_writes_vectors_of_wide_byte_arrays_as_hex() {
    let text =
        format!("{PRELUDE}vector {{t:Type}} # [ t ] = Vector t;\na xs:vector<int512> = A;\n");
    let code = Config::new()
        .serde(true)
        .generate_from_sources(&[("edge.tl", text.as_str())])
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("rt::json::Vector(rt::json::Hex)"), "{code}");
}

#[test]
fn a_builtin_declared_with_another_width_is_an_error() {
    assert_eq!(
        resolve_errors("int128 2*[ int ] = Int128;\n"),
        [
            "edge.tl:4:1: `int128` is 16 bytes wide, not 8: this declaration contradicts the built-in"
        ]
    );
    // Declared as the built-in is, in either form, it is the built-in.
    assert!(
        generated("int128 long long = Int128;\na x:int128 = A;\n").contains("pub x: [u8; 16],")
    );
}

#[test]
fn a_constructor_may_not_hold_a_value_of_a_type_parameter() {
    assert_eq!(
        resolve_errors("vector {t:Type} # [ t ] = Vector t;\nwrap {X:Type} q:!X = Wrap;\n"),
        [
            "edge.tl:5:6: type parameter `X` is used by a constructor's field; only functions \
          (`{X:Type} query:!X = X`) may take one"
        ]
    );
}

#[test]
fn an_unused_type_parameter_makes_no_rust_type_parameter() {
    let code =
        generated("tagged {X:Type} id:int = Tagged;\n---functions---\nping {X:Type} = Tagged;\n");
    assert!(code.contains("pub struct Tagged {"), "{code}");
    assert!(code.contains("pub struct Ping {}"), "{code}");
    // A constructor's result naming it (`= Tagged X`) does not use it either.
    let code = generated("tagged {X:Type} id:int = Tagged X;\n");
    assert!(code.contains("pub struct Tagged {"), "{code}");
}

#[test]
fn an_unused_flags_word_is_a_flag_word_in_telegram_schemas_and_a_number_elsewhere() {
    // Telegram's convention: every `#` is a flag word (0 until a field uses a bit). The C
    // tl-parser's (TON, TDLib): a `#` that no condition refers to is a value of its own.
    let text = format!("{PRELUDE}parcel flags:# size:int mode:# = Parcel;\n");
    let generate = |convention| {
        Config::new()
            .convention(convention)
            .generate_from_sources(&[("edge.tl", &text)])
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let struct_of = |code: &str| {
        let start = code.find("pub struct Parcel {").expect("struct Parcel");
        code[start..start + code[start..].find('}').expect("end of Parcel")].to_owned()
    };
    let telegram = generate(Convention::Telegram);
    // Only a word named like Telegram's flag words: `mode:#` is a number there too.
    assert_eq!(
        struct_of(&telegram),
        "pub struct Parcel {\n        pub size: i32,\n        pub mode: u32,\n    "
    );
    let tl_parser = generate(Convention::TlParser);
    assert!(
        struct_of(&tl_parser).contains("pub flags: u32"),
        "{tl_parser}"
    );
}
