//! The schema-driven codec on small schemas: the JSON form of every kind of field, exact
//! round trips, envelopes, and the errors of bad bytes and bad JSON.

use serde_json::{Value, json};
use tl_json::{DecodeErrorKind, Options, Schema, Style};

const PRELUDE: &str = "\
int ? = Int;
long ? = Long;
double ? = Double;
string ? = String;
bytes = Bytes;
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
true#3fedd339 = True;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;
int128 4*[ int ] = Int128;
int256 8*[ int ] = Int256;
";

const FEATURES: &str = "\
peerUser#59511722 user_id:long = Peer;
peerChat#36c6019a chat_id:long = Peer;
point x:int y:int = Point;
textPlain#744694e0 text:string = RichText;
textBold#6724abc4 text:RichText = RichText;
message#0badf00d flags:# out:flags.1?true id:int peer_id:Peer reply_to:flags.3?Peer \
reply_text:flags.3?string flags2:# pinned:flags2.0?true views:flags2.1?int nonce:int128 \
key:int256 rating:double ok:Bool tags:Vector<string> pts:vector<int> points:vector<%Point> \
data:bytes count:# = Message;
messages.messages#8c718e87 messages:Vector<Message> = messages.Messages;
---functions---
help.getConfig#c4f9186b = Peer;
invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
messages.getHistory#4423e6c5 peer:Peer limit:int = messages.Messages;
";

fn schema(text: &str) -> Schema {
    Schema::from_sources(&[("prelude.tl", PRELUDE), ("test.tl", text)]).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    tl_json::hex_decode(&text.replace(' ', "")).unwrap()
}

/// A message with every kind of field, in TL JSON.
fn full_message() -> Value {
    json!({
        "_": "message",
        "out": true,
        "id": -7,
        "peer_id": {"_": "peerUser", "user_id": "-9223372036854775808"},
        "reply_to": {"_": "peerChat", "chat_id": "12"},
        "reply_text": "r\u{e9}ply",
        "pinned": false,
        "views": 2147483647,
        "nonce": "000102030405060708090a0b0c0d0e0f",
        "key": "ff".repeat(32),
        "rating": 0.1,
        "ok": true,
        "tags": ["", "x".repeat(300)],
        "pts": [1, 2],
        "points": [{"_": "point", "x": 1, "y": 2}],
        "data": "AAEC/w==",
        "count": 4000000000u32,
    })
}

#[test]
fn every_kind_of_field_round_trips_in_the_documented_form() {
    let schema = schema(FEATURES);
    let value = full_message();
    let bytes = schema.encode(&value).unwrap();
    // The id, then flags: bits 1 (out) and 3 (reply_to and reply_text share it).
    assert_eq!(bytes[..8], hex("0df0ad0b 0a000000"));
    let decoded = schema.decode_object(&bytes).unwrap();
    assert_eq!(decoded, value);
    // `"_"` first, then the fields in schema order, flag words left out.
    let keys: Vec<&String> = decoded.as_object().unwrap().keys().collect();
    assert_eq!(keys[..4], ["_", "out", "id", "peer_id"]);
    assert!(!keys.iter().any(|k| k.starts_with("flags")));
    assert_eq!(schema.encode(&decoded).unwrap(), bytes);
}

#[test]
fn absent_optional_fields_are_left_out_and_flags_true_are_false() {
    let schema = schema(FEATURES);
    let mut value = full_message();
    let object = value.as_object_mut().unwrap();
    object.remove("reply_to");
    object.remove("reply_text");
    object.remove("views");
    object.insert("out".into(), false.into());
    let bytes = schema.encode(&value).unwrap();
    assert_eq!(bytes[4..8], [0; 4], "no flag set");
    assert_eq!(schema.decode_object(&bytes).unwrap(), value);
}

#[test]
fn fields_sharing_a_bit_are_written_together() {
    let schema = schema(FEATURES);
    let mut value = full_message();
    value.as_object_mut().unwrap().remove("reply_text");
    // The string has a zero value: the bit stays set and it is written empty.
    let decoded = schema
        .decode_object(&schema.encode(&value).unwrap())
        .unwrap();
    assert_eq!(decoded["reply_text"], "");
    value.as_object_mut().unwrap().remove("reply_to");
    value["reply_text"] = "only".into();
    let err = schema.encode(&value).unwrap_err();
    assert!(err.message.contains("`reply_to`"), "{err}");
}

#[test]
fn generic_functions_hold_the_query_object() {
    let schema = schema(FEATURES);
    let call = json!({
        "_": "invokeWithLayer",
        "layer": 214,
        "query": {"_": "messages.getHistory", "peer": {"_": "peerChat", "chat_id": "5"}, "limit": 10},
    });
    let bytes = schema.encode(&call).unwrap();
    assert_eq!(bytes[..12], hex("0d0d9bda d6000000 c5e62344"));
    assert_eq!(schema.decode_function(&bytes).unwrap(), call);
    // A constructor's id is no function.
    let peer = schema.encode(&call["query"]["peer"]).unwrap();
    let err = schema.decode_function(&peer).unwrap_err();
    assert!(err.to_string().contains("expected a function"), "{err}");
}

#[test]
fn types_given_by_name_decode_vectors_and_bare_constructors() {
    let schema = schema(FEATURES);
    let longs = schema.parse_type("Vector<long>").unwrap();
    let bytes = hex("15c4b51c 02000000 0100000000000000 ffffffffffffffff");
    assert_eq!(
        schema.decode_as(&longs, &bytes).unwrap(),
        json!(["1", "-1"])
    );
    let point = schema.parse_type("%Point").unwrap();
    let value = schema.decode_as(&point, &hex("01000000 02000000")).unwrap();
    assert_eq!(value, json!({"_": "point", "x": 1, "y": 2}));
    assert_eq!(
        schema.encode_as(&point, &value).unwrap(),
        hex("01000000 02000000")
    );
    let err = schema.parse_type("Vector<Nope>").unwrap_err().to_string();
    assert!(err.contains("Nope"), "{err}");
}

#[test]
fn encoding_errors_name_the_json_path() {
    let schema = schema(FEATURES);
    let mut message = full_message();
    message["peer_id"]["user_id"] = json!(5);
    let list = json!({"_": "messages.messages", "messages": [full_message(), full_message(), full_message(), message]});
    let err = schema.encode(&list).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.messages[3].peer_id.user_id: expected a decimal string for long"
    );
    let cases = [
        (
            json!({"_": "peerUser", "user_id": "1", "x": 1}),
            "$.x: unknown field of `peerUser`",
        ),
        (
            json!({"_": "peerUsr", "user_id": "1"}),
            "$: unknown constructor `peerUsr`",
        ),
        (json!({"user_id": "1"}), "$: expected an object with \"_\""),
        (
            json!({"_": "peerUser"}),
            "$: missing field `user_id` of `peerUser`",
        ),
        (
            json!({"_": "messages.messages", "messages": [{"_": "peerUser", "user_id": "1"}]}),
            "$.messages[0]: `peerUser` is a constructor of Peer, not of Message",
        ),
    ];
    for (value, expected) in cases {
        let err = schema.encode(&value).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{err}");
    }
    let mut bad = full_message();
    bad["nonce"] = "0011".into();
    let err = schema.encode(&bad).unwrap_err().to_string();
    assert_eq!(err, "$.nonce: expected 32 hex digits for int128");
    bad = full_message();
    bad["data"] = "AAEC/w".into();
    let err = schema.encode(&bad).unwrap_err().to_string();
    assert_eq!(err, "$.data: expected base64 (padded) for bytes");
    bad = full_message();
    bad["id"] = json!(1u64 << 31);
    let err = schema.encode(&bad).unwrap_err().to_string();
    assert_eq!(err, "$.id: expected a number for int (32 bits)");
}

#[test]
fn bad_bytes_fail_with_the_offset_and_what_was_expected() {
    let schema = schema(FEATURES);
    let err = |bytes: &[u8]| schema.decode_object(bytes).unwrap_err();
    // An id of the wrong type, named.
    let e = err(&hex(
        "878e718c 15c4b51c 01000000 22175159 01000000 00000000",
    ));
    assert_eq!(e.offset, 12);
    assert_eq!(
        e.to_string(),
        "expected Message at offset 12, found 0x59511722 (peerUser)"
    );
    let e = err(&hex("78563412"));
    assert_eq!(
        e.to_string(),
        "expected an object at offset 0, found 0x12345678 (unknown id)"
    );
    // A length prefix of 2^24-1 and a count of 2^32-1: refused before any allocation.
    let e = err(&hex("e0944674 feffffff"));
    assert!(
        matches!(e.kind, DecodeErrorKind::LengthExceedsInput { .. }),
        "{e}"
    );
    let e = err(&hex("878e718c 15c4b51c ffffffff"));
    assert!(
        matches!(e.kind, DecodeErrorKind::CountExceedsInput { .. }),
        "{e}"
    );
    assert_eq!(e.offset, 8);
    let e = err(&hex("22175159 0100"));
    assert_eq!(
        e.to_string(),
        "unexpected end of input at offset 4: needed 8 bytes, 2 left"
    );
    let e = err(&hex("e0944674 00000000 00"));
    assert_eq!(e.to_string(), "1 bytes left over at offset 8");
    let e = err(&hex("e0944674 ff000000"));
    assert_eq!(e.kind, DecodeErrorKind::InvalidLengthPrefix);
}

#[test]
fn nesting_is_bounded() {
    let mut options = Options::default();
    options.max_depth = 10;
    let default = schema(FEATURES);
    let schema = default.clone().with_options(options);
    let bold = hex("c4ab2467");
    let plain = hex("e0944674 00000000");
    let nested = |levels: usize| [bold.repeat(levels), plain.clone()].concat();
    assert!(schema.decode_object(&nested(9)).is_ok());
    let e = schema.decode_object(&nested(10)).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TooDeep { max_depth: 10 });
    // Encoding too: the JSON of 10 levels does not encode either.
    let json = default.decode_object(&nested(10)).unwrap();
    let err = schema.encode(&json).unwrap_err().to_string();
    assert!(err.contains("deeper than 10"), "{err}");
    // A million levels fail quickly, without overflowing the stack.
    let e = default.decode_object(&nested(1_000_000)).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TooDeep { max_depth: 64 });
}

#[test]
fn the_current_definition_of_a_layer_section_wins() {
    let sections = "\
===8===
decryptedMessage#1f814f1f random_id:long message:string = DecryptedMessage;
===45===
decryptedMessage#36b091de flags:# random_id:long message:string silent:flags.5?true = DecryptedMessage;
";
    let schema = schema(sections);
    let value = json!({"_": "decryptedMessage", "random_id": "1", "message": "hi", "silent": true});
    let bytes = schema.encode(&value).unwrap();
    assert_eq!(bytes[..8], hex("de91b036 20000000"));
    assert_eq!(schema.decode_object(&bytes).unwrap(), value);
    // The old id still decodes, as the old definition.
    let old = hex("1f4f811f 0100000000000000 02686900");
    let decoded = schema.decode_object(&old).unwrap();
    assert_eq!(
        decoded,
        json!({"_": "decryptedMessage", "random_id": "1", "message": "hi"})
    );
}

#[test]
fn tdlib_style_uses_at_type_and_int53_numbers() {
    let td = "\
error code:int32 message:string = Error;
user id:int53 access_hash:int64 is_bot:Bool = User;
---functions---
getUser user_id:int53 = User;
";
    let mut options = Options::default();
    options.style = Style::Tdlib;
    let schema = schema(td).with_options(options);
    let value =
        json!({"@type": "user", "id": 9007199254740991i64, "access_hash": "-5", "is_bot": false});
    let bytes = schema.encode(&value).unwrap();
    assert_eq!(schema.decode_object(&bytes).unwrap(), value);
    let request = json!({"@type": "getUser", "user_id": 1, "@extra": {"id": 7}});
    let bytes = schema.encode(&request).unwrap();
    assert_eq!(
        schema.decode_function(&bytes).unwrap(),
        json!({"@type": "getUser", "user_id": 1})
    );
    let err = schema
        .encode(&json!({"_": "getUser", "user_id": 1}))
        .unwrap_err();
    assert!(err.message.contains("\"@type\""), "{err}");
}

#[test]
fn tdlib_style_objects_may_be_null_and_are_written_with_their_id() {
    // As in td_api.tl: `country:countryInfo` names a bare constructor, and TDLib leaves a
    // null one out of its answers.
    let td = "\
countryInfo code:string = CountryInfo;
phoneNumberInfo country:countryInfo prefix:string others:vector<countryInfo> = PhoneNumberInfo;
";
    let mut options = Options::default();
    options.style = Style::Tdlib;
    let schema = schema(td).with_options(options);
    let fr = json!({"@type": "countryInfo", "code": "FR"});
    let value = json!({"@type": "phoneNumberInfo", "prefix": "+999", "others": [fr, null]});
    let bytes = schema.encode(&value).unwrap();
    let null = hex("cc0b7356");
    assert_eq!(bytes[4..8], null, "the country: null#56730bcc");
    let fr_id = u32::from_le_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!(
        schema.name_for_id(fr_id),
        Some("countryInfo"),
        "bare, with its id"
    );
    assert_eq!(bytes[bytes.len() - 4..], null, "a null element");
    assert_eq!(schema.decode_object(&bytes).unwrap(), value);
    // `null` is the same as leaving the field out.
    let mut explicit = value.clone();
    explicit["country"] = Value::Null;
    assert_eq!(schema.encode(&explicit).unwrap(), bytes);
    // A bare object with another id fails.
    let mut wrong = bytes.clone();
    wrong[4..8].copy_from_slice(&bytes[..4]);
    let err = schema.decode_object(&wrong).unwrap_err().to_string();
    assert!(err.contains("expected countryInfo at offset 4"), "{err}");
    // Only objects may be null, and only in the TDLib style.
    let err = schema.encode(&json!({"@type": "countryInfo"})).unwrap_err();
    assert_eq!(err.to_string(), "$: missing field `code` of `countryInfo`");
    let tl = json!({"_": "phoneNumberInfo", "prefix": "+999", "others": []});
    let err = self::schema(td).encode(&tl).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$: missing field `country` of `phoneNumberInfo`"
    );
}

#[test]
fn doubles_json_cannot_write_are_strings() {
    let schema = schema("pt x:double = Pt;\nwrap#11111111 p:%Pt = Wrap;\n");
    for (x, text) in [
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
    ] {
        let bytes = [hex("11111111"), x.to_le_bytes().to_vec()].concat();
        let value = schema.decode_object(&bytes).unwrap();
        assert_eq!(value["p"]["x"], text);
        assert_eq!(schema.encode(&value).unwrap(), bytes);
    }
    let bytes = [hex("11111111"), (-0.0f64).to_le_bytes().to_vec()].concat();
    let value = schema.decode_object(&bytes).unwrap();
    assert_eq!(schema.encode(&value).unwrap(), bytes, "{value}");
}

#[test]
fn tdlib_style_doubles_are_numbers_only() {
    let mut options = Options::default();
    options.style = Style::Tdlib;
    let schema = schema("location#11111111 latitude:double = Location;\n").with_options(options);
    let location = |x: f64| [hex("11111111"), x.to_le_bytes().to_vec()].concat();
    let value = json!({"@type": "location", "latitude": 0.5});
    assert_eq!(schema.decode_object(&location(0.5)).unwrap(), value);
    // TDLib refuses a string for a double: "Expected Number, but receive String".
    let err = schema.decode_object(&location(f64::NAN)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "double NaN at offset 4: TDLib's JSON has no number for it"
    );
    let err = schema
        .encode(&json!({"@type": "location", "latitude": "Infinity"}))
        .unwrap_err();
    assert_eq!(err.to_string(), "$.latitude: expected a number for double");
}

#[test]
fn repetitions_of_words_are_fixed_width_hex() {
    let schema = schema("secret#22222222 key:2*[ int ] nonce:int128 = Secret;\n");
    let bytes = hex("22222222 0102030405060708 000102030405060708090a0b0c0d0e0f");
    let value = schema.decode_object(&bytes).unwrap();
    let nonce = "000102030405060708090a0b0c0d0e0f";
    assert_eq!(
        value,
        json!({"_": "secret", "key": "0102030405060708", "nonce": nonce})
    );
    assert_eq!(schema.encode(&value).unwrap(), bytes);
}
