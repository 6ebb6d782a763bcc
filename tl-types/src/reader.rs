//! [`Reader`]: a cursor over TL-encoded bytes that bounds the work hostile input can cause.

use std::borrow::Cow;

use crate::error::{DecodeError, DecodeErrorKind, OtherLayerId};
use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};

/// The nesting depth allowed by default: boxed objects inside boxed objects.
///
/// Real Telegram payloads nest about a dozen levels (a `RichText` page or a `JSONValue` config
/// is the deepest). 64 leaves room and bounds the stack: see the crate documentation
/// ("Decoding untrusted bytes") for the measured cost of one level.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// How strictly to read. The defaults accept what real servers and clients send; strict
/// mode rejects everything that is not canonical.
///
/// More options may come, so start from [`DecodeOptions::default`] or
/// [`DecodeOptions::strict`] and change fields:
///
/// ```
/// let mut options = tl_types::DecodeOptions::strict();
/// options.max_depth = 16;
/// let reader = tl_types::Reader::with_options(&[], options);
/// assert_eq!(reader.options().max_depth, 16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// Deepest nesting of boxed objects; deeper input fails with [`DecodeErrorKind::TooDeep`]
    /// instead of overflowing the stack.
    pub max_depth: u32,
    /// Reject non-UTF-8 strings ([`DecodeErrorKind::InvalidUtf8`]) instead of replacing
    /// invalid sequences with U+FFFD.
    pub strict_utf8: bool,
    /// Reject padding bytes that are not zero instead of ignoring them.
    pub strict_padding: bool,
    /// Reject flag bits the schema does not define instead of ignoring them (a newer layer
    /// may define them).
    pub strict_flags: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            max_depth: DEFAULT_MAX_DEPTH,
            strict_utf8: false,
            strict_padding: false,
            strict_flags: false,
        }
    }
}

impl DecodeOptions {
    /// All strictness checks on, with the default depth.
    pub fn strict() -> Self {
        DecodeOptions {
            strict_utf8: true,
            strict_padding: true,
            strict_flags: true,
            ..DecodeOptions::default()
        }
    }
}

/// A cursor over TL-encoded bytes.
///
/// Every length and count is checked against the remaining input before anything is
/// allocated, and nesting is bounded by [`DecodeOptions::max_depth`]. After an error the
/// reader's position is unspecified.
///
/// With the `bytes` feature, a reader made by `Reader::from_shared` reads `bytes` and `string`
/// fields held in `Bytes` (`Reader::read_shared_bytes`, `read_shared_string`) as slices of its
/// input; any other reader copies them.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    /// `data` as the `Bytes` it is, when it is one: what shared fields slice.
    #[cfg(feature = "bytes")]
    shared: Option<&'a bytes::Bytes>,
    pos: usize,
    depth: u32,
    /// Bytes that vectors may still reserve before their elements are decoded: shared by all
    /// vectors of one input, so that nested counts cannot each reserve the whole input.
    reserve_budget: usize,
    options: DecodeOptions,
}

impl<'a> Reader<'a> {
    /// A reader with the default options.
    pub fn new(data: &'a [u8]) -> Self {
        Reader::with_options(data, DecodeOptions::default())
    }

    /// A reader with the given options.
    pub fn with_options(data: &'a [u8], options: DecodeOptions) -> Self {
        Reader {
            data,
            #[cfg(feature = "bytes")]
            shared: None,
            pos: 0,
            depth: 0,
            reserve_budget: data.len(),
            options,
        }
    }

    /// A reader over `data` with the default options, whose `bytes` and `string` fields held in
    /// [`Bytes`](bytes::Bytes) are slices of `data`: they share its allocation, with no copy.
    #[cfg(feature = "bytes")]
    pub fn from_shared(data: &'a bytes::Bytes) -> Self {
        Reader::from_shared_with_options(data, DecodeOptions::default())
    }

    /// As [`Reader::from_shared`], with the given options.
    #[cfg(feature = "bytes")]
    pub fn from_shared_with_options(data: &'a bytes::Bytes, options: DecodeOptions) -> Self {
        Reader {
            shared: Some(data),
            ..Reader::with_options(data, options)
        }
    }

    /// The options in force.
    pub fn options(&self) -> &DecodeOptions {
        &self.options
    }

    /// Bytes consumed so far.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet consumed.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// The bytes not yet consumed.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.data[self.pos..]
    }

    #[cold]
    fn end_error(&self, needed: usize) -> DecodeError {
        DecodeError::new(
            self.pos,
            DecodeErrorKind::UnexpectedEnd {
                needed,
                remaining: self.remaining(),
            },
        )
    }

    /// The next `n` bytes.
    #[inline]
    pub fn read_slice(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        match self.data.get(self.pos..self.pos.wrapping_add(n)) {
            Some(slice) if n <= self.remaining() => {
                self.pos += n;
                Ok(slice)
            }
            _ => Err(self.end_error(n)),
        }
    }

    /// The next `N` bytes as an array.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self
            .data
            .get(self.pos..)
            .and_then(|rest| rest.first_chunk::<N>())
        {
            Some(array) => {
                self.pos += N;
                Ok(*array)
            }
            None => Err(self.end_error(N)),
        }
    }

    /// A little-endian `u32`: a constructor id or a `#` word.
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// A TL `int`.
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32, DecodeError> {
        self.read_array().map(i32::from_le_bytes)
    }

    /// A TL `long`.
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        self.read_array().map(i64::from_le_bytes)
    }

    /// A TL `double`.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        self.read_array().map(f64::from_le_bytes)
    }

    /// A boxed TL `Bool`.
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match self.read_u32()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(DecodeError::new(
                self.pos - 4,
                DecodeErrorKind::InvalidBool { id },
            )),
        }
    }

    /// A TL `bytes`/`string` body: a 1-byte length (below 254) or 0xfe and a 3-byte length,
    /// the data, and zero padding to a multiple of 4. Borrowed from the input: nothing is
    /// allocated, and the length is checked against the input before anything else.
    #[inline]
    pub fn read_bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let start = self.pos;
        let rest = self.rest();
        let (header, len) = match rest.first() {
            None => return Err(self.end_error(1)),
            Some(&short) if short < 254 => (1, short as usize),
            Some(254) => match rest.get(1..4) {
                Some(l) => (
                    4,
                    l[0] as usize | (l[1] as usize) << 8 | (l[2] as usize) << 16,
                ),
                None => return Err(self.end_error(4)),
            },
            Some(_) => {
                return Err(DecodeError::new(
                    start,
                    DecodeErrorKind::InvalidLengthPrefix,
                ));
            }
        };
        let padded = (header + len + 3) & !3;
        if padded > rest.len() {
            return Err(DecodeError::new(
                start,
                DecodeErrorKind::LengthExceedsInput {
                    length: padded,
                    remaining: rest.len(),
                },
            ));
        }
        if self.options.strict_padding && rest[header + len..padded].iter().any(|&b| b != 0) {
            return Err(DecodeError::new(start, DecodeErrorKind::NonZeroPadding));
        }
        self.pos += padded;
        Ok(&rest[header..header + len])
    }

    /// A TL `string`. Invalid UTF-8 is replaced with U+FFFD unless
    /// [`DecodeOptions::strict_utf8`] is set.
    #[inline]
    pub fn read_string(&mut self) -> Result<String, DecodeError> {
        let start = self.pos;
        let bytes = self.read_bytes()?;
        self.utf8(start, bytes).map(Cow::into_owned)
    }

    /// The text of the `string` read at `start`: `bytes` itself when it is UTF-8, else with
    /// invalid sequences replaced, or an error in strict mode.
    #[inline]
    pub(crate) fn utf8<'b>(
        &self,
        start: usize,
        bytes: &'b [u8],
    ) -> Result<Cow<'b, str>, DecodeError> {
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(_) if self.options.strict_utf8 => {
                Err(DecodeError::new(start, DecodeErrorKind::InvalidUtf8))
            }
            Err(_) => Ok(String::from_utf8_lossy(bytes)),
        }
    }

    /// `data`, a slice of the input, as a slice of the input's `Bytes` if the reader has
    /// them, else copied.
    #[cfg(feature = "bytes")]
    #[inline]
    pub(crate) fn share(&self, data: &[u8]) -> bytes::Bytes {
        match self.shared {
            // Cannot panic: `data` was read from `self.data`, which is `shared`.
            Some(shared) => shared.slice_ref(data),
            None => bytes::Bytes::copy_from_slice(data),
        }
    }

    /// Reads a boxed vector (`0x1cb5c415`, count, elements) with `element` reading each.
    /// `min_element_len` is the fewest bytes an element can take (0 is treated as 1).
    #[inline]
    pub fn read_vector<T>(
        &mut self,
        min_element_len: usize,
        element: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let id = self.read_u32()?;
        if id != VECTOR_ID {
            return Err(DecodeError::new(
                self.pos - 4,
                DecodeErrorKind::UnexpectedConstructor {
                    expected: "Vector",
                    id,
                    name: None,
                    other_layer: None,
                },
            ));
        }
        self.read_bare_vector(min_element_len, element)
    }

    /// Reads a bare vector (count, elements), as [`Reader::read_vector`] without the id.
    #[inline]
    pub fn read_bare_vector<T>(
        &mut self,
        min_element_len: usize,
        mut element: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
    ) -> Result<Vec<T>, DecodeError> {
        let count = self.read_u32()?;
        let min = min_element_len.max(1);
        if count as usize > self.remaining() / min {
            return Err(DecodeError::new(
                self.pos - 4,
                DecodeErrorKind::CountExceedsInput {
                    count,
                    min_element_len: min,
                    remaining: self.remaining(),
                },
            ));
        }
        // An element may be far larger in memory than on the wire. Reserve from the shared
        // budget only, grow by doubling as elements actually decode, and never past `count`:
        // memory stays a small multiple of the input, however the counts are nested.
        let count = count as usize;
        let element_size = std::mem::size_of::<T>().max(1);
        let reserved = count.min(self.reserve_budget / element_size);
        self.reserve_budget -= reserved * element_size;
        let mut items = Vec::with_capacity(reserved);
        for _ in 0..count {
            if items.len() == items.capacity() {
                items.reserve_exact(items.len().max(4).min(count - items.len()));
            }
            items.push(element(self)?);
        }
        Ok(items)
    }

    /// Succeeds if all input was consumed.
    pub fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            count => Err(DecodeError::new(
                self.pos,
                DecodeErrorKind::TrailingBytes { count },
            )),
        }
    }
}

// What only generated code calls, hidden from the documentation: their contracts (pair
// `enter` with `leave`, call right after reading the word checked) are the emitter's.
impl Reader<'_> {
    /// Checks a flags word against the bits the schema defines, in strict mode.
    #[doc(hidden)]
    #[inline]
    pub fn check_flags(
        &self,
        type_name: &'static str,
        flags: u32,
        defined: u32,
    ) -> Result<(), DecodeError> {
        if self.options.strict_flags && flags & !defined != 0 {
            return Err(DecodeError::new(
                self.pos - 4,
                DecodeErrorKind::UndefinedFlags {
                    type_name,
                    flags,
                    defined,
                },
            ));
        }
        Ok(())
    }

    /// Enters one level of nesting; fails past [`DecodeOptions::max_depth`].
    /// Pair every successful call with [`Reader::leave`].
    #[doc(hidden)]
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.options.max_depth {
            return Err(DecodeError::new(
                self.pos,
                DecodeErrorKind::TooDeep {
                    max_depth: self.options.max_depth,
                },
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a level entered with [`Reader::enter`].
    #[doc(hidden)]
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The error for constructor `id` (just read) where a `expected` was expected.
    #[doc(hidden)]
    #[cold]
    pub fn unexpected_constructor(
        &self,
        expected: &'static str,
        id: u32,
        name: Option<&'static str>,
    ) -> DecodeError {
        self.unexpected_constructor_of_layer(expected, id, name, None)
    }

    /// As [`Reader::unexpected_constructor`], with what the id is in other layers (bindings
    /// generated with `Config::known_layers`).
    #[doc(hidden)]
    #[cold]
    pub fn unexpected_constructor_of_layer(
        &self,
        expected: &'static str,
        id: u32,
        name: Option<&'static str>,
        other_layer: Option<OtherLayerId>,
    ) -> DecodeError {
        DecodeError::new(
            self.pos.saturating_sub(4),
            DecodeErrorKind::UnexpectedConstructor {
                expected,
                id,
                name,
                other_layer,
            },
        )
    }
}
