//! Sample values for every constructor and function: a generated `samples` module whose
//! `visit_all` hands each definition to a [`Visitor`] twice, once with every optional field
//! set and once with none, with non-trivial values (distinct numbers, long and non-ASCII
//! strings, nested objects). Round-trip tests, fuzz corpora and benchmarks are built on it.
//!
//! In a build of one direction (`Config::direction`), a definition that the build only
//! encodes or only decodes goes to `Visitor::visit_encoded` or `visit_decoded` instead of
//! `visit` (those two exist only then), and `BOXED_TYPES` holds the types that decode.
//!
//! Samples are of the schemas' own definitions: the constructors that
//! `Config::other_layer_variants` keeps from other layers are neither visited nor nested in
//! other samples, so the samples are those of the plain build.
//!
//! The module refers to `super::{types, enums, functions}`: include it next to the bindings.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Codecs, Enum, Model, Presence, Storage, Ty};
use crate::render::{ident, path_tokens, struct_path};

/// Below this depth nested objects are built with their fields; deeper, the variant that
/// terminates soonest is taken, so every sample is finite.
const MAX_DEPTH: usize = 3;

/// The `samples` module for `model`; `serde`: whether the bindings have serde impls, which the
/// visitor then gets as bounds.
pub fn emit(model: &Model, runtime: &syn::Path, serde: bool) -> TokenStream {
    let (functions, calls) = sample_functions(model);
    let enum_path = |e: &Enum| path_tokens(quote!(enums), &e.module, &e.name);
    let enum_sizes = model.enums.iter().map(|e| {
        let name = &e.tl_name;
        let ty = enum_path(e);
        quote!((#name, std::mem::size_of::<#ty>()))
    });
    // Decoding needs a decoder: in a directed build, the types the other side sends.
    let decoded: Vec<&Enum> = model.enums.iter().filter(|e| e.codecs.decode).collect();
    let type_names = decoded.iter().map(|e| &e.tl_name);
    let boxed_types: Vec<(TokenStream, Codecs)> =
        decoded.iter().map(|e| (enum_path(e), e.codecs)).collect();
    let by_index = boxed_type_dispatch(&boxed_types);
    let re_encoded = boxed_types.iter().any(|(_, codecs)| codecs.encode);
    let decode_helpers = decode_helpers(re_encoded);
    let serde_bounds =
        serde.then(|| quote!(+ rt::serde::Serialize + rt::serde::de::DeserializeOwned));
    let one_way = model.structs.iter().any(|s| s.codecs != Codecs::BOTH);
    let one_way_visits = one_way.then(|| {
        quote! {
            /// One sample value of the definition `name`, which this build only encodes.
            fn visit_encoded<T>(&mut self, name: &'static str, value: T)
            where
                T: rt::Serializable + rt::Identifiable + PartialEq + std::fmt::Debug;

            /// One sample value of the definition `name`, which this build only decodes.
            fn visit_decoded<T>(&mut self, name: &'static str, value: T)
            where
                T: rt::Deserializable + rt::Identifiable + PartialEq + std::fmt::Debug;
        }
    });
    quote! {
        /// Two sample values of every constructor and function (all optional fields set;
        /// none set), for round-trip tests, fuzz corpora and benchmarks.
        #[allow(clippy::all, unused_imports)]
        pub mod samples {
            use super::{enums, functions, types};
            use #runtime as rt;

            /// Receives each sample.
            pub trait Visitor {
                /// One sample value of the definition `name`.
                fn visit<T>(&mut self, name: &'static str, value: T)
                where
                    T: rt::Serializable + rt::Deserializable + rt::Identifiable + PartialEq + std::fmt::Debug #serde_bounds;

                #one_way_visits
            }

            /// Calls `visitor` with two samples of every definition, in schema order.
            pub fn visit_all(visitor: &mut impl Visitor) {
                #(#calls)*
            }

            /// `size_of` of the enum of every boxed type.
            pub const ENUM_SIZES: &[(&str, usize)] = &[#(#enum_sizes),*];

            /// The boxed types that decode, in the order [`decode_stable`] numbers them.
            pub const BOXED_TYPES: &[&str] = &[#(#type_names),*];

            #by_index

            #decode_helpers

            #(#functions)*
        }
    }
}

/// The functions that take a boxed type by its index in `BOXED_TYPES` (modulo their count).
fn boxed_type_dispatch(boxed_types: &[(TokenStream, Codecs)]) -> TokenStream {
    let stable_arms = boxed_types.iter().enumerate().map(|(i, (ty, codecs))| {
        if codecs.encode {
            quote!(#i => check_stable::<#ty>(bytes),)
        } else {
            // Only decoded here: nothing to re-encode.
            quote!(#i => <#ty as rt::Deserializable>::from_bytes(bytes).map(drop),)
        }
    });
    let decode_arms = boxed_types
        .iter()
        .enumerate()
        .map(|(i, (ty, _))| quote!(#i => decode_with::<#ty>(bytes, options),));
    let identify_arms = boxed_types.iter().enumerate().map(|(i, (ty, _))| {
        quote! {
            #i => {
                let value = <#ty as rt::Deserializable>::from_bytes(bytes)?;
                Ok((value.constructor_id(), value.tl_name()))
            }
        }
    });
    quote! {
        /// Decodes `bytes` as boxed type number `index` of [`BOXED_TYPES`] (modulo their
        /// count); if that succeeds and the type encodes, checks that encoding and decoding
        /// again is stable (panicking if not). For fuzzing the decoders with arbitrary bytes.
        pub fn decode_stable(index: usize, bytes: &[u8]) -> Result<(), rt::DecodeError> {
            match index % BOXED_TYPES.len() {
                #(#stable_arms)*
                _ => Ok(()),
            }
        }

        /// Decodes `bytes` as boxed type number `index` of [`BOXED_TYPES`] (modulo their
        /// count) with `options`, requiring all input to be used.
        pub fn decode(index: usize, bytes: &[u8], options: rt::DecodeOptions) -> Result<(), rt::DecodeError> {
            match index % BOXED_TYPES.len() {
                #(#decode_arms)*
                _ => Ok(()),
            }
        }

        /// Decodes `bytes` as boxed type number `index` of [`BOXED_TYPES`] (modulo their
        /// count) and says which constructor the value holds: its `constructor_id()` and
        /// `tl_name()`.
        pub fn identify(index: usize, bytes: &[u8]) -> Result<(u32, &'static str), rt::DecodeError> {
            match index % BOXED_TYPES.len() {
                #(#identify_arms)*
                _ => unreachable!("an index modulo the count"),
            }
        }
    }
}

/// A function per definition handing its two samples to a visitor, and the calls of them.
fn sample_functions(model: &Model) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let ranks = termination_ranks(model);
    let mut builder = Builder {
        model,
        ranks: &ranks,
        counter: 0,
    };
    // Generic functions are instantiated with the first plain function without fields.
    let plain_function = model.structs.iter().position(|s| {
        s.category == tl_parser::Category::Function && s.generics.is_empty() && s.fields.is_empty()
    });
    let mut functions = Vec::new();
    let mut calls = Vec::new();
    for (index, s) in model.structs.iter().enumerate() {
        if (!s.generics.is_empty() && plain_function.is_none()) || s.kept_from.is_some() {
            continue;
        }
        let full = builder.structure(index, Fill::All, 0, plain_function);
        let empty = builder.structure(index, Fill::None, 0, plain_function);
        let visit = match (s.codecs.encode, s.codecs.decode) {
            (true, true) => quote!(visit),
            (true, false) => quote!(visit_encoded),
            (false, true) => quote!(visit_decoded),
            // A function of a server build that decodes no function.
            (false, false) => continue,
        };
        let name = ident(&format!("sample_{index}"));
        let tl_name = &s.tl_name;
        functions.push(quote! {
            fn #name(visitor: &mut impl Visitor) {
                visitor.#visit(#tl_name, #full);
                visitor.#visit(#tl_name, #empty);
            }
        });
        calls.push(quote!(#name(visitor);));
    }
    (functions, calls)
}

/// The helpers of `decode` and `decode_stable`; `re_encoded`: some boxed type both decodes and
/// encodes, for `decode_stable` to check.
fn decode_helpers(re_encoded: bool) -> TokenStream {
    let check_stable = re_encoded.then(|| {
        quote! {
            fn check_stable<T>(bytes: &[u8]) -> Result<(), rt::DecodeError>
            where
                T: rt::Serializable + rt::Deserializable + PartialEq + std::fmt::Debug,
            {
                let value = T::from_bytes(bytes)?;
                let encoded = value.to_bytes();
                let again = T::from_bytes(&encoded)
                    .unwrap_or_else(|e| panic!("re-encoding of {value:?} does not decode: {e}"));
                // Bytes, not values: a decoded NaN is not equal to itself.
                assert_eq!(again.to_bytes(), encoded, "decode -> encode -> decode is not stable for {value:?}");
                Ok(())
            }
        }
    });
    quote! {
        fn decode_with<T: rt::Deserializable>(bytes: &[u8], options: rt::DecodeOptions) -> Result<(), rt::DecodeError> {
            let mut reader = rt::Reader::with_options(bytes, options);
            T::deserialize(&mut reader)?;
            reader.finish()
        }

        #check_stable
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Fill {
    /// Every optional field set, flags true, vectors of two.
    All,
    /// No optional field, flags false, empty vectors.
    None,
}

struct Builder<'a> {
    model: &'a Model,
    ranks: &'a [usize],
    counter: u32,
}

impl Builder<'_> {
    fn next(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    fn structure(
        &mut self,
        index: usize,
        fill: Fill,
        depth: usize,
        plain_function: Option<usize>,
    ) -> TokenStream {
        let s = &self.model.structs[index];
        let path = struct_path(s);
        let fields: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|f| {
                let name = ident(&f.name);
                let value = match f.presence {
                    Presence::Flag { .. } => {
                        let on = fill == Fill::All;
                        quote!(#on)
                    }
                    Presence::Optional { .. } | Presence::Nullable if fill == Fill::None => {
                        quote!(None)
                    }
                    Presence::Optional { .. } | Presence::Nullable => {
                        let v = self.value(&f.ty, depth + 1, plain_function);
                        quote!(Some(#v))
                    }
                    Presence::Required => {
                        let nested_fill = if depth == 0 { fill } else { Fill::None };
                        self.value_filled(&f.ty, depth + 1, plain_function, nested_fill)
                    }
                };
                quote!(#name: #value)
            })
            .collect();
        quote!(#path { #(#fields),* })
    }

    fn value(&mut self, ty: &Ty, depth: usize, plain_function: Option<usize>) -> TokenStream {
        self.value_filled(ty, depth, plain_function, Fill::All)
    }

    fn value_filled(
        &mut self,
        ty: &Ty,
        depth: usize,
        plain_function: Option<usize>,
        fill: Fill,
    ) -> TokenStream {
        let k = self.next();
        match ty {
            Ty::Vector { elem, .. } => self.vector_value(elem, depth, plain_function, fill),
            Ty::Boxed(e) => self.boxed_value(*e, k, depth, plain_function),
            Ty::Bare(c) => self.structure(*c, Fill::None, depth, plain_function),
            Ty::Generic(_) => match plain_function {
                Some(f) => self.structure(f, Fill::None, depth, plain_function),
                None => quote!(()),
            },
            scalar => scalar_value(scalar, k),
        }
    }

    /// Two elements, or none.
    fn vector_value(
        &mut self,
        elem: &Ty,
        depth: usize,
        plain_function: Option<usize>,
        fill: Fill,
    ) -> TokenStream {
        if fill == Fill::None || depth > MAX_DEPTH {
            quote!(vec![])
        } else {
            let a = self.value_filled(elem, depth + 1, plain_function, Fill::None);
            let b = self.value_filled(elem, depth + 1, plain_function, Fill::None);
            quote!(vec![#a, #b])
        }
    }

    /// A value of enum `e`: the `k`th of its variants that terminate, or below the maximum
    /// depth the one that terminates soonest; never one kept from another layer.
    fn boxed_value(
        &mut self,
        e: usize,
        k: u32,
        depth: usize,
        plain_function: Option<usize>,
    ) -> TokenStream {
        let (model, ranks) = (self.model, self.ranks);
        let en = &model.enums[e];
        let own = (0..en.variants.len())
            .filter(|&v| model.structs[en.variants[v].ctor].kept_from.is_none());
        let candidates: Vec<usize> = own
            .clone()
            .filter(|&v| ranks[en.variants[v].ctor] != usize::MAX)
            .collect();
        let variant = if depth >= MAX_DEPTH || candidates.is_empty() {
            own.min_by_key(|&v| ranks[en.variants[v].ctor]).unwrap_or(0)
        } else {
            candidates[k as usize % candidates.len()]
        };
        let ctor = en.variants[variant].ctor;
        let inner = self.structure(ctor, Fill::None, depth, plain_function);
        let enum_path = path_tokens(quote!(enums), &en.module, &en.name);
        // The variant itself, not `From`: that exists only for a constructor's own type, and
        // in one direction only for what it encodes.
        let v = &en.variants[variant];
        let vname = ident(&v.name);
        if en.any.is_some() || v.boxing.is_boxed() {
            quote!(#enum_path::#vname(Box::new(#inner)))
        } else if v.unit {
            quote!(#enum_path::#vname)
        } else {
            quote!(#enum_path::#vname(#inner))
        }
    }
}

/// The `k`th sample of a number, string, byte string, byte array or `Bool`.
fn scalar_value(ty: &Ty, k: u32) -> TokenStream {
    match ty {
        Ty::Int => {
            let magnitude = (k as i32).wrapping_mul(104_729) & 0x3fff_ffff;
            let v = Literal::i32_unsuffixed(if k.is_multiple_of(2) {
                -magnitude
            } else {
                magnitude
            });
            quote!(#v)
        }
        Ty::Long => {
            let v = Literal::i64_unsuffixed(0x0123_4567_0000_0000 + i64::from(k) * 977);
            quote!(#v)
        }
        Ty::Double => {
            let v = Literal::f64_unsuffixed(f64::from(k) + 0.25);
            quote!(#v)
        }
        Ty::Nat => {
            let v = Literal::u32_unsuffixed(k);
            quote!(#v)
        }
        Ty::FixedBytes(len) => {
            // Distinct values per width, so that fields of different widths differ.
            let byte = if *len == 16 {
                k as u8
            } else {
                (k as u8).wrapping_mul(3)
            };
            let b = Literal::u8_unsuffixed(byte);
            let len = Literal::usize_unsuffixed(*len);
            quote!([#b; #len])
        }
        Ty::String(storage) => {
            let text = if k.is_multiple_of(5) {
                // Past 253 bytes TL switches to the 4-byte length prefix.
                quote!("long sample text \u{2713} ".repeat(15))
            } else {
                let text = format!("sample {k} \u{1F600}");
                quote!(#text.to_owned())
            };
            match storage {
                Storage::Owned => text,
                Storage::Shared => quote!(rt::BytesString::from(#text)),
            }
        }
        Ty::Bytes(storage) => {
            let bytes = if k.is_multiple_of(5) {
                quote!(vec![0xab; 300])
            } else {
                let b = Literal::u8_unsuffixed(k as u8);
                quote!(vec![#b, 0, 255, 1, 2])
            };
            match storage {
                Storage::Owned => bytes,
                Storage::Shared => quote!(rt::Bytes::from(#bytes)),
            }
        }
        Ty::Bool => {
            let b = k.is_multiple_of(2);
            quote!(#b)
        }
        // The others are built by `Builder::value_filled`.
        _ => quote!(()),
    }
}

/// For each struct, how many nested objects the shortest finite sample needs
/// (`usize::MAX` if none is finite).
fn termination_ranks(model: &Model) -> Vec<usize> {
    let mut ranks = vec![usize::MAX; model.structs.len()];
    loop {
        let mut changed = false;
        for (i, s) in model.structs.iter().enumerate() {
            let mut rank = 1usize;
            for f in s.fields.iter().filter(|f| f.presence == Presence::Required) {
                let needed = required_rank(model, &ranks, &f.ty);
                rank = rank.max(needed.saturating_add(1));
            }
            if rank < ranks[i] {
                ranks[i] = rank;
                changed = true;
            }
        }
        if !changed {
            return ranks;
        }
    }
}

fn required_rank(model: &Model, ranks: &[usize], ty: &Ty) -> usize {
    match ty {
        Ty::Boxed(e) => model.enums[*e]
            .variants
            .iter()
            .map(|v| ranks[v.ctor])
            .min()
            .unwrap_or(usize::MAX),
        Ty::Bare(c) => ranks[*c],
        // Empty vectors and primitives end at once.
        _ => 0,
    }
}
