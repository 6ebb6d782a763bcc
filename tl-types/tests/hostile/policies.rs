//! The policies of the crate documentation: trailing bytes, invalid UTF-8, padding, `Bool`, undefined flag bits.

use tl_types::{
    BOOL_FALSE_ID, BOOL_TRUE_ID, DecodeError, DecodeErrorKind, DecodeOptions, Deserializable,
    Identifiable, Reader, Serializable, VECTOR_ID, enums, types,
};

use crate::support::*;

#[test]
fn trailing_bytes_are_rejected_by_from_bytes_but_streamed_by_reader() {
    let peer = enums::Peer::User(types::PeerUser { user_id: 77 });
    let text = enums::RichText::TextPlain(types::TextPlain { text: "hi".into() });
    let mut stream = peer.to_bytes();
    let first_len = stream.len();
    stream.extend_from_slice(&text.to_bytes());

    // from_bytes: the first object, then 8 bytes too many.
    let err = enums::Peer::from_bytes(&stream).unwrap_err();
    assert_eq!(
        err,
        DecodeError::new(
            first_len,
            DecodeErrorKind::TrailingBytes {
                count: stream.len() - first_len
            }
        )
    );
    assert_eq!(
        err.to_string(),
        "8 bytes left over at offset 12 after a complete object"
    );
    for extra in 1..=3 {
        let mut input = peer.to_bytes();
        input.extend(std::iter::repeat_n(0, extra));
        let err = enums::Peer::from_bytes(&input).unwrap_err();
        assert_eq!(*err.kind(), DecodeErrorKind::TrailingBytes { count: extra });
    }
    assert_eq!(
        bool::from_bytes(&words(&[BOOL_TRUE_ID, 0]))
            .unwrap_err()
            .offset(),
        4
    );

    // Reader: both objects one after the other, then finish() succeeds.
    let mut reader = Reader::new(&stream);
    assert_eq!(enums::Peer::deserialize(&mut reader).unwrap(), peer);
    assert_eq!(reader.position(), first_len);
    assert_eq!(
        *reader.finish().unwrap_err().kind(),
        DecodeErrorKind::TrailingBytes { count: 8 }
    );
    assert_eq!(enums::RichText::deserialize(&mut reader).unwrap(), text);
    assert_eq!(reader.remaining(), 0);
    reader.finish().unwrap();
    // And nothing more to read.
    let err = enums::Peer::deserialize(&mut reader).unwrap_err();
    assert_eq!(
        err,
        DecodeError::new(
            stream.len(),
            DecodeErrorKind::UnexpectedEnd {
                needed: 4,
                remaining: 0
            }
        )
    );
}

#[test]
fn invalid_utf8_is_replaced_by_default_and_rejected_in_strict_mode() {
    // textPlain "a\xffb" and a lone continuation byte and a truncated sequence.
    for (data, lossy) in [
        (&b"a\xffb"[..], "a\u{FFFD}b"),
        (&b"\x80"[..], "\u{FFFD}"),
        (&b"ok\xe2\x82"[..], "ok\u{FFFD}"),
    ] {
        let mut input = words(&[TEXT_PLAIN]);
        tl_types::write_bytes(&mut input, data);

        let text = enums::RichText::from_bytes(&input).unwrap();
        assert_eq!(
            text,
            enums::RichText::TextPlain(types::TextPlain { text: lossy.into() })
        );

        let expected = DecodeError::new(4, DecodeErrorKind::InvalidUtf8);
        for options in [
            DecodeOptions::strict(),
            changed(DecodeOptions::default(), |o| o.strict_utf8 = true),
        ] {
            assert_eq!(
                decode_with::<enums::RichText>(&input, options),
                Err(expected.clone())
            );
        }
        // The other strict options alone do not check UTF-8.
        let options = changed(DecodeOptions::strict(), |o| o.strict_utf8 = false);
        assert!(decode_with::<enums::RichText>(&input, options).is_ok());

        // `bytes` is never checked.
        let mut bytes = Vec::new();
        tl_types::write_bytes(&mut bytes, data);
        assert_eq!(
            decode_with::<Vec<u8>>(&bytes, DecodeOptions::strict()).unwrap(),
            data
        );
    }
    assert_eq!(
        decode_with::<String>(&[2, 0xc3, 0xa9, 0], DecodeOptions::strict()).unwrap(),
        "é"
    );
}

#[test]
fn non_zero_padding_is_ignored_by_default_and_rejected_in_strict_mode() {
    // textPlain "ab": length 2, 'a', 'b', then one padding byte that should be zero.
    let input = [&words(&[TEXT_PLAIN])[..], &[2, b'a', b'b', 0x01]].concat();
    let text = enums::RichText::from_bytes(&input).unwrap();
    assert_eq!(
        text,
        enums::RichText::TextPlain(types::TextPlain { text: "ab".into() })
    );
    // Re-encoded canonically.
    assert_eq!(
        text.to_bytes(),
        [&words(&[TEXT_PLAIN])[..], &[2, b'a', b'b', 0]].concat()
    );

    let expected = DecodeError::new(4, DecodeErrorKind::NonZeroPadding);
    for options in [
        DecodeOptions::strict(),
        changed(DecodeOptions::default(), |o| o.strict_padding = true),
    ] {
        assert_eq!(
            decode_with::<enums::RichText>(&input, options),
            Err(expected.clone())
        );
    }

    // Long form: 254 bytes of data after 0xfe + 3-byte length, then 2 padding bytes.
    let mut long = vec![0xfe, 254, 0, 0];
    long.extend_from_slice(&[b'z'; 254]);
    long.extend_from_slice(&[0, 0xaa]);
    assert_eq!(String::from_bytes(&long).unwrap(), "z".repeat(254));
    assert_eq!(
        decode_with::<Vec<u8>>(&long, DecodeOptions::strict()),
        Err(DecodeError::new(0, DecodeErrorKind::NonZeroPadding))
    );
}

#[test]
fn a_bool_that_is_neither_id_is_always_an_error() {
    let bad = 0x1234_5678;
    let invalid_bool = |offset, id| DecodeError::new(offset, DecodeErrorKind::InvalidBool { id });
    // jsonArray [ jsonNull, jsonBool(<bad>) ]: the Bool is at offset 20.
    let json = words(&[
        types::JsonArray::CONSTRUCTOR_ID,
        VECTOR_ID,
        2,
        types::JsonNull::CONSTRUCTOR_ID,
        types::JsonBool::CONSTRUCTOR_ID,
        bad,
    ]);
    assert_eq!(
        enums::JsonValue::from_bytes(&json).unwrap_err().to_string(),
        "expected a Bool (0x997275b5 or 0xbc799737) at offset 20, found 0x12345678"
    );
    // (case, decoder, input, error), each in default and strict mode.
    let mut cases: Vec<(String, Decode, Vec<u8>, DecodeError)> = vec![
        (
            "jsonBool in a jsonArray".into(),
            decode::<enums::JsonValue>,
            json,
            invalid_bool(20, bad),
        ),
        // A Bool among other fields: account.updateStatus offline:Bool, and a Vector<Bool>.
        (
            "account.updateStatus offline".into(),
            decode::<tl_types::functions::account::UpdateStatus>,
            words(&[0x6628562c, bad]),
            invalid_bool(4, bad),
        ),
        (
            "the third of a Vector<Bool>".into(),
            decode::<Vec<bool>>,
            words(&[VECTOR_ID, 3, BOOL_TRUE_ID, BOOL_FALSE_ID, bad]),
            invalid_bool(16, bad),
        ),
    ];
    // Even a known id of another type (boolTrue's neighbour `true`, or a vector id).
    for id in [0x3fedd339, VECTOR_ID, 0, u32::MAX] {
        cases.push((
            format!("Bool {id:#010x}"),
            decode::<bool>,
            words(&[id]),
            invalid_bool(0, id),
        ));
    }
    for (case, decode, input, expected) in cases {
        for options in [DecodeOptions::default(), DecodeOptions::strict()] {
            assert_eq!(
                decode(&input, options),
                Err(expected.clone()),
                "{case}, {options:?}"
            );
        }
    }
    assert_eq!(bool::from_bytes(&words(&[BOOL_TRUE_ID])), Ok(true));
    assert_eq!(bool::from_bytes(&words(&[BOOL_FALSE_ID])), Ok(false));
}

#[test]
fn undefined_flag_bits_are_ignored_by_default_and_rejected_in_strict_mode() {
    // user: flags = first_name | bits 8 and 31 (undefined), flags2 = 0, id, first_name "Al".
    let defined = 0x7fff_fc7f;
    let flags = (1 << 1) | (1 << 31) | (1 << 8);
    let mut input = words(&[USER, flags, 0, 42, 0]);
    tl_types::write_bytes(&mut input, b"Al");

    let user = enums::User::from_bytes(&input).unwrap();
    let enums::User::User(inner) = &user else {
        panic!("{user:?}");
    };
    assert_eq!(inner.id, 42);
    assert_eq!(inner.first_name.as_deref(), Some("Al"));
    // Re-encoded with the undefined bits cleared, the rest unchanged.
    let mut canonical = input.clone();
    canonical[4..8].copy_from_slice(&(flags & defined).to_le_bytes());
    assert_eq!(user.to_bytes(), canonical);

    let expected = DecodeError::new(
        4,
        DecodeErrorKind::UndefinedFlags {
            type_name: "user",
            flags,
            defined,
        },
    );
    for options in [
        DecodeOptions::strict(),
        changed(DecodeOptions::default(), |o| o.strict_flags = true),
    ] {
        assert_eq!(
            decode_with::<enums::User>(&input, options),
            Err(expected.clone())
        );
    }
    assert_eq!(
        decode_with::<enums::User>(&input, DecodeOptions::strict())
            .unwrap_err()
            .to_string(),
        "flags 0x80000102 of user at offset 4 set bits 0x80000100 that the schema does not define"
    );
    // The canonical form passes strict mode.
    assert_eq!(
        decode_with::<enums::User>(&canonical, DecodeOptions::strict()),
        Ok(user)
    );

    // The second flags word (flags2 defines bits 0 to 5 and 8 to 15): bit 6 set.
    let mut input = words(&[USER, 0, 1 << 6, 42, 0]);
    let user = enums::User::from_bytes(&input).unwrap();
    input[8..12].copy_from_slice(&0_u32.to_le_bytes());
    assert_eq!(user.to_bytes(), input);
    input[8..12].copy_from_slice(&(1_u32 << 6).to_le_bytes());
    assert_eq!(
        decode_with::<enums::User>(&input, DecodeOptions::strict()),
        Err(DecodeError::new(
            8,
            DecodeErrorKind::UndefinedFlags {
                type_name: "user",
                flags: 1 << 6,
                defined: 0xff3f
            }
        ))
    );

    // A flags word with no defined bits at all (messageEmpty defines only bit 0), nested in
    // a vector: the offset is the flags word's.
    let input = words(&[
        VECTOR_ID,
        1,
        types::MessageEmpty::CONSTRUCTOR_ID,
        0xffff_fffe,
        5,
    ]);
    let messages = Vec::<enums::Message>::from_bytes(&input).unwrap();
    assert_eq!(
        messages,
        vec![enums::Message::Empty(types::MessageEmpty {
            id: 5,
            peer_id: None
        })]
    );
    assert_eq!(
        decode_with::<Vec<enums::Message>>(&input, DecodeOptions::strict())
            .unwrap_err()
            .offset(),
        12
    );
}
