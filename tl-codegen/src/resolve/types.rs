//! References to types: a parameter's or result's [`Type`] becomes a [`Ty`].

use std::collections::HashSet;

use tl_parser::Type;

use super::{ResolveErrorKind, Resolver, builtins, suggest};
use crate::model::Ty;

impl Resolver {
    pub(super) fn resolve_type(
        &self,
        ty: &Type,
        generics: &HashSet<&str>,
    ) -> Result<Ty, ResolveErrorKind> {
        if ty.namespace.is_empty() && generics.contains(ty.name) {
            return Ok(Ty::Generic(ty.name.to_owned()));
        }
        if ty.namespace.is_empty() && (ty.name == "Vector" || ty.name == "vector") {
            let [elem] = ty.args.as_slice() else {
                return Err(ResolveErrorKind::VectorArity { ty: ty.to_string() });
            };
            return Ok(Ty::Vector {
                boxed: ty.name == "Vector" && !ty.bare_marker,
                elem: Box::new(self.resolve_type(elem, generics)?),
            });
        }
        if !ty.args.is_empty() {
            return Err(self.misused_arguments(ty, generics));
        }
        if ty.namespace.is_empty()
            && let Some(builtin) = self.builtin(ty.name)
        {
            return Ok(builtin);
        }
        let full = ty.full_name();
        if let Some(fixed) = self.fixed_width_type(ty, &full) {
            return fixed;
        }
        if ty.bare_marker {
            return self.bare_of_boxed(&full);
        }
        if ty.is_bare() {
            return self
                .ctors_by_name
                .get(&full)
                .map(|&c| Ty::Bare(c))
                .ok_or_else(|| ResolveErrorKind::UnknownConstructor {
                    suggestion: self.suggest(&full),
                    name: full,
                });
        }
        self.enums_by_name
            .get(&full)
            .map(|&e| Ty::Boxed(e))
            .ok_or_else(|| self.unknown_type(full))
    }

    /// A built-in of the root namespace: `int`, `int256`, and TON's `object` and `function`.
    fn builtin(&self, name: &str) -> Option<Ty> {
        if let Some(primitive) = builtins::primitive(name) {
            return Some(primitive);
        }
        // `o:object`, `f:function` (TON): an object of any type, which carries its id.
        let any = match name {
            "object" => self.enums_by_name.get("Object"),
            "function" => self.enums_by_name.get("Function"),
            _ => None,
        };
        any.map(|&e| Ty::Boxed(e))
    }

    /// A declared fixed-width integer (`int512`), or its boxed type (`Int512`), which is one
    /// only bare (`%Int512`).
    fn fixed_width_type(&self, ty: &Type, full: &str) -> Option<Result<Ty, ResolveErrorKind>> {
        if let Some(&width) = self.fixed_widths.get(full) {
            return Some(Ok(Ty::FixedBytes(width)));
        }
        let builtin = self.fixed_width_types.get(full)?;
        if let Some(&width) = self.fixed_widths.get(builtin).filter(|_| ty.bare_marker) {
            // `%Int128`: the bare form of the boxed type, which is the built-in itself.
            return Some(Ok(Ty::FixedBytes(width)));
        }
        Some(Err(ResolveErrorKind::BoxedFixedWidth {
            name: full.to_owned(),
            builtin: builtin.clone(),
        }))
    }

    /// `%T`: the single constructor of boxed type T, bare; `%t` is `t` itself.
    fn bare_of_boxed(&self, full: &str) -> Result<Ty, ResolveErrorKind> {
        let Some(&e) = self.enums_by_name.get(full) else {
            return self
                .ctors_by_name
                .get(full)
                .map(|&c| Ty::Bare(c))
                .ok_or_else(|| ResolveErrorKind::UnknownType {
                    name: full.to_owned(),
                    suggestion: self.suggest(full),
                });
        };
        // Constructors superseded by a later `===N===` section do not count.
        let mut current = self.model.enums[e].variants.iter().filter(|v| {
            self.ctors_by_name.get(&self.model.structs[v.ctor].tl_name) == Some(&v.ctor)
        });
        match (current.next(), current.next()) {
            (Some(only), None) => Ok(Ty::Bare(only.ctor)),
            _ => Err(ResolveErrorKind::BareNeedsOneConstructor {
                name: full.to_owned(),
            }),
        }
    }

    fn unknown_type(&self, name: String) -> ResolveErrorKind {
        if self.function_results.contains(&name) {
            ResolveErrorKind::OnlyFunctionsReturn { name }
        } else {
            ResolveErrorKind::UnknownType {
                suggestion: self.suggest(&name),
                name,
            }
        }
    }

    /// Type arguments on a type that takes none (`Bool<int>`); but an unknown name is an
    /// unknown type, whatever follows it (`Vectr<int>`).
    fn misused_arguments(&self, ty: &Type, generics: &HashSet<&str>) -> ResolveErrorKind {
        let without_arguments = Type {
            args: Vec::new(),
            ..ty.clone()
        };
        match self.resolve_type(&without_arguments, generics) {
            Err(
                unknown @ (ResolveErrorKind::UnknownType { .. }
                | ResolveErrorKind::UnknownConstructor { .. }
                | ResolveErrorKind::OnlyFunctionsReturn { .. }),
            ) => unknown,
            _ => ResolveErrorKind::UnexpectedArguments { ty: ty.to_string() },
        }
    }

    /// The defined type or constructor, or built-in, whose name is closest to `unknown`.
    fn suggest(&self, unknown: &str) -> Option<String> {
        let mut names: Vec<&str> = self
            .enums_by_name
            .keys()
            .chain(self.ctors_by_name.keys())
            .chain(self.fixed_widths.keys())
            .map(String::as_str)
            .collect();
        names.extend(builtins::builtin_names());
        suggest::closest(unknown, names)
    }
}
