//! `Config::other_layer_variants`: which constructors of the known layers it keeps, how they
//! are named, and its errors. What the kept variants decode is tested end to end in
//! tl-tests' `other_layer_variants.rs`.

use std::path::{Path, PathBuf};

use tl_codegen::{Config, ErrorKind};

const PRELUDE: &str = "int ? = Int;\nlong ? = Long;\nstring ? = String;\n";

/// Writes `files` (name, text) into a fresh directory for `test` and returns their paths.
fn write(test: &str, files: &[(&str, &str)]) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("other-layers-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, format!("{PRELUDE}{text}")).unwrap();
            path
        })
        .collect()
}

/// Layer 3 (the generated one) and two older layers of one small schema.
fn layers(test: &str) -> Vec<PathBuf> {
    write(
        test,
        &[
            (
                "current.tl",
                "// LAYER 3\nuser flags:# id:long name:flags.0?string = User;\n\
                 userEmpty id:long = User;\nchat id:long = Chat;\n",
            ),
            (
                "layer2.tl",
                "// LAYER 2\nuser id:long name:string = User;\nuserEmpty id:long = User;\n\
                 chat id:long title:string = Chat;\n",
            ),
            (
                "layer1.tl",
                "// LAYER 1\nuser id:long name:string = User;\nuserEmpty id:long = User;\n\
                 userDeleted id:long = User;\n",
            ),
        ],
    )
}

#[test]
fn constructors_the_schema_lacks_become_variants_named_with_their_oldest_layer() {
    let files = layers("kept");
    let code = Config::new()
        .docs(false)
        // Newest first: the names still come from the oldest layer.
        .known_layers([&files[1], &files[2]])
        .other_layer_variants(["User"])
        .generate(&files[..1])
        .unwrap_or_else(|e| panic!("{e}"));
    // `user id:long name:string` is in layers 1 and 2: one struct, of layer 1.
    assert!(code.contains("pub struct User1 {"), "{code}");
    assert!(!code.contains("User2"), "{code}");
    assert!(code.contains("pub struct UserDeleted1 {"), "{code}");
    assert!(code.contains("Deleted1(types::UserDeleted1)"), "{code}");
    // `userEmpty` is unchanged: not kept again. `Chat` was not asked for.
    assert_eq!(code.matches("pub struct UserEmpty").count(), 1, "{code}");
    assert!(!code.contains("Chat2"), "{code}");
    // The kept ids decode, so the table of other layers' ids no longer lists them; the
    // `chat` of layer 2 is still there.
    let table = &code[code.find("fn other_layer_id").expect("a table")..];
    let table = &table[..table.find("_ => return None").expect("its last arm")];
    assert!(!table.contains("\"user\""), "{table}");
    assert!(table.contains("(\"chat\", \"2\")"), "{table}");
}

#[test]
fn without_types_the_output_is_that_of_known_layers_alone() {
    let files = layers("unchanged");
    let generate = |config: &mut Config| {
        config
            .known_layers([&files[1], &files[2]])
            .generate(&files[..1])
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let empty: [&str; 0] = [];
    assert_eq!(
        generate(Config::new().other_layer_variants(empty)),
        generate(&mut Config::new())
    );
}

#[test]
fn a_profile_keeps_the_kept_variants_of_the_types_it_reaches() {
    let files = layers("roots");
    let generate = |roots: &[&str]| {
        Config::new()
            .docs(false)
            .known_layers([&files[1], &files[2]])
            .other_layer_variants(["User", "Chat"])
            .roots(roots)
            .generate(&files[..1])
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let users = generate(&["User"]);
    assert!(users.contains("User1(types::User1)"), "{users}");
    assert!(!users.contains("Chat2"), "{users}");
    let chats = generate(&["chat"]);
    assert!(chats.contains("Chat2(types::Chat2)"), "{chats}");
    assert!(!chats.contains("User1"), "{chats}");
}

#[test]
fn a_type_that_no_layer_defines_is_an_error_with_the_closest_name() {
    let files = layers("unknown-type");
    let error = Config::new()
        .known_layers([&files[1]])
        .other_layer_variants(["Usr"])
        .generate(&files[..1])
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::UnknownVariantType { name, .. } if name == "Usr"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "error: other_layer_variants: `Usr` is no boxed type of the schemas or of the known \
         layers\n  = help: did you mean `User`?"
    );
}

#[test]
fn types_without_known_layers_are_an_error() {
    let files = layers("no-layers");
    let error = Config::new()
        .other_layer_variants(["User"])
        .generate(&files[..1])
        .unwrap_err();
    assert!(
        error.to_string().starts_with(
            "error: other_layer_variants keeps constructors of the files of known_layers"
        ),
        "{error}"
    );
}

#[test]
fn a_file_without_a_layer_cannot_name_its_constructors() {
    let files = write(
        "no-layer-number",
        &[
            ("current.tl", "// LAYER 3\nuser id:long = User;\n"),
            ("old.tl", "user id:int = User;\n"),
        ],
    );
    let error = Config::new()
        .known_layers([&files[1]])
        .other_layer_variants(["User"])
        .generate(&files[..1])
        .unwrap_err();
    let ErrorKind::NoLayerNumber { file } = error.kind() else {
        panic!("{error:?}");
    };
    assert!(file.ends_with("old.tl"), "{file}");
    assert!(
        error.to_string().contains("no `// LAYER N` line"),
        "{error}"
    );
}

#[test]
fn a_field_of_a_type_that_neither_side_defines_is_an_error_at_its_line() {
    let files = write(
        "unknown-field-type",
        &[
            ("current.tl", "// LAYER 3\nuser id:long = User;\n"),
            (
                "old.tl",
                "// LAYER 1\nuserPhoto id:long = UserPhoto;\n\
                 user id:long photo:UserPhoto = User;\n",
            ),
        ],
    );
    let config = || {
        let mut config = Config::new();
        config.known_layers([&files[1]]).docs(false);
        config
    };
    let error = config()
        .other_layer_variants(["User"])
        .generate(&files[..1])
        .unwrap_err();
    let ErrorKind::Resolve { errors, .. } = error.kind() else {
        panic!("{error}");
    };
    let [only] = errors.as_slice() else {
        panic!("{error}");
    };
    // The prelude takes lines 1 to 3, `// LAYER 1` line 4.
    assert!(
        only.to_string()
            .contains("old.tl:6:20: unknown type `UserPhoto`"),
        "{only}"
    );
    assert!(error.to_string().contains("old.tl:6:20"), "{error}");
    assert!(
        error.to_string().contains(
            "= help: the errors in files of known_layers are in constructors that \
             other_layer_variants keeps: name the types they refer to as well"
        ),
        "{error}"
    );
    // Asking for the type too keeps its constructors: an enum of layer 1's.
    let code = config()
        .other_layer_variants(["User", "UserPhoto"])
        .generate(&files[..1])
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub photo: enums::UserPhoto,"), "{code}");
    assert!(code.contains("UserPhoto1(types::UserPhoto1)"), "{code}");
}
