//! Golden byte vectors, written by hand from the TL encoding rules, against the encoder and
//! decoder generated for the project's schema (`tl_types` bindings of `schema/*.tl`).
//!
//! The expected bytes never come from `tl_types`: they are concatenations of hand-written
//! pieces built by the small helpers below, which implement the rules independently:
//!
//! * `int` / `#` (flags): 4 bytes little-endian; `long`: 8 bytes little-endian; `double`: the
//!   8 bytes of the IEEE 754 value, little-endian; `int128`: 16 raw bytes;
//! * a boxed value starts with its constructor id (u32 LE), a bare one does not;
//! * `string` / `bytes`: a length below 254 is 1 byte of length, the data, zero padding to a
//!   multiple of 4 (of length byte + data); a length of 254 or more is 0xfe, 3 bytes of
//!   length (LE), the data, zero padding to a multiple of 4;
//! * `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`;
//! * `Vector<T>`: `vector#1cb5c415`, the count (i32 LE), the elements; bare `vector<t>`: the
//!   count and the elements.
//!
//! Every vector is also decoded with `from_bytes` and compared with the value. A few are also
//! checked on the bindings with `bytes` and `string` fields held in `Bytes` (`held_in_bytes`).

use std::fmt::Debug;

use tl_types::{Deserializable, RemoteCall, Serializable, enums, functions, types};

/// The generated code of the small fixture schema of tl-codegen (`tl-codegen/tests/fixtures/
/// small.tl`, with `tl_types` as runtime): the pinned fixture's own bytes, for a boxed type and
/// an `int` on the same flag bit (`geo.place`), bare `vector<sample>` and `int128`.
#[allow(dead_code)]
mod small {
    include!("../../tl-codegen/tests/fixtures/small.expected.rs");
}

// Hand-written encoding helpers, independent of tl-types.

const VECTOR: u32 = 0x1cb5c415;
const BOOL_TRUE: u32 = 0x997275b5;
const BOOL_FALSE: u32 = 0xbc799737;

/// `int`, `#` and constructor ids: 4 bytes, least significant first.
fn le32(value: u32) -> Vec<u8> {
    vec![
        value as u8,
        (value >> 8) as u8,
        (value >> 16) as u8,
        (value >> 24) as u8,
    ]
}

/// A signed `int`.
fn int(value: i32) -> Vec<u8> {
    le32(value as u32)
}

/// `long`: 8 bytes, least significant first.
fn long(value: i64) -> Vec<u8> {
    let value = value as u64;
    (0..8).map(|i| (value >> (8 * i)) as u8).collect()
}

/// `string` and `bytes`.
fn tl_str(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if data.len() < 254 {
        out.push(data.len() as u8);
    } else {
        let len = data.len();
        out.extend([0xfe, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
    }
    out.extend_from_slice(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

/// Concatenates byte pieces (arrays, slices or vectors).
macro_rules! bytes {
    ($($piece:expr),* $(,)?) => {{
        let mut out: Vec<u8> = Vec::new();
        $(out.extend_from_slice(&$piece[..]);)*
        out
    }};
}

/// Bytes as 4-byte groups of hex, so that a failing comparison shows where it differs.
fn hex(bytes: &[u8]) -> String {
    bytes
        .chunks(4)
        .map(|word| word.iter().map(|b| format!("{b:02x}")).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `value` encodes to exactly `expected`, and `expected` decodes to `value`.
fn golden<T: Serializable + Deserializable + PartialEq + Debug>(value: &T, expected: &[u8]) {
    assert_eq!(
        hex(&value.to_bytes()),
        hex(expected),
        "encoding of {value:#?}"
    );
    decodes_to(expected, value);
}

/// `bytes` decodes (all of it) to `value`.
fn decodes_to<T: Deserializable + PartialEq + Debug>(bytes: &[u8], value: &T) {
    let decoded =
        T::from_bytes(bytes).unwrap_or_else(|e| panic!("cannot decode {}: {e}", hex(bytes)));
    assert_eq!(&decoded, value, "decoding of {}", hex(bytes));
}

/// The flags word at `offset` of `bytes`.
fn word_at(bytes: &[u8], offset: usize) -> u32 {
    u32::from_le_bytes(bytes[offset..offset + 4].try_into().unwrap())
}

#[test]
fn helpers_follow_the_rules() {
    // The helpers themselves, against literal bytes.
    assert_eq!(le32(0xa677244f), [0x4f, 0x24, 0x77, 0xa6]);
    assert_eq!(int(-2), [0xfe, 0xff, 0xff, 0xff]);
    assert_eq!(long(0x0102030405060708), [8, 7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(long(-1), [0xff; 8]);
    assert_eq!(tl_str(b""), [0, 0, 0, 0]);
    assert_eq!(tl_str(b"abc"), [3, b'a', b'b', b'c']);
    assert_eq!(tl_str(b"abcd"), [4, b'a', b'b', b'c', b'd', 0, 0, 0]);
    assert_eq!(tl_str(&[7; 253]).len(), 256);
    assert_eq!(tl_str(&[7; 254])[..4], [0xfe, 0xfe, 0x00, 0x00]);
    assert_eq!(tl_str(&[7; 254]).len(), 260);
    // The runtime agrees on the fixed ids.
    assert_eq!(tl_types::VECTOR_ID, VECTOR);
    assert_eq!(tl_types::BOOL_TRUE_ID, BOOL_TRUE);
    assert_eq!(tl_types::BOOL_FALSE_ID, BOOL_FALSE);
}

#[test]
fn bool_is_boxed_true_or_false() {
    golden(&true, &[0xb5, 0x75, 0x72, 0x99]);
    golden(&false, &[0x37, 0x97, 0x79, 0xbc]);
    // account.checkUsername returns Bool.
    fn returns_bool<R: RemoteCall<Return = bool>>(_: &R) {}
    returns_bool(&functions::account::CheckUsername {
        username: "x".into(),
    });
}

fn no_code_settings() -> types::CodeSettings {
    types::CodeSettings {
        allow_flashcall: false,
        current_number: false,
        allow_app_hash: false,
        allow_missed_call: false,
        allow_firebase: false,
        unknown_number: false,
        logout_tokens: None,
        token: None,
        app_sandbox: None,
    }
}

#[test]
fn auth_send_code_without_flags() {
    // auth.sendCode#a677244f phone_number:string api_id:int api_hash:string
    //     settings:CodeSettings = auth.SentCode
    let request = functions::auth::SendCode {
        phone_number: "+15550100".into(),
        api_id: 12345,
        api_hash: "0123456789abcdef0123456789abcdef".into(),
        settings: enums::CodeSettings::CodeSettings(no_code_settings()),
    };
    let expected: Vec<u8> = bytes![
        [0x4f, 0x24, 0x77, 0xa6], // auth.sendCode#a677244f
        [0x09],                   // phone_number: length 9
        *b"+15550100",            //   data
        [0x00, 0x00],             //   padding: 1 + 9 = 10 -> 12
        [0x39, 0x30, 0x00, 0x00], // api_id: 12345 = 0x3039
        [0x20],                   // api_hash: length 32
        *b"0123456789abcdef0123456789abcdef",
        [0x00, 0x00, 0x00],       //   padding: 1 + 32 = 33 -> 36
        [0x78, 0x3d, 0x25, 0xad], // settings: codeSettings#ad253d78 (boxed)
        [0x00, 0x00, 0x00, 0x00], //   flags: none
    ];
    assert_eq!(expected.len(), 4 + 12 + 4 + 36 + 4 + 4);
    // The same vector from the helpers.
    assert_eq!(
        expected,
        bytes![
            le32(0xa677244f),
            tl_str(b"+15550100"),
            int(12345),
            tl_str(b"0123456789abcdef0123456789abcdef"),
            le32(0xad253d78),
            le32(0),
        ]
    );
    golden(&request, &expected);
    // Its answer type.
    fn returns_sent_code<R: RemoteCall<Return = enums::auth::SentCode>>(_: &R) {}
    returns_sent_code(&request);
}

#[test]
fn auth_send_code_with_flags() {
    // codeSettings#ad253d78 flags:# allow_flashcall:flags.0?true current_number:flags.1?true
    //     allow_app_hash:flags.4?true allow_missed_call:flags.5?true allow_firebase:flags.7?true
    //     unknown_number:flags.9?true logout_tokens:flags.6?Vector<bytes> token:flags.8?string
    //     app_sandbox:flags.8?Bool = CodeSettings
    let settings = types::CodeSettings {
        allow_flashcall: true,
        current_number: true,
        allow_app_hash: true,
        unknown_number: true,
        logout_tokens: Some(vec![vec![0xde, 0xad, 0xbe, 0xef, 0x01]]),
        ..no_code_settings()
    };
    let request = functions::auth::SendCode {
        phone_number: "+1".into(),
        api_id: -1,
        api_hash: "h".into(),
        settings: settings.clone().into(),
    };
    // flags: bits 0, 1, 4, 6 (logout_tokens), 9 = 0x001 | 0x002 | 0x010 | 0x040 | 0x200.
    let flags = 0x253;
    let expected: Vec<u8> = bytes![
        [0x4f, 0x24, 0x77, 0xa6],       // auth.sendCode
        [0x02, b'+', b'1', 0x00],       // phone_number "+1": 1 + 2 -> 4
        [0xff, 0xff, 0xff, 0xff],       // api_id: -1
        [0x01, b'h', 0x00, 0x00],       // api_hash "h"
        [0x78, 0x3d, 0x25, 0xad],       // codeSettings
        [0x53, 0x02, 0x00, 0x00],       // flags 0x253; the `true` flags are only bits
        [0x15, 0xc4, 0xb5, 0x1c],       // logout_tokens: vector#1cb5c415
        [0x01, 0x00, 0x00, 0x00],       //   count 1
        [0x05, 0xde, 0xad, 0xbe, 0xef], //   bytes of length 5
        [0x01, 0x00, 0x00],             //   1 + 5 = 6 -> 8
    ];
    assert_eq!(word_at(&expected, 20), flags);
    golden(&request, &expected);

    // The constructor alone, boxed, and the bare encoding.
    golden(&settings, &expected[16..]);
    let mut bare = Vec::new();
    tl_types::BareSerializable::serialize_bare(&settings, &mut bare);
    assert_eq!(hex(&bare), hex(&expected[20..]));
}

fn sent_code(
    next_type: Option<enums::auth::CodeType>,
    timeout: Option<i32>,
) -> types::auth::SentCode {
    types::auth::SentCode {
        r#type: enums::auth::SentCodeType::App(types::auth::SentCodeTypeApp { length: 5 }),
        phone_code_hash: "abc123".into(),
        next_type,
        timeout,
    }
}

#[test]
fn auth_sent_code_optional_fields() {
    // auth.sentCode#5e002502 flags:# type:auth.SentCodeType phone_code_hash:string
    //     next_type:flags.1?auth.CodeType timeout:flags.2?int = auth.SentCode
    let head: Vec<u8> = bytes![[0x02, 0x25, 0x00, 0x5e]]; // auth.sentCode#5e002502
    let body: Vec<u8> = bytes![
        [0x86, 0x59, 0xbb, 0x3d], // type: auth.sentCodeTypeApp#3dbb5986
        [0x05, 0x00, 0x00, 0x00], //   length: 5
        [0x06],                   // phone_code_hash: length 6
        *b"abc123",
        [0x00], //   1 + 6 = 7 -> 8
    ];
    let sms = [0x8c, 0x15, 0xa3, 0x72]; // auth.codeTypeSms#72a3158c
    let sixty = [0x3c, 0x00, 0x00, 0x00]; // timeout: 60

    // Neither: flags 0.
    let none = bytes![head, [0, 0, 0, 0], body];
    assert_eq!(word_at(&none, 4), 0);
    golden(&sent_code(None, None), &none);

    // next_type only: bit 1.
    let next = bytes![head, [0x02, 0, 0, 0], body, sms];
    assert_eq!(word_at(&next, 4), 1 << 1);
    golden(&sent_code(Some(enums::auth::CodeType::Sms), None), &next);

    // timeout only: bit 2.
    let timeout = bytes![head, [0x04, 0, 0, 0], body, sixty];
    assert_eq!(word_at(&timeout, 4), 1 << 2);
    golden(&sent_code(None, Some(60)), &timeout);

    // Both: bits 1 and 2, fields in schema order.
    let both = bytes![head, [0x06, 0, 0, 0], body, sms, sixty];
    assert_eq!(word_at(&both, 4), 0b110);
    let value = sent_code(Some(enums::auth::CodeType::Sms), Some(60));
    golden(&value, &both);
    // Through the boxed type, as the answer to auth.sendCode.
    golden(&enums::auth::SentCode::SentCode(value), &both);
}

#[test]
fn string_of_253_bytes_has_a_one_byte_length() {
    // auth.sentCodeTypeFlashCall#ab03c6d9 pattern:string = auth.SentCodeType
    let pattern = "p".repeat(253);
    let value = types::auth::SentCodeTypeFlashCall {
        pattern: pattern.clone(),
    };
    let expected = bytes![
        [0xd9, 0xc6, 0x03, 0xab], // auth.sentCodeTypeFlashCall
        [0xfd],                   // length 253 in one byte
        pattern.as_bytes(),
        [0x00, 0x00], // 1 + 253 = 254 -> 256: 2 bytes of padding
    ];
    assert_eq!(expected.len(), 4 + 256);
    assert_eq!(
        expected,
        bytes![le32(0xab03c6d9), tl_str(pattern.as_bytes())]
    );
    golden(&value, &expected);
    golden(&enums::auth::SentCodeType::FlashCall(value), &expected);
}

#[test]
fn string_of_254_bytes_has_a_four_byte_length() {
    let pattern = "q".repeat(254);
    let value = types::auth::SentCodeTypeFlashCall {
        pattern: pattern.clone(),
    };
    let expected = bytes![
        [0xd9, 0xc6, 0x03, 0xab], // auth.sentCodeTypeFlashCall
        [0xfe, 0xfe, 0x00, 0x00], // 0xfe, then 254 in 3 bytes LE
        pattern.as_bytes(),
        [0x00, 0x00], // 4 + 254 = 258 -> 260: 2 bytes of padding
    ];
    assert_eq!(expected.len(), 4 + 260);
    assert_eq!(
        expected,
        bytes![le32(0xab03c6d9), tl_str(pattern.as_bytes())]
    );
    golden(&value, &expected);

    // A longer one, whose length needs the second length byte: 1000 = 0x03e8, 4 + 1000 is a
    // multiple of 4, so no padding.
    let long_pattern = "r".repeat(1000);
    let expected = bytes![
        le32(0xab03c6d9),
        [0xfe, 0xe8, 0x03, 0x00],
        long_pattern.as_bytes(),
    ];
    golden(
        &types::auth::SentCodeTypeFlashCall {
            pattern: long_pattern,
        },
        &expected,
    );
}

/// The bindings with every `bytes` and `string` field held in `Bytes` (`Config::bytes(".")`:
/// `tl_tests::shared`) write the same bytes, and read them back from `Bytes` too.
mod held_in_bytes {
    use tl_tests::shared::types;
    use tl_types::Bytes;

    use super::*;

    fn golden_shared<T: Serializable + Deserializable + PartialEq + Debug>(
        value: &T,
        expected: &[u8],
    ) {
        golden(value, expected);
        let decoded = T::from_bytes_shared(&Bytes::copy_from_slice(expected))
            .unwrap_or_else(|e| panic!("cannot decode {} from Bytes: {e}", hex(expected)));
        assert_eq!(&decoded, value, "decoding of {} from Bytes", hex(expected));
    }

    #[test]
    fn strings_with_one_and_four_byte_lengths() {
        // auth.sentCodeTypeFlashCall#ab03c6d9 pattern:string = auth.SentCodeType
        for len in [0, 3, 253, 254, 1000] {
            let pattern = "p".repeat(len);
            let value = types::auth::SentCodeTypeFlashCall::new(pattern.as_str());
            golden_shared(
                &value,
                &bytes![le32(0xab03c6d9), tl_str(pattern.as_bytes())],
            );
        }
    }

    #[test]
    fn upload_file_with_bytes() {
        // upload.file#96a18d5 type:storage.FileType mtime:int bytes:bytes = upload.File
        let data: Vec<u8> = (0..=255).cycle().take(300).collect();
        let value = types::upload::File::new(types::storage::FileJpeg::new(), 7, data.clone());
        let expected = bytes![
            le32(0x096a18d5),
            le32(0x007efe0e), // storage.fileJpeg
            int(7),
            tl_str(&data),
        ];
        golden_shared(&value, &expected);
    }
}

#[test]
fn vector_of_long() {
    // msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck
    let value = types::MsgsAck {
        msg_ids: vec![1, -2, 0x0102030405060708],
    };
    let expected = bytes![
        [0x59, 0xb4, 0xd6, 0x62],                         // msgs_ack#62d6b459
        [0x15, 0xc4, 0xb5, 0x1c],                         // vector#1cb5c415
        [0x03, 0x00, 0x00, 0x00],                         // count 3
        [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // 1
        [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // -2
        [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01], // 0x0102030405060708
    ];
    golden(&value, &expected);
    // Empty: the id and a zero count.
    golden(
        &types::MsgsAck { msg_ids: vec![] },
        &bytes![le32(0x62d6b459), le32(VECTOR), int(0)],
    );

    // messages.receivedQueue#55a5bb66 max_qts:int = Vector<long>: the answer is a Vec<i64>.
    let answer = bytes![le32(VECTOR), int(2), long(10), long(-10)];
    decodes_to::<<functions::messages::ReceivedQueue as RemoteCall>::Return>(
        &answer,
        &vec![10, -10],
    );
    golden(&vec![10_i64, -10], &answer);
}

fn plain_user(id: i64) -> types::User {
    types::User {
        self_: false,
        contact: false,
        mutual_contact: false,
        deleted: false,
        bot: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        restricted: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: false,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: false,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        id,
        access_hash: None,
        first_name: None,
        last_name: None,
        username: None,
        phone: None,
        photo: None,
        status: None,
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: None,
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
    }
}

#[test]
fn user_with_flags2() {
    // user#020b1422 flags:# self:flags.10?true contact:flags.11?true ... bot:flags.14?true
    //     ... verified:flags.17?true ... flags2:# bot_can_edit:flags2.1?true ... id:long
    //     access_hash:flags.0?long first_name:flags.1?string ... emoji_status:flags.30?EmojiStatus
    //     usernames:flags2.0?Vector<Username> stories_max_id:flags2.5?int ... = User
    let user = types::User {
        contact: true,
        verified: true,
        bot_can_edit: true,
        access_hash: Some(-1),
        first_name: Some("Ann".into()),
        usernames: Some(vec![enums::Username::Username(types::Username {
            editable: true,
            active: false,
            username: "ann".into(),
        })]),
        stories_max_id: Some(9),
        ..plain_user(0x1122334455667788)
    };
    let expected = bytes![
        [0x22, 0x14, 0x0b, 0x02],                         // user#020b1422
        [0x03, 0x08, 0x02, 0x00], // flags: 0 access_hash, 1 first_name, 11 contact, 17 verified
        [0x23, 0x00, 0x00, 0x00], // flags2: 0 usernames, 1 bot_can_edit, 5 stories_max_id
        [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11], // id
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // access_hash: -1
        [0x03, b'A', b'n', b'n'], // first_name "Ann"
        [0x15, 0xc4, 0xb5, 0x1c], // usernames: vector
        [0x01, 0x00, 0x00, 0x00], //   count 1
        [0x47, 0x36, 0x07, 0xb4], //   username#b4073647
        [0x01, 0x00, 0x00, 0x00], //     flags: editable
        [0x03, b'a', b'n', b'n'], //     username "ann"
        [0x09, 0x00, 0x00, 0x00], // stories_max_id: 9
    ];
    assert_eq!(word_at(&expected, 4), 1 | 1 << 1 | 1 << 11 | 1 << 17);
    assert_eq!(word_at(&expected, 8), 1 | 1 << 1 | 1 << 5);
    golden(&user, &expected);
    golden(&enums::User::User(Box::new(user)), &expected);

    // Nothing optional: both flag words are zero.
    golden(
        &plain_user(7),
        &bytes![le32(0x020b1422), le32(0), le32(0), long(7)],
    );
}

#[test]
fn invoke_with_layer_wraps_help_get_config() {
    // invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
    // help.getConfig#c4f9186b = Config;
    let request = functions::InvokeWithLayer {
        layer: 214,
        query: functions::help::GetConfig {},
    };
    let expected = [
        0x0d, 0x0d, 0x9b, 0xda, // invokeWithLayer#da9b0d0d (LE: 0d 0d 9b da)
        0xd6, 0x00, 0x00, 0x00, // layer: 214
        0x6b, 0x18, 0xf9, 0xc4, // query: help.getConfig#c4f9186b
    ];
    assert_eq!(
        expected[..],
        bytes![le32(0xda9b0d0d), int(214), le32(0xc4f9186b)]
    );
    golden(&request, &expected);
    golden(&functions::help::GetConfig {}, &expected[8..]);
    // The answer is the query's: Config.
    fn returns_config<R: RemoteCall<Return = enums::Config>>(_: &R) {}
    returns_config(&request);
    assert_eq!(
        tl_types::LAYER,
        214,
        "the project's schema is layer 214: invoke it with that layer"
    );
}

// Several fields on one flag bit.
//
// What the generator does (tl-codegen/src/emit.rs, `flag_word_value` and `write_body`):
//
// * the bit is set when any field on it is present (a `true` flag that is set, or an optional
//   field that is `Some`);
// * but if some field on the bit has no zero value (a boxed or bare constructor type, whose
//   Rust type has no `Default` encoding as TL zero), the bit is set only when all such fields
//   are present: with one of them missing the bit is clear and the other fields on the bit are
//   not written at all;
// * when the bit is set, a missing field that has a zero value (`int`, `long`, `string`, `Bool`,
//   vectors, ...) is written as that zero value (`0`, `""`, `boolFalse`, an empty vector), so
//   that the encoding has every field the bit announces;
// * decoding reads every field on a set bit, so such a field comes back as `Some(zero)`, and a
//   `true` flag on the bit comes back `true`.

fn plain_message() -> types::Message {
    types::Message {
        out: false,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id: 1,
        from_id: None,
        from_boosts_applied: None,
        peer_id: enums::Peer::User(types::PeerUser { user_id: 7 }),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: None,
        reply_to: None,
        date: 1000,
        message: "hi".into(),
        media: None,
        reply_markup: None,
        entities: None,
        views: None,
        forwards: None,
        replies: None,
        edit_date: None,
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
    }
}

#[test]
fn same_bit_message_views_and_forwards() {
    // message#9815cec8 flags:# out:flags.1?true ... flags2:# ... id:int from_id:flags.8?Peer
    //     ... peer_id:Peer ... reply_to:flags.3?MessageReplyHeader date:int message:string ...
    //     views:flags.10?int forwards:flags.10?int replies:flags.23?MessageReplies ... = Message
    let message_with = |views: [u8; 4], forwards: [u8; 4], flags: [u8; 4]| {
        bytes![
            [0xc8, 0xce, 0x15, 0x98], // message#9815cec8
            flags,
            [0x00, 0x00, 0x00, 0x00],    // flags2
            [0x01, 0x00, 0x00, 0x00],    // id: 1
            [0x22, 0x17, 0x51, 0x59],    // peer_id: peerUser#59511722
            [0x07, 0, 0, 0, 0, 0, 0, 0], //   user_id: 7
            [0xe8, 0x03, 0x00, 0x00],    // date: 1000
            [0x02, b'h', b'i', 0x00],    // message "hi"
            views,
            forwards,
        ]
    };
    let bit_10 = [0x00, 0x04, 0x00, 0x00]; // flags: 1 << 10

    // Both present.
    let both = types::Message {
        views: Some(5),
        forwards: Some(3),
        ..plain_message()
    };
    let expected = message_with([5, 0, 0, 0], [3, 0, 0, 0], bit_10);
    assert_eq!(word_at(&expected, 4), 1 << 10);
    golden(&both, &expected);

    // views only: the bit is set and forwards is written as 0, which decodes as Some(0).
    let views_only = types::Message {
        views: Some(5),
        ..plain_message()
    };
    let expected = message_with([5, 0, 0, 0], [0, 0, 0, 0], bit_10);
    assert_eq!(hex(&views_only.to_bytes()), hex(&expected));
    decodes_to(
        &expected,
        &types::Message {
            forwards: Some(0),
            ..views_only
        },
    );

    // forwards only: views is written as 0.
    let forwards_only = types::Message {
        forwards: Some(3),
        ..plain_message()
    };
    let expected = message_with([0, 0, 0, 0], [3, 0, 0, 0], bit_10);
    assert_eq!(hex(&forwards_only.to_bytes()), hex(&expected));

    // Neither: the bit is clear and neither field is written.
    let neither = bytes![
        le32(0x9815cec8),
        le32(0),
        le32(0),
        int(1),
        le32(0x59511722),
        long(7),
        int(1000),
        tl_str(b"hi"),
    ];
    golden(&plain_message(), &neither);
}

#[test]
fn same_bit_user_bot_and_bot_info_version() {
    // user: bot:flags.14?true ... bot_info_version:flags.14?int
    let expected_with = |bot_info_version: i32| {
        bytes![
            [0x22, 0x14, 0x0b, 0x02], // user#020b1422
            [0x00, 0x40, 0x00, 0x00], // flags: 1 << 14
            [0x00, 0x00, 0x00, 0x00], // flags2
            long(42),                 // id
            int(bot_info_version),    // bot_info_version
        ]
    };

    // A bot with its info version.
    let bot = types::User {
        bot: true,
        bot_info_version: Some(3),
        ..plain_user(42)
    };
    golden(&bot, &expected_with(3));

    // `bot` alone: bit 14 set, bot_info_version written as 0 (decoded as Some(0)).
    let bot_only = types::User {
        bot: true,
        ..plain_user(42)
    };
    assert_eq!(hex(&bot_only.to_bytes()), hex(&expected_with(0)));
    decodes_to(
        &expected_with(0),
        &types::User {
            bot_info_version: Some(0),
            ..bot_only
        },
    );

    // bot_info_version without `bot`: the bit is the flag, so it decodes as a bot.
    let version_only = types::User {
        bot_info_version: Some(3),
        ..plain_user(42)
    };
    assert_eq!(hex(&version_only.to_bytes()), hex(&expected_with(3)));
    decodes_to(&expected_with(3), &bot);
}

#[test]
fn same_bit_code_settings_token_and_app_sandbox() {
    // codeSettings: token:flags.8?string app_sandbox:flags.8?Bool
    let settings = |token: Option<&str>, app_sandbox: Option<bool>| types::CodeSettings {
        token: token.map(str::to_owned),
        app_sandbox,
        ..no_code_settings()
    };
    let head = bytes![le32(0xad253d78), [0x00, 0x01, 0x00, 0x00]]; // flags: 1 << 8

    golden(
        &settings(Some("tok"), Some(true)),
        &bytes![head, [0x03, b't', b'o', b'k'], le32(BOOL_TRUE)],
    );
    // app_sandbox missing: written as boolFalse.
    let expected = bytes![head, [0x03, b't', b'o', b'k'], le32(BOOL_FALSE)];
    assert_eq!(hex(&settings(Some("tok"), None).to_bytes()), hex(&expected));
    decodes_to(&expected, &settings(Some("tok"), Some(false)));
    // token missing: written as the empty string.
    let expected = bytes![head, [0x00, 0x00, 0x00, 0x00], le32(BOOL_TRUE)];
    assert_eq!(hex(&settings(None, Some(true)).to_bytes()), hex(&expected));
    decodes_to(&expected, &settings(Some(""), Some(true)));
}

#[test]
fn same_bit_fact_check_country_and_text() {
    // factCheck#b89bfccf flags:# need_check:flags.0?true country:flags.1?string
    //     text:flags.1?TextWithEntities hash:long = FactCheck
    // textWithEntities#751f3146 text:string entities:Vector<MessageEntity> = TextWithEntities
    let check = |country: Option<&str>, text: Option<&str>| types::FactCheck {
        need_check: false,
        country: country.map(str::to_owned),
        text: text.map(|text| {
            types::TextWithEntities {
                text: text.into(),
                entities: vec![],
            }
            .into()
        }),
        hash: 9,
    };
    let text_ok = bytes![le32(0x751f3146), tl_str(b"ok"), le32(VECTOR), int(0)];

    golden(
        &check(Some("NL"), Some("ok")),
        &bytes![
            le32(0xb89bfccf),
            le32(1 << 1),
            tl_str(b"NL"),
            text_ok,
            long(9)
        ],
    );
    // The boxed text alone: the bit is set and country is written as the empty string.
    let expected = bytes![
        le32(0xb89bfccf),
        le32(1 << 1),
        tl_str(b""),
        text_ok,
        long(9)
    ];
    assert_eq!(hex(&check(None, Some("ok")).to_bytes()), hex(&expected));
    decodes_to(&expected, &check(Some(""), Some("ok")));
    // The string alone: TextWithEntities has no zero value, so the bit stays clear and the
    // country is not written (it decodes as None).
    let expected = bytes![le32(0xb89bfccf), le32(0), long(9)];
    assert_eq!(hex(&check(Some("NL"), None).to_bytes()), hex(&expected));
    decodes_to(&expected, &check(None, None));
}

fn send_message(message: &str) -> functions::messages::SendMessage {
    functions::messages::SendMessage {
        no_webpage: false,
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: enums::InputPeer::InputPeerSelf,
        reply_to: None,
        message: message.into(),
        random_id: 0x0102030405060708,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
        suggested_post: None,
    }
}

#[test]
fn messages_send_message_as_telegram_has_it() {
    // messages.sendMessage#fe05dc9a flags:# no_webpage:flags.1?true silent:flags.5?true ...
    //     peer:InputPeer reply_to:flags.0?InputReplyTo message:string random_id:long
    //     reply_markup:flags.2?ReplyMarkup ... = Updates
    // inputPeerSelf#7da07ec9 = InputPeer
    let request = send_message("Hello");
    let expected = bytes![
        [0x9a, 0xdc, 0x05, 0xfe], // messages.sendMessage#fe05dc9a
        [0x00, 0x00, 0x00, 0x00], // flags: none
        [0xc9, 0x7e, 0xa0, 0x7d], // peer: inputPeerSelf#7da07ec9
        [0x05, b'H', b'e', b'l', b'l', b'o', 0x00, 0x00], // message "Hello": 1 + 5 -> 8
        [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01], // random_id
    ];
    golden(&request, &expected);
    fn returns_updates<R: RemoteCall<Return = enums::Updates>>(_: &R) {}
    returns_updates(&request);

    // silent (bit 5), replying to message 42 (bit 0):
    // inputReplyToMessage#869fbe10 flags:# reply_to_msg_id:int top_msg_id:flags.0?int ...
    let reply = types::InputReplyToMessage {
        reply_to_msg_id: 42,
        top_msg_id: None,
        reply_to_peer_id: None,
        quote_text: None,
        quote_entities: None,
        quote_offset: None,
        monoforum_peer_id: None,
        todo_item_id: None,
    };
    let request = functions::messages::SendMessage {
        silent: true,
        reply_to: Some(reply.into()),
        ..send_message("Hello")
    };
    let expected = bytes![
        le32(0xfe05dc9a),
        le32(1 << 5 | 1),
        le32(0x7da07ec9),
        le32(0x869fbe10), // reply_to, before the message
        le32(0),          //   its flags
        int(42),
        tl_str(b"Hello"),
        long(0x0102030405060708),
    ];
    golden(&request, &expected);
}

fn place() -> small::types::geo::Place {
    small::types::geo::Place {
        verified: false,
        id: 5,
        name: None,
        views: None,
        forwards: None,
        rank: None,
        badge: None,
        pinned: false,
        owner_ids: None,
    }
}

#[test]
fn same_bit_with_a_boxed_field() {
    // small.tl: geo.place#38017996 flags:# verified:flags.0?true id:long name:flags.1?string
    //     views:flags.2?int forwards:flags.2?int rank:flags.4?int badge:flags.4?Shape
    //     flags2:# pinned:flags2.0?true owner_ids:flags2.1?Vector<long> = geo.Place
    // shapeNone#98fc408a = Shape
    let shape_none = [0x8a, 0x40, 0xfc, 0x98];

    // Both on bit 4 present.
    let both = small::types::geo::Place {
        rank: Some(2),
        badge: Some(small::enums::Shape::None),
        ..place()
    };
    let expected = bytes![
        [0x96, 0x79, 0x01, 0x38], // geo.place#38017996
        [0x10, 0x00, 0x00, 0x00], // flags: 1 << 4
        long(5),                  // id
        [0x02, 0x00, 0x00, 0x00], // rank: 2
        shape_none,               // badge: shapeNone
        [0x00, 0x00, 0x00, 0x00], // flags2
    ];
    golden(&both, &expected);

    // The boxed field alone: the bit is set, rank is written as 0.
    let badge_only = small::types::geo::Place {
        badge: Some(small::enums::Shape::None),
        ..place()
    };
    let expected = bytes![
        le32(0x38017996),
        le32(1 << 4),
        long(5),
        int(0),
        shape_none,
        le32(0)
    ];
    assert_eq!(hex(&badge_only.to_bytes()), hex(&expected));
    decodes_to(
        &expected,
        &small::types::geo::Place {
            rank: Some(0),
            ..badge_only
        },
    );

    // The int alone: Shape has no zero value, so the bit stays clear and rank is not written
    // (it is lost: it decodes as None).
    let rank_only = small::types::geo::Place {
        rank: Some(2),
        ..place()
    };
    let expected = bytes![le32(0x38017996), le32(0), long(5), le32(0)];
    assert_eq!(hex(&rank_only.to_bytes()), hex(&expected));
    decodes_to(&expected, &place());
}

#[test]
fn fixture_schema_primitives() {
    // secret#d1f110e0 nonce:int128 payload:bytes ratio:double ok:Bool = Secret
    let secret = small::types::Secret {
        nonce: *b"0123456789abcdef",
        payload: vec![0xff; 4],
        ratio: 1.5,
        ok: false,
    };
    let expected = bytes![
        [0xe0, 0x10, 0xf1, 0xd1],                         // secret#d1f110e0
        *b"0123456789abcdef",                             // nonce: 16 raw bytes
        [0x04, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00], // payload: 1 + 4 = 5 -> 8
        [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f], // ratio: 1.5 = 0x3ff8000000000000
        [0x37, 0x97, 0x79, 0xbc],                         // ok: boolFalse
    ];
    golden(&secret, &expected);

    // geo.stats#374dfb1a samples:vector<sample> total:long = geo.Stats
    // sample#739257e1 at:int value:long = Sample (bare in the vector: no ids)
    let stats = small::types::geo::Stats {
        samples: vec![
            small::types::Sample { at: 1, value: -1 },
            small::types::Sample { at: 2, value: 256 },
        ],
        total: 255,
    };
    let expected = bytes![
        [0x1a, 0xfb, 0x4d, 0x37], // geo.stats#374dfb1a
        [0x02, 0x00, 0x00, 0x00], // samples: count 2, no vector id
        int(1),
        long(-1),
        int(2),
        [0x00, 0x01, 0, 0, 0, 0, 0, 0], // 256
        [0xff, 0, 0, 0, 0, 0, 0, 0],    // total: 255
    ];
    golden(&stats, &expected);

    // geo.getIds#9696c213 limit:int = Vector<int>
    let request = small::functions::geo::GetIds { limit: 3 };
    golden(&request, &bytes![[0x13, 0xc2, 0x96, 0x96], int(3)]);
    decodes_to::<<small::functions::geo::GetIds as RemoteCall>::Return>(
        &bytes![le32(VECTOR), int(2), int(-1), int(1)],
        &vec![-1, 1],
    );
}
