//! The opt-outs of the standard traits (`Config::derive_debug`, `derive_clone`,
//! `derive_partial_eq`, `conversions`): each leaves out exactly its trait, for build time.

use tl_codegen::{Config, ErrorKind};

/// Ids are left out: the parser infers them. `auth.sentCode` holds `bytes`, which `Debug` shows
/// as hex, so its struct writes its own `Debug`.
const SCHEMA: &str = "\
int ? = Int;
string ? = String;

peerUser user_id:int = Peer;
peerChat chat_id:int = Peer;
auth.sentCode phone_code_hash:string hash:bytes = auth.SentCode;

---functions---

auth.sendCode phone_number:string = auth.SentCode;
";

fn generate(configure: impl FnOnce(&mut Config) -> &mut Config) -> String {
    let mut config = Config::new();
    configure(&mut config)
        .generate_from_sources(&[("derives.tl", SCHEMA)])
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The trait lists of every `#[derive(...)]` of `code`.
fn derive_lists(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|line| line.trim().strip_prefix("#[derive("))
        .map(|rest| rest.trim_end_matches(")]").to_owned())
        .collect()
}

#[test]
fn by_default_everything_is_derived() {
    let code = generate(|config| config);
    let lists = derive_lists(&code);
    // Two enums and four structs, one of which writes its `Debug`.
    assert_eq!(
        lists
            .iter()
            .filter(|l| *l == "Debug, Clone, PartialEq")
            .count(),
        5
    );
    assert_eq!(lists.iter().filter(|l| *l == "Clone, PartialEq").count(), 1);
    assert!(code.contains("impl ::core::fmt::Debug for SentCode"));
    assert!(
        code.contains("impl From<PeerUser> for enums::Peer"),
        "{code}"
    );
    assert!(
        code.contains("impl TryFrom<enums::Peer> for PeerUser"),
        "{code}"
    );
}

#[test]
fn each_opt_out_leaves_out_its_trait_only() {
    let no_debug = generate(|config| config.derive_debug(false));
    assert!(
        derive_lists(&no_debug)
            .iter()
            .all(|l| l == "Clone, PartialEq")
    );
    assert!(!no_debug.contains("fmt::Debug"), "{no_debug}");
    let no_clone = generate(|config| config.derive_clone(false));
    let lists = derive_lists(&no_clone);
    assert!(
        lists
            .iter()
            .all(|l| l == "Debug, PartialEq" || l == "PartialEq")
    );
    let no_eq = generate(|config| config.derive_partial_eq(false));
    let lists = derive_lists(&no_eq);
    assert!(lists.iter().all(|l| l == "Debug, Clone" || l == "Clone"));
    let no_conversions = generate(|config| config.conversions(false));
    assert!(!no_conversions.contains("impl From<"), "{no_conversions}");
    assert!(
        !no_conversions.contains("impl TryFrom<"),
        "{no_conversions}"
    );
    assert_eq!(
        derive_lists(&no_conversions),
        derive_lists(&generate(|c| c))
    );
}

#[test]
fn with_none_there_is_no_derive_attribute() {
    let code = generate(|config| {
        config
            .derive_debug(false)
            .derive_clone(false)
            .derive_partial_eq(false)
    });
    assert!(!code.contains("#[derive"), "{code}");
}

#[test]
fn samples_need_what_they_compare_print_and_convert() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("derives.tl");
    std::fs::write(&path, SCHEMA).unwrap();
    assert!(Config::new().generate_samples(&[&path]).is_ok());
    for off in [
        Config::derive_debug,
        Config::derive_partial_eq,
        Config::conversions,
    ] {
        let mut config = Config::new();
        off(&mut config, false);
        let error = config.generate_samples(&[&path]).unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Unsupported(_)), "{error}");
    }
    // Samples never clone.
    assert!(
        Config::new()
            .derive_clone(false)
            .generate_samples(&[&path])
            .is_ok()
    );
}
