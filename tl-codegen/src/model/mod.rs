//! The model: what resolve makes of the parsed schemas and what emit and samples render.
//! Every question is answered here once: Rust names, the boxed type of each constructor, the
//! flag word and bit of each field, which variants are boxed, what each function returns, and
//! how each definition is encoded ([`CodecPlan`]) and built by users ([`Construction`]). The
//! stages that build it are in `resolve`.

mod accessor;
mod construct;
mod docs;
mod plan;

use proc_macro2::TokenStream;
use tl_parser::Category;

pub use accessor::{Accessor, Held, Lend};
pub use construct::{Construction, Setter};
pub use docs::{DocText, ErrorRow, Example, ExampleValue, ItemDoc, ParamRow};
pub use plan::{
    BitPlan, CodecPlan, EncodeStep, FixedMember, FixedRun, FixedSource, OptionalRule, SetWhen,
    WordPlan,
};

/// A field type, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `int` (also TDLib's `int32`).
    Int,
    /// `long` (also TDLib's `int53`, `int64`).
    Long,
    /// `double`.
    Double,
    /// `#` used as a number rather than as flags.
    Nat,
    /// A fixed-width integer as its little-endian bytes: `int128` (16), `int256` (32), and any
    /// other built-in declared as `intN K*[ int ] = IntN` (`int512 16*[ int ]`: 64).
    FixedBytes(usize),
    /// `string`.
    String(Storage),
    /// `bytes`.
    Bytes(Storage),
    /// `Bool`.
    Bool,
    /// A boxed type: index into [`Model::enums`].
    Boxed(usize),
    /// A bare constructor: index into [`Model::structs`].
    Bare(usize),
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector {
        /// Whether the vector's own id is written.
        boxed: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A generic parameter `X` of a function.
    Generic(String),
}

impl Ty {
    /// Whether `<T as Default>` exists and encodes as the TL zero value.
    pub fn has_default(&self) -> bool {
        match self {
            Ty::Boxed(_) | Ty::Bare(_) | Ty::Generic(_) => false,
            _ => !self.is_wide_array(),
        }
    }

    /// A byte array longer than 32: the standard library's `Default` for arrays stops at 32
    /// elements.
    pub fn is_wide_array(&self) -> bool {
        matches!(self, Ty::FixedBytes(len) if *len > 32)
    }

    /// The encoded length of a fixed-width type.
    pub fn fixed_len(&self) -> Option<usize> {
        match self {
            Ty::Int | Ty::Nat => Some(4),
            Ty::Long | Ty::Double => Some(8),
            Ty::FixedBytes(len) => Some(*len),
            _ => None,
        }
    }

    /// Whether `new` and the setters take `impl Into<T>` rather than `T`: for boxed types, so
    /// that a constructor's struct converts into its enum (`types::InputPeerSelf` into
    /// `enums::InputPeer`), and for `string` and `bytes`, so that `&str` and `&[u8]` do. Numbers,
    /// vectors, byte arrays and bare structs are taken as they are: `impl Into` would only
    /// make integer literals ambiguous and error messages longer.
    pub fn takes_into(&self) -> bool {
        matches!(self, Ty::Boxed(_) | Ty::String(_) | Ty::Bytes(_))
    }

    /// The type itself, or the innermost element type of a vector (of vectors).
    pub fn innermost(&self) -> &Ty {
        match self {
            Ty::Vector { elem, .. } => elem.innermost(),
            other => other,
        }
    }

    /// As [`Ty::innermost`], to change it.
    pub fn innermost_mut(&mut self) -> &mut Ty {
        match self {
            Ty::Vector { elem, .. } => elem.innermost_mut(),
            other => other,
        }
    }

    /// Whether `Serializable`/`Deserializable` of the Rust type is exactly this TL encoding.
    pub fn is_direct(&self) -> bool {
        match self {
            Ty::Bare(_) => false,
            Ty::Vector { boxed, elem } => *boxed && elem.is_direct(),
            _ => true,
        }
    }
}

/// What holds a `string` or `bytes` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// `String` and `Vec<u8>`.
    Owned,
    /// `tl_types::BytesString` and `bytes::Bytes` (`Config::bytes`): slices of a `Bytes` input
    /// when decoded from one.
    Shared,
}

/// How a field is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always.
    Required,
    /// `flags.N?T`: `Option<T>`.
    Optional {
        /// Index into [`Struct::flag_words`].
        word: usize,
        /// Bit number.
        bit: u32,
    },
    /// `flags.N?true`: a `bool` that is the bit itself.
    Flag {
        /// Index into [`Struct::flag_words`].
        word: usize,
        /// Bit number.
        bit: u32,
    },
    /// An object that the schema's comments say may be null (`Config::nullable_objects`):
    /// `Option<T>`, on the wire the object with its id (a bare one too) or `null#56730bcc`,
    /// as tl-json's TDLib style writes it.
    Nullable,
}

/// A stored field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Rust identifier (may be raw, `r#type`).
    pub name: String,
    /// The TL parameter name.
    pub tl_name: String,
    /// Its TL type as written, without the condition (`Vector<long>`, `true`, `#`).
    pub tl_type: String,
    /// Its type (for [`Presence::Flag`], unused).
    pub ty: Ty,
    /// How it is present.
    pub presence: Presence,
    /// Attributes from `Config::field_attribute`.
    pub attributes: Vec<TokenStream>,
    /// How `Debug` shows it (decided by `resolve::debug`).
    pub debug: DebugAs,
}

/// How a field appears in `Debug` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DebugAs {
    /// As its type's own `Debug`.
    #[default]
    Plain,
    /// Byte strings and byte arrays (also in options and vectors) as hex, long ones cut short
    /// with their length: a file part would otherwise print as half a million numbers.
    Bytes,
    /// `<redacted>` (or `Some(<redacted>)`): a secret that logs must not hold.
    Redacted,
}

/// One step of the encoding, in schema order.
#[derive(Debug, Clone)]
pub enum Member {
    /// A flags word, computed from the fields on it: index into [`Struct::flag_words`].
    FlagWord(usize),
    /// A field: index into [`Struct::fields`].
    Field(usize),
}

/// A `#` parameter that conditions refer to.
#[derive(Debug, Clone)]
pub struct FlagWord {
    /// Local variable name in generated code (the TL name, snake_case, kept clear of the
    /// codecs' own locals and of the fields: `naming::name_flag_words`).
    pub name: String,
    /// The TL name, which conditions (`flags.3?`) refer to.
    pub tl_name: String,
    /// Bits that some field uses.
    pub defined_bits: u32,
    /// Local holding where the encoder wrote the word, when some of its bits are set as their
    /// fields are written and the word is completed afterwards (`naming::name_flag_words`).
    pub position_name: String,
}

/// Which codecs a definition gets (decided by `resolve::direction` from `Config::direction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Codecs {
    /// `BareSerializable` (a struct) or `Serializable` (an enum), and for a function
    /// `RemoteCall` (unless [`Model::answers`]).
    pub encode: bool,
    /// `BareDeserializable` (a struct) or `Deserializable` (an enum).
    pub decode: bool,
}

impl Codecs {
    /// Both: what every definition gets in `Direction::Both`.
    pub const BOTH: Codecs = Codecs {
        encode: true,
        decode: true,
    };
}

impl Default for Codecs {
    fn default() -> Self {
        Codecs::BOTH
    }
}

/// A constructor or function, as a Rust struct.
#[derive(Debug, Clone)]
pub struct Struct {
    /// `auth.sentCode`.
    pub tl_name: String,
    /// The wire id.
    pub id: u32,
    /// Module path below `types`/`functions`.
    pub module: Vec<String>,
    /// The Rust type name.
    pub name: String,
    /// Type or function.
    pub category: Category,
    /// Stored fields.
    pub fields: Vec<Field>,
    /// Flag words.
    pub flag_words: Vec<FlagWord>,
    /// Encoding order.
    pub members: Vec<Member>,
    /// Generic parameters (functions only): `X`.
    pub generics: Vec<String>,
    /// The schema line.
    pub schema_line: String,
    /// Comments from the schema.
    pub docs: Vec<String>,
    /// For constructors: index of the enum and of the variant in it.
    pub variant_of: Option<(usize, usize)>,
    /// For functions: the answer type.
    pub returns: Option<Ty>,
    /// How it is encoded and decoded.
    pub plan: CodecPlan,
    /// How users build it: `new` and the setters.
    pub construction: Construction,
    /// Its rustdoc beyond the schema line (decided by `resolve::docs`).
    pub doc: ItemDoc,
    /// Attributes from `Config::type_attribute`.
    pub attributes: Vec<TokenStream>,
    /// Its encoder and decoder, each if wanted.
    pub codecs: Codecs,
    /// For a constructor kept from another layer's file (`Config::other_layer_variants`): that
    /// layer. `None` for the definitions of the schemas, superseded sections' included.
    pub kept_from: Option<u32>,
}

/// A boxed type, as a Rust enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// `auth.SentCode`.
    pub tl_name: String,
    /// Module path below `enums`.
    pub module: Vec<String>,
    /// The Rust type name.
    pub name: String,
    /// The variants, in schema order.
    pub variants: Vec<Variant>,
    /// `Some(Category::Type)` for `Object`, every constructor of the schemas; `Some(Function)`
    /// for `Function`, every (non-generic) function. TON and TDLib declare them
    /// (`object ? = Object;`, `function ? = Function;`) for fields and results of any type.
    pub any: Option<Category>,
    /// Methods reading the fields that its constructors share.
    pub accessors: Vec<Accessor>,
    /// Attributes from `Config::type_attribute` and `Config::enum_attribute`.
    pub attributes: Vec<TokenStream>,
    /// Its encoder and decoder, each if wanted; its constructors have at least these.
    pub codecs: Codecs,
}

/// One constructor of a boxed type.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// Index into [`Model::structs`].
    pub ctor: usize,
    /// Whether the payload is `Box`ed, and why.
    pub boxing: Boxing,
    /// A constructor without fields becomes a unit variant.
    pub unit: bool,
}

/// Whether a variant holds its constructor in a `Box`, and why: the generated docs say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boxing {
    /// Held by value.
    Inline,
    /// Boxed: the constructor holds its own enum by value, directly or through other types.
    Recursive,
    /// Boxed: estimated at this many bytes, more than `Config::max_inline_variant`.
    Large(usize),
    /// Boxed or held by value because `Config::boxed` or `Config::unboxed` names it.
    Chosen {
        /// Whether it is boxed.
        boxed: bool,
    },
    /// Boxed: a variant of the universal `Object` or `Function` enum, whose variants all are.
    Universal,
}

impl Boxing {
    /// Whether the payload is a `Box`.
    pub fn is_boxed(self) -> bool {
        !matches!(self, Boxing::Inline | Boxing::Chosen { boxed: false })
    }
}

/// Everything the emitter needs.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The layer, from `// LAYER N` or the last `===N===` section.
    pub layer: Option<u32>,
    /// Constructors and functions.
    pub structs: Vec<Struct>,
    /// Boxed types.
    pub enums: Vec<Enum>,
    /// Every id with its TL name, sorted by id, without duplicates.
    pub names: Vec<(u32, String)>,
    /// Ids of other layers (`Config::known_layers`) that `names` lacks: (id, TL name, the
    /// layers that have it as `195, 214`), sorted by id.
    pub other_layers: Vec<(u32, String, String)>,
    /// Whether functions that decode implement `Answer` (the server's view of a function)
    /// instead of `RemoteCall` when they encode: in `Direction::Server`, where results encode
    /// and need not decode.
    pub answers: bool,
    /// Whether the bindings are of one direction (`Config::direction`): the docs of a
    /// definition then say which codec it lacks.
    pub directed: bool,
    /// Whether every object is written with its id, where the schema names a bare
    /// constructor too, as TDLib's objects are, any of which may be null
    /// (`Config::nullable_objects`).
    pub objects_with_ids: bool,
}
