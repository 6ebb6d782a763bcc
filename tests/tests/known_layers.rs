//! Acceptance 4 of issue 15: bindings generated with `Config::known_layers` name, in their
//! decoding errors, the ids of other layers that their schema lacks; without it the errors
//! are as before.

use tl_types::{DecodeErrorKind, Deserializable, OtherLayerId};

/// `typeChanged#12eb1d0b x:int` of `tests/schema/diff-old.tl` (layer 1), with `x` = 1:
/// `diff-new.tl` (layer 2) has `typeChanged x:long` under another id.
const OLD_TYPE_CHANGED: [u8; 8] = [0x0b, 0x1d, 0xeb, 0x12, 1, 0, 0, 0];

#[test]
fn an_id_of_a_known_layer_is_named_in_the_error() {
    use tl_tests::known_layers::enums;
    let error = enums::TypeChanged::from_bytes(&OLD_TYPE_CHANGED).unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected a TypeChanged at offset 0, found 0x12eb1d0b \
         (typeChanged of layer 1; these bindings are layer 2)"
    );
    let DecodeErrorKind::UnexpectedConstructor {
        other_layer, name, ..
    } = error.clone().into_kind()
    else {
        panic!("{error:?}");
    };
    assert_eq!(name, None);
    assert_eq!(
        other_layer,
        Some(OtherLayerId::new("typeChanged", "1", Some(2)))
    );
    assert_eq!(
        tl_tests::known_layers::other_layer_id(0x12eb1d0b),
        other_layer
    );
    // Ids of the schema, and ids no layer has, are not in the table.
    let new_id =
        <tl_tests::known_layers::types::TypeChanged as tl_types::Identifiable>::CONSTRUCTOR_ID;
    assert_eq!(tl_tests::known_layers::other_layer_id(new_id), None);
    assert_eq!(tl_tests::known_layers::other_layer_id(0xdeadbeef), None);
}

#[test]
fn without_known_layers_the_error_is_as_before() {
    use tl_tests::diff_new::enums;
    let error = enums::TypeChanged::from_bytes(&OLD_TYPE_CHANGED).unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected a TypeChanged at offset 0, found 0x12eb1d0b"
    );
    assert!(matches!(
        error.kind(),
        DecodeErrorKind::UnexpectedConstructor {
            other_layer: None,
            ..
        }
    ));
    assert!(!format!("{error:?}").contains("other_layer"));
}

/// A layer-195 `users.userFull` (whose id layer 230 keeps) holding a layer-195 `userFull`
/// (whose id it does not), decoded with the layer-230 bindings that `build.rs` generates with
/// the corpus's layers 195 and 214 known.
#[test]
fn a_layer_195_user_full_is_named_by_layer_230_bindings() {
    #[cfg(grammers_layer)]
    {
        let mut bytes = 0x3b6d152e_u32.to_le_bytes().to_vec();
        bytes.extend(0x979d2376_u32.to_le_bytes());
        bytes.extend([0; 8]);
        let error = tl_tests::grammers::enums::users::UserFull::from_bytes(&bytes).unwrap_err();
        assert_eq!(error.offset(), 4);
        assert_eq!(
            error.to_string(),
            "expected an UserFull at offset 4, found 0x979d2376 \
             (userFull of layer 195; these bindings are layer 230)"
        );
    }
    #[cfg(not(grammers_layer))]
    eprintln!(
        "skipped: TL_CORPUS was not set at build time; \
         a_layer_195_user_full_is_named_by_layer_230_bindings did not run"
    );
}
