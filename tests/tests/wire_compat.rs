//! Wire compatibility with grammers-tl-types 0.11.0 over the same schema (layer 230): four
//! realistic payloads (`common/payloads.rs`) built identically on both sides must encode to
//! the same bytes, and each side must decode the other's bytes and re-encode them unchanged.
//!
//! Needs `TL_CORPUS` at build time (the layer is generated from the corpus); without it the
//! test says so and passes.

#[cfg(grammers_layer)]
#[path = "common/payloads.rs"]
mod payloads;

#[test]
fn wire_compat() {
    if tl_tests::HAS_GRAMMERS_LAYER {
        #[cfg(grammers_layer)]
        compat::run();
    } else {
        println!("skipped: TL_CORPUS was not set at build time; wire_compat did not run");
    }
}

#[cfg(grammers_layer)]
mod compat {
    use std::fmt::Debug;

    use super::payloads;

    /// Encodes, compares and cross-decodes one payload; returns its size. `function`: the
    /// payload is a function, which grammers decodes bare (`deserializable-functions` reads
    /// the fields after the constructor id, which its server-side caller has already read).
    fn check<O, T>(name: &str, ours: &O, theirs: &T, function: bool) -> usize
    where
        O: tl_types::Serializable + tl_types::Deserializable + PartialEq + Debug,
        T: grammers_tl_types::Serializable + grammers_tl_types::Deserializable + PartialEq + Debug,
    {
        let ours_bytes = tl_types::Serializable::to_bytes(ours);
        let theirs_bytes = grammers_tl_types::Serializable::to_bytes(theirs);
        if ours_bytes != theirs_bytes {
            let at = ours_bytes
                .iter()
                .zip(&theirs_bytes)
                .position(|(a, b)| a != b)
                .unwrap_or(ours_bytes.len().min(theirs_bytes.len()));
            let window = |b: &[u8]| b[at.saturating_sub(8)..(at + 24).min(b.len())].to_vec();
            panic!(
                "{name}: encodings differ at offset {at} (ours {} bytes, grammers {} bytes)\n\
                 ours     [{}..]: {:02x?}\ngrammers [{}..]: {:02x?}",
                ours_bytes.len(),
                theirs_bytes.len(),
                at.saturating_sub(8),
                window(&ours_bytes),
                at.saturating_sub(8),
                window(&theirs_bytes),
            );
        }
        let bytes = ours_bytes;
        assert_eq!(bytes.len() % 4, 0, "{name}: not a multiple of 4 bytes");

        // Ours decodes grammers' bytes, into the value we built, and re-encodes them.
        let decoded = <O as tl_types::Deserializable>::from_bytes(&theirs_bytes)
            .unwrap_or_else(|e| panic!("{name}: ours cannot decode grammers' bytes: {e}"));
        assert_eq!(&decoded, ours, "{name}: ours decoded a different value");
        assert_eq!(
            tl_types::Serializable::to_bytes(&decoded),
            bytes,
            "{name}: ours re-encodes differently"
        );

        // Grammers decodes our bytes, into the value it built, and re-encodes them.
        let body = if function { &bytes[4..] } else { &bytes[..] };
        let mut cursor = grammers_tl_types::Cursor::from_slice(body);
        let decoded = <T as grammers_tl_types::Deserializable>::deserialize(&mut cursor)
            .unwrap_or_else(|e| panic!("{name}: grammers cannot decode our bytes: {e:?}"));
        assert_eq!(
            cursor.pos(),
            body.len(),
            "{name}: grammers left bytes unread"
        );
        assert_eq!(
            &decoded, theirs,
            "{name}: grammers decoded a different value"
        );
        assert_eq!(
            grammers_tl_types::Serializable::to_bytes(&decoded),
            bytes,
            "{name}: grammers re-encodes differently"
        );

        println!(
            "{name:<20} {:>8} bytes: identical, cross-decoded",
            bytes.len()
        );
        bytes.len()
    }

    pub fn run() {
        let a = check(
            "messages.messages",
            &payloads::ours_a(),
            &payloads::theirs_a(),
            false,
        );
        let b = check(
            "updates.difference",
            &payloads::ours_b(),
            &payloads::theirs_b(),
            false,
        );
        let c = check(
            "auth.sendCode",
            &payloads::ours_c(),
            &payloads::theirs_c(),
            true,
        );
        let d = check(
            "upload.file",
            &payloads::ours_d(),
            &payloads::theirs_d(),
            false,
        );
        assert!(
            (15_000..=40_000).contains(&a),
            "messages.messages is {a} bytes, expected about 25 KB"
        );
        assert!(b > 5_000, "updates.difference is only {b} bytes");
        assert!(c > 50, "auth.sendCode is only {c} bytes");
        assert!(d > payloads::UPLOAD_LEN, "upload.file is only {d} bytes");
        println!("4 payloads identical on the wire");
    }
}
