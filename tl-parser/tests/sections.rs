//! `---types---`/`---functions---` sections, `===N===` layer sections and `// LAYER N`.

mod common;

use common::*;
use tl_parser::{Category, ErrorKind};

#[test]
fn section_headers_switch_the_category_repeatedly() {
    let src = "\
a = A;
---functions---
f1 = A;
---types---
b = B;
--- functions ---
f2 = B;
---  types  ---
c = C;
---functions---
";
    let schema = parse_ok(src);
    let categories: Vec<(String, Category)> = schema
        .definitions
        .iter()
        .map(|d| (d.full_name(), d.category))
        .collect();
    let expected = [
        ("a", Category::Type),
        ("f1", Category::Function),
        ("b", Category::Type),
        ("f2", Category::Function),
        ("c", Category::Type),
    ]
    .map(|(n, c)| (n.to_owned(), c));
    assert_eq!(categories, expected);
    assert_eq!(schema.counts(), (3, 2));
}

#[test]
fn constructor_and_function_may_share_a_name() {
    let schema = parse_ok("auth.x = A;\n---functions---\nauth.x = A;\n");
    assert_eq!(schema.counts(), (1, 1));
    assert_eq!(names(&schema), ["auth.x", "auth.x"]);
}

#[test]
fn layer_on_the_first_line() {
    let schema = parse_ok("// LAYER 230\n\nboolFalse#bc799737 = Bool;\n");
    assert_eq!(schema.layer, Some(230));
    assert!(schema.definitions[0].docs.is_empty());
}

#[test]
fn layer_on_the_last_line_without_newline() {
    let schema = parse_ok("boolFalse#bc799737 = Bool;\n\n// LAYER 214");
    assert_eq!(schema.layer, Some(214));
}

#[test]
fn no_layer_and_the_last_layer_wins() {
    assert_eq!(parse_ok("a = A;\n// LAYERS are not here\n").layer, None);
    assert_eq!(parse_ok("// LAYER 1\na = A;\n// LAYER 2\n").layer, Some(2));
}

#[test]
fn layer_sections_set_the_layer_and_may_redefine_a_constructor() {
    let src = "===8===\nmsg x:int = Msg;\nother = Other;\n\n===17===\nmsg x:int y:int = Msg;\n";
    let schema = parse_ok(src);
    assert_eq!(schema.layer, Some(17));
    let sections: Vec<(String, Option<u32>, u32)> = schema
        .definitions
        .iter()
        .map(|d| (d.full_name(), d.layer_section, d.span.line))
        .collect();
    assert_eq!(
        sections,
        [
            ("msg".to_owned(), Some(8), 2),
            ("other".to_owned(), Some(8), 3),
            ("msg".to_owned(), Some(17), 6),
        ]
    );
    // Without sections there are none.
    assert_eq!(
        parse_ok("msg x:int = Msg;\n").definitions[0].layer_section,
        None
    );
}

#[test]
fn a_constructor_defined_twice_in_one_layer_section_is_an_error() {
    let errors = parse_errors("===8===\nmsg x:int = Msg;\nmsg y:int = Msg;\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].span.line, 3);
    assert_eq!(
        errors[0].kind,
        ErrorKind::DuplicateDefinition {
            name: "msg".to_owned(),
            first_line: 2
        }
    );
}

#[test]
fn a_malformed_layer_section_is_a_syntax_error_on_its_line_only() {
    let expected_at = |src: &str| -> Vec<(u32, u32, String)> {
        parse_errors(src)
            .into_iter()
            .map(|e| match e.kind {
                ErrorKind::Syntax { expected, .. } => (e.span.line, e.span.column, expected),
                other => panic!("not a syntax error: {other:?}"),
            })
            .collect()
    };
    // (source, column of the error on line 1, expected). The definition on the next line
    // still parses: one error each. The last: only at the start of a line.
    let cases = [
        (
            "===x===\nmsg x:int = Msg;\n",
            4,
            "a layer number (`===8===`)",
        ),
        ("===8==\nmsg x:int = Msg;\n", 5, "`===`"),
        (
            "===99999999999===\nmsg x:int = Msg;\n",
            4,
            "a number below 2^32",
        ),
        (
            "===8=== msg x:int = Msg;\n",
            9,
            "the end of the line after `===N===`",
        ),
        (
            "a x:int = A; ===8===\nmsg x:int = Msg;\n",
            14,
            "a layer section `===N===` at a line start",
        ),
    ];
    for (src, column, expected) in cases {
        assert_eq!(
            expected_at(src),
            [(1, column, expected.to_owned())],
            "{src}"
        );
    }
    // A comment may follow it.
    assert_eq!(
        parse_ok("===8=== // layer 8\nmsg x:int = Msg;\n").layer,
        Some(8)
    );
    assert_eq!(
        parse_ok("===8=== /* layer 8 */\nmsg x:int = Msg;\n").layer,
        Some(8)
    );
}

#[test]
fn a_constructor_both_outside_and_inside_a_layer_section_is_a_duplicate() {
    let errors = parse_errors("msg x:int = Msg;\n===8===\nmsg y:int = Msg;\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].kind,
        ErrorKind::DuplicateDefinition {
            name: "msg".to_owned(),
            first_line: 1
        }
    );
}

#[test]
fn a_section_number_repeated_still_may_not_define_a_name_twice() {
    let errors = parse_errors(
        "===8===\nmsg = Msg;\n===17===\nmsg x:int = Msg;\n===8===\nmsg y:int = Msg;\n",
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].span.line, 6);
    assert_eq!(
        errors[0].kind,
        ErrorKind::DuplicateDefinition {
            name: "msg".to_owned(),
            first_line: 2
        }
    );
    // The first definition is the one named, also for a third one.
    let errors = parse_errors("a = A;\na x:int = A;\na y:int = A;\n");
    let first_lines: Vec<u32> = errors
        .iter()
        .map(|e| match e.kind {
            ErrorKind::DuplicateDefinition { first_line, .. } => first_line,
            _ => 0,
        })
        .collect();
    assert_eq!(first_lines, [1, 1]);
}

#[test]
fn the_last_layer_marker_of_either_kind_is_the_layer() {
    assert_eq!(parse_ok("===8===\na = A;\n// LAYER 3\n").layer, Some(3));
    assert_eq!(parse_ok("// LAYER 3\n===8===\na = A;\n").layer, Some(8));
}
