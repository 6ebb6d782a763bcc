//! `Config`'s hooks (`type_attribute`, `field_attribute`, `enum_attribute`, `boxed`,
//! `unboxed`, `bytes`): where their attributes and types land in the output, and the errors for hooks that do not
//! fit the schema. That hooked code compiles warning-free is checked in `tests/hooks.rs` of
//! the tests crate.

use tl_codegen::{Config, ErrorKind, HookProblem};

const SCHEMA: &str = "int ? = Int;\nlong ? = Long;\nstring ? = String;\n\
    peerUser user_id:long = Peer;\npeerChat chat_id:long = Peer;\n\
    note text:string = Note;\nnoteList note:Note next:Note = Note;\n\
    ---functions---\nsendNote peer:Peer text:string = Note;\n";

fn generate(config: &Config) -> Result<String, tl_codegen::Error> {
    config.generate_from_sources(&[("x.tl", SCHEMA)])
}

/// The item that `declaration` starts, with the attributes above it, to its closing brace.
fn item(code: &str, declaration: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.trim_start().starts_with(declaration))
        .unwrap_or_else(|| panic!("no `{declaration}` in:\n{code}"));
    let is_attribute = |line: &&&str| {
        let line = line.trim_start();
        line.starts_with("#[") || line.starts_with("///")
    };
    let first = at - lines[..at].iter().rev().take_while(is_attribute).count();
    let indent = &lines[at][..lines[at].len() - lines[at].trim_start().len()];
    let close = format!("{indent}}}");
    let last = (at..lines.len())
        .find(|&i| lines[i] == close)
        .unwrap_or(lines.len() - 1);
    lines[first..=last].join("\n")
}

#[test]
fn attributes_land_on_the_items_and_fields_they_select() {
    let code = generate(
        Config::new()
            .docs(false)
            .type_attribute("peerUser", "#[derive(Hash, Eq)]")
            .enum_attribute("Peer", "#[derive(Hash, Eq)]")
            .type_attribute("sendNote", "#[must_use] #[non_exhaustive]")
            .field_attribute("note.text", "#[doc(alias = \"body\")]"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let user = item(&code, "pub struct PeerUser");
    assert!(user.contains("#[derive(Hash, Eq)]"), "{user}");
    assert!(!item(&code, "pub struct PeerChat").contains("Hash"));
    assert!(item(&code, "pub enum Peer ").contains("#[derive(Hash, Eq)]"));
    let send = item(&code, "pub struct SendNote");
    assert!(
        send.contains("#[must_use]") && send.contains("#[non_exhaustive]"),
        "{send}"
    );
    let note = item(&code, "pub struct Note ");
    assert!(
        note.contains("#[doc(alias = \"body\")]\n        pub text: String,"),
        "{note}"
    );
    // `noteList` has no field `text`: one attribute, on `note`.
    assert_eq!(code.matches("alias = \"body\"").count(), 1);
}

#[test]
fn boxed_and_unboxed_override_the_default_rule() {
    let default = generate(&Config::new()).unwrap_or_else(|e| panic!("{e}"));
    assert!(default.contains("User(types::PeerUser)"));
    let chosen = generate(
        Config::new()
            .boxed("peerUser")
            .max_inline_variant(4)
            .unboxed("peerChat"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(chosen.contains("User(Box<types::PeerUser>)"), "{chosen}");
    assert!(chosen.contains("/// Boxed by `Config::boxed`."));
    // Larger than the threshold of 4 bytes, and inline as asked.
    assert!(chosen.contains("Chat(types::PeerChat)"), "{chosen}");
    assert!(chosen.contains("/// Held by value by `Config::unboxed`."));
    // `.` selects every constructor; a recursive one stays boxed.
    let all = generate(Config::new().unboxed(".")).unwrap_or_else(|e| panic!("{e}"));
    assert!(all.contains("List(Box<types::NoteList>)"), "{all}");
}

#[test]
fn bytes_holds_the_fields_of_the_selected_field_definition_or_type() {
    let text_of = |config: &mut Config, declaration: &str| {
        let code = generate(config.docs(false)).unwrap_or_else(|e| panic!("{e}"));
        let item = item(&code, declaration);
        let line = item.lines().find(|line| line.contains("pub text:"));
        line.unwrap_or_else(|| panic!("{item}")).trim().to_owned()
    };
    let (shared, owned) = ("pub text: rt::BytesString,", "pub text: String,");
    for (path, note, send_note) in [
        ("note.text", shared, owned),
        ("sendNote", owned, shared),
        ("Note", shared, owned),
        (".", shared, shared),
    ] {
        let config = || {
            let mut config = Config::new();
            config.bytes(path);
            config
        };
        assert_eq!(text_of(&mut config(), "pub struct Note "), note, "{path}");
        assert_eq!(
            text_of(&mut config(), "pub struct SendNote"),
            send_note,
            "{path}"
        );
    }
}

fn hook_problem(config: &Config) -> (HookProblem, String) {
    let error = generate(config).expect_err("the hook does not fit");
    let message = error.to_string();
    match error.kind() {
        ErrorKind::Hook(hook) => (hook.problem.clone(), message),
        other => panic!("expected a hook error, got {other:?}"),
    }
}

#[test]
fn a_path_that_selects_nothing_is_an_error_with_the_closest_name() {
    let (problem, message) = hook_problem(Config::new().boxed("peerUsr"));
    assert!(matches!(problem, HookProblem::NoMatch { .. }));
    assert_eq!(
        message,
        "error: Config::boxed(\"peerUsr\"): no constructor of the schemas is selected by \
         `peerUsr`; did you mean `peerUser`?"
    );
    let (_, message) = hook_problem(Config::new().field_attribute("note.txt", "#[doc(hidden)]"));
    assert!(message.ends_with("did you mean `note.text`?"), "{message}");
    // A type is not a constructor.
    let (_, message) = hook_problem(Config::new().unboxed("Peer"));
    assert!(message.contains("no constructor"), "{message}");
    let (_, message) = hook_problem(Config::new().bytes("note.txt"));
    assert!(message.ends_with("did you mean `note.text`?"), "{message}");
    // A definition without `string` or `bytes` fields selects nothing either.
    let (_, message) = hook_problem(Config::new().bytes("peerUser"));
    assert!(
        message.starts_with(
            "error: Config::bytes(\"peerUser\"): no `string` or `bytes` field of the schemas is \
             selected by `peerUser`"
        ),
        "{message}"
    );
}

#[test]
fn a_hook_that_cannot_apply_says_why() {
    let (problem, message) = hook_problem(Config::new().type_attribute("Peer", "derive(Hash)"));
    assert!(matches!(problem, HookProblem::BadAttribute { .. }));
    assert!(
        message.contains("write it whole, as `#[derive(Hash)]`"),
        "{message}"
    );
    let (problem, message) = hook_problem(Config::new().unboxed("noteList"));
    assert_eq!(problem, HookProblem::Recursive);
    assert!(message.contains("holds its own type by value"), "{message}");
    let (problem, _) = hook_problem(Config::new().boxed("peerUser").unboxed("peerUser"));
    assert_eq!(problem, HookProblem::BoxedAndUnboxed);
}
