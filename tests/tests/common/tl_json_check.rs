//! Generated serde against the schema-driven codec, one sample at a time: the JSON of the
//! generated value is `tl-json`'s JSON of its bytes, and that JSON read back through serde
//! encodes to the same bytes. Included with `#[macro_use]` and `#[path]` by
//! `tests/serde_tl_json.rs` (layer 230, and the scratch crate of its ignored layer-214 test)
//! and `tests/nullable_objects.rs` (TDLib style).

use std::collections::BTreeSet;

/// The definitions checked, the samples, and what failed.
pub struct TlJsonCheck {
    schema: tl_json::Schema,
    names: BTreeSet<&'static str>,
    samples: usize,
    failures: Vec<String>,
}

impl TlJsonCheck {
    pub fn new(schema: tl_json::Schema) -> Self {
        TlJsonCheck {
            schema,
            names: BTreeSet::new(),
            samples: 0,
            failures: Vec::new(),
        }
    }

    /// Checks one sample of definition `name`.
    pub fn check<T>(&mut self, name: &'static str, value: &T)
    where
        T: tl_types::Serializable + serde::Serialize + serde::de::DeserializeOwned,
    {
        self.samples += 1;
        match self.compare(value) {
            Ok(()) => {
                self.names.insert(name);
            }
            Err(e) => self.failures.push(format!("{name}: {e}")),
        }
    }

    fn compare<T>(&self, value: &T) -> Result<(), String>
    where
        T: tl_types::Serializable + serde::Serialize + serde::de::DeserializeOwned,
    {
        let bytes = value.to_bytes();
        let json = self.schema.decode_object(&bytes);
        let json = json.map_err(|e| format!("tl-json does not decode it: {e}"))?;
        let expected = serde_json::to_string(&json).map_err(|e| e.to_string())?;
        let ours = serde_json::to_string(value).map_err(|e| format!("serialize: {e}"))?;
        if ours != expected {
            let at = ours
                .bytes()
                .zip(expected.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            let around = |text: &str| {
                let start = at.saturating_sub(40);
                text.get(start..(at + 40).min(text.len()))
                    .unwrap_or("")
                    .to_owned()
            };
            return Err(format!(
                "the JSON differs at byte {at}: ours ...{} / tl-json ...{}",
                around(&ours),
                around(&expected)
            ));
        }
        let back: T = serde_json::from_str(&expected).map_err(|e| format!("deserialize: {e}"))?;
        if back.to_bytes() != bytes {
            return Err("tl-json's JSON read through serde encodes to other bytes".to_owned());
        }
        Ok(())
    }

    /// Prints the counts; panics with every failure, or when fewer than `min_definitions`
    /// definitions were checked.
    pub fn finish(self, what: &str, min_definitions: usize) {
        println!(
            "{what}: {} samples of {} definitions checked, {} failed",
            self.samples,
            self.names.len(),
            self.failures.len()
        );
        assert!(
            self.failures.is_empty(),
            "{what}: {} of {} samples failed:\n{}",
            self.failures.len(),
            self.samples,
            self.failures.join("\n")
        );
        assert!(
            self.names.len() >= min_definitions,
            "{what}: only {} definitions",
            self.names.len()
        );
    }
}

/// Implements a generated `samples::Visitor` (the path `$visitor`) for [`TlJsonCheck`]: every
/// sample is checked.
macro_rules! check_every_sample {
    ($visitor:path) => {
        impl $visitor for crate::tl_json_check::TlJsonCheck {
            fn visit<T>(&mut self, name: &'static str, value: T)
            where
                T: tl_types::Serializable
                    + tl_types::Deserializable
                    + tl_types::Identifiable
                    + PartialEq
                    + std::fmt::Debug
                    + serde::Serialize
                    + serde::de::DeserializeOwned,
            {
                self.check(name, &value);
            }
        }
    };
}
