//! Generates the bindings from the `.tl` files of `schema/` (or of `$TL_SCHEMA_DIR`).

fn main() {
    #[cfg(feature = "bindings")]
    generate();
}

#[cfg(feature = "bindings")]
fn generate() {
    use std::path::PathBuf;

    println!("cargo:rerun-if-env-changed=TL_SCHEMA_DIR");
    let dir = match std::env::var_os("TL_SCHEMA_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read schema directory {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "tl"))
        .collect();
    // Sorted, so that the output does not depend on the directory's order.
    files.sort();
    if files.is_empty() {
        panic!("no .tl files in {}", dir.display());
    }
    tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .compile(&files)
        .unwrap_or_else(|e| panic!("{e}"));
}
