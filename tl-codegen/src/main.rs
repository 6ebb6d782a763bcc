//! The `tl-codegen` command: check TL schema files, or generate Rust from them.

mod json_commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tl_codegen::check::{Outcome, Resolution, check_files};
use tl_codegen::diff::Impact;
use tl_parser::{Convention, Options};

/// Generate Rust from TL schema files (to stdout, or `--out FILE`), or `check` them.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    schema: SchemaArgs,
    /// Write the generated Rust to this file instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Path through which the generated code reaches the runtime crate.
    #[arg(long, default_value = "::tl_types")]
    runtime_path: String,
    /// Leave out rustdoc comments.
    #[arg(long)]
    no_docs: bool,
    /// Read this documentation sidecar (JSON: descriptions, bots, errors; see
    /// docs/method-docs.md) into the rustdoc.
    #[arg(long, value_name = "PATH")]
    method_docs: Option<PathBuf>,
    /// Make each function's example a doc-test reaching the generated modules through
    /// CRATE_PATH (e.g. `tl_types`, `my_crate::tl`); without it examples are text.
    #[arg(long, value_name = "CRATE_PATH")]
    doc_tests: Option<String>,
    /// Implement serde's Serialize and Deserialize in TL JSON form (needs tl-types' `serde`
    /// feature).
    #[arg(long)]
    serde: bool,
    /// The JSON dialect of the serde impls: `tl` (TL JSON, "_") or `tdlib` ("@type", int53 as
    /// a number).
    #[arg(long, default_value = "tl", value_name = "tl|tdlib")]
    json_style: tl_codegen::JsonStyle,
    /// Hold in an Option the object fields whose comments say they may be null (TDLib's
    /// "may be null"), written as null#56730bcc on the wire.
    #[arg(long)]
    nullable_objects: bool,
    /// Do not implement Debug (saves build time).
    #[arg(long)]
    no_debug: bool,
    /// Do not derive Clone (saves build time).
    #[arg(long)]
    no_clone: bool,
    /// Do not derive PartialEq (saves build time).
    #[arg(long)]
    no_partial_eq: bool,
    /// Do not implement From a constructor's struct into its enum and TryFrom back (saves
    /// build time).
    #[arg(long)]
    no_conversions: bool,
    /// Do not implement Deserializable for functions (clients only encode them).
    #[arg(long)]
    no_deserializable_functions: bool,
    /// Which codecs to generate: `client` (encode requests, decode answers), `server` (the
    /// mirror) or `both`.
    #[arg(long, default_value = "both", value_name = "client|server|both")]
    direction: tl_codegen::Direction,
    /// Generate the `Object` and `Function` enums (any constructor, any function, decoded by
    /// id) even when the schema does not declare them.
    #[arg(long)]
    universal_enums: bool,
    /// Also generate the enum methods that return an `Option` (of fields that only some
    /// constructors have, or have as `flags.N?T`).
    #[arg(long)]
    option_accessors: bool,
    /// Add attributes to the types, constructors and functions PATH selects (TL name; `ns.`
    /// for a namespace, `.` for all), e.g. `--type-attribute 'Peer=#[derive(Hash, Eq)]'`.
    #[arg(long, value_name = "PATH=ATTRIBUTE", value_parser = hook)]
    type_attribute: Vec<(String, String)>,
    /// Add attributes to the enums of the types PATH selects.
    #[arg(long, value_name = "PATH=ATTRIBUTE", value_parser = hook)]
    enum_attribute: Vec<(String, String)>,
    /// Add attributes to the fields PATH (`constructor.field`) selects.
    #[arg(long, value_name = "PATH=ATTRIBUTE", value_parser = hook)]
    field_attribute: Vec<(String, String)>,
    /// Box the variants of the constructors PATH selects.
    #[arg(long, value_name = "PATH")]
    boxed: Vec<String>,
    /// Hold the variants of the constructors PATH selects by value, whatever their size.
    #[arg(long, value_name = "PATH")]
    unboxed: Vec<String>,
    /// Hold the `bytes` and `string` fields PATH selects (a field, a definition or type, `ns.`
    /// for a namespace, `.` for all) as `Bytes` and `BytesString`, which decode from a `Bytes`
    /// input without copying (tl-types' `bytes` feature). Repeatable.
    #[arg(long, value_name = "PATH")]
    bytes: Vec<String>,
    /// Show this field as `<redacted>` in Debug output, besides the built-in list of secrets
    /// (`constructor.field` in TL names, e.g. `auth.sentCode.phone_code_hash`). Repeatable.
    #[arg(long, value_name = "PATH")]
    redact: Vec<String>,
    /// Generate only what these functions, types and constructors reach (TL names,
    /// comma-separated, repeatable), e.g. `--roots auth.sendCode,messages.sendMessage,Updates`.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    roots: Vec<String>,
    /// As --roots, for types and constructors this side sends outside any function (a
    /// client's `msgs_ack`): with --direction, they are encoded rather than decoded.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    sent_roots: Vec<String>,
    /// As --roots, with the names read from FILE: separated by commas, spaces or new lines,
    /// `//` starting a comment.
    #[arg(long, value_name = "FILE")]
    roots_file: Option<PathBuf>,
    /// A schema file of another layer (e.g. `api-layer195.tl`), read on its own: decoding
    /// errors then name its ids that the generated schema lacks (`userFull of layer 195`).
    /// Repeatable.
    #[arg(long, value_name = "FILE")]
    known_layers: Vec<PathBuf>,
    /// Keep the constructors of these boxed types (TL names, comma-separated, repeatable) that
    /// the --known-layers files have and the schema lacks, as variants named with their layer
    /// (`Message::Message195`), so that data stored by those layers decodes.
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    other_layer_variants: Vec<String>,
}

/// `PATH=ATTRIBUTE`, split at the first `=` (TL names have none; attributes may).
fn hook(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((path, attribute)) => Ok((path.to_owned(), attribute.to_owned())),
        None => Err(format!("expected PATH=ATTRIBUTE, got `{text}`")),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Parse schema files, verify every written constructor id, resolve every type that each
    /// file (or, with --together, all of them as one schema) refers to, and print a summary.
    ///
    /// Exit status: 0 when everything verifies, 1 when a written id mismatches (and is not
    /// accepted), 2 on syntax or semantic errors (unknown types included).
    Check {
        #[command(flatten)]
        schema: SchemaArgs,
        /// Resolve the files as one schema, as generating them together does (a file may
        /// then refer to types of another).
        #[arg(long)]
        together: bool,
    },
    /// Compare two schemas, each one or more files taken together as generation takes them
    /// (`diff old/api.tl old/mtproto.tl -- new/api.tl new/mtproto.tl`): definitions added,
    /// removed and changed, types gaining and losing constructors, and the impact of each
    /// change on code using the generated Rust API (docs/schema-diff.md). Prints a Markdown
    /// changelog, or JSON with --json.
    ///
    /// Exit status: 0, or 1 when --deny finds a change of that impact or worse; 2 on errors.
    Diff {
        /// The old schema's files.
        #[arg(required = true, value_name = "OLD")]
        old: Vec<PathBuf>,
        /// The new schema's files, after `--`.
        #[arg(last = true, required = true, value_name = "NEW")]
        new: Vec<PathBuf>,
        /// Print JSON for tools instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Exit with 1 when a change of this impact or a worse one exists (for CI):
        /// `breaking`, `compatible` or `wire` (any change).
        #[arg(long, value_name = "IMPACT")]
        deny: Option<Deny>,
        #[command(flatten)]
        ids: IdArgs,
    },
    /// Say what a constructor or function id is in the given schema files, each read on its
    /// own (e.g. several layers of a schema): name, kind and the layers that have it.
    ///
    /// Exit status: 0 when a file has it, 1 when none has, 2 on errors.
    Which {
        /// The id, in hex as schemas write it (`979d2376`, `0x979d2376` or `#979d2376`).
        #[arg(value_parser = constructor_id)]
        id: u32,
        /// The schema files to look in.
        #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
        schema: Vec<PathBuf>,
        #[command(flatten)]
        ids: IdArgs,
    },
    /// Decode TL bytes into TL JSON (docs/json.md), through the schema files: an object or a
    /// function found by its id, or a value of the type given with --as. MTProto's envelopes
    /// (msg_container, rpc_result, gzip_packed) decode too.
    ///
    /// Exit status: 0, or 1 when the input does not decode (with --lines: any line); 2 on
    /// errors in the schemas or arguments.
    Decode(json_commands::DecodeArgs),
    /// Encode TL JSON (docs/json.md) into TL bytes, printed in hex.
    ///
    /// Exit status: 0, or 1 when the JSON does not encode (the error names its JSON path); 2
    /// on errors in the schemas or arguments.
    Encode(json_commands::EncodeArgs),
}

/// An id in hex, with or without `0x` or `#`.
fn constructor_id(text: &str) -> Result<u32, String> {
    let digits = text.trim_start_matches('#').trim_start_matches("0x");
    u32::from_str_radix(digits, 16)
        .map_err(|_| format!("`{text}` is not an id in hex (e.g. 979d2376 or 0x979d2376)"))
}

/// The impacts of `--deny`, from the least to the most disruptive.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Deny {
    Wire,
    Compatible,
    Breaking,
}

impl Deny {
    fn impact(self) -> Impact {
        match self {
            Deny::Wire => Impact::Wire,
            Deny::Compatible => Impact::Compatible,
            Deny::Breaking => Impact::Breaking,
        }
    }
}

#[derive(Args)]
struct SchemaArgs {
    /// Schema files (.tl).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    ids: IdArgs,
}

/// How constructor ids are verified.
#[derive(Args)]
struct IdArgs {
    /// Accept a known id mismatch of this definition (full name, e.g. `help.configSimple`).
    #[arg(long = "accept-id-mismatch", value_name = "NAME")]
    accept_id_mismatch: Vec<String>,
    /// Accept the documented mismatches of Telegram's mtproto.tl (`ipPortSecret`,
    /// `accessPointRule`, `help.configSimple`) and of TON's ton_api.tl and lite_api.tl.
    #[arg(long)]
    accept_known_mismatches: bool,
    /// Accept every written id that its definition verifies another way: under the name
    /// without a version suffix (`decryptedMessage8` written with `decryptedMessage`'s id), or
    /// under the other id convention.
    #[arg(long)]
    accept_explained: bool,
    /// Constructor-id convention: `telegram` or `tl-parser` (default: detected per file).
    #[arg(long)]
    convention: Option<Convention>,
}

impl IdArgs {
    fn accepted_mismatches(&self) -> Vec<String> {
        let known = self.accept_known_mismatches.then_some(
            tl_codegen::KNOWN_TELEGRAM_MISMATCHES
                .iter()
                .chain(&tl_codegen::KNOWN_TON_MISMATCHES),
        );
        let known = known.into_iter().flatten().map(|name| (*name).to_owned());
        self.accept_id_mismatch
            .iter()
            .cloned()
            .chain(known)
            .collect()
    }

    fn options(&self) -> Options {
        let mut options = Options::default()
            .with_accepted_mismatches(self.accepted_mismatches())
            .with_accept_explained(self.accept_explained);
        options.convention = self.convention;
        options
    }

    /// A generator with these id settings and defaults otherwise.
    fn config(&self) -> tl_codegen::Config {
        let mut config = tl_codegen::Config::new();
        config.accept_explained_ids(self.accept_explained);
        for name in self.accepted_mismatches() {
            config.accept_id_mismatch(&name);
        }
        if let Some(convention) = self.convention {
            config.convention(convention);
        }
        config
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check { schema, together }) => check(schema, *together),
        Some(Command::Diff {
            old,
            new,
            json,
            deny,
            ids,
        }) => diff(ids, old, new, *json, *deny),
        Some(Command::Which { id, schema, ids }) => which(*id, schema, ids),
        Some(Command::Decode(args)) => json_commands::decode(args),
        Some(Command::Encode(args)) => json_commands::encode(args),
        None => generate(&cli),
    }
}

fn generate(cli: &Cli) -> ExitCode {
    let config = match config(cli) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let code = match config.generate(&cli.schema.files) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    warn_of_empty_files(&cli.schema);
    match &cli.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, code) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        None => {
            use std::io::Write;
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(code.as_bytes());
        }
    }
    ExitCode::SUCCESS
}

/// The generator's settings from the command line, or why they cannot be read.
fn config(cli: &Cli) -> Result<tl_codegen::Config, String> {
    let mut config = cli.schema.ids.config();
    config
        .docs(!cli.no_docs)
        .serde(cli.serde)
        .json_style(cli.json_style)
        .nullable_objects(cli.nullable_objects)
        .derive_debug(!cli.no_debug)
        .derive_clone(!cli.no_clone)
        .derive_partial_eq(!cli.no_partial_eq)
        .conversions(!cli.no_conversions)
        .deserializable_functions(!cli.no_deserializable_functions)
        .universal_enums(cli.universal_enums)
        .option_accessors(cli.option_accessors)
        .direction(cli.direction)
        .runtime_path(&cli.runtime_path);
    if let Some(path) = &cli.method_docs {
        config.method_docs(path);
    }
    if let Some(crate_path) = &cli.doc_tests {
        config.doc_tests(crate_path);
    }
    for (path, attribute) in &cli.type_attribute {
        config.type_attribute(path, attribute);
    }
    for (path, attribute) in &cli.enum_attribute {
        config.enum_attribute(path, attribute);
    }
    for (path, attribute) in &cli.field_attribute {
        config.field_attribute(path, attribute);
    }
    for path in &cli.boxed {
        config.boxed(path);
    }
    for path in &cli.unboxed {
        config.unboxed(path);
    }
    for path in &cli.bytes {
        config.bytes(path);
    }
    for path in &cli.redact {
        config.redact(path);
    }
    if !cli.roots.is_empty() {
        config.roots(&cli.roots);
    }
    config.known_layers(&cli.known_layers);
    config.other_layer_variants(&cli.other_layer_variants);
    if !cli.sent_roots.is_empty() {
        config.sent_roots(&cli.sent_roots);
    }
    if let Some(path) = &cli.roots_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        config.roots(tl_codegen::roots_in(&text));
    }
    Ok(config)
}

/// Warns of each file that defines nothing (a wrong file, or one emptied by mistake): the
/// output is still valid Rust, but its modules are empty.
fn warn_of_empty_files(args: &SchemaArgs) {
    let options = args.ids.options();
    let mut empty = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        // Generation just read and parsed every file: neither fails here.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if tl_parser::parse(&name, &text, &options).is_ok_and(|s| s.definitions.is_empty()) {
            empty.push(name);
        }
    }
    let all = empty.len() == args.files.len();
    for name in empty {
        if all {
            eprintln!("warning: {name} defines nothing: the generated modules are empty");
        } else {
            eprintln!("warning: {name} defines nothing");
        }
    }
}

fn check(args: &SchemaArgs, together: bool) -> ExitCode {
    let options = args.ids.options();
    let resolution = if together {
        Resolution::Together
    } else {
        Resolution::EachFile
    };
    let mut worst = Outcome::Verified;
    for report in check_files(&args.files, &options, resolution) {
        if report.outcome == Outcome::Errors {
            eprint!("{}", report.text);
        } else {
            print!("{}", report.text);
        }
        worst = worst.max(report.outcome);
    }
    ExitCode::from(worst as u8)
}

fn diff(
    ids: &IdArgs,
    old: &[PathBuf],
    new: &[PathBuf],
    json: bool,
    deny: Option<Deny>,
) -> ExitCode {
    let diff = match ids.config().diff(old, new) {
        Ok(diff) => diff,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let text = if json {
        diff.to_json()
    } else {
        diff.to_markdown()
    };
    {
        use std::io::Write;
        // A closed pipe (e.g. `| head`) is not an error worth a panic.
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
    match (deny, diff.worst()) {
        (Some(deny), Some(worst)) if worst >= deny.impact() => {
            eprintln!("denied: a {worst} change (--deny {})", deny.impact());
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn which(id: u32, files: &[PathBuf], ids: &IdArgs) -> ExitCode {
    let sightings = match tl_codegen::layers::sightings(files, &ids.options()) {
        Ok(sightings) => sightings,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let found: Vec<_> = sightings.iter().filter(|s| s.id == id).collect();
    if found.is_empty() {
        println!("{id:#010x}: in none of the {} files", files.len());
        return ExitCode::from(1);
    }
    for sighting in found {
        let kind = match sighting.category {
            tl_parser::Category::Type => format!("constructor of {}", sighting.result),
            tl_parser::Category::Function => format!("function returning {}", sighting.result),
        };
        let layer = sighting
            .layer
            .map_or_else(|| "no layer".to_owned(), |layer| format!("layer {layer}"));
        println!(
            "{id:#010x}: {} ({kind}), {layer} ({})",
            sighting.name, sighting.file
        );
    }
    ExitCode::SUCCESS
}
