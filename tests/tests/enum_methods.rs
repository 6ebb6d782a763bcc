//! The inherent methods of generated enums, over whole layers: `constructor_id()` and
//! `tl_name()` of a value of every constructor agree with its struct's `Identifiable` consts
//! and with `name_for_id`.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use tl_types::{Deserializable, Identifiable, Serializable};

/// A samples module's `identify`: decodes bytes as boxed type `index`, says the constructor.
type IdentifyFn = fn(usize, &[u8]) -> Result<(u32, &'static str), tl_types::DecodeError>;

/// Decodes each sample as every boxed type; where that succeeds (the enum of the sample's
/// constructor), checks what the enum value says it holds.
struct Identify {
    name_for_id: fn(u32) -> Option<&'static str>,
    boxed_types: usize,
    identify: IdentifyFn,
    identified: BTreeSet<&'static str>,
}

impl Identify {
    fn check<T: Serializable + Identifiable>(&mut self, name: &'static str, value: T) {
        let bytes = value.to_bytes();
        for index in 0..self.boxed_types {
            let Ok((id, tl_name)) = (self.identify)(index, &bytes) else {
                continue;
            };
            assert_eq!(
                (id, tl_name),
                (T::CONSTRUCTOR_ID, T::TL_NAME),
                "{name} as boxed type {index}"
            );
            assert_eq!((self.name_for_id)(id), Some(tl_name), "{name}");
            self.identified.insert(name);
        }
    }
}

impl tl_tests::ours::samples::Visitor for Identify {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        self.check(name, value);
    }
}

#[cfg(grammers_layer)]
impl tl_tests::grammers::samples::Visitor for Identify {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        self.check(name, value);
    }
}

/// The constructors of the schema files that become variants of an enum: all but the
/// built-ins and those of the types that are Rust primitives.
fn constructors(files: &[&Path]) -> BTreeSet<String> {
    const PRIMITIVES: &[&str] = &["Bool", "Vector", "Int128", "Int256"];
    let mut names = BTreeSet::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let options = tl_parser::Options::default();
        let schema = tl_parser::parse(&file.display().to_string(), &text, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        names.extend(
            schema
                .definitions
                .iter()
                .filter(|def| def.category == tl_parser::Category::Type && !def.builtin)
                .filter(|def| !PRIMITIVES.contains(&def.result.name))
                .map(|def| def.full_name()),
        );
    }
    names
}

fn assert_every_constructor_identified(identify: &Identify, files: &[&Path]) {
    let identified: BTreeSet<String> = identify.identified.iter().map(|s| s.to_string()).collect();
    let expected = constructors(files);
    let missing: Vec<_> = expected.difference(&identified).collect();
    assert!(
        missing.is_empty(),
        "constructors not identified: {missing:?}"
    );
    assert_eq!(identified, expected, "functions decoded as boxed types");
    eprintln!("{} constructors identified", identified.len());
}

#[test]
fn every_constructor_of_our_schema_says_its_id_and_name() {
    use tl_tests::ours::samples;
    let mut identify = Identify {
        name_for_id: tl_types::name_for_id,
        boxed_types: samples::BOXED_TYPES.len(),
        identify: samples::identify,
        identified: BTreeSet::new(),
    };
    samples::visit_all(&mut identify);
    let schema = tl_tests::workspace_root().join("schema");
    let files = [schema.join("api.tl"), schema.join("mtproto.tl")];
    assert_every_constructor_identified(&identify, &[&files[0], &files[1]]);
}

#[test]
fn every_constructor_of_layer_230_says_its_id_and_name() {
    #[cfg(grammers_layer)]
    {
        use tl_tests::grammers::samples;
        let mut identify = Identify {
            name_for_id: tl_tests::grammers::name_for_id,
            boxed_types: samples::BOXED_TYPES.len(),
            identify: samples::identify,
            identified: BTreeSet::new(),
        };
        samples::visit_all(&mut identify);
        let dir = tl_tests::corpus("every_constructor_of_layer_230_says_its_id_and_name")
            .expect("built with TL_CORPUS")
            .join("grammers");
        let files = [dir.join("api.tl"), dir.join("mtproto.tl")];
        assert_every_constructor_identified(&identify, &[&files[0], &files[1]]);
    }
    #[cfg(not(grammers_layer))]
    eprintln!(
        "skipped: TL_CORPUS was not set at build time; \
         every_constructor_of_layer_230_says_its_id_and_name did not run"
    );
}
