//! The bindings of the bundled schema ship pre-generated in `src/generated.rs`, so that a
//! default dependency on tl-types builds no generator. This keeps the file what the current
//! generator makes of `schema/`, and the default build free of build-dependencies.
//!
//! After a change to the generator or to `schema/`, refresh the file with
//!
//!     UPDATE_BINDINGS=1 cargo test -p tl-types --test bundled_bindings
//!
//! and look at its diff.

use std::path::{Path, PathBuf};
use std::process::Command;

include!("../bundled_config.rs");

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shipped_bindings_are_what_the_generator_makes_of_the_schema() {
    let schema = crate_dir().join("schema");
    let files = tl_codegen::schema_files_in(&schema).unwrap();
    let code = bundled_config(&schema)
        .generate(&files)
        .unwrap_or_else(|e| panic!("{e}"));
    let shipped_path = crate_dir().join("src/generated.rs");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&shipped_path, &code).unwrap();
        return;
    }
    let shipped = std::fs::read_to_string(&shipped_path).unwrap();
    if shipped != code {
        let line = first_difference(&shipped, &code);
        panic!(
            "src/generated.rs is not what the generator makes of schema/ (from line {line} \
             on: shipped {:?}, generated {:?}); refresh it with\n\n    \
             UPDATE_BINDINGS=1 cargo test -p tl-types --test bundled_bindings\n",
            shipped.lines().nth(line - 1).unwrap_or("<end of file>"),
            code.lines().nth(line - 1).unwrap_or("<end of file>"),
        );
    }
}

/// The number (from 1) of the first line where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    let mut a_lines = a.lines();
    let mut b_lines = b.lines();
    let mut line = 1;
    while a_lines.next() == b_lines.next() {
        line += 1;
    }
    line
}

/// `cargo tree` of a crate depending on tl-types with `features`: the crates its build needs,
/// build-dependencies included.
fn tree_of_a_dependent(name: &str, features: &[&str]) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\ntl-types = {{ path = {:?} }}\n",
        crate_dir().display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    // The workspace's lock file: resolving needs no network, and picks what the workspace uses.
    let lock: PathBuf = crate_dir().join("../Cargo.lock");
    std::fs::copy(lock, dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "--offline", "-e", "normal,build"])
        .args(features.iter().flat_map(|f| ["--features", f]))
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The crate names of a `cargo tree` output, without the tree's lines, versions and sources.
fn crate_names(tree: &str) -> Vec<&str> {
    tree.lines()
        .map(|line| line.trim_start_matches(['│', '├', '└', '─', ' ']))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| !name.starts_with('['))
        .collect()
}

#[test]
fn a_default_dependency_has_no_build_dependencies() {
    let tree = tree_of_a_dependent("default-dependent", &[]);
    assert!(!tree.contains("[build-dependencies]"), "{tree}");
    assert_eq!(
        crate_names(&tree),
        ["default-dependent", "tl-types"],
        "{tree}"
    );

    // The check sees build-dependencies where there are some: the `generate` feature.
    let tree = tree_of_a_dependent("generating-dependent", &["tl-types/generate"]);
    assert!(tree.contains("[build-dependencies]"), "{tree}");
    assert!(crate_names(&tree).contains(&"tl-codegen"), "{tree}");
}
