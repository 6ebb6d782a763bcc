//! The inherent methods of an enum: which constructor a value holds (`constructor_id`,
//! `tl_name`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Emitter, compiled_where_used};
use crate::model::{Enum, Variant};
use crate::render::{ident, struct_path};

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
                let ty = struct_path(&self.model.structs[variant.ctor]);
                (
                    quote!(#pattern => #ty::CONSTRUCTOR_ID,),
                    quote!(#pattern => #ty::TL_NAME,),
                )
            })
            .unzip();
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
            }
        }
    }
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
