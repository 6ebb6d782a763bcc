//! `decode_*_to_string`, which writes the JSON text as the bytes decode, gives the text that
//! `serde_json` writes for the value of `decode_*`, compact and pretty, and fails where it
//! fails: on the cases where writing as one goes could differ from the tree (a null field
//! left out, keys that repeat, envelopes, non-finite doubles, escapes, empty containers).

use serde_json::{Value, json};
use tl_json::{Layout, Options, Schema, Style};

/// The built-in types need no definition.
const SCHEMA: &str = "\
peerUser#59511722 user_id:long = Peer;
empty#2d4b3a7c = Empty;
point x:double y:double = Point;
item#11111111 flags:# on:flags.0?true peer:flags.1?Peer label:string data:bytes key:int128 \
points:vector<%Point> nested:Vector<Vector<int>> empties:Vector<Empty> = Item;
labelled#22222222 string int = Labelled;
twice#33333333 a:int a:string = Twice;
underscore#44444444 _:int = Underscore;
note#66666666 text:string = Note;
---functions---
getItem#55555555 peer:Peer = Item;
";

/// `SCHEMA`, with MTProto's envelopes, which are known whatever the schemas.
fn schema(options: Options) -> Schema {
    Schema::from_sources(&[("test.tl", SCHEMA)])
        .unwrap()
        .with_options(options)
}

/// Both layouts of `decode_object_to_string` against `serde_json` of `decode_object`'s value
/// (or its error); returns the value.
fn same_text(schema: &Schema, bytes: &[u8]) -> Result<Value, String> {
    let value = schema.decode_object(bytes).map_err(|e| e.to_string());
    let compact = schema.decode_object_to_string(bytes, Layout::Compact);
    let pretty = schema.decode_object_to_string(bytes, Layout::Pretty);
    match &value {
        Ok(value) => {
            assert_eq!(compact.unwrap(), serde_json::to_string(value).unwrap());
            assert_eq!(
                pretty.unwrap(),
                serde_json::to_string_pretty(value).unwrap()
            );
        }
        Err(e) => {
            assert_eq!(&compact.unwrap_err().to_string(), e);
            assert_eq!(&pretty.unwrap_err().to_string(), e);
        }
    }
    value
}

fn item() -> Value {
    json!({
        "_": "item",
        "on": true,
        "peer": {"_": "peerUser", "user_id": "-9223372036854775808"},
        "label": "\"q\" \\ \u{1} \n\t é \u{7f} </script> 😀",
        "data": "AAEC/w==",
        "key": "000102030405060708090a0b0c0d0e0f",
        "points": [
            {"_": "point", "x": 0.1, "y": -0.0},
            {"_": "point", "x": "NaN", "y": "-Infinity"},
            {"_": "point", "x": 1e300, "y": 5e-324},
        ],
        "nested": [[], [1, -2], []],
        "empties": [{"_": "empty"}],
    })
}

#[test]
fn every_kind_of_value_is_the_trees_text() {
    let schema = schema(Options::default());
    let bytes = schema.encode(&item()).unwrap();
    assert_eq!(same_text(&schema, &bytes).unwrap(), item());
    let bare = json!({"_": "item", "on": false, "label": "", "data": "", "key": "0".repeat(32),
        "points": [], "nested": [], "empties": []});
    let bytes = schema.encode(&bare).unwrap();
    assert_eq!(same_text(&schema, &bytes).unwrap(), bare);
    let empty = schema.encode(&json!({"_": "empty"})).unwrap();
    assert_eq!(same_text(&schema, &empty).unwrap(), json!({"_": "empty"}));
    // Text that is not UTF-8 is read as `String::from_utf8_lossy` reads it.
    let note = [&0x6666_6666u32.to_le_bytes()[..], &[3, 0xff, b'"', b'a']].concat();
    assert_eq!(
        same_text(&schema, &note).unwrap(),
        json!({"_": "note", "text": "\u{fffd}\"a"})
    );
}

#[test]
fn repeated_keys_are_written_once_as_in_the_tree() {
    let schema = schema(Options::default());
    let word = |n: u32| n.to_le_bytes().to_vec();
    // `labelled string int`: both values have the key "".
    let labelled = [word(0x2222_2222), vec![1, b'a', 0, 0], word(3)].concat();
    assert_eq!(
        same_text(&schema, &labelled).unwrap(),
        json!({"_": "labelled", "": 3})
    );
    let twice = [word(0x3333_3333), word(7), vec![1, b'b', 0, 0]].concat();
    assert_eq!(
        same_text(&schema, &twice).unwrap(),
        json!({"_": "twice", "a": "b"})
    );
    let underscore = [word(0x4444_4444), word(9)].concat();
    assert_eq!(same_text(&schema, &underscore).unwrap(), json!({"_": 9}));
    // Inside an array, the objects around keep their layout.
    let vector = [word(0x1cb5_c415), word(2), labelled.clone(), twice].concat();
    same_text(&schema, &vector).unwrap();
}

#[test]
fn null_objects_of_tdlib_style_are_left_out_of_objects_only() {
    let mut options = Options::default();
    options.style = Style::Tdlib;
    let schema = schema(options);
    let value = json!({"@type": "item", "on": true, "label": "x", "data": "", "key": "0".repeat(32),
        "points": [{"@type": "point", "x": 1.5, "y": 2.0}, null], "nested": [],
        "empties": [null, {"@type": "empty"}, null]});
    let bytes = schema.encode(&value).unwrap();
    assert_eq!(same_text(&schema, &bytes).unwrap(), value);
    // The flag of `peer` set, and a null object in its place: left out.
    let mut with_null_peer = bytes.clone();
    with_null_peer[4] |= 2;
    with_null_peer.splice(8..8, 0x5673_0bccu32.to_le_bytes());
    assert_eq!(same_text(&schema, &with_null_peer).unwrap(), value);
    // A null object on its own.
    assert_eq!(
        same_text(&schema, &0x5673_0bccu32.to_le_bytes()).unwrap(),
        Value::Null
    );
    // TDLib's style has no number for NaN: both fail alike.
    let nan = json!({"@type": "point", "x": 1.0, "y": 2.0});
    let mut bytes = schema.encode(&nan).unwrap();
    bytes[4..12].copy_from_slice(&f64::NAN.to_le_bytes());
    assert!(same_text(&schema, &bytes).is_err());
}

#[test]
fn envelopes_are_the_trees_text() {
    let schema = schema(Options::default());
    let affected = schema
        .encode(&json!({"_": "peerUser", "user_id": "5"}))
        .unwrap();
    let packed = tl_json::gzip(&affected);
    let mut gzip_packed = 0x3072_cfa1u32.to_le_bytes().to_vec();
    gzip_packed.push(packed.len() as u8);
    gzip_packed.extend_from_slice(&packed);
    gzip_packed.resize(gzip_packed.len().div_ceil(4) * 4, 0);
    let result = [
        &0xf35c_6d01u32.to_le_bytes()[..],
        &7u64.to_le_bytes(),
        &gzip_packed,
    ]
    .concat();
    let longs = [
        &0xf35c_6d01u32.to_le_bytes()[..],
        &8u64.to_le_bytes(),
        &0x1cb5_c415u32.to_le_bytes(),
        &1u32.to_le_bytes(),
        &(-1i64).to_le_bytes(),
    ]
    .concat();
    let message = |msg_id: u64, body: &[u8]| {
        let length = (body.len() as u32).to_le_bytes();
        [
            &msg_id.to_le_bytes()[..],
            &3u32.to_le_bytes(),
            &length,
            body,
        ]
        .concat()
    };
    let container = [
        &0x73f1_f8dcu32.to_le_bytes()[..],
        &2u32.to_le_bytes(),
        &message(11, &result),
        &message(12, &longs),
    ]
    .concat();
    let value = same_text(&schema, &container).unwrap();
    assert_eq!(value["messages"][0]["body"]["result"]["user_id"], "5");
    assert_eq!(value["messages"][1]["body"]["result"], json!(["-1"]));
}

#[test]
fn bad_bytes_fail_alike() {
    let schema = schema(Options::default());
    let bytes = schema.encode(&item()).unwrap();
    for len in [0, 3, 4, 9, 40, bytes.len() - 1] {
        same_text(&schema, &bytes[..len]).unwrap_err();
    }
    let trailing = [&bytes[..], &[0; 4]].concat();
    same_text(&schema, &trailing).unwrap_err();
    let mut deep = Options::default();
    deep.max_depth = 1;
    same_text(&self::schema(deep), &bytes).unwrap_err();
}

#[test]
fn functions_and_types_by_name_are_the_trees_text() {
    let schema = schema(Options::default());
    let call = json!({"_": "getItem", "peer": {"_": "peerUser", "user_id": "1"}});
    let bytes = schema.encode(&call).unwrap();
    let text = schema.decode_function_to_string(&bytes, Layout::Pretty);
    assert_eq!(
        text.unwrap(),
        serde_json::to_string_pretty(&schema.decode_function(&bytes).unwrap()).unwrap()
    );
    let item = schema.encode(&item()).unwrap();
    assert!(
        schema
            .decode_function_to_string(&item, Layout::Compact)
            .is_err()
    );
    let ty = schema.parse_type("Vector<%Point>").unwrap();
    let points = json!([{"_": "point", "x": 1.0, "y": 0.25}]);
    let bytes = schema.encode_as(&ty, &points).unwrap();
    let text = schema
        .decode_as_to_string(&ty, &bytes, Layout::Compact)
        .unwrap();
    assert_eq!(text, serde_json::to_string(&points).unwrap());
    assert_eq!(text, r#"[{"_":"point","x":1.0,"y":0.25}]"#);
}
