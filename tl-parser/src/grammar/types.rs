//! `type = "!" full-name | "%" type | "(" full-name { type } ")" | full-name ["<" types ">"]`,
//! and the result type after `=`.

use nom::Parser;
use nom::character::complete::{char, space0, space1};
use nom::combinator::cut;
use nom::sequence::preceded;

use crate::ast::Type;

use super::expected::{Expected, PResult, expect};
use super::parser::Grammar;
use super::token::{full_name, sp};

impl<'s> Grammar<'s> {
    /// A type expression in a parameter.
    pub(crate) fn type_term(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        self.nested(input, |input| self.type_term_at_depth(input))
    }

    fn type_term_at_depth(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        if let Some(i) = input.strip_prefix('!') {
            let (i, (namespace, name)) =
                cut(expect("a generic parameter name after `!`", full_name)).parse(i)?;
            let ty = Type {
                generic_ref: true,
                ..self.named(input, i, namespace, name, Vec::new())
            };
            return Ok((i, ty));
        }
        if let Some(i) = input.strip_prefix('%') {
            let (i, mut ty) = cut(expect("a type after `%`", |i| self.type_term(i))).parse(i)?;
            ty.bare_marker = true;
            ty.span = self.between(input, i);
            return Ok((i, ty));
        }
        if input.starts_with('(') {
            return self.parenthesised(input);
        }
        let (i, (namespace, name)) = full_name(input)?;
        let (i, args) = match preceded(space0, char::<_, Expected>('<')).parse(i) {
            Ok((i, _)) => self.angle_arguments(i)?,
            Err(_) => (i, Vec::new()),
        };
        Ok((i, self.named(input, i, namespace, name, args)))
    }

    /// A type written from `input` to `end`, without `%` or `!`.
    fn named(
        &self,
        input: &'s str,
        end: &'s str,
        namespace: Vec<&'s str>,
        name: &'s str,
        args: Vec<Type<'s>>,
    ) -> Type<'s> {
        Type {
            namespace,
            name,
            bare_marker: false,
            generic_ref: false,
            args,
            span: self.between(input, end),
        }
    }

    /// `(vector adnl.Address)`: a type applied to arguments, as the C tl-parser's schemas
    /// write it.
    fn parenthesised(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        let (i, ()) = sp(&input[1..])?;
        let (mut i, (namespace, name)) = cut(expect("a type name", full_name)).parse(i)?;
        let mut args = Vec::new();
        loop {
            let (rest, ()) = sp(i)?;
            if let Some(rest) = rest.strip_prefix(')') {
                return Ok((rest, self.named(input, rest, namespace, name, args)));
            }
            let (rest, arg) =
                cut(expect("a type argument or `)`", |i| self.type_term(i))).parse(rest)?;
            args.push(arg);
            i = rest;
        }
    }

    /// `long>` or `int, string>` after the `<` of `Vector<long>`.
    fn angle_arguments(&self, mut i: &'s str) -> PResult<'s, Vec<Type<'s>>> {
        let mut args = Vec::new();
        loop {
            let (rest, ()) = sp(i)?;
            let (rest, arg) = cut(expect("a type argument", |i| self.type_term(i))).parse(rest)?;
            args.push(arg);
            let (rest, ()) = sp(rest)?;
            if let Some(rest) = rest.strip_prefix(',') {
                i = rest;
                continue;
            }
            let (rest, _) = cut(expect("`>` or `,`", char('>'))).parse(rest)?;
            return Ok((rest, args));
        }
    }

    /// The type after `=`: `Type`, `Vector<t>` or `Vector t` (arguments on the same line, so
    /// that a missing `;` is reported on the line where it is missing).
    pub(crate) fn result_type(&self, input: &'s str) -> PResult<'s, Type<'s>> {
        let (mut i, mut ty) = self.type_term(input)?;
        if ty.args.is_empty() {
            while let Ok((rest, arg)) = preceded(space1, |i| self.type_term(i)).parse(i) {
                ty.args.push(arg);
                i = rest;
            }
            ty.span = self.between(input, i);
        }
        Ok((i, ty))
    }
}
