//! Emit: the model becomes tokens, one small function per kind of item.
//!
//! Generated modules reach each other through relative paths (`super::super::enums`) and the
//! runtime through one configurable path, so the output can be `include!`d anywhere.

mod codec;
mod construct;
mod conversions;
mod debug;
mod docs;
mod enum_methods;
mod items;
mod serde;

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use tl_parser::Category;

use crate::model::Model;
use crate::render::ident;

pub use serde::JsonStyle;
pub(crate) use serde::check_serde;

/// What to emit besides the code.
pub struct EmitOptions<'a> {
    /// Rustdoc on every item.
    pub docs: bool,
    /// serde impls in TL JSON form.
    pub serde: bool,
    /// Their dialect.
    pub json_style: JsonStyle,
    /// Which standard traits the items implement.
    pub derives: Derives,
    /// Path of the runtime crate, e.g. `::tl_types`.
    pub runtime: &'a syn::Path,
    /// The path of the crate holding the code, for doc-tests of the examples (`tl_types`);
    /// `None`: the examples are text.
    pub doc_tests: Option<&'a str>,
}

/// The standard traits of the generated items, each of which a user may leave out for build
/// time (`Config::derive_debug`, ...).
#[derive(Debug, Clone, Copy)]
pub struct Derives {
    /// `Debug` (derived, or written where a field is redacted or shown as hex).
    pub debug: bool,
    /// `Clone`.
    pub clone: bool,
    /// `PartialEq`.
    pub partial_eq: bool,
    /// `From` a constructor's struct into its enum and `TryFrom` back.
    pub conversions: bool,
}

impl Default for Derives {
    fn default() -> Self {
        Derives {
            debug: true,
            clone: true,
            partial_eq: true,
            conversions: true,
        }
    }
}

/// All generated code for `model`.
pub fn emit(model: &Model, options: &EmitOptions<'_>) -> TokenStream {
    let emitter = Emitter { model, options };
    let [types, enums, functions] = emitter.module_trees();
    let runtime = options.runtime;
    let lints = allowed_lints();
    let layer = model.layer.map(|layer| {
        let layer = Literal::i32_unsuffixed(layer as i32);
        quote! {
            /// The layer of the schema these bindings were generated from (`// LAYER N`, or the last
            /// `===N===` section).
            #lints
            pub const LAYER: i32 = #layer;
        }
    });
    // Data searched by the runtime, not a match: a match of thousands of arms is thousands
    // of blocks for rustc and LLVM to compile.
    let names = model.names.iter().map(|(id, name)| {
        let id = hex(*id);
        quote! { (#id, #name) }
    });
    let name_count = Literal::usize_unsuffixed(model.names.len());
    let other_layers = other_layer_table(model, runtime);
    quote! {
        #layer

        #other_layers

        /// The TL name of a constructor or function id, if the schema has it.
        #lints
        pub fn name_for_id(id: u32) -> Option<&'static str> {
            static NAMES: [(u32, &str); #name_count] = [#(#names),*];
            #runtime::__private::name_in(&NAMES, id)
        }

        #[allow(unused_imports)]
        use #runtime as _;

        #types
        #enums
        #functions
    }
}

/// `other_layer_id`, the ids of other layers that the schema lacks (`Config::known_layers`),
/// which decoding errors name; nothing without such ids, so that the code stays as it was.
fn other_layer_table(model: &Model, runtime: &syn::Path) -> Option<TokenStream> {
    if model.other_layers.is_empty() {
        return None;
    }
    let lints = allowed_lints();
    let arms = model.other_layers.iter().map(|(id, name, layers)| {
        let id = hex(*id);
        quote! { #id => (#name, #layers), }
    });
    let bindings_layer = match model.layer {
        Some(layer) => {
            let layer = Literal::u32_unsuffixed(layer);
            quote!(Some(#layer))
        }
        None => quote!(None),
    };
    Some(quote! {
        /// What an id that these bindings do not have is in the other layers they were
        /// generated to know (`Config::known_layers`): its name there, and which layers.
        #lints
        pub fn other_layer_id(id: u32) -> Option<#runtime::OtherLayerId> {
            let (name, layers) = match id {
                #(#arms)*
                _ => return None,
            };
            Some(#runtime::OtherLayerId::new(name, layers, #bindings_layer))
        }
    })
}

/// Lints that a user may enable for their whole crate but that generated code is not theirs
/// to satisfy: undocumented fields of schemas without comments, ids without digit separators,
/// long functions. Allowed on every top-level item, so the user's settings do not flood them.
/// Clippy's defaults too where the schema decides: `new` takes as many fields as are required
/// and has no `Default` beside it (none is sound for most structs), and setters are named
/// after their fields (`from_id`, `is_admin`), whatever clippy expects of such names.
fn allowed_lints() -> TokenStream {
    quote!(#[allow(
        missing_docs,
        unreachable_pub,
        clippy::pedantic,
        clippy::nursery,
        clippy::too_many_arguments,
        clippy::new_without_default,
        clippy::wrong_self_convention
    )])
}

/// Items of one module and its submodules, sorted by name for stable output.
#[derive(Default)]
struct ModuleNode {
    items: Vec<(String, TokenStream)>,
    children: BTreeMap<String, ModuleNode>,
}

impl ModuleNode {
    fn at(&mut self, path: &[String]) -> &mut ModuleNode {
        path.iter().fold(self, |node, part| {
            node.children.entry(part.clone()).or_default()
        })
    }
}

struct Emitter<'a> {
    model: &'a Model,
    options: &'a EmitOptions<'a>,
}

fn hex(id: u32) -> Literal {
    // Literal::u32_unsuffixed prints decimal; ids read better in hex, as in the schema.
    syn::parse_str::<syn::LitInt>(&format!("0x{id:08x}"))
        .map_or_else(|_| Literal::u32_unsuffixed(id), |l| l.token())
}

/// `0x1234abcd_u32`, for method calls on the literal.
fn hex_u32(id: u32) -> Literal {
    syn::parse_str::<syn::LitInt>(&format!("0x{id:08x}_u32"))
        .map_or_else(|_| Literal::u32_suffixed(id), |l| l.token())
}

fn doc_lines(lines: impl IntoIterator<Item = String>) -> TokenStream {
    let attrs = lines.into_iter().map(|line| {
        let line = format!(" {line}");
        quote! { #[doc = #line] }
    });
    quote! { #(#attrs)* }
}

/// Schema comments as Markdown that rustdoc will not read as links or HTML.
fn escape_doc(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "'")
}

impl Emitter<'_> {
    /// The `types`, `enums` and `functions` modules, with their namespaces as submodules.
    fn module_trees(&self) -> [TokenStream; 3] {
        let mut types = ModuleNode::default();
        let mut functions = ModuleNode::default();
        let mut enums = ModuleNode::default();
        for (index, s) in self.model.structs.iter().enumerate() {
            let node = match s.category {
                Category::Type => &mut types,
                Category::Function => &mut functions,
            };
            let item = self.structure(index);
            node.at(&s.module).items.push((s.name.clone(), item));
        }
        for e in &self.model.enums {
            let item = self.enumeration(e);
            let methods = self.enum_methods(e);
            let item = quote!(#item #methods);
            enums.at(&e.module).items.push((e.name.clone(), item));
        }
        [
            (types, "types", "A struct for each constructor (bare type)."),
            (
                enums,
                "enums",
                "An enum for each boxed type, with a variant for each constructor.",
            ),
            (
                functions,
                "functions",
                "A struct for each function (RPC method), with its answer as `RemoteCall::Return`.",
            ),
        ]
        .map(|(node, name, doc)| self.module_tree(name, doc, &node, 0))
    }

    fn module_tree(&self, name: &str, doc: &str, node: &ModuleNode, depth: usize) -> TokenStream {
        let name_ident = ident(name);
        let docs = if self.options.docs {
            doc_lines([doc.to_owned()])
        } else {
            TokenStream::new()
        };
        let root = std::iter::repeat_n(quote!(super::), depth + 1).collect::<TokenStream>();
        let runtime = self.options.runtime;
        let mut items: Vec<&(String, TokenStream)> = node.items.iter().collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let items = items.iter().map(|(_, tokens)| tokens);
        let children = node.children.iter().map(|(child, sub)| {
            let doc = format!(
                "Items of the `{}` namespace.",
                child.trim_start_matches("r#")
            );
            self.module_tree(child, &doc, sub, depth + 1)
        });
        let lints = (depth == 0).then(allowed_lints);
        let other_layer_id =
            (!self.model.other_layers.is_empty()).then(|| quote!(, other_layer_id));
        quote! {
            #docs
            #lints
            pub mod #name_ident {
                #[allow(unused_imports)]
                use #root{enums, functions, types, name_for_id #other_layer_id};
                #[allow(unused_imports)]
                use #runtime::{self as rt, BareDeserializable as _, BareSerializable as _, Deserializable as _, Identifiable as _, Serializable as _};
                #(#items)*
                #(#children)*
            }
        }
    }
}

/// Attributes of the generated code that most users never call: every encoder, and the
/// decoders of functions. `#[inline]` makes rustc compile their machine code only in the crates
/// that call them, not in the bindings crate: a client encodes a few requests and their input
/// types, never most of the schema, and only servers and proxies decode requests (layer 230:
/// release build of the bindings 1.40x -> 1.16x grammers-tl-types', whose generic encoders
/// behave the same). It also lets encoders inline into each other, which is faster.
fn compiled_where_used() -> TokenStream {
    quote!(#[inline])
}

/// `#result?` in a decoder, written `rt::__tri!(#result)`: the `match` that `?` stands for,
/// without its calls through the `Try` trait, which rustc type-checks, borrow-checks and keeps
/// the MIR of some ten thousand times in a full layer (as serde_json's `tri!`, for the same
/// reason).
fn tri(result: TokenStream) -> TokenStream {
    quote!(rt::__tri!(#result))
}
