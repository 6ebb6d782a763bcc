//! grammers-tl-types 0.11.0 as an oracle for every definition of layer 230: two samples of
//! each constructor and function (every optional field set; none set) are encoded by ours,
//! decoded by grammers with its own type, and re-encoded by grammers, which must give back
//! the same bytes. A field we wrote that grammers does not expect, a flag bit it does not
//! know, a missing or extra word: each fails here with the definition's name.
//!
//! Needs `TL_CORPUS` at build time (the layer is generated from the corpus); without it the
//! test says so and passes.

#[test]
fn grammers_reencodes_our_samples_of_every_definition_unchanged() {
    if tl_tests::HAS_GRAMMERS_LAYER {
        #[cfg(grammers_layer)]
        oracle::run();
    } else {
        println!(
            "skipped: TL_CORPUS was not set at build time; \
             grammers_reencodes_our_samples_of_every_definition_unchanged did not run"
        );
    }
}

#[cfg(grammers_layer)]
mod oracle {
    use std::collections::BTreeSet;

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
    struct Oracle {
        checked: BTreeSet<&'static str>,
        without_type: BTreeSet<&'static str>,
        failures: Vec<String>,
    }

    impl Visitor for Oracle {
        fn visit<T>(&mut self, name: &'static str, value: T)
        where
            T: tl_types::Serializable
                + tl_types::Deserializable
                + tl_types::Identifiable
                + PartialEq
                + std::fmt::Debug,
        {
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

    pub fn run() {
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
}
