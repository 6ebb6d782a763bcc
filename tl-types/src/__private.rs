//! What only generated code calls: encoding helpers whose signatures follow the emitter's
//! needs, not a user's. Hidden from the documentation and not part of the API, as serde's
//! `__private` module; use the traits and [`Reader`](crate::Reader) instead.

use crate::VECTOR_ID;

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
