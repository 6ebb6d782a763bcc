//! Comments, documentation and layout: what comments become, and that line endings, byte
//! order marks and non-ASCII text do not move positions.

mod common;

use common::*;
use tl_parser::{Category, Convention, Options, normalized_text, parse};

#[test]
fn comments_are_skipped_between_and_inside_definitions() {
    let src = "\
// line comment
/// triple-slash comment
/* block
   comment = Not;  */
a /* inline */ x:int // trailing ; comment
  y:long = A; // after the semicolon
//gzip_packed#3072cfa1 packed_data:string = Object;
b = B;/**/c = C;
";
    let schema = parse_ok(src);
    assert_eq!(names(&schema), ["a", "b", "c"]);
    assert_eq!(param_shapes(def(&schema, "a")), ["x:int", "y:long"]);
    assert_span(
        src,
        def(&schema, "a").span,
        "a /* inline */ x:int // trailing ; comment\n  y:long = A;",
        5,
        1,
    );
    assert_span(src, def(&schema, "c").span, "c = C;", 8, 11);
}

#[test]
fn doc_comments_attach_to_the_following_definition() {
    let src = "\
//@description An object of this type can be returned on every function call, in case of an error
//@code Error code; subject to future changes
//@message Error message; subject to future changes
error code:int32 message:string = Error;
/// Triple-slash doc.
///   Indented.
ok = Ok;
/**
 * First line.
 * Second line.
 */
block = Block;
//gzip_packed#3072cfa1 packed_data:string = Object;
after = After;
";
    let schema = parse_ok(src);
    assert_eq!(
        def(&schema, "error").docs,
        [
            "@description An object of this type can be returned on every function call, in case of an error",
            "@code Error code; subject to future changes",
            "@message Error message; subject to future changes",
        ]
    );
    assert_eq!(
        def(&schema, "ok").docs,
        ["Triple-slash doc.", "  Indented."]
    );
    assert_eq!(def(&schema, "block").docs, ["First line.", "Second line."]);
    assert_eq!(
        def(&schema, "after").docs,
        ["gzip_packed#3072cfa1 packed_data:string = Object;"]
    );
}

#[test]
fn doc_comments_do_not_cross_a_blank_line() {
    let src = "\
//@class AuthenticationCodeType @description Provides information about the method

//@description A code sent to another session
authenticationCodeTypeTelegramMessage length:int32 = AuthenticationCodeType;
// stray comment

plain = Plain;
// first paragraph
   \t
// second paragraph
two = Two;
";
    let schema = parse_ok(src);
    assert_eq!(
        def(&schema, "authenticationCodeTypeTelegramMessage").docs,
        ["@description A code sent to another session"]
    );
    assert!(def(&schema, "plain").docs.is_empty());
    assert_eq!(def(&schema, "two").docs, ["second paragraph"]);
}

#[test]
fn trailing_comment_after_semicolon_is_not_documentation_of_the_next_definition() {
    let src = "\
a = A; // about a
b = B;
c = C; /* about c */
d = D;
e = E; // about e
// about f
f = F;
";
    let schema = parse_ok(src);
    assert!(def(&schema, "a").docs.is_empty());
    assert!(def(&schema, "b").docs.is_empty());
    assert!(def(&schema, "d").docs.is_empty());
    assert_eq!(def(&schema, "f").docs, ["about f"]);
}

#[test]
fn section_header_and_layer_line_are_not_documentation() {
    let src = "// about the section\n---functions---\nf = F;\n// LAYER 7\ng = G;\n";
    let schema = parse_ok(src);
    assert!(def(&schema, "f").docs.is_empty());
    assert!(def(&schema, "g").docs.is_empty());
    assert_eq!(schema.layer, Some(7));
}

#[test]
fn multi_line_definition_with_comments_inside() {
    let src = "\
// TON style
adnl.message.part  // a comment after the name
    hash:int256    /* a block ; comment */
    total_size:int
    // a comment line with a ; inside
    offset:int data:bytes
  = adnl.Message;
next = Next;
";
    let schema = parse_conv(src, Convention::TlParser);
    assert_eq!(names(&schema), ["adnl.message.part", "next"]);
    let d = &schema.definitions[0];
    assert_eq!(d.docs, ["TON style"]);
    let text_start = src.find("adnl.message.part").unwrap();
    let text_end = src.find("next").unwrap() - 1;
    assert_span(src, d.span, &src[text_start..text_end], 2, 1);
    assert_eq!(
        param_shapes(d),
        ["hash:int256", "total_size:int", "offset:int", "data:bytes"]
    );
    assert_span(src, d.params[0].span, "hash:int256", 3, 5);
    assert_span(src, d.params[1].span, "total_size:int", 4, 5);
    assert_span(src, d.params[2].span, "offset:int", 6, 5);
    assert_span(src, d.params[3].span, "data:bytes", 6, 16);
    assert_span(src, d.result.span, "adnl.Message", 7, 5);

    let one_line = parse_conv(
        "adnl.message.part hash:int256 total_size:int offset:int data:bytes = adnl.Message;",
        Convention::TlParser,
    );
    let text = "adnl.message.part hash:int256 total_size:int offset:int data:bytes = adnl.Message";
    assert_eq!(normalized_text(d, Convention::TlParser), text);
    assert_eq!(d.computed_id, crc32(text));
    assert_eq!(d.computed_id, one_line.definitions[0].computed_id);
    assert_span(src, schema.definitions[1].span, "next = Next;", 8, 1);
}

#[test]
fn empty_and_comment_only_files() {
    for src in ["", "\n\n", "// only a comment", "/* block */\n// LAYER 3\n"] {
        let schema = parse_ok(src);
        assert!(schema.definitions.is_empty(), "{src:?}");
        assert!(schema.id_mismatches.is_empty());
        assert_eq!(schema.convention, Convention::TlParser);
    }
}

#[test]
fn non_ascii_comments_count_columns_in_characters() {
    let src = "// Привет, мир ✓\n/* ünïcödé ✓ */ a x:int = A; // 日本語 ;\n//@description Ошибка ✓\nb = B;\n";
    let schema = parse_ok(src);
    let a = def(&schema, "a");
    let line2 = src.find('\n').unwrap() + 1;
    // 16 characters but 22 bytes precede `a` on line 2.
    assert_eq!(a.span.start, line2 + 22);
    assert_span(src, a.span, "a x:int = A;", 2, 17);
    assert_span(src, a.params[0].span, "x:int", 2, 19);
    assert_span(src, a.result.span, "A", 2, 27);
    assert_eq!(a.docs, ["Привет, мир ✓", "ünïcödé ✓"]);
    let b = def(&schema, "b");
    assert_eq!(b.docs, ["@description Ошибка ✓"]);
    assert_span(src, b.span, "b = B;", 4, 1);

    // An error after non-ASCII text on its line: 16 characters, 18 bytes before `B`.
    let src = "/* ✓ */ a b:int B;\n";
    let e = single_error(src);
    assert_syntax(&e, 1, 18, "`=` and the result type", "`;`");
    assert_eq!((e.span.start, e.span.end), (19, 20));
}

#[test]
fn a_byte_order_mark_is_skipped_and_not_counted_as_a_column() {
    let src = "\u{feff}boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n";
    let schema = parse_ok(src);
    assert_eq!(names(&schema), ["boolFalse", "boolTrue"]);
    assert_eq!(schema.verified_ids(), 2);
    assert!(schema.id_mismatches.is_empty());
    assert_span(
        src,
        schema.definitions[0].span,
        "boolFalse#bc799737 = Bool;",
        1,
        1,
    );
    // Errors on the first line point where an editor shows them, in the report too.
    let e = single_error("\u{feff}foo = ;\n");
    assert_eq!((e.line(), e.column()), (1, 7), "{e:?}");
    let report = parse("bom.tl", "\u{feff}foo = ;\n", &Options::default()).unwrap_err();
    let text = report.to_string();
    assert!(text.contains("--> bom.tl:1:7\n"), "{text}");
    assert!(text.contains("1 | foo = ;\n"), "{text}");
}

#[test]
fn windows_line_endings() {
    let src = "// LAYER 7\r\n\
               boolFalse#bc799737 = Bool;\r\n\
               ---functions---\r\n\
               //@description A comment\r\n\
               ping#7abe77ec ping_id:long = Pong;\r\n";
    let schema = parse_ok(src);
    assert_eq!(schema.layer, Some(7));
    assert_eq!(names(&schema), ["boolFalse", "ping"]);
    assert_eq!(schema.verified_ids(), 2);
    assert!(schema.id_mismatches.is_empty());
    let ping = def(&schema, "ping");
    assert_eq!(ping.category, Category::Function);
    assert_span(src, ping.span, "ping#7abe77ec ping_id:long = Pong;", 5, 1);
    let e = single_error("a = A;\r\nb c: = B;\r\n");
    assert_eq!((e.line(), e.column()), (2, 6), "{e:?}");
}

#[test]
fn tdlib_continuation_lines_join_the_doc_line_above() {
    // td_api.tl continues `//@description` and `//@param` text on `//-` lines.
    let src = "\
//@description Describes a remote file @id Remote file identifier.
//-If it starts with \"http://\", it is a URL.
//-Application must download it
//@unique_id Unique file identifier
remoteFile id:string unique_id:string = RemoteFile;

//@description TDLib needs the phone number,
//-or use requestQrCodeAuthentication
authorizationStateWaitPhoneNumber = AuthorizationState;
//-A continuation with nothing above it
//---- and a rule, which continues nothing
lonely = Lonely;
";
    let schema = parse_ok(src);
    assert_eq!(
        def(&schema, "remoteFile").docs,
        [
            "@description Describes a remote file @id Remote file identifier. If it starts with \
             \"http://\", it is a URL. Application must download it",
            "@unique_id Unique file identifier",
        ]
    );
    assert_eq!(
        def(&schema, "authorizationStateWaitPhoneNumber").docs,
        ["@description TDLib needs the phone number, or use requestQrCodeAuthentication"]
    );
    assert_eq!(
        def(&schema, "lonely").docs,
        [
            "A continuation with nothing above it",
            "---- and a rule, which continues nothing",
        ]
    );
}
