//! Fuzz target for the schema-driven decoder of `tl-json`, on the bundled schema (with
//! MTProto's envelopes).
//!
//! Bytes are decoded as an object found by its id; errors are fine, a panic, a stack
//! overflow, a timeout or an allocation beyond `-rss_limit_mb`/`-malloc_limit_mb` is a bug.
//! What decodes must encode, and decode again to the same JSON: TL JSON -> bytes -> TL JSON is
//! stable (the bytes may differ: `gzip_packed` is written unpacked, unknown flag bits are
//! dropped, invalid UTF-8 was replaced).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/bundled.rs"]
mod bundled;

fuzz_target!(|data: &[u8]| {
    let schema = bundled::schema();
    let Ok(json) = schema.decode_object(data) else {
        return;
    };
    let bytes = schema
        .encode(&json)
        .unwrap_or_else(|e| panic!("decoded JSON does not encode: {e}: {json}"));
    let again = schema
        .decode_object(&bytes)
        .unwrap_or_else(|e| panic!("re-encoded bytes do not decode: {e}: {json}"));
    assert_eq!(again, json, "TL JSON -> bytes -> TL JSON is not stable");
});
