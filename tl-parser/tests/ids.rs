//! Constructor ids: normalization under both conventions, convention detection, and the
//! mismatches between written and computed ids with their explanations.

mod common;

use common::*;
use tl_parser::{Category, Convention, MismatchExplanation, Options, compute_id, normalized_text};

const CONVENTION_SAMPLE: &str = "a#1 flags:# flags2:# x:flags.0?true y:flags2.3?true z:bytes \
w:flags.1?bytes v:Vector<bytes> bytes:int t:true u:%bytes = B;";

#[test]
fn ids_of_one_to_eight_hex_digits() {
    let src = "\
storage.fileJpeg#7efe0e = storage.FileType;
inputMediaPoll#f94e5f1 flags:# poll:Poll correct_answers:flags.0?Vector<bytes> solution:flags.1?string solution_entities:flags.1?Vector<MessageEntity> = InputMedia;
boolTrue#997275B5 = Bool;
a#1 = A;
b#0 = B;
c#ffffffff = C;
";
    let schema = parse_ok(src);
    assert_eq!(schema.convention, Convention::Telegram);
    let written: Vec<Option<u32>> = schema.definitions.iter().map(|d| d.written_id).collect();
    assert_eq!(
        written,
        [
            Some(0x007e_fe0e),
            Some(0x0f94_e5f1),
            Some(0x9972_75b5),
            Some(1),
            Some(0),
            Some(0xffff_ffff),
        ]
    );
    // The three real ids verify; the made-up ones are listed as mismatches, not errors.
    assert_eq!(schema.verified_ids(), 3);
    let mismatched: Vec<(&str, u32)> = schema
        .id_mismatches
        .iter()
        .map(|m| (m.name.as_str(), m.written))
        .collect();
    assert_eq!(mismatched, [("a", 1), ("b", 0), ("c", 0xffff_ffff)]);
    assert_span(
        src,
        schema.definitions[0].span,
        "storage.fileJpeg#7efe0e = storage.FileType;",
        1,
        1,
    );
    // The id is the written one even when it differs.
    assert_eq!(def(&schema, "a").id(), 1);
}

#[test]
fn id_is_computed_when_not_written() {
    let schema = parse_ok("ok = Ok;\nerror code:int32 message:string = Error;\n");
    assert_eq!(schema.convention, Convention::TlParser);
    assert_eq!(def(&schema, "ok").id(), 0xd4ed_be69);
    assert_eq!(def(&schema, "error").id(), 0x9bdd_8f1a);
    assert_eq!(schema.inferred_ids(), 2);
    assert!(schema.id_mismatches.is_empty());
}

#[test]
fn manifest_vector_example_under_both_conventions() {
    let src = "vector#1cb5c415 {t:Type} # [ t ] = Vector t;\n";
    for convention in [Convention::Telegram, Convention::TlParser] {
        let schema = parse_conv(src, convention);
        let d = &schema.definitions[0];
        assert_eq!(
            normalized_text(d, convention),
            "vector t:Type # [ t ] = Vector t"
        );
        assert_eq!(compute_id(d, convention), 0x1cb5_c415);
        assert_eq!(d.computed_id, 0x1cb5_c415);
        assert_eq!(schema.verified_ids(), 1);
        assert!(schema.id_mismatches.is_empty());
    }
    assert_eq!(crc32("vector t:Type # [ t ] = Vector t"), 0x1cb5_c415);
}

#[test]
fn telegram_convention_drops_true_flags_and_rewrites_bytes() {
    let schema = parse_conv(CONVENTION_SAMPLE, Convention::Telegram);
    let d = &schema.definitions[0];
    let text =
        "a flags:# flags2:# z:string w:flags.1?string v:Vector bytes bytes:int t:true u:%bytes = B";
    assert_eq!(normalized_text(d, Convention::Telegram), text);
    assert_eq!(d.computed_id, crc32(text));
    assert_eq!(compute_id(d, Convention::Telegram), crc32(text));
}

#[test]
fn tl_parser_convention_keeps_params_as_written() {
    let schema = parse_conv(CONVENTION_SAMPLE, Convention::TlParser);
    let d = &schema.definitions[0];
    let text = "a flags:# flags2:# x:flags.0?true y:flags2.3?true z:bytes w:flags.1?bytes \
                v:Vector bytes bytes:int t:true u:%bytes = B";
    assert_eq!(normalized_text(d, Convention::TlParser), text);
    assert_eq!(d.computed_id, crc32(text));
    // Parenthesized types lose their parentheses.
    let d = &parse_ok("n nodes:(vector adnl.node) = N;").definitions[0];
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "n nodes:vector adnl.node = N"
    );
}

#[test]
fn layout_and_comments_do_not_change_ids() {
    let a = parse_ok("auth.sendCode phone_number:string api_id:int = auth.SentCode;");
    let b = parse_ok(
        "auth.sendCode   // c\n  phone_number : string /* ; */\n\tapi_id:int\n=\n auth.SentCode ;",
    );
    for convention in [Convention::Telegram, Convention::TlParser] {
        assert_eq!(
            normalized_text(&a.definitions[0], convention),
            normalized_text(&b.definitions[0], convention)
        );
    }
    assert_eq!(a.definitions[0].computed_id, b.definitions[0].computed_id);
}

#[test]
fn seed_lines_verify() {
    let src = "\
auth.sentCode#5e002502 flags:# type:auth.SentCodeType phone_code_hash:string next_type:flags.1?auth.CodeType timeout:flags.2?int = auth.SentCode;
---functions---
auth.sendCode#a677244f phone_number:string api_id:int api_hash:string settings:CodeSettings = auth.SentCode;
";
    let schema = parse_ok(src);
    assert_eq!(schema.convention, Convention::Telegram);
    assert_eq!(schema.counts(), (1, 1));
    assert_eq!(schema.verified_ids(), 2);
    assert!(schema.id_mismatches.is_empty());
    assert_eq!(def(&schema, "auth.sentCode").computed_id, 0x5e00_2502);
    let send = &schema.definitions[1];
    assert_eq!(send.category, Category::Function);
    assert_eq!(send.computed_id, 0xa677_244f);
    assert_eq!(
        normalized_text(send, Convention::Telegram),
        "auth.sendCode phone_number:string api_id:int api_hash:string settings:CodeSettings = auth.SentCode"
    );
}

#[test]
fn convention_detection_rule() {
    // Telegram when at least half of the definitions carry a written id.
    assert_eq!(Convention::detect(0, 0), Convention::TlParser);
    assert_eq!(Convention::detect(1, 1), Convention::Telegram);
    assert_eq!(Convention::detect(2, 1), Convention::Telegram);
    assert_eq!(Convention::detect(3, 1), Convention::TlParser);
    assert_eq!(Convention::detect(10, 5), Convention::Telegram);
    assert_eq!(Convention::detect(11, 5), Convention::TlParser);
    assert_eq!(Convention::detect(3178, 0), Convention::TlParser);
    assert_eq!(Convention::detect(66, 50), Convention::Telegram);

    assert_eq!(
        parse_ok("a#1 = A;\nb = B;\n").convention,
        Convention::Telegram
    );
    assert_eq!(
        parse_ok("a#1 = A;\nb = B;\nc = C;\n").convention,
        Convention::TlParser
    );
    // A forced convention wins over detection.
    assert_eq!(
        parse_conv("a = A;\n", Convention::Telegram).convention,
        Convention::Telegram
    );
    assert_eq!(
        parse_conv("a#1 = A;\n", Convention::TlParser).convention,
        Convention::TlParser
    );
    // Detection changes the inferred ids.
    let text = "x flags:# t:flags.0?true = X;\n";
    let tl = parse_ok(text);
    assert_eq!(
        tl.definitions[0].computed_id,
        crc32("x flags:# t:flags.0?true = X")
    );
    let tg = parse_conv(text, Convention::Telegram);
    assert_eq!(tg.definitions[0].computed_id, crc32("x flags:# = X"));
}

#[test]
fn convention_names() {
    assert_eq!(Convention::Telegram.to_string(), "telegram");
    assert_eq!(Convention::TlParser.to_string(), "tl-parser");
    assert_eq!("telegram".parse::<Convention>(), Ok(Convention::Telegram));
    assert_eq!("tl-parser".parse::<Convention>(), Ok(Convention::TlParser));
    assert!("tdlib".parse::<Convention>().is_err());
}

#[test]
fn id_mismatches_are_listed_and_can_be_accepted() {
    let src = "boolTrue#997275b5 = Bool;\nhelp.configSimple#5a592a6c date:int = help.ConfigSimple;\nwrong#12345678 = Wrong;\n";
    let schema = parse_ok(src);
    assert_eq!(schema.verified_ids(), 1);
    assert_eq!(schema.id_mismatches.len(), 2);
    let m = &schema.id_mismatches[0];
    assert_eq!(m.name, "help.configSimple");
    assert_eq!(m.written, 0x5a59_2a6c);
    assert_eq!(
        m.normalized,
        "help.configSimple date:int = help.ConfigSimple"
    );
    assert_eq!(m.computed, crc32(&m.normalized));
    assert_eq!(m.span.line, 2);
    assert!(!m.accepted);
    // The definition keeps its written id on the wire.
    assert_eq!(def(&schema, "help.configSimple").id(), 0x5a59_2a6c);
    assert_eq!(schema.unaccepted_mismatches().count(), 2);
    let shown = m.to_string();
    assert!(
        shown.starts_with("test.tl:2:1: `help.configSimple`"),
        "{shown}"
    );
    assert!(shown.contains("#5a592a6c"), "{shown}");
    assert!(shown.contains(&format!("#{:08x}", m.computed)), "{shown}");

    let accepted = parse_with(
        src,
        Options::default().with_accepted_mismatches(["help.configSimple"]),
    );
    assert_eq!(
        accepted.id_mismatches.len(),
        2,
        "accepted mismatches are still listed"
    );
    assert!(accepted.id_mismatches[0].accepted);
    assert!(!accepted.id_mismatches[1].accepted);
    let unaccepted: Vec<&str> = accepted
        .unaccepted_mismatches()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(unaccepted, ["wrong"]);

    // Only the full name matches.
    let by_short_name = parse_with(
        src,
        Options::default().with_accepted_mismatches(["configSimple", "wrong"]),
    );
    let unaccepted: Vec<&str> = by_short_name
        .unaccepted_mismatches()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(unaccepted, ["help.configSimple"]);
}

#[test]
fn ids_of_renamed_definitions_are_explained_and_can_be_accepted_together() {
    let id = |text: &str| crc32(text);
    let src = format!(
        "decryptedMessage8#{:08x} random_id:long = DecryptedMessage;\n\
         decryptedMessage_l16#{:08x} random_id:long = DecryptedMessage;\n\
         inputThumbLegacy#{:08x} id:long = InputThumb;\n\
         invokePrefix#{:08x} id:long = Error;\n\
         invoke#{:08x} {{X:Type}} id:long query:!X = X;\n\
         other7#12345678 random_id:long = DecryptedMessage;\n",
        id("decryptedMessage random_id:long = DecryptedMessage"),
        id("decryptedMessage random_id:long = DecryptedMessage"),
        id("inputThumb id:long = InputThumb"),
        id("invoke X:Type id:long query:!X = X"),
        id("invoke X:Type id:long query:!X = X"),
    );
    let schema = parse_ok(&src);
    let explained: Vec<(&str, Option<&MismatchExplanation>)> = schema
        .id_mismatches
        .iter()
        .map(|m| (m.name.as_str(), m.explanation.as_ref()))
        .collect();
    let renamed = |old: &str| MismatchExplanation::Renamed {
        old_name: old.to_owned(),
    };
    let id_of_invoke = MismatchExplanation::IdOf {
        name: "invoke".to_owned(),
        line: 5,
    };
    assert_eq!(
        explained,
        [
            ("decryptedMessage8", Some(&renamed("decryptedMessage"))),
            ("decryptedMessage_l16", Some(&renamed("decryptedMessage"))),
            ("inputThumbLegacy", Some(&renamed("inputThumb"))),
            ("invokePrefix", Some(&id_of_invoke)),
            ("other7", None),
        ]
    );
    let shown = schema.id_mismatches[0].to_string();
    assert!(
        shown.contains("under the older name `decryptedMessage`"),
        "{shown}"
    );
    let shown = schema.id_mismatches[3].to_string();
    assert!(shown.contains("the id of `invoke` (line 5)"), "{shown}");
    // One wrong id copied onto two definitions explains neither.
    let copied = parse_ok("a#12345678 x:int = A;\nb#12345678 y:int = B;\n");
    assert!(
        copied.id_mismatches.iter().all(|m| m.explanation.is_none()),
        "{:?}",
        copied.id_mismatches
    );
    // The definitions keep their written ids on the wire.
    assert_eq!(
        def(&schema, "decryptedMessage8").id(),
        schema.id_mismatches[0].written
    );

    let accepting_renamed = parse_with(&src, Options::default().with_accept_explained(true));
    let unaccepted: Vec<&str> = accepting_renamed
        .unaccepted_mismatches()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(unaccepted, ["invokePrefix", "other7"]);
    assert_eq!(accepting_renamed.id_mismatches.len(), 5);
}

#[test]
fn ids_hashed_under_telegrams_rule_make_a_file_telegrams_however_few() {
    // One id written of three (fewer than half), hashed under Telegram's rule: the file is
    // Telegram's, and so are the ids it leaves out.
    let src = format!(
        "a#{:08x} flags:# silent:flags.0?true = A;\nb flags:# pinned:flags.1?true = B;\n\
         c x:bytes = C;\n",
        crc32("a flags:# = A"),
    );
    let schema = parse_ok(&src);
    assert_eq!(schema.convention, Convention::Telegram);
    assert_eq!(schema.verified_ids(), 1);
    assert_eq!(def(&schema, "b").computed_id, crc32("b flags:# = B"));
    assert_eq!(def(&schema, "c").computed_id, crc32("c x:string = C"));
    // Not if another such id verifies only under the C tl-parser's rule, nor if the ids hash
    // alike either way: then how many are written decides.
    let src = format!(
        "a#{:08x} flags:# silent:flags.0?true = A;\nb#{:08x} x:bytes = B;\nc = C;\nd = D;\n\
         e = E;\n",
        crc32("a flags:# = A"),
        crc32("b x:bytes = B"),
    );
    assert_eq!(parse_ok(&src).convention, Convention::TlParser);
    let src = format!(
        "a#{:08x} n:int = A;\nb = B;\nc = C;\n",
        crc32("a n:int = A")
    );
    assert_eq!(parse_ok(&src).convention, Convention::TlParser);
    // Never the other way: mtproto.tl verifies `ipPortSecret` only under the C tl-parser's
    // rule, and is Telegram's.
    let src = format!(
        "ipPortSecret#{:08x} ipv4:int port:int secret:bytes = IpPort;\n",
        crc32("ipPortSecret ipv4:int port:int secret:bytes = IpPort"),
    );
    assert_eq!(parse_ok(&src).convention, Convention::Telegram);
}

#[test]
fn an_id_hashed_under_the_other_convention_is_explained_and_verified() {
    // Telegram's convention hashes `bytes` as `string`; some of its definitions were hashed
    // with `bytes` as written, the C tl-parser's rule.
    let src = format!(
        "a#{:08x} x:int = A;\nb#{:08x} y:bytes = B;\n",
        crc32("a x:int = A"),
        crc32("b y:bytes = B"),
    );
    let schema = parse_ok(&src);
    assert_eq!(schema.convention, Convention::Telegram);
    assert_eq!(schema.id_mismatches.len(), 1);
    let m = &schema.id_mismatches[0];
    assert_eq!(m.name, "b");
    assert_eq!(m.computed, crc32("b y:string = B"));
    assert_eq!(
        m.explanation,
        Some(MismatchExplanation::OtherConvention(Convention::TlParser))
    );
    assert!(
        m.to_string().contains("under the tl-parser convention"),
        "{m}"
    );
    let accepted = parse_with(&src, Options::default().with_accept_explained(true));
    assert_eq!(accepted.unaccepted_mismatches().count(), 0);
}

#[test]
fn a_bare_type_with_one_constructor_is_hashed_as_that_constructor() {
    // mtproto's `msg_container#73f1f8dc messages:vector<%Message>`: its id is that of
    // `messages:vector message`, the form Telegram's own copy of the line has.
    let src = "msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;\n\
               message#5bb8e511 msg_id:long seqno:int bytes:int body:Object = Message;\n";
    let schema = parse_ok(src);
    assert!(
        schema.id_mismatches.is_empty(),
        "{:?}",
        schema.id_mismatches
    );
    assert_eq!(def(&schema, "msg_container").computed_id, 0x73f1_f8dc);
    assert_eq!(
        crc32("msg_container messages:vector message = MessageContainer"),
        0x73f1_f8dc
    );
    // With two constructors `%Message` names no single one: the mismatch stays.
    let two = format!("{src}other#00000001 = Message;\n");
    let schema = parse_ok(&two);
    let names: Vec<&str> = schema
        .id_mismatches
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["msg_container", "other"]);
}
