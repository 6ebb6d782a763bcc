//! `Config::roots`: exactly the closure of the roots is generated, each kept definition as in
//! the full build, and a name the schema does not define is an error with a suggestion.

use std::collections::BTreeSet;

use tl_codegen::{Config, ErrorKind};

/// Ids are left out: the parser infers them.
const SCHEMA: &str = "\
int ? = Int;
long ? = Long;
string ? = String;
vector {t:Type} # [ t ] = Vector t;
boolFalse = Bool;
boolTrue = Bool;
true = True;

photoEmpty = Photo;
photo id:long sizes:Vector<PhotoSize> = Photo;
photoSize w:int h:int = PhotoSize;
user flags:# id:long bot:flags.0?true photo:flags.1?Photo = User;
userEmpty id:long = User;
message id:int from:User = Message;
messageService id:int action:MessageAction = Message;
messageActionEmpty = MessageAction;
chat id:long title:string = Chat;
sticker id:long = Sticker;
point x:int y:int = Point;
geo.stats points:vector<point> = geo.Stats;

---functions---

invokeWithLayer {X:Type} layer:int query:!X = X;
messages.getMessages ids:Vector<int> = Vector<Message>;
messages.getChats ids:Vector<long> = Vector<Chat>;
users.getUser id:long = User;
geo.getStats = geo.Stats;
";

fn generate(roots: Option<&[&str]>) -> Result<String, tl_codegen::Error> {
    let mut config = Config::new();
    if let Some(roots) = roots {
        config.roots(roots);
    }
    config.generate_from_sources(&[("roots.tl", SCHEMA)])
}

/// The TL names of the generated constructors and functions (`TL_NAME`), and the Rust names
/// of the generated enums.
fn generated(code: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let quoted = |line: &str, prefix: &str| {
        let rest = line.trim().strip_prefix(prefix)?;
        Some(rest.split(['"', ' ', '<', '{']).next()?.to_owned())
    };
    let definitions = code
        .lines()
        .filter_map(|line| quoted(line, "const TL_NAME: &'static str = \""))
        .collect();
    let enums = code
        .lines()
        .filter_map(|line| quoted(line, "pub enum "))
        .collect();
    (definitions, enums)
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

fn assert_closure(roots: &[&str], definitions: &[&str], enums: &[&str]) {
    let code = generate(Some(roots)).unwrap_or_else(|e| panic!("{e}"));
    let (kept, kept_enums) = generated(&code);
    assert_eq!(kept, set(definitions), "definitions kept by {roots:?}");
    assert_eq!(kept_enums, set(enums), "enums kept by {roots:?}");
}

#[test]
fn a_function_keeps_its_arguments_its_result_and_all_they_reach() {
    // `bot:flags.0?true` is a bool: it does not reach `true`. `invokeWithLayer`'s `X` stays
    // generic and reaches nothing.
    assert_closure(
        &["messages.getMessages", "invokeWithLayer"],
        &[
            "invokeWithLayer",
            "messages.getMessages",
            "message",
            "messageService",
            "messageActionEmpty",
            "user",
            "userEmpty",
            "photoEmpty",
            "photo",
            "photoSize",
        ],
        &["Message", "MessageAction", "User", "Photo", "PhotoSize"],
    );
    let code = generate(Some(&["invokeWithLayer"])).unwrap();
    assert!(code.contains("pub struct InvokeWithLayer<X>"), "{code}");
}

#[test]
fn types_and_constructors_are_roots_too() {
    // A type keeps all its constructors; a constructor keeps its type, hence its siblings.
    let photo = ["photoEmpty", "photo", "photoSize"];
    assert_closure(&["Photo"], &photo, &["Photo", "PhotoSize"]);
    let user = ["user", "userEmpty", "photoEmpty", "photo", "photoSize"];
    assert_closure(&["userEmpty"], &user, &["User", "Photo", "PhotoSize"]);
    // A bare `vector<point>` reaches `point`, and with it its type.
    assert_closure(
        &["geo.getStats"],
        &["geo.getStats", "geo.stats", "point"],
        &["Stats", "Point"],
    );
}

#[test]
fn kept_definitions_are_generated_as_in_the_full_build() {
    let full = generate(None).unwrap();
    let profile = generate(Some(&["messages.getMessages", "geo.getStats"])).unwrap();
    assert!(profile.len() < full.len());
    // Each line of the profile, in order, is a line of the full build: the profile only
    // leaves items out.
    let mut full_lines = full.lines();
    for (number, line) in profile.lines().enumerate() {
        assert!(
            full_lines.any(|full_line| full_line == line),
            "line {} of the profile is not in the full build in order: {line}",
            number + 1
        );
    }
    // `name_for_id` still knows every id: `chat` was dropped.
    assert!(profile.contains(", \"chat\")"));
}

#[test]
fn names_not_in_the_schema_are_an_error_with_a_suggestion() {
    let error = generate(Some(&["messages.getMesages", "Updates", "photo"])).unwrap_err();
    let ErrorKind::UnknownRoots(unknown) = error.kind() else {
        panic!("not an unknown root: {error}");
    };
    let found: Vec<(&str, Option<&str>)> = unknown
        .iter()
        .map(|root| (root.name.as_str(), root.suggestion.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            ("messages.getMesages", Some("messages.getMessages")),
            ("Updates", None)
        ]
    );
    assert_eq!(
        error.to_string(),
        "error: roots that the schemas do not define:\n  \
         `messages.getMesages` is no function, type or constructor; did you mean \
         `messages.getMessages`?\n  \
         `Updates` is no function, type or constructor\n  \
         = help: roots are TL names of functions (`messages.sendMessage`), types (`Updates`) \
         or constructors (`inputPeerUser`)"
    );
}

#[test]
fn hooks_and_redactions_apply_to_what_is_kept() {
    let mut config = Config::new();
    config
        .roots(["Photo"])
        .type_attribute("photo", "#[derive(Hash)]");
    let code = config
        .generate_from_sources(&[("roots.tl", SCHEMA)])
        .unwrap();
    assert!(code.contains("#[derive(Hash)]"), "{code}");
    // `chat` is in the schema but not in the profile: as if it were not there.
    config.type_attribute("chat", "#[derive(Hash)]");
    let error = config
        .generate_from_sources(&[("roots.tl", SCHEMA)])
        .unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Hook(_)), "{error}");
    let mut config = Config::new();
    config.roots(["Photo"]).redact("chat.title");
    let error = config
        .generate_from_sources(&[("roots.tl", SCHEMA)])
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::UnknownRedaction(_)),
        "{error}"
    );
}
