//! Nesting: deep input fails with `TooDeep` instead of overflowing the stack.

use tl_types::{
    DEFAULT_MAX_DEPTH, DecodeErrorKind, DecodeOptions, Deserializable, Reader, Serializable,
    VECTOR_ID, enums, types,
};

use crate::support::*;

/// 6,660 and 100,000 nested textBold fail with `TooDeep` where the 65th RichText starts.
fn assert_deep_nesting_is_rejected() {
    let limit = DEFAULT_MAX_DEPTH as usize;
    for depth in [6_660, 100_000] {
        let input = nested_bold(depth);
        let err = enums::RichText::from_bytes(&input).unwrap_err();
        assert_eq!(err, too_deep(4 * limit, DEFAULT_MAX_DEPTH), "depth {depth}");
        assert_eq!(
            err.to_string(),
            format!(
                "objects nested deeper than {DEFAULT_MAX_DEPTH} levels at offset {}",
                4 * limit
            )
        );
        // The same through a struct (types::TextBold is not an enum, so it does not count
        // as a level itself) and through a Reader.
        let err = types::TextBold::from_bytes(&input).unwrap_err();
        assert_eq!(err, too_deep(4 * (limit + 1), DEFAULT_MAX_DEPTH));
        let mut reader = Reader::new(&input);
        let err = enums::RichText::deserialize(&mut reader).unwrap_err();
        assert_eq!(
            *err.kind(),
            DecodeErrorKind::TooDeep {
                max_depth: DEFAULT_MAX_DEPTH
            }
        );
    }
}

#[test]
fn deep_nesting_is_rejected_on_the_test_thread() {
    assert_deep_nesting_is_rejected();
}

#[test]
fn deep_nesting_is_rejected_on_a_2_mib_thread() {
    on_thread_with_stack(2 << 20, assert_deep_nesting_is_rejected);
}

#[test]
fn deep_nesting_is_rejected_on_a_256_kib_thread() {
    // Far less than any default thread stack: the default limit still keeps decoding (and
    // dropping the deepest allowed value) well inside it.
    on_thread_with_stack(256 << 10, || {
        assert_deep_nesting_is_rejected();
        let deepest = nested_bold(DEFAULT_MAX_DEPTH as usize - 1);
        let text = enums::RichText::from_bytes(&deepest).unwrap();
        assert_eq!(bold_depth(&text), DEFAULT_MAX_DEPTH as usize - 1);
    });
}

#[test]
fn deep_json_concat_and_story_nesting_is_rejected() {
    // Up to the limit, each path decodes (and round-trips).
    let limit = DEFAULT_MAX_DEPTH as usize;
    let input = nested_path("jsonArray", limit - 1);
    assert_eq!(
        enums::JsonValue::from_bytes(&input).unwrap().to_bytes(),
        input
    );
    let input = nested_path("messageMediaStory", limit - 2);
    assert_eq!(
        enums::MessageMedia::from_bytes(&input).unwrap().to_bytes(),
        input
    );
    let err =
        enums::MessageMedia::from_bytes(&nested_path("messageMediaStory", limit)).unwrap_err();
    assert_eq!(
        *err.kind(),
        DecodeErrorKind::TooDeep {
            max_depth: DEFAULT_MAX_DEPTH
        }
    );

    // jsonArray [ jsonArray [ ... ] ]: recursion through Vector<JSONValue>.
    let input = nested_path("jsonArray", 10_000);
    let err = enums::JsonValue::from_bytes(&input).unwrap_err();
    assert_eq!(
        err,
        too_deep(12 * DEFAULT_MAX_DEPTH as usize, DEFAULT_MAX_DEPTH)
    );

    // textConcat [ textConcat [ ... ] ]: recursion through Vector<RichText>.
    let mut input = Vec::new();
    for _ in 0..10_000 {
        input.extend_from_slice(&words(&[TEXT_CONCAT, VECTOR_ID, 1]));
    }
    input.extend_from_slice(&words(&[TEXT_EMPTY]));
    let err = enums::RichText::from_bytes(&input).unwrap_err();
    assert_eq!(
        err,
        too_deep(12 * DEFAULT_MAX_DEPTH as usize, DEFAULT_MAX_DEPTH)
    );

    // messageMediaStory -> storyItem -> messageMediaStory ...: recursion through a field.
    let input = nested_path("messageMediaStory", 10_000);
    let err = enums::MessageMedia::from_bytes(&input).unwrap_err();
    assert_eq!(
        *err.kind(),
        DecodeErrorKind::TooDeep {
            max_depth: DEFAULT_MAX_DEPTH
        }
    );
}

#[test]
fn deepest_allowed_nesting_decodes() {
    let limit = DEFAULT_MAX_DEPTH as usize;
    // DEFAULT_MAX_DEPTH RichText values: DEFAULT_MAX_DEPTH - 1 textBold around a textEmpty.
    let deepest = nested_bold(limit - 1);
    let text = enums::RichText::from_bytes(&deepest).unwrap();
    assert_eq!(bold_depth(&text), limit - 1);
    assert_eq!(text.to_bytes(), deepest);

    // One more level is too deep.
    let err = enums::RichText::from_bytes(&nested_bold(limit)).unwrap_err();
    assert_eq!(err, too_deep(4 * limit, DEFAULT_MAX_DEPTH));

    // The same on a 2 MiB thread.
    let text = on_thread_with_stack(2 << 20, move || enums::RichText::from_bytes(&deepest));
    assert_eq!(bold_depth(&text.unwrap()), limit - 1);
}

#[test]
fn max_depth_option_changes_the_limit() {
    // Limits above the default need more stack than a test thread has (about 2.3 KiB per
    // level in debug builds, see `measure_stack_bytes_per_nesting_level`): 64 MiB.
    on_thread_with_stack(64 << 20, max_depth_option_changes_the_limit_on_this_thread);
}

fn max_depth_option_changes_the_limit_on_this_thread() {
    for max_depth in [1_u32, 2, 3, 10, 63, 64, 65, 100, 200, 1_000, 10_000] {
        let n = max_depth as usize;
        let options = with_max_depth(max_depth);

        let deepest = nested_bold(n - 1);
        let text: enums::RichText = decode_with(&deepest, options).unwrap();
        assert_eq!(bold_depth(&text), n - 1, "max_depth {max_depth}");

        let err = decode_with::<enums::RichText>(&nested_bold(n), options).unwrap_err();
        assert_eq!(err, too_deep(4 * n, max_depth), "max_depth {max_depth}");

        // The default limit applies when the option is not given.
        let default = enums::RichText::from_bytes(&deepest);
        assert_eq!(
            default.is_ok(),
            max_depth <= DEFAULT_MAX_DEPTH,
            "max_depth {max_depth}"
        );
    }

    // max_depth 0 rejects even a flat enum, but not what has no enum level.
    let options = with_max_depth(0);
    let err = decode_with::<enums::RichText>(&words(&[TEXT_EMPTY]), options).unwrap_err();
    assert_eq!(err, too_deep(0, 0));
    assert_eq!(
        decode_with::<Vec<i64>>(&words(&[VECTOR_ID, 1, 5, 0]), options),
        Ok(vec![5])
    );

    // Strict mode keeps the default depth.
    assert_eq!(DecodeOptions::strict().max_depth, DEFAULT_MAX_DEPTH);
    assert_eq!(DecodeOptions::default().max_depth, DEFAULT_MAX_DEPTH);
}

#[test]
fn depth_is_released_between_siblings_and_objects() {
    let limit = DEFAULT_MAX_DEPTH as usize;
    // textConcat of 1,000 children, each as deep as the limit allows under the concat.
    let child = nested_bold(limit - 2);
    let mut input = words(&[TEXT_CONCAT, VECTOR_ID, 1_000]);
    for _ in 0..1_000 {
        input.extend_from_slice(&child);
    }
    let text = enums::RichText::from_bytes(&input).unwrap();
    let enums::RichText::TextConcat(concat) = &text else {
        panic!("not a concat: {text:?}");
    };
    assert_eq!(concat.texts.len(), 1_000);
    assert!(concat.texts.iter().all(|t| bold_depth(t) == limit - 2));
    assert_eq!(text.to_bytes(), input);

    // One child one level deeper fails, at its innermost level.
    let mut bad = words(&[TEXT_CONCAT, VECTOR_ID, 2]);
    bad.extend_from_slice(&child);
    let second = bad.len();
    bad.extend_from_slice(&nested_bold(limit - 1));
    let err = enums::RichText::from_bytes(&bad).unwrap_err();
    assert_eq!(err, too_deep(second + 4 * (limit - 1), DEFAULT_MAX_DEPTH));

    // A stream of objects each at the limit.
    let deepest = nested_bold(limit - 1);
    let stream = deepest.repeat(100);
    let mut reader = Reader::new(&stream);
    for i in 0..100 {
        let text = enums::RichText::deserialize(&mut reader).unwrap();
        assert_eq!(bold_depth(&text), limit - 1, "object {i}");
    }
    reader.finish().unwrap();
}
