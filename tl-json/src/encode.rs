//! TL JSON to bytes. Errors name the JSON path of the value at fault.

use serde_json::{Map, Value};

use crate::envelope::Special;
use crate::error::EncodeError;
use crate::schema::{Def, FieldKind, Schema, Ty, TypeRef, bit_set};
use crate::text::{base64_decode, hex_decode};
use crate::{BOOL_FALSE_ID, BOOL_TRUE_ID, NULL_ID, Options, Style, VECTOR_ID};

impl Schema {
    /// Encodes an object of any type, or a function, named by its `"_"` (`"@type"` in the
    /// TDLib style), with its id.
    pub fn encode(&self, value: &Value) -> Result<Vec<u8>, EncodeError> {
        self.encode_ty(value, &Ty::Any)
    }

    /// Encodes a value of type `ty` ([`Schema::parse_type`]).
    pub fn encode_as(&self, ty: &TypeRef, value: &Value) -> Result<Vec<u8>, EncodeError> {
        self.encode_ty(value, &ty.0)
    }

    fn encode_ty(&self, value: &Value, ty: &Ty) -> Result<Vec<u8>, EncodeError> {
        let mut encoder = Encoder {
            schema: self,
            options: &self.options,
            out: Vec::new(),
            path: Vec::new(),
            depth: 0,
        };
        encoder.value(value, ty)?;
        Ok(encoder.out)
    }
}

/// A step of a JSON path.
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

struct Encoder<'s, 'v> {
    schema: &'s Schema,
    options: &'s Options,
    out: Vec<u8>,
    path: Vec<Step<'v>>,
    depth: u32,
}

impl<'v> Encoder<'_, 'v> {
    fn error(&self, message: impl Into<String>) -> EncodeError {
        let mut path = String::from("$");
        for step in &self.path {
            match step {
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(index) => path.push_str(&format!("[{index}]")),
            }
        }
        EncodeError {
            path,
            message: message.into(),
        }
    }

    /// Encodes `value` one step down the path.
    fn at(&mut self, step: Step<'v>, value: &'v Value, ty: &Ty) -> Result<(), EncodeError> {
        self.path.push(step);
        self.value(value, ty)?;
        self.path.pop();
        Ok(())
    }

    fn u32(&mut self, word: u32) {
        self.out.extend_from_slice(&word.to_le_bytes());
    }

    fn value(&mut self, value: &'v Value, ty: &Ty) -> Result<(), EncodeError> {
        match ty {
            Ty::Int => {
                let n = value.as_i64().and_then(|n| i32::try_from(n).ok());
                let n = n.ok_or_else(|| self.error("expected a number for int (32 bits)"))?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            Ty::Nat => {
                let n = value.as_u64().and_then(|n| u32::try_from(n).ok());
                let n = n.ok_or_else(|| self.error("expected a number from 0 to 2^32-1 for #"))?;
                self.u32(n);
            }
            Ty::Long => self.long(value, "long")?,
            Ty::Int53 => self.long(value, "int53")?,
            Ty::Double => {
                // TDLib reads only a number for a double: no "NaN" in the TDLib style.
                let number_only = self.options.style == Style::Tdlib && !value.is_number();
                let x = double(value).filter(|_| !number_only);
                let x = x.ok_or_else(|| self.error("expected a number for double"))?;
                self.out.extend_from_slice(&x.to_le_bytes());
            }
            Ty::String => {
                let text = value.as_str();
                let text = text.ok_or_else(|| self.error("expected a string"))?;
                self.bytes(text.as_bytes())?;
            }
            Ty::Bytes => {
                // With its padding, as written: TDLib refuses base64 without it.
                let text = value.as_str().filter(|t| t.len().is_multiple_of(4));
                let bytes = text.and_then(base64_decode);
                let bytes =
                    bytes.ok_or_else(|| self.error("expected base64 (padded) for bytes"))?;
                self.bytes(&bytes)?;
            }
            Ty::Bool => match value {
                Value::Bool(b) => self.u32(if *b { BOOL_TRUE_ID } else { BOOL_FALSE_ID }),
                _ => return Err(self.error("expected true or false for Bool")),
            },
            Ty::True if value.is_boolean() => {}
            Ty::True => return Err(self.error("expected true or false")),
            Ty::Fixed(width) => {
                let bytes = value.as_str().and_then(hex_decode);
                let bytes = bytes.filter(|b| b.len() == *width).ok_or_else(|| {
                    let digits = width * 2;
                    self.error(format!("expected {digits} hex digits for int{}", width * 8))
                })?;
                self.out.extend_from_slice(&bytes);
            }
            Ty::Vector { boxed, elem } => self.vector(value, *boxed, Some(elem.as_ref()))?,
            Ty::Boxed(_) | Ty::Bare(_) | Ty::Any if value.is_null() && self.nullable(ty) => {
                self.u32(NULL_ID)
            }
            Ty::Boxed(name) => self.object(value, Some(name))?,
            Ty::Any => match value {
                Value::Bool(b) => self.u32(if *b { BOOL_TRUE_ID } else { BOOL_FALSE_ID }),
                Value::Array(_) => self.vector(value, true, None)?,
                _ => self.object(value, None)?,
            },
            Ty::Bare(index) if self.options.style.nullable_objects() => {
                self.u32(self.schema.defs[*index].id);
                self.bare(value, *index)?
            }
            Ty::Bare(index) => self.bare(value, *index)?,
            Ty::Unsupported(reason) => {
                return Err(self.error(format!("cannot encode {reason}")));
            }
        }
        Ok(())
    }

    /// Whether a value of `ty` may be null (`null`, or a field left out): an object, in a
    /// style that lets objects be null.
    fn nullable(&self, ty: &Ty) -> bool {
        self.options.style.nullable_objects() && matches!(ty, Ty::Boxed(_) | Ty::Bare(_) | Ty::Any)
    }

    fn bytes(&mut self, data: &[u8]) -> Result<(), EncodeError> {
        if data.len() > MAX_BYTES_LEN {
            return Err(self.error("longer than the 16 MiB that a TL length can say"));
        }
        write_bytes(&mut self.out, data);
        Ok(())
    }

    /// `long`, `int64` and `int53`: a decimal string; `int53` as a number in the TDLib style.
    fn long(&mut self, value: &Value, ty: &str) -> Result<(), EncodeError> {
        let n = match value {
            Value::String(text) => text.parse::<i64>().ok(),
            Value::Number(n) if ty == "int53" => n.as_i64(),
            _ => None,
        };
        let n = n.ok_or_else(|| match (ty, self.options.style) {
            ("int53", Style::Tdlib) => self.error("expected a number for int53"),
            _ => self.error(format!("expected a decimal string for {ty}")),
        })?;
        self.out.extend_from_slice(&n.to_le_bytes());
        Ok(())
    }

    /// A vector of `elem`, or of what each element looks like (an object, a decimal string
    /// for `long`, a number for `int`) when the schema does not say.
    fn vector(
        &mut self,
        value: &'v Value,
        boxed: bool,
        elem: Option<&Ty>,
    ) -> Result<(), EncodeError> {
        let items = value
            .as_array()
            .ok_or_else(|| self.error("expected an array"))?;
        if boxed {
            self.u32(VECTOR_ID);
        }
        let count = u32::try_from(items.len()).map_err(|_| self.error("too many elements"))?;
        self.u32(count);
        for (index, item) in items.iter().enumerate() {
            let guessed = match item {
                Value::String(_) => Ty::Long,
                Value::Number(_) => Ty::Int,
                _ => Ty::Any,
            };
            self.at(Step::Index(index), item, elem.unwrap_or(&guessed))?;
        }
        Ok(())
    }

    /// A boxed object: of type `expected`, or of any type.
    fn object(&mut self, value: &'v Value, expected: Option<&str>) -> Result<(), EncodeError> {
        let key = self.options.style.type_key();
        let name = value.get(key).and_then(Value::as_str);
        let Some(name) = name.filter(|_| value.is_object()) else {
            let what = expected.unwrap_or("any type");
            return Err(self.error(format!(
                "expected an object with \"{key}\" naming a constructor of {what}"
            )));
        };
        let candidates = self.schema.by_name.get(name).map_or(&[][..], Vec::as_slice);
        let found = candidates.iter().copied().find(|&index| {
            let def = &self.schema.defs[index];
            expected.is_none_or(|ty| !def.function && def.result == ty)
        });
        let Some(index) = found else {
            return Err(self.error(match (candidates.first(), expected) {
                (None, _) => format!("unknown constructor `{name}`"),
                (Some(&other), Some(ty)) => {
                    let result = &self.schema.defs[other].result;
                    format!("`{name}` is a constructor of {result}, not of {ty}")
                }
                (Some(_), None) => format!("`{name}` cannot be encoded here"),
            }));
        };
        self.u32(self.schema.defs[index].id);
        self.bare(value, index)
    }

    /// The fields of definition `index`, without its id.
    fn bare(&mut self, value: &'v Value, index: usize) -> Result<(), EncodeError> {
        let schema = self.schema;
        let def = &schema.defs[index];
        let key = self.options.style.type_key();
        let Some(object) = value.as_object() else {
            return Err(self.error(format!("expected an object for `{}`", def.name)));
        };
        if let Some(name) = object.get(key)
            && name.as_str() != Some(def.name.as_str())
        {
            return Err(self.error(format!("expected \"{key}\": \"{}\"", def.name)));
        }
        if self.depth >= self.options.max_depth {
            let max_depth = self.options.max_depth;
            return Err(self.error(format!("objects nested deeper than {max_depth} levels")));
        }
        self.depth += 1;
        self.check_keys(object, def)?;
        match def.special {
            Some(Special::Message) => self.message(object, def)?,
            _ => self.fields(object, def)?,
        }
        self.depth -= 1;
        Ok(())
    }

    /// Every key is a field of `def` (or the type key, or `@extra` in the TDLib style).
    fn check_keys(&self, object: &'v Map<String, Value>, def: &Def) -> Result<(), EncodeError> {
        let key = self.options.style.type_key();
        let tdlib = self.options.style == Style::Tdlib;
        let unknown = object.keys().find(|k| {
            *k != key && !(tdlib && *k == "@extra") && !def.fields.iter().any(|f| f.name == **k)
        });
        match unknown {
            Some(unknown) => {
                let mut at = self.error(format!("unknown field of `{}`", def.name));
                at.path = format!("{}.{unknown}", at.path);
                Err(at)
            }
            None => Ok(()),
        }
    }

    fn fields(&mut self, object: &'v Map<String, Value>, def: &Def) -> Result<(), EncodeError> {
        let words = self.flag_words(object, def)?;
        for (index, field) in def.fields.iter().enumerate() {
            let (flag, ty) = match &field.kind {
                FieldKind::FlagWord => {
                    self.u32(words[index]);
                    continue;
                }
                FieldKind::Value { flag, ty } => (flag, ty),
            };
            let entry = object.get_key_value(&field.name);
            match (flag, entry.filter(|(_, v)| !v.is_null())) {
                (_, _) if *ty == Ty::True && flag.is_some() => {}
                (Some((word, bit)), _) if !bit_set(words[*word], *bit) => {}
                (_, Some((key, value))) => self.at(Step::Key(key), value, ty)?,
                (None, None) if self.nullable(ty) => self.u32(NULL_ID),
                (Some(_), None) => {
                    // Set by another field on the same bit: its zero value.
                    let zero = zero_value(ty).unwrap_or_default();
                    self.out.extend_from_slice(&zero);
                }
                (None, None) => {
                    return Err(
                        self.error(format!("missing field `{}` of `{}`", field.name, def.name))
                    );
                }
            }
        }
        Ok(())
    }

    /// The flag words of `def` by parameter index: a bit is set when a field on it is present
    /// (a `flags.N?true` when `true`). Fields sharing a bit are written together, the missing
    /// ones as zero values; a missing one without a zero value (an object) is an error.
    fn flag_words(&self, object: &Map<String, Value>, def: &Def) -> Result<Vec<u32>, EncodeError> {
        let mut words = vec![0u32; def.fields.len()];
        for field in &def.fields {
            let FieldKind::Value {
                flag: Some((word, bit)),
                ty,
            } = &field.kind
            else {
                continue;
            };
            let value = object.get(&field.name).filter(|v| !v.is_null());
            let present = match (ty, value) {
                (Ty::True, Some(Value::Bool(on))) => *on,
                (Ty::True, Some(_)) => {
                    let mut at = self.error("expected true or false");
                    at.path = format!("{}.{}", at.path, field.name);
                    return Err(at);
                }
                (_, value) => value.is_some(),
            };
            if present && *bit < 32 {
                words[*word] |= 1 << bit;
            }
        }
        for field in &def.fields {
            if let FieldKind::Value {
                flag: Some((word, bit)),
                ty,
            } = &field.kind
                && bit_set(words[*word], *bit)
                && *ty != Ty::True
                && object.get(&field.name).is_none_or(Value::is_null)
                && zero_value(ty).is_none()
            {
                return Err(self.error(format!(
                    "missing field `{}` of `{}`, which shares its flag bit with a field given",
                    field.name, def.name
                )));
            }
        }
        Ok(words)
    }

    /// `message`: `bytes` is the length of the body, computed.
    fn message(&mut self, object: &'v Map<String, Value>, def: &Def) -> Result<(), EncodeError> {
        let field = |name: &str| {
            object
                .get_key_value(name)
                .ok_or_else(|| self.error(format!("missing field `{name}` of `{}`", def.name)))
        };
        let (msg_id, seqno, body) = (field("msg_id")?, field("seqno")?, field("body")?);
        self.at(Step::Key(msg_id.0), msg_id.1, &Ty::Long)?;
        self.at(Step::Key(seqno.0), seqno.1, &Ty::Int)?;
        let length_at = self.out.len();
        self.u32(0);
        self.at(Step::Key(body.0), body.1, &Ty::Any)?;
        let length = (self.out.len() - length_at - 4) as u32;
        self.out[length_at..length_at + 4].copy_from_slice(&length.to_le_bytes());
        Ok(())
    }
}

/// A `double` from a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
fn double(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// The encoding of a type's zero value, for the types that have one.
fn zero_value(ty: &Ty) -> Option<Vec<u8>> {
    Some(match ty {
        Ty::Int | Ty::Nat | Ty::String | Ty::Bytes => vec![0; 4],
        Ty::Long | Ty::Int53 | Ty::Double => vec![0; 8],
        Ty::Fixed(width) => vec![0; *width],
        Ty::Bool => BOOL_FALSE_ID.to_le_bytes().to_vec(),
        Ty::Vector { boxed: true, .. } => [VECTOR_ID.to_le_bytes(), [0; 4]].concat(),
        Ty::Vector { boxed: false, .. } => vec![0; 4],
        Ty::True => Vec::new(),
        _ => return None,
    })
}

/// The longest `string` or `bytes`: TL lengths have 24 bits.
const MAX_BYTES_LEN: usize = 0xff_ffff;

/// A `string`/`bytes` body (at most [`MAX_BYTES_LEN`]): length prefix, data, zero padding to
/// a multiple of 4.
fn write_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let header = if data.len() < 254 {
        out.push(data.len() as u8);
        1
    } else {
        out.push(254);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
        4
    };
    out.extend_from_slice(data);
    let padding = (4 - (header + data.len()) % 4) % 4;
    out.extend_from_slice(&[0; 3][..padding]);
}
