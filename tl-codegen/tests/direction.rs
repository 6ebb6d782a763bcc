//! `Config::direction`: which definitions get an encoder and which a decoder. A client encodes
//! functions and what their arguments reach and decodes what their results and the type roots
//! reach; a server the mirror; a definition that nothing reaches keeps both.

use std::collections::BTreeSet;

use tl_codegen::{Config, Direction, ErrorKind};

/// Ids are left out: the parser infers them.
const SCHEMA: &str = "\
int ? = Int;
long ? = Long;
string ? = String;
vector {t:Type} # [ t ] = Vector t;

inputPeerEmpty = InputPeer;
inputPeerUser user_id:long = InputPeer;
inputMedia caption:string = InputMedia;
message id:int peer:InputPeer = Message;
updateNewMessage message:Message = Update;
updates updates:Vector<Update> = Updates;
msgs_ack msg_ids:Vector<long> = MsgsAck;
sentMessage id:int = SentMessage;
ping_pong pong:Pong = PingPong;
pong ping_id:long = Pong;

---functions---

invokeWithLayer {X:Type} layer:int query:!X = X;
messages.sendMessage peer:InputPeer media:InputMedia = SentMessage;
messages.getMessages ids:Vector<int> = Vector<Message>;
";

fn generate(direction: Direction, roots: &[&str]) -> String {
    let mut config = Config::new();
    config.direction(direction);
    if !roots.is_empty() {
        config.roots(roots);
    }
    config
        .generate_from_sources(&[("direction.tl", SCHEMA)])
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The Rust names of the types implementing `trait_name` (`rt::BareSerializable`, ...).
fn implementing(code: &str, trait_name: &str) -> BTreeSet<String> {
    let marker = format!("{trait_name} for ");
    code.lines()
        .filter(|line| line.trim_start().starts_with("impl"))
        .filter_map(|line| line.split_once(&marker))
        .map(|(_, rest)| rest.split([' ', '<', '{']).next().unwrap_or("").to_owned())
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

/// The structs that encode and decode, and the enums that encode and decode.
fn codecs(code: &str) -> [BTreeSet<String>; 4] {
    [
        implementing(code, "rt::BareSerializable"),
        implementing(code, "rt::BareDeserializable"),
        implementing(code, "rt::Serializable"),
        implementing(code, "rt::Deserializable"),
    ]
}

#[test]
fn both_is_the_default_and_generates_every_codec() {
    let both = generate(Direction::Both, &[]);
    let default = Config::new()
        .generate_from_sources(&[("direction.tl", SCHEMA)])
        .unwrap();
    assert_eq!(both, default);
    let [encoded, decoded, ..] = codecs(&both);
    assert_eq!(encoded, decoded);
    assert!(encoded.contains("SendMessage") && encoded.contains("InputPeerUser"));
    assert!(!both.contains("rt::Answer for"));
    assert!(!both.contains("in these bindings"));
}

#[test]
fn a_client_encodes_requests_and_decodes_answers() {
    let code = generate(Direction::Client, &[]);
    let [encoded, decoded, enums_encoded, enums_decoded] = codecs(&code);
    // `InputPeer` is sent and received (in `message`); `msgs_ack`, `ping_pong` and `pong`
    // are reached by no function, so they keep both; `Updates` is not a root here and reached
    // by nothing either.
    let both = [
        "InputPeerEmpty",
        "InputPeerUser",
        "MsgsAck",
        "PingPong",
        "Pong",
        "Updates",
        "UpdateNewMessage",
        "Message",
    ];
    let sent = [
        "InvokeWithLayer",
        "SendMessage",
        "GetMessages",
        "InputMedia",
    ];
    assert_eq!(encoded, set(&[&both[..], &sent].concat()));
    assert_eq!(decoded, set(&[&both[..], &["SentMessage"]].concat()));
    let both_enums = [
        "InputPeer",
        "MsgsAck",
        "PingPong",
        "Pong",
        "Updates",
        "Update",
    ];
    assert_eq!(
        enums_encoded,
        set(&[&both_enums[..], &["InputMedia", "Message"]].concat())
    );
    assert_eq!(
        enums_decoded,
        set(&[&both_enums[..], &["SentMessage", "Message"]].concat())
    );
    assert_eq!(
        implementing(&code, "rt::RemoteCall"),
        set(&["InvokeWithLayer", "SendMessage", "GetMessages"])
    );
    assert!(implementing(&code, "rt::Answer").is_empty());
    // The docs say which codec a definition lacks, where users look when code does not compile.
    let docs_of = |item: &str| {
        let before = &code[..code.find(item).unwrap_or_else(|| panic!("{item}"))];
        let attributes = before.lines().rev().skip(1).take_while(|line| {
            let line = line.trim();
            line.starts_with("///") || line.starts_with("#[")
        });
        attributes.collect::<Vec<_>>().join("\n")
    };
    let note = "only in these bindings: they were generated for one direction";
    assert!(docs_of("pub struct SendMessage {").contains(&format!("Encoded {note}")));
    assert!(docs_of("pub struct SentMessage {").contains(&format!("Decoded {note}")));
    assert!(docs_of("pub enum SentMessage {").contains(&format!("Decoded {note}")));
    assert!(!docs_of("pub struct InputPeerUser {").contains(note));
}

#[test]
fn type_roots_are_received() {
    // With `Updates` a root, the client decodes it and all it holds; `message`'s `InputPeer`
    // was reached both ways already.
    let roots = ["messages.sendMessage", "Updates"];
    let code = generate(Direction::Client, &roots);
    let [encoded, decoded, ..] = codecs(&code);
    assert_eq!(
        encoded,
        set(&[
            "SendMessage",
            "InputMedia",
            "InputPeerEmpty",
            "InputPeerUser"
        ])
    );
    assert_eq!(
        decoded,
        set(&[
            "SentMessage",
            "Updates",
            "UpdateNewMessage",
            "Message",
            "InputPeerEmpty",
            "InputPeerUser"
        ])
    );
}

#[test]
fn a_server_is_the_mirror_and_answers() {
    let client = codecs(&generate(Direction::Client, &[]));
    let code = generate(Direction::Server, &[]);
    let [encoded, decoded, enums_encoded, enums_decoded] = codecs(&code);
    assert_eq!(
        [decoded, encoded, enums_decoded, enums_encoded],
        client,
        "the server decodes what the client encodes, and encodes what it decodes"
    );
    assert!(implementing(&code, "rt::RemoteCall").is_empty());
    assert_eq!(
        implementing(&code, "rt::Answer"),
        set(&["InvokeWithLayer", "SendMessage", "GetMessages"])
    );
    assert!(code.contains("impl<X: rt::Answer> rt::Answer for InvokeWithLayer<X>"));
}

#[test]
fn deserializable_functions_off_leaves_a_server_without_function_decoders() {
    let mut config = Config::new();
    config
        .direction(Direction::Server)
        .deserializable_functions(false);
    let code = config
        .generate_from_sources(&[("direction.tl", SCHEMA)])
        .unwrap();
    let [_, decoded, ..] = codecs(&code);
    assert!(!decoded.contains("SendMessage") && decoded.contains("InputMedia"));
    assert!(implementing(&code, "rt::Answer").is_empty());
}

#[test]
fn samples_visit_each_definition_by_its_codecs() {
    let mut config = Config::new();
    config.direction(Direction::Client);
    let samples = config
        .generate_samples(&[write_schema()])
        .unwrap_or_else(|e| panic!("{e}"));
    let samples: String = samples.split_whitespace().collect();
    assert!(samples.contains("visitor.visit_encoded(\"messages.sendMessage\""));
    assert!(samples.contains("visitor.visit_decoded(\"sentMessage\""));
    assert!(samples.contains("visitor.visit(\"inputPeerUser\""));
    // Only the types that decode can be decoded by index.
    let boxed_types = samples.split("BOXED_TYPES:&[&str]=&[").nth(1).unwrap();
    let boxed_types = boxed_types.split("];").next().unwrap();
    assert!(boxed_types.contains("\"SentMessage\"") && !boxed_types.contains("\"InputMedia\""));
    let both = Config::new().generate_samples(&[write_schema()]).unwrap();
    assert!(!both.contains("visit_encoded") && !both.contains("visit_decoded"));
}

fn write_schema() -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("direction.tl");
    std::fs::write(&path, SCHEMA).unwrap();
    path
}

#[test]
fn universal_enums_need_both_directions() {
    for direction in [Direction::Client, Direction::Server] {
        let mut config = Config::new();
        config.direction(direction).universal_enums(true);
        let error = config
            .generate_from_sources(&[("direction.tl", SCHEMA)])
            .unwrap_err();
        assert!(matches!(error.kind(), ErrorKind::Unsupported(_)), "{error}");
        assert!(
            error.to_string().contains(&format!(
                "it cannot be combined with the {direction} direction"
            )),
            "{error}"
        );
    }
}

#[test]
fn directions_are_named_as_on_the_command_line() {
    for (text, direction) in [
        ("client", Direction::Client),
        ("server", Direction::Server),
        ("both", Direction::Both),
    ] {
        assert_eq!(text.parse::<Direction>(), Ok(direction));
        assert_eq!(direction.to_string(), text);
    }
    assert!("Client".parse::<Direction>().is_err());
}

#[test]
fn a_field_of_any_function_gives_the_functions_its_codec() {
    // As TON's `testObject`: a client decodes it, so `Function` and every function decode.
    let schema = "\
int ? = Int;
object ? = Object;
function ? = Function;
pong id:int = Pong;
testObject o:Object f:Function = TestObject;

---functions---

ping id:int = Pong;
getTest = TestObject;
";
    let mut config = Config::new();
    config.direction(Direction::Client);
    let code = config
        .generate_from_sources(&[("any.tl", schema)])
        .unwrap_or_else(|e| panic!("{e}"));
    let [encoded, decoded, enums_encoded, enums_decoded] = codecs(&code);
    assert!(
        decoded.contains("Ping") && decoded.contains("GetTest"),
        "{decoded:?}"
    );
    assert!(enums_decoded.contains("Function") && enums_decoded.contains("Object"));
    // Nothing is sent but the functions themselves: no value holds a `Function` to send.
    assert_eq!(encoded, set(&["Ping", "GetTest"]));
    assert!(enums_encoded.is_empty(), "{enums_encoded:?}");
    assert!(implementing(&code, "rt::Answer").is_empty());
    // A server encodes `testObject`, hence functions, whose results it does not decode: they
    // implement `Answer`, not `RemoteCall`.
    config.direction(Direction::Server);
    let code = config
        .generate_from_sources(&[("any.tl", schema)])
        .unwrap_or_else(|e| panic!("{e}"));
    let [encoded, ..] = codecs(&code);
    assert!(
        encoded.contains("Ping") && encoded.contains("GetTest"),
        "{encoded:?}"
    );
    assert!(implementing(&code, "rt::RemoteCall").is_empty());
    assert_eq!(implementing(&code, "rt::Answer"), set(&["Ping", "GetTest"]));
}

#[test]
fn sent_roots_are_encoded() {
    // A client that acknowledges messages outside any function: `msgs_ack` is kept and sent.
    let mut config = Config::new();
    config
        .direction(Direction::Client)
        .roots(["messages.sendMessage", "Updates"])
        .sent_roots(["msgs_ack"]);
    let code = config
        .generate_from_sources(&[("direction.tl", SCHEMA)])
        .unwrap_or_else(|e| panic!("{e}"));
    let [encoded, decoded, enums_encoded, enums_decoded] = codecs(&code);
    assert!(encoded.contains("MsgsAck") && !decoded.contains("MsgsAck"));
    assert!(enums_encoded.contains("MsgsAck") && !enums_decoded.contains("MsgsAck"));
    assert!(decoded.contains("Updates") && !encoded.contains("Updates"));
    // A name the schema does not define is an error, as for any root.
    let error = Config::new()
        .sent_roots(["msgs_ak"])
        .generate_from_sources(&[("direction.tl", SCHEMA)])
        .unwrap_err();
    let ErrorKind::UnknownRoots(unknown) = error.kind() else {
        panic!("not an unknown root: {error}");
    };
    assert_eq!(unknown[0].suggestion.as_deref(), Some("msgs_ack"));
}
