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

/// What marks a comment in the tokens: tokens carry no comments, so a comment travels as a
/// doc attribute with this prefix, which [`unparse`] turns into a `//` line.
const COMMENT_MARKER: &str = "@tl-codegen-comment ";

/// A `// text` line before the statement that follows in the output.
pub(crate) fn comment(text: &str) -> TokenStream {
    let marked = format!("{COMMENT_MARKER}{text}");
    quote!(#[doc = #marked])
}

/// The file as formatted Rust, with the comments of [`comment`] as `//` lines.
pub(crate) fn unparse(file: &syn::File) -> String {
    prettyplease::unparse(file).replace(&format!("///{COMMENT_MARKER}"), "// ")
}
