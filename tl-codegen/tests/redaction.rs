//! The redaction list and `Config::redact`: every default entry names a real field (checked on
//! Telegram's layer-230 schema when `TL_CORPUS` points at the corpus, see tests/tests/corpus.rs),
//! docs/generated-code.md shows the list as it is, and a path that names nothing is an error.

use std::collections::BTreeSet;
use std::path::Path;

use tl_codegen::{Config, DEFAULT_REDACTIONS, ErrorKind};

const SCHEMA: &str = "int ? = Int;\nstring ? = String;\nbytes = Bytes;\n\
    auth.exportedAuthorization#b434e2b8 id:long bytes:bytes = auth.ExportedAuthorization;\n\
    note text:string pin:string = Note;\nlong ? = Long;\n";

fn generate(redact: &[&str]) -> Result<String, tl_codegen::Error> {
    let mut config = Config::new();
    config.docs(false);
    for path in redact {
        config.redact(path);
    }
    config.generate_from_sources(&[("test.tl", SCHEMA)])
}

#[test]
fn config_redact_adds_to_the_default_list() {
    let code = generate(&["note.pin"]).unwrap();
    assert!(
        code.contains(".field(\"pin\", &rt::__private::Redacted)"),
        "{code}"
    );
    assert!(code.contains(".field(\"text\", &self.text)"), "{code}");
    // The default entry, present in this schema, applies without being asked for.
    assert!(
        code.contains(".field(\"bytes\", &rt::__private::Redacted)"),
        "{code}"
    );
    // Without the setting, `note` has nothing to show differently: its Debug is derived.
    let code = generate(&[]).unwrap();
    assert!(
        code.contains("#[derive(Debug, Clone, PartialEq)]\n    pub struct Note {"),
        "{code}"
    );
}

#[test]
fn a_path_that_names_no_field_is_an_error() {
    for path in [
        "note.pni",
        "nope.pin",
        "note",
        "auth.exportedAuthorization.byte",
    ] {
        let error = generate(&["note.pin", path]).unwrap_err();
        match error.kind() {
            ErrorKind::UnknownRedaction(paths) => assert_eq!(paths, &[path.to_owned()]),
            other => panic!("{path}: {other:?}"),
        }
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("error: no field to redact at {path}: ")),
            "{message}"
        );
    }
}

/// The backquoted `constructor.field` paths of the "Debug output" section's list.
fn documented_paths() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/generated-code.md");
    let text = std::fs::read_to_string(&path).expect("docs/generated-code.md is readable");
    let section = text
        .split("\n## Debug output\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/generated-code.md has a Debug output section");
    // The paragraph of the list: the prose around it quotes other paths as examples.
    let list = section
        .split("\n\n")
        .find(|paragraph| paragraph.contains("`p_q_inner_data.new_nonce`"))
        .expect("the section lists the redacted fields");
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_documentation_lists_exactly_the_default_redactions() {
    let listed = documented_paths();
    let defaults: BTreeSet<String> = DEFAULT_REDACTIONS.iter().map(|p| (*p).to_owned()).collect();
    assert_eq!(listed, defaults);
}

#[test]
fn every_default_redaction_is_a_field_of_telegrams_schema() {
    let Some(dir) = std::env::var_os("TL_CORPUS") else {
        println!("skipped: TL_CORPUS is not set (see tests/tests/corpus.rs)");
        return;
    };
    let mut fields = BTreeSet::new();
    for file in ["grammers/api.tl", "grammers/mtproto.tl"] {
        let path = Path::new(&dir).join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("TL_CORPUS is set but {}: {e}", path.display()));
        let schema = tl_parser::parse(file, &text, &tl_parser::Options::default())
            .unwrap_or_else(|report| panic!("{file} does not parse:\n{report}"));
        for def in &schema.definitions {
            for param in def.params.iter().filter_map(|p| p.name) {
                fields.insert(format!("{}.{param}", def.full_name()));
            }
        }
    }
    let missing: Vec<&str> = DEFAULT_REDACTIONS
        .iter()
        .copied()
        .filter(|path| !fields.contains(*path))
        .collect();
    assert!(missing.is_empty(), "not fields of layer 230: {missing:?}");
    let unique: BTreeSet<&str> = DEFAULT_REDACTIONS.iter().copied().collect();
    assert_eq!(
        unique.len(),
        DEFAULT_REDACTIONS.len(),
        "a default is listed twice"
    );
}
