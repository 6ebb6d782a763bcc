//! The items of the output: a struct per constructor and function with its trait impls, an
//! enum per boxed type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;
use tl_parser::Category;

use super::{Emitter, compiled_where_used, debug, doc_lines, hex, hex_u32, tri};
use crate::model::{Boxing, Enum, Field, Presence, Storage, Struct, Ty};
use crate::render::{ident, path_tokens, struct_path};

/// The type parameters of a generic function (`<X>`), none for everything else.
pub(super) struct Generics(Vec<Ident>);

impl Generics {
    fn of(s: &Struct) -> Self {
        Generics(s.generics.iter().map(|g| ident(g)).collect())
    }

    /// `<X>`, or nothing.
    pub(super) fn params(&self) -> TokenStream {
        let generics = &self.0;
        if generics.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#(#generics),*>)
        }
    }

    /// `<'a, X: bound>`: `lifetime` first, then the parameters bounded.
    pub(super) fn bound_after(&self, lifetime: TokenStream, bound: TokenStream) -> TokenStream {
        let generics = &self.0;
        quote!(<#lifetime #(, #generics: #bound)*>)
    }

    /// `<X: bound>`, or nothing.
    pub(super) fn bound(&self, bound: TokenStream) -> TokenStream {
        let generics = &self.0;
        if generics.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#(#generics: #bound),*>)
        }
    }
}

/// The decoder's `reader` argument, `_reader` when nothing is read.
fn reader_arg(s: &Struct) -> TokenStream {
    if s.members.is_empty() {
        quote!(_reader)
    } else {
        quote!(reader)
    }
}

impl Emitter<'_> {
    /// The Rust type of `ty`, from inside a generated module.
    pub(super) fn rust_type(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::Nat => quote!(u32),
            Ty::FixedBytes(len) => {
                let len = Literal::usize_unsuffixed(*len);
                quote!([u8; #len])
            }
            Ty::String(Storage::Owned) => quote!(String),
            Ty::String(Storage::Shared) => quote!(rt::BytesString),
            Ty::Bytes(Storage::Owned) => quote!(Vec<u8>),
            Ty::Bytes(Storage::Shared) => quote!(rt::Bytes),
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

    pub(super) fn field_type(&self, field: &Field) -> TokenStream {
        match field.presence {
            Presence::Flag { .. } => quote!(bool),
            Presence::Required => self.rust_type(&field.ty),
            Presence::Optional { .. } | Presence::Nullable => {
                let ty = self.rust_type(&field.ty);
                quote!(Option<#ty>)
            }
        }
    }

    /// The derives of an item: those wanted, `Debug` among them unless the item writes its
    /// own.
    fn derives(&self, derived_debug: bool) -> TokenStream {
        let wanted = &self.options.derives;
        let traits = [
            (wanted.debug && derived_debug, quote!(Debug)),
            (wanted.clone, quote!(Clone)),
            (wanted.partial_eq, quote!(PartialEq)),
        ];
        let traits: Vec<TokenStream> = traits
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
        if traits.is_empty() {
            TokenStream::new()
        } else {
            quote!(#[derive(#(#traits),*)])
        }
    }

    /// A constructor or function struct with its trait impls.
    pub(super) fn structure(&self, index: usize) -> TokenStream {
        let s = &self.model.structs[index];
        let generics = Generics::of(s);
        let item = self.struct_item(s, &generics);
        // In bindings of one direction, what this side only decodes is read, never built:
        // no `new`, setters or `From` into its enum (docs/generated-code.md, "Directions").
        let construction = s.codecs.encode.then(|| self.construction(s, &generics));
        let name = ident(&s.name);
        let params = generics.params();
        let ser_bound = generics.bound(quote!(rt::Serializable));
        let write_body = s.codecs.encode.then(|| self.write_body(s));
        let compiled_where_used = compiled_where_used();
        let serialize = s.codecs.encode.then(|| {
            quote! {
                impl #ser_bound rt::BareSerializable for #name #params {
                    #compiled_where_used
                    fn serialize_fields(&self, id: Option<u32>, buf: &mut Vec<u8>) {
                        #write_body
                    }
                }
            }
        });
        let rest = match s.category {
            Category::Function => self.function_impls(s, &generics),
            Category::Type => self.constructor_impls(s),
        };
        let json = self.options.serde.then(|| self.json_struct(s, &generics));
        quote! {
            #item

            #construction

            #serialize

            #rest

            #json
        }
    }

    /// The struct of a constructor or function, and its `Identifiable` impl.
    fn struct_item(&self, s: &Struct, generics: &Generics) -> TokenStream {
        let name = ident(&s.name);
        let docs = self.struct_docs(s);
        let own_debug = debug::hand_written(s);
        let derives = self.derives(!own_debug);
        let debug_impl =
            (own_debug && self.options.derives.debug).then(|| self.debug_impl(s, generics));
        let params = generics.params();
        let fields = s.fields.iter().enumerate().map(|(index, f)| {
            let fname = ident(&f.name);
            let ty = self.field_type(f);
            let fdocs = self.field_docs(s, index);
            let attributes = &f.attributes;
            quote! { #fdocs #(#attributes)* pub #fname: #ty, }
        });
        let any_bound = generics.bound(TokenStream::new());
        let id = hex(s.id);
        let tl_name = &s.tl_name;
        let attributes = &s.attributes;
        quote! {
            #docs
            #derives
            #(#attributes)*
            pub struct #name #params {
                #(#fields)*
            }

            #debug_impl

            impl #any_bound rt::Identifiable for #name #params {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
            }
        }
    }

    /// A function's decoder and `RemoteCall` (a client's view) or `Answer` (a server's), as
    /// its codecs say. It is encoded and decoded like a constructor: the blanket
    /// `Serializable` writes the id, the blanket `Deserializable` checks it.
    fn function_impls(&self, s: &Struct, generics: &Generics) -> TokenStream {
        let name = ident(&s.name);
        let params = generics.params();
        let returns = match &s.returns {
            Some(Ty::Generic(x)) => {
                let x = ident(x);
                quote!(#x::Return)
            }
            Some(ty) => self.rust_type(ty),
            None => quote!(()),
        };
        let deserialize = s.codecs.decode.then(|| {
            let de_bound = generics.bound(quote!(rt::Deserializable));
            let min = Literal::usize_unsuffixed(s.plan.min_bare_len);
            let compiled_where_used = compiled_where_used();
            let reader = reader_arg(s);
            let read_body = self.read_body(s);
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
        let remote_call = (s.codecs.encode && !self.model.answers).then(|| {
            let call_bound = generics.bound(quote!(rt::RemoteCall));
            quote! {
                impl #call_bound rt::RemoteCall for #name #params {
                    type Return = #returns;
                }
            }
        });
        let answer = (self.model.answers && s.codecs.decode).then(|| {
            let answer_bound = generics.bound(quote!(rt::Answer));
            quote! {
                impl #answer_bound rt::Answer for #name #params {
                    type Return = #returns;
                }
            }
        });
        quote! {
            #deserialize

            #remote_call

            #answer
        }
    }

    /// A constructor's decoder and its conversions to and from its enum.
    fn constructor_impls(&self, s: &Struct) -> TokenStream {
        let name = ident(&s.name);
        let min = Literal::usize_unsuffixed(s.plan.min_bare_len);
        let conversions = self
            .options
            .derives
            .conversions
            .then(|| self.conversions(s));
        let reader = reader_arg(s);
        let boxed = s
            .variant_of
            .is_some_and(|(e, v)| self.model.enums[e].variants[v].boxing.is_boxed());
        // A constructor its enum boxes is read into its allocation (no move of the whole
        // struct); read bare, it is moved out of the box.
        let read_fns = if !s.codecs.decode {
            None
        } else if boxed {
            let read_body = self.read_body_boxed(s);
            Some(quote! {
                #[inline]
                fn deserialize_bare(reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                    Self::deserialize_bare_boxed(reader).map(|value| *value)
                }

                fn deserialize_bare_boxed(#reader: &mut rt::Reader<'_>) -> Result<Box<Self>, rt::DecodeError> {
                    #read_body
                }
            })
        } else {
            let read_body = self.read_body(s);
            Some(quote! {
                fn deserialize_bare(#reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                    #read_body
                }
            })
        };
        let deserialize = read_fns.map(|read_fns| {
            quote! {
                impl rt::BareDeserializable for #name {
                    const MIN_BARE_LEN: usize = #min;

                    #read_fns
                }
            }
        });
        quote! {
            #deserialize

            #conversions
        }
    }

    /// An enum for a boxed type, with its encoding and decoding.
    pub(super) fn enumeration(&self, e: &Enum) -> TokenStream {
        let compiled_where_used = compiled_where_used();
        let name = ident(&e.name);
        let derives = self.derives(true);
        let tl_name = &e.tl_name;
        let docs = self.enum_docs(e);
        let [variants, writes, reads] = self.variant_arms(e);
        let unexpected = if self.model.other_layers.is_empty() {
            quote!(reader.unexpected_constructor(#tl_name, id, name_for_id(id)))
        } else {
            quote!(reader.unexpected_constructor_of_layer(#tl_name, id, name_for_id(id), other_layer_id(id)))
        };
        let deserialize = e.codecs.decode.then(|| {
            let (enter, read_id) = (tri(quote!(reader.enter())), tri(quote!(reader.read_u32())));
            quote! {
                impl rt::Deserializable for #name {
                    fn deserialize(reader: &mut rt::Reader<'_>) -> Result<Self, rt::DecodeError> {
                        #enter;
                        let id = #read_id;
                        let value = match id {
                            #(#reads)*
                            _ => return Err(#unexpected),
                        };
                        reader.leave();
                        Ok(value)
                    }
                }
            }
        });
        let serialize = e.codecs.encode.then(|| {
            quote! {
                impl rt::Serializable for #name {
                    #compiled_where_used
                    fn serialize(&self, buf: &mut Vec<u8>) {
                        match self {
                            #(#writes)*
                        }
                    }
                }
            }
        });
        let attributes = &e.attributes;
        // The user chose the size of an enum with a variant held by value on request.
        let unboxed = Boxing::Chosen { boxed: false };
        let chosen_size = e.variants.iter().any(|v| v.boxing == unboxed);
        let allow_large = chosen_size.then(|| quote!(#[allow(clippy::large_enum_variant)]));
        let json = self.options.serde.then(|| self.json_enum(e));
        quote! {
            #docs
            #derives
            #allow_large
            #(#attributes)*
            pub enum #name {
                #(#variants)*
            }

            #serialize

            #deserialize

            #json
        }
    }

    /// Per variant of `e`: its declaration, its arm in the encoder and in the decoder.
    fn variant_arms(&self, e: &Enum) -> [Vec<TokenStream>; 3] {
        let mut variants = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        for variant in &e.variants {
            let s = &self.model.structs[variant.ctor];
            let vname = ident(&variant.name);
            let ty = struct_path(s);
            let id = hex(s.id);
            let vdocs = if self.options.docs {
                let schema_line = format!("`{}`", s.schema_line);
                // A paragraph of its own.
                let note = boxing_note(variant.boxing).map(|note| [String::new(), note]);
                doc_lines([schema_line].into_iter().chain(note.into_iter().flatten()))
            } else {
                TokenStream::new()
            };
            if variant.unit {
                variants.push(quote! { #vdocs #vname, });
                let id = hex_u32(s.id);
                writes.push(quote! { Self::#vname => buf.extend_from_slice(&#id.to_le_bytes()), });
                let id = hex(s.id);
                reads.push(quote! { #id => Self::#vname, });
            } else if variant.boxing.is_boxed() {
                variants.push(quote! { #vdocs #vname(Box<#ty>), });
                writes.push(quote! { Self::#vname(value) => value.serialize(buf), });
                let read = tri(quote!(#ty::deserialize_bare_boxed(reader)));
                reads.push(quote! { #id => Self::#vname(#read), });
            } else {
                variants.push(quote! { #vdocs #vname(#ty), });
                writes.push(quote! { Self::#vname(value) => value.serialize(buf), });
                let read = tri(quote!(#ty::deserialize_bare(reader)));
                reads.push(quote! { #id => Self::#vname(#read), });
            }
        }
        [variants, writes, reads]
    }
}

/// Why a variant is boxed or held by value when that is not the default: so that users see it
/// where they match on it.
fn boxing_note(boxing: Boxing) -> Option<String> {
    Some(match boxing {
        Boxing::Inline | Boxing::Universal => return None,
        Boxing::Recursive => "Boxed: the constructor holds its own type by value.".to_owned(),
        Boxing::Large(bytes) => {
            format!("Boxed: an estimated {bytes} bytes inline, more than `max_inline_variant`.")
        }
        Boxing::Chosen { boxed: true } => "Boxed by `Config::boxed`.".to_owned(),
        Boxing::Chosen { boxed: false } => "Held by value by `Config::unboxed`.".to_owned(),
    })
}
