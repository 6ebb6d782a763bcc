//! The bot profile of the bundled schema in one direction (`tl_tests::bot_client` and
//! `bot_server`: `Config::roots` plus `Config::direction` in `build.rs`). Each compiles without
//! warnings (the modules deny them), has the codecs its direction needs, and is
//! wire-compatible with the full build: what it encodes, the full build decodes and encodes
//! again to the same bytes; what the full build encodes, it decodes to the same value.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use tl_tests::{bot_client, bot_server, ours, universal};
use tl_types::{Answer, Deserializable, Identifiable, RemoteCall, Serializable};

/// Every sample of the full build (`tl_types`): its boxed encoding and its `Debug` text, by TL
/// name.
#[derive(Default)]
struct FullSamples(BTreeMap<&'static str, Vec<(Vec<u8>, String)>>);

impl ours::samples::Visitor for FullSamples {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        let sample = (value.to_bytes(), format!("{value:?}"));
        self.0.entry(name).or_default().push(sample);
    }
}

/// Checks each sample of a directed profile against the full build, and records which
/// definitions the profile encodes, decodes or both.
struct AgainstTheFullBuild {
    full: FullSamples,
    encoded: BTreeSet<&'static str>,
    decoded: BTreeSet<&'static str>,
    both: BTreeSet<&'static str>,
}

impl AgainstTheFullBuild {
    fn new() -> Self {
        let mut full = FullSamples::default();
        ours::samples::visit_all(&mut full);
        AgainstTheFullBuild {
            full,
            encoded: BTreeSet::new(),
            decoded: BTreeSet::new(),
            both: BTreeSet::new(),
        }
    }

    /// The full build (`universal`: any constructor or function by its id) decodes the
    /// profile's encoding of `value` and encodes it again to the same bytes. Generic functions,
    /// which `universal::enums::Function` has no variant for, are decoded with their own
    /// sample's type instead.
    fn encodes_as_the_full_build<T: Serializable + Debug>(&self, name: &str, value: &T) {
        let bytes = value.to_bytes();
        let full = match universal::enums::Object::from_bytes(&bytes) {
            Ok(object) => (object.tl_name(), object.to_bytes()),
            Err(_) => match universal::enums::Function::from_bytes(&bytes) {
                Ok(function) => (function.tl_name(), function.to_bytes()),
                Err(e) => {
                    let generic = ["invokeWithLayer", "initConnection"];
                    assert!(generic.contains(&name), "{name}: the full build: {e}");
                    return;
                }
            },
        };
        assert_eq!(full, (name, bytes), "{name}: the full build's re-encoding");
    }

    /// The profile decodes each of the full build's samples of `name` to the value the full
    /// build has (the same `Debug` text: the same names and fields).
    fn decodes_as_the_full_build<T: Deserializable + Debug>(&self, name: &str) {
        let samples = self.full.0.get(name);
        let samples = samples.unwrap_or_else(|| panic!("{name}: the full build has no sample"));
        for (bytes, debug) in samples {
            let value = T::from_bytes(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                format!("{value:?}"),
                *debug,
                "{name}: the profile's decoding"
            );
        }
    }

    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + PartialEq + Debug,
    {
        self.both.insert(name);
        let decoded = T::from_bytes(&value.to_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(decoded, value, "{name}: the profile's round trip");
        self.encodes_as_the_full_build(name, &value);
        self.decodes_as_the_full_build::<T>(name);
    }

    fn visit_encoded<T: Serializable + Debug>(&mut self, name: &'static str, value: T) {
        self.encoded.insert(name);
        self.encodes_as_the_full_build(name, &value);
    }

    fn visit_decoded<T: Deserializable + Debug>(&mut self, name: &'static str) {
        self.decoded.insert(name);
        self.decodes_as_the_full_build::<T>(name);
    }
}

/// The same checks for both profiles, whose `Visitor` traits are their own.
macro_rules! visitor {
    ($profile:ident) => {
        impl $profile::samples::Visitor for AgainstTheFullBuild {
            fn visit<T>(&mut self, name: &'static str, value: T)
            where
                T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
            {
                AgainstTheFullBuild::visit(self, name, value);
            }

            fn visit_encoded<T>(&mut self, name: &'static str, value: T)
            where
                T: Serializable + Identifiable + PartialEq + Debug,
            {
                AgainstTheFullBuild::visit_encoded(self, name, value);
            }

            fn visit_decoded<T>(&mut self, name: &'static str, _value: T)
            where
                T: Deserializable + Identifiable + PartialEq + Debug,
            {
                AgainstTheFullBuild::visit_decoded::<T>(self, name);
            }
        }
    };
}

visitor!(bot_client);
visitor!(bot_server);

/// Requests, and what their arguments reach.
const SENT: [&str; 3] = [
    "messages.sendMessage",
    "invokeWithLayer",
    "inputPhotoFileLocation",
];

/// Answers, and the updates that the server pushes.
const RECEIVED: [&str; 4] = [
    "auth.sentCode",
    "updates.state",
    "updateShort",
    "photoSizeProgressive",
];

/// Sent in requests and received in messages and updates.
const SENT_AND_RECEIVED: [&str; 2] = ["inputPeerUser", "messageEntityBold"];

fn assert_among(names: &[&str], set: &BTreeSet<&str>, what: &str) {
    for name in names {
        assert!(set.contains(name), "{name}: {what}");
    }
}

#[test]
fn the_client_encodes_requests_and_decodes_answers_as_the_full_build() {
    let mut check = AgainstTheFullBuild::new();
    bot_client::samples::visit_all(&mut check);
    assert_among(&SENT, &check.encoded, "the client only encodes it");
    assert_among(&RECEIVED, &check.decoded, "the client only decodes it");
    assert_among(&SENT_AND_RECEIVED, &check.both, "the client has both");
    // The boxed types that decode: answers, not requests' arguments.
    let boxed = bot_client::samples::BOXED_TYPES;
    assert!(boxed.contains(&"auth.SentCode") && !boxed.contains(&"InputFileLocation"));
    assert_eq!(
        check.encoded.len() + check.decoded.len() + check.both.len(),
        bot_definitions(),
        "every definition of the profile is visited once"
    );
}

#[test]
fn the_server_decodes_requests_and_encodes_answers_as_the_full_build() {
    let mut check = AgainstTheFullBuild::new();
    bot_server::samples::visit_all(&mut check);
    assert_among(&SENT, &check.decoded, "the server only decodes it");
    assert_among(&RECEIVED, &check.encoded, "the server only encodes it");
    assert_among(&SENT_AND_RECEIVED, &check.both, "the server has both");
    let boxed = bot_server::samples::BOXED_TYPES;
    assert!(!boxed.contains(&"auth.SentCode") && boxed.contains(&"InputFileLocation"));
}

/// The definitions of the bot profile (both directions), counted with its samples.
fn bot_definitions() -> usize {
    struct Count(BTreeSet<&'static str>);
    impl tl_tests::bot::samples::Visitor for Count {
        fn visit<T>(&mut self, name: &'static str, _: T)
        where
            T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
        {
            self.0.insert(name);
        }
    }
    let mut count = Count(BTreeSet::new());
    tl_tests::bot::samples::visit_all(&mut count);
    count.0.len()
}

/// A server's handler of any request, as `Answer` lets one be written: decode the request,
/// compute the answer, encode it.
fn serve<F: Answer>(request: &[u8], handle: impl FnOnce(F) -> F::Return) -> Vec<u8> {
    let request = F::from_bytes(request).expect("the server decodes the request");
    handle(request).to_bytes()
}

/// A client's call of any request, as `RemoteCall` lets one be written: encode the request,
/// send it, decode the answer.
fn call<F: RemoteCall>(request: &F, send: impl FnOnce(Vec<u8>) -> Vec<u8>) -> F::Return {
    let answer = send(request.to_bytes());
    F::Return::from_bytes(&answer).expect("the client decodes the answer")
}

#[test]
fn a_client_build_and_a_server_build_talk() {
    let request = bot_client::functions::updates::GetState::new();
    let state = call(&request, |bytes| {
        serve(&bytes, |_: bot_server::functions::updates::GetState| {
            bot_server::types::updates::State::new(1, 2, 3, 4, 5).into()
        })
    });
    let bot_client::enums::updates::State::State(state) = state;
    assert_eq!(
        (
            state.pts,
            state.qts,
            state.date,
            state.seq,
            state.unread_count
        ),
        (1, 2, 3, 4, 5)
    );
}
