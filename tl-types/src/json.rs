//! serde in TL JSON form (docs/json.md), for bindings generated with `Config::serde(true)`:
//! how each kind of field is written and read (the forms: [`Long`], [`Base64`], [`Hex`],
//! [`Vector`], ...) and the helpers that every generated impl calls, so that each impl stays a
//! list of its fields.
//!
//! An object is `{"_": "tlName", "field": value, ...}` (`"@type"` in [`Style::Tdlib`]).
//! Deserializing an enum finds the constructor's name wherever the key is: when it comes first
//! (as serializing writes it) the fields are read straight from the input; when other keys
//! come before it (TDLib may put `"@type"` anywhere), their values are buffered until the name
//! is known. Nesting is bounded by the format's own limit (serde_json: 128 levels), which the
//! buffering respects too: it reads through the same deserializer.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};

use crate::Identifiable;

mod forms;

use forms::{As, OptionSeed, PREALLOCATED, Seed};
pub use forms::{
    Base64, DeserializeAs, Double, Hex, Int53, Int53Number, Long, Plain, SerializeAs, Vector,
};

/// Which JSON dialect the bindings were generated for (`Config::json_style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// TL JSON: `"_"`, `int53` as a decimal string.
    Tl,
    /// TDLib's JSON interface: `"@type"`, `int53` as a number, `"@extra"` ignored when read.
    Tdlib,
}

impl Style {
    /// The key naming an object's constructor.
    pub const fn type_key(self) -> &'static str {
        match self {
            Style::Tl => "_",
            Style::Tdlib => "@type",
        }
    }
}

/// A generated constructor or function struct, as a JSON object.
pub trait JsonObject: Identifiable {
    /// The dialect of its bindings.
    const STYLE: Style;
    /// The JSON keys of its fields, in schema order (flag words left out).
    const KEYS: &'static [&'static str];
}

/// A generated struct read from the entries of a JSON object.
pub trait FromFields: JsonObject + Sized {
    /// Reads the remaining entries of `map` (its `"_"` may have been read already).
    fn read_fields<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// A generated enum of a boxed type, read by the name of its constructor.
pub trait Tagged: Sized {
    /// The dialect of its bindings.
    const STYLE: Style;
    /// The TL type, for errors (`Peer`).
    const TL_TYPE: &'static str;
    /// The TL names of its constructors, in variant order.
    const NAMES: &'static [&'static str];
    /// Reads the fields of constructor `NAMES[index]` from the rest of `map`.
    fn read_variant<'de, A: MapAccess<'de>>(index: usize, map: A) -> Result<Self, A::Error>;
}

// Serializing a struct.

/// Starts the object of a `T` (the value only names its type): its `"_"` first.
pub fn begin<T: JsonObject, S: Serializer>(
    _: &T,
    serializer: S,
) -> Result<S::SerializeStruct, S::Error> {
    let mut object = serializer.serialize_struct(T::TL_NAME, T::KEYS.len() + 1)?;
    object.serialize_field(T::STYLE.type_key(), T::TL_NAME)?;
    Ok(object)
}

/// Writes a field in `form`.
pub fn field<S: SerializeStruct, T: ?Sized, F: SerializeAs<T>>(
    object: &mut S,
    key: &'static str,
    form: F,
    value: &T,
) -> Result<(), S::Error> {
    object.serialize_field(key, &As(form, value))
}

/// Writes an optional field in `form`, or leaves it out.
pub fn optional<S: SerializeStruct, T, F: SerializeAs<T>>(
    object: &mut S,
    key: &'static str,
    form: F,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => object.serialize_field(key, &As(form, value)),
        None => object.skip_field(key),
    }
}

/// Ends the object.
pub fn end<S: SerializeStruct>(object: S) -> Result<S::Ok, S::Error> {
    object.end()
}

// Deserializing a struct.

/// Reads a struct: a JSON object whose `"_"`, if given, is its name.
pub fn deserialize_object<'de, T: FromFields, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: FromFields> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object `{}`", T::TL_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_fields(Resumed::from(map))
    }
}

/// The index in `T::KEYS` of the next field of `map`, `None` at the end. The type key is
/// checked against `T`'s name, TDLib's `"@extra"` skipped, any other key is an error.
pub fn next_field<'de, T: JsonObject, A: MapAccess<'de>>(
    map: &mut A,
) -> Result<Option<usize>, A::Error> {
    loop {
        match map.next_key_seed(KeySeed::<T>(PhantomData))? {
            None => return Ok(None),
            Some(Key::Field(index)) => return Ok(Some(index)),
            Some(Key::Type) => map.next_value_seed(NameCheck::<T>(PhantomData))?,
            Some(Key::Extra) => {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
    }
}

/// Reads the value of a field in `form` into `slot` (a repeated key: the last one counts, as
/// in tl-json).
pub fn read<'de, A: MapAccess<'de>, T, F: DeserializeAs<T>>(
    map: &mut A,
    slot: &mut Option<T>,
    form: F,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value_seed(Seed(form, PhantomData))?);
    Ok(())
}

/// Reads the value of an optional field in `form` into `slot`: `null` leaves it absent.
pub fn read_optional<'de, A: MapAccess<'de>, T, F: DeserializeAs<T>>(
    map: &mut A,
    slot: &mut Option<T>,
    form: F,
) -> Result<(), A::Error> {
    *slot = map.next_value_seed(OptionSeed(form, PhantomData))?;
    Ok(())
}

/// The value of required field `key` of `T`, or the error that the object lacks it.
pub fn required<T: JsonObject, E: de::Error, V>(slot: Option<V>, key: &str) -> Result<V, E> {
    slot.ok_or_else(|| E::custom(format_args!("missing field `{key}` of `{}`", T::TL_NAME)))
}

enum Key {
    Field(usize),
    Type,
    Extra,
}

struct KeySeed<T>(PhantomData<T>);

impl<'de, T: JsonObject> DeserializeSeed<'de> for KeySeed<T> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<T: JsonObject> Visitor<'_> for KeySeed<T> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a field of `{}`", T::TL_NAME)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        if let Some(index) = T::KEYS.iter().position(|k| *k == key) {
            Ok(Key::Field(index))
        } else if key == T::STYLE.type_key() {
            Ok(Key::Type)
        } else if T::STYLE == Style::Tdlib && key == "@extra" {
            Ok(Key::Extra)
        } else {
            Err(E::custom(format_args!(
                "unknown field `{key}` of `{}`",
                T::TL_NAME
            )))
        }
    }
}

/// The value of the type key of a struct: its own name.
struct NameCheck<T>(PhantomData<T>);

impl<'de, T: JsonObject> DeserializeSeed<'de> for NameCheck<T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<T: JsonObject> Visitor<'_> for NameCheck<T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", T::TL_NAME)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<(), E> {
        if name == T::TL_NAME {
            Ok(())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(name), &self))
        }
    }
}

// Deserializing an enum.

/// Reads an enum: the object of one of its constructors, named by its type key.
pub fn deserialize_tagged<'de, T: Tagged, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(TaggedVisitor(PhantomData))
}

struct TaggedVisitor<T>(PhantomData<T>);

impl<'de, T: Tagged> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of {}", T::TL_TYPE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let type_key = T::STYLE.type_key();
        // The entries before the type key, until it says which constructor reads them.
        let mut buffered = Vec::new();
        while let Some(key) = map.next_key_seed(TypeKey(type_key))? {
            let Some(key) = key else {
                let index = map.next_value_seed(NameSeed::<T>(PhantomData))?;
                let resumed = Resumed {
                    buffered: buffered.into_iter(),
                    value: None,
                    rest: map,
                };
                return T::read_variant(index, resumed);
            };
            buffered.push((key, map.next_value::<Content>()?));
        }
        Err(de::Error::custom(format_args!(
            "missing \"{type_key}\" naming a constructor of {}",
            T::TL_TYPE
        )))
    }
}

/// A key: `None` for the type key, else the key itself.
struct TypeKey(&'static str);

impl<'de> DeserializeSeed<'de> for TypeKey {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for TypeKey {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<String>, E> {
        Ok((key != self.0).then(|| key.to_owned()))
    }
}

/// The name of a constructor of `T`, as its index.
struct NameSeed<T>(PhantomData<T>);

impl<'de, T: Tagged> DeserializeSeed<'de> for NameSeed<T> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<T: Tagged> Visitor<'_> for NameSeed<T> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the name of a constructor of {}", T::TL_TYPE)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        T::NAMES.iter().position(|n| *n == name).ok_or_else(|| {
            E::custom(format_args!(
                "`{name}` is not a constructor of {}",
                T::TL_TYPE
            ))
        })
    }
}

/// The entries of a map: those buffered before its type key, then the rest. Structs are read
/// through it even with nothing buffered, so that their readers are compiled once per format.
struct Resumed<A> {
    buffered: std::vec::IntoIter<(String, Content)>,
    /// The value of the buffered key just given.
    value: Option<Content>,
    rest: A,
}

impl<A> From<A> for Resumed<A> {
    fn from(rest: A) -> Self {
        Resumed {
            buffered: Vec::new().into_iter(),
            value: None,
            rest,
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Resumed<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.buffered.next() {
            Some((key, value)) => {
                self.value = Some(value);
                let key = de::value::StringDeserializer::<A::Error>::new(key);
                seed.deserialize(key).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(ContentDeserializer(value, PhantomData)),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// A buffered JSON value.
enum Content {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    String(String),
    Bytes(Vec<u8>),
    Seq(Vec<Content>),
    Map(Vec<(String, Content)>),
}

impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Content, D::Error> {
        deserializer.deserialize_any(ContentVisitor)
    }
}

struct ContentVisitor;

impl<'de> Visitor<'de> for ContentVisitor {
    type Value = Content;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Content, E> {
        Ok(Content::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Content, E> {
        Ok(Content::I64(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Content, E> {
        Ok(Content::U64(n))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Content, E> {
        Ok(Content::F64(x))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Content, E> {
        Ok(Content::String(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Content, E> {
        Ok(Content::String(text))
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Content, E> {
        Ok(Content::Bytes(bytes.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Content, E> {
        Ok(Content::Bytes(bytes))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Content, E> {
        Ok(Content::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Content, E> {
        Ok(Content::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Content, D::Error> {
        Content::deserialize(deserializer)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Content, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(PREALLOCATED));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Content::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Content::Map(entries))
    }
}

/// A buffered value read again, with the errors of the input it came from.
struct ContentDeserializer<E>(Content, PhantomData<E>);

impl<'de, E: de::Error> de::IntoDeserializer<'de, E> for ContentDeserializer<E> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, E: de::Error> Deserializer<'de> for ContentDeserializer<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        let again = |content| ContentDeserializer(content, PhantomData);
        match self.0 {
            Content::Null => visitor.visit_unit(),
            Content::Bool(b) => visitor.visit_bool(b),
            Content::I64(n) => visitor.visit_i64(n),
            Content::U64(n) => visitor.visit_u64(n),
            Content::F64(x) => visitor.visit_f64(x),
            Content::String(text) => visitor.visit_string(text),
            Content::Bytes(bytes) => visitor.visit_byte_buf(bytes),
            Content::Seq(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.into_iter().map(again));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Content::Map(entries) => {
                let entries = entries.into_iter().map(|(k, v)| (k, again(v)));
                let mut map = de::value::MapDeserializer::new(entries);
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Content::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}
