//! The documented API of the runtime is the traits, `Reader`, `DecodeOptions` and the errors:
//! what only generated code calls is hidden (`__private`, `#[doc(hidden)]`). Checked on the
//! documentation rustdoc actually renders, so that a new helper left public shows up here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every item of the crate's documentation without the bindings (its own `all.html` links): a
/// new one must be meant.
const DOCUMENTED_ITEMS: [&str; 17] = [
    "constant.BOOL_FALSE_ID.html",
    "constant.BOOL_TRUE_ID.html",
    "constant.DEFAULT_MAX_DEPTH.html",
    "constant.VECTOR_ID.html",
    "enum.DecodeErrorKind.html",
    "fn.write_bytes.html",
    "struct.DecodeError.html",
    "struct.DecodeOptions.html",
    "struct.OtherLayerId.html",
    "struct.Reader.html",
    "trait.Answer.html",
    "trait.BareDeserializable.html",
    "trait.BareSerializable.html",
    "trait.Deserializable.html",
    "trait.Identifiable.html",
    "trait.RemoteCall.html",
    "trait.Serializable.html",
];

/// The documented methods of `Reader` itself (not of the traits it implements).
const READER_METHODS: [&str; 18] = [
    "finish",
    "new",
    "options",
    "position",
    "read_array",
    "read_bare_vector",
    "read_bool",
    "read_bytes",
    "read_f64",
    "read_i32",
    "read_i64",
    "read_slice",
    "read_string",
    "read_u32",
    "read_vector",
    "remaining",
    "rest",
    "with_options",
];

/// What generated code calls and a user has no use for: none may appear in any page.
const GENERATED_ONLY: [&str; 10] = [
    "write_id",
    "with_id",
    "write_vector",
    "write_bare_vector",
    "check_flags",
    "enter",
    "leave",
    "unexpected_constructor",
    "deserialize_bare_boxed",
    "__private",
];

/// Documents the runtime (without the bindings, which are the schema's, not the API's) into
/// a directory of its own, and returns the crate's documentation directory.
fn document_runtime() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("surface-doc");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "doc",
            "--no-deps",
            "--no-default-features",
            "-p",
            "tl-types",
        ])
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo doc failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    target.join("doc").join("tl_types")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The values of `attribute="..."` in `html` that start with `prefix`, without it.
fn attribute_values(html: &str, attribute: &str, prefix: &str) -> BTreeSet<String> {
    let needle = format!("{attribute}=\"{prefix}");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            Some(rest[..rest.find('"')?].to_owned())
        })
        .collect()
}

/// The methods of the `Reader` page's own impls: between the "Implementations" heading and
/// the trait implementations.
fn inherent_methods(reader_page: &str) -> BTreeSet<String> {
    let start = reader_page
        .find("id=\"implementations\"")
        .expect("Reader has inherent methods");
    let end = reader_page[start..]
        .find("id=\"trait-implementations\"")
        .map_or(reader_page.len(), |end| start + end);
    attribute_values(&reader_page[start..end], "id", "method.")
}

#[test]
fn documentation_shows_the_api_and_nothing_generated_code_alone_uses() {
    let doc = document_runtime();

    let all = read(&doc.join("all.html"));
    let items: BTreeSet<String> = attribute_values(&all, "href", "")
        .into_iter()
        // A module would be `name/index.html`; `../` leaves the crate (static files, the
        // crate's own index).
        .filter(|href| {
            !href.starts_with("../") && !href.starts_with('#') && href.ends_with(".html")
        })
        .collect();
    let expected: BTreeSet<String> = DOCUMENTED_ITEMS.iter().map(|s| s.to_string()).collect();
    assert_eq!(items, expected, "documented items of tl-types");

    let reader = read(&doc.join("struct.Reader.html"));
    let expected: BTreeSet<String> = READER_METHODS.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        inherent_methods(&reader),
        expected,
        "documented Reader methods"
    );

    for entry in std::fs::read_dir(&doc).expect("doc directory") {
        let path = entry.expect("doc entry").path();
        if path.extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let page = read(&path);
        for name in GENERATED_ONLY {
            for shown in [
                format!(".{name}\""),
                format!(".{name}.html"),
                format!(">{name}<"),
            ] {
                assert!(
                    !page.contains(&shown),
                    "{} documents `{name}`, which only generated code uses",
                    path.display()
                );
            }
        }
    }
}
