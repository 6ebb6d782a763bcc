//! Bytes to TL JSON. Every length and count is checked against the input before anything is
//! allocated, nesting is bounded by [`Options::max_depth`], and all the `gzip_packed` of one
//! input inflate to at most [`Options::max_inflated`] bytes together.

use serde_json::Value;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::envelope::{self, InflateError, Special};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::output::{Out, Text, Tree};
use crate::schema::{Def, FieldKind, Schema, Ty, TypeRef, bit_set};
use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, Layout, NULL_ID, Options, Style, VECTOR_ID};

impl Schema {
    /// Decodes a boxed object of any type, or a function, found by its id; all the input must
    /// be used.
    pub fn decode_object(&self, bytes: &[u8]) -> Result<Value, DecodeError> {
        self.decode_whole(bytes, &Ty::Any, Want::Any, Tree)
            .map(|(_, value)| value)
    }

    /// Decodes a function (a request), found by its id; all the input must be used.
    pub fn decode_function(&self, bytes: &[u8]) -> Result<Value, DecodeError> {
        self.decode_whole(bytes, &Ty::Any, Want::Function, Tree)
            .map(|(_, value)| value)
    }

    /// Decodes a value of type `ty` ([`Schema::parse_type`]): `Vector<long>`, an answer's
    /// type, a bare constructor; all the input must be used.
    pub fn decode_as(&self, ty: &TypeRef, bytes: &[u8]) -> Result<Value, DecodeError> {
        self.decode_whole(bytes, &ty.0, Want::Any, Tree)
            .map(|(_, value)| value)
    }

    /// As [`Schema::decode_object`], then `serde_json::to_string` (or `to_string_pretty`) of
    /// the value, the same text, written as the bytes decode, without building the value.
    pub fn decode_object_to_string(
        &self,
        bytes: &[u8],
        layout: Layout,
    ) -> Result<String, DecodeError> {
        self.decode_text(bytes, &Ty::Any, Want::Any, layout)
    }

    /// As [`Schema::decode_function`], to text: see [`Schema::decode_object_to_string`].
    pub fn decode_function_to_string(
        &self,
        bytes: &[u8],
        layout: Layout,
    ) -> Result<String, DecodeError> {
        self.decode_text(bytes, &Ty::Any, Want::Function, layout)
    }

    /// As [`Schema::decode_as`], to text: see [`Schema::decode_object_to_string`].
    pub fn decode_as_to_string(
        &self,
        ty: &TypeRef,
        bytes: &[u8],
        layout: Layout,
    ) -> Result<String, DecodeError> {
        self.decode_text(bytes, &ty.0, Want::Any, layout)
    }

    fn decode_text(
        &self,
        bytes: &[u8],
        ty: &Ty,
        want: Want,
        layout: Layout,
    ) -> Result<String, DecodeError> {
        match layout {
            Layout::Compact => self.decode_with(bytes, ty, want, CompactFormatter),
            Layout::Pretty => self.decode_with(bytes, ty, want, PrettyFormatter::new()),
        }
    }

    fn decode_with(
        &self,
        bytes: &[u8],
        ty: &Ty,
        want: Want,
        formatter: impl Formatter + Clone,
    ) -> Result<String, DecodeError> {
        let out = Text::new(formatter, bytes.len());
        Ok(self.decode_whole(bytes, ty, want, out)?.0.into_string())
    }

    fn decode_whole<O: Out>(
        &self,
        bytes: &[u8],
        ty: &Ty,
        want: Want,
        out: O,
    ) -> Result<(O, O::Value), DecodeError> {
        let mut decoder = Decoder {
            schema: self,
            options: &self.options,
            depth: 0,
            inflate_budget: self.options.max_inflated,
            want,
            out,
        };
        let mut reader = Reader::new(bytes);
        let value = decoder.value(&mut reader, ty)?;
        reader.finish()?;
        Ok((decoder.out, value))
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

/// Decodes into `out` ([`Out`]): a value tree or JSON text.
struct Decoder<'s, O> {
    schema: &'s Schema,
    options: &'s Options,
    depth: u32,
    /// Bytes that `gzip_packed` may still inflate to.
    inflate_budget: usize,
    want: Want,
    out: O,
}

impl<O: Out> Decoder<'_, O> {
    fn value(&mut self, r: &mut Reader, ty: &Ty) -> Result<O::Value, DecodeError> {
        Ok(match ty {
            Ty::Int => self.out.int(i32::from_le_bytes(r.array()?).into()),
            Ty::Long => self.out.long(i64::from_le_bytes(r.array()?)),
            Ty::Int53 => {
                let n = i64::from_le_bytes(r.array()?);
                match self.options.style {
                    Style::Tdlib => self.out.int(n),
                    Style::Tl => self.out.long(n),
                }
            }
            Ty::Double => {
                let x = f64::from_le_bytes(r.array()?);
                match non_finite_name(x) {
                    None => self.out.double(x),
                    Some(name) if self.options.style == Style::Tdlib => {
                        // TDLib reads only a number for a double ("Expected Number").
                        let kind = DecodeErrorKind::NonFiniteDouble(name.to_owned());
                        return Err(r.error(r.pos - 8, kind));
                    }
                    Some(name) => self.out.str(name),
                }
            }
            Ty::Nat => self.out.int(r.u32()?.into()),
            Ty::String => {
                let bytes = r.bytes()?;
                // `from_utf8_lossy` checks valid text more slowly than `from_utf8`.
                match std::str::from_utf8(bytes) {
                    Ok(text) => self.out.str(text),
                    Err(_) => self.out.str(&String::from_utf8_lossy(bytes)),
                }
            }
            Ty::Bytes => self.out.base64(r.bytes()?),
            Ty::Bool => match r.u32()? {
                BOOL_TRUE_ID => self.out.bool(true),
                BOOL_FALSE_ID => self.out.bool(false),
                id => return Err(r.error(r.pos - 4, DecodeErrorKind::InvalidBool { id })),
            },
            Ty::True => self.out.bool(true),
            Ty::Fixed(width) => self.out.hex(r.take(*width)?),
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

    fn vector(&mut self, r: &mut Reader, boxed: bool, elem: &Ty) -> Result<O::Value, DecodeError> {
        if boxed {
            let id = r.u32()?;
            if id != VECTOR_ID {
                return Err(self.unexpected(r, "Vector", id));
            }
        }
        let count = self.count(r, self.min_len(elem, 0))?;
        self.elements(r, count, elem)
    }

    /// `count` values of `elem`, as an array.
    fn elements(
        &mut self,
        r: &mut Reader,
        count: usize,
        elem: &Ty,
    ) -> Result<O::Value, DecodeError> {
        let mut array = self.out.begin_array(count.min(PREALLOCATED));
        for _ in 0..count {
            self.out.before_element(&mut array);
            let value = self.value(r, elem)?;
            self.out.push(&mut array, value);
        }
        Ok(self.out.end_array(array))
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
    fn boxed(&mut self, r: &mut Reader, expected: Option<&str>) -> Result<O::Value, DecodeError> {
        let at = r.pos;
        let id = r.u32()?;
        if id == envelope::GZIP_PACKED_ID {
            return self.gzip_packed(r, at, expected);
        }
        if id == NULL_ID && self.options.style.nullable_objects() {
            return Ok(self.out.null());
        }
        if expected.is_none() {
            match id {
                BOOL_TRUE_ID => return Ok(self.out.bool(true)),
                BOOL_FALSE_ID => return Ok(self.out.bool(false)),
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
    fn boxed_bare(&mut self, r: &mut Reader, index: usize) -> Result<O::Value, DecodeError> {
        let def = &self.schema.defs[index];
        match r.u32()? {
            NULL_ID => Ok(self.out.null()),
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
    ) -> Result<O::Value, DecodeError> {
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
    fn untyped_vector(&mut self, r: &mut Reader) -> Result<O::Value, DecodeError> {
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
        self.elements(r, count, &elem)
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
    fn object(&mut self, r: &mut Reader, index: usize) -> Result<O::Value, DecodeError> {
        let schema = self.schema;
        let def = &schema.defs[index];
        self.enter(r.pos, |decoder| match def.special {
            Some(Special::Message) => decoder.message(r, def),
            _ if def.repeated_keys => decoder.through_tree(|tree| tree.fields(r, def)),
            _ => decoder.fields(r, def),
        })
    }

    /// What `f` decodes as a value tree, given to `out`: for an object whose keys repeat
    /// (anonymous parameters, a parameter named as the type key), which text written as it
    /// decodes would repeat, where the tree keeps each key once, at its first place, with
    /// its last value.
    fn through_tree(
        &mut self,
        f: impl FnOnce(&mut Decoder<'_, Tree>) -> Result<Value, DecodeError>,
    ) -> Result<O::Value, DecodeError> {
        let mut tree = Decoder {
            schema: self.schema,
            options: self.options,
            depth: self.depth,
            inflate_budget: self.inflate_budget,
            want: self.want,
            out: Tree,
        };
        let value = f(&mut tree);
        self.inflate_budget = tree.inflate_budget;
        self.want = tree.want;
        Ok(self.out.tree(value?))
    }

    fn fields(&mut self, r: &mut Reader, def: &Def) -> Result<O::Value, DecodeError> {
        let mut object = self.start_object(def);
        // Flag words by parameter index; a condition on a later word reads as unset. On the
        // stack for the definitions of real schemas.
        let mut few = [0u32; 32];
        let mut many = Vec::new();
        let words = match few.get_mut(..def.fields.len()) {
            Some(words) => words,
            None => {
                many.resize(def.fields.len(), 0);
                &mut many[..]
            }
        };
        for (index, field) in def.fields.iter().enumerate() {
            match &field.kind {
                FieldKind::FlagWord => words[index] = r.u32()?,
                FieldKind::Value { flag, ty } => {
                    let present = flag.is_none_or(|(word, bit)| bit_set(words[word], bit));
                    if *ty == Ty::True {
                        self.out.key(&mut object, &field.name);
                        let value = self.out.bool(present);
                        self.out.insert(&mut object, &field.name, value);
                    } else if present {
                        self.out.key(&mut object, &field.name);
                        let value = self.value(r, ty)?;
                        // A null object (TDLib style) is left out, as TDLib does.
                        if O::is_null(&value) {
                            self.out.forget(&mut object);
                        } else {
                            self.out.insert(&mut object, &field.name, value);
                        }
                    }
                }
            }
        }
        Ok(self.out.end_object(object))
    }

    /// `message msg_id:long seqno:int bytes:int body:Object`: `bytes` is the body's length,
    /// and the body must fill it exactly.
    fn message(&mut self, r: &mut Reader, def: &Def) -> Result<O::Value, DecodeError> {
        let mut object = self.start_object(def);
        for (key, ty) in [("msg_id", Ty::Long), ("seqno", Ty::Int)] {
            self.out.key(&mut object, key);
            let value = self.value(r, &ty)?;
            self.out.insert(&mut object, key, value);
        }
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
        self.out.key(&mut object, "body");
        let body = self
            .boxed(r, None)
            .and_then(|body| r.finish().map(|()| body));
        r.end = outer_end;
        self.out.insert(&mut object, "body", body?);
        Ok(self.out.end_object(object))
    }

    fn start_object(&mut self, def: &Def) -> O::Object {
        let type_key = self.options.style.type_key();
        self.out
            .begin_object(type_key, &def.name, def.fields.len() + 1)
    }
}

/// The name of a `double` that JSON has no number for: `"NaN"`, `"Infinity"`, `"-Infinity"`.
fn non_finite_name(x: f64) -> Option<&'static str> {
    match x {
        _ if x.is_finite() => None,
        _ if x.is_nan() => Some("NaN"),
        _ if x > 0.0 => Some("Infinity"),
        _ => Some("-Infinity"),
    }
}
