//! The TL grammar through the public API of `tl-parser`: every rule with exact assertions on
//! the syntax tree and its spans, every error kind with its line, column and text, the
//! rendering of reports, and constructor-id normalization under both conventions.

use tl_parser::{
    Category, Condition, Convention, Definition, Error, ErrorKind, MismatchExplanation, Multiplier,
    Options, Param, ParamKind, Schema, Span, Type, compute_id, normalized_text, parse,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Parses with default options and fails the test with the rendered report on any error.
#[track_caller]
fn parse_ok(src: &str) -> Schema<'_> {
    parse_with(src, Options::default())
}

#[track_caller]
fn parse_with(src: &str, options: Options) -> Schema<'_> {
    match parse("test.tl", src, &options) {
        Ok(schema) => schema,
        Err(report) => panic!("unexpected errors in {src:?}:\n{report}"),
    }
}

#[track_caller]
fn parse_conv(src: &str, convention: Convention) -> Schema<'_> {
    parse_with(src, Options::default().with_convention(convention))
}

/// Parses text that must not parse and returns its errors.
#[track_caller]
fn parse_errors(src: &str) -> Vec<Error> {
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
fn single_error(src: &str) -> Error {
    let mut errors = parse_errors(src);
    assert_eq!(errors.len(), 1, "errors of {src:?}: {errors:#?}");
    errors.remove(0)
}

/// Asserts that `span` covers exactly `text` of `src` and starts at `line:column`.
#[track_caller]
fn assert_span(src: &str, span: Span, text: &str, line: u32, column: u32) {
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
fn assert_syntax(error: &Error, line: u32, column: u32, expected: &str, found: &str) {
    assert_eq!(
        error.kind,
        ErrorKind::Syntax {
            expected: expected.to_owned(),
            found: found.to_owned(),
        },
        "kind of {error:?}"
    );
    assert_eq!(
        (error.line(), error.column()),
        (line, column),
        "position of {error:?}"
    );
    assert_eq!(
        (error.span.line, error.span.column),
        (line, column),
        "span of {error:?}"
    );
}

/// The structure of a type as compact text: `%`, `!`, the full name and `<args,...>`.
fn shape(ty: &Type) -> String {
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
fn param_shape(param: &Param) -> String {
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

fn param_shapes(def: &Definition) -> Vec<String> {
    def.params.iter().map(param_shape).collect()
}

/// The condition and type of a typed parameter.
#[track_caller]
fn typed<'p, 's>(param: &'p Param<'s>) -> (Option<&'p Condition<'s>>, &'p Type<'s>) {
    match &param.kind {
        ParamKind::Typed { condition, ty } => (condition.as_ref(), ty),
        other => panic!("expected a typed parameter, got {other:?}"),
    }
}

#[track_caller]
fn def<'a, 's>(schema: &'a Schema<'s>, full_name: &str) -> &'a Definition<'s> {
    schema
        .definitions
        .iter()
        .find(|d| d.full_name() == full_name)
        .unwrap_or_else(|| panic!("no definition `{full_name}`"))
}

fn names(schema: &Schema) -> Vec<String> {
    schema
        .definitions
        .iter()
        .map(Definition::full_name)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Names and ids
// ---------------------------------------------------------------------------------------------

#[test]
fn plain_name_without_namespace_or_id() {
    let src = "boolFalse = Bool;\n";
    let schema = parse_ok(src);
    assert_eq!(schema.file, "test.tl");
    assert_eq!(schema.definitions.len(), 1);
    let d = &schema.definitions[0];
    assert!(d.namespace.is_empty());
    assert_eq!(d.name, "boolFalse");
    assert_eq!(d.full_name(), "boolFalse");
    assert_eq!(d.written_id, None);
    assert!(d.generics.is_empty());
    assert!(d.params.is_empty());
    assert!(!d.builtin);
    assert_eq!(d.category, Category::Type);
    assert!(d.docs.is_empty());
    assert_eq!(shape(&d.result), "Bool");
    assert!(d.result.is_plain("Bool"));
    assert_span(src, d.span, "boolFalse = Bool;", 1, 1);
    assert_span(src, d.result.span, "Bool", 1, 13);
    assert_eq!(d.computed_id, 0xbc79_9737);
    assert_eq!(d.id(), 0xbc79_9737);
    assert_eq!(schema.inferred_ids(), 1);
    assert_eq!(schema.verified_ids(), 0);
}

#[test]
fn names_with_one_or_several_namespaces() {
    let src = "auth.sentCodeTypeApp#3dbb5986 length:int = auth.SentCodeType;\n\
               a.b.c x:a.b.Graph y:%a.b.d = x.y.Z;\n";
    let schema = parse_conv(src, Convention::Telegram);

    let d = &schema.definitions[0];
    assert_eq!(d.namespace, ["auth"]);
    assert_eq!(d.name, "sentCodeTypeApp");
    assert_eq!(d.full_name(), "auth.sentCodeTypeApp");
    assert_eq!(d.written_id, Some(0x3dbb_5986));
    assert_eq!(d.computed_id, 0x3dbb_5986);
    assert_eq!(d.result.namespace, ["auth"]);
    assert_eq!(d.result.name, "SentCodeType");
    assert_eq!(d.result.full_name(), "auth.SentCodeType");

    let d = &schema.definitions[1];
    assert_eq!(d.namespace, ["a", "b"]);
    assert_eq!(d.name, "c");
    assert_eq!(d.full_name(), "a.b.c");
    let (_, x) = typed(&d.params[0]);
    assert_eq!(x.namespace, ["a", "b"]);
    assert_eq!(x.name, "Graph");
    assert!(!x.is_bare());
    let (_, y) = typed(&d.params[1]);
    assert_eq!(shape(y), "%a.b.d");
    assert_eq!(d.result.namespace, ["x", "y"]);
    assert_eq!(d.result.name, "Z");
    assert_eq!(shape(&d.result), "x.y.Z");
}

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

// ---------------------------------------------------------------------------------------------
// Generics, `#` words and flag conditions
// ---------------------------------------------------------------------------------------------

#[test]
fn generic_parameter_and_generic_reference() {
    let src = "---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n";
    let schema = parse_ok(src);
    let d = &schema.definitions[0];
    assert_eq!(d.category, Category::Function);
    assert_eq!(d.generics.len(), 1);
    let g = &d.generics[0];
    assert_eq!(g.name, "X");
    assert!(g.kind.is_plain("Type"));
    assert_span(src, g.span, "{X:Type}", 2, 26);
    assert_span(src, g.kind.span, "Type", 2, 29);
    assert_eq!(param_shapes(d), ["layer:int", "query:!X"]);
    let (cond, query) = typed(&d.params[1]);
    assert!(cond.is_none());
    assert!(query.generic_ref);
    assert!(!query.bare_marker);
    assert_eq!(query.name, "X");
    assert!(query.namespace.is_empty() && query.args.is_empty());
    assert_span(src, query.span, "!X", 2, 51);
    assert_span(src, d.params[1].span, "query:!X", 2, 45);
    assert_eq!(shape(&d.result), "X");
    assert!(!d.result.generic_ref);
    assert_eq!(
        normalized_text(d, Convention::Telegram),
        "invokeWithLayer X:Type layer:int query:!X = X"
    );
    assert_eq!(schema.verified_ids(), 1);
}

#[test]
fn old_schemas_leave_generic_parameters_implicit() {
    // tdesktop's scheme.tl of about layer 16: no `{X:Type}`, and the id is that of the declared form.
    let src = "---functions---\ninvokeAfterMsg#cb9f372d msg_id:long query:!X = X;\n\
               invokeTwo#1 a:!A b:Vector<!B> c:!A = Pair A B;\n";
    let schema = parse_conv(src, Convention::Telegram);
    let d = def(&schema, "invokeAfterMsg");
    assert_eq!(d.generics.len(), 1);
    let g = &d.generics[0];
    assert_eq!((g.name, g.implicit), ("X", true));
    assert!(g.kind.is_plain("Type"));
    assert_span(src, g.span, "!X", 2, 43);
    assert_eq!(
        normalized_text(d, Convention::Telegram),
        "invokeAfterMsg X:Type msg_id:long query:!X = X"
    );
    assert_eq!(d.computed_id, 0xcb9f372d);
    // One parameter per name, in order of first use, type arguments included.
    let names: Vec<_> = def(&schema, "invokeTwo")
        .generics
        .iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["A", "B"]);
    // Written ones are not implicit.
    let schema =
        parse_ok("---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n");
    assert!(!schema.definitions[0].generics[0].implicit);
}

#[test]
fn several_generic_parameters() {
    let schema = parse_ok("pair {X:Type} {Y:Type} first:!X second:!Y = Pair X Y;\n");
    let d = &schema.definitions[0];
    let generics: Vec<&str> = d.generics.iter().map(|g| g.name).collect();
    assert_eq!(generics, ["X", "Y"]);
    assert_eq!(param_shapes(d), ["first:!X", "second:!Y"]);
    assert_eq!(shape(&d.result), "Pair<X,Y>");
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "pair X:Type Y:Type first:!X second:!Y = Pair X Y"
    );
}

#[test]
fn nat_parameters_of_any_name() {
    let src = "a flags:# flags2:# mode:# n:# = A;\n";
    let d = &parse_ok(src).definitions[0];
    let expected = ["flags", "flags2", "mode", "n"];
    assert_eq!(d.params.len(), expected.len());
    for (param, name) in d.params.iter().zip(expected) {
        assert_eq!(param.name, Some(name));
        assert_eq!(param.kind, ParamKind::Nat);
    }
    assert_span(src, d.params[1].span, "flags2:#", 1, 11);
}

#[test]
fn flag_conditions_on_flags_flags2_and_other_words() {
    let src = "a flags:# flags2:# mode:# x:flags.0?int y:flags2.31?true \
               z:mode.5?int256 w:flags.1?Vector<long> = A;\n";
    let d = &parse_ok(src).definitions[0];
    assert_eq!(
        param_shapes(d),
        [
            "flags:#",
            "flags2:#",
            "mode:#",
            "x:flags.0?int",
            "y:flags2.31?true",
            "z:mode.5?int256",
            "w:flags.1?Vector<long>",
        ]
    );
    let (cond, ty) = typed(&d.params[3]);
    let cond = cond.expect("condition of x");
    assert_eq!(cond.field, "flags");
    assert_eq!(cond.bit, 0);
    assert_span(src, cond.span, "flags.0", 1, 29);
    assert_span(src, ty.span, "int", 1, 37);
    assert_span(src, d.params[3].span, "x:flags.0?int", 1, 27);

    let (cond, ty) = typed(&d.params[4]);
    let cond = cond.expect("condition of y");
    assert_eq!((cond.field, cond.bit), ("flags2", 31));
    assert_span(src, cond.span, "flags2.31", 1, 43);
    assert!(ty.is_plain("true"));

    let (cond, _) = typed(&d.params[5]);
    assert_eq!(cond.map(|c| (c.field, c.bit)), Some(("mode", 5)));
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

#[test]
fn bare_marker_and_lowercase_bare_types() {
    let src = "a x:%Message y:int z:Int w:%(vector int) v:auth.sentCode u:auth.SentCode = A;\n";
    let d = &parse_ok(src).definitions[0];
    let (_, x) = typed(&d.params[0]);
    assert!(x.bare_marker);
    assert!(x.is_bare());
    assert_eq!(x.name, "Message");
    assert!(!x.is_plain("Message"), "a `%` type is not plain");
    assert_span(src, x.span, "%Message", 1, 5);

    let (_, y) = typed(&d.params[1]);
    assert!(!y.bare_marker);
    assert!(y.is_bare(), "lowercase types are bare");
    let (_, z) = typed(&d.params[2]);
    assert!(!z.is_bare(), "capitalized types are boxed");

    let (_, w) = typed(&d.params[3]);
    assert_eq!(shape(w), "%vector<int>");
    assert_span(src, w.span, "%(vector int)", 1, 28);

    let (_, v) = typed(&d.params[4]);
    assert!(v.is_bare() && !v.bare_marker);
    let (_, u) = typed(&d.params[5]);
    assert!(!u.is_bare());
}

#[test]
fn vector_type_forms() {
    let src = "a v:Vector<long> w:vector<IpPort> x:(vector adnl.Address) \
               y:Vector<Vector<TlsBlock>> z:Foo<int, string> = Vector<A>;\n";
    let d = &parse_ok(src).definitions[0];
    assert_eq!(
        param_shapes(d),
        [
            "v:Vector<long>",
            "w:vector<IpPort>",
            "x:vector<adnl.Address>",
            "y:Vector<Vector<TlsBlock>>",
            "z:Foo<int,string>",
        ]
    );
    let (_, v) = typed(&d.params[0]);
    assert_span(src, v.span, "Vector<long>", 1, 5);
    assert_span(src, v.args[0].span, "long", 1, 12);

    let (_, w) = typed(&d.params[1]);
    assert!(w.is_bare());
    assert_eq!(w.name, "vector");

    let (_, x) = typed(&d.params[2]);
    assert_eq!(x.name, "vector");
    assert_eq!(x.args.len(), 1);
    assert_eq!(x.args[0].namespace, ["adnl"]);
    assert_eq!(x.args[0].name, "Address");
    assert_span(src, x.span, "(vector adnl.Address)", 1, 37);
    assert_span(src, x.args[0].span, "adnl.Address", 1, 45);

    let (_, y) = typed(&d.params[3]);
    assert_span(src, y.span, "Vector<Vector<TlsBlock>>", 1, 61);
    assert_span(src, y.args[0].span, "Vector<TlsBlock>", 1, 68);
    assert_span(src, y.args[0].args[0].span, "TlsBlock", 1, 75);

    assert_eq!(shape(&d.result), "Vector<A>");
    assert_span(src, d.result.span, "Vector<A>", 1, 107);
}

#[test]
fn nested_vector_from_mtproto() {
    let src = "tlsBlockPermutation entries:Vector<Vector<TlsBlock>> = TlsBlock;\n";
    let d = &parse_ok(src).definitions[0];
    assert_eq!(param_shapes(d), ["entries:Vector<Vector<TlsBlock>>"]);
    assert_eq!(
        normalized_text(d, Convention::Telegram),
        "tlsBlockPermutation entries:Vector Vector TlsBlock = TlsBlock"
    );
}

#[test]
fn condition_on_a_parenthesized_type() {
    let src = "adnl.packetContents flags:# messages:flags.3?(vector adnl.Message) = adnl.PacketContents;\n";
    let d = &parse_ok(src).definitions[0];
    assert_eq!(
        param_shapes(d),
        ["flags:#", "messages:flags.3?vector<adnl.Message>"]
    );
    let (cond, ty) = typed(&d.params[1]);
    assert_span(src, cond.expect("condition").span, "flags.3", 1, 38);
    assert_span(src, ty.span, "(vector adnl.Message)", 1, 46);
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "adnl.packetContents flags:# messages:flags.3?vector adnl.Message = adnl.PacketContents"
    );
}

#[test]
fn result_type_arguments() {
    let src = "a {t:Type} x:t = Vector t;\nb {t:Type} x:t = Vector<t>;\nc = Pair int long;\n";
    let schema = parse_ok(src);
    let a = def(&schema, "a");
    assert_eq!(shape(&a.result), "Vector<t>");
    assert_span(src, a.result.span, "Vector t", 1, 18);
    assert_span(src, a.result.args[0].span, "t", 1, 25);
    let b = def(&schema, "b");
    assert_eq!(shape(&b.result), "Vector<t>");
    assert_span(src, b.result.span, "Vector<t>", 2, 18);
    assert_eq!(
        normalized_text(a, Convention::TlParser).replacen("a ", "b ", 1),
        normalized_text(b, Convention::TlParser)
    );
    assert_eq!(shape(&def(&schema, "c").result), "Pair<int,long>");
}

// ---------------------------------------------------------------------------------------------
// Built-ins and repetitions
// ---------------------------------------------------------------------------------------------

#[test]
fn builtin_int() {
    let src = "int ? = Int;\n";
    let schema = parse_ok(src);
    let d = &schema.definitions[0];
    assert!(d.builtin);
    assert!(d.params.is_empty() && d.generics.is_empty());
    assert!(d.result.is_plain("Int"));
    assert_span(src, d.span, "int ? = Int;", 1, 1);
    for convention in [Convention::Telegram, Convention::TlParser] {
        assert_eq!(normalized_text(d, convention), "int ? = Int");
        assert_eq!(compute_id(d, convention), 0xa850_9bda);
    }
    let long = &parse_ok("long ? = Long;").definitions[0];
    assert!(long.builtin);
    assert_eq!(long.computed_id, 0x2207_6cba);
}

#[test]
fn builtin_vector_has_an_anonymous_nat_and_a_repetition() {
    let src = "vector {t:Type} # [ t ] = Vector t;\n";
    let d = &parse_ok(src).definitions[0];
    assert!(!d.builtin);
    assert_eq!(d.generics.len(), 1);
    assert_eq!(d.generics[0].name, "t");
    assert_span(src, d.generics[0].span, "{t:Type}", 1, 8);
    let t = Type {
        namespace: vec![],
        name: "t",
        bare_marker: false,
        generic_ref: false,
        args: vec![],
        span: Span {
            start: 20,
            end: 21,
            line: 1,
            column: 21,
        },
    };
    let expected = vec![
        Param {
            name: None,
            kind: ParamKind::Nat,
            span: Span {
                start: 16,
                end: 17,
                line: 1,
                column: 17,
            },
        },
        Param {
            name: None,
            kind: ParamKind::Repeated {
                multiplier: None,
                params: vec![Param {
                    name: None,
                    kind: ParamKind::Typed {
                        condition: None,
                        ty: t.clone(),
                    },
                    span: t.span,
                }],
            },
            span: Span {
                start: 18,
                end: 23,
                line: 1,
                column: 19,
            },
        },
    ];
    assert_eq!(d.params, expected);
    assert_eq!(d.result.name, "Vector");
    assert_eq!(
        d.result.args,
        [Type {
            span: Span {
                start: 33,
                end: 34,
                line: 1,
                column: 34,
            },
            ..t
        }]
    );
    assert_span(src, d.result.span, "Vector t", 1, 27);
    assert_eq!(d.computed_id, 0x1cb5_c415);
}

#[test]
fn builtin_int128_has_a_literal_multiplier() {
    let src = "int128 4*[ int ] = Int128;\n";
    let d = &parse_ok(src).definitions[0];
    assert!(!d.builtin);
    assert_eq!(d.params.len(), 1);
    let p = &d.params[0];
    assert_eq!(p.name, None);
    assert_span(src, p.span, "4*[ int ]", 1, 8);
    let ParamKind::Repeated { multiplier, params } = &p.kind else {
        panic!("expected a repetition, got {:?}", p.kind);
    };
    assert_eq!(multiplier, &Some(Multiplier::Literal(4)));
    assert_eq!(params.len(), 1);
    assert_eq!(params[0].name, None);
    let (cond, ty) = typed(&params[0]);
    assert!(cond.is_none());
    assert!(ty.is_plain("int"));
    assert_span(src, ty.span, "int", 1, 12);
    for convention in [Convention::Telegram, Convention::TlParser] {
        assert_eq!(normalized_text(d, convention), "int128 4*[ int ] = Int128");
        assert_eq!(compute_id(d, convention), 0x84cc_f7b7);
    }
}

#[test]
fn repetition_counted_by_a_nat_parameter() {
    let src = "a n:# n*[ x:int y:string ] = A;\n";
    let d = &parse_ok(src).definitions[0];
    assert_eq!(param_shapes(d), ["n:#", "n*[ x:int y:string ]"]);
    let ParamKind::Repeated { multiplier, params } = &d.params[1].kind else {
        panic!("expected a repetition");
    };
    assert_eq!(multiplier, &Some(Multiplier::Nat("n")));
    assert_eq!(params[0].name, Some("x"));
    assert_span(src, d.params[1].span, "n*[ x:int y:string ]", 1, 7);
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "a n:# n*[ x:int y:string ] = A"
    );
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Comments, documentation, layout, layers
// ---------------------------------------------------------------------------------------------

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
fn spans_of_definitions_params_types_and_conditions() {
    let src = "a = A;\nauth.x#1 flags:# c:flags.2?Vector<int> = auth.Y;\n";
    let schema = parse_ok(src);
    let d = def(&schema, "auth.x");
    assert_eq!(
        d.span,
        Span {
            start: 7,
            end: 55,
            line: 2,
            column: 1,
        }
    );
    assert_span(
        src,
        d.span,
        "auth.x#1 flags:# c:flags.2?Vector<int> = auth.Y;",
        2,
        1,
    );
    assert_eq!(
        d.params[0].span,
        Span {
            start: 16,
            end: 23,
            line: 2,
            column: 10,
        }
    );
    assert_span(src, d.params[0].span, "flags:#", 2, 10);
    assert_span(src, d.params[1].span, "c:flags.2?Vector<int>", 2, 18);
    let (cond, ty) = typed(&d.params[1]);
    let cond = cond.unwrap();
    assert_eq!(
        cond,
        &Condition {
            field: "flags",
            bit: 2,
            span: Span {
                start: 26,
                end: 33,
                line: 2,
                column: 20,
            },
        }
    );
    assert_eq!(
        ty.span,
        Span {
            start: 34,
            end: 45,
            line: 2,
            column: 28,
        }
    );
    assert_span(src, ty.args[0].span, "int", 2, 35);
    assert_span(src, d.result.span, "auth.Y", 2, 42);
    assert_eq!(
        d.result.span,
        Span {
            start: 48,
            end: 54,
            line: 2,
            column: 42,
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn error_missing_semicolon_is_reported_where_the_line_ends() {
    let e = single_error("a = A\nb = B;\n");
    assert_syntax(&e, 1, 6, "`;`", "`b`");
    assert_eq!((e.span.start, e.span.end), (5, 5));

    // Trailing spaces and a result with arguments: still just past the result type.
    let e = single_error("a = A;\nv {t:Type} x:t = Vector t   \nb = B;\n");
    assert_syntax(&e, 2, 26, "`;`", "`b`");

    // At the end of the file.
    let e = single_error("a = A;\nb = B");
    assert_syntax(&e, 2, 6, "`;`", "end of file");
}

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
fn error_missing_equals() {
    let e = single_error("int ? Int;\n");
    assert_syntax(&e, 1, 7, "`=`", "`Int`");
    assert_eq!((e.span.start, e.span.end), (6, 9));

    // `B` is an anonymous parameter: the `=` is missing before `;`.
    let e = single_error("a b:int B;\n");
    assert_syntax(&e, 1, 10, "`=` and the result type", "`;`");

    let e = single_error("ok#d4edbe69;\n");
    assert_syntax(&e, 1, 12, "`=` and the result type", "`;`");
}

#[test]
fn error_bad_param() {
    let e = single_error("a x:= A;\n");
    assert_syntax(&e, 1, 5, "a type", "`=`");

    let e = single_error("a 123 = A;\n");
    assert_syntax(&e, 1, 3, "a parameter such as `name:Type`, or `=`", "`123`");
    assert_eq!((e.span.start, e.span.end), (2, 5));

    let e = single_error("a flags:# x:flags.1 = A;\n");
    assert_syntax(&e, 1, 20, "`?` after the flag condition", "`=`");

    let e = single_error("a x:Vector<int = A;\n");
    assert_syntax(&e, 1, 16, "`>` or `,`", "`=`");

    let e = single_error("a x:(vector = A;\n");
    assert_syntax(&e, 1, 13, "a type argument or `)`", "`=`");

    let e = single_error("a [ x:int = A;\n");
    assert_syntax(&e, 1, 11, "a parameter or `]`", "`=`");

    let e = single_error("a x:ü = A;\n");
    assert_syntax(&e, 1, 5, "a type", "`ü`");
    assert_eq!((e.span.start, e.span.end), (4, 6));
}

#[test]
fn error_id_longer_than_eight_hex_digits() {
    let e = single_error("a = A;\nabc#123456789 = A;\n");
    assert_syntax(
        &e,
        2,
        5,
        "a constructor id of 1 to 8 hex digits",
        "`123456789`",
    );
    assert_eq!((e.span.start, e.span.end), (11, 20));

    let e = single_error("a# = A;\n");
    assert_syntax(&e, 1, 3, "a constructor id of 1 to 8 hex digits", "`=`");
}

#[test]
fn error_unterminated_block_comment() {
    let e = single_error("a = A;\n/* never closed\nb = B;\n");
    assert_syntax(&e, 2, 1, "`*/` closing this comment", "`/`");

    let e = single_error("a = A;\nb x:int /* never closed = B;\n");
    assert_syntax(&e, 2, 9, "`*/` closing this comment", "`/`");
}

#[test]
fn error_bad_section_header() {
    let e = single_error("a = A;\n---foo---\nb = B;\n");
    assert_syntax(&e, 2, 4, "`types` or `functions`", "`foo`");
    assert_eq!((e.span.start, e.span.end), (10, 13));

    let e = single_error("---functions\nf = F;\n");
    assert_syntax(&e, 1, 13, "`---`", "`f`");

    // Parsing goes on after a bad header: the next definition's error is reported too.
    let errors = parse_errors("---foo---\nb x:= B;\n");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_syntax(&errors[1], 2, 5, "a type", "`=`");
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

const THREE_ERRORS: &str = "\
ok1 = A;
bad1 x:int = A
ok2 flags:# x:flags.0?int = A;
bad2#123456789 = A;
ok3 = A;
bad3 x:= A;
ok4 = A;
";

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

// ---------------------------------------------------------------------------------------------
// Constructor ids
// ---------------------------------------------------------------------------------------------

fn crc32(text: &str) -> u32 {
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

const CONVENTION_SAMPLE: &str = "a#1 flags:# flags2:# x:flags.0?true y:flags2.3?true z:bytes \
w:flags.1?bytes v:Vector<bytes> bytes:int t:true u:%bytes = B;";

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

// ---------------------------------------------------------------------------------------------
// `===N===` layer sections (Telegram's end-to-end schema)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// `/*/` opens a comment (a regression: it used to panic at the start of a line)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Regressions: bugs these tests found, fixed
// ---------------------------------------------------------------------------------------------

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
fn anonymous_parameters_outside_brackets() {
    // As in old schemas (tgl's `int128 long long = Int128;`) and the TL documentation's
    // `coupleInt {t:Type} int t = CoupleInt t;`.
    let src = "int128 long long = Int128;\ncoupleInt {t:Type} int t = CoupleInt t;\n";
    let schema = parse_conv(src, Convention::TlParser);
    assert_eq!(param_shapes(def(&schema, "int128")), ["long", "long"]);
    let couple = def(&schema, "coupleInt");
    assert_eq!(param_shapes(couple), ["int", "t"]);
    assert_span(src, couple.params[1].span, "t", 2, 24);
    assert_eq!(
        normalized_text(couple, Convention::TlParser),
        "coupleInt t:Type int t = CoupleInt t"
    );
}

#[test]
fn named_repetitions() {
    // tgl's binlog.tl: `key:64*[int]`; a count named by a `#` parameter; no count.
    let src = "a key:64*[int] = A;\nb n:# keys:n*[ long ] = B;\nc xs:[ int ] = C;\n";
    let schema = parse_conv(src, Convention::TlParser);
    assert_eq!(param_shapes(def(&schema, "a")), ["key:64*[ int ]"]);
    let b = def(&schema, "b");
    assert_eq!(param_shapes(b), ["n:#", "keys:n*[ long ]"]);
    assert_span(src, b.params[1].span, "keys:n*[ long ]", 2, 7);
    assert_eq!(param_shapes(def(&schema, "c")), ["xs:[ int ]"]);
    // Brackets hash with inner spaces, as in `vector t:Type # [ t ] = Vector t` (0x1cb5c415).
    assert_eq!(
        normalized_text(def(&schema, "a"), Convention::TlParser),
        "a key:64*[ int ] = A"
    );
}

#[test]
fn error_in_a_named_repetition() {
    let e = single_error("a key:64*int = A;\n");
    assert_syntax(&e, 1, 10, "`[`", "`int`");
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
fn several_generic_names_of_one_kind() {
    let src = "pair {X Y:Type} a:X b:Y = Pair X Y;\n";
    let schema = parse_conv(src, Convention::TlParser);
    let d = def(&schema, "pair");
    let generics: Vec<_> = d.generics.iter().map(|g| g.name).collect();
    assert_eq!(generics, ["X", "Y"]);
    assert!(d.generics.iter().all(|g| g.kind.is_plain("Type")));
    assert_span(src, d.generics[1].span, "{X Y:Type}", 1, 6);
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "pair X:Type Y:Type a:X b:Y = Pair X Y"
    );
    let e = single_error("pair {X Y} a:X = Pair X;\n");
    assert_syntax(&e, 1, 10, "`:` or another name", "`}`");
}

#[test]
fn a_parenthesised_group_of_parameters_of_one_type() {
    let src = "point (x y:int) ( z : long ) w:(vector int) = Point;\n";
    let schema = parse_conv(src, Convention::TlParser);
    let d = def(&schema, "point");
    assert_eq!(
        param_shapes(d),
        ["x:int", "y:int", "z:long", "w:vector<int>"]
    );
    assert_span(src, d.params[1].span, "(x y:int)", 1, 7);
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "point x:int y:int z:long w:vector int = Point"
    );
    let e = single_error("point (x y:int = Point;\n");
    assert_syntax(&e, 1, 16, "`)`", "`=`");
    // Word counts and flag words group too.
    let schema = parse_conv(
        "a (n m:#) (flags:#) x:flags.0?int = A;\n",
        Convention::TlParser,
    );
    assert_eq!(
        param_shapes(def(&schema, "a")),
        ["n:#", "m:#", "flags:#", "x:flags.0?int"]
    );
    // Names are identifiers: `(1 x:int)` is no group (nor a type).
    assert_eq!(single_error("a (x 1y:int) = A;\n").line(), 1);
    assert_eq!(single_error("a (1 x:int) = A;\n").line(), 1);
    // Groups are parameters inside repetitions too, as TL's grammar has them.
    let src = "m n:# rows:n*[ (a b:int) (c d:#) e:long ] = M;\n";
    let schema = parse_conv(src, Convention::TlParser);
    let d = def(&schema, "m");
    assert_eq!(
        param_shapes(d),
        ["n:#", "rows:n*[ a:int b:int c:# d:# e:long ]"]
    );
    assert_eq!(
        normalized_text(d, Convention::TlParser),
        "m n:# rows:n*[ a:int b:int c:# d:# e:long ] = M"
    );
    let e = single_error("m n:# rows:n*[ (a b:int ] = M;\n");
    assert_syntax(&e, 1, 25, "`)`", "`]`");
}

#[test]
fn new_final_and_empty_declarations_are_accepted() {
    let src = "a = A;\nFinal A;\nNew ns.B ;\nEmpty C;\nFinalist = A;\nNew // D\n  D\n;\n";
    let schema = parse_conv(src, Convention::TlParser);
    assert_eq!(names(&schema), ["a", "Finalist"]);
    // The keyword is a word of its own.
    let e = single_error("NewD;\n");
    assert_eq!((e.line(), e.column()), (1, 5), "{e:?}");
    // Without its type name it is no declaration.
    let e = single_error("Final;\n");
    assert_eq!((e.line(), e.column()), (1, 6), "{e:?}");
}
