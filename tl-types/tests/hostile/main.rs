//! Untrusted bytes: decoding that never panics, aborts or over-allocates.
//!
//! * nesting: deep input fails with `TooDeep` instead of overflowing the stack, on small
//!   stacks too, and `DecodeOptions::max_depth` moves the limit;
//! * allocation: impossible lengths and counts fail before anything is allocated, measured
//!   with a counting global allocator;
//! * the policies of the crate documentation: trailing bytes, invalid UTF-8, padding, `Bool`,
//!   undefined flag bits;
//! * error messages, truncated input and random input.
//!
//! The stack cost of one nesting level is measured by an ignored test (`stack.rs`) that re-runs this
//! binary as a child process (a stack overflow aborts the process):
//!
//! ```text
//! cargo test -p tl-types --test hostile -- --ignored --nocapture
//! cargo test -p tl-types --test hostile --release -- --ignored --nocapture
//! ```

mod allocation;
mod counting;
mod full_values;
mod messages;
mod nesting;
mod policies;
mod stack;
mod support;
mod truncation;
