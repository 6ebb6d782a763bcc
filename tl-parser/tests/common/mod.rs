//! Helpers shared by the parser's test files: parsing that fails the test with the rendered
//! report, and compact views of the tree (shapes, spans) to assert on.

// Each test file uses some of the helpers.
#![allow(dead_code)]

use tl_parser::{
    Condition, Convention, Definition, Error, ErrorKind, Multiplier, Options, Param, ParamKind,
    Schema, Span, Type, parse,
};

/// Parses with default options and fails the test with the rendered report on any error.
#[track_caller]
pub fn parse_ok(src: &str) -> Schema<'_> {
    parse_with(src, Options::default())
}

#[track_caller]
pub fn parse_with(src: &str, options: Options) -> Schema<'_> {
    match parse("test.tl", src, &options) {
        Ok(schema) => schema,
        Err(report) => panic!("unexpected errors in {src:?}:\n{report}"),
    }
}

#[track_caller]
pub fn parse_conv(src: &str, convention: Convention) -> Schema<'_> {
    parse_with(src, Options::default().with_convention(convention))
}

/// Parses text that must not parse and returns its errors.
#[track_caller]
pub fn parse_errors(src: &str) -> Vec<Error> {
    match parse("test.tl", src, &Options::default()) {
        Ok(schema) => panic!(
            "expected errors in {src:?}, but it parsed into {} definitions",
            schema.definitions.len()
        ),
        Err(report) => {
            assert_eq!(report.file, "test.tl");
            report.errors
        }
    }
}

/// Parses text that must give exactly one error and returns it.
#[track_caller]
pub fn single_error(src: &str) -> Error {
    let mut errors = parse_errors(src);
    assert_eq!(errors.len(), 1, "errors of {src:?}: {errors:#?}");
    errors.remove(0)
}

/// Asserts that `span` covers exactly `text` of `src` and starts at `line:column`.
#[track_caller]
pub fn assert_span(src: &str, span: Span, text: &str, line: u32, column: u32) {
    assert!(
        span.start <= span.end && span.end <= src.len(),
        "span {span:?} out of the text"
    );
    assert_eq!(&src[span.start..span.end], text, "text of span {span:?}");
    assert_eq!(
        (span.line, span.column),
        (line, column),
        "line:column of {text:?}"
    );
}

/// Asserts a syntax error: position, expected and found.
#[track_caller]
pub fn assert_syntax(error: &Error, line: u32, column: u32, expected: &str, found: &str) {
    check_syntax(error, (line, column), expected, found, "");
}

/// [`assert_syntax`] for the error of `src`, named in a failure (for tables of cases).
#[track_caller]
pub fn assert_syntax_in(
    src: &str,
    error: &Error,
    line: u32,
    column: u32,
    expected: &str,
    found: &str,
) {
    check_syntax(
        error,
        (line, column),
        expected,
        found,
        &format!(" in {src:?}"),
    );
}

#[track_caller]
fn check_syntax(error: &Error, at: (u32, u32), expected: &str, found: &str, case: &str) {
    assert_eq!(
        error.kind,
        ErrorKind::Syntax {
            expected: expected.to_owned(),
            found: found.to_owned(),
        },
        "kind of {error:?}{case}"
    );
    assert_eq!(
        (error.line(), error.column()),
        at,
        "position of {error:?}{case}"
    );
    assert_eq!(
        (error.span.line, error.span.column),
        at,
        "span of {error:?}{case}"
    );
}

/// The structure of a type as compact text: `%`, `!`, the full name and `<args,...>`.
pub fn shape(ty: &Type) -> String {
    let mut s = String::new();
    if ty.bare_marker {
        s.push('%');
    }
    if ty.generic_ref {
        s.push('!');
    }
    s.push_str(&ty.full_name());
    if !ty.args.is_empty() {
        let args: Vec<String> = ty.args.iter().map(shape).collect();
        s.push('<');
        s.push_str(&args.join(","));
        s.push('>');
    }
    s
}

/// The structure of a parameter as compact text: `name:flags.N?<shape>`, `name:#`, `#`,
/// `4*[ ... ]`, `[ ... ]`.
pub fn param_shape(param: &Param) -> String {
    let mut s = String::new();
    if let Some(name) = &param.name {
        s.push_str(name);
        s.push(':');
    }
    match &param.kind {
        ParamKind::Nat => s.push('#'),
        ParamKind::Typed { condition, ty } => {
            if let Some(c) = condition {
                s.push_str(&format!("{}.{}?", c.field, c.bit));
            }
            s.push_str(&shape(ty));
        }
        ParamKind::Repeated { multiplier, params } => {
            match multiplier {
                Some(Multiplier::Literal(n)) => s.push_str(&format!("{n}*")),
                Some(Multiplier::Nat(n)) => s.push_str(&format!("{n}*")),
                None => {}
            }
            s.push('[');
            for p in params {
                s.push(' ');
                s.push_str(&param_shape(p));
            }
            s.push_str(" ]");
        }
    }
    s
}

pub fn param_shapes(def: &Definition) -> Vec<String> {
    def.params.iter().map(param_shape).collect()
}

/// The condition and type of a typed parameter.
#[track_caller]
pub fn typed<'p, 's>(param: &'p Param<'s>) -> (Option<&'p Condition<'s>>, &'p Type<'s>) {
    match &param.kind {
        ParamKind::Typed { condition, ty } => (condition.as_ref(), ty),
        other => panic!("expected a typed parameter, got {other:?}"),
    }
}

#[track_caller]
pub fn def<'a, 's>(schema: &'a Schema<'s>, full_name: &str) -> &'a Definition<'s> {
    schema
        .definitions
        .iter()
        .find(|d| d.full_name() == full_name)
        .unwrap_or_else(|| panic!("no definition `{full_name}`"))
}

pub fn names(schema: &Schema) -> Vec<String> {
    schema
        .definitions
        .iter()
        .map(Definition::full_name)
        .collect()
}

/// CRC-32 (IEEE) of `text`.
pub fn crc32(text: &str) -> u32 {
    // A plain bitwise CRC-32 (IEEE), independent of the parser's implementation.
    let mut crc = !0u32;
    for &byte in text.as_bytes() {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Three syntax errors on lines 2, 4 and 6, with valid definitions between them.
pub const THREE_ERRORS: &str = "\
ok1 = A;
bad1 x:int = A
ok2 flags:# x:flags.0?int = A;
bad2#123456789 = A;
ok3 = A;
bad3 x:= A;
ok4 = A;
";
