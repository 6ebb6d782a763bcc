//! What can go wrong: loading schemas, decoding bytes, encoding JSON, reading input text.

use std::fmt;
use std::path::PathBuf;

/// Loading schemas, or resolving a type expression, failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A schema file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A schema file does not parse: the parser's report, rendered.
    Parse(String),
    /// A type expression given to [`crate::Schema::parse_type`] that the schemas do not
    /// define.
    Type {
        /// The expression.
        text: String,
        /// Why it is not a type.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, error } => {
                write!(f, "error: cannot read {}: {error}", path.display())
            }
            Error::Parse(report) => f.write_str(report.trim_end()),
            Error::Type { text, reason } => write!(f, "error: `{text}` is not a type: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

/// Decoding failed: what went wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset of the item that could not be decoded: in the input, or, when `inflated_from`
    /// is not empty, in the data inflated from the innermost `gzip_packed`.
    pub offset: usize,
    /// The offsets of the `gzip_packed` the error is inside, outermost first, each in the
    /// data that holds it.
    pub inflated_from: Vec<usize>,
    /// What went wrong.
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    pub(crate) fn new(offset: usize, kind: DecodeErrorKind) -> Self {
        DecodeError {
            offset,
            inflated_from: Vec::new(),
            kind,
        }
    }

    /// The same error, seen from the data holding the `gzip_packed` at `offset`.
    pub(crate) fn inside_gzip(mut self, offset: usize) -> Self {
        self.inflated_from.insert(0, offset);
        self
    }
}

/// The kinds of [`DecodeError`]. None holds any byte of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input ends before the item does.
    UnexpectedEnd {
        /// Bytes the item needs.
        needed: usize,
        /// Bytes left.
        remaining: usize,
    },
    /// An id that is not a constructor of the type expected there.
    UnexpectedConstructor {
        /// What was expected: a type name, `an object` or `a function`.
        expected: String,
        /// The id found.
        id: u32,
        /// Its name, when the schemas (or other layers given) know it.
        name: Option<String>,
    },
    /// A `string` or `bytes` whose length exceeds the rest of the input, or a `message`
    /// whose `bytes` does.
    LengthExceedsInput {
        /// The declared length, padding included.
        length: usize,
        /// Bytes left.
        remaining: usize,
    },
    /// A `string` or `bytes` starting with 0xff.
    InvalidLengthPrefix,
    /// A vector whose count the rest of the input cannot hold.
    CountExceedsInput {
        /// The declared count.
        count: u32,
        /// The fewest bytes an element takes.
        min_element_len: usize,
        /// Bytes left.
        remaining: usize,
    },
    /// A vector of a type the schema does not say (in an `rpc_result`) whose elements are
    /// neither objects nor numbers filling the rest.
    UnknownElements {
        /// The count.
        count: usize,
        /// Bytes left after it.
        remaining: usize,
    },
    /// A `Bool` that is neither `boolTrue` nor `boolFalse`.
    InvalidBool {
        /// The id found.
        id: u32,
    },
    /// Objects nested deeper than [`crate::Options::max_depth`].
    TooDeep {
        /// The limit.
        max_depth: u32,
    },
    /// Bytes left after a complete value (or after a `message` body).
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// `gzip_packed` data that does not inflate.
    InvalidGzip(String),
    /// `gzip_packed` data inflating past [`crate::Options::max_inflated`] (all of one
    /// input's together).
    InflatedTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A type of the schema that this codec does not read.
    Unsupported(String),
    /// A `double` that is not finite (`NaN`, `Infinity`, `-Infinity`, as TL JSON writes it),
    /// in the TDLib style: TDLib reads only a number for a double, and JSON has none for it.
    NonFiniteDouble(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.offset;
        match &self.kind {
            DecodeErrorKind::UnexpectedEnd { needed, remaining } => write!(
                f,
                "unexpected end of input at offset {offset}: needed {needed} bytes, {remaining} left"
            ),
            DecodeErrorKind::UnexpectedConstructor { expected, id, name } => {
                write!(
                    f,
                    "expected {expected} at offset {offset}, found {id:#010x}"
                )?;
                match name {
                    Some(name) => write!(f, " ({name})"),
                    None => f.write_str(" (unknown id)"),
                }
            }
            DecodeErrorKind::LengthExceedsInput { length, remaining } => write!(
                f,
                "length {length} at offset {offset} exceeds the {remaining} bytes left"
            ),
            DecodeErrorKind::InvalidLengthPrefix => {
                write!(f, "invalid length prefix 0xff at offset {offset}")
            }
            DecodeErrorKind::CountExceedsInput {
                count,
                min_element_len,
                remaining,
            } => write!(
                f,
                "vector count {count} at offset {offset} exceeds the input: elements take at \
                 least {min_element_len} bytes, {remaining} left"
            ),
            DecodeErrorKind::UnknownElements { count, remaining } => write!(
                f,
                "vector of unknown type at offset {offset}: {count} elements that are neither \
                 objects nor ints or longs filling the {remaining} bytes left (decode it with a \
                 type)"
            ),
            DecodeErrorKind::InvalidBool { id } => {
                write!(f, "expected a Bool at offset {offset}, found {id:#010x}")
            }
            DecodeErrorKind::TooDeep { max_depth } => write!(
                f,
                "objects nested deeper than {max_depth} levels at offset {offset}"
            ),
            DecodeErrorKind::TrailingBytes { count } => {
                write!(f, "{count} bytes left over at offset {offset}")
            }
            DecodeErrorKind::InvalidGzip(reason) => {
                write!(
                    f,
                    "gzip_packed at offset {offset} does not inflate: {reason}"
                )
            }
            DecodeErrorKind::InflatedTooLarge { limit } => write!(
                f,
                "gzip_packed at offset {offset} inflates past the limit of {limit} bytes"
            ),
            DecodeErrorKind::Unsupported(what) => {
                write!(f, "cannot decode {what} at offset {offset}")
            }
            DecodeErrorKind::NonFiniteDouble(value) => write!(
                f,
                "double {value} at offset {offset}: TDLib's JSON has no number for it"
            ),
        }?;
        for at in self.inflated_from.iter().rev() {
            write!(f, ", inside the gzip_packed at offset {at}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// Encoding failed: where in the JSON (`$.messages[3].peer_id.user_id`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError {
    /// The JSON path of the value: `$` is the whole value.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for EncodeError {}

/// Input text that is not hex, base64 or a Python bytes literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Why.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}
