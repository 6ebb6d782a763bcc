//! Generates, into OUT_DIR:
//! * `ours_samples.rs`: samples of the project's schema (the one tl-types is built from);
//! * `any.rs`: the bindings of `schema/any.tl` (TON- and TDLib-style `Object`, `Function`,
//!   `int512`, `True`);
//! * `edge.rs`: the bindings of `schema/edge.tl` (anonymous parameters, named repetitions,
//!   fixed-width integers written word by word, field names that collide), and `edge_serde.rs`,
//!   the same with serde derives;
//! * with `TL_CORPUS` set: `grammers.rs`, the bindings of grammers/api.tl + mtproto.tl
//!   (layer 230, the schema of grammers-tl-types 0.11.0) with their samples, enabling
//!   `cfg(grammers_layer)`.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(grammers_layer)");
    println!("cargo:rerun-if-env-changed=TL_CORPUS");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let ours = [schema.join("api.tl"), schema.join("mtproto.tl")];
    write_samples(&ours, &out.join("ours_samples.rs"));
    for (name, file, serde) in [
        ("any", "any", false),
        ("edge", "edge", false),
        ("edge_serde", "edge", true),
    ] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/{file}.tl"));
        println!("cargo:rerun-if-changed={}", file.display());
        let code = tl_codegen::Config::new()
            .serde(serde)
            .generate(&[file])
            .unwrap_or_else(|e| panic!("{e}"));
        write_if_changed(&out.join(format!("{name}.rs")), &code);
    }

    let Some(corpus) = std::env::var_os("TL_CORPUS") else {
        return;
    };
    let dir = PathBuf::from(corpus).join("grammers");
    let files = [dir.join("api.tl"), dir.join("mtproto.tl")];
    if !files.iter().all(|f| f.exists()) {
        println!(
            "cargo:warning=TL_CORPUS has no grammers/api.tl + mtproto.tl: the layer-230 tests are off"
        );
        return;
    }
    let mut config = tl_codegen::Config::new();
    config.accept_known_telegram_mismatches().docs(false);
    let mut code = config.generate(&files).unwrap_or_else(|e| panic!("{e}"));
    code.push_str(
        &config
            .generate_samples(&files)
            .unwrap_or_else(|e| panic!("{e}")),
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    write_if_changed(&out.join("grammers.rs"), &code);
    println!("cargo::rustc-cfg=grammers_layer");
}

fn write_samples(files: &[PathBuf], out: &Path) {
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    let code = tl_codegen::Config::new()
        .generate_samples(files)
        .unwrap_or_else(|e| panic!("{e}"));
    write_if_changed(out, &code);
}

fn write_if_changed(path: &Path, code: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(code) {
        std::fs::write(path, code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
