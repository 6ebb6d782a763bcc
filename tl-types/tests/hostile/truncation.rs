//! Truncated and random input: every prefix fails, nothing panics.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tl_types::{
    BOOL_FALSE_ID, BOOL_TRUE_ID, DEFAULT_MAX_DEPTH, DecodeErrorKind, DecodeOptions, Deserializable,
    Reader, Serializable, VECTOR_ID, enums,
};

use crate::full_values::{full_message, full_messages, full_user};
use crate::support::*;

fn assert_every_prefix_fails<T>(name: &str, bytes: &[u8])
where
    T: Deserializable + Serializable + PartialEq + std::fmt::Debug,
{
    let value = T::from_bytes(bytes).unwrap();
    assert_eq!(value.to_bytes(), bytes, "{name} does not round-trip");
    for len in 0..bytes.len() {
        let prefix = &bytes[..len];
        for options in [DecodeOptions::default(), DecodeOptions::strict()] {
            let result = catch_unwind(AssertUnwindSafe(|| decode_with::<T>(prefix, options)));
            let err = match result {
                Ok(Ok(value)) => panic!("{name}: prefix of {len} bytes decoded: {value:?}"),
                Ok(Err(err)) => err,
                Err(_) => panic!("{name}: prefix of {len} bytes panicked: {:02x?}", prefix),
            };
            assert!(
                matches!(
                    *err.kind(),
                    DecodeErrorKind::UnexpectedEnd { .. }
                        | DecodeErrorKind::LengthExceedsInput { .. }
                        | DecodeErrorKind::CountExceedsInput { .. }
                ),
                "{name}: prefix of {len} bytes: {err}"
            );
            assert!(err.offset() <= len, "{name}: prefix of {len} bytes: {err}");
            let _ = err.to_string();
        }
    }
}

#[test]
fn every_prefix_of_a_valid_encoding_fails() {
    let messages = full_messages().to_bytes();
    assert!(messages.len() > 1_000, "{} bytes", messages.len());
    assert_every_prefix_fails::<enums::messages::Messages>("messages.messages", &messages);
    assert_every_prefix_fails::<enums::User>("user with all flags", &full_user(9).to_bytes());
    assert_every_prefix_fails::<enums::Message>(
        "message with all flags",
        &full_message(4).to_bytes(),
    );
    let deep = nested_bold(DEFAULT_MAX_DEPTH as usize - 1);
    assert_every_prefix_fails::<enums::RichText>("deepest RichText", &deep);
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 33) as usize % n
    }

    fn u32(&mut self) -> u32 {
        (self.next() >> 32) as u32
    }
}

/// Every constructor id of the schema the crate was built from.
fn schema_ids() -> Vec<u32> {
    let schema = concat!(
        include_str!("../../schema/api.tl"),
        "\n",
        include_str!("../../schema/mtproto.tl")
    );
    let mut ids: Vec<u32> = schema
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter_map(|line| {
            let name = line.split_whitespace().next()?;
            let (_, hex) = name.split_once('#')?;
            u32::from_str_radix(hex, 16).ok()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A word that is likely to steer decoding somewhere interesting.
fn interesting_word(rng: &mut Rng, ids: &[u32]) -> u32 {
    match rng.below(10) {
        0..=3 => ids[rng.below(ids.len())],
        4 => VECTOR_ID,
        5 => rng.below(6) as u32,
        6 => u32::from_le_bytes([0xfe, rng.below(256) as u8, rng.below(4) as u8, 0]),
        7 => u32::from_le_bytes([rng.below(12) as u8, b'a', 0xff, 0]),
        8 => [BOOL_TRUE_ID, BOOL_FALSE_ID, 0xffff_ffff, 0x7fff_ffff][rng.below(4)],
        _ => rng.u32(),
    }
}

/// Decodes `input` as `T` under `options`: must not panic; an error must point inside the
/// input; a success must re-encode to bytes that decode to the same encoding.
fn fuzz_one<T: Deserializable + Serializable>(input: &[u8], options: DecodeOptions) -> bool {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut reader = Reader::with_options(input, options);
        let value = T::deserialize(&mut reader);
        (value, reader.position())
    }));
    match result {
        Err(_) => panic!(
            "{} panicked on {:02x?} with {options:?}",
            std::any::type_name::<T>(),
            input
        ),
        Ok((Err(err), _)) => {
            assert!(err.offset() <= input.len(), "{err} for {input:02x?}");
            let _ = err.to_string();
            false
        }
        Ok((Ok(value), consumed)) => {
            assert!(consumed <= input.len());
            let encoded = value.to_bytes();
            let again = T::from_bytes(&encoded).unwrap_or_else(|err| {
                panic!(
                    "{}: re-encoding of {:02x?} does not decode: {err}",
                    std::any::type_name::<T>(),
                    &input[..consumed]
                )
            });
            assert_eq!(again.to_bytes(), encoded, "{input:02x?}");
            true
        }
    }
}

fn fuzz_all(input: &[u8], decoded: &mut usize) {
    for options in [DecodeOptions::default(), DecodeOptions::strict()] {
        let oks = [
            fuzz_one::<enums::RichText>(input, options),
            fuzz_one::<enums::messages::Messages>(input, options),
            fuzz_one::<enums::Message>(input, options),
            fuzz_one::<enums::User>(input, options),
            fuzz_one::<enums::Updates>(input, options),
            fuzz_one::<enums::updates::Difference>(input, options),
            fuzz_one::<enums::JsonValue>(input, options),
            fuzz_one::<enums::Config>(input, options),
            fuzz_one::<enums::ReplyMarkup>(input, options),
            fuzz_one::<enums::FutureSalts>(input, options),
            fuzz_one::<enums::TlsClientHello>(input, options),
            fuzz_one::<enums::TlsBlock>(input, options),
            fuzz_one::<enums::ResPq>(input, options),
            fuzz_one::<Vec<enums::Message>>(input, options),
            fuzz_one::<Vec<i64>>(input, options),
            fuzz_one::<String>(input, options),
            fuzz_one::<bool>(input, options),
        ];
        *decoded += oks.iter().filter(|&&ok| ok).count();
    }
}

#[test]
fn random_input_never_panics() {
    let ids = schema_ids();
    assert!(ids.len() > 100, "{} ids", ids.len());
    let seeds = [
        full_messages().to_bytes(),
        full_user(1).to_bytes(),
        full_message(2).to_bytes(),
        nested_bold(20),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut decoded = 0;
    for i in 0..20_000u32 {
        let input = if i.is_multiple_of(2) {
            // Words: mostly schema ids, vector ids, small counts and length prefixes.
            let words = rng.below(48);
            let mut input: Vec<u8> = (0..words)
                .flat_map(|_| interesting_word(&mut rng, &ids).to_le_bytes())
                .collect();
            if rng.below(4) == 0 {
                let len = rng.below(input.len() + 1);
                input.truncate(len);
            }
            input
        } else {
            // A valid encoding with a few words or bytes changed.
            let mut input = seeds[rng.below(seeds.len())].clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(input.len() / 4) * 4;
                if rng.below(2) == 0 {
                    let word = interesting_word(&mut rng, &ids);
                    input[at..at + 4].copy_from_slice(&word.to_le_bytes());
                } else {
                    input[at + rng.below(4)] = rng.u32() as u8;
                }
            }
            if rng.below(8) == 0 {
                let len = rng.below(input.len() + 1);
                input.truncate(len);
            }
            input
        };
        fuzz_all(&input, &mut decoded);
    }
    println!("random input: 20000 inputs, {decoded} successful decodes");
    assert!(
        decoded > 100,
        "the generator never produced valid input: {decoded}"
    );
}
