//! The `tl-codegen` command as a user meets it: what it prints on stderr for each mistake, and
//! that its flags reach the generator.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PRELUDE: &str = "int ? = Int;\nstring ? = String;\nvector {t:Type} # [ t ] = Vector t;\n";
const PING: &str = "pong ping_id:int = Pong;\n---functions---\nping ping_id:int = Pong;\n";

/// A fresh directory for one test, holding `files` (name, text).
fn workdir(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// Runs the command in `dir`, so that file names are short and relative.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("tl-codegen runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The exit status and stderr of a failing run, whose every error line starts with `error:`.
fn failure(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = run(dir, args);
    assert!(!output.status.success(), "{args:?} succeeded");
    let err = stderr(&output);
    assert!(err.starts_with("error:"), "{args:?}: {err}");
    (output.status.code().unwrap_or(-1), err)
}

#[test]
fn a_missing_file_is_an_error_that_says_so() {
    let dir = workdir("missing", &[]);
    let (code, err) = failure(&dir, &["missing.tl"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: cannot read missing.tl: "), "{err}");
    let (code, err) = failure(&dir, &["check", "missing.tl"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: cannot read missing.tl: "), "{err}");
}

#[test]
fn a_file_that_defines_nothing_is_warned_of_and_generates_valid_rust() {
    let dir = workdir(
        "empty",
        &[("x.tl", "// only a comment\n"), ("a.tl", PRELUDE)],
    );
    let output = run(&dir, &["x.tl"]);
    assert!(output.status.success());
    assert_eq!(
        stderr(&output),
        "warning: x.tl defines nothing: the generated modules are empty\n"
    );
    syn::parse_file(&stdout(&output)).expect("valid Rust");

    let output = run(&dir, &["a.tl", "x.tl"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "warning: x.tl defines nothing\n");

    let output = run(&dir, &["a.tl"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "");
}

#[test]
fn no_deserializable_functions_reaches_the_generator() {
    let dir = workdir("no-de", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let with = run(&dir, &["ping.tl"]);
    let without = run(&dir, &["ping.tl", "--no-deserializable-functions"]);
    assert!(with.status.success() && without.status.success());
    let (with, without) = (stdout(&with), stdout(&without));
    // The constructor decodes either way; the function only by default.
    for code in [&with, &without] {
        assert!(
            code.contains("impl rt::BareDeserializable for Pong"),
            "{code}"
        );
        assert!(code.contains("impl rt::RemoteCall for Ping"), "{code}");
    }
    assert!(with.contains("impl rt::BareDeserializable for Ping"));
    assert!(!without.contains("impl rt::BareDeserializable for Ping"));
}

#[test]
fn direction_reaches_the_generator() {
    let dir = workdir("direction", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let client = run(&dir, &["ping.tl", "--direction", "client"]);
    let server = run(&dir, &["ping.tl", "--direction", "server"]);
    assert!(client.status.success() && server.status.success());
    let (client, server) = (stdout(&client), stdout(&server));
    assert!(
        client.contains("impl rt::BareSerializable for Ping"),
        "{client}"
    );
    assert!(
        !client.contains("impl rt::BareDeserializable for Ping"),
        "{client}"
    );
    assert!(
        !client.contains("impl rt::BareSerializable for Pong"),
        "{client}"
    );
    assert!(server.contains("impl rt::Answer for Ping"), "{server}");
    assert!(!server.contains("impl rt::RemoteCall for Ping"), "{server}");
    // `pong` as a sent root: the client encodes it, and does not decode it.
    let args = ["ping.tl", "--direction", "client", "--sent-roots", "pong"];
    let sent = stdout(&run(&dir, &args));
    assert!(
        sent.contains("impl rt::BareSerializable for Pong"),
        "{sent}"
    );
    assert!(
        !sent.contains("impl rt::BareDeserializable for Pong"),
        "{sent}"
    );
    assert!(!sent.contains("for Ping"), "{sent}");
    let (code, err) = failure(&dir, &["ping.tl", "--direction", "sideways"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected client, server or both"), "{err}");
    let args = ["ping.tl", "--direction", "client", "--universal-enums"];
    let (code, err) = failure(&dir, &args);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot be combined with the client direction"),
        "{err}"
    );
}

#[test]
fn the_derive_opt_outs_reach_the_generator() {
    let dir = workdir("derives", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let all = stdout(&run(&dir, &["ping.tl"]));
    assert!(all.contains("#[derive(Debug, Clone, PartialEq)]"), "{all}");
    let args = ["ping.tl", "--no-debug", "--no-clone", "--no-partial-eq"];
    let none = stdout(&run(&dir, &args));
    assert!(!none.contains("#[derive"), "{none}");
    let no_conversions = stdout(&run(&dir, &["ping.tl", "--no-conversions"]));
    assert!(all.contains("impl From<Pong> for enums::Pong"), "{all}");
    assert!(!no_conversions.contains("impl From<"), "{no_conversions}");
}

#[test]
fn serde_and_its_json_style_reach_the_generator() {
    let dir = workdir("serde", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let plain = stdout(&run(&dir, &["ping.tl"]));
    assert!(!plain.contains("rt::serde"), "{plain}");
    let tl = stdout(&run(&dir, &["ping.tl", "--serde"]));
    assert!(tl.contains("impl rt::serde::Serialize for Pong"), "{tl}");
    assert!(tl.contains("rt::json::Style::Tl;"), "{tl}");
    let tdlib = stdout(&run(&dir, &["ping.tl", "--serde", "--json-style", "tdlib"]));
    assert!(tdlib.contains("rt::json::Style::Tdlib;"), "{tdlib}");
    let (code, err) = failure(&dir, &["ping.tl", "--serde", "--json-style", "yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected tl or tdlib"), "{err}");
}

#[test]
fn universal_enums_reaches_the_generator() {
    let dir = workdir("universal", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let with = run(&dir, &["ping.tl", "--universal-enums"]);
    let without = run(&dir, &["ping.tl"]);
    assert!(with.status.success() && without.status.success());
    let (with, without) = (stdout(&with), stdout(&without));
    for item in ["pub enum Object {", "pub enum Function {"] {
        assert!(with.contains(item), "{with}");
        assert!(!without.contains(item), "{without}");
    }
    assert!(with.contains("Pong(Box<types::Pong>)"), "{with}");
    assert!(with.contains("Ping(Box<functions::Ping>)"), "{with}");
}

#[test]
fn nullable_objects_reaches_the_generator() {
    let info = "---types---\n//@description A number @country Its country; may be null\n\
                info country:Pong = Info;\n";
    let dir = workdir(
        "nullable",
        &[("info.tl", &format!("{PRELUDE}{PING}{info}"))],
    );
    let with = run(&dir, &["info.tl", "--nullable-objects"]);
    let without = run(&dir, &["info.tl"]);
    assert!(with.status.success(), "{}", stderr(&with));
    assert!(without.status.success(), "{}", stderr(&without));
    let (with, without) = (stdout(&with), stdout(&without));
    assert!(with.contains("pub country: Option<enums::Pong>,"), "{with}");
    assert!(without.contains("pub country: enums::Pong,"), "{without}");
}

#[test]
fn hooks_reach_the_generator() {
    let dir = workdir("hooks", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let args = [
        "ping.tl",
        "--type-attribute",
        "Pong=#[derive(Hash, Eq)]",
        "--field-attribute",
        "ping.ping_id=#[doc(alias = \"id\")]",
        "--boxed",
        "pong",
    ];
    let output = run(&dir, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = stdout(&output);
    assert!(
        code.contains("#[derive(Hash, Eq)]\n    pub enum Pong {"),
        "{code}"
    );
    assert!(
        code.contains("#[doc(alias = \"id\")]\n        pub ping_id: i32,"),
        "{code}"
    );
    assert!(code.contains("Pong(Box<types::Pong>)"), "{code}");
    let (status, err) = failure(&dir, &["ping.tl", "--type-attribute", "Pong"]);
    assert_eq!(status, 2);
    assert!(err.contains("expected PATH=ATTRIBUTE"), "{err}");
}

#[test]
fn bytes_reaches_the_generator() {
    let note = "note text:string title:string = Note;\n";
    let dir = workdir("bytes", &[("note.tl", &format!("{PRELUDE}{note}"))]);
    let output = run(&dir, &["note.tl", "--bytes", "note.text"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = stdout(&output);
    assert!(code.contains("pub text: rt::BytesString,"), "{code}");
    assert!(code.contains("pub title: String,"), "{code}");
    let (status, err) = failure(&dir, &["note.tl", "--bytes", "note.txt"]);
    assert_eq!(status, 2);
    assert!(err.contains("did you mean `note.text`?"), "{err}");
}

#[test]
fn redact_reaches_the_generator_and_rejects_a_path_that_names_nothing() {
    let dir = workdir("redact", &[("ping.tl", &format!("{PRELUDE}{PING}"))]);
    let output = run(
        &dir,
        &[
            "ping.tl",
            "--redact",
            "ping.ping_id",
            "--redact",
            "pong.ping_id",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let code = stdout(&output);
    assert_eq!(
        code.matches(".field(\"ping_id\", &rt::__private::Redacted)")
            .count(),
        2,
        "{code}"
    );
    let (code, err) = failure(&dir, &["ping.tl", "--redact", "ping.pingid"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: no field to redact at ping.pingid: "),
        "{err}"
    );
}

#[test]
fn roots_and_a_roots_file_reach_the_generator() {
    let schema = format!("{PRELUDE}{PING}---types---\nother x:int = Other;\n");
    let roots = "// The calls of a client:\nping, // and its answer\n  Pong\n";
    let dir = workdir("roots", &[("ping.tl", &schema), ("roots.txt", roots)]);
    for args in [
        &["ping.tl", "--roots", "ping,Pong"][..],
        &["ping.tl", "--roots", "ping", "--roots", "Pong"],
        &["ping.tl", "--roots-file", "roots.txt"],
    ] {
        let output = run(&dir, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let code = stdout(&output);
        assert!(code.contains("pub struct Ping {"), "{args:?}: {code}");
        assert!(!code.contains("pub struct Other {"), "{args:?}: {code}");
    }
    let (code, err) = failure(&dir, &["ping.tl", "--roots", "pnig"]);
    assert_eq!(code, 2);
    assert!(err.contains("`pnig` is no function, type or constructor; did you mean `ping`?"));
    let (code, err) = failure(&dir, &["ping.tl", "--roots-file", "missing.txt"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: cannot read missing.txt: "), "{err}");
}

#[test]
fn a_known_mismatch_says_which_flag_accepts_it() {
    let line = "accessPointRule#4679b65f phone_prefix_rules:string dc_id:int ips:vector<int> \
                = AccessPointRule;\n";
    let dir = workdir("known", &[("m.tl", &format!("{PRELUDE}{line}"))]);
    let note = "`accessPointRule` is a known mismatch of Telegram's mtproto.tl: accept with \
                Config::accept_known_telegram_mismatches() or --accept-known-mismatches";

    let (code, err) = failure(&dir, &["m.tl"]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("  = note: {note}\n")), "{err}");
    assert!(
        run(&dir, &["m.tl", "--accept-known-mismatches"])
            .status
            .success()
    );

    let output = run(&dir, &["check", "m.tl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(&format!("  note: {note}\n")),
        "{}",
        stdout(&output)
    );
    let output = run(&dir, &["check", "m.tl", "--accept-known-mismatches"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn every_other_error_starts_with_error() {
    let dir = workdir(
        "errors",
        &[("bad.tl", "foo x:int = Foo\n"), ("ok.tl", PRELUDE)],
    );
    let (code, err) = failure(&dir, &["bad.tl"]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.tl could not be parsed"), "{err}");

    let (_, err) = failure(&dir, &["ok.tl", "--out", "no/such/dir/out.rs"]);
    assert!(
        err.starts_with("error: cannot write no/such/dir/out.rs: "),
        "{err}"
    );

    let (_, err) = failure(&dir, &["ok.tl", "--runtime-path", "not a path"]);
    assert_eq!(
        err,
        "error: `not a path` is not a valid path to the runtime crate (e.g. `::tl_types`)\n"
    );

    // clap's own: no file, an unknown flag.
    failure(&dir, &[]);
    failure(&dir, &["ok.tl", "--no-such-flag"]);
}

#[test]
fn the_docs_flags_reach_the_generator() {
    let schema = format!("{PRELUDE}{PING}");
    let sidecar =
        r#"{"functions": {"ping": {"bots": true, "errors": [{"code": 400, "name": "BAD"}]}}}"#;
    let dir = workdir("docs", &[("ping.tl", &schema), ("docs.json", sidecar)]);
    let args = [
        "ping.tl",
        "--method-docs",
        "docs.json",
        "--doc-tests",
        "my_crate::tl",
    ];
    let output = run(&dir, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = stdout(&output);
    assert!(code.contains("/// Bots: yes."), "{code}");
    assert!(code.contains("/// | 400 | `BAD` |  |"), "{code}");
    assert!(
        code.contains("/// # use my_crate::tl::{enums, functions, types};"),
        "{code}"
    );
    std::fs::write(dir.join("docs.json"), r#"{"functions": {"pnig": {}}}"#).unwrap();
    let (code, err) = failure(&dir, &["ping.tl", "--method-docs", "docs.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("documents `pnig`") && err.contains("did you mean `ping`?"),
        "{err}"
    );
}

#[test]
fn diff_prints_markdown_or_json_and_deny_sets_the_exit_status() {
    let new = format!("{PING}pingDelay ping_id:int delay:int = Pong;\n");
    let dir = workdir(
        "diff",
        &[("prelude.tl", PRELUDE), ("old.tl", PING), ("new.tl", &new)],
    );
    let args = ["diff", "prelude.tl", "old.tl", "--", "prelude.tl", "new.tl"];
    let output = run(&dir, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(
        markdown.contains("## Compatible")
            && markdown.contains("- **`pingDelay`** (function)")
            && markdown.contains("+ pingDelay#"),
        "{markdown}"
    );

    let output = run(&dir, &[&args[..1], &["--json"], &args[1..]].concat());
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["added"][0]["name"], "pingDelay");
    assert_eq!(json["added"][0]["kind"], "function");
    assert_eq!(json["added"][0]["type"], "Pong");
    assert_eq!(json["old_layer"], serde_json::Value::Null);

    // A function added is compatible: denied from `compatible` down, not by `breaking`.
    for (deny, code) in [("breaking", 0), ("compatible", 1), ("wire", 1)] {
        let output = run(&dir, &[&args[..1], &["--deny", deny], &args[1..]].concat());
        assert_eq!(output.status.code(), Some(code), "--deny {deny}");
    }
    // The other way round, it is removed: breaking.
    let reversed = ["diff", "prelude.tl", "new.tl", "--", "prelude.tl", "old.tl"];
    let output = run(
        &dir,
        &[&reversed[..1], &["--deny", "breaking"], &reversed[1..]].concat(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("### Removed definitions"));

    let (code, err) = failure(&dir, &["diff", "old.tl", "--", "missing.tl"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: cannot read missing.tl: "), "{err}");
    // Both sides are required.
    failure(&dir, &["diff", "old.tl"]);
}

#[test]
fn which_names_ids_and_known_layers_and_other_layer_variants_reach_the_generator() {
    let layer_1 = format!("// LAYER 1\n{PRELUDE}pong#11111111 ping_id:int = Pong;\n");
    let layer_2 = format!("// LAYER 2\n{PRELUDE}pong#22222222 ping_id:long = Pong;\n");
    let dir = workdir(
        "which",
        &[
            ("layer1.tl", &layer_1),
            ("layer2.tl", &layer_2),
            ("ping.tl", PING),
        ],
    );
    let accept = ["--accept-id-mismatch", "pong"];
    let output = run(
        &dir,
        &[
            &["which", "0x11111111"],
            &accept[..],
            &["--schema", "layer1.tl", "layer2.tl"],
        ]
        .concat(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "0x11111111: pong (constructor of Pong), layer 1 (layer1.tl)\n"
    );
    let output = run(
        &dir,
        &[
            &["which", "33333333"],
            &accept[..],
            &["--schema", "layer1.tl"],
        ]
        .concat(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "0x33333333: in none of the 1 files\n");
    let (code, err) = failure(&dir, &["which", "nohex", "--schema", "layer1.tl"]);
    assert_eq!(code, 2);
    assert!(err.contains("`nohex` is not an id in hex"), "{err}");

    let args = [&["layer2.tl", "--no-docs"], &accept[..]].concat();
    let plain = stdout(&run(&dir, &args));
    assert!(!plain.contains("other_layer_id"), "{plain}");
    let known = run(
        &dir,
        &[&args[..], &["--known-layers", "layer1.tl"]].concat(),
    );
    let code = stdout(&known);
    assert!(
        code.contains("0x11111111 => (\"pong\", \"1\"),"),
        "{}{code}",
        stderr(&known)
    );
    let variants = [
        "--known-layers",
        "layer1.tl",
        "--other-layer-variants",
        "Pong",
    ];
    let kept = run(&dir, &[&args[..], &variants[..]].concat());
    let code = stdout(&kept);
    assert!(
        code.contains("Pong1(types::Pong1)") && code.contains("0x11111111 =>"),
        "{}{code}",
        stderr(&kept)
    );
    assert!(!code.contains("fn other_layer_id"), "{code}");
}
