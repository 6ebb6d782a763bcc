//! `tl-codegen decode` and `tl-codegen encode`: TL bytes to TL JSON and back, through the
//! schema-driven codec of `tl-json`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::Value;
use tl_json::{Layout, Schema, Style, TypeRef};

/// The schema and codec settings that both commands take.
#[derive(Args)]
pub(crate) struct CodecArgs {
    /// The schema files (e.g. api.tl mtproto.tl). Give INPUT before --schema, or after `--`.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    schema: Vec<PathBuf>,
    /// Decode or encode a value of this type (`messages.Messages`, `Vector<long>`,
    /// `%Message`) instead of an object found by its id.
    #[arg(long = "as", value_name = "TYPE")]
    as_type: Option<String>,
    /// TDLib's JSON: "@type" for "_", int53 as a number.
    #[arg(long)]
    tdlib: bool,
}

impl CodecArgs {
    fn load(&self, max_inflated: Option<usize>) -> Result<(Schema, Option<TypeRef>), String> {
        let mut options = tl_json::Options::default();
        if self.tdlib {
            options.style = Style::Tdlib;
        }
        if let Some(limit) = max_inflated {
            options.max_inflated = limit;
        }
        let schema = Schema::load(&self.schema)
            .map_err(|e| e.to_string())?
            .with_options(options);
        let ty = match &self.as_type {
            Some(text) => Some(schema.parse_type(text).map_err(|e| e.to_string())?),
            None => None,
        };
        Ok((schema, ty))
    }
}

/// `tl-codegen decode`.
#[derive(Args)]
pub(crate) struct DecodeArgs {
    #[command(flatten)]
    codec: CodecArgs,
    /// Decode a function (a request) found by its id.
    #[arg(long, conflicts_with = "as_type")]
    function: bool,
    /// Read binary bytes from stdin instead of text.
    #[arg(long, conflicts_with_all = ["lines", "input"])]
    raw: bool,
    /// Decode each line of the input on its own; print one compact JSON per line, and
    /// `{"error": "..."}` for a line that does not decode.
    #[arg(long)]
    lines: bool,
    /// The most bytes that gzip_packed may inflate to, in all.
    #[arg(long, value_name = "BYTES")]
    max_inflated: Option<usize>,
    /// Schema files of other layers, read on their own: an id that the schema lacks is named
    /// after them in errors (`userFull of layer 195`). Repeatable.
    #[arg(long, value_name = "FILE")]
    known_layers: Vec<PathBuf>,
    /// The bytes: hex (spaces and new lines allowed), base64, or a Python bytes literal
    /// (b'\x15\xc4...'). Default: stdin.
    input: Option<String>,
}

/// `tl-codegen encode`.
#[derive(Args)]
pub(crate) struct EncodeArgs {
    #[command(flatten)]
    codec: CodecArgs,
    /// Print base64 instead of hex.
    #[arg(long, conflicts_with = "raw")]
    base64: bool,
    /// Write the bytes to stdout as they are.
    #[arg(long)]
    raw: bool,
    /// The TL JSON. Default: stdin.
    json: Option<String>,
}

/// What `decode` decodes the bytes as.
struct Decoder {
    schema: Schema,
    ty: Option<TypeRef>,
    function: bool,
}

impl Decoder {
    /// The JSON text of the bytes, written as they decode.
    fn decode(&self, bytes: &[u8], layout: Layout) -> Result<String, String> {
        let decoded = match (&self.ty, self.function) {
            (Some(ty), _) => self.schema.decode_as_to_string(ty, bytes, layout),
            (None, true) => self.schema.decode_function_to_string(bytes, layout),
            (None, false) => self.schema.decode_object_to_string(bytes, layout),
        };
        decoded.map_err(|e| e.to_string())
    }
}

pub(crate) fn decode(args: &DecodeArgs) -> ExitCode {
    let decoder = match decoder(args) {
        Ok(decoder) => decoder,
        Err(e) => return fail(&e, 2),
    };
    if args.raw {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
            return fail(&format!("error: cannot read stdin: {e}"), 2);
        }
        return print_decoded(decoder.decode(&bytes, Layout::Pretty));
    }
    let text = match input_text(args.input.as_deref()) {
        Ok(text) => text,
        Err(e) => return fail(&e, 2),
    };
    if args.lines {
        return decode_lines(&decoder, &text);
    }
    let bytes = tl_json::parse_input(&text).map_err(|e| e.to_string());
    print_decoded(bytes.and_then(|bytes| decoder.decode(&bytes, Layout::Pretty)))
}

fn decoder(args: &DecodeArgs) -> Result<Decoder, String> {
    let (mut schema, ty) = args.codec.load(args.max_inflated)?;
    if !args.known_layers.is_empty() {
        let options = tl_parser::Options::default();
        let sightings = tl_codegen::layers::sightings(&args.known_layers, &options)
            .map_err(|e| e.to_string())?;
        schema.add_other_ids(sightings.iter().map(|s| {
            let layer = match s.layer {
                Some(layer) => format!("layer {layer}"),
                None => s.file.clone(),
            };
            (s.id, format!("{} of {layer}", s.name))
        }));
    }
    Ok(Decoder {
        schema,
        ty,
        function: args.function,
    })
}

fn print_decoded(decoded: Result<String, String>) -> ExitCode {
    match decoded {
        Ok(mut text) => {
            text.push('\n');
            write_stdout(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("error: {e}"), 1),
    }
}

/// Each non-empty line decoded on its own; exit status 1 when any line failed.
fn decode_lines(decoder: &Decoder, text: &str) -> ExitCode {
    let mut out = String::new();
    let mut failed = false;
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let bytes = tl_json::parse_input(line).map_err(|e| e.to_string());
        let text = bytes
            .and_then(|bytes| decoder.decode(&bytes, Layout::Compact))
            .unwrap_or_else(|error| {
                failed = true;
                serde_json::json!({ "error": error }).to_string()
            });
        out.push_str(&text);
        out.push('\n');
    }
    write_stdout(out.as_bytes());
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn encode(args: &EncodeArgs) -> ExitCode {
    let (schema, ty) = match args.codec.load(None) {
        Ok(loaded) => loaded,
        Err(e) => return fail(&e, 2),
    };
    let text = match input_text(args.json.as_deref()) {
        Ok(text) => text,
        Err(e) => return fail(&e, 2),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => return fail(&format!("error: the input is not JSON: {e}"), 1),
    };
    let encoded = match &ty {
        Some(ty) => schema.encode_as(ty, &value),
        None => schema.encode(&value),
    };
    let bytes = match encoded {
        Ok(bytes) => bytes,
        Err(e) => return fail(&format!("error: {e}"), 1),
    };
    if args.raw {
        write_stdout(&bytes);
    } else if args.base64 {
        write_stdout(format!("{}\n", tl_json::base64_encode(&bytes)).as_bytes());
    } else {
        write_stdout(format!("{}\n", tl_json::hex_encode(&bytes)).as_bytes());
    }
    ExitCode::SUCCESS
}

/// The argument, or else all of stdin.
fn input_text(argument: Option<&str>) -> Result<String, String> {
    match argument {
        Some(text) => Ok(text.to_owned()),
        None => {
            let mut text = String::new();
            std::io::stdin()
                .lock()
                .read_to_string(&mut text)
                .map_err(|e| format!("error: cannot read stdin: {e}"))?;
            Ok(text)
        }
    }
}

fn write_stdout(bytes: &[u8]) {
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(bytes);
}

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(code)
}
