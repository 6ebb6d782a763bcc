//! Round trip over whole layers: every constructor and function, twice (all optional fields
//! set; none set), is encoded, starts with its constructor id, decodes back equal, and
//! re-encodes to the same bytes.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use tl_types::{Deserializable, Identifiable, Serializable};

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
        self.visited.insert(name);
        self.samples += 1;
        self.bytes += bytes.len();
    }
}

impl tl_tests::ours::samples::Visitor for RoundTrip {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        self.check(name, value);
    }
}

#[cfg(grammers_layer)]
impl tl_tests::grammers::samples::Visitor for RoundTrip {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        self.check(name, value);
    }
}

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

#[test]
fn every_definition_of_our_schema_round_trips() {
    let mut round_trip = RoundTrip::default();
    tl_tests::ours::samples::visit_all(&mut round_trip);
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let expected = generated_names(&[&schema.join("api.tl"), &schema.join("mtproto.tl")]);
    assert_all_visited(&round_trip, &expected);
}

#[test]
fn every_definition_of_layer_230_round_trips() {
    #[cfg(grammers_layer)]
    {
        let corpus =
            std::path::PathBuf::from(std::env::var_os("TL_CORPUS").expect("built with TL_CORPUS"));
        let dir = corpus.join("grammers");
        let mut round_trip = RoundTrip::default();
        tl_tests::grammers::samples::visit_all(&mut round_trip);
        let expected = generated_names(&[&dir.join("api.tl"), &dir.join("mtproto.tl")]);
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
