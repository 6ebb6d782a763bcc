//! The forms a field is written and read in: how each kind of TL value maps to JSON.

use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::Serialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use serde::ser::{SerializeSeq, Serializer};

/// How a field of Rust type `T` is written.
pub trait SerializeAs<T: ?Sized>: Copy {
    /// Writes `value`.
    fn serialize<S: Serializer>(self, value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// How a field of Rust type `T` is read.
pub trait DeserializeAs<T>: Copy {
    /// Reads a value.
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error>;
}

/// As the type's own serde impls: numbers, `string`, `Bool`, objects.
#[derive(Debug, Clone, Copy)]
pub struct Plain;

/// `long`, `int64`: a decimal string.
#[derive(Debug, Clone, Copy)]
pub struct Long;

/// `int53` in TL JSON: a decimal string; a number is read too.
#[derive(Debug, Clone, Copy)]
pub struct Int53;

/// `int53` in TDLib's JSON: a number; a decimal string is read too.
#[derive(Debug, Clone, Copy)]
pub struct Int53Number;

/// `double`: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`, which JSON has no numbers for.
#[derive(Debug, Clone, Copy)]
pub struct Double;

/// `bytes`: standard base64 with padding (read with or without it).
#[derive(Debug, Clone, Copy)]
pub struct Base64;

/// `int128`, `int256` and other fixed-width integers: the lowercase hex of the wire bytes.
#[derive(Debug, Clone, Copy)]
pub struct Hex;

/// `Vector<T>`, `vector<T>`: an array, each element in the form given.
#[derive(Debug, Clone, Copy)]
pub struct Vector<F>(pub F);

impl<T: Serialize + ?Sized> SerializeAs<T> for Plain {
    fn serialize<S: Serializer>(self, value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<T: DeserializeOwned> DeserializeAs<T> for Plain {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

impl SerializeAs<i64> for Long {
    fn serialize<S: Serializer>(self, value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
}

impl DeserializeAs<i64> for Long {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_str(IntegerVisitor { number: false })
    }
}

impl SerializeAs<i64> for Int53 {
    fn serialize<S: Serializer>(self, value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }
}

impl DeserializeAs<i64> for Int53 {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_any(IntegerVisitor { number: true })
    }
}

impl SerializeAs<i64> for Int53Number {
    fn serialize<S: Serializer>(self, value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*value)
    }
}

impl DeserializeAs<i64> for Int53Number {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<i64, D::Error> {
        Int53.deserialize(deserializer)
    }
}

/// A 64-bit integer from a decimal string, or also from a number (`int53`).
struct IntegerVisitor {
    number: bool,
}

impl Visitor<'_> for IntegerVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.number {
            f.write_str("a number or a decimal string for int53")
        } else {
            f.write_str("a decimal string for long")
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<i64, E> {
        text.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(text), &self))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<i64, E> {
        if self.number {
            Ok(n)
        } else {
            Err(E::invalid_type(de::Unexpected::Signed(n), &self))
        }
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<i64, E> {
        match i64::try_from(n) {
            Ok(n) if self.number => Ok(n),
            _ => Err(E::invalid_type(de::Unexpected::Unsigned(n), &self)),
        }
    }
}

impl SerializeAs<f64> for Double {
    fn serialize<S: Serializer>(self, value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        match *value {
            x if x.is_finite() => serializer.serialize_f64(x),
            x if x.is_nan() => serializer.serialize_str("NaN"),
            x if x > 0.0 => serializer.serialize_str("Infinity"),
            _ => serializer.serialize_str("-Infinity"),
        }
    }
}

impl DeserializeAs<f64> for Double {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(DoubleVisitor)
    }
}

struct DoubleVisitor;

impl Visitor<'_> for DoubleVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number for double")
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<f64, E> {
        Ok(x)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<f64, E> {
        Ok(n as f64)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<f64, E> {
        Ok(n as f64)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<f64, E> {
        match text {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(de::Unexpected::Str(text), &self)),
        }
    }
}

/// Standard base64: written with padding, read with or without it, as tl-json reads it.
const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

impl SerializeAs<Vec<u8>> for Base64 {
    fn serialize<S: Serializer>(self, value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&base64::display::Base64Display::new(value, &BASE64))
    }
}

impl DeserializeAs<Vec<u8>> for Base64 {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<u8>, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("base64 for bytes")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<u8>, E> {
        BASE64
            .decode(text)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

impl<const N: usize> SerializeAs<[u8; N]> for Hex {
    fn serialize<S: Serializer>(self, value: &[u8; N], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex::encode(value))
    }
}

impl<const N: usize> DeserializeAs<[u8; N]> for Hex {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<[u8; N], D::Error> {
        deserializer.deserialize_str(HexVisitor::<N>)
    }
}

struct HexVisitor<const N: usize>;

impl<const N: usize> Visitor<'_> for HexVisitor<N> {
    type Value = [u8; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hex digits for int{}", N * 2, N * 8)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<[u8; N], E> {
        let mut bytes = [0; N];
        hex::decode_to_slice(text, &mut bytes)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(text), &self))?;
        Ok(bytes)
    }
}

impl<T, F: SerializeAs<T>> SerializeAs<Vec<T>> for Vector<F> {
    fn serialize<S: Serializer>(self, value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&As(self.0, item))?;
        }
        seq.end()
    }
}

impl<T, F: DeserializeAs<T>> DeserializeAs<Vec<T>> for Vector<F> {
    fn deserialize<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(VectorVisitor(self.0, PhantomData))
    }
}

/// The most elements reserved before they are read: a hint is the input's to give.
pub(super) const PREALLOCATED: usize = 1024;

struct VectorVisitor<F, T>(F, PhantomData<T>);

impl<'de, T, F: DeserializeAs<T>> Visitor<'de> for VectorVisitor<F, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(PREALLOCATED));
        while let Some(item) = seq.next_element_seed(Seed(self.0, PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}

/// A value written in a form.
pub(super) struct As<'a, F, T: ?Sized>(pub(super) F, pub(super) &'a T);

impl<F: SerializeAs<T>, T: ?Sized> Serialize for As<'_, F, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(self.1, serializer)
    }
}

/// A value read in a form.
pub(super) struct Seed<F, T>(pub(super) F, pub(super) PhantomData<T>);

impl<'de, F: DeserializeAs<T>, T> DeserializeSeed<'de> for Seed<F, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        self.0.deserialize(deserializer)
    }
}

/// An optional value read in a form: `null` is absent.
pub(super) struct OptionSeed<F, T>(pub(super) F, pub(super) PhantomData<T>);

impl<'de, F: DeserializeAs<T>, T> DeserializeSeed<'de> for OptionSeed<F, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, F: DeserializeAs<T>, T> Visitor<'de> for OptionSeed<F, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}
