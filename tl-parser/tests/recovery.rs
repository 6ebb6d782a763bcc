//! Recovery after errors: every error of a file is reported, each at its place, and hostile
//! input never crashes the parser.

mod common;

use common::*;
use tl_parser::{ErrorKind, Options, parse};

/// 40 lines of assorted valid content (definitions, comments, a block comment over two lines,
/// blank lines, a section switch, a multi-line definition).
fn forty_valid_lines() -> String {
    let mut lines = vec!["// LAYER 12".to_owned(), String::new()];
    let mut i = 0;
    while lines.len() < 40 {
        i += 1;
        match i % 9 {
            0 => lines.push(String::new()),
            1 => lines.push(format!("/* block {i}")),
            2 => lines.push("   still the block */".to_owned()),
            3 => lines.push("---functions---".to_owned()),
            4 => lines.push("---types---".to_owned()),
            5 => {
                lines.push(format!("multi{i}"));
                lines.push("  x:int".to_owned());
            }
            6 => lines.push("  = Multi;".to_owned()),
            _ => lines.push(format!("def{i} flags:# x:flags.0?int = D; // ü ✓")),
        }
    }
    lines.truncate(40);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

const THREE_ERRORS_FIXED: &str = "\
ok1 = A;
bad1 x:int = A;
ok2 flags:# x:flags.0?int = A;
bad2#12345678 = A;
ok3 = A;
bad3 x:A = A;
ok4 = A;
";

#[test]
fn error_missing_semicolon_does_not_swallow_the_next_line() {
    // The definition on the next line is still parsed: its own error is reported too.
    let errors = parse_errors("a = A\nb x:flags.0?int = B;\n");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_syntax(&errors[0], 1, 6, "`;`", "`b`");
    assert_eq!(
        errors[1].kind,
        ErrorKind::UnknownFlagField {
            field: "flags".to_owned(),
            bit: 0,
        }
    );
    assert_eq!((errors[1].line(), errors[1].column()), (2, 5));
}

#[test]
fn error_on_line_41_is_reported_on_line_41() {
    let prefix = forty_valid_lines();
    assert_eq!(prefix.lines().count(), 40);
    parse_ok(&prefix);
    let src =
        format!("{prefix}user id:long name:string photo:Vector<Photo = User;\nlater = Later;\n");
    let e = single_error(&src);
    assert_syntax(&e, 41, 45, "`>` or `,`", "`=`");
    assert_eq!(&src[e.span.start..e.span.end], "=");

    // The same with a missing `;` at the end of line 41.
    let src = format!("{prefix}user id:long = User\nlater = Later;\n");
    assert_syntax(&single_error(&src), 41, 20, "`;`", "`later`");
}

#[test]
fn three_independent_errors_are_all_reported() {
    let errors = parse_errors(THREE_ERRORS);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_syntax(&errors[0], 2, 15, "`;`", "`ok2`");
    assert_syntax(
        &errors[1],
        4,
        6,
        "a constructor id of 1 to 8 hex digits",
        "`123456789`",
    );
    assert_syntax(&errors[2], 6, 8, "a type", "`=`");

    let fixed = parse_ok(THREE_ERRORS_FIXED);
    assert_eq!(
        names(&fixed),
        ["ok1", "bad1", "ok2", "bad2", "ok3", "bad3", "ok4"]
    );
}

#[test]
fn definitions_between_syntax_errors_are_parsed_and_checked() {
    // Semantic errors in the definitions between the syntax errors are reported too, so
    // those definitions were parsed; everything comes back in source order.
    let src = THREE_ERRORS
        .replace("x:flags.0?int", "x:flagz.0?int")
        .replace("ok3 = A;", "ok1 = B;");
    let errors = parse_errors(&src);
    let kinds: Vec<(u32, &ErrorKind)> = errors.iter().map(|e| (e.line(), &e.kind)).collect();
    assert_eq!(kinds.len(), 5, "{errors:#?}");
    assert_eq!(
        kinds[1],
        (
            3,
            &ErrorKind::UnknownFlagField {
                field: "flagz".to_owned(),
                bit: 0,
            }
        )
    );
    assert_eq!(
        kinds[3],
        (
            5,
            &ErrorKind::DuplicateDefinition {
                name: "ok1".to_owned(),
                first_line: 1,
            }
        )
    );
    let lines: Vec<u32> = kinds.iter().map(|k| k.0).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6]);
}

#[test]
fn block_comment_opened_by_slash_star_slash_does_not_panic() {
    // `/*/` opens a comment; its `*/` overlaps the opening `/*` and does not close it.
    let src = "/*/ never closed\na = A;\n";
    let result = std::panic::catch_unwind(|| parse("t.tl", src, &Options::default()));
    let result = result.expect("parse panicked");
    let errors = result.expect_err("an unterminated comment").errors;
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_syntax(&errors[0], 1, 1, "`*/` closing this comment", "`/`");

    // Closed later: one comment, then a definition.
    let schema = parse_ok("/*/ still comment */ a = A;\n");
    assert_eq!(names(&schema), ["a"]);
}

#[test]
fn block_comment_opened_by_slash_star_slash_after_a_statement() {
    // Everything after `/*` is comment text; the comment never closes.
    let src = "a = A; /*/ b = B;\n";
    let result = parse("t.tl", src, &Options::default());
    let errors = result
        .expect_err("an unterminated comment, not a definition `b`")
        .errors;
    assert_syntax(&errors[0], 1, 8, "`*/` closing this comment", "`/`");
}

#[test]
fn missing_semicolon_before_a_trailing_comment_does_not_swallow_the_next_line() {
    // As without the comment (see error_missing_semicolon_does_not_swallow_the_next_line),
    // the next line is a statement of its own and its error must be reported.
    let errors = parse_errors("a = A // note\nb x:flags.0?int = B;\n");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_syntax(&errors[0], 1, 6, "`;`", "`b`");
    assert_eq!((errors[1].line(), errors[1].column()), (2, 5));
}

#[test]
fn deeply_nested_types_do_not_overflow_the_stack() {
    // A stack overflow aborts the whole process, so the parse runs in a child process (this
    // test binary, running only this test) and the parent checks how the child ended.
    const CHILD: &str = "TL_PARSER_DEEP_NESTING_CHILD";
    if std::env::var_os(CHILD).is_some() {
        // On a thread with the default 2 MiB stack of test threads.
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(|| {
                for (open, close) in [("%", ""), ("(vector ", ")"), ("Vector<", ">"), ("[ ", " ]")]
                {
                    let depth = 10_000;
                    let src = format!(
                        "a x:{}int{} = A;\n",
                        open.repeat(depth),
                        close.repeat(depth)
                    );
                    // Any result is fine (a parse or a "nested too deeply" error): no crash.
                    let _ = parse("t.tl", &src, &Options::default());
                }
            })
            .unwrap();
        handle.join().expect("parse panicked");
        return;
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "deeply_nested_types_do_not_overflow_the_stack",
            "--exact",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(
        status.success(),
        "parsing 10000 nested `%`, `(vector` or `Vector<` crashed the process: {status}"
    );
}

#[test]
fn parsing_goes_on_after_a_bad_section_header() {
    // The next definition's error is reported too.
    let errors = parse_errors("---foo---\nb x:= B;\n");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_syntax(&errors[1], 2, 5, "a type", "`=`");
}
