//! `Config::universal_enums` on a Telegram schema (the project's, which declares neither
//! `Object` nor `Function`): real objects and requests decode through `enums::Object` and
//! `enums::Function` by their ids, say what they hold, and re-encode to the same bytes.

use tl_tests::universal::{enums, functions, types};
use tl_types::{DecodeErrorKind, Deserializable, Identifiable, Serializable};

fn input_peer_user() -> enums::InputPeer {
    types::InputPeerUser {
        user_id: 777,
        access_hash: -5,
    }
    .into()
}

fn code_settings() -> enums::CodeSettings {
    types::CodeSettings {
        allow_flashcall: false,
        current_number: true,
        allow_app_hash: true,
        allow_missed_call: false,
        allow_firebase: false,
        unknown_number: false,
        logout_tokens: Some(vec![vec![1, 2, 3]]),
        token: None,
        app_sandbox: None,
    }
    .into()
}

/// Decodes the boxed encoding of `value` as `Object` (or `Function`), checks what it says it
/// holds and that it encodes to the same bytes, and returns it.
fn through<Any, T>(value: &T) -> Any
where
    Any: Deserializable + Serializable + std::fmt::Debug,
    T: Serializable + Identifiable,
{
    let bytes = value.to_bytes();
    let any = Any::from_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", T::TL_NAME));
    assert_eq!(any.to_bytes(), bytes, "{}: re-encoding {any:?}", T::TL_NAME);
    any
}

#[test]
fn objects_decode_by_id_and_re_encode() {
    let sent_code = types::auth::SentCode {
        r#type: types::auth::SentCodeTypeSms { length: 5 }.into(),
        phone_code_hash: "a1b2c3".to_owned(),
        next_type: Some(types::auth::CodeTypeSms {}.into()),
        timeout: Some(60),
    };
    match through::<enums::Object, _>(&sent_code) {
        enums::Object::AuthSentCode(value) => assert_eq!(*value, sent_code),
        other => panic!("decoded as {other:?}"),
    }

    let file = types::upload::File {
        r#type: types::storage::FileJpeg {}.into(),
        mtime: 1_700_000_000,
        bytes: (0..=255).collect(),
    };
    let object = through::<enums::Object, _>(&file);
    assert_eq!(object.constructor_id(), types::upload::File::CONSTRUCTOR_ID);
    assert_eq!(object.tl_name(), "upload.file");

    let pong = types::Pong {
        msg_id: 1 << 40,
        ping_id: -1,
    };
    let object = through::<enums::Object, _>(&pong);
    assert_eq!(
        (object.constructor_id(), object.tl_name()),
        (0x347773c5, "pong")
    );
    // A unit constructor (no fields) is a variant like the others.
    assert_eq!(
        through::<enums::Object, _>(&types::InputPeerSelf {}).tl_name(),
        "inputPeerSelf"
    );
}

#[test]
fn requests_decode_by_id_for_a_server_to_dispatch() {
    let send_code = functions::auth::SendCode {
        phone_number: "+15550100".to_owned(),
        api_id: 12345,
        api_hash: "0123456789abcdef".to_owned(),
        settings: code_settings(),
    };
    let get_history = functions::messages::GetHistory {
        peer: input_peer_user(),
        offset_id: 10,
        offset_date: 0,
        add_offset: -5,
        limit: 100,
        max_id: 0,
        min_id: 0,
        hash: 0x0123_4567_89ab_cdef,
    };
    let get_file = functions::upload::GetFile {
        precise: true,
        cdn_supported: false,
        location: types::InputPhotoFileLocation {
            id: 1,
            access_hash: 2,
            file_reference: vec![9; 17],
            thumb_size: "x".to_owned(),
        }
        .into(),
        offset: 1 << 20,
        limit: 512 * 1024,
    };
    let requests = [
        through::<enums::Function, _>(&send_code),
        through::<enums::Function, _>(&get_history),
        through::<enums::Function, _>(&get_file),
        through::<enums::Function, _>(&functions::Ping { ping_id: 42 }),
    ];
    // What a server's dispatch looks like.
    let handled: Vec<String> = requests
        .iter()
        .map(|request| match request {
            enums::Function::AuthSendCode(call) => format!("code for {}", call.phone_number),
            enums::Function::MessagesGetHistory(call) => format!("{} messages", call.limit),
            enums::Function::UploadGetFile(call) => format!("{} bytes", call.limit),
            other => format!("{} ({:#010x})", other.tl_name(), other.constructor_id()),
        })
        .collect();
    assert_eq!(
        handled,
        [
            "code for +15550100",
            "100 messages",
            "524288 bytes",
            "ping (0x7abe77ec)"
        ]
    );
}

#[test]
fn a_function_is_not_an_object_and_neither_is_an_unknown_id() {
    let ping = functions::Ping { ping_id: 42 }.to_bytes();
    let err = enums::Object::from_bytes(&ping).unwrap_err();
    assert_eq!(
        *err.kind(),
        DecodeErrorKind::UnexpectedConstructor {
            expected: "Object",
            id: functions::Ping::CONSTRUCTOR_ID,
            name: Some("ping"),
            other_layer: None,
        }
    );
    let pong = types::Pong {
        msg_id: 1,
        ping_id: 2,
    };
    let err = enums::Function::from_bytes(&pong.to_bytes()).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::UnexpectedConstructor { expected: "Function", id, .. } if *id == types::Pong::CONSTRUCTOR_ID),
        "{err:?}"
    );
    // Every variant is boxed: each enum is a tag and a pointer.
    assert_eq!(std::mem::size_of::<enums::Object>(), 16);
    assert_eq!(std::mem::size_of::<enums::Function>(), 16);
}
