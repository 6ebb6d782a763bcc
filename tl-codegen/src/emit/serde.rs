//! serde support: the `#[serde(with)]` of wide byte arrays and the module it names, and the
//! check that refuses what the derives cannot handle.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Field, Model, Presence, Storage, Struct, Ty};

/// `#[serde(with = ...)]` for a byte array longer than serde's arrays (32).
pub(super) fn serde_with(serde: bool, s: &Struct, field: &Field) -> TokenStream {
    // serde's array impls stop at 32 (an optional one too: `with` covers both).
    if !serde || !field.ty.is_wide_array() {
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

/// serde's derives cannot handle a vector of byte arrays wider than 32 (`vector<int512>`),
/// which `serde_byte_array` does not cover, nor the fields held in `Bytes`, which the runtime
/// does not implement serde for: refused before emitting code that would not compile.
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
    if let Some(field) = found {
        return Err(format!(
            "serde: field {field} is a vector of byte arrays wider than 32 bytes, which the \
             serde derives do not support; generate without serde"
        ));
    }
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

/// serde for `[u8; N]` and `Option<[u8; N]>` with N over 32 (`int512`, `key:64*[ int ]`), as
/// bytes; emitted once at the root of the output when a field needs it.
pub(super) fn serde_byte_array_module() -> TokenStream {
    let option = serde_byte_array_option();
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

            #option
        }
    }
}

/// `serde_byte_array::option`: the same for `Option<[u8; N]>`.
fn serde_byte_array_option() -> TokenStream {
    quote! {
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
