//! What only generated code calls: encoding helpers whose signatures follow the emitter's
//! needs, not a user's. Hidden from the documentation and not part of the API, as serde's
//! `__private` module; use the traits and [`Reader`](crate::Reader) instead.

use std::fmt;

use crate::{DecodeError, Deserializable, Reader, Serializable, VECTOR_ID};

/// Id of `null` (Telegram's `null#56730bcc = Null;`): a null object of a field that bindings
/// generated with `Config::nullable_objects` hold in an `Option`, as tl-json's TDLib style
/// writes it.
const NULL_ID: u32 = 0x56730bcc;

/// The name of `id` in `names`, a table sorted by id (a generated `name_for_id`).
pub fn name_in(names: &[(u32, &'static str)], id: u32) -> Option<&'static str> {
    names
        .binary_search_by_key(&id, |&(known, _)| known)
        .ok()
        .map(|index| names[index].1)
}

/// Appends `id`, if there is one: the start of a boxed encoding (see
/// [`BareSerializable::serialize_fields`](crate::BareSerializable::serialize_fields)).
#[inline(always)]
pub fn write_id(buf: &mut Vec<u8>, id: Option<u32>) {
    if let Some(id) = id {
        buf.extend_from_slice(&id.to_le_bytes());
    }
}

/// The bytes to append of a run of fixed-width fields whose first four bytes are kept for
/// `id`: all of them with `id` written in, or the fields alone.
#[inline(always)]
pub fn with_id(fixed: &mut [u8], id: Option<u32>) -> &[u8] {
    match id {
        Some(id) => {
            fixed[..4].copy_from_slice(&id.to_le_bytes());
            fixed
        }
        None => &fixed[4..],
    }
}

/// Appends a boxed vector with `element` encoding each item.
#[inline(always)]
pub fn write_vector<T>(buf: &mut Vec<u8>, items: &[T], element: impl FnMut(&T, &mut Vec<u8>)) {
    buf.extend_from_slice(&VECTOR_ID.to_le_bytes());
    write_bare_vector(buf, items, element);
}

/// Appends a bare vector (count and items) with `element` encoding each item.
#[inline(always)]
pub fn write_bare_vector<T>(
    buf: &mut Vec<u8>,
    items: &[T],
    mut element: impl FnMut(&T, &mut Vec<u8>),
) {
    buf.extend_from_slice(&(items.len() as u32).to_le_bytes());
    for item in items {
        element(item, buf);
    }
}

/// Appends a nullable object: the object with its id, or `null#56730bcc` for `None`.
#[inline]
pub fn write_nullable<T: Serializable>(buf: &mut Vec<u8>, value: &Option<T>) {
    match value {
        Some(value) => value.serialize(buf),
        None => buf.extend_from_slice(&NULL_ID.to_le_bytes()),
    }
}

/// Reads a nullable object: `None` for `null#56730bcc`, else the object with its id.
#[inline]
pub fn read_nullable<T: Deserializable>(reader: &mut Reader<'_>) -> Result<Option<T>, DecodeError> {
    if reader.rest().starts_with(&NULL_ID.to_le_bytes()) {
        reader.read_u32()?;
        return Ok(None);
    }
    T::deserialize(reader).map(Some)
}

/// The bytes `Debug` shows of a byte string before cutting it short.
const SHOWN_BYTES: usize = 32;

/// Values that `Debug` shows as hex through [`DebugBytes`]: byte strings and arrays, and
/// options and vectors of them.
pub trait HexDebug {
    /// Writes the value for `Debug`.
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

pub(crate) fn fmt_hex_bytes(bytes: &[u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let len = bytes.len();
    if len == 0 {
        return f.write_str("<0 bytes>");
    }
    write!(f, "<{len} bytes: ")?;
    for byte in &bytes[..len.min(SHOWN_BYTES)] {
        write!(f, "{byte:02x}")?;
    }
    if len > SHOWN_BYTES {
        f.write_str("...")?;
    }
    f.write_str(">")
}

impl HexDebug for Vec<u8> {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_hex_bytes(self, f)
    }
}

impl<const N: usize> HexDebug for [u8; N] {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_hex_bytes(self, f)
    }
}

impl<T: HexDebug> HexDebug for Option<T> {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => f.debug_tuple("Some").field(&DebugBytes(value)).finish(),
            None => f.write_str("None"),
        }
    }
}

impl<T: HexDebug> HexDebug for Vec<T> {
    fn fmt_hex(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(DebugBytes)).finish()
    }
}

/// A field that `Debug` shows as hex: `<16 bytes: 00112233...>`, at most 32 bytes of it
/// followed by `...`, so that a file part of 512 KiB prints as one short line.
pub struct DebugBytes<'a, T: ?Sized>(pub &'a T);

impl<T: HexDebug + ?Sized> fmt::Debug for DebugBytes<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_hex(f)
    }
}

/// A secret field for `Debug`: `<redacted>`, whatever it holds (for an optional one, the
/// generated code shows `Some(<redacted>)` or `None`).
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
