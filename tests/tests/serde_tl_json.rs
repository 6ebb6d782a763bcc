//! Generated serde in TL JSON form (`Config::serde(true)`, docs/json.md): exact JSON of every
//! kind of field on `tests/schema/edge.tl`, round trips, errors and nesting; TDLib's style; and
//! on layer 230 (with `TL_CORPUS` at build time), for two samples of every definition, the
//! JSON of the generated value is that of the schema-driven `tl-json` for its bytes, and that
//! JSON read back through serde encodes to the same bytes.

use tl_tests::edge_serde::{enums, functions, types};
use tl_types::Serializable;

fn sample() -> types::JsonAll {
    types::JsonAll {
        small: -7,
        big: i64::MIN,
        stamp: 1 << 53,
        ratio: 0.1,
        hash: std::array::from_fn(|i| i as u8),
        key: [0xab; 32],
        blob: vec![0, 1, 2, 255],
        text: "héllo \"q\"".to_owned(),
        yes: true,
        on: true,
        off: false,
        count: None,
        note: Some("n".to_owned()),
        ids: vec![1, -2],
        grid: vec![vec![1, 2], vec![]],
        pairs: vec![types::Labelled {
            arg1: "a".to_owned(),
            arg2: 3,
        }],
        next: None,
    }
}

const SAMPLE_JSON: &str = concat!(
    r#"{"_":"jsonAll","small":-7,"big":"-9223372036854775808","stamp":"9007199254740992","#,
    r#""ratio":0.1,"hash":"000102030405060708090a0b0c0d0e0f","#,
    r#""key":"abababababababababababababababababababababababababababababababab","#,
    r#""blob":"AAEC/w==","text":"héllo \"q\"","yes":true,"on":true,"off":false,"note":"n","#,
    r#""ids":["1","-2"],"grid":[[1,2],[]],"pairs":[{"_":"labelled","arg1":"a","arg2":3}]}"#,
);

#[test]
fn every_kind_of_field_is_written_as_tl_json() {
    assert_eq!(serde_json::to_string(&sample()).unwrap(), SAMPLE_JSON);
    // An enum writes its constructor's object.
    let boxed = enums::JsonAll::from(sample());
    assert_eq!(serde_json::to_string(&boxed).unwrap(), SAMPLE_JSON);
}

#[test]
fn tl_json_reads_back_to_the_same_value_and_json() {
    let value: types::JsonAll = serde_json::from_str(SAMPLE_JSON).unwrap();
    assert_eq!(value, sample());
    let boxed: enums::JsonAll = serde_json::from_str(SAMPLE_JSON).unwrap();
    assert_eq!(boxed, enums::JsonAll::from(sample()));
    assert_eq!(serde_json::to_string(&boxed).unwrap(), SAMPLE_JSON);
}

#[test]
fn generated_json_is_the_schema_driven_codecs() {
    let file = tl_tests::workspace_root().join("tests/schema/edge.tl");
    let schema = tl_json::Schema::load(&[file]).unwrap();
    let mut all = sample();
    // tl-json names anonymous parameters (`labelled string int`) by nothing: leave them out.
    all.pairs.clear();
    all.count = Some(0);
    all.ratio = f64::NAN;
    let mut inner = sample();
    inner.pairs.clear();
    all.next = Some(enums::JsonAll::from(inner));
    for value in [
        all,
        types::JsonAll::new(
            0,
            0,
            0,
            0.0,
            [0; 16],
            [0; 32],
            "",
            "",
            false,
            vec![],
            vec![],
            vec![],
        ),
    ] {
        let bytes = value.to_bytes();
        let expected = serde_json::to_string(&schema.decode_object(&bytes).unwrap()).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), expected);
        let back: types::JsonAll = serde_json::from_str(&expected).unwrap();
        assert_eq!(back.to_bytes(), bytes);
    }
}

#[test]
fn absent_optional_fields_are_left_out_and_null_reads_as_absent() {
    let bare = types::JsonAll {
        yes: false,
        on: false,
        note: None,
        ..sample()
    };
    let json = serde_json::to_value(&bare).unwrap();
    assert_eq!(json["on"], false);
    assert!(json.get("note").is_none() && json.get("count").is_none());
    // A `flags.N?true` left out is false; `null` is an absent field.
    let mut object = json.as_object().unwrap().clone();
    object.remove("on");
    object.remove("off");
    object.insert("note".into(), serde_json::Value::Null);
    let read: types::JsonAll = serde_json::from_value(object.into()).unwrap();
    assert_eq!(read, bare);
}

#[test]
fn functions_nest_their_query_and_bare_constructors_keep_their_name() {
    let keyed = types::Keyed {
        id: 1,
        key: [7; 256],
        nonce: [1; 16],
        hash: [2; 32],
        signature: [3; 64],
    };
    let call = functions::edge::After {
        msg_id: 5,
        query: functions::edge::Sign {
            key: keyed,
            labels: vec![],
        },
    };
    let json = serde_json::to_string(&call).unwrap();
    let expected = format!(
        r#"{{"_":"edge.after","msg_id":"5","query":{{"_":"edge.sign","key":{{"_":"keyed","id":1,"key":"{}","nonce":"{}","hash":"{}","signature":"{}"}},"labels":[]}}}}"#,
        "07".repeat(256),
        "01".repeat(16),
        "02".repeat(32),
        "03".repeat(64),
    );
    assert_eq!(json, expected);
    let back: functions::edge::After<functions::edge::Sign> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, call);
    // A bare constructor may leave out its name.
    let nameless: types::Labelled = serde_json::from_str(r#"{"arg1":"x","arg2":1}"#).unwrap();
    assert_eq!(nameless.arg1, "x");
}

#[test]
fn byte_arrays_of_any_width_are_hex() {
    let wide = format!(r#"{{"_":"sealed","key":"{}"}}"#, "09".repeat(64));
    for (key, json) in [
        (None, r#"{"_":"sealed"}"#.to_owned()),
        (Some([9; 64]), wide),
    ] {
        let sealed = types::Sealed { key };
        assert_eq!(serde_json::to_string(&sealed).unwrap(), json);
        assert_eq!(
            serde_json::from_str::<types::Sealed>(&json).unwrap(),
            sealed
        );
    }
}

#[test]
fn object_holds_any_constructor_by_its_name() {
    let envelope = types::Envelope {
        msg_id: 1,
        body: enums::Object::Tagged(Box::new(types::Tagged { id: 9 })),
    };
    let json = serde_json::to_string(&envelope).unwrap();
    assert_eq!(
        json,
        r#"{"_":"envelope","msg_id":"1","body":{"_":"tagged","id":9}}"#
    );
    assert_eq!(
        serde_json::from_str::<types::Envelope>(&json).unwrap(),
        envelope
    );
}

#[test]
fn the_name_may_come_after_the_fields() {
    let mut text =
        String::from(r#"{"small":-7,"big":"-9223372036854775808","stamp":9007199254740992,"#);
    text.push_str(r#""ratio":0.1,"hash":"000102030405060708090A0B0C0D0E0F","key":"#);
    text.push_str(&format!(
        r#""{}","blob":"AAEC/w","text":"héllo \"q\"","#,
        "ab".repeat(32)
    ));
    text.push_str(r#""yes":true,"on":true,"off":false,"note":"n","ids":["1","-2"],"#);
    text.push_str(
        r#""grid":[[1,2],[]],"pairs":[{"arg2":3,"arg1":"a","_":"labelled"}],"_":"jsonAll"}"#,
    );
    // Upper-case hex, unpadded base64 and int53 as a number are read too.
    let value: enums::JsonAll = serde_json::from_str(&text).unwrap();
    assert_eq!(value, enums::JsonAll::from(sample()));
    // Nested: a buffered field holds an object whose own name comes last.
    let fields = &SAMPLE_JSON[r#"{"_":"jsonAll","#.len()..SAMPLE_JSON.len() - 1];
    let outer = format!(r#"{{"next":{text},{fields},"_":"jsonAll"}}"#);
    let value: enums::JsonAll = serde_json::from_str(&outer).unwrap();
    let expected = types::JsonAll {
        next: Some(enums::JsonAll::from(sample())),
        ..sample()
    };
    assert_eq!(value, enums::JsonAll::from(expected));
}

/// The error of reading `json` as `T`.
fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

/// `SAMPLE_JSON` with `from` replaced by `to`.
fn sample_with(from: &str, to: &str) -> String {
    assert!(SAMPLE_JSON.contains(from), "{from}");
    SAMPLE_JSON.replacen(from, to, 1)
}

#[test]
fn wrong_json_gets_an_error_that_names_the_problem() {
    let cases = [
        (
            sample_with(r#""_":"jsonAll""#, r#""_":"jsonAl""#),
            "`jsonAl` is not a constructor of JsonAll",
        ),
        (
            sample_with(r#""big":"-9223372036854775808""#, r#""big":5"#),
            "expected a decimal string for long",
        ),
        (
            sample_with(
                r#""big":"-9223372036854775808""#,
                r#""big":"9223372036854775808""#,
            ),
            "expected a decimal string for long",
        ),
        (
            sample_with(r#""blob":"AAEC/w==""#, r#""blob":"AAE!""#),
            "expected base64 for bytes",
        ),
        (
            sample_with(
                r#""hash":"000102030405060708090a0b0c0d0e0f""#,
                r#""hash":"0001""#,
            ),
            "expected 32 hex digits for int128",
        ),
        (
            sample_with(r#""small":-7"#, r#""small":"-7""#),
            "expected i32",
        ),
        (
            sample_with(r#""small":-7"#, r#""small":4294967296"#),
            "expected i32",
        ),
        (
            sample_with(r#""yes":true"#, r#""yes":1"#),
            "expected a boolean",
        ),
        (
            sample_with(r#""ids":["1","-2"]"#, r#""ids":"1""#),
            "expected an array",
        ),
        (
            sample_with(r#""small":-7"#, r#""smal":-7"#),
            "unknown field `smal` of `jsonAll`",
        ),
        (
            sample_with(r#""small":-7,"#, ""),
            "missing field `small` of `jsonAll`",
        ),
        (
            sample_with(r#""_":"jsonAll","#, ""),
            "missing \"_\" naming a constructor of JsonAll",
        ),
        (
            sample_with(r#""_":"labelled""#, r#""_":"jsonAll""#),
            "invalid value: string \"jsonAll\", expected \"labelled\"",
        ),
        (
            sample_with(r#""ratio":0.1"#, r#""ratio":"0.1""#),
            "expected a number for double",
        ),
    ];
    for (json, expected) in cases {
        let err = error::<enums::JsonAll>(&json);
        assert!(err.contains(expected), "{json}: {err}");
    }
    // In TL JSON, `"@extra"` is a field like any other: unknown.
    let extra = sample_with(r#""small":-7"#, r#""@extra":1,"small":-7"#);
    assert!(error::<types::JsonAll>(&extra).contains("unknown field `@extra`"));
    assert!(error::<enums::JsonAll>("[]").contains("expected an object of JsonAll"));
}

/// `sample()` nested `depth` times through `next`, as JSON.
fn nested(depth: usize) -> String {
    let inner = &SAMPLE_JSON[1..SAMPLE_JSON.len() - 1];
    let mut json = String::new();
    for _ in 0..depth {
        json.push('{');
        json.push_str(inner);
        json.push_str(r#","next":"#);
    }
    json.push_str(SAMPLE_JSON);
    json.push_str(&"}".repeat(depth));
    json
}

#[test]
fn nesting_is_bounded_by_serde_json_without_overflowing_the_stack() {
    let deep: enums::JsonAll = serde_json::from_str(&nested(60)).unwrap();
    assert_eq!(serde_json::to_string(&deep).unwrap(), nested(60));
    for depth in [200, 100_000] {
        let err = error::<enums::JsonAll>(&nested(depth));
        assert!(err.contains("recursion limit exceeded"), "{err}");
    }
    // Buffered values (the name last) are bounded as well.
    let last = nested(100_000).replace(r#"{"_":"jsonAll","#, "{");
    let err = error::<enums::JsonAll>(&last);
    assert!(err.contains("recursion limit exceeded"), "{err}");
}

#[test]
fn tdlib_style_names_with_at_type_writes_int53_as_a_number_and_ignores_extra() {
    use tl_tests::edge_tdlib::{enums as td_enums, types as td};

    let value = td::JsonAll {
        stamp: 1 << 53,
        next: None,
        pairs: vec![],
        ..td::JsonAll::new(
            1,
            2,
            0,
            0.5,
            [0; 16],
            [0; 32],
            "",
            "",
            true,
            vec![3],
            vec![],
            vec![],
        )
    };
    let json = serde_json::to_string(&value).unwrap();
    assert!(
        json.starts_with(r#"{"@type":"jsonAll","small":1,"big":"2","stamp":9007199254740992,"#),
        "{json}"
    );
    assert!(json.contains(r#""ids":["3"]"#), "{json}");
    let moved = json.replacen(r#""@type":"jsonAll","#, "", 1).replacen(
        r#""yes":true"#,
        r#""@extra":{"id":[1,{"a":null}]},"yes":true,"@type":"jsonAll""#,
        1,
    );
    let read: td_enums::JsonAll = serde_json::from_str(&moved).unwrap();
    assert_eq!(read, td_enums::JsonAll::from(value));
    let err = error::<td::JsonAll>(r#"{"_":"jsonAll"}"#);
    assert!(err.contains("unknown field `_` of `jsonAll`"), "{err}");
}

/// Needs the layer built with serde: `TL_CORPUS` and `TL_SERDE_230=1` at build time (the serde
/// impls make the build of the layer some 45% longer, which the suite does not pay by default).
#[test]
fn every_definition_of_layer_230_is_the_schema_driven_json() {
    if tl_tests::HAS_GRAMMERS_SERDE {
        #[cfg(grammers_serde)]
        layer230::run();
    } else {
        println!(
            "skipped: TL_CORPUS and TL_SERDE_230 were not both set at build time; \
             every_definition_of_layer_230_is_the_schema_driven_json did not run"
        );
    }
}

#[cfg(grammers_serde)]
#[macro_use]
#[path = "common/tl_json_check.rs"]
mod tl_json_check;

#[cfg(grammers_serde)]
mod layer230 {
    use tl_tests::grammers::samples::visit_all;

    use super::tl_json_check::TlJsonCheck;

    check_every_sample!(tl_tests::grammers::samples::Visitor);

    pub fn run() {
        let test = "every_definition_of_layer_230_is_the_schema_driven_json";
        let Some(corpus) = tl_tests::corpus(test) else {
            return;
        };
        let dir = corpus.join("grammers");
        let files = [dir.join("api.tl"), dir.join("mtproto.tl")];
        let mut check = TlJsonCheck::new(tl_json::Schema::load(&files).unwrap());
        visit_all(&mut check);
        // 1,750 constructors and 860 functions (docs/generated-code.md).
        check.finish("layer 230", 2610);
    }
}

/// Layer 214 (Telegram's api.tl and mtproto.tl), checked as layer 230 is, in a scratch crate
/// under `target/e2e/serde-214`: it builds a second whole layer with serde, which the suite
/// cannot afford. Run it with
/// `TL_CORPUS=... cargo test -p tl-tests --test serde_tl_json -- --ignored`.
#[test]
#[ignore = "builds the whole layer 214 with serde in a scratch crate (minutes of CPU)"]
fn every_definition_of_layer_214_is_the_schema_driven_json() {
    let test = "every_definition_of_layer_214_is_the_schema_driven_json";
    let Some(corpus) = tl_tests::corpus(test) else {
        return;
    };
    let files = [
        corpus.join("telegram/api.tl"),
        corpus.join("telegram/mtproto.tl"),
    ];
    let mut config = tl_codegen::Config::new();
    config
        .accept_known_telegram_mismatches()
        .docs(false)
        .serde(true);
    let mut code = config.generate(&files).unwrap_or_else(|e| panic!("{e}"));
    code.push_str(
        &config
            .generate_samples(&files)
            .unwrap_or_else(|e| panic!("{e}")),
    );

    let root = tl_tests::workspace_root();
    let e2e = root.join("target/e2e");
    let dir = e2e.join("serde-214");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"serde-214\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Standalone: not a member of the tl-toolkit workspace around it.\n[workspace]\n\n\
         [dependencies]\n\
         tl-types = {{ path = {:?}, default-features = false, features = [\"serde\"] }}\n\
         tl-json = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n\n\
         [profile.dev]\ndebug = 0\n",
        root.join("tl-types").display().to_string(),
        root.join("tl-json").display().to_string(),
    );
    let check = root.join("tests/tests/common/tl_json_check.rs");
    let main = format!(
        "//! Written by tl-tests' `{test}`.\n\n\
         include!(\"generated.rs\");\n\n\
         #[macro_use]\n#[path = {:?}]\nmod tl_json_check;\n\n\
         check_every_sample!(samples::Visitor);\n\n\
         fn main() {{\n\
         \x20   let files: Vec<String> = std::env::args().skip(1).collect();\n\
         \x20   let schema = tl_json::Schema::load(&files).unwrap();\n\
         \x20   let mut check = tl_json_check::TlJsonCheck::new(schema);\n\
         \x20   samples::visit_all(&mut check);\n\
         \x20   check.finish(\"layer 214\", 2200);\n}}\n",
        check.display().to_string(),
    );
    for (file, text) in [
        ("Cargo.toml", manifest.as_str()),
        ("src/main.rs", &main),
        ("src/generated.rs", &code),
    ] {
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).unwrap();
        }
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--"])
        .args(&files)
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", e2e.join("target"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "{stdout}\n{stderr}");
}
