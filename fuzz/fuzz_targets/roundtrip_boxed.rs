//! Fuzz target for decode -> encode -> decode stability over layer 230 (`tl_tests::grammers`).
//!
//! The first two input bytes (little-endian `u16`, modulo the number of boxed types) choose a
//! boxed type of `tl_tests::grammers::samples::BOXED_TYPES`; the rest goes to
//! `samples::decode_stable`, which decodes it (default options, all input used) and, if that
//! succeeds, encodes the value, decodes the encoding and asserts that it decodes and re-encodes
//! to the same bytes (panicking otherwise). Decode errors are fine; a panic, a stack overflow,
//! a timeout or an excessive allocation is a bug.
//!
//! Build with `TL_CORPUS` set (see README.md), or the layer does not exist.
#![no_main]

#[cfg(not(grammers_layer))]
compile_error!(
    "roundtrip_boxed needs the layer-230 bindings of tl-tests: build with TL_CORPUS=../../shared/schema \
     (or an absolute path to the corpus) exported, see fuzz/README.md"
);

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        if !tl_tests::HAS_GRAMMERS_LAYER {
            panic!("tl-tests was built without the grammers layer: build with TL_CORPUS=../../shared/schema");
        }
    },
    |data: &[u8]| {
        let Some((head, rest)) = data.split_first_chunk::<2>() else {
            return;
        };
        let index = usize::from(u16::from_le_bytes(*head));
        #[cfg(grammers_layer)]
        let _ = tl_tests::grammers::samples::decode_stable(index, rest);
        #[cfg(not(grammers_layer))]
        let _ = (index, rest);
    }
);
