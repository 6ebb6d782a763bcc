//! Enables `cfg(grammers_layer)` when `tl-tests` is built with the layer-230 bindings, i.e. when
//! `TL_CORPUS` names a directory holding `grammers/api.tl` and `grammers/mtproto.tl` (the same
//! test `tests/build.rs` makes; a relative `TL_CORPUS` is resolved from `tests/`, as there).
//! Without it the layer-230 targets stop at a `compile_error!` saying how to build them.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(grammers_layer)");
    println!("cargo:rerun-if-env-changed=TL_CORPUS");
    let Some(corpus) = std::env::var_os("TL_CORPUS") else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(corpus)
        .join("grammers");
    if ["api.tl", "mtproto.tl"]
        .iter()
        .all(|f| dir.join(f).exists())
    {
        println!("cargo::rustc-cfg=grammers_layer");
    }
}
