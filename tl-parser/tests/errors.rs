//! Every error kind: where it points, what it says, and how a report renders it.

mod common;

use common::*;
use tl_parser::{Convention, ErrorKind, Options, parse};

/// A syntax error of one input: (input, line, column, expected, found, the byte range of the
/// span where it matters). The span covers the found token when the error is right at it, and
/// is empty where something is missing.
type SyntaxCase = (
    &'static str,
    u32,
    u32,
    &'static str,
    &'static str,
    Option<(usize, usize)>,
);

const SYNTAX_ERRORS: &[SyntaxCase] = &[
    // A missing `;` is reported just past the result type, where the line ends...
    ("a = A\nb = B;\n", 1, 6, "`;`", "`b`", Some((5, 5))),
    // ...also after trailing spaces and a result with arguments...
    (
        "a = A;\nv {t:Type} x:t = Vector t   \nb = B;\n",
        2,
        26,
        "`;`",
        "`b`",
        None,
    ),
    // ...and at the end of the file.
    ("a = A;\nb = B", 2, 6, "`;`", "end of file", None),
    ("int ? Int;\n", 1, 7, "`=`", "`Int`", Some((6, 9))),
    // `B` is an anonymous parameter: the `=` is missing before `;`.
    (
        "a b:int B;\n",
        1,
        10,
        "`=` and the result type",
        "`;`",
        None,
    ),
    (
        "ok#d4edbe69;\n",
        1,
        12,
        "`=` and the result type",
        "`;`",
        None,
    ),
    ("a x:= A;\n", 1, 5, "a type", "`=`", None),
    (
        "a 123 = A;\n",
        1,
        3,
        "a parameter such as `name:Type`, or `=`",
        "`123`",
        Some((2, 5)),
    ),
    (
        "a flags:# x:flags.1 = A;\n",
        1,
        20,
        "`?` after the flag condition",
        "`=`",
        None,
    ),
    ("a x:Vector<int = A;\n", 1, 16, "`>` or `,`", "`=`", None),
    (
        "a x:(vector = A;\n",
        1,
        13,
        "a type argument or `)`",
        "`=`",
        None,
    ),
    ("a [ x:int = A;\n", 1, 11, "a parameter or `]`", "`=`", None),
    ("a x:ü = A;\n", 1, 5, "a type", "`ü`", Some((4, 6))),
    (
        "a = A;\nabc#123456789 = A;\n",
        2,
        5,
        "a constructor id of 1 to 8 hex digits",
        "`123456789`",
        Some((11, 20)),
    ),
    (
        "a# = A;\n",
        1,
        3,
        "a constructor id of 1 to 8 hex digits",
        "`=`",
        None,
    ),
    (
        "a = A;\n/* never closed\nb = B;\n",
        2,
        1,
        "`*/` closing this comment",
        "`/`",
        None,
    ),
    (
        "a = A;\nb x:int /* never closed = B;\n",
        2,
        9,
        "`*/` closing this comment",
        "`/`",
        None,
    ),
    (
        "a = A;\n---foo---\nb = B;\n",
        2,
        4,
        "`types` or `functions`",
        "`foo`",
        Some((10, 13)),
    ),
    ("---functions\nf = F;\n", 1, 13, "`---`", "`f`", None),
    // A repetition's count must be followed by brackets.
    ("a key:64*int = A;\n", 1, 10, "`[`", "`int`", None),
];

#[test]
fn syntax_errors_say_where_and_what_was_expected() {
    for &(src, line, column, expected, found, range) in SYNTAX_ERRORS {
        let e = single_error(src);
        assert_syntax_in(src, &e, line, column, expected, found);
        if let Some(range) = range {
            assert_eq!(
                (e.span.start, e.span.end),
                range,
                "span of the error in {src:?}"
            );
        }
    }
}

#[test]
fn error_unknown_flag_field() {
    let src = "a x:flags.0?int = A;\n";
    let e = single_error(src);
    assert_eq!(
        e.kind,
        ErrorKind::UnknownFlagField {
            field: "flags".to_owned(),
            bit: 0,
        }
    );
    assert_span(src, e.span, "flags.0", 1, 5);

    // The `#` word must come before the condition, and must be a `#`.
    let src = "a x:flags2.3?int flags2:# = A;\n";
    assert_span(src, single_error(src).span, "flags2.3", 1, 5);
    let src = "a flags:int x:flags.3?int = A;\n";
    assert!(matches!(
        single_error(src).kind,
        ErrorKind::UnknownFlagField { bit: 3, .. }
    ));
    // Declared in another definition does not count.
    let src = "a flags:# = A;\nb x:flags.1?true = B;\n";
    let e = single_error(src);
    assert_span(src, e.span, "flags.1", 2, 5);
}

#[test]
fn error_flag_bit_out_of_range() {
    let src = "a flags:# x:flags.32?int = A;\n";
    let e = single_error(src);
    assert_eq!(e.kind, ErrorKind::FlagBitOutOfRange { bit: 32 });
    assert_span(src, e.span, "flags.32", 1, 13);
    // Bit 31 is the last one.
    parse_ok("a flags:# x:flags.31?int = A;\n");
}

#[test]
fn error_undeclared_generic() {
    // (source, name, span text, line, column). Implicit parameters (`f q:!X = X`) are those
    // of functions that declare none, and only those their result names.
    let cases = [
        ("a {X:Type} q:!Y = X;\n", "Y", "!Y", 1, 14),
        ("b = !Z;\n", "Z", "!Z", 1, 5),
        ("c q:!Y = Y;\n", "Y", "!Y", 1, 5),
        ("---functions---\nf q:!Y = Int;\n", "Y", "!Y", 2, 5),
        ("---functions---\nf x:int = !Z;\n", "Z", "!Z", 2, 11),
    ];
    for (src, name, text, line, column) in cases {
        let e = single_error(src);
        assert_eq!(
            e.kind,
            ErrorKind::UndeclaredGeneric {
                name: name.to_owned(),
            },
            "{src}"
        );
        assert_span(src, e.span, text, line, column);
    }
    // A namespaced reference is never a type parameter, and the hint says so.
    let e = single_error("---functions---\nf q:!ns.X = ns.X;\n");
    assert_eq!(
        e.to_string(),
        "2:5: `!ns.X` refers to an undeclared generic parameter (a type parameter is a plain name, \
         declared with `{X:Type}`)"
    );
}

#[test]
fn error_duplicate_definition() {
    let src = "a = A;\nb = B;\na = A2;\n";
    let e = single_error(src);
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateDefinition {
            name: "a".to_owned(),
            first_line: 1,
        }
    );
    assert_span(src, e.span, "a = A2;", 3, 1);

    // Same category after switching back and forth; a function of the same name is fine.
    let src = "auth.x = A;\n---functions---\nauth.x = A;\n---types---\nauth.x#1 = C;\n";
    let e = single_error(src);
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateDefinition {
            name: "auth.x".to_owned(),
            first_line: 1,
        }
    );
    assert_eq!((e.line(), e.column()), (5, 1));
}

#[test]
fn a_definition_repeated_with_its_id_and_text_is_left_out_and_listed() {
    // As merged forks of Telethon's api.tl have them; whitespace may differ.
    let src = "a = A;\nb#1 x:int = B;\n---functions---\nf = B;\n---types---\nb#1  x:int\n  = B;\n";
    let schema = parse_conv(src, Convention::TlParser);
    assert_eq!(names(&schema), ["a", "b", "f"]);
    assert_eq!(
        schema.repeated,
        [tl_parser::Repeated {
            name: "b".to_owned(),
            span: schema.repeated[0].span,
            first_line: 2,
        }]
    );
    assert_span(src, schema.repeated[0].span, "b#1  x:int\n  = B;", 6, 1);
    // Spacing and comments do not count; within a layer section as outside.
    let schema = parse_conv(
        "===8===\nc x:int=C;\nc /* again */ x : int = C ;\n===9===\nc x:int = C;\n",
        Convention::TlParser,
    );
    assert_eq!(names(&schema), ["c", "c"]);
    assert_eq!(schema.repeated.len(), 1);
    assert_eq!(
        (schema.repeated[0].span.line, schema.repeated[0].first_line),
        (3, 2)
    );
    // Another id, or anything else in the text, is a duplicate.
    let e = single_error("b#1 x:int = B;\nb#2 x:int = B;\n");
    assert_eq!((e.line(), e.column()), (2, 1));
    let e = single_error("b x:int = B;\nb x:long = B;\n");
    assert_eq!((e.line(), e.column()), (2, 1));
}

#[test]
fn report_renders_like_rustc() {
    let report = parse("dir/my.tl", THREE_ERRORS, &Options::default()).unwrap_err();
    assert_eq!(report.file, "dir/my.tl");
    let text = report.to_string();
    for needle in [
        "error: expected `;`, found `ok2`",
        "--> dir/my.tl:2:15",
        "bad1 x:int = A",
        "--> dir/my.tl:4:6",
        "bad2#123456789 = A;",
        "--> dir/my.tl:6:8",
        "bad3 x:= A;",
        "could not be parsed: 3 errors",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // The caret sits under the reported column of the quoted source line.
    let lines: Vec<&str> = text.lines().collect();
    let quoted = lines
        .iter()
        .position(|l| l.ends_with("| bad3 x:= A;"))
        .expect("quoted source line");
    let source_bar = lines[quoted].find('|').unwrap();
    let caret_line = lines[quoted + 1];
    assert_eq!(caret_line.find('|'), Some(source_bar), "{text}");
    let caret = caret_line.find('^').expect("a caret");
    assert_eq!(caret - source_bar - 2, 8 - 1, "caret column in:\n{text}");

    let single = parse("t.tl", "a = A\nb = B;\n", &Options::default()).unwrap_err();
    let text = single.to_string();
    assert!(text.contains("--> t.tl:1:6"), "{text}");
    assert!(text.contains("^"), "{text}");
    assert!(text.ends_with("could not be parsed: 1 error"), "{text}");
    assert_eq!(single.errors[0].to_string(), "1:6: expected `;`, found `b`");
}

#[test]
fn semantic_error_messages() {
    let cases = [
        (
            "a x:flags.0?int = A;",
            "flag condition `flags.0` names no `#` parameter declared before it",
        ),
        (
            "a flags:# x:flags.32?int = A;",
            "flag bit 32 is out of range: a `#` word has bits 0 to 31",
        ),
        (
            "a {X:Type} q:!Y = X;",
            "`!Y` refers to an undeclared generic parameter (declare it with `{Y:Type}`)",
        ),
        ("a = A;\na x:int = A;", "`a` is already defined on line 1"),
    ];
    for (src, message) in cases {
        let e = single_error(src);
        assert_eq!(e.kind.to_string(), message);
        let report = parse("s.tl", src, &Options::default()).unwrap_err();
        let text = report.to_string();
        assert!(text.contains(message), "{text}");
        assert!(
            text.contains(&format!("--> s.tl:{}:{}", e.line(), e.column())),
            "{text}"
        );
    }
}

#[test]
fn a_missing_equals_before_the_next_line_is_reported_there() {
    // Anonymous parameters are TL, but one starting a line is the next definition.
    let e = single_error("user id:int\nchat id:int = Chat;\n");
    assert_syntax(
        &e,
        2,
        1,
        "`=` and the result type before the next definition",
        "`chat`",
    );
    // Indented, it continues the definition (multi-line definitions indent, as ton_api.tl).
    let schema = parse_conv("pair int\n  long = Pair;\n", Convention::TlParser);
    assert_eq!(param_shapes(def(&schema, "pair")), ["int", "long"]);
}
