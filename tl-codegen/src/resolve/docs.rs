//! The documentation of every struct ([`ItemDoc`]): the rows of its parameters table, its
//! description, what the documentation sidecar says of it, and for a function the example
//! call (which values are literals, which are inputs). Emit only renders them.

use tl_parser::Category;

use super::suggest::closest;
use crate::method_docs::MethodDocs;
use crate::model::{
    DocText, ErrorRow, Example, ExampleValue, ItemDoc, Model, ParamRow, Presence, Storage, Struct,
    Ty,
};
use crate::naming;

/// How many setters an example calls: enough to show them, few enough for one line or two.
const EXAMPLE_SETTERS: usize = 2;

/// A name of the sidecar that the schemas do not define, with the closest one they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownName {
    /// `auth.sendCode`, or `auth.sendCode.phone_number` for a parameter.
    pub name: String,
    /// The closest defined name, in the same form.
    pub closest: Option<String>,
}

/// Fills in [`Struct::doc`](crate::model::Struct::doc) of every struct from the schemas and
/// `sidecar`; fails on the first name of the sidecar that the schemas do not define.
pub(crate) fn decide_docs(model: &mut Model, sidecar: &MethodDocs) -> Result<(), UnknownName> {
    check_names(model, sidecar)?;
    for s in &mut model.structs {
        s.doc = item_doc(s, sidecar);
    }
    Ok(())
}

/// The sidecar's description and parameters of `s`, if it has an entry.
fn sidecar_entry<'a>(
    s: &Struct,
    sidecar: &'a MethodDocs,
) -> (
    Option<&'a String>,
    Option<&'a std::collections::BTreeMap<String, String>>,
) {
    match s.category {
        Category::Function => sidecar
            .functions
            .get(&s.tl_name)
            .map_or((None, None), |f| (f.description.as_ref(), Some(&f.params))),
        Category::Type => sidecar
            .constructors
            .get(&s.tl_name)
            .map_or((None, None), |c| (c.description.as_ref(), Some(&c.params))),
    }
}

fn item_doc(s: &Struct, sidecar: &MethodDocs) -> ItemDoc {
    let (description, params) = sidecar_entry(s, sidecar);
    let description = match description {
        Some(text) => vec![DocText::Markdown(text.clone())],
        None => s
            .docs
            .iter()
            .flat_map(|line| match line.strip_prefix('@') {
                Some(_) => tags(line)
                    .into_iter()
                    .filter(|(tag, _)| *tag == "description")
                    .map(|(_, text)| text)
                    .collect(),
                None => vec![line.trim()],
            })
            .map(|text| DocText::Plain(text.to_owned()))
            .collect(),
    };
    let rows = s.fields.iter().enumerate().map(|(index, field)| {
        let from_sidecar = params
            .and_then(|p| p.get(&field.tl_name))
            .map(|text| DocText::Markdown(text.clone()));
        let from_schema =
            || param_comment(s, &field.tl_name).map(|text| DocText::Plain(text.to_owned()));
        ParamRow {
            field: index,
            tl_type: field.tl_type.clone(),
            description: from_sidecar.or_else(from_schema),
        }
    });
    let function = sidecar
        .functions
        .get(&s.tl_name)
        .filter(|_| s.category == Category::Function);
    let errors = function.map_or_else(Vec::new, |f| {
        f.errors
            .iter()
            .map(|e| ErrorRow {
                code: e.code,
                name: e.name.clone(),
                description: e.description.clone(),
            })
            .collect()
    });
    ItemDoc {
        description,
        params: rows.collect(),
        bots: function.and_then(|f| f.bots),
        errors,
        example: (s.category == Category::Function).then(|| example(s)),
    }
}

/// The schema's comment on parameter `tl_name` of `s` (`//@tl_name text`), if any.
pub(super) fn param_comment<'a>(s: &'a Struct, tl_name: &str) -> Option<&'a str> {
    s.docs
        .iter()
        .filter(|line| line.starts_with('@'))
        .flat_map(|line| tags(line))
        .find(|(tag, _)| *tag == tl_name)
        .map(|(_, text)| text)
}

/// The tags of a TDLib-style comment line (`@description A point @x Its abscissa`): each
/// `@name` at the start or after white space, with the text up to the next.
fn tags(line: &str) -> Vec<(&str, &str)> {
    let mut starts: Vec<usize> = line
        .char_indices()
        .filter(|&(at, c)| c == '@' && (at == 0 || line[..at].ends_with(char::is_whitespace)))
        .map(|(at, _)| at)
        .collect();
    starts.push(line.len());
    starts
        .windows(2)
        .map(|pair| {
            let tagged = &line[pair[0] + 1..pair[1]];
            let (tag, text) = tagged
                .split_once(char::is_whitespace)
                .unwrap_or((tagged, ""));
            (tag, text.trim())
        })
        .collect()
}

/// The example call of function `s`: literals for numbers, strings and bytes, inputs for the
/// rest (the values users would have at hand: a peer, a vector, the query of a wrapper).
fn example(s: &Struct) -> Example {
    let mut example = Example::default();
    let mut value = |field: usize, ty: &Ty| {
        let f = &s.fields[field];
        match literal(ty, &f.tl_name) {
            Some(literal) => ExampleValue::Literal(literal),
            None => {
                let name = naming::field_local(f);
                example.inputs.push((name.clone(), field));
                ExampleValue::Input(name)
            }
        }
    };
    let args: Vec<ExampleValue> = s
        .construction
        .required
        .iter()
        .map(|&f| value(f, &s.fields[f].ty))
        .collect();
    let setters: Vec<(usize, ExampleValue)> = s
        .construction
        .setters
        .iter()
        .take(EXAMPLE_SETTERS)
        .enumerate()
        .map(|(index, setter)| {
            let field = &s.fields[setter.field];
            let set = match field.presence {
                Presence::Flag { .. } => ExampleValue::Literal("true".to_owned()),
                _ => value(setter.field, &field.ty),
            };
            (index, set)
        })
        .collect();
    example.args = args;
    example.setters = setters;
    example
}

/// A literal of type `ty` for the field `tl_name`, if the type has literals: strings and bytes
/// say which field they are for.
fn literal(ty: &Ty, tl_name: &str) -> Option<String> {
    Some(match ty {
        Ty::Int | Ty::Long | Ty::Nat => "0".to_owned(),
        Ty::Double => "0.0".to_owned(),
        Ty::Bool => "true".to_owned(),
        Ty::String(_) => format!("{tl_name:?}"),
        Ty::Bytes(Storage::Owned) => format!("b{tl_name:?}"),
        // `Bytes` converts from a `&'static [u8]`, not from an array.
        Ty::Bytes(Storage::Shared) => format!("&b{tl_name:?}[..]"),
        Ty::FixedBytes(len) => format!("[0; {len}]"),
        Ty::Boxed(_) | Ty::Bare(_) | Ty::Vector { .. } | Ty::Generic(_) => return None,
    })
}

/// Every name of `sidecar` must be a function, constructor or parameter of the schemas.
fn check_names(model: &Model, sidecar: &MethodDocs) -> Result<(), UnknownName> {
    let functions = sidecar.functions.iter().map(|(name, f)| (name, &f.params));
    let constructors = sidecar
        .constructors
        .iter()
        .map(|(name, c)| (name, &c.params));
    for (category, entries) in [
        (Category::Function, functions.collect::<Vec<_>>()),
        (Category::Type, constructors.collect()),
    ] {
        let defined = || model.structs.iter().filter(move |s| s.category == category);
        for (name, params) in entries {
            let Some(s) = defined().find(|s| &s.tl_name == name) else {
                let closest = closest(name, defined().map(|s| s.tl_name.as_str()));
                let name = name.clone();
                return Err(UnknownName { name, closest });
            };
            for param in params.keys() {
                if !s.fields.iter().any(|f| &f.tl_name == param) {
                    let fields = s.fields.iter().map(|f| f.tl_name.as_str());
                    return Err(UnknownName {
                        name: format!("{name}.{param}"),
                        closest: closest(param, fields).map(|c| format!("{name}.{c}")),
                    });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{PRELUDE, model, struct_named};

    fn sidecar(json: &str) -> MethodDocs {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn examples_take_literals_of_simple_types_and_inputs_of_the_others() {
        let mut model = model(&format!(
            "{PRELUDE}peer#1 id:int = Peer;\n---functions---\n\
             send flags:# silent:flags.5?true peer:Peer text:string reply:flags.0?int \
             data:bytes ids:Vector<long> = Peer;\n"
        ));
        decide_docs(&mut model, &MethodDocs::default()).unwrap();
        let send = &model.structs[struct_named(&model, "send")];
        let example = send.doc.example.as_ref().unwrap();
        let literal = |text: &str| ExampleValue::Literal(text.to_owned());
        let input = |name: &str| ExampleValue::Input(name.to_owned());
        assert_eq!(
            example.args,
            [
                input("peer"),
                literal("\"text\""),
                literal("b\"data\""),
                input("ids")
            ]
        );
        assert_eq!(example.setters, [(0, literal("true")), (1, literal("0"))]);
        assert_eq!(
            example.inputs,
            [("peer".to_owned(), 1), ("ids".to_owned(), 5)]
        );
        let rows: Vec<&str> = send.doc.params.iter().map(|r| r.tl_type.as_str()).collect();
        assert_eq!(
            rows,
            ["true", "Peer", "string", "int", "bytes", "Vector<long>"]
        );
    }

    #[test]
    fn the_sidecar_describes_and_its_unknown_names_are_errors_with_the_closest() {
        let text =
            format!("{PRELUDE}pong#2 = Pong;\n---functions---\nping#1 ping_id:long = Pong;\n");
        let mut model = model(&text);
        let docs = sidecar(
            r#"{"functions": {"ping": {"description": "Pings.", "params": {"ping_id": "Id."},
                "bots": true, "errors": [{"code": 400, "name": "BAD"}]}}}"#,
        );
        decide_docs(&mut model, &docs).unwrap();
        let doc = &model.structs[struct_named(&model, "ping")].doc;
        assert_eq!(doc.description, [DocText::Markdown("Pings.".to_owned())]);
        assert_eq!(
            doc.params[0].description,
            Some(DocText::Markdown("Id.".to_owned()))
        );
        assert_eq!((doc.bots, doc.errors.len()), (Some(true), 1));
        for (json, name, closest) in [
            (r#"{"functions": {"pnig": {}}}"#, "pnig", Some("ping")),
            (
                r#"{"functions": {"ping": {"params": {"pingid": ""}}}}"#,
                "ping.pingid",
                Some("ping.ping_id"),
            ),
            (r#"{"constructors": {"ping": {}}}"#, "ping", Some("pong")),
        ] {
            let error = decide_docs(&mut model, &sidecar(json)).unwrap_err();
            let expected = UnknownName {
                name: name.to_owned(),
                closest: closest.map(str::to_owned),
            };
            assert_eq!(error, expected, "for {json}");
        }
    }

    #[test]
    fn tdlib_comments_describe_the_item_and_its_parameters() {
        let mut model = model(&format!(
            "{PRELUDE}//@description A point @x Its abscissa\n//@y Its ordinate\n\
             point x:int y:int = Point;\n"
        ));
        decide_docs(&mut model, &MethodDocs::default()).unwrap();
        let doc = &model.structs[struct_named(&model, "point")].doc;
        let plain = |text: &str| Some(DocText::Plain(text.to_owned()));
        assert_eq!(doc.description.first().cloned(), plain("A point"));
        let described: Vec<_> = doc.params.iter().map(|r| r.description.clone()).collect();
        assert_eq!(described, [plain("Its abscissa"), plain("Its ordinate")]);
        assert!(doc.example.is_none() && doc.bots.is_none() && doc.errors.is_empty());
    }
}
