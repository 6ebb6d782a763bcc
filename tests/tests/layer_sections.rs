//! A schema in `===N===` layer sections (`tests/schema/layers.tl`), as Telegram publishes its
//! end-to-end schema: the constructor redefined in layer 17 is the current one, the layer-8
//! definition stays, with its own id, as `Note8`, and the boxed type decodes both.

use tl_tests::layers::{LAYER, enums, types};
use tl_types::{Deserializable, Identifiable, Serializable};

#[test]
fn the_last_section_is_the_layer_and_its_definition_the_current_one() {
    let id = |text: &str| crc32fast::hash(text.as_bytes());
    assert_eq!(LAYER, 23);
    assert_eq!(
        types::Note::CONSTRUCTOR_ID,
        id("note random_id:long ttl:int text:string = Note")
    );
    assert_eq!(
        types::Note8::CONSTRUCTOR_ID,
        id("note random_id:long text:string = Note")
    );
    // Both are `note` in the schema.
    assert_eq!(types::Note8::TL_NAME, "note");
    assert_eq!(types::Note::TL_NAME, "note");
}

#[test]
fn the_boxed_type_decodes_every_layers_definition() {
    let old = types::Note8 {
        random_id: 7,
        text: "layer 8".to_owned(),
    };
    let current = types::Note {
        random_id: 8,
        ttl: 60,
        text: "layer 17".to_owned(),
    };
    let decoded_old = enums::Note::from_bytes(&old.to_bytes()).unwrap();
    assert_eq!(decoded_old, enums::Note::from(old));
    let decoded_current = enums::Note::from_bytes(&current.to_bytes()).unwrap();
    assert_eq!(decoded_current, enums::Note::from(current.clone()));
    // A field of the boxed type holds either.
    let wrapper = types::Wrapper {
        note: current.into(),
    };
    assert_eq!(
        types::Wrapper::from_bytes(&wrapper.to_bytes()).unwrap(),
        wrapper
    );
}

#[test]
fn a_definition_repeated_unchanged_before_a_change_is_kept_once() {
    let old = types::Tile8 { a: 1 };
    let decoded = enums::Tile::from_bytes(&old.to_bytes()).unwrap();
    // Exactly two definitions of `tile`: layer 8's (repeated in 17) and layer 23's.
    match &decoded {
        enums::Tile::Tile8(value) => assert_eq!(*value, old),
        enums::Tile::Tile(_) => panic!("decoded as the current tile"),
    }
}

#[test]
fn a_definition_repeated_unchanged_is_the_current_one_only() {
    let value = types::Plain { x: 3 };
    assert_eq!(
        enums::Plain::from_bytes(&value.to_bytes()).unwrap(),
        enums::Plain::from(value)
    );
}

#[test]
fn the_bare_form_of_a_redefined_type_is_its_current_constructor() {
    let deck = types::Deck {
        top: types::Card {
            text: "ace".to_owned(),
            lang: "en".to_owned(),
        },
    };
    let bytes = deck.to_bytes();
    // Bare: no constructor id before the card's fields.
    assert_eq!(bytes.len(), 4 + 4 + 4);
    assert_eq!(types::Deck::from_bytes(&bytes).unwrap(), deck);
    let old = types::Card8 {
        text: "ace".to_owned(),
    };
    assert_ne!(types::Card8::CONSTRUCTOR_ID, types::Card::CONSTRUCTOR_ID);
    assert_eq!(
        enums::Card::from_bytes(&old.to_bytes()).unwrap(),
        enums::Card::from(old)
    );
}
