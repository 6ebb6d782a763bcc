//! grammers-tl-types 0.11.0 as an oracle for every definition of layer 230: two samples of
//! each constructor and function (every optional field set; none set) are encoded by ours,
//! decoded by grammers with its own type, and re-encoded by grammers, which must give back
//! the same bytes. A field we wrote that grammers does not expect, a flag bit it does not
//! know, a missing or extra word: each fails here with the definition's name.
//!
//! Needs `TL_CORPUS` at build time (the layer is generated from the corpus); without it the
//! test says so and passes. With `TL_BYTES_LAYER=1` too, the same runs on the layer's bindings
//! with every `bytes` and `string` field held in `Bytes` (`tl_tests::grammers_bytes`).
//!
//! The bot profile of `scripts/bot-profile.roots` in the client direction
//! (`tl_tests::grammers_bot_client`) is checked the same way for what it encodes, and decodes
//! the full layer's samples of what it decodes to the full layer's values.

/// Runs `check` when the grammers layer was built, or says that `test` did not run.
fn on_the_grammers_layer(test: &str, check: impl FnOnce()) {
    if tl_tests::HAS_GRAMMERS_LAYER {
        check();
    } else {
        println!("skipped: TL_CORPUS was not set at build time; {test} did not run");
    }
}

#[test]
fn grammers_reencodes_our_samples_of_every_definition_unchanged() {
    on_the_grammers_layer(
        "grammers_reencodes_our_samples_of_every_definition_unchanged",
        || {
            #[cfg(grammers_layer)]
            oracle::run_with(tl_tests::grammers::samples::visit_all);
        },
    );
}

#[test]
fn grammers_reencodes_the_samples_held_in_bytes_unchanged() {
    #[cfg(grammers_bytes)]
    oracle::run_with(tl_tests::grammers_bytes::samples::visit_all);
    #[cfg(not(grammers_bytes))]
    println!(
        "skipped: TL_CORPUS and TL_BYTES_LAYER=1 were not set at build time; \
         grammers_reencodes_the_samples_held_in_bytes_unchanged did not run"
    );
}

#[test]
fn the_client_bot_profile_encodes_and_decodes_as_grammers_and_the_full_layer() {
    on_the_grammers_layer(
        "the_client_bot_profile_encodes_and_decodes_as_grammers_and_the_full_layer",
        || {
            #[cfg(grammers_layer)]
            oracle::run_bot_client();
        },
    );
}

#[cfg(grammers_layer)]
mod oracle {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt::Debug;

    use tl_tests::grammers::samples::{Visitor, visit_all};

    include!(concat!(env!("OUT_DIR"), "/grammers_oracle.rs"));

    /// Decodes a boxed value with grammers' type `T` and encodes it again.
    fn reencode_boxed<T>(bytes: &[u8]) -> Result<Vec<u8>, String>
    where
        T: grammers_tl_types::Deserializable + grammers_tl_types::Serializable,
    {
        let mut cursor = grammers_tl_types::Cursor::from_slice(bytes);
        let value = T::deserialize(&mut cursor).map_err(|e| format!("{e:?}"))?;
        if cursor.pos() != bytes.len() {
            return Err(format!("{} of {} bytes read", cursor.pos(), bytes.len()));
        }
        Ok(value.to_bytes())
    }

    /// The same for a function, which grammers decodes after its id (its server-side caller
    /// has read it) and encodes with it.
    fn reencode_function<T>(bytes: &[u8]) -> Result<Vec<u8>, String>
    where
        T: grammers_tl_types::Deserializable + grammers_tl_types::Serializable,
    {
        let body = bytes.get(4..).ok_or("shorter than an id")?;
        reencode_boxed::<T>(body)
    }

    /// Ids not written in grammers/mtproto.tl that grammers infers otherwise: (name, ours,
    /// grammers'). We hash `tlsBlockString data:bytes` with `bytes` read as `string`, by
    /// Telegram's rule, which gives the id of Telegram's own copy of the line
    /// (`tlsBlockString data:string` in telegram/mtproto.tl). Grammers' id is neither that
    /// nor the hash with `bytes` (#ace3ec67). The type describes a TLS hello that the client
    /// builds locally; it is never sent.
    const INFERRED_IDS_THAT_DIFFER: [(&str, u32, u32); 1] =
        [("tlsBlockString", 0x4218_a164, 0xb2b5_1dca)];

    #[derive(Default)]
    pub struct Oracle {
        checked: BTreeSet<&'static str>,
        without_type: BTreeSet<&'static str>,
        failures: Vec<String>,
    }

    impl Oracle {
        /// Grammers decodes `value`'s encoding and encodes it again to the same bytes.
        fn check<T: tl_types::Serializable + tl_types::Identifiable>(
            &mut self,
            name: &'static str,
            value: &T,
        ) {
            let mut ours = value.to_bytes();
            if let Some(&(_, our_id, their_id)) =
                INFERRED_IDS_THAT_DIFFER.iter().find(|(n, ..)| *n == name)
            {
                assert_eq!(T::CONSTRUCTOR_ID, our_id, "{name}");
                // The rest of the encoding must still agree.
                ours[..4].copy_from_slice(&their_id.to_le_bytes());
            }
            match reencode(name, &ours) {
                None => {
                    self.without_type.insert(name);
                }
                Some(Ok(theirs)) if theirs == ours => {
                    self.checked.insert(name);
                }
                Some(Ok(theirs)) => {
                    let at = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
                    self.failures.push(format!(
                        "{name}: grammers re-encodes {} bytes differently from our {} from \
                         offset {at}",
                        theirs.len(),
                        ours.len()
                    ));
                }
                Some(Err(e)) => self
                    .failures
                    .push(format!("{name}: grammers cannot decode our bytes: {e}")),
            }
        }
    }

    macro_rules! checks_samples_of {
        ($($bindings:path),*) => {$(
            impl $bindings for Oracle {
                fn visit<T>(&mut self, name: &'static str, value: T)
                where
                    T: tl_types::Serializable
                        + tl_types::Deserializable
                        + tl_types::Identifiable
                        + PartialEq
                        + std::fmt::Debug,
                {
                    self.check(name, &value);
                }
            }
        )*};
    }

    checks_samples_of!(Visitor);
    #[cfg(grammers_bytes)]
    checks_samples_of!(tl_tests::grammers_bytes::samples::Visitor);

    /// Checks the samples that `visit_all` hands over: every definition's, as grammers has it.
    pub fn run_with(visit_all: impl FnOnce(&mut Oracle)) {
        let mut oracle = Oracle::default();
        visit_all(&mut oracle);
        assert!(
            oracle.failures.is_empty(),
            "{} samples differ:\n{}",
            oracle.failures.len(),
            oracle.failures.join("\n")
        );
        // Only what grammers has no type of its own for: the generic functions
        // (`invokeWithLayer`, ...). (`Bool` is `bool` on both sides, and has no samples.)
        let expected_without_type: BTreeSet<&str> = [
            "initConnection",
            "invokeAfterMsg",
            "invokeAfterMsgs",
            "invokeWithLayer",
            "invokeWithoutUpdates",
            "invokeWithMessagesRange",
            "invokeWithTakeout",
            "invokeWithBusinessConnection",
            "invokeWithGooglePlayIntegrity",
            "invokeWithApnsSecret",
            "invokeWithReCaptcha",
        ]
        .into_iter()
        .collect();
        assert_eq!(oracle.without_type, expected_without_type);
        // And every other definition of the schema had samples, and passed.
        let all: BTreeSet<&str> = WITH_A_GRAMMERS_TYPE.iter().copied().collect();
        assert_eq!(oracle.checked, all);
        println!(
            "{} definitions encoded byte for byte as grammers re-encodes them",
            oracle.checked.len()
        );
    }

    /// Every sample of the full layer: its boxed encoding and its `Debug` text, by TL name.
    #[derive(Default)]
    struct FullSamples(BTreeMap<&'static str, Vec<(Vec<u8>, String)>>);

    impl Visitor for FullSamples {
        fn visit<T>(&mut self, name: &'static str, value: T)
        where
            T: tl_types::Serializable
                + tl_types::Deserializable
                + tl_types::Identifiable
                + PartialEq
                + Debug,
        {
            let sample = (value.to_bytes(), format!("{value:?}"));
            self.0.entry(name).or_default().push(sample);
        }
    }

    /// The client bot profile (`tl_tests::grammers_bot_client`): grammers re-encodes what it
    /// encodes unchanged, and it decodes the full layer's samples of what it decodes to the
    /// full layer's values.
    struct ProfileOracle {
        oracle: Oracle,
        full: FullSamples,
        decoded: BTreeSet<&'static str>,
    }

    impl ProfileOracle {
        fn decodes<T: tl_types::Deserializable + Debug>(&mut self, name: &'static str) {
            let Some(samples) = self.full.0.get(name) else {
                self.oracle
                    .failures
                    .push(format!("{name}: no sample in the full layer"));
                return;
            };
            for (bytes, debug) in samples {
                match T::from_bytes(bytes) {
                    Ok(value) if format!("{value:?}") == *debug => {}
                    Ok(value) => self.oracle.failures.push(format!(
                        "{name}: the profile decodes {value:?}, the full layer has {debug}"
                    )),
                    Err(e) => self.oracle.failures.push(format!(
                        "{name}: the profile cannot decode the full layer's bytes: {e}"
                    )),
                }
            }
            self.decoded.insert(name);
        }
    }

    impl tl_tests::grammers_bot_client::samples::Visitor for ProfileOracle {
        fn visit<T>(&mut self, name: &'static str, value: T)
        where
            T: tl_types::Serializable
                + tl_types::Deserializable
                + tl_types::Identifiable
                + PartialEq
                + Debug,
        {
            self.oracle.check(name, &value);
            self.decodes::<T>(name);
        }

        fn visit_encoded<T>(&mut self, name: &'static str, value: T)
        where
            T: tl_types::Serializable + tl_types::Identifiable + PartialEq + Debug,
        {
            self.oracle.check(name, &value);
        }

        fn visit_decoded<T>(&mut self, name: &'static str, _value: T)
        where
            T: tl_types::Deserializable + tl_types::Identifiable + PartialEq + Debug,
        {
            self.decodes::<T>(name);
        }
    }

    pub fn run_bot_client() {
        let mut full = FullSamples::default();
        visit_all(&mut full);
        let mut check = ProfileOracle {
            oracle: Oracle::default(),
            full,
            decoded: BTreeSet::new(),
        };
        tl_tests::grammers_bot_client::samples::visit_all(&mut check);
        let failures = &check.oracle.failures;
        assert!(
            failures.is_empty(),
            "{} samples differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
        let generic: BTreeSet<&str> = ["initConnection", "invokeWithLayer"].into();
        assert_eq!(check.oracle.without_type, generic);
        for sent in ["messages.sendMessage", "inputMediaUploadedPhoto"] {
            assert!(check.oracle.checked.contains(sent), "{sent} is encoded");
        }
        for received in [
            "updateNewMessage",
            "auth.authorization",
            "messageMediaPhoto",
        ] {
            assert!(check.decoded.contains(received), "{received} is decoded");
        }
        println!(
            "client bot profile: {} definitions encoded as grammers re-encodes them, {} decoded \
             as the full layer has them",
            check.oracle.checked.len(),
            check.decoded.len()
        );
    }
}
