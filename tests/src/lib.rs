//! Support for the end-to-end tests in `tests/` and the benchmarks in `benches/`: sample
//! values of every definition of our schema and, when `TL_CORPUS` was set at build time,
//! the complete grammers layer 230 (bindings and samples).

/// Samples of the project's schema, for the bindings in `tl_types`.
pub mod ours {
    pub use tl_types::{enums, functions, types};
    include!(concat!(env!("OUT_DIR"), "/ours_samples.rs"));
}

/// The bindings of `tests/schema/any.tl`: `Object` and `Function` (any constructor, any
/// function), `int512`, functions returning `True`, as TON and TDLib schemas use them.
pub mod any {
    include!(concat!(env!("OUT_DIR"), "/any.rs"));
}

/// The bindings of the project's schema (the one tl-types is built from) with
/// `Config::universal_enums` (`enums::Object` and `enums::Function` decode any constructor and
/// any function by its id) and `Config::option_accessors`.
pub mod universal {
    include!(concat!(env!("OUT_DIR"), "/universal.rs"));
}

/// The bindings of the project's schema with user hooks (`Config::type_attribute`,
/// `field_attribute`, `enum_attribute`, `boxed`, `unboxed`): see `build.rs`. Denying warnings
/// here makes any warning in code generated with hooks fail the build.
#[deny(warnings)]
pub mod hooked {
    include!(concat!(env!("OUT_DIR"), "/hooked.rs"));
}

/// The bindings of the project's schema with every `bytes` and `string` field held in `Bytes`
/// (`Config::bytes(".")`), with samples of every definition: `tests/shared_bytes.rs` checks
/// them against the default bindings. Denying warnings here makes any warning in such code
/// fail the build.
#[deny(warnings)]
pub mod shared {
    include!(concat!(env!("OUT_DIR"), "/shared.rs"));
}

/// A bot's profile of the project's schema (`Config::roots`: a few methods and `Updates`, see
/// `build.rs`), with samples of every definition it keeps. Denying warnings here makes any
/// warning in a profile's code fail the build.
#[deny(warnings)]
pub mod bot {
    include!(concat!(env!("OUT_DIR"), "/bot.rs"));
}

/// The bot profile of [`bot`] in the client direction (`Config::direction`): functions and
/// what their arguments reach encode, what their results and `Updates` reach decode. Denying
/// warnings here makes any warning in a directed build fail the build.
///
/// Decoding a request in a client build fails to compile, naming the type:
///
/// ```compile_fail,E0277
/// use tl_types::Deserializable;
/// use tl_tests::bot_client::functions::messages::SendMessage;
/// let _ = <SendMessage as Deserializable>::from_bytes(&[]);
/// ```
#[deny(warnings)]
pub mod bot_client {
    include!(concat!(env!("OUT_DIR"), "/bot_client.rs"));
}

/// The bot profile of [`bot`] in the server direction: the mirror of [`bot_client`], with
/// `Answer` instead of `RemoteCall`.
#[deny(warnings)]
pub mod bot_server {
    include!(concat!(env!("OUT_DIR"), "/bot_server.rs"));
}

/// The client profile of [`bot_client`] without `Debug`, `Clone`, `PartialEq` and the `From`
/// conversions (`Config::derive_debug(false)`, ...): the leanest build, which must compile
/// without warnings too.
#[deny(warnings)]
pub mod bot_lean {
    include!(concat!(env!("OUT_DIR"), "/bot_lean.rs"));
}

/// The bindings of `tests/schema/edge.tl`: anonymous parameters, named repetitions,
/// fixed-width integers written word by word, field names that collide.
pub mod edge {
    include!(concat!(env!("OUT_DIR"), "/edge.rs"));
}

/// The bindings of `tests/schema/edge.tl` with serde impls in TL JSON (`Config::serde(true)`).
/// Denying warnings here makes any warning in the serde impls fail the build.
#[deny(warnings)]
pub mod edge_serde {
    include!(concat!(env!("OUT_DIR"), "/edge_serde.rs"));
}

/// The same in TDLib's JSON (`Config::json_style(JsonStyle::Tdlib)`).
#[deny(warnings)]
pub mod edge_tdlib {
    include!(concat!(env!("OUT_DIR"), "/edge_tdlib.rs"));
}

/// The bindings of `tests/schema/diff-new.tl`, the new side of the schema diff's test pair.
pub mod diff_new {
    include!(concat!(env!("OUT_DIR"), "/diff_new.rs"));
}

/// The bindings of `tests/schema/diff-new.tl` generated with `Config::known_layers` of
/// `diff-old.tl`: decoding errors name the ids of the old side.
pub mod known_layers {
    include!(concat!(env!("OUT_DIR"), "/known_layers.rs"));
}

/// The bindings of `tests/schema/stored-3.tl` (layer 3), which decode only that layer's
/// constructors.
pub mod stored {
    include!(concat!(env!("OUT_DIR"), "/stored.rs"));
}

/// The bindings of `tests/schema/stored-3.tl` with `Config::other_layer_variants` of
/// `Message`, `User`, `Chat` and `ChatPhoto` from layers 1 and 2 (`stored-1.tl`,
/// `stored-2.tl`): data stored under those layers decodes. Denying warnings here makes any
/// warning in the kept variants' code fail the build.
#[deny(warnings)]
pub mod stored_compat {
    include!(concat!(env!("OUT_DIR"), "/stored_compat.rs"));
}

/// The bindings of `tests/schema/layers.tl`: a schema in `===N===` layer sections that
/// redefines a constructor.
pub mod layers {
    include!(concat!(env!("OUT_DIR"), "/layers.rs"));
}

/// The bindings of `tests/schema/nullable.tl` with `Config::nullable_objects` (the objects
/// that TDLib-style comments say may be null held in `Option`s), serde impls in TDLib's JSON,
/// and samples. Denying warnings here makes any warning in such code fail the build.
#[deny(warnings)]
pub mod nullable {
    include!(concat!(env!("OUT_DIR"), "/nullable.rs"));
}

/// Layer 230 as grammers-tl-types 0.11.0 has it (grammers/api.tl + mtproto.tl), generated
/// by our generator, with samples.
#[cfg(grammers_layer)]
pub mod grammers {
    include!(concat!(env!("OUT_DIR"), "/grammers.rs"));
}

/// The bot profile of layer 230 (`scripts/bot-profile.roots`: 18 methods and `Updates`) in
/// the client direction, with samples, as issue 17's acceptance measures it.
#[cfg(grammers_layer)]
#[deny(warnings)]
pub mod grammers_bot_client {
    include!(concat!(env!("OUT_DIR"), "/grammers_bot_client.rs"));
}

/// Layer 230 as [`grammers`], with every `bytes` and `string` field held in `Bytes`
/// (`Config::bytes(".")`), with samples; built only with `TL_BYTES_LAYER=1` (and `TL_CORPUS`)
/// at build time.
#[cfg(grammers_bytes)]
pub mod grammers_bytes {
    include!(concat!(env!("OUT_DIR"), "/grammers_bytes.rs"));
}

/// The functions of td_api.tl that TDLib runs synchronously and what they reach, with serde
/// impls in TDLib's JSON and the objects that may be null in `Option`s
/// (`Config::nullable_objects`), for `tests/tdlib_generated.rs`; `with_function` names a
/// function type by its TL name. Denying warnings here makes any warning in such code fail
/// the build.
#[cfg(tdlib_sync)]
#[deny(warnings)]
pub mod tdlib_sync {
    include!(concat!(env!("OUT_DIR"), "/tdlib_sync.rs"));
}

/// Whether the bindings of td_api.tl's synchronous functions were built (TL_CORPUS was set at
/// build time).
pub const HAS_TDLIB_SYNC: bool = cfg!(tdlib_sync);

/// Whether the grammers layer was built (TL_CORPUS was set at build time).
pub const HAS_GRAMMERS_LAYER: bool = cfg!(grammers_layer);

/// Whether the grammers layer was built with serde impls (TL_SERDE_230 was set too).
pub const HAS_GRAMMERS_SERDE: bool = cfg!(grammers_serde);

/// The workspace root (the directory of `schema/`).
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the workspace")
        .to_path_buf()
}

/// The corpus directory from `TL_CORPUS`, or `None` after printing
/// `skipped: TL_CORPUS is not set; <test> did not run` when it is not set.
pub fn corpus(test: &str) -> Option<std::path::PathBuf> {
    use std::io::Write;
    match std::env::var_os("TL_CORPUS") {
        Some(dir) if !dir.is_empty() => Some(std::path::PathBuf::from(dir)),
        _ => {
            // Straight to stderr, not through the test harness's capture, so that the skip
            // shows in a normal `cargo test` run; one write keeps the line whole.
            let line = format!("skipped: TL_CORPUS is not set; {test} did not run\n");
            let _ = std::io::stderr().lock().write_all(line.as_bytes());
            None
        }
    }
}

/// `cargo check -p package` (with `features`) in the scratch workspace `dir`, warnings denied,
/// in one target directory for every scratch workspace of the tests (`target/upgrade/target`):
/// with the same flags everywhere, the runtime is checked once for all of them.
pub fn cargo_check(
    dir: &std::path::Path,
    package: &str,
    features: &[&str],
) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = workspace_root().join("target/upgrade/target");
    let mut command = std::process::Command::new(&cargo);
    command.args(["check", "--quiet", "--color", "never", "-p", package]);
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        // These would take precedence over RUSTFLAGS.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo}: {e}"))
}

/// Writes `path` of a scratch workspace (and its directory) only when its content differs, so
/// that cargo does not check unchanged crates again.
pub fn write_if_changed(path: &std::path::Path, content: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("cannot create the scratch workspace");
    }
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::write(path, content)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
