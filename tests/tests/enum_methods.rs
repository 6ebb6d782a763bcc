//! The inherent methods of generated enums: over whole layers, `constructor_id()` and
//! `tl_name()` of a value of every constructor agree with its struct's `Identifiable` consts
//! and with `name_for_id`; the accessors of shared fields read each constructor's field.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use tl_types::{Deserializable, Identifiable, Serializable};

/// A samples module's `identify`: decodes bytes as boxed type `index`, says the constructor.
type IdentifyFn = fn(usize, &[u8]) -> Result<(u32, &'static str), tl_types::DecodeError>;

/// Decodes each sample as every boxed type; where that succeeds (the enum of the sample's
/// constructor), checks what the enum value says it holds.
struct Identify {
    name_for_id: fn(u32) -> Option<&'static str>,
    boxed_types: usize,
    identify: IdentifyFn,
    identified: BTreeSet<&'static str>,
}

impl Identify {
    fn check<T: Serializable + Identifiable>(&mut self, name: &'static str, value: T) {
        let bytes = value.to_bytes();
        for index in 0..self.boxed_types {
            let Ok((id, tl_name)) = (self.identify)(index, &bytes) else {
                continue;
            };
            assert_eq!(
                (id, tl_name),
                (T::CONSTRUCTOR_ID, T::TL_NAME),
                "{name} as boxed type {index}"
            );
            assert_eq!((self.name_for_id)(id), Some(tl_name), "{name}");
            self.identified.insert(name);
        }
    }
}

impl tl_tests::ours::samples::Visitor for Identify {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        self.check(name, value);
    }
}

#[cfg(grammers_layer)]
impl tl_tests::grammers::samples::Visitor for Identify {
    fn visit<T>(&mut self, name: &'static str, value: T)
    where
        T: Serializable + Deserializable + Identifiable + PartialEq + Debug,
    {
        self.check(name, value);
    }
}

/// The constructors of the schema files that become variants of an enum: all but the
/// built-ins and those of the types that are Rust primitives.
fn constructors(files: &[&Path]) -> BTreeSet<String> {
    const PRIMITIVES: &[&str] = &["Bool", "Vector", "Int128", "Int256"];
    let mut names = BTreeSet::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let options = tl_parser::Options::default();
        let schema = tl_parser::parse(&file.display().to_string(), &text, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        names.extend(
            schema
                .definitions
                .iter()
                .filter(|def| def.category == tl_parser::Category::Type && !def.builtin)
                .filter(|def| !PRIMITIVES.contains(&def.result.name))
                .map(|def| def.full_name()),
        );
    }
    names
}

fn assert_every_constructor_identified(identify: &Identify, files: &[&Path]) {
    let identified: BTreeSet<String> = identify.identified.iter().map(|s| s.to_string()).collect();
    let expected = constructors(files);
    let missing: Vec<_> = expected.difference(&identified).collect();
    assert!(
        missing.is_empty(),
        "constructors not identified: {missing:?}"
    );
    assert_eq!(identified, expected, "functions decoded as boxed types");
    eprintln!("{} constructors identified", identified.len());
}

#[test]
fn every_constructor_of_our_schema_says_its_id_and_name() {
    use tl_tests::ours::samples;
    let mut identify = Identify {
        name_for_id: tl_types::name_for_id,
        boxed_types: samples::BOXED_TYPES.len(),
        identify: samples::identify,
        identified: BTreeSet::new(),
    };
    samples::visit_all(&mut identify);
    let schema = tl_tests::workspace_root().join("schema");
    let files = [schema.join("api.tl"), schema.join("mtproto.tl")];
    assert_every_constructor_identified(&identify, &[&files[0], &files[1]]);
}

#[test]
fn every_constructor_of_layer_230_says_its_id_and_name() {
    #[cfg(grammers_layer)]
    {
        use tl_tests::grammers::samples;
        let mut identify = Identify {
            name_for_id: tl_tests::grammers::name_for_id,
            boxed_types: samples::BOXED_TYPES.len(),
            identify: samples::identify,
            identified: BTreeSet::new(),
        };
        samples::visit_all(&mut identify);
        let dir = tl_tests::corpus("every_constructor_of_layer_230_says_its_id_and_name")
            .expect("built with TL_CORPUS")
            .join("grammers");
        let files = [dir.join("api.tl"), dir.join("mtproto.tl")];
        assert_every_constructor_identified(&identify, &[&files[0], &files[1]]);
    }
    #[cfg(not(grammers_layer))]
    eprintln!(
        "skipped: TL_CORPUS was not set at build time; \
         every_constructor_of_layer_230_says_its_id_and_name did not run"
    );
}

#[test]
fn shared_fields_read_through_the_enum() {
    use tl_types::{enums, types};

    // Every constructor has the field, never optional: the value, or lent.
    let encrypted: [enums::EncryptedMessage; 2] = [
        types::EncryptedMessage {
            random_id: 1,
            chat_id: 2,
            date: 3,
            bytes: vec![4, 5],
            file: types::EncryptedFileEmpty {}.into(),
        }
        .into(),
        types::EncryptedMessageService {
            random_id: -1,
            chat_id: -2,
            date: -3,
            bytes: vec![6],
        }
        .into(),
    ];
    let read =
        |m: &enums::EncryptedMessage| (m.random_id(), m.chat_id(), m.date(), m.bytes().to_vec());
    assert_eq!(
        encrypted.iter().map(read).collect::<Vec<_>>(),
        [(1, 2, 3, vec![4, 5]), (-1, -2, -3, vec![6])]
    );
    let buttons: [enums::KeyboardButton; 2] = [
        types::KeyboardButton { text: "a".into() }.into(),
        types::KeyboardButtonCallback {
            requires_password: true,
            text: "b".into(),
            data: vec![],
        }
        .into(),
    ];
    assert_eq!(buttons.map(|b| b.text().to_owned()), ["a", "b"]);
}

/// With `Config::option_accessors`: a field that some constructors have reads as `None` for
/// the others.
#[test]
fn fields_of_some_constructors_read_as_options() {
    use tl_tests::universal::{enums, types};

    let peers: [enums::InputPeer; 4] = [
        types::InputPeerSelf {}.into(),
        types::InputPeerUser {
            user_id: 7,
            access_hash: 8,
        }
        .into(),
        types::InputPeerChannel {
            channel_id: 9,
            access_hash: 10,
        }
        .into(),
        types::InputPeerUserFromMessage {
            peer: types::InputPeerSelf {}.into(),
            msg_id: 11,
            user_id: 12,
        }
        .into(),
    ];
    let read = |p: &enums::InputPeer| (p.user_id(), p.access_hash(), p.msg_id());
    assert_eq!(
        peers.iter().map(read).collect::<Vec<_>>(),
        [
            (None, None, None),
            (Some(7), Some(8), None),
            (None, Some(10), None),
            (Some(12), None, Some(11)),
        ]
    );
    let actions: [enums::MessageAction; 3] = [
        enums::MessageAction::Empty,
        types::MessageActionChatCreate {
            title: "t".into(),
            users: vec![1, 2],
        }
        .into(),
        types::MessageActionChatAddUser { users: vec![3] }.into(),
    ];
    assert_eq!(
        actions.each_ref().map(|a| a.users()),
        [None, Some(&[1, 2][..]), Some(&[3][..])]
    );
}

/// With `Config::option_accessors`: `peer_id:flags.0?Peer` in `messageEmpty` and
/// `peer_id:Peer` in `message` are one field: `Option<&Peer>`, `None` where not set.
#[test]
fn a_field_optional_in_some_constructors_reads_as_an_option() {
    use tl_tests::universal::{enums, types};
    use tl_types::Deserializable;
    let peer: enums::Peer = types::PeerUser { user_id: 5 }.into();
    let words = |w: &[u32]| -> Vec<u8> { w.iter().flat_map(|w| w.to_le_bytes()).collect() };
    let empty = words(&[types::MessageEmpty::CONSTRUCTOR_ID, 0, 41]);
    let mut service = words(&[types::MessageService::CONSTRUCTOR_ID, 0, 42]);
    service.extend(peer.to_bytes());
    service.extend(words(&[
        1_700_000_000,
        types::MessageActionEmpty::CONSTRUCTOR_ID,
    ]));
    let messages: Vec<enums::Message> = [empty, service]
        .iter()
        .map(|bytes| enums::Message::from_bytes(bytes).unwrap())
        .collect();
    let read = |m: &enums::Message| (m.id(), m.peer_id().cloned(), m.out(), m.date());
    assert_eq!(
        messages.iter().map(read).collect::<Vec<_>>(),
        [
            (41, None, None, None),
            (42, Some(peer), Some(false), Some(1_700_000_000)),
        ]
    );
}
