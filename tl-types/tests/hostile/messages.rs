//! Error messages: which type, offset and id.

use tl_types::{
    DecodeError, DecodeErrorKind, Deserializable, Identifiable, VECTOR_ID, enums, types,
};

use crate::support::*;

#[test]
fn unknown_constructor_errors_name_type_offset_and_id() {
    // textBold textBold <userEmpty id>: the third RichText, at offset 8, is a User.
    let input = words(&[TEXT_BOLD, TEXT_BOLD, USER_EMPTY, 1, 0]);
    let err = enums::RichText::from_bytes(&input).unwrap_err();
    assert_eq!(
        err,
        DecodeError {
            offset: 8,
            kind: DecodeErrorKind::UnexpectedConstructor {
                expected: "RichText",
                id: USER_EMPTY,
                name: Some("userEmpty"),
            },
        }
    );
    assert_eq!(
        err.to_string(),
        "expected a RichText at offset 8, found 0xd3bc4b7a (userEmpty)"
    );

    // An unknown id at the same place.
    let input = words(&[TEXT_BOLD, TEXT_BOLD, 0xdead_beef]);
    assert_eq!(
        enums::RichText::from_bytes(&input).unwrap_err().to_string(),
        "expected a RichText at offset 8, found 0xdeadbeef"
    );
    // Small ids are zero-padded to 8 hex digits.
    let input = words(&[TEXT_BOLD, 0x7b]);
    assert_eq!(
        enums::RichText::from_bytes(&input).unwrap_err().to_string(),
        "expected a RichText at offset 4, found 0x0000007b"
    );

    // messages.messages [ messageEmpty, <user id> ]: the second Message, at offset 24.
    let input = words(&[
        types::messages::Messages::CONSTRUCTOR_ID,
        VECTOR_ID,
        2,
        types::MessageEmpty::CONSTRUCTOR_ID,
        0,
        1,
        USER,
    ]);
    assert_eq!(
        enums::messages::Messages::from_bytes(&input)
            .unwrap_err()
            .to_string(),
        "expected a Message at offset 24, found 0xd8d0bf4b (user)"
    );

    // "an" before a vowel, and the top level.
    assert_eq!(
        enums::InputPeer::from_bytes(&words(&[USER_EMPTY, 0, 0]))
            .unwrap_err()
            .to_string(),
        "expected an InputPeer at offset 0, found 0xd3bc4b7a (userEmpty)"
    );
    // A namespaced type and an mtproto id.
    assert_eq!(
        enums::messages::Messages::from_bytes(&words(&[types::Pong::CONSTRUCTOR_ID]))
            .unwrap_err()
            .to_string(),
        "expected a messages.Messages at offset 0, found 0x347773c5 (pong)"
    );
    // A constructor struct names the constructor it expected (the runtime's id check does
    // not know the schema, so the id found is not named).
    assert_eq!(
        types::TextBold::from_bytes(&words(&[TEXT_EMPTY]))
            .unwrap_err()
            .to_string(),
        "expected a textBold at offset 0, found 0xdc3d824f"
    );
    // A vector whose id is not the vector id.
    assert_eq!(
        Vec::<i64>::from_bytes(&words(&[0xdead_beef, 0]))
            .unwrap_err()
            .to_string(),
        "expected a Vector at offset 0, found 0xdeadbeef"
    );
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
