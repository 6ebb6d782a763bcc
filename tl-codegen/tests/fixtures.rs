//! Golden fixtures of the generated code: each `fixtures/NAME.tl`, a small schema written for
//! these tests, must generate exactly `fixtures/NAME.expected.rs` (see [`FIXTURES`]).
//!
//! `small.tl` covers a little of everything: a namespace, flags with a `true` flag and fields
//! sharing a bit, a second flag word, `Vector<long>`, a bare `vector<sample>`, a recursive
//! type, a unit constructor, a generic function (`{X:Type} query:!X = X`), a function
//! returning `Vector<int>`, `int128`, `bytes`, `double` and `Bool`. The others pin one feature
//! each: flag words, generic functions, `===N===` layer sections, `Object` and `Function`,
//! serde derives, `Debug` of bytes and secrets, and fields held in `Bytes` (`Config::bytes`).
//!
//! When the output changes on purpose, review the change and rewrite the fixtures with
//! `UPDATE_FIXTURES=1 cargo test -p tl-codegen --test fixtures`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        // A checkout that converts line endings must not make the comparison fail.
        .replace("\r\n", "\n")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1")
}

/// A fixture: `NAME.tl` generates `NAME.expected.rs` with this configuration.
struct Fixture {
    name: &'static str,
    /// Generated with serde derives.
    serde: bool,
    /// Fields redacted with `Config::redact`.
    redact: &'static [&'static str],
    /// Paths given to `Config::bytes`.
    bytes: &'static [&'static str],
    /// Text the output must contain: spot checks that a blindly updated fixture would reveal.
    contains: &'static [&'static str],
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "small",
        serde: false,
        redact: &[],
        bytes: &[],
        contains: &[
            "pub mod geo",
            "const CONSTRUCTOR_ID: u32 = 0x38017996;",
            "Labelled(Box<types::ShapeLabelled>)",
            "pub struct InvokeWithLayer<X>",
            "type Return = Vec<i32>;",
            "pub nonce: [u8; 16],",
            "pub payload: Vec<u8>,",
            "pub owner_ids: Option<Vec<i64>>,",
            "pub const LAYER: i32 = 7;",
            // The docs: a parameter's row with its flag and linked type, an enum's constructors.
            "| `badge` | `Shape` | [`Option<enums::Shape>`](enums::Shape) | no: `flags.4` |",
            "Constructors: [`geo.place`](types::geo::Place).",
        ],
    },
    Fixture {
        name: "flags",
        serde: false,
        redact: &[],
        bytes: &[],
        contains: &[
            "pub spoiler: bool,",
            // A bit shared with a boxed field is set by that field alone.
            "if self.photo.is_some() { 1 << 3 } else { 0 }",
            "let zero = <i32>::default();",
            "flags |= 1 << 1;",
            "let flags2_at = buf.len();",
            "let flags: u32 = 0;",
        ],
    },
    Fixture {
        name: "generics",
        serde: false,
        redact: &[],
        bytes: &[],
        contains: &[
            "impl<X: rt::RemoteCall> rt::RemoteCall for InvokeWithLayer<X>",
            "type Return = X::Return;",
            "pub struct Ping {",
            "type Return = bool;",
        ],
    },
    Fixture {
        name: "layers",
        serde: false,
        redact: &[],
        bytes: &[],
        contains: &[
            "pub struct Message8 {",
            "pub struct Card8 {",
            "pub top: types::Card,",
            "pub const LAYER: i32 = 17;",
        ],
    },
    Fixture {
        name: "object",
        serde: false,
        redact: &[],
        bytes: &[],
        contains: &[
            "pub enum Object {",
            "pub enum Function {",
            "pub payload: enums::Object,",
            "pub first: enums::Object,",
            "pub query: enums::Function,",
        ],
    },
    Fixture {
        name: "serde",
        serde: true,
        redact: &[],
        bytes: &[],
        contains: &[
            "impl rt::serde::Serialize for Key {",
            "rt::json::field(&mut object, \"public\", rt::json::Hex, &self.public)?;",
            "rt::json::optional(&mut object, \"backup\", rt::json::Hex, &self.backup)?;",
            "impl rt::json::FromFields for Key {",
            "impl rt::json::Tagged for Key {",
        ],
    },
    Fixture {
        name: "debug",
        serde: false,
        redact: &["note.pin"],
        bytes: &[],
        contains: &[
            "#[derive(Debug, Clone, PartialEq)]\n    pub struct Point {",
            "#[derive(Clone, PartialEq)]\n    pub struct Blob {",
            ".field(\"data\", &rt::__private::DebugBytes(&self.data))",
            ".field(\"parts\", &rt::__private::DebugBytes(&self.parts))",
            ".field(\"pin\", &self.pin.as_ref().map(|_| rt::__private::Redacted))",
            ".field(\"bytes\", &rt::__private::Redacted)",
            ".field(\"m1\", &rt::__private::Redacted)",
            ".field(\"text\", &self.text)",
        ],
    },
    Fixture {
        name: "bytes",
        serde: false,
        redact: &[],
        bytes: &["upload.", "message.text", "message.tags", "Document"],
        contains: &[
            "pub bytes: rt::Bytes,",
            "pub mime_type: Option<rt::BytesString>,",
            "pub text: rt::BytesString,",
            "pub author: String,",
            "pub tags: Vec<rt::BytesString>,",
            "let zero = <rt::Bytes>::default();",
            "let zero = <rt::BytesString>::default();",
            "Some(rt::__tri!(reader.read_shared_bytes()))",
            "let text = rt::__tri!(reader.read_shared_string());",
            "let author = rt::__tri!(reader.read_string());",
            ".field(\"bytes\", &rt::__private::DebugBytes(&self.bytes))",
            "pub fn bytes(&self) -> &[u8]",
            "bytes: impl Into<rt::Bytes>",
        ],
    },
];

/// The code generated from `fixture`'s schema.
fn generate(fixture_of: &Fixture) -> String {
    let file = format!("{}.tl", fixture_of.name);
    let text = read(&fixture(&file));
    // A fixed file name, so that the output does not depend on where the checkout is.
    let mut config = tl_codegen::Config::new();
    config.serde(fixture_of.serde);
    for path in fixture_of.redact {
        config.redact(path);
    }
    for path in fixture_of.bytes {
        config.bytes(path);
    }
    config
        .generate_from_sources(&[(&file, &text)])
        .unwrap_or_else(|e| panic!("{file} does not generate:\n{e}"))
}

/// Where `actual` first differs from `expected`, in a form fit for a test failure.
fn first_difference(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    let mut number = 0;
    loop {
        number += 1;
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => continue,
            (None, None) => {
                // Same lines: the difference is in the line endings or the final newline.
                return Some(format!(
                    "the files have the same lines but differ in line endings or the final \
                     newline (expected {} bytes, generated {} bytes)",
                    expected.len(),
                    actual.len()
                ));
            }
            (e, a) => {
                let show = |line: Option<&str>| {
                    line.map_or("<end of file>".to_owned(), |l| format!("{l:?}"))
                };
                return Some(format!(
                    "first difference at line {number} (expected {} lines, generated {}):\n\
                     expected:  {}\n\
                     generated: {}",
                    expected.lines().count(),
                    actual.lines().count(),
                    show(e),
                    show(a),
                ));
            }
        }
    }
}

#[test]
fn every_fixture_generates_its_expected_code() {
    let mut differences = Vec::new();
    for fixture_of in FIXTURES {
        let actual = generate(fixture_of);
        let path = fixture(&format!("{}.expected.rs", fixture_of.name));
        if updating() {
            std::fs::write(&path, &actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            // Straight to stderr, so that the message shows even when output is captured.
            let _ = writeln!(
                std::io::stderr(),
                "UPDATE_FIXTURES=1: rewrote {} ({} lines); review the change before committing",
                path.display(),
                actual.lines().count()
            );
            continue;
        }
        if let Some(difference) = first_difference(&read(&path), &actual) {
            differences.push(format!("{}:\n{difference}", path.display()));
        }
    }
    assert!(
        differences.is_empty(),
        "generated code differs from the fixtures\n{}\nIf the change is intended, rewrite the \
         fixtures with `UPDATE_FIXTURES=1 cargo test -p tl-codegen --test fixtures` and review \
         their diff.",
        differences.join("\n")
    );
}

#[test]
fn expected_fixtures_are_valid_rust_with_what_they_pin() {
    for fixture_of in FIXTURES {
        // While the fixtures are being rewritten, check what is being written instead.
        let (code, what) = if updating() {
            (
                generate(fixture_of),
                format!("the code generated from {}.tl", fixture_of.name),
            )
        } else {
            let path = fixture(&format!("{}.expected.rs", fixture_of.name));
            (read(&path), path.display().to_string())
        };
        let file =
            syn::parse_file(&code).unwrap_or_else(|e| panic!("{what} is not valid Rust: {e}"));
        assert!(
            code.starts_with("// @generated by tl-codegen"),
            "{what} lacks the generated-code header"
        );
        // The three module trees, in order, after LAYER, name_for_id and the runtime import.
        let modules: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(m) => Some(m.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(modules, ["types", "enums", "functions"], "in {what}");
        assert!(
            code.contains("pub fn name_for_id(id: u32) -> Option<&'static str>"),
            "{what} lacks name_for_id"
        );
        for needle in fixture_of.contains {
            assert!(code.contains(needle), "{what} lacks `{needle}`");
        }
    }
}

#[test]
fn small_schema_ids_verify() {
    let path = fixture("small.tl");
    let text = read(&path);
    let schema = tl_parser::parse("small.tl", &text, &tl_parser::Options::default())
        .unwrap_or_else(|e| panic!("small.tl does not parse:\n{e}"));
    assert_eq!(
        schema.unaccepted_mismatches().count(),
        0,
        "small.tl has written ids that do not match their definitions: {:?}",
        schema.id_mismatches
    );
    // Every definition but the built-ins (int, long, double, string, int128) has a written id.
    let written = schema
        .definitions
        .iter()
        .filter(|d| d.written_id.is_some())
        .count();
    assert_eq!(written, schema.verified_ids());
    assert_eq!(written, 17);
}
