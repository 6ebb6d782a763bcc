//! MTProto's envelopes on the bundled schema: `msg_container` of `message`s, `rpc_result`
//! and `gzip_packed`, decoded transparently.

use serde_json::{Value, json};
use tl_json::Schema;

fn bundled() -> Schema {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/");
    Schema::load(&[format!("{dir}api.tl"), format!("{dir}mtproto.tl")]).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    tl_json::hex_decode(&text.replace(' ', "")).unwrap()
}

/// A TL `bytes` body.
fn tl_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = if data.len() < 254 {
        vec![data.len() as u8]
    } else {
        let len = (data.len() as u32).to_le_bytes();
        vec![254, len[0], len[1], len[2]]
    };
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(4) * 4, 0);
    out
}

/// A `message` of a container: msg_id, seqno, length, body.
fn message(msg_id: u64, seqno: u32, body: &[u8]) -> Vec<u8> {
    let length = (body.len() as u32).to_le_bytes();
    [
        &msg_id.to_le_bytes()[..],
        &seqno.to_le_bytes(),
        &length,
        body,
    ]
    .concat()
}

fn rpc_result(req_msg_id: u64, result: &[u8]) -> Vec<u8> {
    [&hex("016d5cf3")[..], &req_msg_id.to_le_bytes(), result].concat()
}

fn gzip_packed(inner: &[u8]) -> Vec<u8> {
    [hex("a1cf7230"), tl_bytes(&tl_json::gzip(inner))].concat()
}

#[test]
fn gzip_packed_in_rpc_result_in_msg_container_decodes() {
    let schema = bundled();
    // messages.affectedMessages pts:5 pts_count:1, packed.
    let affected = hex("8591d184 05000000 01000000");
    let pong = hex("c5737734 0100000000000000 0200000000000000");
    let container = [
        hex("dcf8f173 02000000"),
        message(11, 3, &rpc_result(7, &gzip_packed(&affected))),
        message(12, 4, &pong),
    ]
    .concat();
    let expected = json!({
        "_": "msg_container",
        "messages": [
            {"_": "message", "msg_id": "11", "seqno": 3, "body": {
                "_": "rpc_result", "req_msg_id": "7",
                "result": {"_": "messages.affectedMessages", "pts": 5, "pts_count": 1},
            }},
            {"_": "message", "msg_id": "12", "seqno": 4,
             "body": {"_": "pong", "msg_id": "1", "ping_id": "2"}},
        ],
    });
    let decoded = schema.decode_object(&container).unwrap();
    assert_eq!(decoded, expected);
    // Encoding writes the packed object as it is: the same container, unpacked.
    let unpacked = [
        hex("dcf8f173 02000000"),
        message(11, 3, &rpc_result(7, &affected)),
        message(12, 4, &pong),
    ]
    .concat();
    assert_eq!(schema.encode(&decoded).unwrap(), unpacked);
}

#[test]
fn answers_of_any_type_decode_by_their_ids() {
    let schema = bundled();
    let decode = |result: &[u8]| schema.decode_object(&rpc_result(1, result)).unwrap();
    let result = |value: Value| json!({"_": "rpc_result", "req_msg_id": "1", "result": value});
    assert_eq!(decode(&hex("b5757299")), result(json!(true)));
    let longs = hex("15c4b51c 02000000 0500000000000000 0600000000000000");
    assert_eq!(decode(&longs), result(json!(["5", "6"])));
    let ints = hex("15c4b51c 02000000 05000000 06000000");
    assert_eq!(decode(&ints), result(json!([5, 6])));
    let error = [hex("19ca4421 90010000"), tl_bytes(b"FLOOD_WAIT_3")].concat();
    let value =
        result(json!({"_": "rpc_error", "error_code": 400, "error_message": "FLOOD_WAIT_3"}));
    assert_eq!(decode(&error), value);
    for bytes in [hex("b5757299"), longs, ints, error] {
        let json = decode(&bytes);
        assert_eq!(
            schema.encode(&json).unwrap(),
            rpc_result(1, &bytes),
            "{json}"
        );
    }
    // Neither objects nor numbers that fill the rest: says so.
    let odd = hex("15c4b51c 02000000 05000000 06000000 07000000");
    let err = schema.decode_object(&rpc_result(1, &odd)).unwrap_err();
    assert!(err.to_string().contains("vector of unknown type"), "{err}");
}

#[test]
fn bad_envelopes_fail_with_offsets() {
    let schema = bundled();
    // A message whose length exceeds the container.
    let mut bad = [hex("dcf8f173 01000000"), message(1, 1, &hex("b5757299"))].concat();
    bad[20] = 9;
    let err = schema.decode_object(&bad).unwrap_err();
    assert_eq!(err.offset, 20, "{err}");
    // A body shorter than its length.
    let short = [
        hex("dcf8f173 01000000"),
        message(1, 1, &hex("b5757299 00000000")),
    ]
    .concat();
    let err = schema.decode_object(&short).unwrap_err();
    assert_eq!(err.to_string(), "4 bytes left over at offset 28");
    // Not gzip; and an error inside the inflated data, with both offsets.
    let not_gzip = [hex("a1cf7230"), tl_bytes(b"plain")].concat();
    let err = schema.decode_object(&rpc_result(1, &not_gzip)).unwrap_err();
    assert!(err.to_string().contains("does not inflate"), "{err}");
    let err = schema
        .decode_object(&rpc_result(1, &gzip_packed(&hex("78563412"))))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected an object at offset 0, found 0x12345678 (unknown id), inside the gzip_packed at offset 12"
    );
}
