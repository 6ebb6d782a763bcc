//! The bindings of the project's schema with every `bytes` and `string` field held in `Bytes`
//! (`Config::bytes(".")`: `tl_tests::shared`), against the default bindings of the same schema
//! (`tl_types`, whose encodings `golden_bytes.rs` and `roundtrip.rs` check):
//!
//! * every sample encodes to the bytes of the default bindings' sample of the same definition
//!   (the samples are the same values), and decodes back equal from `Bytes` and from a slice;
//! * cut and damaged encodings decode or fail as with the default bindings, with the same
//!   errors at the same offsets: limits and errors are unchanged;
//! * decoded from `Bytes`, the fields are slices of the input; from a slice, copies;
//! * invalid UTF-8 is replaced, or an error in strict mode, as for `String`;
//! * a 512 KiB `upload.file` decoded from `Bytes` allocates nothing of its size.
//!
//! With `TL_CORPUS` and `TL_BYTES_LAYER=1` at build time, the first two run on layer 230 too
//! (`tl_tests::grammers_bytes` against `tl_tests::grammers`).

#[path = "../../tl-types/tests/hostile/counting.rs"]
mod counting;

use std::fmt::Debug;

use tl_tests::shared::{enums, types};
use tl_types::{
    Bytes, BytesString, DecodeError, DecodeErrorKind, DecodeOptions, Deserializable, Identifiable,
    Reader, Serializable,
};

/// A sample's definition, its encoding, and what decoding damaged copies of it gives.
#[derive(Debug, PartialEq)]
struct Sample {
    name: &'static str,
    bytes: Vec<u8>,
    damaged: Vec<Result<(), DecodeError>>,
}

/// Cuts of `bytes` (nothing, a third, half, all but a byte) and copies with one byte changed
/// (the first after the id, the middle one, the last).
fn damaged(bytes: &[u8]) -> Vec<Vec<u8>> {
    let n = bytes.len();
    let cuts = [0, n / 3, n / 2, n - 1].map(|len| bytes[..len].to_vec());
    let changes = [4.min(n - 1), n / 2, n - 1].map(|at| {
        let mut changed = bytes.to_vec();
        changed[at] ^= 0xa5;
        changed
    });
    cuts.into_iter().chain(changes).collect()
}

/// Collects the samples of one set of bindings; those of shared bindings (`from_shared`) are
/// decoded from `Bytes` and must decode back from a slice too.
struct Collect {
    from_shared: bool,
    samples: Vec<Sample>,
}

impl Collect {
    fn new(from_shared: bool) -> Self {
        Collect {
            from_shared,
            samples: Vec::new(),
        }
    }

    fn decode<T: Deserializable>(&self, bytes: &[u8]) -> Result<T, DecodeError> {
        if self.from_shared {
            T::from_bytes_shared(&Bytes::copy_from_slice(bytes))
        } else {
            T::from_bytes(bytes)
        }
    }

    fn sample<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + PartialEq + Debug,
    {
        let bytes = value.to_bytes();
        if self.from_shared {
            let input = Bytes::from(bytes.clone());
            let decoded = T::from_bytes_shared(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(decoded, value, "{name}: decoded from Bytes");
            assert_eq!(decoded.to_bytes(), bytes, "{name}: re-encoding");
            let copied = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(copied, value, "{name}: decoded from a slice");
        }
        let damaged = damaged(&bytes)
            .iter()
            .map(|d| self.decode::<T>(d).map(drop))
            .collect();
        self.samples.push(Sample {
            name,
            bytes,
            damaged,
        });
    }
}

macro_rules! collects_samples_of {
    ($($bindings:path),*) => {$(
        impl $bindings for Collect {
            fn visit<T>(&mut self, name: &'static str, value: T)
            where
                T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
            {
                self.sample(name, value);
            }
        }
    )*};
}

collects_samples_of!(
    tl_tests::ours::samples::Visitor,
    tl_tests::shared::samples::Visitor
);
#[cfg(grammers_bytes)]
collects_samples_of!(
    tl_tests::grammers::samples::Visitor,
    tl_tests::grammers_bytes::samples::Visitor
);

/// The samples that `default` and `shared` visit, pairwise: same definitions, same bytes,
/// same outcomes.
fn assert_same(visit_default: impl FnOnce(&mut Collect), visit_shared: impl FnOnce(&mut Collect)) {
    let (mut default, mut shared) = (Collect::new(false), Collect::new(true));
    visit_default(&mut default);
    visit_shared(&mut shared);
    assert_eq!(default.samples.len(), shared.samples.len());
    assert!(!default.samples.is_empty());
    for (default, shared) in default.samples.iter().zip(&shared.samples) {
        assert_eq!(default, shared, "{}", default.name);
    }
    println!("{} samples compared", default.samples.len());
}

#[test]
fn every_sample_encodes_and_fails_as_with_the_default_bindings() {
    assert_same(
        tl_tests::ours::samples::visit_all,
        tl_tests::shared::samples::visit_all,
    );
}

#[test]
fn every_sample_of_layer_230_encodes_and_fails_as_with_the_default_bindings() {
    #[cfg(grammers_bytes)]
    assert_same(
        tl_tests::grammers::samples::visit_all,
        tl_tests::grammers_bytes::samples::visit_all,
    );
    #[cfg(not(grammers_bytes))]
    println!(
        "skipped: TL_CORPUS and TL_BYTES_LAYER=1 were not set at build time; \
         every_sample_of_layer_230_encodes_and_fails_as_with_the_default_bindings did not run"
    );
}

/// Whether `part` lies inside `input`'s memory.
fn is_slice_of(input: &[u8], part: &[u8]) -> bool {
    let range = input.as_ptr_range();
    range.contains(&part.as_ptr()) && part.as_ptr_range().end <= range.end
}

fn file_part(len: usize) -> types::upload::File {
    types::upload::File::new(
        types::storage::FileJpeg::new(),
        1_700_000_000,
        vec![0x5a; len],
    )
}

#[test]
fn fields_decoded_from_bytes_are_slices_of_the_input() {
    let input = Bytes::from(enums::upload::File::from(file_part(4096)).to_bytes());
    let file = types::upload::File::from_bytes_shared(&input).unwrap();
    assert_eq!(file.bytes.len(), 4096);
    assert!(is_slice_of(&input, &file.bytes));
    // From a slice, a copy.
    let copied = types::upload::File::from_bytes(&input).unwrap();
    assert_eq!(copied, file);
    assert!(!is_slice_of(&input, &copied.bytes));

    let code_type = types::auth::SentCodeTypeFlashCall::new("p".repeat(300));
    let input = Bytes::from(code_type.to_bytes());
    let decoded = types::auth::SentCodeTypeFlashCall::from_bytes_shared(&input).unwrap();
    assert_eq!(decoded.pattern, "p".repeat(300));
    assert!(is_slice_of(&input, decoded.pattern.as_bytes()));
    // The values outlive the input's handle: they hold its allocation.
    drop(input);
    assert_eq!(decoded, code_type);
}

#[test]
fn invalid_utf8_is_replaced_or_an_error_as_for_string() {
    // A 4-byte string "a\xffbc", after 4 bytes of something else.
    let input = Bytes::from_static(&[0, 0, 0, 0, 4, b'a', 0xff, b'b', b'c', 0, 0, 0]);
    let read = |options: DecodeOptions| {
        let mut shared = Reader::from_shared_with_options(&input, options);
        let mut plain = Reader::with_options(&input, options);
        shared.read_u32().unwrap();
        plain.read_u32().unwrap();
        (shared.read_shared_string(), plain.read_string())
    };
    let (shared, plain) = read(DecodeOptions::default());
    assert_eq!(shared.unwrap(), "a\u{fffd}bc");
    assert_eq!(plain.unwrap(), "a\u{fffd}bc");
    let (shared, plain) = read(DecodeOptions::strict());
    let error = shared.unwrap_err();
    assert_eq!(
        (error.offset(), error.kind()),
        (4, &DecodeErrorKind::InvalidUtf8)
    );
    assert_eq!(plain.unwrap_err(), error);
    // A valid one from a reader over a slice: a copy, equal.
    let input = Bytes::from_static(&[3, b'a', b'b', b'c']);
    let copied = Reader::new(&input).read_shared_string().unwrap();
    assert_eq!(copied, BytesString::from_static("abc"));
    assert!(!is_slice_of(&input, copied.as_bytes()));
}

#[test]
fn a_file_part_decoded_from_bytes_allocates_nothing_of_its_size() {
    const PART: usize = 512 * 1024;
    let input = Bytes::from(file_part(PART).to_bytes());
    let _lock = counting::alloc_lock();
    let (shared, sharing) = counting::measure(|| types::upload::File::from_bytes_shared(&input));
    let (copied, copying) = counting::measure(|| types::upload::File::from_bytes(&input));
    assert_eq!(shared.unwrap(), copied.unwrap());
    // The counter sees the copy of a decode from a slice...
    assert!(copying.largest >= PART, "{copying:?}");
    // ...and none from `Bytes`: at most the small record of the input's sharing.
    assert!(sharing.largest < 1024, "{sharing:?}");
    println!("decoding {PART} bytes from Bytes: {sharing:?}; from a slice: {copying:?}");
}
