//! Fuzz target for the schema-driven decoder of `tl-json`, on the bundled schema (with
//! MTProto's envelopes).
//!
//! Bytes are decoded as an object found by its id; errors are fine, a panic, a stack
//! overflow, a timeout or an allocation beyond `-rss_limit_mb`/`-malloc_limit_mb` is a bug.
//! What decodes must encode, and decode again to the same JSON: TL JSON -> bytes -> TL JSON is
//! stable (the bytes may differ: `gzip_packed` is written unpacked, unknown flag bits are
//! dropped, invalid UTF-8 was replaced).
//! The text written as it decodes (`decode_object_to_string`, both layouts) is what serde_json
//! writes of the decoded `Value`, and fails with the same error where decoding fails.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_json::Layout;

#[path = "common/bundled.rs"]
mod bundled;

fuzz_target!(|data: &[u8]| {
    let schema = bundled::schema();
    let compact = schema.decode_object_to_string(data, Layout::Compact);
    let pretty = schema.decode_object_to_string(data, Layout::Pretty);
    let json = match schema.decode_object(data) {
        Ok(json) => json,
        Err(error) => {
            assert_eq!(compact, Err(error.clone()), "the text fails otherwise");
            assert_eq!(pretty, Err(error), "the pretty text fails otherwise");
            return;
        }
    };
    assert_eq!(compact.as_deref(), Ok(json.to_string().as_str()));
    let expected = serde_json::to_string_pretty(&json).expect("a Value writes");
    assert_eq!(pretty.as_deref(), Ok(expected.as_str()));
    let bytes = schema
        .encode(&json)
        .unwrap_or_else(|e| panic!("decoded JSON does not encode: {e}: {json}"));
    let again = schema
        .decode_object(&bytes)
        .unwrap_or_else(|e| panic!("re-encoded bytes do not decode: {e}: {json}"));
    assert_eq!(again, json, "TL JSON -> bytes -> TL JSON is not stable");
});
