//! A schema-driven TL codec: TL bytes to JSON and back, for any schema loaded at run time,
//! without generated code.
//!
//! ```
//! let schema = tl_json::Schema::from_sources(&[(
//!     "api.tl",
//!     "boolTrue#997275b5 = Bool;\nuser#12345678 flags:# id:long bot:flags.0?true \
//!      name:flags.1?string = User;\n",
//! )])
//! .unwrap();
//! let json = serde_json::json!({"_": "user", "id": "42", "bot": true});
//! let bytes = schema.encode(&json).unwrap();
//! assert_eq!(schema.decode_object(&bytes).unwrap(), json);
//! ```
//!
//! # TL JSON
//!
//! One JSON form for the toolkit (docs/json.md):
//!
//! - an object is `{"_": "auth.sentCode", "field": value, ...}`: the TL name with its
//!   namespace, then the fields by their schema names, in schema order;
//! - `int` and `#`: a number; `long`: a decimal string; `int128`, `int256`: the lowercase hex
//!   of the wire bytes; `double`: a number (`"NaN"`, `"Infinity"`, `"-Infinity"` for what JSON
//!   has no number for); `string`: a string; `bytes`: standard base64 with padding; `Bool`:
//!   `true`/`false`;
//! - `flags.N?true`: always present, a boolean; other optional fields are left out when
//!   absent; flag words are left out (computed when encoding);
//! - `Vector<T>` and `vector<T>`: an array; `!X` and `Object`: the nested object (a function,
//!   for `!X`); a bare constructor used as a type: the object, with its `"_"`.
//!
//! [`Style::Tdlib`], for TDLib's `td_api.tl`, writes `"@type"` for `"_"` and `int53` as a
//! number, lets `"@extra"` through when encoding, and lets objects be null (left out of an
//! object, `null` in an array; `null#56730bcc` on the wire, where every object has its id).
//!
//! # MTProto envelopes
//!
//! `msg_container`, `message`, `rpc_result` and `gzip_packed`, which Telegram's mtproto.tl
//! leaves to be "parsed manually", are known whatever the schemas. A `message`'s `bytes` is
//! computed (left out of the JSON); `gzip_packed` decodes into the object it packs, in its
//! place (and encoding writes that object as it is, uncompressed); the data that all the
//! `gzip_packed` of one input inflate to is bounded by [`Options::max_inflated`].
//!
//! # Untrusted bytes
//!
//! Decoding never panics: a length or count is checked against the input before anything is
//! allocated, nesting deeper than [`Options::max_depth`] fails, and every error says the
//! offset and what was expected there ([`DecodeError`]).

mod decode;
mod encode;
mod envelope;
mod error;
mod output;
mod schema;
mod text;

pub use envelope::gzip;
pub use error::{DecodeError, DecodeErrorKind, EncodeError, Error, InputError};
pub use schema::{Schema, TypeRef};
pub use text::{base64_decode, base64_encode, hex_decode, hex_encode, parse_input};

/// The id of `boolTrue`.
const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// The id of `boolFalse`.
const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// The id of `vector`.
const VECTOR_ID: u32 = 0x1cb5_c415;
/// The id of `null`, as Telegram's api.tl defines it (`null#56730bcc = Null;`): a null
/// object in the TDLib style.
const NULL_ID: u32 = 0x5673_0bcc;

/// The default of [`Options::max_depth`]: as the generated decoders' (`tl_types`'
/// `DEFAULT_MAX_DEPTH`). Real payloads nest about a dozen levels.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// The default of [`Options::max_inflated`]: 16 MiB.
pub const DEFAULT_MAX_INFLATED: usize = 16 << 20;

/// Which JSON dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// TL JSON: `"_"`, `int53` as a decimal string.
    #[default]
    Tl,
    /// TDLib's JSON interface: `"@type"`, `int53` as a number, `"@extra"` let through,
    /// objects may be null. TDLib speaks `td_api.tl` only in JSON: on the wire, every object
    /// is written with its id (bare ones too), so that `null#56730bcc` can stand for a null
    /// one, which TDLib leaves out of its answers.
    Tdlib,
}

impl Style {
    /// The key naming an object's constructor.
    pub fn type_key(self) -> &'static str {
        match self {
            Style::Tl => "_",
            Style::Tdlib => "@type",
        }
    }

    /// Whether objects may be null, and so are written with their id (or `null#56730bcc`)
    /// even where the schema says bare.
    pub(crate) fn nullable_objects(self) -> bool {
        self == Style::Tdlib
    }
}

/// How JSON text is laid out ([`Schema::decode_object_to_string`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// On one line, without spaces: `serde_json::to_string`.
    #[default]
    Compact,
    /// Indented by two spaces: `serde_json::to_string_pretty`.
    Pretty,
}

/// How to encode and decode: [`Options::default`], then set fields (more may come).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The JSON dialect.
    pub style: Style,
    /// The deepest nesting of objects, decoding and encoding.
    pub max_depth: u32,
    /// The most bytes that the `gzip_packed` of one input may inflate to, together.
    pub max_inflated: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            style: Style::Tl,
            max_depth: DEFAULT_MAX_DEPTH,
            max_inflated: DEFAULT_MAX_INFLATED,
        }
    }
}
