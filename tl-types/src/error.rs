//! What can go wrong while decoding, and where.

use std::fmt;

/// A decoding failure: what went wrong and the byte offset where it did.
///
/// One pointer wide (the details are boxed, as serde_json's `Error` is): every decoding step
/// returns a `Result<_, DecodeError>`, which then fits in two registers, where the unboxed
/// details (88 bytes) made every step of every generated decoder copy them through memory.
/// Only a failing decode allocates.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<ErrorDetails>);

#[derive(Clone, PartialEq, Eq)]
struct ErrorDetails {
    offset: usize,
    kind: DecodeErrorKind,
}

impl DecodeError {
    /// An error of `kind` at byte `offset` of the input.
    #[cold]
    pub fn new(offset: usize, kind: DecodeErrorKind) -> Self {
        DecodeError(Box::new(ErrorDetails { offset, kind }))
    }

    /// Offset from the start of the input of the item that could not be decoded.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// What went wrong, taken out of the error.
    pub fn into_kind(self) -> DecodeErrorKind {
        self.0.kind
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("offset", &self.0.offset)
            .field("kind", &self.0.kind)
            .finish()
    }
}

/// The kinds of [`DecodeError`]. Their `Debug` shows ids and flags in hex, as their `Display`
/// and the schemas do; no kind holds any of the input's bytes.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ends before the item does.
    UnexpectedEnd {
        /// Bytes the item needs.
        needed: usize,
        /// Bytes left.
        remaining: usize,
    },
    /// A constructor id that the expected type does not have.
    UnexpectedConstructor {
        /// The TL type being read, e.g. `Message`.
        expected: &'static str,
        /// The id found.
        id: u32,
        /// The name of that id in the schema, where the decoder knows it (generated enums
        /// look it up; the runtime's own `Vector` and constructor checks do not).
        name: Option<&'static str>,
        /// What the id is in other layers, for an id the schema does not have, when the
        /// bindings were generated with `Config::known_layers`; else `None`.
        other_layer: Option<OtherLayerId>,
    },
    /// A byte string whose length prefix exceeds the remaining input.
    LengthExceedsInput {
        /// The declared length, padding included.
        length: usize,
        /// Bytes left.
        remaining: usize,
    },
    /// A byte string starting with 0xff, which TL reserves.
    InvalidLengthPrefix,
    /// A vector whose count cannot fit in the remaining input (each element needs at least
    /// `min_element_len` bytes). Checked before anything is allocated.
    CountExceedsInput {
        /// The declared count.
        count: u32,
        /// The least bytes one element takes.
        min_element_len: usize,
        /// Bytes left.
        remaining: usize,
    },
    /// A `Bool` that is neither `boolTrue` nor `boolFalse`.
    InvalidBool {
        /// The id found.
        id: u32,
    },
    /// A `string` that is not UTF-8 (only in strict mode; by default it is replaced).
    InvalidUtf8,
    /// A padding byte that is not zero (only in strict mode).
    NonZeroPadding,
    /// A flags word with bits the schema does not define (only in strict mode).
    UndefinedFlags {
        /// The type being read.
        type_name: &'static str,
        /// The flags word.
        flags: u32,
        /// The bits the schema defines.
        defined: u32,
    },
    /// Objects nested deeper than the reader allows.
    TooDeep {
        /// The limit that was exceeded.
        max_depth: u32,
    },
    /// Bytes left over after a complete object, in [`crate::Deserializable::from_bytes`].
    TrailingBytes {
        /// How many.
        count: usize,
    },
}

/// An id of other layers than the bindings' (from the schemas given to tl-codegen's
/// `Config::known_layers`), which the bindings do not decode: what it is there. Its `Display`
/// is `userFull of layer 195; these bindings are layer 230`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OtherLayerId {
    /// Its TL name there (`userFull`).
    pub name: &'static str,
    /// The layers that have it, as `195` or `195, 214` (a file name for a schema without a
    /// `// LAYER N` line).
    pub layers: &'static str,
    /// The layer of the bindings, if their schema says it.
    pub bindings_layer: Option<u32>,
}

impl OtherLayerId {
    /// For generated code.
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        layers: &'static str,
        bindings_layer: Option<u32>,
    ) -> Self {
        OtherLayerId {
            name,
            layers,
            bindings_layer,
        }
    }
}

impl fmt::Display for OtherLayerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.layers.contains(',') { "s" } else { "" };
        write!(f, "{} of layer{plural} {}", self.name, self.layers)?;
        match self.bindings_layer {
            Some(layer) => write!(f, "; these bindings are layer {layer}"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.0.offset;
        match &self.0.kind {
            DecodeErrorKind::UnexpectedEnd { needed, remaining } => write!(
                f,
                "unexpected end of input at offset {offset}: needed {needed} bytes, {remaining} left"
            ),
            DecodeErrorKind::UnexpectedConstructor {
                expected,
                id,
                name,
                other_layer,
            } => {
                let article = match expected
                    .trim_start_matches(|c: char| !c.is_alphabetic())
                    .chars()
                    .next()
                {
                    Some('A' | 'E' | 'I' | 'O' | 'U' | 'a' | 'e' | 'i' | 'o' | 'u') => "an",
                    _ => "a",
                };
                write!(
                    f,
                    "expected {article} {expected} at offset {offset}, found {id:#010x}"
                )?;
                match (name, other_layer) {
                    (Some(name), _) => write!(f, " ({name})"),
                    (None, Some(other)) => write!(f, " ({other})"),
                    (None, None) => Ok(()),
                }
            }
            DecodeErrorKind::LengthExceedsInput { length, remaining } => write!(
                f,
                "byte string at offset {offset} declares {length} bytes, but only {remaining} are left"
            ),
            DecodeErrorKind::InvalidLengthPrefix => {
                write!(
                    f,
                    "invalid byte string length prefix 0xff at offset {offset}"
                )
            }
            DecodeErrorKind::CountExceedsInput {
                count,
                min_element_len,
                remaining,
            } => write!(
                f,
                "vector at offset {offset} declares {count} elements of at least {min_element_len} bytes each, but only {remaining} bytes are left"
            ),
            DecodeErrorKind::InvalidBool { id } => write!(
                f,
                "expected a Bool (0x997275b5 or 0xbc799737) at offset {offset}, found {id:#010x}"
            ),
            DecodeErrorKind::InvalidUtf8 => write!(f, "string at offset {offset} is not UTF-8"),
            DecodeErrorKind::NonZeroPadding => {
                write!(
                    f,
                    "non-zero padding after the byte string at offset {offset}"
                )
            }
            DecodeErrorKind::UndefinedFlags {
                type_name,
                flags,
                defined,
            } => write!(
                f,
                "flags {flags:#010x} of {type_name} at offset {offset} set bits {:#010x} that the schema does not define",
                flags & !defined
            ),
            DecodeErrorKind::TooDeep { max_depth } => write!(
                f,
                "objects nested deeper than {max_depth} levels at offset {offset}"
            ),
            DecodeErrorKind::TrailingBytes { count } => write!(
                f,
                "{count} bytes left over at offset {offset} after a complete object"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A word that `Debug` prints as `0x` and 8 hex digits, as ids are written in the schemas.
struct Hex(u32);

impl fmt::Debug for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#010x}", self.0)
    }
}

impl fmt::Debug for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeErrorKind::UnexpectedEnd { needed, remaining } => f
                .debug_struct("UnexpectedEnd")
                .field("needed", needed)
                .field("remaining", remaining)
                .finish(),
            DecodeErrorKind::UnexpectedConstructor {
                expected,
                id,
                name,
                other_layer,
            } => {
                let mut debug = f.debug_struct("UnexpectedConstructor");
                debug
                    .field("expected", expected)
                    .field("id", &Hex(*id))
                    .field("name", name);
                // Only bindings built with `known_layers` set it: others print as before.
                if let Some(other) = other_layer {
                    debug.field("other_layer", other);
                }
                debug.finish()
            }
            DecodeErrorKind::LengthExceedsInput { length, remaining } => f
                .debug_struct("LengthExceedsInput")
                .field("length", length)
                .field("remaining", remaining)
                .finish(),
            DecodeErrorKind::InvalidLengthPrefix => f.write_str("InvalidLengthPrefix"),
            DecodeErrorKind::CountExceedsInput {
                count,
                min_element_len,
                remaining,
            } => f
                .debug_struct("CountExceedsInput")
                .field("count", count)
                .field("min_element_len", min_element_len)
                .field("remaining", remaining)
                .finish(),
            DecodeErrorKind::InvalidBool { id } => f
                .debug_struct("InvalidBool")
                .field("id", &Hex(*id))
                .finish(),
            DecodeErrorKind::InvalidUtf8 => f.write_str("InvalidUtf8"),
            DecodeErrorKind::NonZeroPadding => f.write_str("NonZeroPadding"),
            DecodeErrorKind::UndefinedFlags {
                type_name,
                flags,
                defined,
            } => f
                .debug_struct("UndefinedFlags")
                .field("type_name", type_name)
                .field("flags", &Hex(*flags))
                .field("defined", &Hex(*defined))
                .finish(),
            DecodeErrorKind::TooDeep { max_depth } => f
                .debug_struct("TooDeep")
                .field("max_depth", max_depth)
                .finish(),
            DecodeErrorKind::TrailingBytes { count } => f
                .debug_struct("TrailingBytes")
                .field("count", count)
                .finish(),
        }
    }
}
