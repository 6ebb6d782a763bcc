//! Which td_api.tl functions TDLib's `td_execute` runs: one rule for the TDLib tests and for
//! tl-tests' build script, which generates bindings of exactly those (`#[path]` in both).

use tl_parser::{Category, Definition};

/// What td_api.tl says of the functions `td_execute` runs.
pub const SYNCHRONOUS: &str = "Can be called synchronously";

/// Whether td_api.tl documents `def` as callable synchronously.
pub fn is_synchronous(def: &Definition) -> bool {
    def.category == Category::Function && def.docs.iter().any(|line| line.contains(SYNCHRONOUS))
}
