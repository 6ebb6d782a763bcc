//! The TL forms of `tests/schema/edge.tl` on the wire: fixed-width integers written word by
//! word and under names of their own, undeclared `int512`, a named repetition, anonymous
//! parameters, and fields whose names collide with the decoder's locals or each other, or
//! whose setters would shadow methods; and `Debug` of the fixed-width integers, as hex.

use tl_tests::edge::{enums, functions, types};
use tl_types::{DecodeErrorKind, Deserializable, Identifiable, RemoteCall, Serializable};

fn keyed() -> types::Keyed {
    types::Keyed {
        id: -7,
        key: std::array::from_fn(|i| i as u8),
        nonce: [0x11; 16],
        hash: [0x22; 32],
        signature: [0x33; 64],
    }
}

#[test]
fn ids_are_the_crc32_of_the_definitions_as_the_c_tl_parser_writes_them() {
    let id = |text: &str| crc32fast::hash(text.as_bytes());
    assert_eq!(
        types::Keyed::CONSTRUCTOR_ID,
        id("keyed id:int key:64*[ int ] nonce:int128 hash:hash256 signature:int512 = Keyed")
    );
    assert_eq!(
        types::Labelled::CONSTRUCTOR_ID,
        id("labelled string int = Labelled")
    );
    assert_eq!(
        functions::edge::Sign::CONSTRUCTOR_ID,
        id("edge.sign key:keyed labels:vector labelled = Keyed")
    );
}

#[test]
fn fixed_width_fields_are_their_bytes_in_order() {
    let value = keyed();
    let bytes = value.to_bytes();
    let mut expected = types::Keyed::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend((-7i32).to_le_bytes());
    expected.extend((0..=255).map(|i: u32| i as u8)); // key: 64 ints
    expected.extend([0x11; 16]); // nonce: int128 as `long long`
    expected.extend([0x22; 32]); // hash: hash256 as `long long long long`
    expected.extend([0x33; 64]); // signature: int512
    assert_eq!(bytes, expected);
    assert_eq!(types::Keyed::from_bytes(&bytes).unwrap(), value);

    // One byte short of the signature: an error at the end, not a panic.
    let err = types::Keyed::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err();
    assert!(
        matches!(err.kind(), DecodeErrorKind::UnexpectedEnd { .. }),
        "{err}"
    );
}

#[test]
fn anonymous_parameters_keep_their_order() {
    let value = types::Labelled {
        arg1: "hi".to_owned(),
        arg2: 5,
    };
    let bytes = value.to_bytes();
    let mut expected = types::Labelled::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend([2, b'h', b'i', 0, 5, 0, 0, 0]);
    assert_eq!(bytes, expected);
    assert_eq!(types::Labelled::from_bytes(&bytes).unwrap(), value);
}

#[test]
fn colliding_field_names_round_trip() {
    let value = types::Names {
        reader: 1,
        slot: 2,
        foo: "foo".to_owned(),
        baz: 3,
        quux: 4,
        self_: 5,
        self_2: 6,
        r#type: "t".to_owned(),
    };
    let bytes = value.to_bytes();
    assert_eq!(bytes.len(), 4 + 4 + 4 + 4 + 4 + 8 + 4 + 4 + 4);
    assert_eq!(types::Names::from_bytes(&bytes).unwrap(), value);
}

#[test]
fn a_function_over_them_round_trips_and_returns_its_type() {
    let call = functions::edge::Sign {
        key: keyed(),
        labels: vec![types::Labelled {
            arg1: String::new(),
            arg2: -1,
        }],
    };
    let bytes = call.to_bytes();
    assert_eq!(functions::edge::Sign::from_bytes(&bytes).unwrap(), call);
    // The result is the boxed `Keyed`: the constructor's bytes, id included.
    let result = <functions::edge::Sign as RemoteCall>::Return::from_bytes(&keyed().to_bytes());
    assert_eq!(result.unwrap(), enums::Keyed::from(keyed()));
}

#[test]
fn an_implicit_type_parameter_wraps_a_call_like_a_declared_one() {
    assert_eq!(
        <functions::edge::After<functions::edge::Sign> as Identifiable>::CONSTRUCTOR_ID,
        crc32fast::hash(b"edge.after X:Type msg_id:long query:!X = X")
    );
    let inner = functions::edge::Sign {
        key: keyed(),
        labels: Vec::new(),
    };
    let call = functions::edge::After {
        msg_id: 7,
        query: inner.clone(),
    };
    let bytes = call.to_bytes();
    assert_eq!(bytes[4..12], 7i64.to_le_bytes());
    assert_eq!(bytes[12..], inner.to_bytes());
    assert_eq!(
        functions::edge::After::<functions::edge::Sign>::from_bytes(&bytes).unwrap(),
        call
    );
    // It returns what the wrapped call returns.
    let result = <functions::edge::After<functions::edge::Sign> as RemoteCall>::Return::from_bytes(
        &keyed().to_bytes(),
    );
    assert_eq!(result.unwrap(), enums::Keyed::from(keyed()));
}

#[test]
fn an_undeclared_object_holds_any_constructor_with_its_id() {
    let labelled = types::Labelled {
        arg1: String::new(),
        arg2: 9,
    };
    let value = types::Envelope {
        msg_id: 1,
        body: enums::Object::Labelled(Box::new(labelled.clone())),
    };
    let bytes = value.to_bytes();
    let mut expected = types::Envelope::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend(1i64.to_le_bytes());
    expected.extend(labelled.to_bytes()); // boxed: its id first
    assert_eq!(bytes, expected);
    assert_eq!(types::Envelope::from_bytes(&bytes).unwrap(), value);
}

#[test]
fn types_differing_only_in_underscores_stay_apart() {
    // `fooBar = FooBar` and `foo_bar = Foo_bar` both convert to `FooBar`: the structs take
    // their ids as suffixes; the enums take their TL names (`FooBarFooBar`), which is also
    // the name of a third type, so they are numbered, and that type keeps its name.
    let a = enums::FooBarFooBar2::from(types::FooBarXb8329303 {});
    let b = enums::FooBarFooBar3::from(types::FooBarX0034b74c {});
    let c = enums::FooBarFooBar::from(types::FooBarFooBar {});
    assert_ne!(a.to_bytes(), b.to_bytes());
    assert_eq!(enums::FooBarFooBar2::from_bytes(&a.to_bytes()).unwrap(), a);
    assert!(enums::FooBarFooBar2::from_bytes(&b.to_bytes()).is_err());
    assert!(enums::FooBarFooBar2::from_bytes(&c.to_bytes()).is_err());
    // Namespaces `ns` and `n_s` stay two modules.
    assert_ne!(
        types::ns::Item::CONSTRUCTOR_ID,
        types::n_s::Item::CONSTRUCTOR_ID
    );
}

#[test]
fn fields_without_a_zero_value_on_one_bit_are_written_only_together() {
    let labelled = |n: i32| {
        enums::Labelled::from(types::Labelled {
            arg1: "l".to_owned(),
            arg2: n,
        })
    };
    let head = |flags: u32| {
        let mut bytes = types::Both::CONSTRUCTOR_ID.to_le_bytes().to_vec();
        bytes.extend(flags.to_le_bytes());
        bytes
    };
    let both = types::Both {
        a: Some(labelled(1)),
        b: Some(labelled(2)),
    };
    let mut expected = head(1);
    for n in [1i32, 2] {
        expected.extend(types::Labelled::CONSTRUCTOR_ID.to_le_bytes());
        expected.extend([1, b'l', 0, 0]);
        expected.extend(n.to_le_bytes());
    }
    assert_eq!(both.to_bytes(), expected);
    assert_eq!(types::Both::from_bytes(&expected).unwrap(), both);
    // One of them cannot be encoded: the bit stays clear and neither is written, so that the
    // bytes still decode (to neither).
    let one = types::Both {
        a: Some(labelled(1)),
        b: None,
    };
    assert_eq!(one.to_bytes(), head(0));
    let decoded = types::Both::from_bytes(&one.to_bytes()).unwrap();
    assert_eq!((decoded.a, decoded.b), (None, None));
}

#[test]
fn flag_words_named_like_the_codecs_locals() {
    // `fixed:# buf:# Fixed:#`: three words, in order, each with its own bit.
    let value = types::Words {
        x: Some(1),
        y: Some(2),
        z: Some("z".to_owned()),
    };
    let bytes = value.to_bytes();
    let mut expected = types::Words::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    for word in [1u32, 1 << 1, 1 << 2] {
        expected.extend(word.to_le_bytes());
    }
    expected.extend(1i32.to_le_bytes());
    expected.extend(2i64.to_le_bytes());
    expected.extend([1, b'z', 0, 0]);
    assert_eq!(bytes, expected);
    assert_eq!(types::Words::from_bytes(&bytes).unwrap(), value);
    let empty = types::Words {
        x: None,
        y: None,
        z: None,
    };
    assert_eq!(empty.to_bytes().len(), 4 + 12);
    assert_eq!(types::Words::from_bytes(&empty.to_bytes()).unwrap(), empty);
}

#[test]
fn an_all_int_constructor_beside_another_is_an_ordinary_constructor() {
    let pair = enums::PairOrName::from(types::PairOrName { arg1: 1, arg2: 2 });
    let mut expected = types::PairOrName::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend([1, 0, 0, 0, 2, 0, 0, 0]);
    assert_eq!(pair.to_bytes(), expected);
    assert_eq!(enums::PairOrName::from_bytes(&expected).unwrap(), pair);
}

#[test]
fn an_unused_type_parameter_changes_the_id_only() {
    assert_eq!(
        types::Tagged::CONSTRUCTOR_ID,
        crc32fast::hash(b"tagged X:Type id:int = Tagged")
    );
    let value = types::Tagged { id: 5 };
    let bytes = value.to_bytes();
    assert_eq!(bytes[4..], 5i32.to_le_bytes());
    assert_eq!(types::Tagged::from_bytes(&bytes).unwrap(), value);
}

#[test]
fn a_constructor_with_an_unused_type_parameter_is_an_object_like_any_other() {
    let value = enums::Object::Tagged(Box::new(types::Tagged { id: 9 }));
    let bytes = value.to_bytes();
    assert_eq!(bytes[..4], types::Tagged::CONSTRUCTOR_ID.to_le_bytes());
    assert_eq!(enums::Object::from_bytes(&bytes).unwrap(), value);
}

#[test]
fn setters_that_would_shadow_a_method_take_with() {
    let built = types::Setters::new()
        .with_min_(true)
        .with_new(7)
        .with_default("x")
        .from_id(-1)
        .with_write_to(3);
    assert!(built.min && !built.with_min);
    assert_eq!(
        (built.new, built.default.as_deref(), built.from_id),
        (Some(7), Some("x"), Some(-1))
    );
    assert_eq!(built.write_to, Some(3));
    // `write_to` is still `Serializable::write_to`.
    let mut written = Vec::new();
    built.write_to(&mut written).unwrap();
    assert_eq!(written, built.to_bytes());
    // `clone` is still `Clone::clone`; the value round-trips with the bits of the set fields.
    let bytes = built.clone().to_bytes();
    assert_eq!(
        bytes[4..8],
        (1_u32 | 1 << 1 | 1 << 2 | 1 << 4 | 1 << 5).to_le_bytes()
    );
    assert_eq!(types::Setters::from_bytes(&bytes).unwrap(), built);
    let flag_only = types::Setters::new().with_min(true);
    assert!(flag_only.with_min && !flag_only.min);
}

#[test]
fn debug_shows_fixed_width_integers_as_short_hex_in_generic_structs_too() {
    let text = format!("{:?}", keyed());
    assert_eq!(
        text,
        format!(
            "Keyed {{ id: -7, key: <256 bytes: {}...>, nonce: <16 bytes: {}>, \
             hash: <32 bytes: {}>, signature: <64 bytes: {}...> }}",
            (0..32).map(|i| format!("{i:02x}")).collect::<String>(),
            "11".repeat(16),
            "22".repeat(32),
            "33".repeat(32),
        )
    );
    let call = functions::edge::KeyedCall {
        nonce: [0x44; 16],
        query: functions::edge::Sign {
            key: keyed(),
            labels: Vec::new(),
        },
    };
    let text = format!("{call:?}");
    assert!(
        text.starts_with(&format!(
            "KeyedCall {{ nonce: <16 bytes: {}>, query: Sign {{ key: Keyed {{ id: -7, ",
            "44".repeat(16)
        )),
        "{text}"
    );
}
