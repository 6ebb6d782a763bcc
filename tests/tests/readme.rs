//! The documentation as a newcomer uses it: every dependency line it shows resolves to this
//! repository (the names `tl-types`, `tl-codegen` and `tl-parser` on crates.io belong to
//! unrelated projects), and the README's quickstart crate builds exactly as written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const OUR_CRATES: [&str; 3] = ["tl-types", "tl-codegen", "tl-parser"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_owned()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `workspace.package.repository` of the root Cargo.toml: the one URL git dependencies name.
fn repository() -> String {
    let manifest = read(&workspace_root().join("Cargo.toml"));
    manifest
        .lines()
        .find_map(|line| {
            let value = line
                .strip_prefix("repository")?
                .trim_start()
                .strip_prefix('=')?;
            Some(value.trim().trim_matches('"').to_owned())
        })
        .expect("the root Cargo.toml declares workspace.package.repository")
}

/// The documents a user copies dependency lines from: every Markdown file of the root, `docs/`
/// and `fuzz/`, and the crate-level docs (`//!`) of each crate's lib.rs.
fn documents() -> Vec<(String, String)> {
    let root = workspace_root();
    let mut docs = Vec::new();
    for dir in ["", "docs", "fuzz"] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            docs.push((name, read(&path)));
        }
    }
    for krate in OUR_CRATES {
        let name = format!("{krate}/src/lib.rs");
        let text = read(&root.join(&name));
        let crate_docs: Vec<&str> = text
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("//!"))
            .collect();
        docs.push((name, crate_docs.join("\n")));
    }
    docs
}

/// A dependency on one of our crates that a document shows, and whether it names its source.
#[derive(Debug, PartialEq)]
struct Dependency {
    line: usize,
    text: String,
    from_repository: bool,
}

/// Every place `text` depends on one of our crates: `name = ...` (inline), a
/// `[dependencies.name]` table, or a `cargo add`/`cargo install` command. Only a `git` or
/// `path` source (or `workspace = true`, which our workspace maps to paths) keeps Cargo off
/// crates.io.
fn dependencies(text: &str) -> Vec<Dependency> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let from_repository = if is_cargo_command(line) {
            Some(line.contains("--git") || line.contains("--path"))
        } else if is_dependency_table(line) {
            let keys = lines[index + 1..]
                .iter()
                .take_while(|l| !l.trim_start().starts_with(['[', '`']));
            Some(keys.clone().any(|l| names_source(l.trim_start())))
        } else {
            inline_dependency(line)
        };
        if let Some(from_repository) = from_repository {
            found.push(Dependency {
                line: index + 1,
                text: line.trim().to_owned(),
                from_repository,
            });
        }
    }
    found
}

fn names_source(key_value: &str) -> bool {
    ["git", "path", "workspace"].iter().any(|key| {
        key_value
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

fn is_cargo_command(line: &str) -> bool {
    (line.contains("cargo add ") || line.contains("cargo install "))
        && OUR_CRATES.iter().any(|c| line.contains(c))
}

fn is_dependency_table(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('[')
        && line.contains("dependencies.")
        && OUR_CRATES.iter().any(|c| line.ends_with(&format!(".{c}]")))
}

/// Whether `crate = value` or `crate.key = value` on this line names a source other than
/// crates.io, when the line has such a dependency.
fn inline_dependency(line: &str) -> Option<bool> {
    OUR_CRATES.iter().find_map(|krate| {
        line.match_indices(krate).find_map(|(at, _)| {
            let before = &line[..at];
            if before.ends_with(|c: char| c.is_alphanumeric() || "-_.".contains(c)) {
                return None;
            }
            let after = line[at + krate.len()..].trim_start();
            let (key, rest) = match after.strip_prefix('.') {
                Some(dotted) => dotted.split_once('=')?,
                None => ("", after.strip_prefix('=')?),
            };
            let value = rest.trim_start();
            if rest.starts_with('=') || value.is_empty() {
                return None;
            }
            Some(match key.trim() {
                "" => {
                    value.starts_with('{')
                        && value[1..]
                            .split(',')
                            .any(|kv| names_source(kv.trim_start()))
                }
                // `tl-types.git = "..."` is `tl-types = { git = "..." }`.
                key => names_source(&format!("{key} =")),
            })
        })
    })
}

#[test]
fn the_scanner_tells_crates_io_lines_from_repository_lines() {
    let cases = [
        (r#"tl-types = "0.1""#, false),
        (
            r#"tl-codegen = { version = "0.1", default-features = false }"#,
            false,
        ),
        (
            "with `tl-parser = { version = \"0.1\" }` as a dependency",
            false,
        ),
        (r#"tl-types.version = "0.1""#, false),
        (
            "[build-dependencies.tl-codegen]\nversion = \"0.1\"\n",
            false,
        ),
        ("cargo add tl-types", false),
        (
            r#"tl-types = { git = "https://example.org/x", default-features = false }"#,
            true,
        ),
        (
            r#"tl-codegen = { default-features = false, path = "../tl-codegen" }"#,
            true,
        ),
        ("tl-parser.workspace = true", true),
        (
            "[dependencies.tl-types]\ngit = \"https://example.org/x\"\n",
            true,
        ),
        ("cargo add --git https://example.org/x tl-types", true),
    ];
    for (text, expected) in cases {
        let found = dependencies(text);
        assert_eq!(found.len(), 1, "one dependency in {text:?}: {found:?}");
        assert_eq!(found[0].from_repository, expected, "{text:?}");
    }
    for text in [
        "my-tl-types = \"1\"",
        "tl-types == 3",
        "the tl-types crate",
        "tl-types =",
    ] {
        assert_eq!(dependencies(text), [], "no dependency in {text:?}");
    }
}

#[test]
fn every_documented_dependency_resolves_to_this_repository() {
    let repository = repository();
    let mut problems = Vec::new();
    let mut in_readme = 0;
    for (name, text) in documents() {
        for dependency in dependencies(&text) {
            in_readme += usize::from(name == "README.md");
            let location = format!("{name}:{}: {}", dependency.line, dependency.text);
            if !dependency.from_repository {
                problems.push(format!(
                    "{location}\n  resolves to crates.io (no git or path)"
                ));
            } else if dependency.text.contains("git") && !dependency.text.contains(&repository) {
                problems.push(format!(
                    "{location}\n  names another repository than {repository}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        in_readme >= 2,
        "README.md shows the quickstart's two dependency lines"
    );
}

/// The code blocks of README.md marked `<!-- quickstart: FILE -->`, as (file, content).
fn quickstart_files(readme: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(file) = line
            .trim()
            .strip_prefix("<!-- quickstart:")
            .and_then(|rest| rest.strip_suffix("-->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap_or_default();
        assert!(
            fence.starts_with("```"),
            "a code block follows the {file} marker"
        );
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        files.push((file.trim().to_owned(), body.join("\n") + "\n"));
    }
    files
}

/// The one change to the quickstart: its git dependencies become path dependencies on this
/// checkout, so that the test builds offline what a user would fetch.
fn with_local_dependencies(manifest: &str, repository: &str, root: &Path) -> (String, usize) {
    let git = format!("git = \"{repository}\"");
    let mut replaced = 0;
    let lines: Vec<String> = manifest
        .lines()
        .map(
            |line| match OUR_CRATES.iter().find(|c| line.starts_with(*c)) {
                Some(krate) if line.contains(&git) => {
                    replaced += 1;
                    let path = root.join(krate);
                    line.replace(&git, &format!("path = '{}'", path.display()))
                }
                _ => line.to_owned(),
            },
        )
        .collect();
    (lines.join("\n") + "\n", replaced)
}

#[test]
fn the_readme_quickstart_builds_as_written() {
    let root = workspace_root();
    let files = quickstart_files(&read(&root.join("README.md")));
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Cargo.toml", "build.rs", "src/lib.rs"]);

    // Under the workspace's target/ (which the workspace excludes), so reruns reuse the build.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme-quickstart");
    let _ = fs::remove_dir_all(dir.join("src"));
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("tl")).unwrap();
    for (name, content) in &files {
        let content = if name == "Cargo.toml" {
            let (manifest, replaced) = with_local_dependencies(content, &repository(), &root);
            assert_eq!(replaced, 2, "tl-types and tl-codegen from {}", repository());
            manifest
        } else {
            content.clone()
        };
        fs::write(dir.join(name), content).unwrap();
    }
    // The schema the quickstart asks for, in tl/: the bundled one.
    for schema in ["api.tl", "mtproto.tl"] {
        fs::copy(
            root.join("schema").join(schema),
            dir.join("tl").join(schema),
        )
        .unwrap();
    }
    // The workspace's lock file, so that the offline build picks the versions already built.
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the quickstart of README.md does not build:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_readme_commands_are_the_ones_ci_runs() {
    let root = workspace_root();
    let readme = read(&root.join("README.md"));
    let commands: Vec<&str> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("    "))
        .collect();
    for command in [
        "cargo run -p tl-codegen schema/api.tl",
        "cargo test --workspace",
    ] {
        assert!(commands.contains(&command), "README.md shows `{command}`");
    }
    let ci = read(&root.join(".ci/run"));
    assert!(
        ci.lines()
            .any(|line| line.trim() == "cargo test --workspace"),
        ".ci/run runs the README's test command"
    );
}
