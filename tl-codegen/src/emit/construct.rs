//! `new` and the setters of a struct, as its [`Construction`](crate::model::Construction)
//! says. All `#[inline]`: compiled only in the crates that call them, so the bindings crate
//! pays only for checking them.

use proc_macro2::TokenStream;
use quote::quote;

use super::codec::local_name;
use super::items::Generics;
use super::{Emitter, doc_lines};
use crate::model::{Field, Presence, Struct};
use crate::render::ident;

impl Emitter<'_> {
    /// The inherent impl with `new` and a setter per optional field.
    pub(super) fn construction(&self, s: &Struct, generics: &Generics) -> TokenStream {
        let name = ident(&s.name);
        let params = generics.params();
        let bound = generics.bound(TokenStream::new());
        let new = self.new_fn(s);
        let setters = s.construction.setters.iter().map(|setter| {
            let field = &s.fields[setter.field];
            let docs = self.docs_line(|| {
                let condition = match field.presence {
                    Presence::Optional { word, bit } | Presence::Flag { word, bit } => {
                        format!(" (`{}.{bit}`)", s.flag_words[word].tl_name)
                    }
                    Presence::Nullable => " (null unless set)".to_owned(),
                    Presence::Required => String::new(),
                };
                format!("Sets `{}`{condition}.", field.tl_name)
            });
            let setter = ident(&setter.name);
            let fname = ident(&field.name);
            let (ty, value) = self.argument(field, quote!(value));
            let value = match field.presence {
                Presence::Flag { .. } => value,
                _ => quote!(Some(#value)),
            };
            quote! {
                #docs
                #[inline]
                #[must_use]
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#fname = #value;
                    self
                }
            }
        });
        quote! {
            impl #bound #name #params {
                #new
                #(#setters)*
            }
        }
    }

    /// `new`, taking the required fields in schema order; the optional ones are unset.
    fn new_fn(&self, s: &Struct) -> TokenStream {
        let docs = self.docs_line(|| {
            if s.construction.setters.is_empty() {
                format!("`{}` from its fields.", s.tl_name)
            } else {
                format!(
                    "`{}` from its required fields; the optional ones are unset.",
                    s.tl_name
                )
            }
        });
        // Named as the decoders' locals: clear of the names clippy rejects (`foo`).
        let params = s.construction.required.iter().map(|&f| {
            let field = &s.fields[f];
            let local = local_name(field);
            let (ty, _) = self.argument(field, quote!(#local));
            quote!(#local: #ty)
        });
        let inits = s.fields.iter().map(|field| {
            let fname = ident(&field.name);
            let local = local_name(field);
            match field.presence {
                Presence::Required if field.ty.takes_into() => quote!(#fname: #local.into()),
                Presence::Required if fname == local => quote!(#fname),
                Presence::Required => quote!(#fname: #local),
                Presence::Optional { .. } | Presence::Nullable => quote!(#fname: None),
                Presence::Flag { .. } => quote!(#fname: false),
            }
        });
        quote! {
            #docs
            #[inline]
            #[must_use]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        }
    }

    /// The type a field's value is taken as, and the expression storing the argument `arg`:
    /// `impl Into<T>` and `arg.into()` where [`Ty::takes_into`](crate::model::Ty::takes_into).
    fn argument(&self, field: &Field, arg: TokenStream) -> (TokenStream, TokenStream) {
        if let Presence::Flag { .. } = field.presence {
            return (quote!(bool), arg);
        }
        let ty = self.rust_type(&field.ty);
        if field.ty.takes_into() {
            (quote!(impl Into<#ty>), quote!(#arg.into()))
        } else {
            (ty, arg)
        }
    }

    /// One line of rustdoc, when docs are on.
    fn docs_line(&self, line: impl FnOnce() -> String) -> TokenStream {
        if self.options.docs {
            doc_lines([line()])
        } else {
            TokenStream::new()
        }
    }
}
