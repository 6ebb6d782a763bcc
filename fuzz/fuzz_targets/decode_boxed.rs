//! Fuzz target for the generated decoders of layer 230 (`tl_tests::grammers`).
//!
//! The first two input bytes (little-endian `u16`, modulo the number of boxed types) choose a
//! boxed type of `tl_tests::grammers::samples::BOXED_TYPES`; the rest is decoded as that type,
//! requiring all input to be used, once with `DecodeOptions::default()` and once with
//! `DecodeOptions::strict()`. Errors are fine; a panic, a stack overflow, a timeout or an
//! allocation beyond `-rss_limit_mb`/`-malloc_limit_mb` is a bug. One more check: strict mode
//! only adds reasons to reject, so input that decodes in strict mode must decode by default.
//!
//! Build with `TL_CORPUS` set (see README.md), or the layer does not exist.
#![no_main]

#[cfg(not(grammers_layer))]
compile_error!(
    "decode_boxed needs the layer-230 bindings of tl-tests: build with TL_CORPUS=../../shared/schema \
     (or an absolute path to the corpus) exported, see fuzz/README.md"
);

use libfuzzer_sys::fuzz_target;

#[cfg(grammers_layer)]
use tl_tests::grammers::samples;
use tl_types::DecodeOptions;

fuzz_target!(
    init: {
        if !tl_tests::HAS_GRAMMERS_LAYER {
            panic!("tl-tests was built without the grammers layer: build with TL_CORPUS=../../shared/schema");
        }
    },
    |data: &[u8]| {
        let Some((index, rest)) = split(data) else {
            return;
        };
        check(index, rest);
    }
);

/// The boxed type index (first two bytes, little-endian) and the bytes to decode.
fn split(data: &[u8]) -> Option<(usize, &[u8])> {
    let (head, rest) = data.split_first_chunk::<2>()?;
    Some((usize::from(u16::from_le_bytes(*head)), rest))
}

#[cfg(grammers_layer)]
fn check(index: usize, rest: &[u8]) {
    let lenient = samples::decode(index, rest, DecodeOptions::default());
    let strict = samples::decode(index, rest, DecodeOptions::strict());
    if let (Ok(()), Err(e)) = (&strict, &lenient) {
        panic!(
            "{}: decodes in strict mode but not by default: {e}",
            samples::BOXED_TYPES[index % samples::BOXED_TYPES.len()]
        );
    }
}

#[cfg(not(grammers_layer))]
fn check(_: usize, _: &[u8]) {
    let _ = DecodeOptions::default();
}
