//! Generates, into OUT_DIR:
//! * `ours_samples.rs`: samples of the project's schema (the one tl-types is built from);
//! * `any.rs`: the bindings of `schema/any.tl` (TON- and TDLib-style `Object`, `Function`,
//!   `int512`, `True`);
//! * `edge.rs`: the bindings of `schema/edge.tl` (anonymous parameters, named repetitions,
//!   fixed-width integers written word by word, field names that collide), and `edge_serde.rs`
//!   and `edge_tdlib.rs`, the same with serde impls in TL JSON and in TDLib's JSON;
//! * `layers.rs`: the bindings of `schema/layers.tl` (`===N===` layer sections);
//! * `nullable.rs`: the bindings of `schema/nullable.tl` with the objects documented as null
//!   in `Option`s (`Config::nullable_objects`), serde impls in TDLib's JSON, and samples;
//! * `diff_new.rs` and `known_layers.rs`: the bindings of `schema/diff-new.tl`, without and
//!   with `Config::known_layers` of `schema/diff-old.tl`;
//! * `stored.rs` and `stored_compat.rs`: the bindings of `schema/stored-3.tl` (layer 3),
//!   without and with `Config::other_layer_variants` of layers 1 and 2 (`stored-1.tl`,
//!   `stored-2.tl`);
//! * `universal.rs`: the bindings of the project's schema with `Config::universal_enums`
//!   (`Object` and `Function`, which Telegram's schemas do not declare) and
//!   `Config::option_accessors`;
//! * `hooked.rs`: the bindings of the project's schema with user hooks (attributes added to
//!   chosen types and fields, chosen variants boxed and unboxed);
//! * `shared.rs`: the bindings of the project's schema with every `bytes` and `string` field
//!   held in `Bytes` (`Config::bytes(".")`), with their samples;
//! * `bot.rs`: a bot's profile of the project's schema (`Config::roots`: [`BOT_ROOTS`]) with its
//!   samples; `bot_client.rs` and `bot_server.rs`, the same profile in one direction
//!   (`Config::direction`); `bot_lean.rs`, the client profile without `Debug`, `Clone`,
//!   `PartialEq` and the `From` conversions;
//! * with `TL_CORPUS` set: `grammers.rs`, the bindings of grammers/api.tl + mtproto.tl
//!   (layer 230, the schema of grammers-tl-types 0.11.0) with their samples, enabling
//!   `cfg(grammers_layer)`; generated with `Config::known_layers` of telegram/api-layer195.tl
//!   and telegram/api.tl (layers 195 and 214), so that its decoding errors name their ids,
//!   and their `Message` and `User` as `Config::other_layer_variants` (samples leave those
//!   out: the samples are layer 230's own), with serde impls in TL JSON when `TL_SERDE_230` is
//!   set too (enabling `cfg(grammers_serde)`); and `grammers_bot_client.rs`, the bot profile
//!   of `scripts/bot-profile.roots` of that layer in the client direction, with its samples;
//! * with `TL_CORPUS` set: `tdlib_sync.rs`, the bindings of the functions td_api.tl documents
//!   as callable synchronously and what they reach (`Config::roots`), with serde impls in
//!   TDLib's JSON and the objects documented as null in `Option`s
//!   (`Config::nullable_objects`), and `with_function`, a function type by TL name; enabling
//!   `cfg(tdlib_sync)`;
//! * with `TL_CORPUS` and `TL_BYTES_LAYER=1` set: `grammers_bytes.rs`, the same layer with
//!   `Config::bytes(".")` and its samples, enabling `cfg(grammers_bytes)`. Off by default: a
//!   second build of the whole layer costs about as much as the first, and the bindings of
//!   the project's schema (`shared.rs`) check the same code paths in every run.

use std::path::{Path, PathBuf};

use tl_codegen::{Direction, JsonStyle};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(grammers_layer)");
    println!("cargo::rustc-check-cfg=cfg(grammers_serde)");
    println!("cargo::rustc-check-cfg=cfg(grammers_bytes)");
    println!("cargo::rustc-check-cfg=cfg(tdlib_sync)");
    println!("cargo:rerun-if-env-changed=TL_CORPUS");
    println!("cargo:rerun-if-env-changed=TL_BYTES_LAYER");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let ours = [schema.join("api.tl"), schema.join("mtproto.tl")];
    write_samples(&ours, &out.join("ours_samples.rs"));
    let universal = tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .universal_enums(true)
        .option_accessors(true)
        .generate(&ours)
        .unwrap_or_else(|e| panic!("{e}"));
    write_if_changed(&out.join("universal.rs"), &universal);
    write_if_changed(&out.join("hooked.rs"), &hooked(&ours));
    write_if_changed(&out.join("shared.rs"), &shared(&ours));
    write_if_changed(&out.join("bot.rs"), &bot(&ours, Direction::Both));
    write_if_changed(&out.join("bot_client.rs"), &bot(&ours, Direction::Client));
    write_if_changed(&out.join("bot_server.rs"), &bot(&ours, Direction::Server));
    write_if_changed(&out.join("bot_lean.rs"), &bot_lean(&ours));
    for (name, file, json) in [
        ("any", "any", None),
        ("edge", "edge", None),
        ("edge_serde", "edge", Some(JsonStyle::Tl)),
        ("edge_tdlib", "edge", Some(JsonStyle::Tdlib)),
        ("layers", "layers", None),
    ] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/{file}.tl"));
        println!("cargo:rerun-if-changed={}", file.display());
        let code = tl_codegen::Config::new()
            .serde(json.is_some())
            .json_style(json.unwrap_or_default())
            .generate(&[file])
            .unwrap_or_else(|e| panic!("{e}"));
        write_if_changed(&out.join(format!("{name}.rs")), &code);
    }
    let diff_schema = |side: &str| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/diff-{side}.tl"));
        println!("cargo:rerun-if-changed={}", file.display());
        file
    };
    let (old, new) = (diff_schema("old"), diff_schema("new"));
    let plain = tl_codegen::Config::new()
        .docs(false)
        .generate(std::slice::from_ref(&new));
    write_if_changed(
        &out.join("diff_new.rs"),
        &plain.unwrap_or_else(|e| panic!("{e}")),
    );
    let known = tl_codegen::Config::new()
        .docs(false)
        .known_layers([old])
        .generate(&[new])
        .unwrap_or_else(|e| panic!("{e}"));
    write_if_changed(&out.join("known_layers.rs"), &known);
    write_stored(&out);
    write_nullable(&out);

    let Some(corpus) = std::env::var_os("TL_CORPUS") else {
        return;
    };
    write_tdlib_sync(&PathBuf::from(&corpus).join("tdlib/td_api.tl"), &out);
    let dir = PathBuf::from(corpus).join("grammers");
    let files = [dir.join("api.tl"), dir.join("mtproto.tl")];
    if !files.iter().all(|f| f.exists()) {
        println!(
            "cargo:warning=TL_CORPUS has no grammers/api.tl + mtproto.tl: the layer-230 tests are off"
        );
        return;
    }
    // serde impls cost the build of the layer about 45% more CPU, too much for every run:
    // only with `TL_SERDE_230` set, for tests/serde_tl_json.rs (cfg(grammers_serde)).
    println!("cargo:rerun-if-env-changed=TL_SERDE_230");
    let serde = std::env::var_os("TL_SERDE_230").is_some_and(|v| !v.is_empty());
    let mut config = tl_codegen::Config::new();
    config
        .accept_known_telegram_mismatches()
        .docs(false)
        .serde(serde);
    let telegram =
        PathBuf::from(std::env::var_os("TL_CORPUS").unwrap_or_default()).join("telegram");
    let older = [telegram.join("api-layer195.tl"), telegram.join("api.tl")];
    if older.iter().all(|f| f.exists()) {
        config
            .known_layers(older)
            .other_layer_variants(["Message", "User"]);
    }
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    write_if_changed(&out.join("grammers.rs"), &with_samples(&config, &files));
    if std::env::var_os("TL_BYTES_LAYER").is_some_and(|v| v == "1") {
        // The same configuration, so that the samples are the same values.
        config.bytes(".");
        write_if_changed(
            &out.join("grammers_bytes.rs"),
            &with_samples(&config, &files),
        );
        println!("cargo::rustc-cfg=grammers_bytes");
    }
    write_if_changed(
        &out.join("grammers_bot_client.rs"),
        &grammers_bot_client(&files),
    );
    write_grammers_oracle(&files, &out.join("grammers_oracle.rs"));
    println!("cargo::rustc-cfg=grammers_layer");
    if serde {
        println!("cargo::rustc-cfg=grammers_serde");
    }
}

/// `nullable.rs`: the bindings of `schema/nullable.tl` with `Config::nullable_objects`, serde
/// impls in TDLib's JSON, and samples.
fn write_nullable(out: &Path) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/nullable.tl");
    println!("cargo:rerun-if-changed={}", file.display());
    let mut config = tl_codegen::Config::new();
    config
        .serde(true)
        .json_style(JsonStyle::Tdlib)
        .nullable_objects(true);
    write_if_changed(&out.join("nullable.rs"), &with_samples(&config, &[file]));
}

#[path = "../tl-json/tests/tdjson/synchronous.rs"]
mod synchronous;

/// `tdlib_sync.rs`, enabling `cfg(tdlib_sync)`: the bindings of td_api.tl's synchronous
/// functions (`Config::roots`) and what they reach, with serde impls in TDLib's JSON and the
/// objects it documents as null held in `Option`s (`Config::nullable_objects`), followed by
/// `with_function`, which hands a `Visit` the function type of a TL name.
fn write_tdlib_sync(td_api: &Path, out: &Path) {
    use std::fmt::Write;
    let Ok(text) = std::fs::read_to_string(td_api) else {
        println!("cargo:warning=TL_CORPUS has no tdlib/td_api.tl: the generated TDLib test is off");
        return;
    };
    println!("cargo:rerun-if-changed={}", td_api.display());
    let schema =
        tl_parser::parse("td_api.tl", &text, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let synchronous: Vec<&str> = schema
        .definitions
        .iter()
        .filter(|d| synchronous::is_synchronous(d))
        .map(|d| d.name)
        .collect();
    let mut code = tl_codegen::Config::new()
        .docs(false)
        .serde(true)
        .json_style(JsonStyle::Tdlib)
        .nullable_objects(true)
        // `error`: the answer of any function that fails.
        .roots(synchronous.iter().copied().chain(["error"]))
        .generate(&[td_api])
        .unwrap_or_else(|e| panic!("{e}"));
    let mut arms = String::new();
    for name in &synchronous {
        // TDLib's function names are lower camel case: the struct's is the same, capitalized.
        let rust = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
        let _ = writeln!(
            arms,
            "        {name:?} => Some(visit.visit::<functions::{rust}>()),"
        );
    }
    code.push_str(
        &TDLIB_SYNC_DISPATCH
            .replace("ARMS", &arms)
            .replace("NAMES", &format!("{synchronous:?}")),
    );
    write_if_changed(&out.join("tdlib_sync.rs"), &code);
    println!("cargo::rustc-cfg=tdlib_sync");
}

/// The end of `tdlib_sync.rs`: a function type by TL name, for a test generic over them.
const TDLIB_SYNC_DISPATCH: &str = "
/// What is done with the function type of a TL name ([`with_function`]).
pub trait Visit {
    /// What [`Visit::visit`] gives.
    type Output;
    /// Does it with the function type `F`.
    fn visit<F: Synchronous>(self) -> Self::Output;
}

/// A synchronous function: its JSON and bytes, and those of its answer.
pub trait Synchronous: ::tl_types::RemoteCall<Return: Answer> + Value {}

impl<F: ::tl_types::RemoteCall<Return: Answer> + Value> Synchronous for F {}

/// An answer of a function: a boxed type.
pub trait Answer: ::tl_types::json::Tagged + Value {}

impl<T: ::tl_types::json::Tagged + Value> Answer for T {}

/// A value in JSON and in bytes, both ways.
pub trait Value:
    ::tl_types::Serializable
    + ::tl_types::Deserializable
    + ::tl_types::serde::Serialize
    + ::tl_types::serde::de::DeserializeOwned
    + PartialEq
    + std::fmt::Debug
{
}

impl<T> Value for T where
    T: ::tl_types::Serializable
        + ::tl_types::Deserializable
        + ::tl_types::serde::Serialize
        + ::tl_types::serde::de::DeserializeOwned
        + PartialEq
        + std::fmt::Debug
{
}

/// `visit` done with the function type of `name`, a synchronous function of td_api.tl; `None`
/// for any other name.
pub fn with_function<V: Visit>(name: &str, visit: V) -> Option<V::Output> {
    match name {
ARMS        _ => None,
    }
}

/// The synchronous functions of td_api.tl, in schema order.
pub const SYNCHRONOUS: &[&str] = &NAMES;
";

/// `stored.rs` and `stored_compat.rs`: layer 3 of `schema/stored-*.tl` alone, and with the
/// constructors of layers 1 and 2 that `tests/other_layer_variants.rs` decodes.
fn write_stored(out: &Path) {
    let layer = |n: u32| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schema/stored-{n}.tl"));
        println!("cargo:rerun-if-changed={}", file.display());
        file
    };
    let current = [layer(3)];
    let plain = tl_codegen::Config::new().generate(&current);
    write_if_changed(
        &out.join("stored.rs"),
        &plain.unwrap_or_else(|e| panic!("{e}")),
    );
    let compat = tl_codegen::Config::new()
        .known_layers([layer(1), layer(2)])
        .other_layer_variants(["Message", "User", "Chat", "ChatPhoto"])
        .generate(&current);
    write_if_changed(
        &out.join("stored_compat.rs"),
        &compat.unwrap_or_else(|e| panic!("{e}")),
    );
}

/// The project's schema with a hook of every kind, as `tests/hooks.rs` checks them: `Peer`
/// and its constructors hashable, `auth.sendCode` serializable with a renamed field, `message`
/// held by value in `Message` and `peerUser` boxed in `Peer`.
fn hooked(files: &[PathBuf]) -> String {
    let hashable = "#[derive(Hash, Eq)]";
    let serializable = "#[derive(::serde::Serialize)]";
    tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .enum_attribute("Peer", hashable)
        .type_attribute("peerUser", hashable)
        .type_attribute("peerChat", hashable)
        .type_attribute("peerChannel", hashable)
        .type_attribute("auth.sendCode", serializable)
        .type_attribute("CodeSettings", serializable)
        .type_attribute("codeSettings", serializable)
        .field_attribute("auth.sendCode.phone_number", "#[serde(rename = \"phone\")]")
        .unboxed("message")
        .boxed("peerUser")
        .generate(files)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The project's schema with every `bytes` and `string` field held in `Bytes`, with its
/// samples, as `tests/shared_bytes.rs` checks them against the default bindings.
fn shared(files: &[PathBuf]) -> String {
    let mut config = tl_codegen::Config::new();
    config
        .accept_known_telegram_mismatches()
        .docs(false)
        .bytes(".");
    with_samples(&config, files)
}

/// The code `config` generates from `files`, followed by its samples.
fn with_samples(config: &tl_codegen::Config, files: &[PathBuf]) -> String {
    let mut code = config.generate(files).unwrap_or_else(|e| panic!("{e}"));
    let samples = config.generate_samples(files);
    code.push_str(&samples.unwrap_or_else(|e| panic!("{e}")));
    code
}

/// The methods of a bot in the project's schema, and the updates it receives: the roots of
/// `bot.rs`.
const BOT_ROOTS: [&str; 10] = [
    "invokeWithLayer",
    "initConnection",
    "help.getConfig",
    "auth.sendCode",
    "messages.sendMessage",
    "messages.getHistory",
    "updates.getState",
    "updates.getDifference",
    "upload.getFile",
    "Updates",
];

/// The bot profile of the project's schema in `direction` with its samples, as
/// `tests/profiles.rs` and `tests/directions.rs` check it.
fn bot(files: &[PathBuf], direction: Direction) -> String {
    let mut config = tl_codegen::Config::new();
    config
        .accept_known_telegram_mismatches()
        .roots(BOT_ROOTS)
        .direction(direction);
    with_samples(&config, files)
}

/// The client bot profile with every standard trait left out (`tl_tests::bot_lean`), without
/// samples, which need them.
fn bot_lean(files: &[PathBuf]) -> String {
    tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .roots(BOT_ROOTS)
        .direction(Direction::Client)
        .derive_debug(false)
        .derive_clone(false)
        .derive_partial_eq(false)
        .conversions(false)
        .generate(files)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The documented bot profile of layer 230 (`scripts/bot-profile.roots`) in the client
/// direction, with its samples, for `tests/grammers_oracle.rs`.
fn grammers_bot_client(files: &[PathBuf]) -> String {
    let roots_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/bot-profile.roots");
    println!("cargo:rerun-if-changed={}", roots_file.display());
    let text = std::fs::read_to_string(&roots_file).unwrap_or_else(|e| panic!("{e}"));
    let mut config = tl_codegen::Config::new();
    config
        .accept_known_telegram_mismatches()
        .docs(false)
        .roots(tl_codegen::roots_in(&text))
        .direction(Direction::Client);
    with_samples(&config, files)
}

/// `grammers_oracle.rs`, for `tests/grammers_oracle.rs`: `reencode(name, bytes)` decodes the
/// boxed encoding of the definition `name` with grammers-tl-types' own type for it and
/// encodes it again with grammers. Generic functions are left out (grammers makes them
/// generic structs), and so are `Bool`'s constructors (grammers maps them to `bool`) and the
/// built-ins.
fn write_grammers_oracle(files: &[PathBuf], out: &Path) {
    use std::fmt::Write;
    let mut arms = String::new();
    let mut names = String::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        let schema = tl_parser::parse(&file.display().to_string(), &source, &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
        for def in &schema.definitions {
            // `int128 4*[ int ] = Int128`: a built-in, a byte array on both sides.
            let fixed_width = matches!(
                def.params.as_slice(),
                [tl_parser::Param {
                    name: None,
                    kind: tl_parser::ParamKind::Repeated { .. },
                    ..
                }]
            );
            let bool_constructor =
                def.category == tl_parser::Category::Type && def.result.name == "Bool";
            if def.builtin || fixed_width || !def.generics.is_empty() || bool_constructor {
                continue;
            }
            let modules = |namespace: &[&str]| -> String {
                namespace.iter().map(|ns| format!("{ns}::")).collect()
            };
            let (reencode, path) = match def.category {
                tl_parser::Category::Type => (
                    "reencode_boxed",
                    format!(
                        "enums::{}{}",
                        modules(&def.result.namespace),
                        grammers_type_name(def.result.name)
                    ),
                ),
                tl_parser::Category::Function => (
                    "reencode_function",
                    format!(
                        "functions::{}{}",
                        modules(&def.namespace),
                        grammers_type_name(def.name)
                    ),
                ),
            };
            let _ = writeln!(
                arms,
                "        {:?} => Some({reencode}::<grammers_tl_types::{path}>(bytes)),",
                def.full_name()
            );
            let _ = writeln!(names, "    {:?},", def.full_name());
        }
    }
    let code = format!(
        "/// grammers' re-encoding of `bytes`, the boxed encoding of a value of definition\n\
         /// `name`, or `None` for a definition it has no type of its own for.\n\
         pub fn reencode(name: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, String>> {{\n    \
         match name {{\n{arms}        _ => None,\n    }}\n}}\n\n\
         /// Every definition `reencode` knows.\n\
         pub const WITH_A_GRAMMERS_TYPE: &[&str] = &[\n{names}];\n"
    );
    write_if_changed(out, &code);
}

/// The Rust name grammers-tl-types gives a TL name (`msgs_ack` -> `MsgsAck`,
/// `messageActionSetMessagesTTL` -> `MessageActionSetMessagesTtl`): each `_`-separated word
/// capitalized, and a letter after a capital lowercased.
fn grammers_type_name(name: &str) -> String {
    let mut rust = String::with_capacity(name.len());
    for word in name.split('_') {
        let mut lower_next = false;
        for (i, c) in word.chars().enumerate() {
            rust.push(match (i, lower_next) {
                (0, _) => c.to_ascii_uppercase(),
                (_, true) => c.to_ascii_lowercase(),
                (_, false) => c,
            });
            // A word's first letter, and any capital, lower the letter after it.
            lower_next = i == 0 || c.is_ascii_uppercase();
        }
    }
    rust
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
