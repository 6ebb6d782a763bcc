//! The vector that [`Serializable::serialize_to`] and [`Serializable::write_to`] encode into
//! before handing the bytes over: one per thread, kept between calls, since a new one costs
//! more than encoding a short request (an allocation, then a reallocation per doubling).

use std::cell::Cell;

use crate::Serializable;

/// The largest capacity kept for the next call: more would stay allocated on every thread
/// that once encoded a large value (a 512 KiB file part), and reallocating is small beside
/// encoding that much.
const MAX_KEPT: usize = 64 * 1024;

thread_local! {
    static SCRATCH: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Encodes `value` into the thread's vector and passes its bytes to `hand_over`.
///
/// The vector is taken out of its cell for the call, so a `hand_over` that encodes again
/// (an `io::Write` that logs through `write_to`) finds the cell empty and uses a vector of its
/// own, and a panic leaves the cell empty, not inconsistent.
#[inline]
pub(crate) fn encode_then<T: Serializable, R>(value: &T, hand_over: impl FnOnce(&[u8]) -> R) -> R {
    // `None` while the thread's locals are being destroyed (encoding in another local's
    // `drop`): then a vector of its own.
    let mut buf = SCRATCH.try_with(Cell::take).unwrap_or_default();
    buf.clear();
    value.serialize(&mut buf);
    let result = hand_over(&buf);
    if buf.capacity() <= MAX_KEPT {
        // Fails only during destruction, as above; the vector is then dropped.
        let _ = SCRATCH.try_with(|cell| cell.set(buf));
    }
    result
}
