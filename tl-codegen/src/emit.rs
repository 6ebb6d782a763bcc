//! Emit: the model becomes tokens, one small function per kind of item.
//!
//! Generated modules reach each other through relative paths (`super::super::enums`) and the
//! runtime through one configurable path, so the output can be `include!`d anywhere.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;
use tl_parser::Category;

use crate::model::{self, Enum, Field, Member, Model, Presence, Struct, Ty};
use crate::naming;

/// What to emit besides the code.
pub struct EmitOptions<'a> {
    /// Rustdoc on every item.
    pub docs: bool,
    /// `serde` derives.
    pub serde: bool,
    /// `Deserializable` for functions (for servers, proxies and tests).
    pub deserializable_functions: bool,
    /// Path of the runtime crate, e.g. `::tl_types`.
    pub runtime: &'a syn::Path,
}

/// All generated code for `model`.
pub fn emit(model: &Model, options: &EmitOptions<'_>) -> TokenStream {
    let mut types = ModuleNode::default();
    let mut functions = ModuleNode::default();
    let mut enums = ModuleNode::default();
    let emitter = Emitter { model, options };
    for (index, s) in model.structs.iter().enumerate() {
        let node = match s.category {
            Category::Type => &mut types,
            Category::Function => &mut functions,
        };
        node.at(&s.module)
            .items
            .push((s.name.clone(), emitter.structure(index)));
    }
    for e in &model.enums {
        enums
            .at(&e.module)
            .items
            .push((e.name.clone(), emitter.enumeration(e)));
    }

    let runtime = options.runtime;
    let layer = model.layer.map(|layer| {
        let layer = Literal::i32_unsuffixed(layer as i32);
        quote! {
            /// The layer of the schema these bindings were generated from (`// LAYER N`, or the last
            /// `===N===` section).
            pub const LAYER: i32 = #layer;
        }
    });
    let name_arms = model.names.iter().map(|(id, name)| {
        let id = hex(*id);
        quote! { #id => Some(#name), }
    });
    let types = emitter.module_tree(
        "types",
        "A struct for each constructor (bare type).",
        &types,
        0,
    );
    let enums = emitter.module_tree(
        "enums",
        "An enum for each boxed type, with a variant for each constructor.",
        &enums,
        0,
    );
    let functions = emitter.module_tree(
        "functions",
        "A struct for each function (RPC method), with its answer as `RemoteCall::Return`.",
        &functions,
        0,
    );
    let needs_byte_array = |s: &Struct| s.fields.iter().any(|f| f.ty.is_wide_array());
    let serde_byte_array =
        (options.serde && model.structs.iter().any(needs_byte_array)).then(serde_byte_array_module);
    quote! {
        #layer

        /// The TL name of a constructor or function id, if the schema has it.
        pub fn name_for_id(id: u32) -> Option<&'static str> {
            match id {
                #(#name_arms)*
                _ => None,
            }
        }

        #[allow(unused_imports)]
        use #runtime as _;

        #serde_byte_array

        #types
        #enums
        #functions
    }
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

pub(crate) fn ident(name: &str) -> Ident {
    syn::parse_str(name).unwrap_or_else(|_| format_ident!("{}", name.trim_start_matches("r#")))
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
        quote! {
            #docs
            pub mod #name_ident {
                #[allow(unused_imports)]
                use #root{enums, functions, types, name_for_id};
                #[allow(unused_imports)]
                use #runtime::{self as rt, BareDeserializable as _, BareSerializable as _, Deserializable as _, Identifiable as _, Serializable as _};
                #(#items)*
                #(#children)*
            }
        }
    }

    /// The Rust type of `ty`, from inside a generated module.
    fn rust_type(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::Nat => quote!(u32),
            Ty::FixedBytes(len) => {
                let len = Literal::usize_unsuffixed(*len);
                quote!([u8; #len])
            }
            Ty::String => quote!(String),
            Ty::Bytes => quote!(Vec<u8>),
            Ty::Bool => quote!(bool),
            Ty::Boxed(e) => {
                let e = &self.model.enums[*e];
                path_tokens(quote!(enums), &e.module, &e.name)
            }
            Ty::Bare(c) => {
                let s = &self.model.structs[*c];
                path_tokens(quote!(types), &s.module, &s.name)
            }
            Ty::Vector { elem, .. } => {
                let elem = self.rust_type(elem);
                quote!(Vec<#elem>)
            }
            Ty::Generic(name) => {
                let name = ident(name);
                quote!(#name)
            }
        }
    }

    fn field_type(&self, field: &Field) -> TokenStream {
        match field.presence {
            Presence::Flag { .. } => quote!(bool),
            Presence::Required => self.rust_type(&field.ty),
            Presence::Optional { .. } => {
                let ty = self.rust_type(&field.ty);
                quote!(Option<#ty>)
            }
        }
    }

    /// A statement writing `place` (a value, or a reference if `is_ref`) to `buf`.
    fn write(&self, ty: &Ty, place: TokenStream, is_ref: bool) -> TokenStream {
        let arg = if is_ref {
            place.clone()
        } else {
            quote!(&#place)
        };
        match ty {
            Ty::Bare(_) => quote!(#place.serialize_bare(buf)),
            Ty::Vector { boxed, elem } if !ty.is_direct() => {
                let item = self.write(elem, quote!(item), true);
                let writer = if *boxed {
                    quote!(rt::write_vector)
                } else {
                    quote!(rt::write_bare_vector)
                };
                quote!(#writer(buf, #arg, |item, buf| #item))
            }
            _ => quote!(#place.serialize(buf)),
        }
    }

    /// An expression reading `ty` from `reader`, of type `Result<T, DecodeError>`.
    fn read(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Int => quote!(reader.read_i32()),
            Ty::Long => quote!(reader.read_i64()),
            Ty::Double => quote!(reader.read_f64()),
            Ty::Nat => quote!(reader.read_u32()),
            Ty::FixedBytes(_) => quote!(reader.read_array()),
            Ty::String => quote!(reader.read_string()),
            Ty::Bool => quote!(reader.read_bool()),
            Ty::Bytes => quote!(reader.read_bytes().map(<[u8]>::to_vec)),
            Ty::Bare(_) => {
                let t = self.rust_type(ty);
                quote!(#t::deserialize_bare(reader))
            }
            Ty::Vector { boxed, elem } if !ty.is_direct() => {
                let min = Literal::usize_unsuffixed(model::min_encoded_len(self.model, elem));
                let item = self.read(elem);
                let method = if *boxed {
                    quote!(read_vector)
                } else {
                    quote!(read_bare_vector)
                };
                quote!(reader.#method(#min, |reader| #item))
            }
            Ty::Vector { elem, .. } => {
                let t = self.rust_type(elem);
                quote!(Vec::<#t>::deserialize(reader))
            }
            Ty::Boxed(_) | Ty::Generic(_) => {
                let t = self.rust_type(ty);
                quote!(#t::deserialize(reader))
            }
        }
    }

    fn struct_docs(&self, s: &Struct) -> TokenStream {
        if !self.options.docs {
            return TokenStream::new();
        }
        let what = match (s.category, s.variant_of) {
            (Category::Function, _) => format!("Function `{}`.", s.tl_name),
            (Category::Type, Some((e, _))) => {
                format!(
                    "Constructor `{}` of type `{}`.",
                    s.tl_name, self.model.enums[e].tl_name
                )
            }
            (Category::Type, None) => format!("Constructor `{}`.", s.tl_name),
        };
        let mut lines = vec![
            what,
            String::new(),
            "```tl".to_owned(),
            s.schema_line.clone(),
            "```".to_owned(),
        ];
        let own: Vec<String> = s
            .docs
            .iter()
            .filter(|d| !d.starts_with('@') || d.starts_with("@description"))
            .map(|d| escape_doc(d.trim_start_matches("@description").trim()))
            .collect();
        if !own.is_empty() {
            lines.push(String::new());
            lines.extend(own);
        }
        doc_lines(lines)
    }

    /// The schema's `//@name text` documentation of a field, if any.
    fn field_docs(&self, s: &Struct, field: &Field) -> TokenStream {
        if !self.options.docs {
            return TokenStream::new();
        }
        let prefix = format!("@{} ", field.tl_name);
        s.docs
            .iter()
            .find_map(|d| d.strip_prefix(&prefix))
            .map(|text| doc_lines([escape_doc(text.trim())]))
            .unwrap_or_default()
    }

    /// `#[serde(with = ...)]` for a byte array longer than serde's arrays (32).
    fn serde_with(&self, s: &Struct, field: &Field) -> TokenStream {
        // serde's array impls stop at 32 (an optional one too: `with` covers both).
        if !self.options.serde || !field.ty.is_wide_array() {
            return TokenStream::new();
        }
        // From the struct's module (`types`, `types::ns`...) up to the root of the output.
        let mut path = "super::".repeat(s.module.len() + 1);
        path.push_str("serde_byte_array");
        if matches!(field.presence, Presence::Optional { .. }) {
            path.push_str("::option");
        }
        quote!(#[serde(with = #path)])
    }

    fn derives(&self) -> TokenStream {
        let serde = self
            .options
            .serde
            .then(|| quote!(#[derive(::serde::Serialize, ::serde::Deserialize)]));
        quote! {
            #[derive(Debug, Clone, PartialEq)]
            #serde
        }
    }

    /// A constructor or function struct with its trait impls.
    fn structure(&self, index: usize) -> TokenStream {
        let compiled_where_used = compiled_where_used();
        let s = &self.model.structs[index];
        let name = ident(&s.name);
        let docs = self.struct_docs(s);
        let derives = self.derives();
        let generics: Vec<Ident> = s.generics.iter().map(|g| ident(g)).collect();
        let params = if generics.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#(#generics),*>)
        };
        let fields = s.fields.iter().map(|f| {
            let fname = ident(&f.name);
            let ty = self.field_type(f);
            let fdocs = self.field_docs(s, f);
            let serde = self.serde_with(s, f);
            quote! { #fdocs #serde pub #fname: #ty, }
        });
        let id = hex(s.id);
        let tl_name = &s.tl_name;
        let write_body = self.write_body(s);
        let read_body = self.read_body(s);
        let reader = if s.members.is_empty() {
            quote!(_reader)
        } else {
            quote!(reader)
        };
        let bound = |tr: TokenStream| {
            if generics.is_empty() {
                TokenStream::new()
            } else {
                quote!(<#(#generics: #tr),*>)
            }
        };
        let ser_bound = bound(quote!(rt::Serializable));
        let de_bound = bound(quote!(rt::Deserializable));
        let any_bound = bound(TokenStream::new());
        let common = quote! {
            #docs
            #derives
            pub struct #name #params {
                #(#fields)*
            }

            impl #any_bound rt::Identifiable for #name #params {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
            }
        };
        match s.category {
            Category::Function => {
                let returns = match &s.returns {
                    Some(Ty::Generic(x)) => {
                        let x = ident(x);
                        quote!(#x::Return)
                    }
                    Some(ty) => self.rust_type(ty),
                    None => quote!(()),
                };
                let call_bound = bound(quote!(rt::RemoteCall));
                // Encoded and decoded like a constructor: the blanket `Serializable` writes the
                // id, the blanket `Deserializable` checks it.
                let deserialize = self.options.deserializable_functions.then(|| {
                    let min = Literal::usize_unsuffixed(model::min_bare_len(self.model, index));
                    quote! {
                        impl #de_bound rt::BareDeserializable for #name #params {
                            const MIN_BARE_LEN: usize = #min;

                            #compiled_where_used
                            fn deserialize_bare(#reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                                #read_body
                            }
                        }
                    }
                });
                quote! {
                    #common

                    impl #ser_bound rt::BareSerializable for #name #params {
                        #compiled_where_used
                        fn serialize_fields(&self, id: Option<u32>, buf: &mut Vec<u8>) {
                            #write_body
                        }
                    }

                    #deserialize

                    impl #call_bound rt::RemoteCall for #name #params {
                        type Return = #returns;
                    }
                }
            }
            Category::Type => {
                let min = Literal::usize_unsuffixed(model::min_bare_len(self.model, index));
                let conversions = self.conversions(s);
                let boxed = s
                    .variant_of
                    .is_some_and(|(e, v)| self.model.enums[e].variants[v].boxed);
                // A constructor its enum boxes is read into its allocation (no move of the
                // whole struct); read bare, it is moved out of the box.
                let read_fns = if boxed {
                    let read_body = self.read_body_boxed(s);
                    quote! {
                        #[inline]
                        fn deserialize_bare(reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                            Self::deserialize_bare_boxed(reader).map(|value| *value)
                        }

                        fn deserialize_bare_boxed(#reader: &mut rt::Reader<'_>) -> Result<Box<Self>, rt::DecodeError> {
                            #read_body
                        }
                    }
                } else {
                    quote! {
                        fn deserialize_bare(#reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                            #read_body
                        }
                    }
                };
                quote! {
                    #common

                    impl rt::BareSerializable for #name {
                        #compiled_where_used
                        fn serialize_fields(&self, id: Option<u32>, buf: &mut Vec<u8>) {
                            #write_body
                        }
                    }

                    impl rt::BareDeserializable for #name {
                        const MIN_BARE_LEN: usize = #min;

                        #read_fns
                    }

                    #conversions
                }
            }
        }
    }

    /// Statements writing `id` (an `Option<u32>`: none for the bare encoding) and every member.
    ///
    /// A flag-word bit of a single optional field is set where that field is written, and the
    /// word, written first with its other bits, is completed once all fields are: testing every
    /// field up front costs as much again (about a quarter of encoding a `message`).
    fn write_body(&self, s: &Struct) -> TokenStream {
        let mut out = TokenStream::new();
        let mut run = FixedRun::after_id();
        let late_bits: Vec<u32> = (0..s.flag_words.len())
            .map(|w| self.late_bits(s, w))
            .collect();
        for member in &s.members {
            match member {
                Member::FlagWord(w) => {
                    let flag_word = &s.flag_words[*w];
                    let word = ident(&flag_word.name);
                    let value = self.flag_word_value(s, *w, late_bits[*w]);
                    if late_bits[*w] == 0 {
                        out.extend(quote! {
                            let #word: u32 = #value;
                        });
                        run.push(quote!(#word), 4, false);
                    } else {
                        out.extend(quote! {
                            let mut #word: u32 = #value;
                        });
                        let at = ident(&flag_word.position_name);
                        run.push_recording(quote!(#word), at);
                    }
                }
                Member::Field(f) => {
                    let field = &s.fields[*f];
                    let fname = ident(&field.name);
                    match field.presence {
                        Presence::Flag { .. } => {}
                        Presence::Required => {
                            if let Some(len) = field.ty.fixed_len() {
                                let is_bytes = matches!(field.ty, Ty::FixedBytes(_));
                                run.push(quote!(self.#fname), len, is_bytes);
                            } else {
                                let w = self.write(&field.ty, quote!(self.#fname), false);
                                out.extend(run.flush());
                                out.extend(quote! { #w; });
                            }
                        }
                        Presence::Optional { word, bit } => {
                            out.extend(run.flush());
                            let w = self.write(&field.ty, quote!(value), true);
                            if self.shares_bit(s, word, bit) && field.ty.has_default() {
                                // Another field set the bit: this one is written as its zero value.
                                let word = ident(&s.flag_words[word].name);
                                let mask = bit_mask(bit);
                                let ty = self.rust_type(&field.ty);
                                out.extend(quote! {
                                    if #word & #mask != 0 {
                                        let zero = <#ty>::default();
                                        let value = self.#fname.as_ref().unwrap_or(&zero);
                                        #w;
                                    }
                                });
                            } else if late_bits[word] & (1 << bit) != 0 {
                                let word = ident(&s.flag_words[word].name);
                                let mask = bit_value(bit);
                                out.extend(quote! {
                                    if let Some(value) = &self.#fname {
                                        #word |= #mask;
                                        #w;
                                    }
                                });
                            } else {
                                // A bit shared with fields that have no zero value is set only
                                // when all of them are present: written only with its bit.
                                let word = ident(&s.flag_words[word].name);
                                let mask = bit_mask(bit);
                                out.extend(quote! {
                                    if let Some(value) = self.#fname.as_ref().filter(|_| #word & #mask != 0) {
                                        #w;
                                    }
                                });
                            }
                        }
                    }
                }
            }
        }
        out.extend(run.flush());
        for (w, flag_word) in s.flag_words.iter().enumerate() {
            if late_bits[w] != 0 {
                let word = ident(&flag_word.name);
                let at = ident(&flag_word.position_name);
                out.extend(quote! {
                    buf[#at..#at + 4].copy_from_slice(&#word.to_le_bytes());
                });
            }
        }
        out
    }

    /// The bits of flag word `word` set as their field is written: those of a single optional
    /// field.
    fn late_bits(&self, s: &Struct, word: usize) -> u32 {
        s.fields
            .iter()
            .filter_map(|f| match f.presence {
                Presence::Optional { word: w, bit } if w == word && !self.shares_bit(s, w, bit) => {
                    Some(1 << bit)
                }
                _ => None,
            })
            .fold(0, |bits, bit| bits | bit)
    }

    /// Whether several fields use `bit` of flag word `word`.
    fn shares_bit(&self, s: &Struct, word: usize, bit: u32) -> bool {
        s.fields
            .iter()
            .filter(|f| {
                matches!(f.presence,
                    Presence::Optional { word: w, bit: b } | Presence::Flag { word: w, bit: b }
                    if w == word && b == bit)
            })
            .count()
            > 1
    }

    /// The value of a flag word: per bit, set when any field on it is present, and (if a
    /// field on it has no zero value to stand in) only when all such fields are present.
    fn flag_word_value(&self, s: &Struct, word: usize, late_bits: u32) -> TokenStream {
        let mut bits: BTreeMap<u32, Vec<&Field>> = BTreeMap::new();
        for field in &s.fields {
            if let Presence::Optional { word: w, bit } | Presence::Flag { word: w, bit } =
                field.presence
                && w == word
                && late_bits & (1 << bit) == 0
            {
                bits.entry(bit).or_default().push(field);
            }
        }
        let terms: Vec<TokenStream> = bits
            .iter()
            .map(|(bit, fields)| {
                let present = fields.iter().map(|f| {
                    let fname = ident(&f.name);
                    match f.presence {
                        Presence::Flag { .. } => quote!(self.#fname),
                        _ => quote!(self.#fname.is_some()),
                    }
                });
                let required: Vec<TokenStream> = fields
                    .iter()
                    .filter(|f| {
                        matches!(f.presence, Presence::Optional { .. }) && !f.ty.has_default()
                    })
                    .map(|f| {
                        let fname = ident(&f.name);
                        quote!(self.#fname.is_some())
                    })
                    .collect();
                let condition = if fields.len() > 1 && !required.is_empty() {
                    quote!(#(#required)&&*)
                } else if fields.len() > 1 {
                    quote!(#(#present)||*)
                } else {
                    quote!(#(#present)*)
                };
                // A plain `if` rather than `u32::from(bool)`: no trait selection per bit, which
                // is measurable over the thousands of flags of a layer.
                let mask = bit_value(*bit);
                quote!(if #condition { #mask } else { 0 })
            })
            .collect();
        // Parentheses make `a << 1 | b << 2` read without recalling precedence.
        let terms: Vec<TokenStream> = if terms.len() > 1 {
            terms.into_iter().map(|t| quote!((#t))).collect()
        } else {
            terms
        };
        if terms.is_empty() {
            quote!(0)
        } else {
            quote!(#(#terms)|*)
        }
    }

    /// Statements reading every member, ending in `Ok(Self { .. })`.
    fn read_body(&self, s: &Struct) -> TokenStream {
        let (reads, inits) = self.read_members(s);
        quote! { #reads Ok(Self { #inits }) }
    }

    /// As [`Emitter::read_body`], into a box allocated first: `Ok(Box<Self>)`.
    fn read_body_boxed(&self, s: &Struct) -> TokenStream {
        let (reads, inits) = self.read_members(s);
        quote! {
            let slot = Box::new_uninit();
            #reads
            Ok(Box::write(slot, Self { #inits }))
        }
    }

    /// Statements reading every member into locals, and the field initializers of `Self`.
    fn read_members(&self, s: &Struct) -> (TokenStream, TokenStream) {
        let mut out = TokenStream::new();
        let tl_name = &s.tl_name;
        for member in &s.members {
            match member {
                Member::FlagWord(w) => {
                    let word = &s.flag_words[*w];
                    let wname = ident(&word.name);
                    let defined = hex(word.defined_bits);
                    out.extend(quote! {
                        let #wname = reader.read_u32()?;
                        reader.check_flags(#tl_name, #wname, #defined)?;
                    });
                }
                Member::Field(f) => {
                    let field = &s.fields[*f];
                    let local = local_name(field);
                    let statement = match field.presence {
                        Presence::Flag { word, bit } => {
                            let wname = ident(&s.flag_words[word].name);
                            let mask = bit_mask(bit);
                            quote!(let #local = #wname & #mask != 0;)
                        }
                        Presence::Required => {
                            let read = self.read(&field.ty);
                            quote!(let #local = #read?;)
                        }
                        Presence::Optional { word, bit } => {
                            let wname = ident(&s.flag_words[word].name);
                            let mask = bit_mask(bit);
                            let read = self.read(&field.ty);
                            quote! {
                                let #local = if #wname & #mask != 0 { Some(#read?) } else { None };
                            }
                        }
                    };
                    out.extend(statement);
                }
            }
        }
        let inits = s.fields.iter().map(|f| {
            let fname = ident(&f.name);
            let local = local_name(f);
            if fname == local {
                quote!(#fname)
            } else {
                quote!(#fname: #local)
            }
        });
        (out, quote!(#(#inits),*))
    }

    /// `From` the constructor into its enum, and `TryFrom` back. `#[inline]`, as std marks
    /// such moves: compiled only where a user converts, and inlined there (layer 230: release
    /// build of the bindings about 8% less time).
    fn conversions(&self, s: &Struct) -> TokenStream {
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
        } else if variant.boxed {
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
        quote! {
            impl From<#name> for #enum_path {
                #[inline]
                fn from(#from_value: #name) -> Self {
                    #wrap
                }
            }

            #back
        }
    }

    /// An enum for a boxed type, with its encoding and decoding.
    fn enumeration(&self, e: &Enum) -> TokenStream {
        let compiled_where_used = compiled_where_used();
        let name = ident(&e.name);
        let derives = self.derives();
        let tl_name = &e.tl_name;
        let docs = if self.options.docs {
            doc_lines([match e.any {
                None => format!("Type `{}`.", e.tl_name),
                Some(Category::Type) => format!(
                    "Type `{}`: any constructor of the schema, with its id.",
                    e.tl_name
                ),
                Some(Category::Function) => format!(
                    "Type `{}`: any function of the schema (generic ones excepted), with its id.",
                    e.tl_name
                ),
            }])
        } else {
            TokenStream::new()
        };
        let mut variants = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        for variant in &e.variants {
            let s = &self.model.structs[variant.ctor];
            let vname = ident(&variant.name);
            let ty = struct_path(s);
            let id = hex(s.id);
            let vdocs = if self.options.docs {
                doc_lines([format!("`{}`", s.schema_line)])
            } else {
                TokenStream::new()
            };
            if variant.unit {
                variants.push(quote! { #vdocs #vname, });
                let id = hex_u32(s.id);
                writes.push(quote! { Self::#vname => buf.extend_from_slice(&#id.to_le_bytes()), });
                let id = hex(s.id);
                reads.push(quote! { #id => Self::#vname, });
            } else if variant.boxed {
                variants.push(quote! { #vdocs #vname(Box<#ty>), });
                writes.push(quote! { Self::#vname(value) => value.serialize(buf), });
                reads.push(quote! { #id => Self::#vname(#ty::deserialize_bare_boxed(reader)?), });
            } else {
                variants.push(quote! { #vdocs #vname(#ty), });
                writes.push(quote! { Self::#vname(value) => value.serialize(buf), });
                reads.push(quote! { #id => Self::#vname(#ty::deserialize_bare(reader)?), });
            }
        }
        // `Function` holds functions, which only decode when asked for.
        let decodable = e.any != Some(Category::Function) || self.options.deserializable_functions;
        let deserialize = decodable.then(|| {
            quote! {
                impl rt::Deserializable for #name {
                    fn deserialize(reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                        reader.enter()?;
                        let id = reader.read_u32()?;
                        let value = match id {
                            #(#reads)*
                            _ => return Err(reader.unexpected_constructor(#tl_name, id, name_for_id(id))),
                        };
                        reader.leave();
                        Ok(value)
                    }
                }
            }
        });
        quote! {
            #docs
            #derives
            pub enum #name {
                #(#variants)*
            }

            impl rt::Serializable for #name {
                #compiled_where_used
                fn serialize(&self, buf: &mut Vec<u8>) {
                    match self {
                        #(#writes)*
                    }
                }
            }

            #deserialize
        }
    }
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

/// Attributes of the generated code that most users never call: every encoder, and the
/// decoders of functions. `#[inline]` makes rustc compile their machine code only in the crates
/// that call them, not in the bindings crate: a client encodes a few requests and their input
/// types, never most of the schema, and only servers and proxies decode requests (layer 230:
/// release build of the bindings 1.40x -> 1.16x grammers-tl-types', whose generic encoders
/// behave the same). It also lets encoders inline into each other, which is faster.
fn compiled_where_used() -> TokenStream {
    quote!(#[inline])
}

/// `1 << bit`, or `1` for bit 0.
fn bit_mask(bit: u32) -> TokenStream {
    let value = bit_value(bit);
    if bit == 0 { value } else { quote!((#value)) }
}

/// `1 << bit` (`1` for bit 0), for places where no operator follows.
fn bit_value(bit: u32) -> TokenStream {
    if bit == 0 {
        quote!(1)
    } else {
        let bit = Literal::u32_unsuffixed(bit);
        quote!(1 << #bit)
    }
}

/// The local variable holding a field while decoding.
fn local_name(field: &Field) -> Ident {
    ident(&naming::field_local(field))
}

/// Consecutive fixed-width members (flag words, numbers, `int128`...), written with one append:
/// one capacity check instead of one per member (encode of a message: about 5% faster). The
/// first run also carries the constructor id, when the encoding is boxed.
#[derive(Default)]
struct FixedRun {
    /// Each member: its place (`self.id`, `flags`), length, whether it is a byte array, and
    /// the local to record its position in (for a flag word completed later).
    members: Vec<(TokenStream, usize, bool, Option<Ident>)>,
    /// The optional `id` is still to be written, before these members.
    id_pending: bool,
}

impl FixedRun {
    /// The first run of an encoder, which starts with the optional `id`.
    fn after_id() -> Self {
        FixedRun {
            members: Vec::new(),
            id_pending: true,
        }
    }

    fn push(&mut self, place: TokenStream, len: usize, is_bytes: bool) {
        self.members.push((place, len, is_bytes, None));
    }

    /// A flag word whose position in the buffer is kept in `at`.
    fn push_recording(&mut self, word: TokenStream, at: Ident) {
        self.members.push((word, 4, false, Some(at)));
    }

    /// Statements writing the run, which is left empty.
    fn flush(&mut self) -> TokenStream {
        let members = std::mem::take(&mut self.members);
        let with_id = std::mem::take(&mut self.id_pending);
        if members.is_empty() {
            return if with_id {
                quote!(rt::write_id(buf, id);)
            } else {
                TokenStream::new()
            };
        }
        let prefix = if with_id { 4 } else { 0 };
        let total: usize = prefix + members.iter().map(|(_, len, ..)| len).sum::<usize>();
        // Positions are taken after the append, counting back from its end, so that they do
        // not depend on whether the id was written.
        let mut end = prefix;
        let positions: Vec<TokenStream> = members
            .iter()
            .map(|(_, len, _, record)| {
                let from_end = Literal::usize_unsuffixed(total - end);
                end += len;
                match record {
                    Some(name) => quote!(let #name = buf.len() - #from_end;),
                    None => TokenStream::new(),
                }
            })
            .collect();
        if let ([(place, ..)], false) = (members.as_slice(), with_id) {
            return quote!(#place.serialize(buf); #(#positions)*);
        }
        let mut at = prefix;
        let copies = members.iter().map(|(place, len, is_bytes, _)| {
            let bytes = if *is_bytes {
                quote!(#place)
            } else {
                quote!(#place.to_le_bytes())
            };
            let start = Literal::usize_unsuffixed(at);
            at += len;
            let end = Literal::usize_unsuffixed(at);
            quote!(fixed[#start..#end].copy_from_slice(&#bytes);)
        });
        let copies: Vec<_> = copies.collect();
        let total = Literal::usize_unsuffixed(total);
        let written = if with_id {
            quote!(rt::with_id(&mut fixed, id))
        } else {
            quote!(&fixed)
        };
        quote! {
            let mut fixed = [0u8; #total];
            #(#copies)*
            buf.extend_from_slice(#written);
            #(#positions)*
        }
    }
}

/// serde's derives cannot handle a vector of byte arrays wider than 32 (`vector<int512>`),
/// which `serde_byte_array` does not cover: refused before emitting code that would not compile.
pub(crate) fn check_serde(model: &Model) -> Result<(), String> {
    fn wide_in_vector(ty: &Ty) -> bool {
        match ty {
            Ty::Vector { elem, .. } => elem.is_wide_array() || wide_in_vector(elem),
            _ => false,
        }
    }
    let found = model.structs.iter().find_map(|s| {
        let field = s.fields.iter().find(|f| wide_in_vector(&f.ty))?;
        Some(format!("`{}` of `{}`", field.tl_name, s.tl_name))
    });
    match found {
        Some(field) => Err(format!(
            "serde: field {field} is a vector of byte arrays wider than 32 bytes, which the \
             serde derives do not support; generate without serde"
        )),
        None => Ok(()),
    }
}

/// serde for `[u8; N]` and `Option<[u8; N]>` with N over 32 (`int512`, `key:64*[ int ]`), as
/// bytes; emitted once at the root of the output when a field needs it.
fn serde_byte_array_module() -> TokenStream {
    quote! {
        /// serde for byte arrays longer than serde's own array impls (32): as bytes.
        #[doc(hidden)]
        pub mod serde_byte_array {
            use ::serde::de::{Error as _, SeqAccess, Visitor};
            use ::serde::{Deserializer, Serializer};

            pub fn serialize<S: Serializer, const N: usize>(
                bytes: &[u8; N],
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(bytes)
            }

            pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
                deserializer: D,
            ) -> Result<[u8; N], D::Error> {
                deserializer.deserialize_bytes(ByteArray::<N>)
            }

            /// Accepts bytes, or a sequence of numbers (self-describing formats such as JSON).
            struct ByteArray<const N: usize>;

            impl<'de, const N: usize> Visitor<'de> for ByteArray<N> {
                type Value = [u8; N];

                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    write!(f, "{N} bytes")
                }

                fn visit_bytes<E: ::serde::de::Error>(self, bytes: &[u8]) -> Result<[u8; N], E> {
                    bytes
                        .try_into()
                        .map_err(|_| E::invalid_length(bytes.len(), &self))
                }

                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[u8; N], A::Error> {
                    let mut out = [0u8; N];
                    for (i, byte) in out.iter_mut().enumerate() {
                        *byte = seq
                            .next_element()?
                            .ok_or_else(|| A::Error::invalid_length(i, &self))?;
                    }
                    if seq.next_element::<u8>()?.is_some() {
                        return Err(A::Error::invalid_length(N + 1, &self));
                    }
                    Ok(out)
                }
            }

            /// The same for `Option<[u8; N]>`.
            pub mod option {
                use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

                struct Bytes<const N: usize>([u8; N]);

                impl<const N: usize> Serialize for Bytes<N> {
                    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        super::serialize(&self.0, serializer)
                    }
                }

                impl<'de, const N: usize> Deserialize<'de> for Bytes<N> {
                    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        super::deserialize(deserializer).map(Bytes)
                    }
                }

                pub fn serialize<S: Serializer, const N: usize>(
                    bytes: &Option<[u8; N]>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    bytes.map(Bytes).serialize(serializer)
                }

                pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
                    deserializer: D,
                ) -> Result<Option<[u8; N]>, D::Error> {
                    Ok(Option::<Bytes<N>>::deserialize(deserializer)?.map(|bytes| bytes.0))
                }
            }
        }
    }
}
