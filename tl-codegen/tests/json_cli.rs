//! `tl-codegen decode` and `encode` on the bundled schema, as a user runs them: the input
//! forms people paste, `--lines`, `--raw`, and what a failure prints.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn schema_args() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/");
    vec![
        "--schema".into(),
        format!("{dir}api.tl"),
        format!("{dir}mtproto.tl"),
    ]
}

/// Runs `tl-codegen ARGS... --schema api.tl mtproto.tl`, with `stdin` as its input.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tl-codegen"))
        .args(args)
        .args(schema_args())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tl-codegen runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// pong msg_id:1 ping_id:-2, and its JSON.
const PONG_HEX: &str = "c5737734 01000000 00000000 feffffff ffffffff";

fn pong_json() -> Value {
    json!({"_": "pong", "msg_id": "1", "ping_id": "-2"})
}

fn pong_bytes() -> Vec<u8> {
    tl_json::hex_decode(&PONG_HEX.replace(' ', "")).unwrap()
}

fn python_literal(bytes: &[u8]) -> String {
    let body: String = bytes
        .iter()
        .map(|&b| match b {
            b'\\' => "\\\\".to_owned(),
            b'\'' => "\\'".to_owned(),
            b'\n' => "\\n".to_owned(),
            0x20..=0x7e => (b as char).to_string(),
            _ => format!("\\x{b:02x}"),
        })
        .collect();
    format!("b'{body}'")
}

#[test]
fn hex_base64_and_python_literals_decode_to_the_same_output() {
    let bytes = pong_bytes();
    let inputs = [
        PONG_HEX.replace(' ', "\n"),
        tl_json::base64_encode(&bytes),
        python_literal(&bytes),
    ];
    let expected = format!("{}\n", serde_json::to_string_pretty(&pong_json()).unwrap());
    for input in &inputs {
        assert_eq!(stdout(&run(&["decode", input], b"")), expected, "{input}");
        assert_eq!(
            stdout(&run(&["decode"], input.as_bytes())),
            expected,
            "{input}"
        );
    }
    assert_eq!(stdout(&run(&["decode", "--raw"], &bytes)), expected);
}

#[test]
fn lines_decode_each_dump_on_its_own() {
    let bytes = pong_bytes();
    let forms = [
        tl_json::hex_encode(&bytes),
        tl_json::base64_encode(&bytes),
        python_literal(&bytes),
    ];
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&forms[i % 3]);
        text.push('\n');
        if i == 500 {
            text.push_str("78563412\n");
        }
    }
    let output = run(&["decode", "--lines"], text.as_bytes());
    assert_eq!(output.status.code(), Some(1), "a line failed");
    let printed = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 1001);
    let pong = pong_json().to_string();
    for (i, line) in lines.iter().enumerate() {
        if i == 501 {
            let error: Value = serde_json::from_str(line).unwrap();
            let message = error["error"].as_str().unwrap();
            assert!(message.contains("found 0x12345678"), "{message}");
        } else {
            assert_eq!(*line, pong, "line {i}");
        }
    }
}

#[test]
fn encode_prints_hex_base64_or_raw_bytes() {
    let pong = pong_json().to_string();
    let hex = stdout(&run(&["encode", &pong], b""));
    assert_eq!(hex, format!("{}\n", PONG_HEX.replace(' ', "")));
    let base64 = stdout(&run(&["encode", "--base64"], pong.as_bytes()));
    assert_eq!(base64.trim_end(), tl_json::base64_encode(&pong_bytes()));
    let raw = run(&["encode", "--raw", &pong], b"");
    assert_eq!(raw.stdout, pong_bytes());
}

#[test]
fn types_and_functions_are_chosen_on_the_command_line() {
    let longs = "15c4b51c 01000000 0700000000000000";
    let output = stdout(&run(&["decode", "--as", "Vector<long>", longs], b""));
    assert_eq!(
        serde_json::from_str::<Value>(&output).unwrap(),
        json!(["7"])
    );
    let encoded = stdout(&run(&["encode", "--as", "Vector<long>", "[\"7\"]"], b""));
    assert_eq!(encoded.trim_end(), longs.replace(' ', ""));
    // ping is a function; pong is not.
    let ping = "ec77be7a 0500000000000000";
    let output = stdout(&run(&["decode", "--function", ping], b""));
    let value: Value = serde_json::from_str(&output).unwrap();
    assert_eq!(value, json!({"_": "ping", "ping_id": "5"}));
    let output = run(&["decode", "--function", PONG_HEX], b"");
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.starts_with("error: expected a function at offset 0"),
        "{err}"
    );
}

#[test]
fn failures_say_why_with_the_exit_status() {
    let output = run(
        &["encode", r#"{"_": "pong", "msg_id": 1, "ping_id": "2"}"#],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err, "error: $.msg_id: expected a decimal string for long\n");
    let output = run(&["decode", "not a dump!"], b"");
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("neither hex, base64"), "{err}");
    let output = run(&["decode", "--as", "Vector<Nope>", "00"], b"");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.starts_with("error: `Vector<Nope>` is not a type"),
        "{err}"
    );
}

#[test]
fn ids_of_other_layers_are_named() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("json-cli-layers");
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("api-layer1.tl");
    std::fs::write(&old, "// LAYER 1\npongOld#11223344 msg_id:long = Pong;\n").unwrap();
    let output = run(
        &[
            "decode",
            "44332211",
            "--known-layers",
            old.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        err,
        "error: expected an object at offset 0, found 0x11223344 (pongOld of layer 1)\n"
    );
}
