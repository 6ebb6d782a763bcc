//! Support for the end-to-end tests in `tests/` and the benchmarks in `benches/`: sample
//! values of every definition of our schema and, when `TL_CORPUS` was set at build time,
//! the complete grammers layer 230 (bindings and samples).

/// Samples of the project's schema, for the bindings in `tl_types`.
pub mod ours {
    pub use tl_types::{enums, functions, types};
    include!(concat!(env!("OUT_DIR"), "/ours_samples.rs"));
}

/// Layer 230 as grammers-tl-types 0.11.0 has it (grammers/api.tl + mtproto.tl), generated
/// by our generator, with samples.
#[cfg(grammers_layer)]
pub mod grammers {
    include!(concat!(env!("OUT_DIR"), "/grammers.rs"));
}

/// Whether the grammers layer was built (TL_CORPUS was set at build time).
pub const HAS_GRAMMERS_LAYER: bool = cfg!(grammers_layer);
