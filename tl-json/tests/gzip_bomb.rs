//! A gzip bomb (about a megabyte that inflates to a gibibyte) fails with an error, and memory
//! stays bounded: this test binary counts its allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use tl_json::{DecodeErrorKind, Options, Schema};

/// The system allocator, counting the bytes allocated now and at the peak.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size);
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const GIB: usize = 1 << 30;

/// Gzip of a gibibyte of zeros, streamed.
fn bomb() -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..GIB / zeros.len() {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap()
}

#[test]
fn a_gzip_bomb_fails_with_bounded_memory() {
    let packed = bomb();
    assert!(packed.len() < 2 << 20, "{} bytes", packed.len());
    // rpc_result req_msg_id:1 result:(gzip_packed packed_data:bomb)
    let len = (packed.len() as u32).to_le_bytes();
    let mut input = vec![0x01, 0x6d, 0x5c, 0xf3, 1, 0, 0, 0, 0, 0, 0, 0];
    input.extend_from_slice(&[0xa1, 0xcf, 0x72, 0x30, 254, len[0], len[1], len[2]]);
    input.extend_from_slice(&packed);
    input.resize(input.len().div_ceil(4) * 4, 0);
    let schema = Schema::from_sources(&[]).unwrap();

    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let err = schema.decode_object(&input).unwrap_err();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(
        err.kind,
        DecodeErrorKind::InflatedTooLarge { limit: 16 << 20 }
    );
    assert_eq!(err.offset, 12);
    // The inflated data stops at the limit: the buffer holds at most that, and 1.5 times
    // that while it grows.
    assert!(peak <= 25 << 20, "peak {peak} bytes");
    println!(
        "a {}-byte bomb failed with a peak of {peak} bytes: {err}",
        input.len()
    );

    // A lower limit stops it sooner.
    let mut options = Options::default();
    options.max_inflated = 1 << 20;
    let schema = schema.with_options(options);
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    let err = schema.decode_object(&input).unwrap_err();
    let peak = PEAK.load(Ordering::Relaxed) - CURRENT.load(Ordering::Relaxed);
    assert_eq!(
        err.kind,
        DecodeErrorKind::InflatedTooLarge { limit: 1 << 20 }
    );
    assert!(peak <= 2 << 20, "peak {peak} bytes");
}
