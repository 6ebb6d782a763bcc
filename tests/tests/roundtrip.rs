//! Round trip over whole layers: every constructor and function, twice (all optional fields
//! set; none set), is encoded, starts with its constructor id, decodes back equal (from a
//! slice and from `Bytes`), and re-encodes to the same bytes. Also on the bindings with every
//! `bytes` and `string` field held in `Bytes` (`Config::bytes`): those of the project's schema
//! always, those of layer 230 when built with `TL_BYTES_LAYER=1`.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use tl_types::{Bytes, Deserializable, Identifiable, Serializable};

#[derive(Default)]
struct RoundTrip {
    visited: BTreeSet<&'static str>,
    samples: usize,
    bytes: usize,
}

impl RoundTrip {
    fn check<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        let bytes = value.to_bytes();
        assert!(bytes.len() >= 4, "{name}: encoding shorter than an id");
        assert_eq!(
            u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
            T::CONSTRUCTOR_ID,
            "{name}: the encoding does not start with the constructor id"
        );
        assert_eq!(
            bytes.len() % 4,
            0,
            "{name}: encoding not a multiple of 4 bytes"
        );
        let decoded =
            T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}\nvalue: {value:?}"));
        assert_eq!(decoded, value, "{name}: decoded value differs");
        assert_eq!(decoded.to_bytes(), bytes, "{name}: re-encoding differs");
        let shared = T::from_bytes_shared(&Bytes::from(bytes.clone()))
            .unwrap_or_else(|e| panic!("{name} from Bytes: {e}\nvalue: {value:?}"));
        assert_eq!(
            shared, value,
            "{name}: decoded from Bytes, the value differs"
        );
        self.visited.insert(name);
        self.samples += 1;
        self.bytes += bytes.len();
    }
}

macro_rules! round_trips_samples_of {
    ($($bindings:path),*) => {$(
        impl $bindings for RoundTrip {
            fn visit<T>(&mut self, name: &'static str, value: T)
            where
                T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
            {
                self.check(name, value);
            }
        }
    )*};
}

round_trips_samples_of!(
    tl_tests::ours::samples::Visitor,
    tl_tests::shared::samples::Visitor
);
#[cfg(grammers_layer)]
round_trips_samples_of!(tl_tests::grammers::samples::Visitor);
#[cfg(grammers_bytes)]
round_trips_samples_of!(tl_tests::grammers_bytes::samples::Visitor);

/// The names of every definition that becomes a Rust item: all but the built-ins and the
/// constructors of types that are Rust primitives (`Bool`, `Vector`, ...). `true = True` is
/// generated, for functions that return `True`.
fn generated_names(files: &[&Path]) -> BTreeSet<String> {
    const PRIMITIVES: &[&str] = &["Bool", "Vector", "Int128", "Int256"];
    let mut names = BTreeSet::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let schema = tl_parser::parse(
            &file.display().to_string(),
            &text,
            &tl_parser::Options::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        for def in &schema.definitions {
            let primitive = def.builtin
                || (def.category == tl_parser::Category::Type
                    && PRIMITIVES.contains(&def.result.name));
            if !primitive {
                names.insert(def.full_name());
            }
        }
    }
    names
}

fn assert_all_visited(round_trip: &RoundTrip, expected: &BTreeSet<String>) {
    let visited: BTreeSet<String> = round_trip.visited.iter().map(|s| s.to_string()).collect();
    let missing: Vec<_> = expected.difference(&visited).collect();
    assert!(
        missing.is_empty(),
        "definitions without samples: {missing:?}"
    );
    assert_eq!(round_trip.samples, 2 * expected.len());
}

/// The definitions of the project's schema that become Rust items.
fn names_of_our_schema() -> BTreeSet<String> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    generated_names(&[&schema.join("api.tl"), &schema.join("mtproto.tl")])
}

/// The definitions of layer 230 (grammers' schema in the corpus) that become Rust items.
#[cfg(grammers_layer)]
fn names_of_layer_230() -> BTreeSet<String> {
    let corpus =
        std::path::PathBuf::from(std::env::var_os("TL_CORPUS").expect("built with TL_CORPUS"));
    let dir = corpus.join("grammers");
    generated_names(&[&dir.join("api.tl"), &dir.join("mtproto.tl")])
}

#[test]
fn every_definition_of_our_schema_round_trips() {
    let mut round_trip = RoundTrip::default();
    tl_tests::ours::samples::visit_all(&mut round_trip);
    assert_all_visited(&round_trip, &names_of_our_schema());
}

#[test]
fn every_definition_of_our_schema_round_trips_held_in_bytes() {
    let mut round_trip = RoundTrip::default();
    tl_tests::shared::samples::visit_all(&mut round_trip);
    assert_all_visited(&round_trip, &names_of_our_schema());
}

#[test]
fn every_definition_of_layer_230_round_trips() {
    #[cfg(grammers_layer)]
    {
        let mut round_trip = RoundTrip::default();
        tl_tests::grammers::samples::visit_all(&mut round_trip);
        let expected = names_of_layer_230();
        assert_all_visited(&round_trip, &expected);
        eprintln!(
            "layer 230: {} definitions, {} samples, {} bytes encoded",
            expected.len(),
            round_trip.samples,
            round_trip.bytes
        );
    }
    #[cfg(not(grammers_layer))]
    eprintln!(
        "skipped: TL_CORPUS was not set at build time; every_definition_of_layer_230_round_trips did not run"
    );
}

#[test]
fn every_definition_of_layer_230_round_trips_held_in_bytes() {
    #[cfg(grammers_bytes)]
    {
        let mut round_trip = RoundTrip::default();
        tl_tests::grammers_bytes::samples::visit_all(&mut round_trip);
        assert_all_visited(&round_trip, &names_of_layer_230());
    }
    #[cfg(not(grammers_bytes))]
    eprintln!(
        "skipped: TL_CORPUS and TL_BYTES_LAYER=1 were not set at build time; \
         every_definition_of_layer_230_round_trips_held_in_bytes did not run"
    );
}
