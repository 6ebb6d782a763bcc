//! The grammar of definitions through the public API: names, ids, generics, `#` words,
//! flag conditions, types, built-ins, repetitions and parameter groups, with exact
//! assertions on the syntax tree and its spans.

mod common;

use common::*;
use tl_parser::{
    Category, Condition, Convention, Multiplier, Param, ParamKind, Span, Type, compute_id,
    normalized_text,
};

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
