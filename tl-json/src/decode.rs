//! Bytes to TL JSON. Every length and count is checked against the input before anything is
//! allocated, nesting is bounded by [`Options::max_depth`], and all the `gzip_packed` of one
//! input inflate to at most [`Options::max_inflated`] bytes together.

use serde_json::{Map, Value};

use crate::envelope::{self, InflateError, Special};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::schema::{Def, FieldKind, Schema, Ty, TypeRef, bit_set};
use crate::text::{base64_encode, hex_encode};
use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, NULL_ID, Options, Style, VECTOR_ID};

impl Schema {
    /// Decodes a boxed object of any type, or a function, found by its id; all the input must
    /// be used.
    pub fn decode_object(&self, bytes: &[u8]) -> Result<Value, DecodeError> {
        self.decode_whole(bytes, &Ty::Any, Want::Any)
    }

    /// Decodes a function (a request), found by its id; all the input must be used.
    pub fn decode_function(&self, bytes: &[u8]) -> Result<Value, DecodeError> {
        self.decode_whole(bytes, &Ty::Any, Want::Function)
    }

    /// Decodes a value of type `ty` ([`Schema::parse_type`]): `Vector<long>`, an answer's
    /// type, a bare constructor; all the input must be used.
    pub fn decode_as(&self, ty: &TypeRef, bytes: &[u8]) -> Result<Value, DecodeError> {
        self.decode_whole(bytes, &ty.0, Want::Any)
    }

    fn decode_whole(&self, bytes: &[u8], ty: &Ty, want: Want) -> Result<Value, DecodeError> {
        let mut decoder = Decoder {
            schema: self,
            options: &self.options,
            depth: 0,
            inflate_budget: self.options.max_inflated,
            want,
        };
        let mut reader = Reader::new(bytes);
        let value = decoder.value(&mut reader, ty)?;
        reader.finish()?;
        Ok(value)
    }
}

/// The most elements reserved before they decode: a JSON value takes many times the wire
/// bytes of an `int`, so a vector grows as its elements actually decode.
const PREALLOCATED: usize = 1024;

/// What the outermost object may be.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    Any,
    Function,
}

/// A cursor over the input, up to `end` (the end of a `message` body while it is read).
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    end: usize,
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader {
            data,
            pos: 0,
            end: data.len(),
        }
    }

    fn remaining(&self) -> usize {
        self.end - self.pos
    }

    fn error(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(offset, kind)
    }

    fn end_error(&self, needed: usize) -> DecodeError {
        let remaining = self.remaining();
        self.error(
            self.pos,
            DecodeErrorKind::UnexpectedEnd { needed, remaining },
        )
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(self.end_error(n));
        }
        self.pos += n;
        Ok(&self.data[self.pos - n..self.pos])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        self.array().map(u32::from_le_bytes)
    }

    fn peek_u32(&self) -> Option<u32> {
        let word = self.data[self.pos..self.end].first_chunk::<4>()?;
        Some(u32::from_le_bytes(*word))
    }

    /// A `string`/`bytes` body: its length (1 byte, or 0xfe and 3 bytes), data and padding.
    fn bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let start = self.pos;
        let rest = &self.data[self.pos..self.end];
        let (header, len) = match rest {
            [] => return Err(self.end_error(1)),
            [short, ..] if *short < 254 => (1, *short as usize),
            [254, a, b, c, ..] => (4, u32::from_le_bytes([*a, *b, *c, 0]) as usize),
            [254, ..] => return Err(self.end_error(4)),
            _ => return Err(self.error(start, DecodeErrorKind::InvalidLengthPrefix)),
        };
        let padded = (header + len + 3) & !3;
        if padded > rest.len() {
            let kind = DecodeErrorKind::LengthExceedsInput {
                length: padded,
                remaining: rest.len(),
            };
            return Err(self.error(start, kind));
        }
        self.pos += padded;
        Ok(&rest[header..header + len])
    }

    fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            count => Err(self.error(self.pos, DecodeErrorKind::TrailingBytes { count })),
        }
    }
}

struct Decoder<'s> {
    schema: &'s Schema,
    options: &'s Options,
    depth: u32,
    /// Bytes that `gzip_packed` may still inflate to.
    inflate_budget: usize,
    want: Want,
}

impl Decoder<'_> {
    fn value(&mut self, r: &mut Reader, ty: &Ty) -> Result<Value, DecodeError> {
        Ok(match ty {
            Ty::Int => i32::from_le_bytes(r.array()?).into(),
            Ty::Long => i64::from_le_bytes(r.array()?).to_string().into(),
            Ty::Int53 => {
                let n = i64::from_le_bytes(r.array()?);
                match self.options.style {
                    Style::Tdlib => n.into(),
                    Style::Tl => n.to_string().into(),
                }
            }
            Ty::Double => {
                let x = f64::from_le_bytes(r.array()?);
                let value = double_value(x);
                if let Value::String(text) = &value
                    && self.options.style == Style::Tdlib
                {
                    // TDLib reads only a number for a double ("Expected Number").
                    let kind = DecodeErrorKind::NonFiniteDouble(text.clone());
                    return Err(r.error(r.pos - 8, kind));
                }
                value
            }
            Ty::Nat => r.u32()?.into(),
            Ty::String => String::from_utf8_lossy(r.bytes()?).into_owned().into(),
            Ty::Bytes => base64_encode(r.bytes()?).into(),
            Ty::Bool => match r.u32()? {
                BOOL_TRUE_ID => true.into(),
                BOOL_FALSE_ID => false.into(),
                id => return Err(r.error(r.pos - 4, DecodeErrorKind::InvalidBool { id })),
            },
            Ty::True => true.into(),
            Ty::Fixed(width) => hex_encode(r.take(*width)?).into(),
            Ty::Vector { boxed, elem } => self.vector(r, *boxed, elem)?,
            Ty::Boxed(name) => self.boxed(r, Some(name))?,
            Ty::Any => self.boxed(r, None)?,
            Ty::Bare(index) if self.options.style.nullable_objects() => {
                self.boxed_bare(r, *index)?
            }
            Ty::Bare(index) => self.object(r, *index)?,
            Ty::Unsupported(reason) => {
                let kind = DecodeErrorKind::Unsupported(reason.clone());
                return Err(r.error(r.pos, kind));
            }
        })
    }

    fn vector(&mut self, r: &mut Reader, boxed: bool, elem: &Ty) -> Result<Value, DecodeError> {
        if boxed {
            let id = r.u32()?;
            if id != VECTOR_ID {
                return Err(self.unexpected(r, "Vector", id));
            }
        }
        let count = self.count(r, self.min_len(elem, 0))?;
        let mut items = Vec::with_capacity(count.min(PREALLOCATED));
        for _ in 0..count {
            items.push(self.value(r, elem)?);
        }
        Ok(Value::Array(items))
    }

    /// A vector's count, checked against what the elements need at least: nothing is
    /// allocated for a count that the input cannot hold.
    fn count(&self, r: &mut Reader, min_element_len: usize) -> Result<usize, DecodeError> {
        let count = r.u32()?;
        let min = min_element_len.max(1);
        if count as usize > r.remaining() / min {
            let kind = DecodeErrorKind::CountExceedsInput {
                count,
                min_element_len: min,
                remaining: r.remaining(),
            };
            return Err(r.error(r.pos - 4, kind));
        }
        Ok(count as usize)
    }

    /// The fewest bytes a value of `ty` takes on the wire.
    fn min_len(&self, ty: &Ty, depth: u32) -> usize {
        match ty {
            Ty::Long | Ty::Int53 | Ty::Double => 8,
            Ty::Fixed(width) => *width,
            Ty::Vector { boxed: true, .. } => 8,
            Ty::True | Ty::Unsupported(_) => 0,
            Ty::Bare(_) if self.options.style.nullable_objects() => 4,
            Ty::Bare(index) if depth < 4 => self.schema.defs[*index]
                .fields
                .iter()
                .map(|f| match &f.kind {
                    FieldKind::FlagWord => 4,
                    FieldKind::Value { flag: Some(_), .. } => 0,
                    FieldKind::Value { flag: None, ty } => self.min_len(ty, depth + 1),
                })
                .sum(),
            Ty::Bare(_) => 0,
            _ => 4,
        }
    }

    /// A boxed value: of type `expected`, or of any type (`None`).
    fn boxed(&mut self, r: &mut Reader, expected: Option<&str>) -> Result<Value, DecodeError> {
        let at = r.pos;
        let id = r.u32()?;
        if id == envelope::GZIP_PACKED_ID {
            return self.gzip_packed(r, at, expected);
        }
        if id == NULL_ID && self.options.style.nullable_objects() {
            return Ok(Value::Null);
        }
        if expected.is_none() {
            match id {
                BOOL_TRUE_ID => return Ok(true.into()),
                BOOL_FALSE_ID => return Ok(false.into()),
                VECTOR_ID => return self.untyped_vector(r),
                _ => {}
            }
        }
        let want = std::mem::replace(&mut self.want, Want::Any);
        let found = self.schema.by_id.get(&id).copied().filter(|&index| {
            let def = &self.schema.defs[index];
            match expected {
                Some(name) => !def.function && def.result == name,
                None => want == Want::Any || def.function,
            }
        });
        match found {
            Some(index) => self.object(r, index),
            None if want == Want::Function => Err(self.unexpected(r, "a function", id)),
            None => Err(self.unexpected(r, expected.unwrap_or("an object"), id)),
        }
    }

    /// A bare constructor written with its id, or `null`, as objects are in the TDLib style.
    fn boxed_bare(&mut self, r: &mut Reader, index: usize) -> Result<Value, DecodeError> {
        let def = &self.schema.defs[index];
        match r.u32()? {
            NULL_ID => Ok(Value::Null),
            id if id == def.id => self.object(r, index),
            id => Err(self.unexpected(r, &def.name, id)),
        }
    }

    fn unexpected(&self, r: &Reader, expected: &str, id: u32) -> DecodeError {
        let kind = DecodeErrorKind::UnexpectedConstructor {
            expected: expected.to_owned(),
            id,
            name: self.schema.describe_id(id),
        };
        r.error(r.pos - 4, kind)
    }

    /// `gzip_packed` (id at `at`, just read): the value it packs, in its place.
    fn gzip_packed(
        &mut self,
        r: &mut Reader,
        at: usize,
        expected: Option<&str>,
    ) -> Result<Value, DecodeError> {
        let packed = r.bytes()?;
        let inflated = envelope::inflate(packed, self.inflate_budget).map_err(|e| {
            let kind = match e {
                InflateError::TooLarge => DecodeErrorKind::InflatedTooLarge {
                    limit: self.options.max_inflated,
                },
                InflateError::Invalid(reason) => DecodeErrorKind::InvalidGzip(reason),
            };
            r.error(at, kind)
        })?;
        self.inflate_budget -= inflated.len();
        let mut inner = Reader::new(&inflated);
        let value = self
            .enter(0, |decoder| decoder.boxed(&mut inner, expected))
            .and_then(|value| inner.finish().map(|()| value));
        value.map_err(|e| e.inside_gzip(at))
    }

    /// A boxed vector whose element type the schema does not say (an `rpc_result` of
    /// `Vector<long>`): objects when the first element is an id the schema knows, else `long`s
    /// or `int`s when they fill exactly what is left.
    fn untyped_vector(&mut self, r: &mut Reader) -> Result<Value, DecodeError> {
        let count_at = r.pos;
        let count = self.count(r, 4)?;
        let known = |id: u32| {
            self.schema.by_id.contains_key(&id)
                || [
                    BOOL_TRUE_ID,
                    BOOL_FALSE_ID,
                    VECTOR_ID,
                    envelope::GZIP_PACKED_ID,
                ]
                .contains(&id)
        };
        let elem = if count == 0 || r.peek_u32().is_some_and(known) {
            Ty::Any
        } else if r.remaining() == count * 8 {
            Ty::Long
        } else if r.remaining() == count * 4 {
            Ty::Int
        } else {
            let kind = DecodeErrorKind::UnknownElements {
                count,
                remaining: r.remaining(),
            };
            return Err(r.error(count_at, kind));
        };
        let mut items = Vec::with_capacity(count.min(PREALLOCATED));
        for _ in 0..count {
            items.push(self.value(r, &elem)?);
        }
        Ok(Value::Array(items))
    }

    /// Runs `f` one level deeper; fails past the depth limit.
    /// `offset`: where the object starts, for the error.
    fn enter<T>(
        &mut self,
        offset: usize,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        if self.depth >= self.options.max_depth {
            let max_depth = self.options.max_depth;
            return Err(DecodeError::new(
                offset,
                DecodeErrorKind::TooDeep { max_depth },
            ));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// The fields of definition `index` (its id, if boxed, already read).
    fn object(&mut self, r: &mut Reader, index: usize) -> Result<Value, DecodeError> {
        let schema = self.schema;
        let def = &schema.defs[index];
        self.enter(r.pos, |decoder| match def.special {
            Some(Special::Message) => decoder.message(r, def),
            _ => decoder.fields(r, def),
        })
    }

    fn fields(&mut self, r: &mut Reader, def: &Def) -> Result<Value, DecodeError> {
        let mut object = self.start_object(def);
        // Flag words by parameter index; a condition on a later word reads as unset.
        let mut words = vec![0u32; def.fields.len()];
        for (index, field) in def.fields.iter().enumerate() {
            match &field.kind {
                FieldKind::FlagWord => words[index] = r.u32()?,
                FieldKind::Value { flag, ty } => {
                    let present = flag.is_none_or(|(word, bit)| bit_set(words[word], bit));
                    if *ty == Ty::True {
                        object.insert(field.name.clone(), present.into());
                    } else if present {
                        // A null object (TDLib style) is left out, as TDLib does.
                        let value = self.value(r, ty)?;
                        if !value.is_null() {
                            object.insert(field.name.clone(), value);
                        }
                    }
                }
            }
        }
        Ok(Value::Object(object))
    }

    /// `message msg_id:long seqno:int bytes:int body:Object`: `bytes` is the body's length,
    /// and the body must fill it exactly.
    fn message(&mut self, r: &mut Reader, def: &Def) -> Result<Value, DecodeError> {
        let mut object = self.start_object(def);
        object.insert("msg_id".into(), self.value(r, &Ty::Long)?);
        object.insert("seqno".into(), self.value(r, &Ty::Int)?);
        let length_at = r.pos;
        let length = r.u32()? as usize;
        if length > r.remaining() {
            let kind = DecodeErrorKind::LengthExceedsInput {
                length,
                remaining: r.remaining(),
            };
            return Err(r.error(length_at, kind));
        }
        let outer_end = std::mem::replace(&mut r.end, r.pos + length);
        let body = self
            .boxed(r, None)
            .and_then(|body| r.finish().map(|()| body));
        r.end = outer_end;
        object.insert("body".into(), body?);
        Ok(Value::Object(object))
    }

    fn start_object(&self, def: &Def) -> Map<String, Value> {
        let mut object = Map::with_capacity(def.fields.len() + 1);
        object.insert(
            self.options.style.type_key().into(),
            def.name.clone().into(),
        );
        object
    }
}

/// A `double` as JSON: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`, which JSON has no
/// numbers for.
fn double_value(x: f64) -> Value {
    match serde_json::Number::from_f64(x) {
        Some(number) => Value::Number(number),
        None if x.is_nan() => "NaN".into(),
        None if x > 0.0 => "Infinity".into(),
        None => "-Infinity".into(),
    }
}
