//! `bytes` and `string` held in [`Bytes`] (the `bytes` feature; `tl_codegen::Config::bytes`):
//! decoded from a [`Bytes`] input ([`Deserializable::from_bytes_shared`]), they are slices of
//! it, which share its allocation instead of copying out of it.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use bytes::Bytes;

use crate::{DecodeError, Deserializable, Reader, Serializable, write_bytes};

/// A TL `string` held in [`Bytes`]: UTF-8, checked once when it is made (decoded or
/// converted), and lent as a `&str` ([`Deref`]) without checking again.
///
/// Decoded from a [`Bytes`] input it is a slice of that input: it keeps the whole input
/// allocated for as long as it lives. Copy it into a `String` (`to_owned()` of the `&str`) to
/// keep a small text of a large input.
///
/// ```
/// use tl_types::BytesString;
///
/// let text = BytesString::from("hello");
/// assert_eq!(&*text, "hello");
/// assert_eq!(text.len(), 5); // a `str` method, through `Deref`
/// assert_eq!(text, "hello");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct BytesString(
    /// UTF-8, always: every constructor checks it, or takes a `str`.
    Bytes,
);

impl BytesString {
    /// A string of no bytes, which allocates nothing.
    pub const fn new() -> Self {
        BytesString(Bytes::new())
    }

    /// A string of static text, which allocates nothing.
    pub const fn from_static(text: &'static str) -> Self {
        BytesString(Bytes::from_static(text.as_bytes()))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        self
    }

    /// Its bytes, sharing their allocation.
    pub fn as_bytes(&self) -> &Bytes {
        &self.0
    }

    /// Its bytes, sharing their allocation.
    pub fn into_bytes(self) -> Bytes {
        self.0
    }

    /// `bytes` as a string if it is UTF-8, else `bytes` back, untouched.
    pub fn from_utf8(bytes: Bytes) -> Result<Self, Bytes> {
        match std::str::from_utf8(&bytes) {
            Ok(_) => Ok(BytesString(bytes)),
            Err(_) => Err(bytes),
        }
    }
}

impl Deref for BytesString {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        // SAFETY: every constructor of `BytesString` checks that its bytes are UTF-8 or takes
        // them from a `str`, and `Bytes` never changes the bytes it holds.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl AsRef<str> for BytesString {
    fn as_ref(&self) -> &str {
        self
    }
}

impl AsRef<[u8]> for BytesString {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

// As `str` hashes, which `Borrow<str>` requires (`Bytes` hashes as a slice, which differs).
impl Hash for BytesString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Borrow<str> for BytesString {
    fn borrow(&self) -> &str {
        self
    }
}

impl fmt::Debug for BytesString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for BytesString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// Copies the text.
impl From<&str> for BytesString {
    fn from(text: &str) -> Self {
        BytesString(Bytes::copy_from_slice(text.as_bytes()))
    }
}

/// Takes the string's allocation over, without copying.
impl From<String> for BytesString {
    fn from(text: String) -> Self {
        BytesString(Bytes::from(text))
    }
}

impl From<BytesString> for Bytes {
    fn from(text: BytesString) -> Self {
        text.0
    }
}

impl From<BytesString> for String {
    fn from(text: BytesString) -> Self {
        text.as_str().to_owned()
    }
}

impl PartialEq<str> for BytesString {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for BytesString {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for BytesString {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

/// TL `string`, as [`String`] encodes it.
impl Serializable for BytesString {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write_bytes(buf, &self.0);
    }
}

/// A slice of the input when it is a [`Bytes`] ([`Reader::from_shared`]), else a copy; as
/// [`String`] decodes it otherwise (invalid UTF-8 replaced, or an error in strict mode).
impl Deserializable for BytesString {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_shared_string()
    }
}

/// TL `bytes`, as `Vec<u8>` encodes it.
impl Serializable for Bytes {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write_bytes(buf, self);
    }
}

/// A slice of the input when it is a [`Bytes`] ([`Reader::from_shared`]), else a copy.
impl Deserializable for Bytes {
    #[inline]
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        reader.read_shared_bytes()
    }
}

impl Reader<'_> {
    /// A TL `bytes` as [`Reader::read_bytes`] reads it, as a slice of the input when the
    /// reader is over a [`Bytes`] ([`Reader::from_shared`]: no copy), else as a copy.
    #[inline]
    pub fn read_shared_bytes(&mut self) -> Result<Bytes, DecodeError> {
        let data = self.read_bytes()?;
        Ok(self.share(data))
    }

    /// A TL `string` as [`Reader::read_string`] reads it, as a slice of the input when the
    /// reader is over a [`Bytes`] ([`Reader::from_shared`]: no copy), else as a copy. Text with
    /// invalid UTF-8 is replaced (a new allocation) unless [`DecodeOptions::strict_utf8`]
    /// makes it an error.
    ///
    /// [`DecodeOptions::strict_utf8`]: crate::DecodeOptions::strict_utf8
    #[inline]
    pub fn read_shared_string(&mut self) -> Result<BytesString, DecodeError> {
        let start = self.position();
        let data = self.read_bytes()?;
        match self.utf8(start, data)? {
            std::borrow::Cow::Borrowed(_) => Ok(BytesString(self.share(data))),
            std::borrow::Cow::Owned(replaced) => Ok(BytesString::from(replaced)),
        }
    }
}

impl super::__private::HexDebug for Bytes {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::__private::fmt_hex_bytes(self, f)
    }
}
