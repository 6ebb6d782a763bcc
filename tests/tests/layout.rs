//! The shape of the sources a newcomer reads: in `src/` of every crate, no file over 700
//! lines, no function over 80 lines, and no two files that import each other (a file's `use`
//! naming a module kept in another file, and back; a `pub use` re-export is a module's
//! facade, not a dependency of its code, and does not count).
//!
//! Generated files (a first line `// @generated`, as tl-types' shipped bindings) are not read
//! by people and are left out.
//!
//! The checks read rustfmt-formatted source as text: a function starts at a line with `fn`
//! and ends at the first later line that closes a brace at the same indentation, which rustfmt
//! guarantees.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: [&str; 4] = ["tl-parser", "tl-codegen", "tl-types", "tl-json"];
const MAX_FILE_LINES: usize = 700;
const MAX_FN_LINES: usize = 80;

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable source directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn sources() -> Vec<(String, PathBuf, String)> {
    let root = tl_tests::workspace_root();
    CRATES
        .iter()
        .flat_map(|krate| {
            let src = root.join(krate).join("src");
            rust_files(&src).into_iter().map(move |path| {
                let text = std::fs::read_to_string(&path).expect("readable source file");
                let name = path.strip_prefix(tl_tests::workspace_root()).unwrap();
                (krate.to_string(), name.to_path_buf(), text)
            })
        })
        .filter(|(_, _, text)| !text.starts_with("// @generated"))
        .collect()
}

/// The module path of a source file inside its crate: `src/a/mod.rs` and `src/a.rs` are
/// `a`, `src/lib.rs` and `src/main.rs` are the root (empty).
fn module_of(path: &Path) -> Vec<String> {
    let parts: Vec<String> = path
        .iter()
        .skip(2) // the crate directory and `src`
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    match parts.as_slice() {
        [only] if only == "lib" || only == "main" => Vec::new(),
        [parent @ .., last] if last == "mod" => parent.to_vec(),
        _ => parts,
    }
}

/// Functions longer than `MAX_FN_LINES`: (first line number, name, length).
fn long_functions(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(after_fn) = trimmed
            .split_once("fn ")
            .filter(|(before, _)| is_fn_prefix(before))
            .map(|(_, after)| after)
        else {
            continue;
        };
        let indent = line.len() - trimmed.len();
        let name: String = after_fn
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // A declaration without a body (a trait method) ends at its own `;`.
        let end = lines[start..].iter().position(|l| {
            let t = l.trim_start();
            l.len() - t.len() == indent
                && (t.starts_with('}') || (t.ends_with(';') && !t.contains('{')))
        });
        if let Some(end) = end {
            let length = end + 1;
            if length > MAX_FN_LINES {
                long.push((start + 1, name, length));
            }
        }
    }
    long
}

/// Whether the text before `fn ` on a line is only qualifiers (`pub(crate) const unsafe`).
fn is_fn_prefix(before: &str) -> bool {
    before.split_whitespace().all(|word| {
        word == "pub"
            || word.starts_with("pub(")
            || ["const", "async", "unsafe", "extern", "\"C\""].contains(&word)
    })
}

/// The paths that a file's `use` lines name, made absolute against the file's own module path
/// (`crate::a::B` is `a::B`; `super::x` is the parent's `x`; `a::B` is the child `a`'s `B`).
fn imported_paths(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let mut imported = BTreeSet::new();
    // Unit tests (`#[cfg(test)] mod tests`, last in a file by convention) import their own
    // file's module through `super`.
    for line in text.lines().take_while(|l| !l.starts_with("#[cfg(test)]")) {
        let line = line.trim_start();
        // `pub use` re-exports make a module's facade, not a dependency of its code.
        let Some(path) = line.strip_prefix("use ") else {
            continue;
        };
        let path: Vec<&str> = path
            .split(['{', ';', ' '])
            .next()
            .unwrap_or("")
            .split("::")
            .filter(|s| !s.is_empty())
            .collect();
        let absolute: Vec<String> = match path.first() {
            Some(&"crate") => path[1..].iter().map(|s| s.to_string()).collect(),
            Some(&"super") => {
                let mut base = module.to_vec();
                let mut rest = &path[..];
                while rest.first() == Some(&"super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().map(|s| s.to_string()));
                base
            }
            Some(&"self") => {
                let mut base = module.to_vec();
                base.extend(path[1..].iter().map(|s| s.to_string()));
                base
            }
            // A path relative to the file's module names a child module (`use error::Error`
            // in lib.rs), or another crate, which no module of this one matches.
            Some(_) => {
                let mut base = module.to_vec();
                base.extend(path.iter().map(|s| s.to_string()));
                base
            }
            None => continue,
        };
        imported.insert(absolute);
    }
    imported
}

#[test]
fn no_source_file_is_over_the_limit() {
    let over: Vec<String> = sources()
        .iter()
        .filter(|(_, _, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(_, path, text)| format!("{}: {} lines", path.display(), text.lines().count()))
        .collect();
    assert!(
        over.is_empty(),
        "files over {MAX_FILE_LINES} lines:\n{}",
        over.join("\n")
    );
}

#[test]
fn no_function_is_over_the_limit() {
    let mut over = Vec::new();
    for (_, path, text) in sources() {
        for (line, name, length) in long_functions(&text) {
            over.push(format!(
                "{}:{line}: fn {name}: {length} lines",
                path.display()
            ));
        }
    }
    assert!(
        over.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        over.join("\n")
    );
}

#[test]
fn no_two_source_files_import_each_other() {
    let files = sources();
    // (crate, module) -> the modules it imports, reduced to modules that are files.
    let modules: BTreeSet<(String, Vec<String>)> = files
        .iter()
        .map(|(krate, path, _)| (krate.clone(), module_of(path)))
        .collect();
    let file_of = |krate: &str, path: &[String]| -> Option<Vec<String>> {
        // The longest prefix of the path that is a module kept in a file of its own.
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|prefix| modules.contains(&(krate.to_string(), prefix.clone())))
    };
    let mut edges: BTreeMap<(String, Vec<String>), BTreeSet<Vec<String>>> = BTreeMap::new();
    for (krate, path, text) in &files {
        let module = module_of(path);
        for imported in imported_paths(&module, text) {
            if let Some(target) = file_of(krate, &imported).filter(|t| *t != module) {
                edges
                    .entry((krate.clone(), module.clone()))
                    .or_default()
                    .insert(target);
            }
        }
    }
    let mut cycles = Vec::new();
    for ((krate, from), targets) in &edges {
        for to in targets {
            let back = edges.get(&(krate.clone(), to.clone()));
            if from < to && back.is_some_and(|b| b.contains(from)) {
                cycles.push(format!(
                    "{krate}: {} <-> {}",
                    from.join("::"),
                    to.join("::")
                ));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "source files that import each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_checks_find_what_they_look_for() {
    let body = "    x += 1;\n".repeat(MAX_FN_LINES);
    let long = format!("pub(crate) fn long() {{\n{body}}}\n\nfn short() {{\n}}\n");
    let found = long_functions(&long);
    assert_eq!(found, vec![(1, "long".to_string(), MAX_FN_LINES + 2)]);

    let module = vec!["resolve".to_string(), "plan".to_string()];
    let imported = imported_paths(
        &module,
        "use crate::model::{Ty, Field};\nuse super::boxing;\nuse std::fmt;\n",
    );
    let expected: BTreeSet<Vec<String>> = [
        vec!["model"],
        vec!["resolve", "boxing"],
        vec!["resolve", "plan", "std", "fmt"],
    ]
    .into_iter()
    .map(|p| p.into_iter().map(String::from).collect())
    .collect();
    assert_eq!(imported, expected);
    assert_eq!(
        module_of(Path::new("tl-codegen/src/resolve/mod.rs")),
        ["resolve"]
    );
    assert!(module_of(Path::new("tl-codegen/src/lib.rs")).is_empty());
}
