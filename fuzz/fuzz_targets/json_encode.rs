//! Fuzz target for the JSON encoder of `tl-json`, on the bundled schema (with MTProto's
//! envelopes): arbitrary (mostly malformed) JSON.
//!
//! Input that parses as JSON is encoded; errors are fine (they name a JSON path, checked to
//! start with `$`), a panic or a hang is a bug. Bytes that encode and decode again must
//! re-encode to the same bytes, unless the JSON holds a `gzip_packed` (which decodes into the
//! object it packs, and encodes so, unpacked).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/bundled.rs"]
mod bundled;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let schema = bundled::schema();
    let bytes = match schema.encode(&json) {
        Ok(bytes) => bytes,
        Err(e) => {
            assert!(e.path.starts_with('$'), "error without a JSON path: {e}");
            return;
        }
    };
    if let Ok(decoded) = schema.decode_object(&bytes)
        && !json.to_string().contains("gzip_packed")
    {
        let again = schema
            .encode(&decoded)
            .unwrap_or_else(|e| panic!("decoded JSON does not encode: {e}: {decoded}"));
        assert_eq!(again, bytes, "bytes -> TL JSON -> bytes is not exact for {decoded}");
    }
});
