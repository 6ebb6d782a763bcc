//! The documentation sidecar (`Config::method_docs`) and the doc-test examples
//! (`Config::doc_tests`) in the generated rustdoc of the bundled schema.

use std::path::{Path, PathBuf};

fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("schema")
        .join(name)
}

fn generate(config: &mut tl_codegen::Config) -> String {
    config
        .accept_known_telegram_mismatches()
        .generate(&[schema("api.tl"), schema("mtproto.tl")])
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The rustdoc of the item declared by `declaration` (`pub struct SendCode {`), without the
/// `///`.
fn rustdoc_of(code: &str, declaration: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == declaration)
        .unwrap_or_else(|| panic!("no `{declaration}`"));
    let mut docs: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .map(|l| l.trim())
        .skip_while(|l| l.starts_with("#["))
        .take_while(|l| l.starts_with("///"))
        .map(|l| l.trim_start_matches("///").strip_prefix(' ').unwrap_or(""))
        .collect();
    docs.reverse();
    docs.join("\n")
}

#[test]
fn the_sidecar_gives_send_code_its_description_errors_and_bot_line() {
    let code = generate(tl_codegen::Config::new().method_docs(schema("docs.json")));
    let docs = rustdoc_of(&code, "pub struct SendCode {");
    for expected in [
        "Send the verification code for login",
        "| Parameter | TL type | Rust type | Required | Description |",
        "| `phone_number` | `string` | `String` | yes | Phone number in international format |",
        "| `settings` | `CodeSettings` | [`enums::CodeSettings`] | yes | Settings for the code \
         type to send |",
        "Bots: no.",
        "# Errors\n\n| Code | Error | Description |\n|-|-|-|\n\
         | 303 | `NETWORK_MIGRATE_X` | Repeat the query to data-center X |",
        "| 400 | `PHONE_NUMBER_INVALID` | The phone number is invalid |",
        "| 406 | `PHONE_PASSWORD_FLOOD` | You have tried logging in too many times |",
    ] {
        assert!(docs.contains(expected), "no `{expected}` in:\n{docs}");
    }
    // A parameter's description documents its field too.
    assert!(code.contains(
        "/// Phone number in international format\n            pub phone_number: String,"
    ));
    // A constructor's description, and functions the sidecar leaves out have neither line.
    let sent_code = rustdoc_of(&code, "pub struct SentCode {");
    assert!(
        sent_code.contains("Information on the message sent"),
        "{sent_code}"
    );
    let sign_in = rustdoc_of(&code, "pub struct SignIn {");
    assert!(
        !sign_in.contains("Bots:") && !sign_in.contains("# Errors"),
        "{sign_in}"
    );
}

#[test]
fn without_the_sidecar_the_tables_have_no_description_column_and_examples_are_text() {
    let code = generate(&mut tl_codegen::Config::new());
    let docs = rustdoc_of(&code, "pub struct SendCode {");
    assert!(docs.contains("| Parameter | TL type | Rust type | Required |\n|-|-|-|-|\n"));
    assert!(!docs.contains("Bots:"), "{docs}");
    assert!(docs.contains(
        "```text\nlet request = functions::auth::SendCode::new(\"phone_number\", 0, \
         \"api_hash\", settings);\n```"
    ));
}

#[test]
fn doc_tests_reach_the_modules_through_the_crate_path() {
    let code = generate(tl_codegen::Config::new().doc_tests("my_crate::tl"));
    let docs = rustdoc_of(&code, "pub struct SendMessage {");
    let expected = "```no_run\n# use my_crate::tl::{enums, functions, types};\n\
         # fn example(peer: enums::InputPeer) {\n\
         let request = functions::messages::SendMessage::new(peer, \"message\", 0)\n    \
         .no_webpage(true)\n    .silent(true);\n# }\n```";
    assert!(docs.contains(expected), "no `{expected}` in:\n{docs}");
}

#[test]
fn names_the_schemas_do_not_define_are_errors_with_the_closest() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let cases = [
        (
            r#"{"functions": {"auth.sendCod": {}}}"#,
            "`auth.sendCod`",
            "`auth.sendCode`",
        ),
        (
            r#"{"functions": {"auth.sendCode": {"params": {"phone": "x"}}}}"#,
            "`auth.sendCode.phone`",
            "",
        ),
        (
            r#"{"constructors": {"auth.sentcode": {}}}"#,
            "`auth.sentcode`",
            "`auth.sentCode`",
        ),
    ];
    for (index, (json, name, closest)) in cases.into_iter().enumerate() {
        let path = dir.join(format!("{index}.json"));
        std::fs::write(&path, json).unwrap();
        let error = tl_codegen::Config::new()
            .method_docs(&path)
            .accept_known_telegram_mismatches()
            .generate(&[schema("api.tl"), schema("mtproto.tl")])
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(&format!(
                "documents {name}, which the schemas do not define"
            )),
            "{message}"
        );
        assert!(message.contains(closest), "{message}");
    }
    let path = dir.join("bad.json");
    std::fs::write(&path, r#"{"functions": {"auth.sendCode": {"bot": true}}}"#).unwrap();
    let error = tl_codegen::Config::new()
        .method_docs(&path)
        .generate(&[schema("api.tl")]);
    let message = error.unwrap_err().to_string();
    assert!(
        message.contains("is not a documentation sidecar") && message.contains("`bot`"),
        "{message}"
    );
}
