//! serde in TL JSON form (`Config::serde`, docs/json.md): per struct and enum a `Serialize`
//! and a `Deserialize` impl that list its fields, each with the form it is written in
//! (`rt::json::Long`, `rt::json::Base64`...); the work is in the runtime's `json` module.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

use super::Emitter;
use super::codec::local_name;
use super::items::Generics;
use crate::model::{Enum, Field, Model, Presence, Storage, Struct, Ty, Variant};
use crate::render::{ident, struct_path};

/// The JSON dialect of the serde impls (`Config::json_style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsonStyle {
    /// TL JSON: `"_"` names the constructor, `long` and `int53` are decimal strings.
    #[default]
    Tl,
    /// TDLib's JSON: `"@type"` names the constructor, `int53` is a number, `"@extra"` is
    /// ignored when read.
    Tdlib,
}

/// The fields held in `Bytes` (`Config::bytes`) have no serde support in the runtime yet:
/// refused before emitting code that would not compile.
pub(crate) fn check_serde(model: &Model) -> Result<(), String> {
    let shared = model.structs.iter().find_map(|s| {
        let field = s.fields.iter().find(|f| {
            matches!(
                f.ty.innermost(),
                Ty::String(Storage::Shared) | Ty::Bytes(Storage::Shared)
            )
        })?;
        Some(format!("`{}` of `{}`", field.tl_name, s.tl_name))
    });
    match shared {
        Some(field) => Err(format!(
            "serde: field {field} is held in `Bytes` (Config::bytes), for which the runtime has \
             no serde support yet; generate without one of the two"
        )),
        None => Ok(()),
    }
}

impl FromStr for JsonStyle {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "tl" => Ok(JsonStyle::Tl),
            "tdlib" => Ok(JsonStyle::Tdlib),
            _ => Err(format!("unknown JSON style `{text}`: expected tl or tdlib")),
        }
    }
}

impl fmt::Display for JsonStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonStyle::Tl => "tl",
            JsonStyle::Tdlib => "tdlib",
        })
    }
}

impl Emitter<'_> {
    fn json_style(&self) -> TokenStream {
        match self.options.json_style {
            JsonStyle::Tl => quote!(rt::json::Style::Tl),
            JsonStyle::Tdlib => quote!(rt::json::Style::Tdlib),
        }
    }

    /// The form a value of `ty` is written in; `int53`: whether the innermost TL type is
    /// TDLib's `int53` (a `long` in the model).
    fn json_form(&self, ty: &Ty, int53: bool) -> TokenStream {
        match ty {
            Ty::Long if int53 => match self.options.json_style {
                JsonStyle::Tl => quote!(rt::json::Int53),
                JsonStyle::Tdlib => quote!(rt::json::Int53Number),
            },
            Ty::Long => quote!(rt::json::Long),
            Ty::Double => quote!(rt::json::Double),
            Ty::FixedBytes(_) => quote!(rt::json::Hex),
            Ty::Bytes(_) => quote!(rt::json::Base64),
            Ty::Vector { elem, .. } => {
                let elem = self.json_form(elem, int53);
                quote!(rt::json::Vector(#elem))
            }
            Ty::Int | Ty::Nat | Ty::String(_) | Ty::Bool => quote!(rt::json::Plain),
            Ty::Boxed(_) | Ty::Bare(_) | Ty::Generic(_) => quote!(rt::json::Plain),
        }
    }

    fn field_form(&self, field: &Field) -> TokenStream {
        match field.presence {
            Presence::Flag { .. } => quote!(rt::json::Plain),
            _ => self.json_form(&field.ty, innermost_type(&field.tl_type) == "int53"),
        }
    }

    /// `JsonObject`, `Serialize`, `Deserialize` and `FromFields` of a struct.
    pub(super) fn json_struct(&self, s: &Struct, generics: &Generics) -> TokenStream {
        let name = ident(&s.name);
        let params = generics.params();
        let any_bound = generics.bound(TokenStream::new());
        let ser_bound = generics.bound(quote!(rt::serde::Serialize));
        let de_bound = generics.bound(quote!(rt::serde::de::DeserializeOwned));
        let de_params = generics.bound_after(quote!('de), quote!(rt::serde::de::DeserializeOwned));
        let style = self.json_style();
        let keys = s.fields.iter().map(|f| &f.tl_name);
        let writes = s.fields.iter().map(|f| {
            let key = &f.tl_name;
            let fname = ident(&f.name);
            let form = self.field_form(f);
            match f.presence {
                Presence::Optional { .. } | Presence::Nullable => {
                    quote!(rt::json::optional(&mut object, #key, #form, &self.#fname)?;)
                }
                _ => quote!(rt::json::field(&mut object, #key, #form, &self.#fname)?;),
            }
        });
        let read_fields = self.json_read_fields(s);
        let object = if s.fields.is_empty() {
            quote!(object)
        } else {
            quote!(mut object)
        };
        quote! {
            impl #any_bound rt::json::JsonObject for #name #params {
                const STYLE: rt::json::Style = #style;
                const KEYS: &'static [&'static str] = &[#(#keys),*];
            }

            // `__S`, `__D`, `__A`: names no TL type parameter (`{X:Type}`) can clash with.
            impl #ser_bound rt::serde::Serialize for #name #params {
                fn serialize<__S: rt::serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                    let #object = rt::json::begin(self, serializer)?;
                    #(#writes)*
                    rt::json::end(object)
                }
            }

            impl #de_params rt::serde::Deserialize<'de> for #name #params {
                fn deserialize<__D: rt::serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                    rt::json::deserialize_object(deserializer)
                }
            }

            impl #de_bound rt::json::FromFields for #name #params {
                #read_fields
            }
        }
    }

    /// `FromFields::read_fields`: a local per field, filled as its key comes, then checked.
    fn json_read_fields(&self, s: &Struct) -> TokenStream {
        let locals: Vec<Ident> = s.fields.iter().map(local_name).collect();
        let taken: Vec<String> = locals.iter().map(ToString::to_string).collect();
        let map = free_local("map", &taken);
        let index = free_local("index", &taken);
        let declarations = s.fields.iter().zip(&locals).map(|(f, local)| {
            let ty = match f.presence {
                Presence::Flag { .. } => quote!(bool),
                _ => self.rust_type(&f.ty),
            };
            quote!(let mut #local: Option<#ty> = None;)
        });
        let reads: Vec<TokenStream> = s
            .fields
            .iter()
            .zip(&locals)
            .map(|(f, local)| {
                let form = self.field_form(f);
                match f.presence {
                    Presence::Required => quote!(rt::json::read(&mut #map, &mut #local, #form)?),
                    _ => quote!(rt::json::read_optional(&mut #map, &mut #local, #form)?),
                }
            })
            .collect();
        let next = quote!(rt::json::next_field::<Self, __A>(&mut #map)?);
        let read_loop = match reads.as_slice() {
            [] => quote!(while #next.is_some() {}),
            [only] => quote!(while #next.is_some() { #only; }),
            [init @ .., last] => {
                let arms = init.iter().enumerate().map(|(i, read)| {
                    let i = Literal::usize_unsuffixed(i);
                    quote!(#i => #read,)
                });
                quote! {
                    while let Some(#index) = #next {
                        match #index {
                            #(#arms)*
                            _ => #last,
                        }
                    }
                }
            }
        };
        let inits = s.fields.iter().zip(&locals).map(|(f, local)| {
            let fname = ident(&f.name);
            let key = &f.tl_name;
            match f.presence {
                Presence::Required => {
                    quote!(#fname: rt::json::required::<Self, __A::Error, _>(#local, #key)?)
                }
                Presence::Flag { .. } => quote!(#fname: #local.unwrap_or(false)),
                Presence::Optional { .. } | Presence::Nullable if fname == *local => quote!(#fname),
                Presence::Optional { .. } | Presence::Nullable => quote!(#fname: #local),
            }
        });
        quote! {
            fn read_fields<'de, __A: rt::serde::de::MapAccess<'de>>(mut #map: __A) -> Result<Self, __A::Error> {
                #(#declarations)*
                #read_loop
                Ok(Self { #(#inits),* })
            }
        }
    }

    /// `Serialize`, `Deserialize` and `Tagged` of an enum: its constructors' own.
    pub(super) fn json_enum(&self, e: &Enum) -> TokenStream {
        let name = ident(&e.name);
        let style = self.json_style();
        let tl_type = &e.tl_name;
        let read = read_variants(self, e);
        let mut names = Vec::new();
        let mut writes = Vec::new();
        let mut reads = Vec::new();
        for (index, variant) in e.variants.iter().enumerate() {
            let s = &self.model.structs[variant.ctor];
            let vname = ident(&variant.name);
            let ty = struct_path(s);
            let (write, read_one) = if variant.unit {
                (
                    quote!(Self::#vname => rt::serde::Serialize::serialize(&#ty {}, serializer),),
                    quote!({ #ty::read_fields(map)?; Self::#vname }),
                )
            } else if variant.boxing.is_boxed() {
                (
                    quote!(Self::#vname(value) => rt::serde::Serialize::serialize(value, serializer),),
                    quote!(Self::#vname(Box::new(#ty::read_fields(map)?))),
                )
            } else {
                (
                    quote!(Self::#vname(value) => rt::serde::Serialize::serialize(value, serializer),),
                    quote!(Self::#vname(#ty::read_fields(map)?)),
                )
            };
            writes.push(write);
            if read[index] {
                names.push(&s.tl_name);
                reads.push(read_one);
            }
        }
        let read_variant = read_variant_body(&reads);
        let serialize_body = if writes.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#writes)* })
        };
        quote! {
            impl rt::serde::Serialize for #name {
                fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #serialize_body
                }
            }

            impl<'de> rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    rt::json::deserialize_tagged(deserializer)
                }
            }

            impl rt::json::Tagged for #name {
                const STYLE: rt::json::Style = #style;
                const TL_TYPE: &'static str = #tl_type;
                const NAMES: &'static [&'static str] = &[#(#names),*];

                fn read_variant<'de, __A: rt::serde::de::MapAccess<'de>>(index: usize, map: __A) -> Result<Self, __A::Error> {
                    use rt::json::FromFields as _;
                    #read_variant
                }
            }
        }
    }
}

/// The body of `Tagged::read_variant`, from the reads of the variants that names select, in
/// `NAMES` order.
fn read_variant_body(reads: &[TokenStream]) -> TokenStream {
    match reads {
        [] => quote! {
            let _ = (index, map);
            Err(rt::serde::de::Error::custom("no constructors"))
        },
        [only] => quote!(let _ = index; Ok(#only)),
        [init @ .., last] => {
            let arms = init.iter().enumerate().map(|(i, read)| {
                let i = Literal::usize_unsuffixed(i);
                quote!(#i => #read,)
            });
            quote! {
                Ok(match index {
                    #(#arms)*
                    _ => #last,
                })
            }
        }
    }
}

/// Which variants of `e` a name reads: of the variants with one TL name (a constructor
/// redefined in a later `===N===` section, or kept from another layer by
/// `Config::other_layer_variants`), the last of the schemas' own, which encoding by name takes
/// too (tl-json); the others are written with that name but never read.
fn read_variants(emitter: &Emitter<'_>, e: &Enum) -> Vec<bool> {
    let structs = &emitter.model.structs;
    let name = |variant: &Variant| structs[variant.ctor].tl_name.as_str();
    // By name: the variant that reads it, and whether it is of the schemas' own.
    let mut reader: HashMap<&str, (usize, bool)> = HashMap::new();
    for (index, variant) in e.variants.iter().enumerate() {
        let own = structs[variant.ctor].kept_from.is_none();
        if !matches!(reader.get(name(variant)), Some((_, true)) if !own) {
            reader.insert(name(variant), (index, own));
        }
    }
    let reads = |(index, variant): (usize, &Variant)| reader[name(variant)].0 == index;
    e.variants.iter().enumerate().map(reads).collect()
}

/// The innermost type name of a TL type as written: `int53` of `vector<int53>`.
fn innermost_type(tl_type: &str) -> &str {
    let inner = tl_type.trim_end_matches('>');
    inner.rsplit(['<', '%', ' ']).next().unwrap_or(inner)
}

/// `base`, or with `_` added until no field's local has it.
fn free_local(base: &str, taken: &[String]) -> Ident {
    let mut name = base.to_owned();
    while taken.contains(&name) {
        name.push('_');
    }
    ident(&name)
}

#[cfg(test)]
mod tests {
    use super::innermost_type;

    #[test]
    fn innermost_type_of_vectors() {
        assert_eq!(innermost_type("int53"), "int53");
        assert_eq!(innermost_type("vector<int53>"), "int53");
        assert_eq!(innermost_type("Vector<vector<int53>>"), "int53");
        assert_eq!(innermost_type("vector<%Message>"), "Message");
    }
}
