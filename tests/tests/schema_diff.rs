//! The schema diff (docs/schema-diff.md).
//!
//! Acceptance 1: on Telegram's layers 195 to 214 and 214 to 230 of the corpus (`TL_CORPUS`),
//! mtproto.tl included, what `Config::diff` finds agrees with a count made here from the text,
//! line by line, without the parser or the diff; and both give the figures that
//! docs/schema-diff.md states.
//!
//! Acceptance 2: the pair `tests/schema/diff-old.tl` and `diff-new.tl` has a definition per
//! kind of change, each with its impact asserted; `tests/client/diff_cases.rs`, a user program
//! type-checked against the bindings of both, proves the compatible and breaking classes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tl_codegen::diff::{Entry, Impact, SchemaDiff};

/// The figures of docs/schema-diff.md for one pair of layers.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    added: (usize, usize),
    removed: (usize, usize),
    id_changed: usize,
    constructors_with_other_fields: usize,
    gained_required_field: usize,
    types_added: usize,
    types_removed: usize,
    types_gaining: usize,
    types_losing: usize,
}

#[test]
fn diff_of_layers_195_to_214_agrees_with_a_line_count() {
    check_pair(
        "diff_of_layers_195_to_214_agrees_with_a_line_count",
        ["telegram/api-layer195.tl", "telegram/mtproto.tl"],
        ["telegram/api.tl", "telegram/mtproto.tl"],
        &Figures {
            added: (111, 56),
            removed: (12, 6),
            id_changed: 77,
            constructors_with_other_fields: 47,
            gained_required_field: 10,
            types_added: 41,
            types_removed: 8,
            types_gaining: 20,
            types_losing: 2,
        },
    );
}

#[test]
fn diff_of_layers_214_to_230_agrees_with_a_line_count() {
    check_pair(
        "diff_of_layers_214_to_230_agrees_with_a_line_count",
        ["telegram/api.tl", "telegram/mtproto.tl"],
        ["grammers/api.tl", "grammers/mtproto.tl"],
        &Figures {
            added: (245, 131),
            removed: (20, 8),
            id_changed: 97,
            constructors_with_other_fields: 97,
            gained_required_field: 17,
            types_added: 92,
            types_removed: 0,
            types_gaining: 29,
            types_losing: 3,
        },
    );
}

/// docs/examples/changelog-214-230.md is the diff's Markdown of layers 214 to 230, as it is now.
#[test]
fn the_example_changelog_is_current() {
    let Some(corpus) = tl_tests::corpus("the_example_changelog_is_current") else {
        return;
    };
    let diff = corpus_diff(
        &corpus,
        ["telegram/api.tl", "telegram/mtproto.tl"],
        ["grammers/api.tl", "grammers/mtproto.tl"],
    );
    let path = tl_tests::workspace_root().join("docs/examples/changelog-214-230.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        diff.to_markdown() == committed,
        "{} is not the diff's output; regenerate it with\n\
         cargo run -p tl-codegen -- diff --accept-known-mismatches $TL_CORPUS/telegram/api.tl \
         $TL_CORPUS/telegram/mtproto.tl -- $TL_CORPUS/grammers/api.tl $TL_CORPUS/grammers/mtproto.tl \
         > docs/examples/changelog-214-230.md",
        path.display()
    );
}

fn corpus_diff(corpus: &Path, old: [&str; 2], new: [&str; 2]) -> SchemaDiff {
    let paths = |files: [&str; 2]| files.map(|file| corpus.join(file));
    tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .diff(&paths(old), &paths(new))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn check_pair(test: &str, old: [&str; 2], new: [&str; 2], documented: &Figures) {
    let Some(corpus) = tl_tests::corpus(test) else {
        return;
    };
    let diff = corpus_diff(&corpus, old, new);
    let (before, after) = (Scan::of(&corpus, old), Scan::of(&corpus, new));

    // The same names, not only as many.
    let names = |entries: &[Entry]| -> BTreeSet<(bool, String)> {
        let keys = entries.iter();
        keys.map(|e| (e.category == tl_parser::Category::Function, e.name.clone()))
            .collect()
    };
    let only_in = |a: &Scan, b: &Scan| -> BTreeSet<(bool, String)> {
        a.lines
            .keys()
            .filter(|k| !b.lines.contains_key(*k))
            .cloned()
            .collect()
    };
    assert_eq!(names(&diff.added), only_in(&after, &before), "added");
    assert_eq!(names(&diff.removed), only_in(&before, &after), "removed");

    // Changed in their text: the diff's other changes are of the Rust API alone (boxing).
    let changed_text: BTreeSet<&String> = diff
        .changed
        .iter()
        .filter(|c| c.old.line != c.new.line)
        .map(|c| &c.new.name)
        .collect();
    let scanned_changes: BTreeSet<&String> = before
        .lines
        .iter()
        .filter(|(k, line)| after.lines.get(*k).is_some_and(|l| l != *line))
        .map(|((_, name), _)| name)
        .collect();
    assert_eq!(changed_text, scanned_changes, "changed");

    let figures = Figures {
        added: count_kinds(&diff.added),
        removed: count_kinds(&diff.removed),
        id_changed: diff.changed.iter().filter(|c| c.old.id != c.new.id).count(),
        constructors_with_other_fields: diff
            .changed
            .iter()
            .filter(|c| c.new.category == tl_parser::Category::Type)
            .filter(|c| {
                let f = &c.fields;
                !(f.added.is_empty() && f.removed.is_empty() && f.changed.is_empty())
            })
            .count(),
        gained_required_field: diff
            .changed
            .iter()
            .filter(|c| c.fields.added.iter().any(|f| !f.optional))
            .count(),
        types_added: diff.types.added.len(),
        types_removed: diff.types.removed.len(),
        types_gaining: diff.types.gained.len(),
        types_losing: diff.types.lost.len(),
    };
    let scanned = Figures {
        added: count_keys(&only_in(&after, &before)),
        removed: count_keys(&only_in(&before, &after)),
        id_changed: before
            .ids
            .iter()
            .filter(|(k, id)| after.ids.get(*k).is_some_and(|i| i != *id))
            .count(),
        constructors_with_other_fields: before
            .fields
            .iter()
            .filter(|((function, _), _)| !function)
            .filter(|(k, fields)| after.fields.get(*k).is_some_and(|f| f != *fields))
            .count(),
        gained_required_field: before
            .fields
            .iter()
            .filter(|(k, old_fields)| {
                after.fields.get(*k).is_some_and(|new_fields| {
                    new_fields
                        .iter()
                        .any(|(name, ty)| !ty.contains('?') && !old_fields.contains_key(name))
                })
            })
            .count(),
        types_added: after
            .types
            .keys()
            .filter(|t| !before.types.contains_key(*t))
            .count(),
        types_removed: before
            .types
            .keys()
            .filter(|t| !after.types.contains_key(*t))
            .count(),
        types_gaining: gaining(&before, &after),
        types_losing: gaining(&after, &before),
    };
    assert_eq!(figures, scanned, "the diff against the line count");
    assert_eq!(&figures, documented, "the diff against docs/schema-diff.md");
}

/// (constructors, functions).
fn count_kinds(entries: &[Entry]) -> (usize, usize) {
    let functions = entries
        .iter()
        .filter(|e| e.category == tl_parser::Category::Function)
        .count();
    (entries.len() - functions, functions)
}

fn count_keys(keys: &BTreeSet<(bool, String)>) -> (usize, usize) {
    let functions = keys.iter().filter(|(function, _)| *function).count();
    (keys.len() - functions, functions)
}

/// The types of both that have constructors in `b` that `a` lacks.
fn gaining(a: &Scan, b: &Scan) -> usize {
    let types = b
        .types
        .iter()
        .filter_map(|(t, ctors)| Some((a.types.get(t)?, ctors)));
    types.filter(|(had, has)| !has.is_subset(had)).count()
}

/// What a schema's lines say, read as text: every `name#id params = Type;` line, by
/// (is a function, name).
#[derive(Default)]
struct Scan {
    /// The line after its name and id, spaces collapsed.
    lines: BTreeMap<(bool, String), String>,
    ids: BTreeMap<(bool, String), u32>,
    /// The named parameters but `#` words: name to type as written (with its condition).
    fields: BTreeMap<(bool, String), BTreeMap<String, String>>,
    /// Each type (a constructor's result, as written) with its constructors.
    types: BTreeMap<String, BTreeSet<String>>,
}

impl Scan {
    fn of(corpus: &Path, files: [&str; 2]) -> Scan {
        let mut scan = Scan::default();
        for file in files {
            let text = std::fs::read_to_string(corpus.join(file)).unwrap();
            let mut functions = false;
            for line in text.lines() {
                let line = line.split("//").next().unwrap_or("").trim();
                match line.replace(' ', "").as_str() {
                    "---functions---" => functions = true,
                    "---types---" => functions = false,
                    _ => {}
                }
                let Some(statement) = line.strip_suffix(';') else {
                    continue;
                };
                let mut words = statement.split_whitespace();
                let Some(first) = words.next() else {
                    continue;
                };
                let rest: Vec<&str> = words.collect();
                // Built-ins (`int ? = Int`) are no definitions; some of mtproto.tl's have no
                // written id.
                let Some(equals) = rest.iter().position(|w| *w == "=") else {
                    continue;
                };
                if rest.contains(&"?") {
                    continue;
                }
                let (name, id) = first.split_once('#').unwrap_or((first, ""));
                let key = (functions, name.to_owned());
                scan.lines.insert(key.clone(), rest.join(" "));
                if let Ok(id) = u32::from_str_radix(id, 16) {
                    scan.ids.insert(key.clone(), id);
                }
                let fields = rest[..equals]
                    .iter()
                    .filter_map(|w| w.split_once(':'))
                    .filter(|(_, ty)| *ty != "#")
                    .map(|(name, ty)| (name.to_owned(), ty.to_owned()))
                    .collect();
                scan.fields.insert(key, fields);
                if !functions {
                    let ty = rest[equals + 1..].join(" ");
                    scan.types.entry(ty).or_default().insert(name.to_owned());
                }
            }
        }
        scan
    }
}

/// The changed definitions of `tests/schema/diff-old.tl` to `diff-new.tl`, with their impact.
const PAIR_CHANGED: [(&str, Impact); 16] = [
    ("bitMoved", Impact::Wire),
    ("wordMoved", Impact::Wire),
    ("optionalReordered", Impact::Wire),
    ("optionalAdded", Impact::Compatible),
    ("flagAdded", Impact::Compatible),
    ("pairB", Impact::Compatible),
    ("inner", Impact::Compatible),
    ("requiredAdded", Impact::Breaking),
    ("fieldRemoved", Impact::Breaking),
    ("typeChanged", Impact::Breaking),
    ("madeOptional", Impact::Breaking),
    ("requiredReordered", Impact::Breaking),
    ("unitGainsField", Impact::Breaking),
    // Its line is the same: `inner` grew, and its variant is boxed now.
    ("holder", Impact::Breaking),
    ("resultChanged", Impact::Breaking),
    ("genericsChanged", Impact::Breaking),
];

/// Definitions added (compatible) and removed (breaking), in their schema's order.
const PAIR_ADDED: [&str; 4] = ["fresh", "gainerToo", "newName", "functionAdded"];
const PAIR_REMOVED: [&str; 4] = ["loserGone", "gone", "oldName", "functionRemoved"];

/// With `Config::option_accessors`, so that `Pair` gains `x() -> Option<i32>`.
fn pair_diff() -> SchemaDiff {
    let schema = tl_tests::workspace_root().join("tests/schema");
    tl_codegen::Config::new()
        .option_accessors(true)
        .diff(&[schema.join("diff-old.tl")], &[schema.join("diff-new.tl")])
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The expected impact of each case of the pair that `tests/client/diff_cases.rs` uses: the
/// changed and removed definitions, and the types gaining or losing constructors.
fn pair_cases() -> Vec<(&'static str, Impact)> {
    let changed = PAIR_CHANGED.iter();
    let removed = PAIR_REMOVED.iter().map(|name| (*name, Impact::Breaking));
    let types = ["Gainer", "Loser"].map(|name| (name, Impact::Breaking));
    changed.copied().chain(removed).chain(types).collect()
}

#[test]
fn every_kind_of_change_in_the_test_pair_has_its_impact() {
    let diff = pair_diff();
    assert_eq!((diff.old_layer, diff.new_layer), (Some(1), Some(2)));
    let changed: Vec<(&str, Impact)> = diff
        .changed
        .iter()
        .map(|c| (c.new.name.as_str(), c.impact))
        .collect();
    assert_eq!(changed, PAIR_CHANGED, "in the new schema's order");
    let names =
        |entries: &[Entry]| -> Vec<String> { entries.iter().map(|e| e.name.clone()).collect() };
    assert_eq!(names(&diff.added), PAIR_ADDED);
    assert_eq!(names(&diff.removed), PAIR_REMOVED);

    let types = &diff.types;
    assert_eq!(types.added, ["Fresh"]);
    assert_eq!(types.removed, ["Gone"]);
    let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, Vec<String>> {
        let pairs = pairs.iter();
        pairs
            .map(|(t, c)| (t.to_string(), vec![c.to_string()]))
            .collect()
    };
    assert_eq!(
        types.gained,
        map(&[("Gainer", "gainerToo"), ("Renamed", "newName")])
    );
    assert_eq!(
        types.lost,
        map(&[("Loser", "loserGone"), ("Renamed", "oldName")])
    );
    let pair_methods = &types.accessors["Pair"];
    assert_eq!(
        pair_methods,
        &[(Impact::Compatible, "method `x()` added".to_owned())]
    );
    assert_eq!(diff.worst(), Some(Impact::Breaking));

    // What changed, field by field: the JSON says it too.
    let json: serde_json::Value = serde_json::from_str(&diff.to_json()).unwrap();
    // Exactly the keys of the shape.
    let keys = |value: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let entry = ["id", "kind", "name", "type"];
    assert_eq!(
        keys(&json),
        [
            "added",
            "changed",
            "new_layer",
            "old_layer",
            "removed",
            "types"
        ]
    );
    assert_eq!(keys(&json["added"][0]), entry);
    assert_eq!(keys(&json["removed"][0]), entry);
    let mut change_keys = [&entry[..], &["fields", "impact", "old_id"]].concat();
    change_keys.sort();
    assert_eq!(keys(&json["changed"][0]), change_keys);
    assert_eq!(
        keys(&json["changed"][0]["fields"]),
        ["added", "changed", "removed"]
    );
    assert_eq!(keys(&json["types"]), ["added", "gained", "lost", "removed"]);
    let change = |name: &str| -> &serde_json::Value {
        let changed = json["changed"].as_array().unwrap().iter();
        changed.clone().find(|c| c["name"] == name).unwrap()
    };
    let word_moved = change("wordMoved");
    assert_eq!(word_moved["fields"]["changed"][0]["old"], "flags.0?int");
    assert_eq!(word_moved["fields"]["changed"][0]["new"], "flags2.0?int");
    assert_eq!(word_moved["impact"], "wire");
    assert_ne!(word_moved["id"], word_moved["old_id"]);
    let added = &change("optionalAdded")["fields"]["added"][0];
    assert_eq!(
        (&added["name"], &added["type"], &added["optional"]),
        (&"y".into(), &"string".into(), &true.into())
    );
    let added = &change("requiredAdded")["fields"]["added"][0];
    assert_eq!(added["optional"], false);
    assert_eq!(keys(added), ["name", "optional", "type"]);
    let removed = &change("fieldRemoved")["fields"]["removed"][0];
    assert_eq!(
        (keys(removed), &removed["name"]),
        (vec!["name".to_owned(), "type".to_owned()], &"y".into())
    );
    assert_eq!(
        keys(&word_moved["fields"]["changed"][0]),
        ["name", "new", "old"]
    );
    assert!(json["changed"].as_array().unwrap().iter().all(|c| {
        let hex = |v: &serde_json::Value| {
            v.as_str().is_some_and(|s| {
                s.len() == 8
                    && s.chars()
                        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            })
        };
        hex(&c["id"]) && hex(&c["old_id"])
    }));
    assert_eq!(change("typeChanged")["fields"]["changed"][0]["new"], "long");
    assert_eq!(change("resultChanged")["type"], "Vector<int>");
    let holder = change("holder");
    assert_eq!(holder["id"], holder["old_id"]);
    assert_eq!(json["added"][3]["kind"], "function");
    assert_eq!(json["types"]["gained"]["Gainer"][0], "gainerToo");

    let markdown = diff.to_markdown();
    for section in ["## Breaking", "## Compatible", "## Wire"] {
        assert!(markdown.contains(section), "{section}:\n{markdown}");
    }
    assert!(
        markdown.contains("variant `Holder` is boxed now"),
        "{markdown}"
    );
}

/// Acceptance 2's proof of the classes: `tests/client/diff_cases.rs`, a user of the old
/// bindings with a function per case behind a feature, is type-checked against the old and the
/// new bindings. Against the old, every case compiles; against the new, the wire and
/// compatible cases compile together, and each breaking case fails alone. One scratch
/// workspace under `target/schema-diff/`, checked (`cargo check`) in the target directory of
/// `upgrade.rs`, where the runtime is checked already.
#[test]
fn a_user_program_proves_the_compatible_and_breaking_classes() {
    let cases = pair_cases();
    let root = tl_tests::workspace_root();
    let source_path = root.join("tests/client/diff_cases.rs");
    let source = std::fs::read_to_string(&source_path).unwrap();
    let features: BTreeSet<&str> = source
        .lines()
        .filter_map(|line| {
            line.strip_prefix("#[cfg(feature = \"")?
                .strip_suffix("\")]")
        })
        .collect();
    let named: BTreeSet<&str> = cases.iter().map(|(name, _)| *name).collect();
    assert_eq!(features, named, "a function per case in diff_cases.rs");

    let dir = write_pair_workspace(&root, &source_path, &features);
    let all: Vec<&str> = features.iter().copied().collect();
    let old = tl_tests::cargo_check(&dir, "user-old", &all);
    assert!(
        old.status.success(),
        "against the old bindings:\n{}",
        stderr(&old)
    );

    let kept: Vec<&str> = cases
        .iter()
        .filter(|(_, impact)| *impact != Impact::Breaking)
        .map(|(name, _)| *name)
        .collect();
    let new = tl_tests::cargo_check(&dir, "user-new", &kept);
    assert!(
        new.status.success(),
        "{kept:?} against the new bindings:\n{}",
        stderr(&new)
    );
    for (name, _) in cases
        .iter()
        .filter(|(_, impact)| *impact == Impact::Breaking)
    {
        let new = tl_tests::cargo_check(&dir, "user-new", &[name]);
        assert!(
            !new.status.success(),
            "{name} compiles against the new bindings"
        );
        let errors = stderr(&new);
        assert!(errors.contains("diff_cases.rs:"), "{name}:\n{errors}");
    }
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The bindings of both sides and a user crate of each, with a feature per case.
fn write_pair_workspace(root: &Path, source: &Path, features: &BTreeSet<&str>) -> PathBuf {
    let dir = root.join("target/schema-diff");
    let runtime = format!("{:?}", root.join("tl-types").display().to_string());
    tl_tests::write_if_changed(
        &dir.join("Cargo.toml"),
        "[workspace]\nmembers = [\"bindings-old\", \"bindings-new\", \"user-old\", \"user-new\"]\n\
         resolver = \"3\"\n\n[profile.dev]\ndebug = 0\n",
    );
    let features: String = features.iter().map(|f| format!("{f} = []\n")).collect();
    for side in ["old", "new"] {
        let schema = root.join(format!("tests/schema/diff-{side}.tl"));
        let code = tl_codegen::Config::new()
            .docs(false)
            .deserializable_functions(false)
            .generate(&[schema])
            .unwrap_or_else(|e| panic!("{e}"));
        let manifest = |name: &str, rest: &str| {
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
                 publish = false\n\n[dependencies]\n\
                 tl-types = {{ path = {runtime}, default-features = false }}\n{rest}"
            )
        };
        let bindings = dir.join(format!("bindings-{side}"));
        tl_tests::write_if_changed(
            &bindings.join("Cargo.toml"),
            &manifest(&format!("bindings-diff-{side}"), ""),
        );
        tl_tests::write_if_changed(
            &bindings.join("src/lib.rs"),
            "//! The generated bindings.\ninclude!(\"generated.rs\");\n",
        );
        tl_tests::write_if_changed(&bindings.join("src/generated.rs"), &code);
        let user = dir.join(format!("user-{side}"));
        let rest = format!(
            "bindings-diff-{side} = {{ path = \"../bindings-{side}\" }}\n\n[features]\n{features}"
        );
        tl_tests::write_if_changed(
            &user.join("Cargo.toml"),
            &manifest(&format!("user-{side}"), &rest),
        );
        tl_tests::write_if_changed(
            &user.join("src/lib.rs"),
            &format!(
                "//! `tests/client/diff_cases.rs` against the {side} bindings.\n\
                 mod layer {{\n    pub use bindings_diff_{side}::{{enums, functions, types}};\n}}\n\
                 // Which imports are used depends on the features.\n\
                 #[allow(unused_imports)]\n#[path = {:?}]\npub mod diff_cases;\n",
                source.display().to_string()
            ),
        );
    }
    dir
}
