//! `Object`, `Function`, `int512` and `True` as TON and TDLib schemas use them, through the
//! bindings of `tests/schema/any.tl`: exact bytes, round trips, and errors.

use tl_tests::any::{enums, functions, types};
use tl_types::{DecodeErrorKind, Deserializable, Identifiable, RemoteCall, Serializable};

fn le(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn point(x: i32, y: i32) -> types::demo::Point {
    types::demo::Point { x, y }
}

#[test]
fn object_holds_any_constructor_with_its_id() {
    let value = enums::Object::DemoPoint(Box::new(point(1, -2)));
    let bytes = value.to_bytes();
    assert_eq!(
        bytes,
        le(&[types::demo::Point::CONSTRUCTOR_ID, 1, (-2i32) as u32])
    );
    assert_eq!(enums::Object::from_bytes(&bytes).unwrap(), value);

    // A constructor declared `= Object` is one of its variants, and converts into it.
    let heartbeat = enums::Object::from(types::demo::Heartbeat {});
    assert_eq!(
        heartbeat.to_bytes(),
        le(&[types::demo::Heartbeat::CONSTRUCTOR_ID])
    );
    assert_eq!(
        enums::Object::from_bytes(&heartbeat.to_bytes()).unwrap(),
        heartbeat
    );
}

#[test]
fn object_fields_nest_any_constructor() {
    let inner = enums::Object::DemoKey(Box::new(types::demo::Key { public: [0xab; 64] }));
    let envelope = types::demo::Envelope { payload: inner };
    let bytes = envelope.to_bytes();
    let mut expected = le(&[
        types::demo::Envelope::CONSTRUCTOR_ID,
        types::demo::Key::CONSTRUCTOR_ID,
    ]);
    expected.extend([0xab; 64]);
    assert_eq!(bytes, expected);
    assert_eq!(types::demo::Envelope::from_bytes(&bytes).unwrap(), envelope);

    // Bare `object` fields hold the same type, with ids.
    let pair = types::demo::Pair {
        first: enums::Object::DemoPoint(Box::new(point(3, 4))),
        second: enums::Object::from(types::demo::Heartbeat {}),
    };
    let bytes = pair.to_bytes();
    assert_eq!(
        bytes,
        le(&[
            types::demo::Pair::CONSTRUCTOR_ID,
            types::demo::Point::CONSTRUCTOR_ID,
            3,
            4,
            types::demo::Heartbeat::CONSTRUCTOR_ID,
        ])
    );
    assert_eq!(types::demo::Pair::from_bytes(&bytes).unwrap(), pair);
}

#[test]
fn object_rejects_an_unknown_id_and_stays_small() {
    let err = enums::Object::from_bytes(&le(&[0x1234_5678])).unwrap_err();
    match err.kind() {
        DecodeErrorKind::UnexpectedConstructor { expected, id, .. } => {
            assert_eq!((*expected, *id), ("Object", 0x1234_5678));
        }
        other => panic!("expected UnexpectedConstructor, got {other:?}"),
    }
    assert_eq!(err.offset(), 0);
    // Every variant is boxed: the enum is a tag and a pointer.
    assert_eq!(std::mem::size_of::<enums::Object>(), 16);
    assert_eq!(std::mem::size_of::<enums::Function>(), 16);
}

#[test]
fn function_fields_hold_any_function_and_results_of_object_decode_any_object() {
    let call = functions::demo::WithTimeout {
        timeout: 5,
        query: enums::Function::DemoGetPoint(Box::new(functions::demo::GetPoint { id: 7 })),
    };
    let bytes = call.to_bytes();
    assert_eq!(
        bytes,
        le(&[
            functions::demo::WithTimeout::CONSTRUCTOR_ID,
            5,
            functions::demo::GetPoint::CONSTRUCTOR_ID,
            7,
        ])
    );
    assert_eq!(
        functions::demo::WithTimeout::from_bytes(&bytes).unwrap(),
        call
    );

    // The answer to a call returning `Object` is whatever constructor the server sends.
    let answer = le(&[types::demo::Point::CONSTRUCTOR_ID, 10, 20]);
    let decoded =
        <functions::demo::WithTimeout as RemoteCall>::Return::from_bytes(&answer).unwrap();
    assert_eq!(decoded, enums::Object::DemoPoint(Box::new(point(10, 20))));

    // A constructor id is not a function.
    let err = enums::Function::from_bytes(&answer).unwrap_err();
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::UnexpectedConstructor {
            expected: "Function",
            ..
        }
    ));
}

#[test]
fn int512_is_64_bytes_and_truncation_is_an_error() {
    let key = types::demo::Key {
        public: std::array::from_fn(|i| i as u8),
    };
    let bytes = key.to_bytes();
    assert_eq!(bytes.len(), 4 + 64);
    assert_eq!(
        &bytes[4..],
        &(0..64).map(|i| i as u8).collect::<Vec<_>>()[..]
    );
    assert_eq!(types::demo::Key::from_bytes(&bytes).unwrap(), key);
    let err = types::demo::Key::from_bytes(&bytes[..40]).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::UnexpectedEnd { .. }));
}

#[test]
fn functions_may_return_true() {
    let answer = le(&[types::True::CONSTRUCTOR_ID]);
    assert_eq!(types::True::CONSTRUCTOR_ID, 0x3fedd339);
    let decoded = <functions::demo::Ack as RemoteCall>::Return::from_bytes(&answer).unwrap();
    assert_eq!(decoded, enums::True::True);
    assert_eq!(
        functions::demo::Ack {}.to_bytes(),
        le(&[functions::demo::Ack::CONSTRUCTOR_ID])
    );
}

#[test]
fn same_named_constructors_of_one_type_are_told_apart_by_namespace() {
    let circle = enums::demo::Shape::DemoShapeCircle(types::demo::shape::Circle {
        centre: point(0, 0),
        radius: 1.5,
    });
    let other = enums::demo::Shape::OtherCircle(types::other::Circle { radius: 2 });
    for shape in [circle, other] {
        assert_eq!(
            enums::demo::Shape::from_bytes(&shape.to_bytes()).unwrap(),
            shape
        );
    }
}
