//! Acceptance: code that builds requests with `new` and setters survives layers that add
//! optional fields; the same requests written as struct literals do not.
//!
//! The example client (`tests/client/client.rs`) and its struct-literal twin
//! (`tests/client/literal.rs`) are type-checked, warnings denied, against the bindings of three
//! layers of the corpus (`TL_CORPUS`): 195 (telegram/api-layer195.tl + mtproto.tl), 214
//! (telegram/api.tl + mtproto.tl) and 230 (grammers/api.tl + mtproto.tl). Between them
//! `messages.sendMessage` gains only optional fields (`allow_paid_stars`, `suggested_post`,
//! then `schedule_repeat_period`, `rich_message`); the other calls do not change. The client
//! compiles unchanged against all three; the literals compile against 195 and fail against
//! 214 and 230 with E0063 (missing fields), in `SendMessage` only.
//!
//! Each layer is a scratch workspace under `<workspace>/target/upgrade/` of three crates: the
//! bindings, and the two user crates depending on them. To keep the test's time down, the
//! bindings are of the part of the layer that the calls reach (about half its constructors
//! and four of its functions), without docs and function decoders, and are only checked
//! (`cargo check`), in one target directory for all, so the runtime and each layer's bindings
//! are checked once. Without `TL_CORPUS` each test says so and passes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tl_parser::{Category, Definition, Param, ParamKind, Type};

/// The calls of `tests/client/`.
const CALLS: [&str; 4] = [
    "auth.sendCode",
    "messages.sendMessage",
    "messages.getHistory",
    "upload.getFile",
];

/// The layer's files in the corpus.
struct Layer {
    number: u32,
    files: [&'static str; 2],
}

const LAYER_195: Layer = Layer {
    number: 195,
    files: ["telegram/api-layer195.tl", "telegram/mtproto.tl"],
};
const LAYER_214: Layer = Layer {
    number: 214,
    files: ["telegram/api.tl", "telegram/mtproto.tl"],
};
const LAYER_230: Layer = Layer {
    number: 230,
    files: ["grammers/api.tl", "grammers/mtproto.tl"],
};

#[test]
fn client_and_literals_compile_against_layer_195() {
    check_layer(
        "client_and_literals_compile_against_layer_195",
        &LAYER_195,
        true,
    );
}

#[test]
fn client_compiles_and_literals_fail_against_layer_214() {
    check_layer(
        "client_compiles_and_literals_fail_against_layer_214",
        &LAYER_214,
        false,
    );
}

#[test]
fn client_compiles_and_literals_fail_against_layer_230() {
    check_layer(
        "client_compiles_and_literals_fail_against_layer_230",
        &LAYER_230,
        false,
    );
}

/// Generates `layer` into its scratch workspace, then checks the client (which must compile)
/// and the literals (which must compile if `literals_compile`, else fail in `SendMessage`
/// alone, with E0063).
fn check_layer(test: &str, layer: &Layer, literals_compile: bool) {
    let Some(corpus) = tl_tests::corpus(test) else {
        return;
    };
    let sources = reduced_sources(&corpus, layer);
    let sources: Vec<(&str, &str)> = sources.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let code = tl_codegen::Config::new()
        .accept_known_telegram_mismatches()
        .docs(false)
        .deserializable_functions(false)
        .generate_from_sources(&sources)
        .unwrap_or_else(|e| panic!("generating {:?} failed:\n{e}", layer.files));
    let dir = write_workspace(layer.number, &code);

    let client = tl_tests::cargo_check(&dir, &format!("client-{}", layer.number), &[]);
    assert!(
        client.status.success(),
        "the client does not compile against layer {}:\n{}",
        layer.number,
        String::from_utf8_lossy(&client.stderr)
    );
    let literal = tl_tests::cargo_check(&dir, &format!("literal-{}", layer.number), &[]);
    let stderr = String::from_utf8_lossy(&literal.stderr);
    if literals_compile {
        assert!(
            literal.status.success(),
            "the literals do not compile against layer {}:\n{stderr}",
            layer.number
        );
        return;
    }
    assert!(
        !literal.status.success(),
        "the literals compile against layer {}",
        layer.number
    );
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error[")).collect();
    assert!(
        errors.len() == 1
            && errors[0].starts_with("error[E0063]: missing fields")
            && errors[0].ends_with("SendMessage`"),
        "against layer {}, the literals should fail in SendMessage alone, with E0063:\n{stderr}",
        layer.number
    );
}

/// The files of `layer` reduced to [`CALLS`] and the definitions they reach: the built-ins,
/// and every constructor of a type that their parameters and answers name, and so on.
fn reduced_sources(corpus: &Path, layer: &Layer) -> Vec<(&'static str, String)> {
    let texts: Vec<String> = layer
        .files
        .iter()
        .map(|file| {
            let path = corpus.join(file);
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        })
        .collect();
    let schemas: Vec<Vec<Definition>> = layer
        .files
        .iter()
        .zip(&texts)
        .map(|(file, text)| {
            let schema =
                tl_parser::parse(file, text, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
            schema.definitions
        })
        .collect();
    let all = || schemas.iter().flatten();
    let mut wanted: Vec<String> = Vec::new();
    for call in all().filter(|d| CALLS.contains(&d.full_name().as_str())) {
        type_names(&call.result, &mut wanted);
        param_types(&call.params, &mut wanted);
    }
    let mut reached: HashSet<String> = HashSet::new();
    let mut kept: HashSet<(Category, String)> = CALLS
        .iter()
        .map(|call| (Category::Function, (*call).to_owned()))
        .collect();
    while let Some(name) = wanted.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        for def in all().filter(|d| d.category == Category::Type) {
            let builds = def.result.full_name() == name || def.full_name() == name;
            if builds && kept.insert((Category::Type, def.full_name())) {
                param_types(&def.params, &mut wanted);
            }
        }
    }
    let statement = |text: &str, def: &Definition| -> String {
        let keep = def.builtin || kept.contains(&(def.category, def.full_name()));
        if keep {
            let text = &text[def.span.start..def.span.end];
            format!("{};\n", text.trim_end_matches(';'))
        } else {
            String::new()
        }
    };
    let mut sources = Vec::new();
    for (i, (file, definitions)) in layer.files.iter().zip(&schemas).enumerate() {
        let text = &texts[i];
        let part = |category: Category| -> String {
            let defs = definitions.iter().filter(|d| d.category == category);
            defs.map(|def| statement(text, def)).collect()
        };
        let reduced = format!(
            "// LAYER {}\n{}---functions---\n{}",
            layer.number,
            part(Category::Type),
            part(Category::Function)
        );
        sources.push((*file, reduced));
    }
    sources
}

/// The full names of `ty` and of its arguments.
fn type_names(ty: &Type, names: &mut Vec<String>) {
    names.push(ty.full_name());
    for arg in &ty.args {
        type_names(arg, names);
    }
}

/// The full names of the types of `params`.
fn param_types(params: &[Param], names: &mut Vec<String>) {
    for param in params {
        match &param.kind {
            ParamKind::Typed { ty, .. } => type_names(ty, names),
            ParamKind::Repeated { params, .. } => param_types(params, names),
            ParamKind::Nat => {}
        }
    }
}

/// Writes the scratch workspace of layer `number`: `bindings-N` (the generated `code`), and
/// `client-N` and `literal-N`, each a crate of one module of `tests/client/` over them. The
/// layer is in the names because cargo tells path crates apart by their path relative to
/// their workspace, the same in each layer's: in the shared target directory, crates of the
/// same name would be taken for one another.
fn write_workspace(number: u32, code: &str) -> PathBuf {
    let root = tl_tests::workspace_root();
    let dir = root.join(format!("target/upgrade/layer-{number}"));
    let runtime = format!("{:?}", root.join("tl-types").display().to_string());
    tl_tests::write_if_changed(
        &dir.join("Cargo.toml"),
        "[workspace]\nmembers = [\"bindings\", \"client\", \"literal\"]\nresolver = \"3\"\n\n\
         [profile.dev]\ndebug = 0\n",
    );
    let bindings = format!("bindings-{number}");
    let manifest = |name: &str, dependencies: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\n\
             tl-types = {{ path = {runtime}, default-features = false }}\n{dependencies}"
        )
    };
    tl_tests::write_if_changed(&dir.join("bindings/Cargo.toml"), &manifest(&bindings, ""));
    tl_tests::write_if_changed(
        &dir.join("bindings/src/lib.rs"),
        "//! The generated bindings.\ninclude!(\"generated.rs\");\n",
    );
    tl_tests::write_if_changed(&dir.join("bindings/src/generated.rs"), code);
    for module in ["client", "literal"] {
        let source = root.join(format!("tests/client/{module}.rs"));
        let dependency = format!("{bindings} = {{ path = \"../bindings\" }}\n");
        let package = format!("{module}-{number}");
        tl_tests::write_if_changed(
            &dir.join(module).join("Cargo.toml"),
            &manifest(&package, &dependency),
        );
        tl_tests::write_if_changed(
            &dir.join(module).join("src/lib.rs"),
            &format!(
                "//! `tests/client/{module}.rs` against layer {number}.\n\
                 mod layer {{\n    pub use {}::{{enums, functions, types}};\n}}\n\
                 #[path = {:?}]\npub mod {module};\n",
                bindings.replace('-', "_"),
                source.display().to_string()
            ),
        );
    }
    dir
}
