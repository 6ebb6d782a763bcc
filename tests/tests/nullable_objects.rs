//! `Config::nullable_objects` on `tests/schema/nullable.tl` (`tl_tests::nullable`): the
//! objects that TDLib-style comments say may be null are `Option`s, read from a JSON key left
//! out or `null` and written without it; on the wire every object has its id (bare ones too)
//! and a null one is `null#56730bcc`, as tl-json's TDLib style writes them, which every sample
//! is checked against. TDLib itself: `tests/tdlib_generated.rs`.

#[macro_use]
#[path = "common/tl_json_check.rs"]
mod tl_json_check;

use serde_json::json;
use tl_tests::nullable::samples::visit_all;
use tl_tests::nullable::{enums, functions, types};
use tl_types::{Deserializable, Identifiable, Serializable};

use tl_json_check::TlJsonCheck;

/// The id of `null#56730bcc`: a null object on the wire.
const NULL_ID: u32 = 0x5673_0bcc;

check_every_sample!(tl_tests::nullable::samples::Visitor);

/// tl-json on `tests/schema/nullable.tl`, in the TDLib style.
fn tdlib_schema() -> tl_json::Schema {
    let file = tl_tests::workspace_root().join("tests/schema/nullable.tl");
    let text = std::fs::read_to_string(file).unwrap();
    let mut options = tl_json::Options::default();
    options.style = tl_json::Style::Tdlib;
    tl_json::Schema::from_sources(&[("nullable.tl", &text)])
        .unwrap()
        .with_options(options)
}

#[test]
fn every_sample_is_the_json_and_the_bytes_of_tl_json_tdlib_style() {
    let mut check = TlJsonCheck::new(tdlib_schema());
    visit_all(&mut check);
    // point, shapeCircle, shapePolygon, drawing, draw.
    check.finish("nullable.tl", 5);
}

fn word(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[test]
fn objects_documented_as_null_are_options_and_the_rest_stays() {
    let origin = types::Point::new(1, 2);
    // `new` takes what may not be null; the setters the rest.
    let drawing = types::Drawing::new("t", 3, vec![], origin.clone());
    assert_eq!((&drawing.first, &drawing.corner), (&None, &None));
    let bytes = drawing.to_bytes();
    // id, first: null, corner: null, title, layer, shapes, origin with its id.
    assert_eq!(word(&bytes, 4), NULL_ID);
    assert_eq!(word(&bytes, 8), NULL_ID);
    assert_eq!(word(&bytes, bytes.len() - 12), types::Point::CONSTRUCTOR_ID);
    assert_eq!(types::Drawing::from_bytes(&bytes).unwrap(), drawing);
    let circle = types::ShapeCircle::new(0.5).center(origin.clone());
    let set = drawing.clone().first(circle).corner(origin.clone());
    let bytes = set.to_bytes();
    assert_eq!(word(&bytes, 4), types::ShapeCircle::CONSTRUCTOR_ID);
    assert_eq!(word(&bytes, 8), types::Point::CONSTRUCTOR_ID);
    assert_eq!(types::Drawing::from_bytes(&bytes).unwrap(), set);
    let request = functions::Draw::new(2);
    assert_eq!(request.shape, None);
    assert_eq!(word(&request.to_bytes(), 4), NULL_ID);
}

#[test]
fn a_null_object_is_read_from_null_or_a_missing_key_and_written_without_it() {
    let written = json!({"@type": "drawing", "title": "t", "layer": 3, "shapes": [],
        "origin": {"@type": "point", "x": 1, "y": 2}});
    let mut null = written.clone();
    null["first"] = serde_json::Value::Null;
    null["corner"] = serde_json::Value::Null;
    for json in [&written, &null] {
        let drawing: enums::Drawing = serde_json::from_value(json.clone()).unwrap();
        let enums::Drawing::Drawing(fields) = &drawing;
        assert_eq!((&fields.first, &fields.corner), (&None, &None), "{json}");
        assert_eq!(serde_json::to_value(&drawing).unwrap(), written);
    }
    // What may not be null is still required.
    let mut no_origin = written.clone();
    no_origin.as_object_mut().unwrap().remove("origin");
    let error = serde_json::from_value::<enums::Drawing>(no_origin).unwrap_err();
    assert!(
        error.to_string().contains("missing field `origin`"),
        "{error}"
    );
    let mut null_origin = written.clone();
    null_origin["origin"] = serde_json::Value::Null;
    assert!(serde_json::from_value::<enums::Drawing>(null_origin).is_err());
}

#[test]
fn bad_bytes_where_an_object_may_be_null_are_errors() {
    let drawing = types::Drawing::new("t", 3, vec![], types::Point::new(1, 2))
        .corner(types::Point::new(5, 6));
    let bytes = drawing.to_bytes();
    // Neither null nor the field's constructor.
    for (at, id) in [(4, 0xdead_beef_u32), (8, types::Drawing::CONSTRUCTOR_ID)] {
        let mut bad = bytes.clone();
        bad[at..at + 4].copy_from_slice(&id.to_le_bytes());
        assert!(types::Drawing::from_bytes(&bad).is_err(), "{id:#x} at {at}");
    }
    // Cut anywhere, within the null's word too.
    for len in 0..bytes.len() {
        assert!(
            types::Drawing::from_bytes(&bytes[..len]).is_err(),
            "{len} bytes"
        );
    }
}
