//! No generated enum is large: boxing large and recursive variants keeps every enum small,
//! so values move cheaply (grammers-tl-types has enums of 5 KB).

const LIMIT: usize = 256;

fn check(layer: &str, sizes: &[(&str, usize)]) {
    let mut sorted = sizes.to_vec();
    sorted.sort_by_key(|&(name, size)| (std::cmp::Reverse(size), name));
    eprintln!(
        "{layer}: {} enums, largest: {:?}",
        sorted.len(),
        &sorted[..3.min(sorted.len())]
    );
    let too_large: Vec<_> = sorted.iter().filter(|(_, size)| *size > LIMIT).collect();
    assert!(
        too_large.is_empty(),
        "{layer}: enums over {LIMIT} bytes: {too_large:?}"
    );
}

#[test]
fn enums_of_our_schema_are_at_most_256_bytes() {
    check("schema/", tl_tests::ours::samples::ENUM_SIZES);
}

#[test]
fn enums_of_layer_230_are_at_most_256_bytes() {
    #[cfg(grammers_layer)]
    check("layer 230", tl_tests::grammers::samples::ENUM_SIZES);
    #[cfg(not(grammers_layer))]
    eprintln!(
        "skipped: TL_CORPUS was not set at build time; enums_of_layer_230_are_at_most_256_bytes did not run"
    );
}
