//! The generated rustdoc of layer 230 (grammers/api.tl + mtproto.tl of the corpus): the
//! documentation of `functions::auth::SendCode` that users read before calling it. Only the
//! source is generated; nothing is compiled. Skips when `TL_CORPUS` is not set.

#[test]
fn send_code_of_layer_230_has_its_parameters_return_and_example() {
    let Some(corpus) =
        tl_tests::corpus("send_code_of_layer_230_has_its_parameters_return_and_example")
    else {
        return;
    };
    let dir = corpus.join("grammers");
    let code = tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .generate(&[dir.join("api.tl"), dir.join("mtproto.tl")])
        .unwrap_or_else(|e| panic!("{e}"));
    // From its first line to the struct: its rustdoc and derives.
    let start = code
        .find("/// Function `auth.sendCode`.")
        .expect("functions::auth::SendCode");
    let end = start
        + code[start..]
            .find("pub struct SendCode {")
            .expect("its struct");
    let docs: Vec<&str> = code[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("///"))
        .map(str::trim_start)
        .collect();
    let docs = docs.join("\n");
    assert!(docs.starts_with("Function `auth.sendCode`."), "{docs}");
    for expected in [
        "| Parameter | TL type | Rust type | Required |\n|-|-|-|-|\n\
         | `phone_number` | `string` | `String` | yes |\n\
         | `api_id` | `int` | `i32` | yes |\n\
         | `api_hash` | `string` | `String` | yes |\n\
         | `settings` | `CodeSettings` | [`enums::CodeSettings`] | yes |",
        "Returns [`enums::auth::SentCode`].",
        "# Example",
        "let request = functions::auth::SendCode::new(\"phone_number\", 0, \"api_hash\", settings);",
    ] {
        assert!(docs.contains(expected), "no `{expected}` in:\n{docs}");
    }
}
