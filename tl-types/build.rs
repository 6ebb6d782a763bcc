//! The bindings of the bundled `schema/` ship pre-generated in `src/generated.rs`, so that a
//! default build compiles no generator. With the `generate` feature this script generates
//! them again, from `schema/` or from the directory in `$TL_SCHEMA_DIR` (with the
//! documentation sidecar `docs.json` beside the files when there is one), into `OUT_DIR`.

fn main() {
    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    #[cfg(feature = "generate")]
    generate();
    #[cfg(all(feature = "bindings", not(feature = "generate")))]
    refuse_schema_dir();
}

/// Without a generator, `TL_SCHEMA_DIR` cannot be honoured: say so rather than build the
/// bundled layer in its place, which would fail later and far from the cause.
#[cfg(all(feature = "bindings", not(feature = "generate")))]
fn refuse_schema_dir() {
    if let Some(dir) = std::env::var_os("TL_SCHEMA_DIR") {
        panic!(
            "TL_SCHEMA_DIR={} needs tl-types' `generate` feature, which builds the generator \
             to make bindings of that directory: without it tl-types carries the bindings of \
             its bundled schema",
            dir.to_string_lossy()
        );
    }
}

#[cfg(feature = "generate")]
fn generate() {
    use std::path::PathBuf;

    let dir = tl_codegen::schema_dir_from_env("TL_SCHEMA_DIR")
        .unwrap_or_else(fail)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema"));
    println!("cargo:rerun-if-changed={}", dir.display());
    let files = tl_codegen::schema_files_in(&dir).unwrap_or_else(fail);
    bundled_config(&dir).compile(&files).unwrap_or_else(fail);
}

#[cfg(feature = "generate")]
include!("bundled_config.rs");

/// A panic is how a build script fails; its message is the error, rendered for a person.
#[cfg(feature = "generate")]
fn fail<T>(error: tl_codegen::Error) -> T {
    panic!("{error}")
}
