//! `From` a constructor's struct into its enum, and back.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::model::Struct;
use crate::render::{ident, path_tokens};

impl Emitter<'_> {
    /// `From` the constructor into its enum (where it is encoded), and `TryFrom` back.
    /// `#[inline]`, as std marks such moves: compiled only where a user converts, and inlined
    /// there (layer 230: release build of the bindings about 8% less time).
    pub(super) fn conversions(&self, s: &Struct) -> TokenStream {
        let Some((e, v)) = s.variant_of else {
            return TokenStream::new();
        };
        let en = &self.model.enums[e];
        let variant = &en.variants[v];
        let name = ident(&s.name);
        let enum_path = path_tokens(quote!(enums), &en.module, &en.name);
        let vname = ident(&variant.name);
        let (wrap, pattern, unwrap) = if variant.unit {
            (
                quote!(#enum_path::#vname),
                quote!(#enum_path::#vname),
                quote!(#name {}),
            )
        } else if variant.boxing.is_boxed() {
            (
                quote!(#enum_path::#vname(Box::new(value))),
                quote!(#enum_path::#vname(value)),
                quote!(*value),
            )
        } else {
            (
                quote!(#enum_path::#vname(value)),
                quote!(#enum_path::#vname(value)),
                quote!(value),
            )
        };
        let from_value = if variant.unit {
            quote!(_value)
        } else {
            quote!(value)
        };
        let back = if en.variants.len() == 1 {
            quote! {
                impl From<#enum_path> for #name {
                    #[inline]
                    fn from(value: #enum_path) -> Self {
                        let #pattern = value;
                        #unwrap
                    }
                }
            }
        } else {
            quote! {
                impl TryFrom<#enum_path> for #name {
                    type Error = #enum_path;

                    #[inline]
                    fn try_from(value: #enum_path) -> Result<Self, Self::Error> {
                        match value {
                            #pattern => Ok(#unwrap),
                            other => Err(other),
                        }
                    }
                }
            }
        };
        // Building an enum value from a constructor is construction: only for what this side
        // encodes (see `structure`).
        let into_enum = s.codecs.encode.then(|| {
            quote! {
                impl From<#name> for #enum_path {
                    #[inline]
                    fn from(#from_value: #name) -> Self {
                        #wrap
                    }
                }
            }
        });
        quote! {
            #into_enum

            #back
        }
    }
}
