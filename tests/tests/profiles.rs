//! A bot's profile of the bundled schema (`tl_tests::bot`: `Config::roots` in `build.rs`). It
//! compiles without warnings (the module denies them), keeps what its roots reach and drops
//! the rest, and every value of it encodes to the bytes of the full bindings, which decode
//! them as their own.

use std::collections::BTreeSet;

use tl_tests::{bot, universal};
use tl_types::{Deserializable, Identifiable, Serializable};

/// Encodes each sample of the profile, decodes it with the profile and with the full bindings
/// (`universal`: any constructor or function by its id) and checks that both encode it again
/// to the same bytes.
#[derive(Default)]
struct SameBytesAsTheFullBuild {
    visited: BTreeSet<&'static str>,
    /// Generic functions, which `universal::enums::Function` has no variant for.
    generic: BTreeSet<&'static str>,
}

impl bot::samples::Visitor for SameBytesAsTheFullBuild {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + std::fmt::Debug,
    {
        self.visited.insert(name);
        let bytes = value.to_bytes();
        let decoded = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(decoded, value, "{name}: the profile's round trip");
        let full = match universal::enums::Object::from_bytes(&bytes) {
            Ok(object) => (object.tl_name(), object.to_bytes()),
            Err(_) => match universal::enums::Function::from_bytes(&bytes) {
                Ok(function) => (function.tl_name(), function.to_bytes()),
                Err(_) => {
                    self.generic.insert(name);
                    return;
                }
            },
        };
        assert_eq!(full, (name, bytes), "{name}: the full build's re-encoding");
    }
}

#[test]
fn every_sample_of_the_profile_encodes_as_in_the_full_build() {
    let mut check = SameBytesAsTheFullBuild::default();
    bot::samples::visit_all(&mut check);
    assert_eq!(
        check.generic,
        BTreeSet::from(["invokeWithLayer", "initConnection"])
    );
    // What the roots reach: their own definitions, their results' constructors, the updates
    // and what those hold.
    for kept in [
        "messages.sendMessage",
        "auth.sentCode",
        "updateShort",
        "updateNewMessage",
        "messageMediaPhoto",
        "photoSizeProgressive",
    ] {
        assert!(check.visited.contains(kept), "{kept} is kept");
    }
    // Reached by no root: `auth.signIn` is not one, and nothing else answers with
    // `auth.Authorization`.
    for dropped in ["auth.signIn", "auth.authorization", "users.getUsers"] {
        assert!(!check.visited.contains(dropped), "{dropped} is dropped");
    }
    assert!(!bot::samples::BOXED_TYPES.contains(&"auth.Authorization"));
    assert!(tl_tests::ours::samples::BOXED_TYPES.contains(&"auth.Authorization"));
}

#[test]
fn generic_wrappers_encode_as_in_the_full_build() {
    let ours = bot::functions::InvokeWithLayer::new(
        bot::LAYER,
        bot::functions::InitConnection::new(
            2040,
            "bot",
            "Linux",
            "1.0",
            "en",
            "",
            "en",
            bot::functions::help::GetConfig::new(),
        ),
    )
    .to_bytes();
    type Full = tl_types::functions::InvokeWithLayer<
        tl_types::functions::InitConnection<tl_types::functions::help::GetConfig>,
    >;
    let full = Full::from_bytes(&ours).expect("the full build decodes the profile's request");
    assert_eq!(full.to_bytes(), ours);
    assert_eq!(full.layer, tl_types::LAYER);
}

#[test]
fn name_for_id_knows_the_definitions_the_profile_dropped() {
    use tl_types::types::auth::Authorization;
    assert_eq!(
        bot::name_for_id(Authorization::CONSTRUCTOR_ID),
        Some("auth.authorization")
    );
}
