//! `Debug` of the structs with a field that `resolve::debug` shows other than as its type
//! does: bytes as hex, secrets redacted. Every other item derives it, which compiles faster.

use proc_macro2::TokenStream;
use quote::quote;

use super::items::Generics;
use super::{Emitter, compiled_where_used};
use crate::model::{DebugAs, Presence, Struct};
use crate::render::ident;

/// Whether `s` needs a `Debug` impl of its own rather than the derived one.
pub(super) fn hand_written(s: &Struct) -> bool {
    s.fields.iter().any(|f| f.debug != DebugAs::Plain)
}

impl Emitter<'_> {
    /// `impl Debug for` the struct of `s`, through `debug_struct` as the derive writes it.
    pub(super) fn debug_impl(&self, s: &Struct, generics: &Generics) -> TokenStream {
        let name = ident(&s.name);
        let params = generics.params();
        let bound = generics.bound(quote!(::core::fmt::Debug));
        let label = &s.name;
        let fields = s.fields.iter().map(|f| {
            let fname = ident(&f.name);
            // The derive's label: the identifier without `r#`.
            let label = f.name.trim_start_matches("r#");
            let value = match (f.debug, f.presence) {
                (DebugAs::Plain, _) => quote!(&self.#fname),
                (DebugAs::Bytes, _) => quote!(&rt::__private::DebugBytes(&self.#fname)),
                (DebugAs::Redacted, Presence::Optional { .. } | Presence::Nullable) => {
                    quote!(&self.#fname.as_ref().map(|_| rt::__private::Redacted))
                }
                (DebugAs::Redacted, _) => quote!(&rt::__private::Redacted),
            };
            quote!(.field(#label, #value))
        });
        // Without it, this impl would be compiled here, and with it the `Debug` of every type
        // its fields reach: some thousand functions no caller asked for.
        let compiled_where_used = compiled_where_used();
        quote! {
            impl #bound ::core::fmt::Debug for #name #params {
                #compiled_where_used
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#label) #(#fields)* .finish()
                }
            }
        }
    }
}
