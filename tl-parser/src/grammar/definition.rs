//! `definition = full-name ["#" hex] { generics | param } ["?"] "=" result ";"`, and its
//! parameters.

use nom::Parser;
use nom::branch::alt;
use nom::character::complete::{char, space0};
use nom::combinator::{cut, opt};
use nom::sequence::preceded;

use crate::ast::{Category, Condition, Definition, GenericParam, Multiplier, Param, ParamKind};

use super::expected::{Expected, PResult, expect, failure};
use super::parser::Grammar;
use super::token::{full_name, hex_id, ident, number, param_group_names, sp};

fn repeated<'s>(multiplier: Option<Multiplier<'s>>, params: Vec<Param<'s>>) -> ParamKind<'s> {
    ParamKind::Repeated { multiplier, params }
}

/// The parts of a definition between its name (and id) and its `=`.
struct Params<'s> {
    generics: Vec<GenericParam<'s>>,
    params: Vec<Param<'s>>,
}

impl<'s> Grammar<'s> {
    /// A definition, from its name to its `;`.
    pub(crate) fn definition(
        &self,
        input: &'s str,
        category: Category,
    ) -> PResult<'s, Definition<'s>> {
        let (i, (namespace, name)) = expect(
            "a definition such as `name#1a2b3c4d field:int = Type;`",
            full_name,
        )
        .parse(input)?;
        let (i, written_id) = opt(preceded(char('#'), cut(hex_id))).parse(i)?;
        let (i, Params { generics, params }) = self.params(i)?;
        let (i, builtin) = opt(char('?')).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, _) = expect("`=`", char('=')).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, result) = expect("a result type", |i| self.result_type(i)).parse(i)?;
        let (after_space, ()) = sp(i)?;
        let Ok((rest, _)) = char::<_, Expected>(';').parse(after_space) else {
            // Point just past the result type, where the `;` belongs.
            return failure(i, "`;`");
        };
        let definition = Definition {
            namespace,
            name,
            written_id,
            computed_id: 0,
            generics,
            params,
            builtin: builtin.is_some(),
            result,
            category,
            docs: Vec::new(),
            layer_section: None,
            span: self.between(input, rest),
        };
        Ok((rest, definition))
    }

    /// Generic and ordinary parameters, up to the `?` or `=` that ends them.
    fn params(&self, mut i: &'s str) -> PResult<'s, Params<'s>> {
        let mut generics = Vec::new();
        // Sized from the `:`s before the next `;` (one per named parameter, plus generics'):
        // growing one by one would move every parameter several times.
        let colons = i
            .bytes()
            .take_while(|&b| b != b';')
            .filter(|&b| b == b':')
            .count();
        let mut params = Vec::with_capacity(colons);
        loop {
            let (rest, ()) = sp(i)?;
            i = rest;
            if i.starts_with(['=', '?']) {
                return Ok((i, Params { generics, params }));
            }
            if i.starts_with(';') {
                // `a b:int B;`: `B` was taken for an anonymous parameter, the `=` is missing.
                return failure(i, "`=` and the result type");
            }
            if i.starts_with('{') {
                i = self.generics(i, &mut generics)?.0;
            } else if let Some(names_end) = param_group_names(i) {
                i = self.param_group(i, names_end, &mut params)?.0;
            } else {
                let (rest, param) =
                    expect("a parameter such as `name:Type`, or `=`", |i| self.param(i))
                        .parse(i)?;
                if param.name.is_none()
                    && matches!(param.kind, ParamKind::Typed { .. })
                    && param.span.column == 1
                {
                    // A bare word starting a line is the next definition: `=` is missing.
                    return failure(i, "`=` and the result type before the next definition");
                }
                params.push(param);
                i = rest;
            }
        }
    }

    /// `{X:Type}`, or `{X Y:Type}` for several of one kind; appended to `out`.
    fn generics(&self, input: &'s str, out: &mut Vec<GenericParam<'s>>) -> PResult<'s, ()> {
        let (i, _) = char('{').parse(input)?;
        let (i, ()) = sp(i)?;
        let (mut i, first) = expect("a generic parameter name", ident).parse(i)?;
        let mut names = vec![first];
        loop {
            let (rest, ()) = sp(i)?;
            i = rest;
            let Ok((rest, name)) = ident(rest) else {
                break;
            };
            names.push(name);
            i = rest;
        }
        let (i, _) = expect("`:` or another name", char(':')).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, kind) = expect("a type", |i| self.type_term(i)).parse(i)?;
        let (i, ()) = sp(i)?;
        let (i, _) = expect("`}`", char('}')).parse(i)?;
        let span = self.between(input, i);
        out.extend(names.into_iter().map(|name| GenericParam {
            name,
            kind: kind.clone(),
            span,
            implicit: false,
        }));
        Ok((i, ()))
    }

    /// `(a b:int)` or `(n m:#)`: several parameters of one type, appended to `out`.
    /// `names_end` is where [`param_group_names`] found the `:`.
    fn param_group(
        &self,
        input: &'s str,
        names_end: usize,
        out: &mut Vec<Param<'s>>,
    ) -> PResult<'s, ()> {
        let names: Vec<&'s str> = input[1..names_end].split_ascii_whitespace().collect();
        let (i, ()) = sp(&input[names_end + 1..])?;
        let (i, ty) = match i.strip_prefix('#') {
            Some(rest) => (rest, None),
            None => {
                let (i, ty) = cut(expect("a type", |i| self.type_term(i))).parse(i)?;
                (i, Some(ty))
            }
        };
        let (i, ()) = sp(i)?;
        let (i, _) = cut(expect("`)`", char(')'))).parse(i)?;
        let span = self.between(input, i);
        out.extend(names.into_iter().map(|name| Param {
            name: Some(name),
            kind: match &ty {
                Some(ty) => ParamKind::Typed {
                    condition: None,
                    ty: ty.clone(),
                },
                None => ParamKind::Nat,
            },
            span,
        }));
        Ok((i, ()))
    }

    /// One parameter.
    fn param(&self, input: &'s str) -> PResult<'s, Param<'s>> {
        self.nested(input, |input| self.param_at_depth(input))
    }

    fn param_at_depth(&self, input: &'s str) -> PResult<'s, Param<'s>> {
        let param = |name: Option<&'s str>, kind, end: &'s str| Param {
            name,
            kind,
            span: self.between(input, end),
        };

        if let Ok((i, _)) = char::<_, Expected>('#').parse(input) {
            return Ok((i, param(None, ParamKind::Nat, i)));
        }
        if let Some(result) = self.repetition(input) {
            let (i, kind) = result?;
            return Ok((i, param(None, kind, i)));
        }
        if let Ok((i, name)) = (ident, space0, char(':'), space0)
            .map(|(n, ..)| n)
            .parse(input)
        {
            if let Ok((i, _)) = char::<_, Expected>('#').parse(i) {
                return Ok((i, param(Some(name), ParamKind::Nat, i)));
            }
            if let Some(result) = self.repetition(i) {
                let (i, kind) = result?;
                return Ok((i, param(Some(name), kind, i)));
            }
            let (i, condition) = opt(|i| self.condition(i)).parse(i)?;
            let (i, ty) = cut(expect("a type", |i| self.type_term(i))).parse(i)?;
            return Ok((i, param(Some(name), ParamKind::Typed { condition, ty }, i)));
        }
        let (i, ty) = self.type_term(input)?;
        let kind = ParamKind::Typed {
            condition: None,
            ty,
        };
        Ok((i, param(None, kind, i)))
    }

    /// `N*[ params ]`, `n*[ params ]` or `[ params ]`; `None` if `input` starts with none.
    fn repetition(&self, input: &'s str) -> Option<PResult<'s, ParamKind<'s>>> {
        if input.starts_with('[') {
            let bracketed = self.bracketed(input);
            return Some(bracketed.map(|(i, params)| (i, repeated(None, params))));
        }
        // Nearly every parameter is not one: a byte scan rules it out before any parser runs.
        let bytes = input.as_bytes();
        let word = bytes
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(bytes.len());
        let after_word = bytes[word..].iter().find(|b| !matches!(b, b' ' | b'\t'));
        if word == 0 || after_word != Some(&b'*') {
            return None;
        }
        // The count is copied only once `*` confirms a repetition: most parameters are not.
        let count = alt((number.map(Ok), ident.map(Err)));
        let (i, count) = (count, space0, char('*'), space0)
            .map(|(m, ..)| m)
            .parse(input)
            .ok()?;
        let multiplier = match count {
            Ok(n) => Multiplier::Literal(n),
            Err(name) => Multiplier::Nat(name),
        };
        let bracketed = cut(|i| self.bracketed(i)).parse(i);
        Some(bracketed.map(|(i, params)| (i, repeated(Some(multiplier), params))))
    }

    /// `[ params ]`.
    fn bracketed(&self, input: &'s str) -> PResult<'s, Vec<Param<'s>>> {
        let (mut i, _) = expect("`[`", char('[')).parse(input)?;
        let mut params = Vec::new();
        loop {
            let (rest, ()) = sp(i)?;
            if let Some(rest) = rest.strip_prefix(']') {
                return Ok((rest, params));
            }
            if let Some(names_end) = param_group_names(rest) {
                i = self.param_group(rest, names_end, &mut params)?.0;
                continue;
            }
            let (rest, param) = cut(expect("a parameter or `]`", |i| self.param(i))).parse(rest)?;
            params.push(param);
            i = rest;
        }
    }

    /// `flags.N?`.
    fn condition(&self, input: &'s str) -> PResult<'s, Condition<'s>> {
        let (i, (field, _, bit)) = (ident, char('.'), number).parse(input)?;
        let span = self.between(input, i);
        let (i, _) = cut(expect("`?` after the flag condition", char('?'))).parse(i)?;
        Ok((i, Condition { field, bit, span }))
    }
}
