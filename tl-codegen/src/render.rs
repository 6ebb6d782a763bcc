//! Small helpers that turn model names into tokens, shared by `emit` and `samples`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;
use tl_parser::Category;

use crate::model::Struct;

/// An identifier, raw (`r#type`) where the model's name is.
pub(crate) fn ident(name: &str) -> Ident {
    syn::parse_str(name).unwrap_or_else(|_| format_ident!("{}", name.trim_start_matches("r#")))
}

/// The path of a constructor's or function's struct: `types::a::Name`, `functions::a::Name`.
pub(crate) fn struct_path(s: &Struct) -> TokenStream {
    let root = match s.category {
        Category::Type => quote!(types),
        Category::Function => quote!(functions),
    };
    path_tokens(root, &s.module, &s.name)
}

/// `root::a::b::Name`.
pub(crate) fn path_tokens(root: TokenStream, module: &[String], name: &str) -> TokenStream {
    let parts = module.iter().map(|m| ident(m));
    let name = ident(name);
    quote!(#root #(::#parts)* :: #name)
}
