//! Generates Rust types, serializers and deserializers from TL schemas.
//!
//! The pipeline: [`tl_parser`] parses each file (verifying constructor ids); `resolve` makes
//! every decision once (names, types, boxing, and per definition a codec plan: flag bits,
//! fixed-width runs, minimum lengths) into the `model`; `emit` (and `samples`) only render the
//! model as tokens, which are formatted with `prettyplease`. The output is deterministic: the
//! same schemas give the same bytes.
//!
//! From a `build.rs` (with `tl-types` as a dependency, `default-features = false`, and this
//! crate as a build-dependency, `default-features = false`: the default `cli` feature only
//! builds the `tl-codegen` command and its clap dependency):
//!
//! ```no_run
//! // build.rs
//! tl_codegen::Config::new()
//!     .compile(&["schema/api.tl", "schema/mtproto.tl"])
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/generated.rs"));`
//!
//! See the `naming` module documentation for how TL names become Rust names, and
//! `tl-types` for the runtime the generated code calls.

pub mod check;
pub mod diff;
mod emit;
mod error;
pub mod layers;
mod method_docs;
mod model;
mod naming;
mod render;
mod resolve;
mod samples;
mod schema_dir;
#[cfg(test)]
mod testing;

use std::path::{Path, PathBuf};

use tl_parser::{Options, Schema};

pub use emit::JsonStyle;
pub use error::{Error, ErrorKind};
pub use resolve::{
    DEFAULT_REDACTIONS, Direction, HookError, HookProblem, ResolveError, ResolveErrorKind,
    UnknownRoot,
};
pub use schema_dir::{schema_dir_from_env, schema_files_in};

/// The constructors whose written ids in Telegram's mtproto.tl are not the CRC32 of their
/// definitions, listed as exceptions by Telegram's own generators.
pub const KNOWN_TELEGRAM_MISMATCHES: [&str; 3] =
    ["ipPortSecret", "accessPointRule", "help.configSimple"];

/// The definitions of TON's ton_api.tl and lite_api.tl whose written ids are those of older
/// declarations, kept for wire compatibility after fields were added.
pub const KNOWN_TON_MISMATCHES: [&str; 5] = [
    "tonNode.capabilities",
    "db.block.info",
    "collatorNode.pong",
    "liteServer.transactionId",
    "liteServer.getValidatorStats",
];

/// What to generate and how: a builder in the style of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    docs: bool,
    serde: bool,
    json_style: JsonStyle,
    derives: emit::Derives,
    runtime: String,
    parse: Options,
    out_dir: Option<PathBuf>,
    file_name: String,
    resolve: resolve::Settings,
    redact: Vec<String>,
    method_docs: Option<PathBuf>,
    doc_tests: Option<String>,
    known_layers: Vec<PathBuf>,
    other_layer_variants: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            docs: true,
            serde: false,
            json_style: JsonStyle::Tl,
            derives: emit::Derives::default(),
            runtime: "::tl_types".to_owned(),
            parse: Options::default(),
            out_dir: None,
            file_name: "generated.rs".to_owned(),
            resolve: resolve::Settings {
                max_inline_variant: resolve::DEFAULT_MAX_INLINE_VARIANT,
                ..resolve::Settings::default()
            },
            redact: Vec::new(),
            method_docs: None,
            doc_tests: None,
            known_layers: Vec::new(),
            other_layer_variants: Vec::new(),
        }
    }
}

impl Config {
    /// Defaults: docs on, no serde, runtime `::tl_types`, output `$OUT_DIR/generated.rs`.
    pub fn new() -> Self {
        Config::default()
    }

    /// Emit rustdoc on every item: the schema line and comments, a table of the parameters
    /// of each constructor and function, links between functions, constructors and types, and
    /// an example call of each function (docs/generated-code.md). Default: on.
    pub fn docs(&mut self, on: bool) -> &mut Self {
        self.docs = on;
        self
    }

    /// Reads a documentation sidecar (JSON, docs/method-docs.md) into the rustdoc: the
    /// descriptions of functions, constructors and their parameters, whether bots may call a
    /// function, and the errors it may return. A name the schemas do not define is an error,
    /// with the closest name. Default: none.
    pub fn method_docs(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.method_docs = Some(path.into());
        self
    }

    /// Makes the example call of each function a doc-test (```` ```no_run ````) that reaches
    /// the generated modules through `crate_path` (`tl_types`, `my_crate::tl`): rustdoc
    /// compiles it against the crate that includes the code, with its inputs as the
    /// parameters of a hidden function.
    ///
    /// Opt-in because only the including crate knows that path: a doc-test is a crate of its
    /// own that can only reach public items by an absolute path, and the generated code does
    /// not know where it is `include!`d (maybe in a private module, which no doc-test
    /// reaches). It also costs: rustdoc compiles an example per function. Without it, the
    /// examples are ```` ```text ```` blocks, which rustdoc neither compiles nor lists as
    /// ignored tests (a layer has hundreds). Default: off.
    pub fn doc_tests(&mut self, crate_path: &str) -> &mut Self {
        self.doc_tests = Some(crate_path.to_owned());
        self
    }

    /// Implement `serde::Serialize` and `serde::Deserialize` for every struct and enum, in TL
    /// JSON form (docs/json.md): `{"_": "auth.sentCode", ...}` with the schema's field names,
    /// `long` as a decimal string, `bytes` as base64, `int128` as hex; what
    /// `serde_json::to_value` gives is what the schema-driven `tl-json` decodes from the same
    /// bytes. The impls call `tl_types::json` (the runtime's `serde` feature, which the crate
    /// using the output must turn on). Default: off.
    pub fn serde(&mut self, on: bool) -> &mut Self {
        self.serde = on;
        self
    }

    /// The dialect of the serde impls ([`Config::serde`]): TL JSON, or TDLib's (`"@type"`,
    /// `int53` as a number, `"@extra"` ignored when read). Default: [`JsonStyle::Tl`].
    pub fn json_style(&mut self, style: JsonStyle) -> &mut Self {
        self.json_style = style;
        self
    }

    /// TDLib's objects: hold in an `Option` each object field documented "may be null" (or
    /// "pass null"), as TDLib leaves them out of answers, and write every object with its id
    /// and a null one as `null#56730bcc`, as tl-json's TDLib style (docs/json.md). Default: off.
    pub fn nullable_objects(&mut self, on: bool) -> &mut Self {
        self.resolve.nullable_objects = on;
        self
    }

    /// Derive `Debug` (or write it, for structs with redacted or hex-shown fields; see
    /// [`Config::redact`]). Turning it off saves build time; [`Config::generate_samples`]
    /// needs it. Default: on.
    pub fn derive_debug(&mut self, on: bool) -> &mut Self {
        self.derives.debug = on;
        self
    }

    /// Derive `Clone`. Turning it off saves build time. Default: on.
    pub fn derive_clone(&mut self, on: bool) -> &mut Self {
        self.derives.clone = on;
        self
    }

    /// Derive `PartialEq`. Turning it off saves build time; [`Config::generate_samples`]
    /// needs it. Default: on.
    pub fn derive_partial_eq(&mut self, on: bool) -> &mut Self {
        self.derives.partial_eq = on;
        self
    }

    /// Implement `From` a constructor's struct into its enum and `TryFrom` back
    /// (`enums::InputPeer::from(types::InputPeerSelf {})`). Off, a constructor goes into its
    /// enum through the variant (`enums::InputPeer::InputPeerSelf`, `Box::new` where it is
    /// boxed), and `new` and the setters take the enum. Turning it off saves build time;
    /// [`Config::generate_samples`] needs it. Default: on.
    pub fn conversions(&mut self, on: bool) -> &mut Self {
        self.derives.conversions = on;
        self
    }

    /// Implement `Deserializable` for functions too, as servers, proxies and tests need.
    /// Clients only encode functions: turning this off saves build time
    /// ([`Direction::Client`] implies it). Default: on.
    pub fn deserializable_functions(&mut self, on: bool) -> &mut Self {
        self.resolve.no_function_decoders = !on;
        self
    }

    /// Which codecs to generate: [`Direction::Client`] encodes requests and decodes answers,
    /// [`Direction::Server`] the mirror, [`Direction::Both`] everything. Composes with
    /// [`Config::roots`] (a bot's profile is roots plus `Client`).
    ///
    /// In `Client`, functions and everything their arguments reach implement `Serializable`
    /// (functions `RemoteCall`), and everything their results reach, and the types and
    /// constructors given as roots (what the server pushes: `Updates`), implements
    /// `Deserializable`; a definition reached both ways gets both. `Server` mirrors it:
    /// functions and their arguments decode, results encode, and functions implement
    /// `Answer` (their `Return` encodes) instead of `RemoteCall`. A definition that no
    /// function and no root reaches (MTProto's service messages, the handshake's inner data)
    /// keeps both codecs: the schema does not say who sends it. Every type gets the codecs of
    /// its constructors, so code that needs a codec the direction leaves out fails to compile,
    /// naming the type: "the trait `Deserializable` is not implemented for
    /// `functions::messages::SendMessage`". The generated code is otherwise identical: names,
    /// boxing, bytes.
    ///
    /// Not with [`Config::universal_enums`], whose `Object` and `Function` decode anything.
    /// Default: `Both`.
    pub fn direction(&mut self, direction: Direction) -> &mut Self {
        self.resolve.direction = direction;
        self
    }

    /// The path through which generated code reaches the runtime. Default: `::tl_types`.
    pub fn runtime_path(&mut self, path: &str) -> &mut Self {
        path.clone_into(&mut self.runtime);
        self
    }

    /// Accept a written id that differs from its definition's CRC32 (full TL name).
    pub fn accept_id_mismatch(&mut self, name: &str) -> &mut Self {
        self.parse.accepted_mismatches.push(name.to_owned());
        self
    }

    /// Accept every written id that its definition verifies another way: its CRC32 under the
    /// name without a version suffix (`decryptedMessage8` written with `decryptedMessage`'s
    /// id, as TDLib's secret_api.tl keeps renamed older constructors), or under the other
    /// id convention (`bytes` hashed as written, as some of Telegram's definitions are). Other
    /// mismatches still fail. Default: off.
    pub fn accept_explained_ids(&mut self, on: bool) -> &mut Self {
        self.parse.accept_explained = on;
        self
    }

    /// Accept [`KNOWN_TELEGRAM_MISMATCHES`], needed to generate Telegram's mtproto.tl.
    pub fn accept_known_telegram_mismatches(&mut self) -> &mut Self {
        for name in KNOWN_TELEGRAM_MISMATCHES {
            self.accept_id_mismatch(name);
        }
        self
    }

    /// Accept [`KNOWN_TON_MISMATCHES`], needed to generate TON's ton_api.tl and lite_api.tl.
    pub fn accept_known_ton_mismatches(&mut self) -> &mut Self {
        for name in KNOWN_TON_MISMATCHES {
            self.accept_id_mismatch(name);
        }
        self
    }

    /// Force an id convention instead of detecting it per file.
    pub fn convention(&mut self, convention: tl_parser::Convention) -> &mut Self {
        self.parse.convention = Some(convention);
        self
    }

    /// Where [`Config::compile`] writes. Default: the `OUT_DIR` of the build script.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The name of the written file. Default: `generated.rs`.
    pub fn file_name(&mut self, name: &str) -> &mut Self {
        name.clone_into(&mut self.file_name);
        self
    }

    /// Constructors estimated larger than this many bytes are boxed in their enum, which keeps
    /// every enum small and cheap to move (the estimate is documented in
    /// docs/generated-code.md, and each boxed variant's docs give it). Default: 128.
    pub fn max_inline_variant(&mut self, bytes: usize) -> &mut Self {
        self.resolve.max_inline_variant = bytes;
        self
    }

    /// Adds `attribute` (one or more whole attributes: `"#[derive(Hash, Eq)]"`) to the
    /// generated items that `path` selects: the structs of constructors and functions and the
    /// enums of types, by TL name (`peerUser`, `messages.sendMessage`, `Peer`). A path ending
    /// in `.` selects a namespace (`messages.`); `.` selects everything. As in prost-build;
    /// unlike it, a path that selects nothing is an error, with the closest name.
    pub fn type_attribute(&mut self, path: &str, attribute: &str) -> &mut Self {
        let hook = (path.to_owned(), attribute.to_owned());
        self.resolve.hooks.type_attributes.push(hook);
        self
    }

    /// Adds `attribute` to the enums of the types that `path` selects, as
    /// [`Config::type_attribute`] but never to a struct.
    pub fn enum_attribute(&mut self, path: &str, attribute: &str) -> &mut Self {
        let hook = (path.to_owned(), attribute.to_owned());
        self.resolve.hooks.enum_attributes.push(hook);
        self
    }

    /// Adds `attribute` to the fields that `path` selects: `constructor.field` by TL names
    /// (`auth.sendCode.phone_number`); `auth.sendCode.` selects every field of it.
    pub fn field_attribute(&mut self, path: &str, attribute: &str) -> &mut Self {
        let hook = (path.to_owned(), attribute.to_owned());
        self.resolve.hooks.field_attributes.push(hook);
        self
    }

    /// Boxes the variants of the constructors that `path` selects (TL names, as in
    /// [`Config::type_attribute`]), whatever their size.
    pub fn boxed(&mut self, path: &str) -> &mut Self {
        self.resolve.hooks.boxed.push(path.to_owned());
        self
    }

    /// Holds the variants of the constructors that `path` selects by value, whatever their
    /// size, so that patterns reach into them (`Message::Message(types::Message { id, .. })`);
    /// the enum grows to the largest. A constructor that holds its own type by value stays
    /// boxed (naming one exactly is an error).
    pub fn unboxed(&mut self, path: &str) -> &mut Self {
        self.resolve.hooks.unboxed.push(path.to_owned());
        self
    }

    /// Holds the `bytes` fields that `path` selects as `bytes::Bytes` and the `string` fields as
    /// `tl_types::BytesString` (a `Bytes` checked as UTF-8, which derefs to `&str`), instead of
    /// `Vec<u8>` and `String`, in vectors too. Decoded from a `Bytes` input
    /// (`Deserializable::from_bytes_shared`), they are slices of it: no allocation, no copy.
    /// Needs the `bytes` feature of `tl-types`. The bytes on the wire are the same.
    ///
    /// `path` is a field (`upload.file.bytes`), a constructor or function (all its fields), a
    /// type (all its constructors' fields), a namespace (`messages.`) or everything (`.`), as
    /// in prost-build's `Config::bytes`; a path that selects no `string` or `bytes` field is an
    /// error, with the closest name. Each call adds a path. Default: none.
    pub fn bytes(&mut self, path: &str) -> &mut Self {
        self.resolve.hooks.bytes.push(path.to_owned());
        self
    }

    /// Generate `enums::Object`, holding any constructor of the schemas, and `enums::Function`,
    /// holding any function (generic ones excepted), even when no definition declares or refers
    /// to them (TON's and TDLib's schemas do; Telegram's do not). They decode any boxed value
    /// by its id (`Object::from_bytes`, `Function::from_bytes`) for proxies, loggers, tests and
    /// servers that dispatch requests, and say what they hold (`constructor_id()`,
    /// `tl_name()`). Every variant is boxed: each enum is two words. Costs build time (layer
    /// 230: see BENCHMARKS.md). Default: off.
    pub fn universal_enums(&mut self, on: bool) -> &mut Self {
        self.resolve.universal_enums = on;
        self
    }

    /// Also generate the enum methods that return an `Option`: those of a field that only some
    /// of a type's constructors have, or have as `flags.N?T` (`Message::reply_to() ->
    /// Option<&enums::MessageReplyHeader>`; docs/generated-code.md). The methods of fields that
    /// every constructor has are always generated. Layer 230 has 379 such methods, which cost
    /// several percent of its build time: see BENCHMARKS.md. Default: off.
    pub fn option_accessors(&mut self, on: bool) -> &mut Self {
        self.resolve.option_accessors = on;
        self
    }

    /// Generate only the closure of `names`: the listed functions (`messages.sendMessage`),
    /// boxed types (`Updates`) and constructors (`inputPeerUser`), by TL name, and everything
    /// they reach (fields' types, results, every constructor of a type reached; a generic `X`
    /// stays generic). Each call adds to the list. A kept definition is generated exactly as
    /// in the full build (names, boxing, bytes); anything else is left out, so code that uses
    /// a dropped type fails to compile, naming it. Hooks and redactions apply to what is kept
    /// and must name kept definitions; `name_for_id` still knows every id of the schemas.
    /// A name that is not in the schemas is an error, with the closest one. Default: all.
    pub fn roots<S: AsRef<str>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        let roots = self.resolve.roots.get_or_insert_with(Vec::new);
        roots.extend(names.into_iter().map(|name| name.as_ref().to_owned()));
        self
    }

    /// As [`Config::roots`], for types and constructors that this side sends outside any
    /// function: MTProto's service messages, such as a client's `msgs_ack`. In a
    /// [`Config::direction`] other than `Both`, what they reach is sent (a client encodes it),
    /// where other type roots are received; a name given to both is sent only.
    pub fn sent_roots<S: AsRef<str>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        let names: Vec<String> = names.into_iter().map(|n| n.as_ref().to_owned()).collect();
        self.resolve.sent_roots.extend(names.iter().cloned());
        self.roots(names)
    }

    /// Redact a field in `Debug` output besides [`DEFAULT_REDACTIONS`]: `path` is
    /// `constructor.field` or `function.field` in TL names (`auth.sentCode.phone_code_hash`).
    /// `Debug` then shows `<redacted>` (`Some(<redacted>)` when optional) whatever its type.
    /// A path that names no field of the schemas is an error.
    pub fn redact(&mut self, path: &str) -> &mut Self {
        self.redact.push(path.to_owned());
        self
    }

    /// Schema files of other layers (older or newer: `api-layer195.tl`), each read on its own
    /// with its own `// LAYER N`. The generated code then holds a table of their ids that the
    /// generated schema does not have, with their names and layers, so that a decoding error
    /// names such an id: `found 0x979d2376 (userFull of layer 195; these bindings are layer
    /// 230)`. Without it the error names only ids of the schema, as before. Each call adds
    /// files. Default: none.
    pub fn known_layers<P: Into<PathBuf>>(
        &mut self,
        files: impl IntoIterator<Item = P>,
    ) -> &mut Self {
        self.known_layers.extend(files.into_iter().map(Into::into));
        self
    }

    /// Keeps, for the boxed types `types` (TL names: `Message`, `User`), the constructors of
    /// the [`Config::known_layers`] that the schema lacks (by id) as variants of the same enums,
    /// so that data of those layers still decodes: `message#94345242` of layer 195 becomes
    /// `types::Message195` and `enums::Message::Message195`. Clients that persist users, chats
    /// and messages read them back after a layer update this way.
    ///
    /// They are superseded definitions, as those of a schema's `===N===` sections are: named
    /// with their layer (a definition that several layers have, with the oldest; one per
    /// distinct id), encoded with their own id and fields, and known to `name_for_id` rather
    /// than to `other_layer_id`. Their fields refer to the schema's types, which decode with
    /// the schema's constructors: name nested types too (`MessageMedia`) to keep theirs. A
    /// type that only the other layers define gets an enum of their constructors; a field of
    /// a type that neither defines is an error at its line.
    ///
    /// Opt-in, per type: the enums they join are not those of the plain build (exhaustive
    /// matches and the accessors of fields see the added variants), and only data a client
    /// stores needs them. `Object` (with [`Config::universal_enums`]) and the samples leave
    /// them out. Each call adds types. Default: none (the output is that of `known_layers`
    /// alone, byte for byte).
    pub fn other_layer_variants<S: AsRef<str>>(
        &mut self,
        types: impl IntoIterator<Item = S>,
    ) -> &mut Self {
        let types = types.into_iter().map(|t| t.as_ref().to_owned());
        self.other_layer_variants.extend(types);
        self
    }

    /// Parses the files (in order; e.g. api.tl then mtproto.tl) and returns formatted Rust.
    pub fn generate(&self, files: &[impl AsRef<Path>]) -> Result<String, Error> {
        let sources = read_sources(files)?;
        let named = named(&sources);
        self.generate_from_sources(&named)
    }

    /// As [`Config::generate`], from `(file name, text)` pairs.
    pub fn generate_from_sources(&self, sources: &[(&str, &str)]) -> Result<String, Error> {
        let model = self.model(sources)?;
        if self.serde {
            emit::check_serde(&model).map_err(ErrorKind::Unsupported)?;
        }
        let runtime = self.runtime()?;
        let tokens = emit::emit(
            &model,
            &emit::EmitOptions {
                docs: self.docs,
                serde: self.serde,
                json_style: self.json_style,
                derives: self.derives,
                runtime: &runtime,
                doc_tests: self.doc_tests.as_deref(),
            },
        );
        format(tokens)
    }

    /// A `samples` module with two values of every constructor and function (all optional
    /// fields set; none set), to `include!` next to the bindings of the same files. It feeds
    /// round-trip tests, fuzz corpora and benchmarks through its `Visitor` trait.
    pub fn generate_samples(&self, files: &[impl AsRef<Path>]) -> Result<String, Error> {
        let sources = read_sources(files)?;
        let named = named(&sources);
        let derives = &self.derives;
        if !(derives.debug && derives.partial_eq && derives.conversions) {
            return Err(ErrorKind::Unsupported(
                "samples need `Debug`, `PartialEq` and the `From` conversions of the bindings"
                    .to_owned(),
            )
            .into());
        }
        let model = self.model(&named)?;
        format(samples::emit(&model, &self.runtime()?, self.serde))
    }

    /// The semantic diff of two schemas, each side one or more files taken together (e.g.
    /// api.tl then mtproto.tl), parsed and resolved with these settings as generation would
    /// (so ids must verify as for [`Config::generate`]). See [`diff::SchemaDiff`].
    pub fn diff(
        &self,
        old: &[impl AsRef<Path>],
        new: &[impl AsRef<Path>],
    ) -> Result<diff::SchemaDiff, Error> {
        let (old, new) = (read_sources(old)?, read_sources(new)?);
        self.diff_sources(&named(&old), &named(&new))
    }

    /// As [`Config::diff`], from `(file name, text)` pairs.
    pub fn diff_sources(
        &self,
        old: &[(&str, &str)],
        new: &[(&str, &str)],
    ) -> Result<diff::SchemaDiff, Error> {
        Ok(diff::diff(&self.model(old)?, &self.model(new)?))
    }

    fn runtime(&self) -> Result<syn::Path, Error> {
        syn::parse_str(&self.runtime)
            .map_err(|_| ErrorKind::RuntimePath(self.runtime.clone()).into())
    }

    /// Parses, checks ids and resolves.
    fn model(&self, sources: &[(&str, &str)]) -> Result<model::Model, Error> {
        if self.resolve.universal_enums && self.resolve.direction != Direction::Both {
            let direction = self.resolve.direction;
            return Err(ErrorKind::Unsupported(format!(
                "`universal_enums` decodes any constructor and function by its id, which needs \
                 every decoder: it cannot be combined with the {direction} direction"
            ))
            .into());
        }
        let mut schemas: Vec<Schema> = Vec::with_capacity(sources.len());
        for (name, text) in sources {
            let schema = tl_parser::parse(name, text, &self.parse).map_err(ErrorKind::Parse)?;
            schemas.push(schema);
        }
        let mismatches: Vec<_> = schemas
            .iter()
            .flat_map(|s| s.unaccepted_mismatches().cloned())
            .collect();
        if !mismatches.is_empty() {
            return Err(ErrorKind::IdMismatch(mismatches).into());
        }
        let layer_sources = read_sources(&self.known_layers)?;
        let other_layers = layers::parse_each(&layer_sources, &self.parse)?;
        let generated = schemas.len();
        let kept = self.kept_constructors(&other_layers, &schemas)?;
        schemas.extend(kept);
        let mut model = resolve::resolve(&schemas, generated, &self.resolve).map_err(
            |failure| match failure {
                resolve::Failure::Schema(errors) => schema_errors(errors, sources, &layer_sources),
                resolve::Failure::Hook(error) => ErrorKind::Hook(error).into(),
                resolve::Failure::Roots(unknown) => ErrorKind::UnknownRoots(unknown).into(),
            },
        )?;
        if !other_layers.is_empty() {
            // Every id these bindings decode, built-ins (`boolTrue`, `vector`) included.
            let ids: std::collections::HashSet<u32> = schemas
                .iter()
                .flat_map(|s| &s.definitions)
                .map(|d| d.id())
                .collect();
            let sightings = layers::sightings_in(&other_layers);
            model.other_layers = layers::other_layers(&sightings, |id| ids.contains(&id));
        }
        let unknown = resolve::decide_debug(&mut model, &self.redact);
        if !unknown.is_empty() {
            return Err(ErrorKind::UnknownRedaction(unknown).into());
        }
        let sidecar = match &self.method_docs {
            Some(path) => method_docs::read(path)?,
            None => method_docs::MethodDocs::default(),
        };
        resolve::decide_docs(&mut model, &sidecar).map_err(|unknown| {
            let path = self.method_docs.clone().unwrap_or_default();
            let (name, closest) = (unknown.name, unknown.closest);
            ErrorKind::UnknownDocName {
                path,
                name,
                closest,
            }
        })?;
        Ok(model)
    }

    /// The constructors of `other_layers` that [`Config::other_layer_variants`] keeps, as
    /// schemas to resolve after the generated `schemas`.
    fn kept_constructors<'a>(
        &self,
        other_layers: &[Schema<'a>],
        schemas: &[Schema],
    ) -> Result<Vec<Schema<'a>>, Error> {
        let types = &self.other_layer_variants;
        if types.is_empty() {
            return Ok(Vec::new());
        }
        if other_layers.is_empty() {
            return Err(ErrorKind::Unsupported(
                "other_layer_variants keeps constructors of the files of known_layers, and \
                 none are given"
                    .to_owned(),
            )
            .into());
        }
        layers::variants_to_keep(types, other_layers, schemas)
    }

    /// For `build.rs`: generates and writes `out_dir/file_name`, and tells Cargo to rerun
    /// when any input changes.
    pub fn compile(&self, files: &[impl AsRef<Path>]) -> Result<(), Error> {
        for file in files {
            println!("cargo:rerun-if-changed={}", file.as_ref().display());
        }
        if let Some(path) = &self.method_docs {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        for file in &self.known_layers {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        let code = self.generate(files)?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(ErrorKind::NoOutDir)?),
        };
        let path = dir.join(&self.file_name);
        // Writing only on change keeps dependent crates from rebuilding for nothing.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(code.as_str()) {
            std::fs::write(&path, code).map_err(|error| ErrorKind::Write { path, error })?;
        }
        Ok(())
    }
}

/// The resolution errors of the schemas (`sources`) and of the constructors kept from the
/// known layers (`layer_sources`), with their source lines.
fn schema_errors(
    errors: Vec<ResolveError>,
    sources: &[(&str, &str)],
    layer_sources: &[(String, String)],
) -> Error {
    let all_sources = [sources, &named(layer_sources)].concat();
    let mut rendered = resolve::render_errors(&errors, &all_sources);
    let in_layers = |e: &ResolveError| layer_sources.iter().any(|(name, _)| *name == e.file);
    if errors.iter().any(in_layers) {
        rendered.push_str(
            "  = help: the errors in files of known_layers are in constructors that \
             other_layer_variants keeps: name the types they refer to as well, where another \
             layer defines them\n",
        );
    }
    ErrorKind::Resolve { errors, rendered }.into()
}

/// The names of a roots file (`tl-codegen --roots-file`, `scripts/bot-profile.roots`), for
/// [`Config::roots`]: separated by commas, spaces or new lines; `//` starts a comment that
/// runs to the end of the line, as in TL.
pub fn roots_in(text: &str) -> Vec<&str> {
    text.lines()
        .map(|line| line.split_once("//").map_or(line, |(names, _)| names))
        .flat_map(|names| names.split([',', ' ', '\t']))
        .filter(|name| !name.is_empty())
        .collect()
}

fn read_sources(files: &[impl AsRef<Path>]) -> Result<Vec<(String, String)>, Error> {
    files
        .iter()
        .map(|file| {
            let path = file.as_ref();
            let text = std::fs::read_to_string(path).map_err(|error| ErrorKind::Read {
                path: path.to_owned(),
                error,
            })?;
            Ok((path.display().to_string(), text))
        })
        .collect()
}

/// `(file name, text)` pairs borrowing from [`read_sources`]'s.
fn named(sources: &[(String, String)]) -> Vec<(&str, &str)> {
    let pairs = sources.iter();
    pairs
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect()
}

/// Formats tokens as a Rust file with the generated-code header.
fn format(tokens: proc_macro2::TokenStream) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| ErrorKind::Internal(format!("generated code does not parse: {e}")))?;
    let header = "// @generated by tl-codegen from TL schema files. Do not edit.\n";
    Ok(format!("{header}{}", render::unparse(&file)))
}
