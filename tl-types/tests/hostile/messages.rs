//! Error messages: which type, offset and id, and none of the input's bytes.

use tl_types::{
    DecodeError, DecodeErrorKind, DecodeOptions, Deserializable, Identifiable, Reader,
    Serializable, VECTOR_ID, enums, types,
};

use crate::support::*;

#[test]
fn unknown_constructor_errors_name_type_offset_and_id() {
    // textBold textBold <userEmpty id>: the third RichText, at offset 8, is a User.
    let input = words(&[TEXT_BOLD, TEXT_BOLD, USER_EMPTY, 1, 0]);
    assert_eq!(
        enums::RichText::from_bytes(&input),
        Err(DecodeError::new(
            8,
            DecodeErrorKind::UnexpectedConstructor {
                expected: "RichText",
                id: USER_EMPTY,
                name: Some("userEmpty"),
                other_layer: None,
            }
        ))
    );

    // (case, decoder, input, message)
    let cases: [(&str, Decode, Vec<u8>, &str); 8] = [
        (
            "a User where a RichText is expected",
            decode::<enums::RichText>,
            input,
            "expected a RichText at offset 8, found 0xd3bc4b7a (userEmpty)",
        ),
        (
            "an unknown id at the same place",
            decode::<enums::RichText>,
            words(&[TEXT_BOLD, TEXT_BOLD, 0xdead_beef]),
            "expected a RichText at offset 8, found 0xdeadbeef",
        ),
        (
            "a small id, zero-padded to 8 hex digits",
            decode::<enums::RichText>,
            words(&[TEXT_BOLD, 0x7b]),
            "expected a RichText at offset 4, found 0x0000007b",
        ),
        (
            // messages.messages [ messageEmpty, <user id> ]: the second Message, at 24.
            "a User as the second element of a vector",
            decode::<enums::messages::Messages>,
            words(&[
                types::messages::Messages::CONSTRUCTOR_ID,
                VECTOR_ID,
                2,
                types::MessageEmpty::CONSTRUCTOR_ID,
                0,
                1,
                USER,
            ]),
            "expected a Message at offset 24, found 0x020b1422 (user)",
        ),
        (
            "\"an\" before a vowel, at the top level",
            decode::<enums::InputPeer>,
            words(&[USER_EMPTY, 0, 0]),
            "expected an InputPeer at offset 0, found 0xd3bc4b7a (userEmpty)",
        ),
        (
            "a namespaced type and an mtproto id",
            decode::<enums::messages::Messages>,
            words(&[types::Pong::CONSTRUCTOR_ID]),
            "expected a messages.Messages at offset 0, found 0x347773c5 (pong)",
        ),
        (
            // The runtime's id check does not know the schema: the id found is not named.
            "a constructor struct names the constructor it expected",
            decode::<types::TextBold>,
            words(&[TEXT_EMPTY]),
            "expected a textBold at offset 0, found 0xdc3d824f",
        ),
        (
            "a vector whose id is not the vector id",
            decode::<Vec<i64>>,
            words(&[0xdead_beef, 0]),
            "expected a Vector at offset 0, found 0xdeadbeef",
        ),
    ];
    for (case, decode, input, message) in cases {
        match decode(&input, DecodeOptions::default()) {
            Err(err) => assert_eq!(err.to_string(), message, "{case}"),
            Ok(()) => panic!("{case}: decoded"),
        }
    }
}

#[test]
fn wrong_vector_id_gives_offset_and_id() {
    // msgs_ack with the msg_ids vector replaced by a userEmpty id: the runtime's vector
    // reader does not know the schema's names, and says only what it knows.
    let input = words(&[types::MsgsAck::CONSTRUCTOR_ID, USER_EMPTY, 0]);
    assert_eq!(
        enums::MsgsAck::from_bytes(&input).unwrap_err().to_string(),
        "expected a Vector at offset 4, found 0xd3bc4b7a"
    );
}

#[test]
fn debug_shows_ids_and_flags_in_hex() {
    let input = words(&[TEXT_BOLD, 0xdead_beef, 0x0102_0304]);
    let err = enums::RichText::from_bytes(&input).unwrap_err();
    assert_eq!(
        format!("{err:?}"),
        "DecodeError { offset: 4, kind: UnexpectedConstructor { expected: \"RichText\", \
         id: 0xdeadbeef, name: None } }"
    );
    let cases = [
        (
            DecodeErrorKind::InvalidBool { id: 0x7b },
            "InvalidBool { id: 0x0000007b }",
        ),
        (
            DecodeErrorKind::UndefinedFlags {
                type_name: "message",
                flags: 0x8000_0001,
                defined: 1,
            },
            "UndefinedFlags { type_name: \"message\", flags: 0x80000001, defined: 0x00000001 }",
        ),
        (
            DecodeErrorKind::LengthExceedsInput {
                length: 300,
                remaining: 8,
            },
            "LengthExceedsInput { length: 300, remaining: 8 }",
        ),
    ];
    for (kind, debug) in cases {
        assert_eq!(format!("{kind:?}"), debug);
    }
    // `{:#?}` lays the fields out one per line, ids still in hex.
    assert!(format!("{err:#?}").contains("id: 0xdeadbeef,\n"));
}

#[test]
fn errors_hold_none_of_the_input_bytes() {
    // A byte string of a distinctive pattern that each input cuts short, or that a strict
    // decoder rejects: no message may quote it, in decimal or in hex.
    let pattern = [0x5a, 0xc3, 0x91, 0x7e];
    let payload: Vec<u8> = pattern.iter().copied().cycle().take(64).collect();
    let file = types::upload::File {
        r#type: enums::storage::FileType::FileJpeg,
        mtime: 1,
        bytes: payload,
    };
    let encoded = file.to_bytes();
    let mut invalid_utf8 = words(&[types::TextPlain::CONSTRUCTOR_ID]);
    invalid_utf8.extend_from_slice(&[4, 0xff, 0x5a, 0xc3, 0x91, 0, 0, 0]);
    let failures = [
        enums::upload::File::from_bytes(&encoded[..40]).unwrap_err(),
        enums::upload::File::from_bytes(&[&encoded[..], &pattern].concat()).unwrap_err(),
        enums::RichText::deserialize(&mut Reader::with_options(
            &invalid_utf8,
            DecodeOptions::strict(),
        ))
        .unwrap_err(),
    ];
    let quoted = ["90, 195, 145", "5ac391", "5a c3 91", "\\u{5a}"];
    for error in failures {
        for text in [
            error.to_string(),
            format!("{error:?}"),
            format!("{error:#?}"),
        ] {
            for needle in quoted {
                assert!(!text.contains(needle), "{needle:?} in {text}");
            }
        }
    }
}

#[test]
fn a_decode_result_fits_in_two_registers() {
    // Every decoding step returns one: boxed details keep it off the stack (`DecodeError`).
    assert_eq!(size_of::<DecodeError>(), size_of::<usize>());
    assert_eq!(
        size_of::<Result<u64, DecodeError>>(),
        2 * size_of::<usize>()
    );
}
