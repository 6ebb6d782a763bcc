//! Generates the bindings from the `.tl` files of `schema/` (or of `$TL_SCHEMA_DIR`), with
//! the documentation sidecar `docs.json` beside them when there is one.

fn main() {
    #[cfg(feature = "bindings")]
    generate();
}

#[cfg(feature = "bindings")]
fn generate() {
    use std::path::PathBuf;

    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    let dir = tl_codegen::schema_dir_from_env("TL_SCHEMA_DIR")
        .unwrap_or_else(fail)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema"));
    println!("cargo:rerun-if-changed={}", dir.display());
    let files = tl_codegen::schema_files_in(&dir).unwrap_or_else(fail);
    let mut config = tl_codegen::Config::new();
    // The bindings are at the crate root: every function's example is a doc-test of this
    // crate (`cargo test -p tl-types --doc`).
    config
        .accept_known_telegram_mismatches()
        .doc_tests("tl_types");
    let sidecar = dir.join("docs.json");
    if sidecar.exists() {
        config.method_docs(sidecar);
    }
    config.compile(&files).unwrap_or_else(fail);
}

/// A panic is how a build script fails; its message is the error, rendered for a person.
#[cfg(feature = "bindings")]
fn fail<T>(error: tl_codegen::Error) -> T {
    panic!("{error}")
}
