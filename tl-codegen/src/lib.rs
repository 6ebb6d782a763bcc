//! Generates Rust from TL schemas.

pub mod check;
