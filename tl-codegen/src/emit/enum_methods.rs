//! The inherent methods of an enum: which constructor a value holds (`constructor_id`,
//! `tl_name`), and the accessors of the fields its constructors share (`resolve::accessors`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Emitter, compiled_where_used, doc_lines, hex};
use crate::model::{Accessor, Enum, Held, Lend, Storage, Variant};
use crate::render::ident;

impl Emitter<'_> {
    /// `impl Enum { constructor_id, tl_name }`. `#[inline]`: compiled only where called.
    pub(super) fn enum_methods(&self, e: &Enum) -> TokenStream {
        let name = ident(&e.name);
        let compiled_where_used = compiled_where_used();
        let (ids, names): (Vec<TokenStream>, Vec<TokenStream>) = e
            .variants
            .iter()
            .map(|variant| {
                let pattern = variant_pattern(variant);
                let s = &self.model.structs[variant.ctor];
                // Literals, as the structs' `Identifiable` consts are: resolving a path to a
                // trait's const per arm costs rustc more.
                let (id, tl_name) = (hex(s.id), &s.tl_name);
                (quote!(#pattern => #id,), quote!(#pattern => #tl_name,))
            })
            .unzip();
        let accessors = e.accessors.iter().map(|a| self.accessor(e, a));
        quote! {
            impl #name {
                /// The id of the constructor this value holds, as written before its fields.
                #compiled_where_used
                pub fn constructor_id(&self) -> u32 {
                    match self {
                        #(#ids)*
                    }
                }

                /// The TL name of the constructor this value holds (`name_for_id` of its id).
                #compiled_where_used
                pub fn tl_name(&self) -> &'static str {
                    match self {
                        #(#names)*
                    }
                }

                #(#accessors)*
            }
        }
    }

    /// The method reading a shared field.
    fn accessor(&self, e: &Enum, a: &Accessor) -> TokenStream {
        let name = ident(&a.name);
        let field = ident(&a.field);
        let lent = match &a.lend {
            Lend::Copy(ty) => self.rust_type(ty),
            Lend::Str(_) => quote!(&str),
            Lend::Bytes(_) => quote!(&[u8]),
            Lend::Slice(elem) => {
                let elem = self.rust_type(elem);
                quote!(&[#elem])
            }
            Lend::Ref(ty) => {
                let ty = self.rust_type(ty);
                quote!(&#ty)
            }
        };
        let returns = if a.returns_option {
            quote!(Option<#lent>)
        } else {
            lent
        };
        let arms = e
            .variants
            .iter()
            .zip(&a.held)
            .filter_map(|(variant, held)| {
                let vname = ident(&variant.name);
                let value = lend_expr(a, *held, quote!(value.#field))?;
                Some(quote!(Self::#vname(value) => #value,))
            });
        let absent = a.held.contains(&Held::Not).then(|| quote!(_ => None,));
        let docs = self.options.docs.then(|| {
            let what = match (a.held.contains(&Held::Not), a.returns_option) {
                (false, false) => "which every constructor has",
                (false, true) => "if set",
                (true, _) => "if the constructor has it (and it is set)",
            };
            doc_lines([format!(
                "The field `{}`, {what}.",
                a.field.trim_start_matches("r#")
            )])
        });
        let compiled_where_used = compiled_where_used();
        quote! {
            #docs
            #compiled_where_used
            pub fn #name(&self) -> #returns {
                match self {
                    #(#arms)*
                    #absent
                }
            }
        }
    }
}

/// The expression lending `place`, a field held as `held`, as accessor `a` returns it; none
/// for a constructor without the field.
fn lend_expr(a: &Accessor, held: Held, place: TokenStream) -> Option<TokenStream> {
    let lent = match (held, &a.lend) {
        (Held::Not, _) => return None,
        (_, Lend::Copy(_)) => place,
        (Held::IfSet, Lend::Str(_) | Lend::Bytes(_) | Lend::Slice(_)) => {
            quote!(#place.as_deref())
        }
        (Held::IfSet, Lend::Ref(_)) => quote!(#place.as_ref()),
        (Held::Always, Lend::Str(_)) => quote!(#place.as_str()),
        (Held::Always, Lend::Bytes(Storage::Owned) | Lend::Slice(_)) => quote!(#place.as_slice()),
        (Held::Always, Lend::Bytes(Storage::Shared)) => quote!(&#place[..]),
        (Held::Always, Lend::Ref(_)) => quote!(&#place),
    };
    Some(if a.returns_option && held == Held::Always {
        quote!(Some(#lent))
    } else {
        lent
    })
}

/// A pattern matching `variant` whatever it holds.
fn variant_pattern(variant: &Variant) -> TokenStream {
    let name = ident(&variant.name);
    if variant.unit {
        quote!(Self::#name)
    } else {
        quote!(Self::#name(_))
    }
}
