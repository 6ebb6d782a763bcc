//! Semantic checks on parsed definitions: what the grammar alone cannot catch.

use std::collections::HashMap;

use crate::ast::{Category, Definition, GenericParam, Param, ParamKind, Type};
use crate::error::{Error, ErrorKind};
use crate::id::{Convention, normalized_text};
use crate::schema::Repeated;

/// Appends an error for every flag condition naming an unknown `#` parameter or a bit above
/// 31, every `!X` without `{X:Type}` (after [`declare_implicit_generics`]), and every
/// definition whose full name repeats an earlier one of the same category (a constructor and
/// a function may share a name) in its `===N===` section, or outside any section.
///
/// A definition that says the same as the one it would duplicate ([`same_definition`]) is no
/// error: its index and the first one's line are returned, for the caller to drop it. Schemas
/// maintained by merging, such as forks of Telethon's, carry such leftovers.
pub(crate) fn check(
    source: &str,
    definitions: &[Definition<'_>],
    errors: &mut Vec<Error>,
) -> Vec<(usize, u32)> {
    // The first definition (its index) of each name in each section, and of each name with
    // whether some definition of it is outside any section.
    let mut in_section: HashMap<(Category, &str, Option<u32>), usize> =
        HashMap::with_capacity(definitions.len());
    let mut by_name: HashMap<(Category, &str), (usize, bool)> =
        HashMap::with_capacity(definitions.len());
    let mut nats = Vec::new();
    let mut repeats = Vec::new();
    for (index, def) in definitions.iter().enumerate() {
        nats.clear();
        check_params(def, &def.params, &mut nats, errors);
        check_generic_refs(def, &def.result, errors);

        let name = written_full_name(source, def);
        let section = def.layer_section;
        let same_section = in_section.get(&(def.category, name, section)).copied();
        let (first, unsectioned) = *by_name
            .entry((def.category, name))
            .and_modify(|(_, outside)| *outside |= section.is_none())
            .or_insert((index, section.is_none()));
        let duplicate_of = match same_section {
            Some(first) => Some(first),
            // A name defined outside any section may not be defined again anywhere.
            None if first != index && unsectioned => Some(first),
            None => None,
        };
        in_section
            .entry((def.category, name, section))
            .or_insert(index);
        if let Some(first) = duplicate_of {
            let first = &definitions[first];
            if same_definition(first, def) {
                repeats.push((index, first.span.line));
            } else {
                errors.push(Error {
                    kind: ErrorKind::DuplicateDefinition {
                        name: def.full_name(),
                        first_line: first.span.line,
                    },
                    span: def.span,
                });
            }
        }
    }
    repeats
}

/// Removes the definitions at `repeats` (ascending indices, with the line of the definition
/// each repeats, as [`check`] returns them) and describes them.
pub(crate) fn drop_repeats(
    definitions: &mut Vec<Definition<'_>>,
    repeats: &[(usize, u32)],
) -> Vec<Repeated> {
    let repeated: Vec<Repeated> = repeats
        .iter()
        .map(|&(index, first_line)| Repeated {
            name: definitions[index].full_name(),
            span: definitions[index].span,
            first_line,
        })
        .collect();
    let mut index = 0;
    let mut next = repeats.iter().map(|&(i, _)| i).peekable();
    definitions.retain(|_| {
        let keep = next.next_if_eq(&index).is_none();
        index += 1;
        keep
    });
    repeated
}

/// Whether two definitions say the same: the same written id (or none) and the same
/// normalized text (comments and spacing aside). The C tl-parser's normalization keeps every
/// parameter as written.
fn same_definition(a: &Definition<'_>, b: &Definition<'_>) -> bool {
    a.written_id == b.written_id
        && normalized_text(a, Convention::TlParser) == normalized_text(b, Convention::TlParser)
}

/// Declares `{X:Type}` for each `!X` of the parameters of a function that declares no type
/// parameter and whose result names `X` (`query:!X = X`; see [`GenericParam::implicit`]).
/// Elsewhere an undeclared `!Y` stays an error: in a constructor, beside declared parameters,
/// or unrelated to the result, it is more likely a typo than an old file.
pub(crate) fn declare_implicit_generics(definitions: &mut [Definition<'_>]) {
    for def in definitions {
        if def.category == Category::Function && def.generics.is_empty() {
            let mut implicit = Vec::new();
            collect_generic_refs(&def.params, &mut implicit);
            implicit.retain(|g| def.result.refers_to(g.name));
            def.generics = implicit;
        }
    }
}

fn collect_generic_refs<'s>(params: &[Param<'s>], out: &mut Vec<GenericParam<'s>>) {
    fn in_type<'s>(ty: &Type<'s>, out: &mut Vec<GenericParam<'s>>) {
        if ty.generic_ref && ty.namespace.is_empty() && out.iter().all(|g| g.name != ty.name) {
            out.push(GenericParam {
                name: ty.name,
                kind: Type {
                    namespace: Vec::new(),
                    name: "Type",
                    bare_marker: false,
                    generic_ref: false,
                    args: Vec::new(),
                    span: ty.span,
                },
                span: ty.span,
                implicit: true,
            });
        }
        for arg in &ty.args {
            in_type(arg, out);
        }
    }
    for param in params {
        match &param.kind {
            ParamKind::Nat => {}
            ParamKind::Typed { ty, .. } => in_type(ty, out),
            ParamKind::Repeated { params, .. } => collect_generic_refs(params, out),
        }
    }
}

/// `nats` holds the `#` parameters declared so far (a condition may only name an earlier one).
fn check_params<'d>(
    def: &'d Definition<'d>,
    params: &'d [Param<'d>],
    nats: &mut Vec<&'d str>,
    errors: &mut Vec<Error>,
) {
    for param in params {
        match &param.kind {
            ParamKind::Nat => nats.extend(param.name),
            ParamKind::Typed { condition, ty } => {
                if let Some(cond) = condition {
                    if !nats.contains(&cond.field) {
                        errors.push(Error {
                            kind: ErrorKind::UnknownFlagField {
                                field: cond.field.to_owned(),
                                bit: cond.bit,
                            },
                            span: cond.span,
                        });
                    } else if cond.bit > 31 {
                        errors.push(Error {
                            kind: ErrorKind::FlagBitOutOfRange { bit: cond.bit },
                            span: cond.span,
                        });
                    }
                }
                check_generic_refs(def, ty, errors);
            }
            ParamKind::Repeated { params, .. } => check_params(def, params, nats, errors),
        }
    }
}

fn check_generic_refs(def: &Definition<'_>, ty: &Type<'_>, errors: &mut Vec<Error>) {
    if ty.generic_ref
        && !(ty.namespace.is_empty() && def.generics.iter().any(|g| g.name == ty.name))
    {
        errors.push(Error {
            kind: ErrorKind::UndeclaredGeneric {
                name: ty.full_name(),
            },
            span: ty.span,
        });
    }
    for arg in &ty.args {
        check_generic_refs(def, arg, errors);
    }
}

/// `ns.name` as a slice of the source: a definition's span starts at its name, which is
/// written without spaces. One string to hash instead of a list of parts.
fn written_full_name<'s>(source: &'s str, def: &Definition<'_>) -> &'s str {
    let len = def.namespace.iter().map(|ns| ns.len() + 1).sum::<usize>() + def.name.len();
    &source[def.span.start..def.span.start + len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn definition(name: &str, line: u32) -> Definition<'_> {
        let result = Type {
            namespace: Vec::new(),
            name: "T",
            bare_marker: false,
            generic_ref: false,
            args: Vec::new(),
            span: Span::default(),
        };
        Definition {
            namespace: Vec::new(),
            name,
            written_id: None,
            computed_id: 0,
            generics: Vec::new(),
            params: Vec::new(),
            builtin: false,
            result,
            category: Category::Type,
            docs: Vec::new(),
            layer_section: None,
            span: Span {
                line,
                ..Span::default()
            },
        }
    }

    #[test]
    fn repeats_are_dropped_and_described() {
        let mut definitions: Vec<_> = ["a", "b", "a", "c", "b"]
            .iter()
            .zip(1..)
            .map(|(name, line)| definition(name, line))
            .collect();
        let repeated = drop_repeats(&mut definitions, &[(2, 1), (4, 2)]);
        let left: Vec<&str> = definitions.iter().map(|d| d.name).collect();
        assert_eq!(left, ["a", "b", "c"]);
        let described: Vec<(&str, u32, u32)> = repeated
            .iter()
            .map(|r| (r.name.as_str(), r.span.line, r.first_line))
            .collect();
        assert_eq!(described, [("a", 3, 1), ("b", 5, 2)]);
    }
}
