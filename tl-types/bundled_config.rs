// The generator's settings for the bindings of a schema directory: those of the shipped
// `src/generated.rs` (from `schema/`). Included by build.rs (feature `generate`) and by
// tests/bundled_bindings.rs, so that the two cannot drift apart.

/// The bindings sit at the crate root, so every function's example is a doc-test of this crate
/// (`cargo test -p tl-types --doc`); the documentation sidecar `docs.json` beside the schema
/// files is read when there is one.
fn bundled_config(schema_dir: &std::path::Path) -> tl_codegen::Config {
    let mut config = tl_codegen::Config::new();
    config
        .accept_known_telegram_mismatches()
        .doc_tests("tl_types");
    let sidecar = schema_dir.join("docs.json");
    if sidecar.exists() {
        config.method_docs(sidecar);
    }
    config
}
