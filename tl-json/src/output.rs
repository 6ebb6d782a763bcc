//! Where decoding puts what it reads ([`Out`]): a `serde_json::Value` tree, or JSON text
//! written as the bytes decode. The text is what `serde_json` writes for the tree, through
//! the same formatter, without the tree's allocations (a `String` per key, a node per value).

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use serde_json::{Map, Value};

use crate::text::{base64_encode, base64_encode_into, hex_encode, hex_encode_into};

/// What a decoder writes to. Arrays and objects are opened, filled and closed in the order
/// of the bytes: an element's or field's value is read between [`Out::before_element`] or
/// [`Out::key`] and [`Out::push`] or [`Out::insert`].
pub(crate) trait Out {
    /// A value, as this output keeps it.
    type Value;
    /// An open array.
    type Array;
    /// An open object.
    type Object;

    /// A JSON integer (`int`, `#`, `int53` in TDLib's style).
    fn int(&mut self, n: i64) -> Self::Value;
    /// A decimal string (`long`).
    fn long(&mut self, n: i64) -> Self::Value;
    /// A finite `double`.
    fn double(&mut self, x: f64) -> Self::Value;
    fn str(&mut self, text: &str) -> Self::Value;
    /// Standard base64 with padding.
    fn base64(&mut self, bytes: &[u8]) -> Self::Value;
    /// Lowercase hex.
    fn hex(&mut self, bytes: &[u8]) -> Self::Value;
    fn bool(&mut self, b: bool) -> Self::Value;
    fn null(&mut self) -> Self::Value;
    fn is_null(value: &Self::Value) -> bool;
    /// A value decoded as a tree.
    fn tree(&mut self, value: Value) -> Self::Value;

    /// An array; `capacity`: the elements to reserve room for.
    fn begin_array(&mut self, capacity: usize) -> Self::Array;
    fn before_element(&mut self, array: &mut Self::Array);
    fn push(&mut self, array: &mut Self::Array, value: Self::Value);
    fn end_array(&mut self, array: Self::Array) -> Self::Value;

    /// An object, with its first key `type_key` naming the constructor `name`; `capacity`:
    /// the keys to reserve room for.
    fn begin_object(&mut self, type_key: &str, name: &str, capacity: usize) -> Self::Object;
    /// The key of the value about to be read.
    fn key(&mut self, object: &mut Self::Object, key: &str);
    /// The value of the last key.
    fn insert(&mut self, object: &mut Self::Object, key: &str, value: Self::Value);
    /// Leaves the last key out, and its value, null.
    fn forget(&mut self, object: &mut Self::Object);
    fn end_object(&mut self, object: Self::Object) -> Self::Value;
}

/// A `serde_json::Value` tree.
pub(crate) struct Tree;

impl Out for Tree {
    type Value = Value;
    type Array = Vec<Value>;
    type Object = Map<String, Value>;

    fn int(&mut self, n: i64) -> Value {
        n.into()
    }

    fn long(&mut self, n: i64) -> Value {
        n.to_string().into()
    }

    fn double(&mut self, x: f64) -> Value {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }

    fn str(&mut self, text: &str) -> Value {
        text.into()
    }

    fn base64(&mut self, bytes: &[u8]) -> Value {
        base64_encode(bytes).into()
    }

    fn hex(&mut self, bytes: &[u8]) -> Value {
        hex_encode(bytes).into()
    }

    fn bool(&mut self, b: bool) -> Value {
        b.into()
    }

    fn null(&mut self) -> Value {
        Value::Null
    }

    fn is_null(value: &Value) -> bool {
        value.is_null()
    }

    fn tree(&mut self, value: Value) -> Value {
        value
    }

    fn begin_array(&mut self, capacity: usize) -> Vec<Value> {
        Vec::with_capacity(capacity)
    }

    fn before_element(&mut self, _: &mut Vec<Value>) {}

    fn push(&mut self, array: &mut Vec<Value>, value: Value) {
        array.push(value);
    }

    fn end_array(&mut self, array: Vec<Value>) -> Value {
        Value::Array(array)
    }

    fn begin_object(&mut self, type_key: &str, name: &str, capacity: usize) -> Self::Object {
        let mut object = Map::with_capacity(capacity);
        object.insert(type_key.to_owned(), name.into());
        object
    }

    fn key(&mut self, _: &mut Self::Object, _: &str) {}

    fn insert(&mut self, object: &mut Self::Object, key: &str, value: Value) {
        object.insert(key.to_owned(), value);
    }

    fn forget(&mut self, _: &mut Self::Object) {}

    fn end_object(&mut self, object: Self::Object) -> Value {
        Value::Object(object)
    }
}

/// JSON text, laid out by `F` (compact or pretty) as `serde_json` lays out a value.
pub(crate) struct Text<F> {
    json: Vec<u8>,
    formatter: F,
}

/// What [`Text`] wrote: whether it was `null`, which a field leaves out.
pub(crate) struct Written {
    null: bool,
}

const WRITTEN: Written = Written { null: false };

/// An open object of [`Text`]: where its last key starts, to take it back.
pub(crate) struct TextObject {
    key_at: usize,
}

/// An open array of [`Text`]: whether no element was written yet.
pub(crate) struct TextArray {
    empty: bool,
}

impl<F: Formatter + Clone> Text<F> {
    /// `input_len`: the length of the bytes to decode. Room for twice as much text is
    /// reserved: it grows as it is written past that, and is bounded by the input before.
    pub fn new(formatter: F, input_len: usize) -> Self {
        Text {
            json: Vec::with_capacity(input_len.saturating_mul(2)),
            formatter,
        }
    }

    pub fn into_string(self) -> String {
        // Only `str`s and ASCII are written: this never fails.
        String::from_utf8(self.json)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Writes `value` as `serde_json` does. The formatter's copy is enough: a whole value
    /// leaves the nesting where it was, and the state after it is set by the caller's next
    /// step (`end_object_value`, `end_array_value`).
    fn serialize(&mut self, value: &(impl Serialize + ?Sized)) -> Written {
        let mut serializer = Serializer::with_formatter(&mut self.json, self.formatter.clone());
        // Writing to a `Vec` never fails, nor does serializing a string, number or `Value`.
        let _ = value.serialize(&mut serializer);
        WRITTEN
    }

    /// A string of characters that need no escape, written by `write`.
    fn plain_string(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> Written {
        self.json.push(b'"');
        write(&mut self.json);
        self.json.push(b'"');
        WRITTEN
    }
}

// Writing to a `Vec` never fails: the `io::Result`s of the formatter are ignored.
impl<F: Formatter + Clone> Out for Text<F> {
    type Value = Written;
    type Array = TextArray;
    type Object = TextObject;

    fn int(&mut self, n: i64) -> Written {
        let _ = self.formatter.write_i64(&mut self.json, n);
        WRITTEN
    }

    fn long(&mut self, n: i64) -> Written {
        self.json.push(b'"');
        let _ = self.formatter.write_i64(&mut self.json, n);
        self.json.push(b'"');
        WRITTEN
    }

    fn double(&mut self, x: f64) -> Written {
        let _ = self.formatter.write_f64(&mut self.json, x);
        WRITTEN
    }

    fn str(&mut self, text: &str) -> Written {
        // serde_json escapes only control characters, `"` and `\\`: names and most text have
        // none, and are written as they are. Checked without stopping early, so that the
        // compiler checks many bytes at once.
        let escapes = text.bytes().fold(false, |found, b| {
            found | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        if !escapes {
            self.plain_string(|json| json.extend_from_slice(text.as_bytes()))
        } else {
            self.serialize(text)
        }
    }

    fn base64(&mut self, bytes: &[u8]) -> Written {
        self.plain_string(|json| base64_encode_into(bytes, json))
    }

    fn hex(&mut self, bytes: &[u8]) -> Written {
        self.plain_string(|json| hex_encode_into(bytes, json))
    }

    fn bool(&mut self, b: bool) -> Written {
        let _ = self.formatter.write_bool(&mut self.json, b);
        WRITTEN
    }

    fn null(&mut self) -> Written {
        let _ = self.formatter.write_null(&mut self.json);
        Written { null: true }
    }

    fn is_null(value: &Written) -> bool {
        value.null
    }

    fn tree(&mut self, value: Value) -> Written {
        let null = value.is_null();
        self.serialize(&value);
        Written { null }
    }

    fn begin_array(&mut self, _: usize) -> TextArray {
        let _ = self.formatter.begin_array(&mut self.json);
        TextArray { empty: true }
    }

    fn before_element(&mut self, array: &mut TextArray) {
        let first = std::mem::replace(&mut array.empty, false);
        let _ = self.formatter.begin_array_value(&mut self.json, first);
    }

    fn push(&mut self, _: &mut TextArray, _: Written) {
        let _ = self.formatter.end_array_value(&mut self.json);
    }

    fn end_array(&mut self, _: TextArray) -> Written {
        let _ = self.formatter.end_array(&mut self.json);
        WRITTEN
    }

    fn begin_object(&mut self, type_key: &str, name: &str, _: usize) -> TextObject {
        let _ = self.formatter.begin_object(&mut self.json);
        let mut object = TextObject { key_at: 0 };
        self.write_key(&mut object, type_key, true);
        self.str(name);
        let _ = self.formatter.end_object_value(&mut self.json);
        object
    }

    fn key(&mut self, object: &mut TextObject, key: &str) {
        self.write_key(object, key, false);
    }

    fn insert(&mut self, _: &mut TextObject, _: &str, _: Written) {
        let _ = self.formatter.end_object_value(&mut self.json);
    }

    fn forget(&mut self, object: &mut TextObject) {
        // The formatter's state is as before the key: its object already had a value (the
        // type key), and the key and a null change nothing else.
        self.json.truncate(object.key_at);
    }

    fn end_object(&mut self, _: TextObject) -> Written {
        let _ = self.formatter.end_object(&mut self.json);
        WRITTEN
    }
}

impl<F: Formatter + Clone> Text<F> {
    /// `key`, and what separates it from its value; `first`: the object's first key.
    fn write_key(&mut self, object: &mut TextObject, key: &str, first: bool) {
        object.key_at = self.json.len();
        let _ = self.formatter.begin_object_key(&mut self.json, first);
        self.str(key);
        let _ = self.formatter.end_object_key(&mut self.json);
        let _ = self.formatter.begin_object_value(&mut self.json);
    }
}
