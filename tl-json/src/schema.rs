//! The loaded schema: every definition with its fields resolved to wire types ([`Ty`]), found
//! by id (to decode) and by name (to encode).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use tl_parser::{Category, Convention, Definition, ParamKind, Type, words_width};

use crate::envelope::{self, Special};
use crate::error::Error;
use crate::{Options, Style};

/// The wire type of a field, a vector element or a whole value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    Int,
    /// `long`, `int64`.
    Long,
    /// TDLib's `int53`: a number in the TDLib style, a decimal string in the TL style.
    Int53,
    Double,
    /// A `#` that is not a flag word: a number.
    Nat,
    String,
    Bytes,
    Bool,
    /// `true`: nothing on the wire (a `flags.N?true` is its bit).
    True,
    /// `int128`, `int256`, a declared `int512 16*[ int ]`: so many bytes.
    Fixed(usize),
    Vector {
        boxed: bool,
        elem: Box<Ty>,
    },
    /// A boxed type by its full name: an id, then a constructor of that type.
    Boxed(String),
    /// A bare constructor (index of its definition): its fields without an id.
    Bare(usize),
    /// `Object`, `!X`: any constructor or function, by its id.
    Any,
    /// A type this codec cannot read or write, and why.
    Unsupported(String),
}

/// A parameter of a definition.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub kind: FieldKind,
}

#[derive(Debug, Clone)]
pub(crate) enum FieldKind {
    /// A `#` that conditions refer to: computed, not in the JSON.
    FlagWord,
    /// A value, present when its flag bit (word parameter index, bit) is set, if it has one.
    Value { flag: Option<(usize, u32)>, ty: Ty },
}

#[derive(Debug, Clone)]
pub(crate) struct Def {
    pub name: String,
    pub id: u32,
    pub function: bool,
    /// The full name of the boxed type a constructor builds (a function's result type).
    pub result: String,
    pub fields: Vec<Field>,
    pub special: Option<Special>,
    /// Whether two of its values have one key (anonymous parameters, a repeated name) or one
    /// has a type key's (`_`, `@type`): its JSON object keeps each key once.
    pub repeated_keys: bool,
}

/// Hashes constructor ids, which are CRC32s, already spread: a multiplication spreads them
/// over the high bits too, which the table compares first, for much less than SipHash
/// (decoding looks up every object's id). The keys are the schema's, not the input's.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write_u32(&mut self, id: u32) {
        self.0 = u64::from(id).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    /// Only ids are hashed; anything else, byte by byte.
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Schemas loaded for encoding and decoding: see the crate documentation.
#[derive(Debug, Clone)]
pub struct Schema {
    pub(crate) defs: Vec<Def>,
    pub(crate) by_id: HashMap<u32, usize, BuildHasherDefault<IdHasher>>,
    /// The current definitions by full name: constructors first, then functions.
    pub(crate) by_name: HashMap<String, Vec<usize>>,
    /// Ids that other layers give names to: a decoding error names them.
    pub(crate) other_ids: HashMap<u32, String>,
    pub(crate) layer: Option<u32>,
    pub(crate) options: Options,
}

impl Schema {
    /// Reads and parses the files (e.g. `api.tl` and `mtproto.tl`), as one schema.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Schema, Error> {
        let mut sources = Vec::with_capacity(paths.len());
        for path in paths {
            let path = path.as_ref();
            let text = std::fs::read_to_string(path).map_err(|error| Error::Read {
                path: path.to_owned(),
                error,
            })?;
            sources.push((path.display().to_string(), text));
        }
        let named: Vec<(&str, &str)> = sources.iter().map(|(n, t)| (&**n, &**t)).collect();
        Schema::from_sources(&named)
    }

    /// As [`Schema::load`], from `(file name, text)` pairs.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Schema, Error> {
        let options = tl_parser::Options::default();
        let mut parsed = Vec::with_capacity(sources.len());
        for (name, text) in sources {
            let schema = tl_parser::parse(name, text, &options)
                .map_err(|report| Error::Parse(report.to_string()))?;
            parsed.push(schema);
        }
        Ok(Schema::from_parsed(&parsed))
    }

    /// From schemas parsed by `tl_parser`. Written ids are taken as they are (a mismatch
    /// with the computed id does not matter on the wire). MTProto's envelopes (`message`,
    /// `msg_container`, `rpc_result`, `gzip_packed`) are added unless the schemas define them.
    pub fn from_parsed(schemas: &[tl_parser::Schema<'_>]) -> Schema {
        let envelopes = envelope::definitions();
        let mut all: Vec<&Definition> = Vec::new();
        let mut conventions = Vec::new();
        for schema in schemas {
            all.extend(&schema.definitions);
            conventions.extend(schema.definitions.iter().map(|_| schema.convention));
        }
        let defined: Vec<String> = all.iter().map(|d| d.full_name()).collect();
        all.extend(
            envelopes
                .definitions
                .iter()
                .filter(|d| !defined.contains(&d.full_name())),
        );
        // The envelopes have no `#`: any convention will do.
        conventions.resize(all.len(), Convention::TlParser);
        let mut schema = Resolver::new(&all, conventions).resolve();
        schema.hide_envelope_message();
        schema.layer = schemas.iter().rev().find_map(|s| s.layer);
        schema
    }

    /// Gives `mtproto.message` its name, `message`, and takes it out of the lookups by name
    /// and id: it has no id on the wire and is reached only through `msg_container`.
    fn hide_envelope_message(&mut self) {
        let Some(index) = self.by_name.remove(envelope::MESSAGE) else {
            return;
        };
        for index in index {
            let def = &mut self.defs[index];
            "message".clone_into(&mut def.name);
            if self.by_id.get(&def.id) == Some(&index) {
                self.by_id.remove(&def.id);
            }
        }
    }

    /// Encoding and decoding with `options` (style, limits).
    #[must_use]
    pub fn with_options(mut self, options: Options) -> Schema {
        self.options = options;
        self
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The layer of the schemas (`// LAYER N`, the last `===N===` section), if they say it.
    pub fn layer(&self) -> Option<u32> {
        self.layer
    }

    /// The TL name of a constructor or function id of the schemas.
    pub fn name_for_id(&self, id: u32) -> Option<&str> {
        self.by_id.get(&id).map(|&d| self.defs[d].name.as_str())
    }

    /// Names ids that the schemas do not have (from other layers: `(0x979d2376, "userFull of
    /// layer 195")`), for decoding errors to say what an unexpected id is.
    pub fn add_other_ids(&mut self, ids: impl IntoIterator<Item = (u32, String)>) {
        for (id, description) in ids {
            if !self.by_id.contains_key(&id) {
                self.other_ids.insert(id, description);
            }
        }
    }

    /// What an id is, for an error: its name here or in another layer.
    pub(crate) fn describe_id(&self, id: u32) -> Option<String> {
        let builtin = match id {
            crate::BOOL_TRUE_ID => Some("boolTrue"),
            crate::BOOL_FALSE_ID => Some("boolFalse"),
            crate::VECTOR_ID => Some("vector"),
            _ => self.name_for_id(id),
        };
        builtin
            .map(str::to_owned)
            .or_else(|| self.other_ids.get(&id).cloned())
    }

    /// Resolves a type expression (`messages.Messages`, `Vector<long>`, `%Message`,
    /// `int256`) for [`Schema::decode_as`] and [`Schema::encode_as`].
    pub fn parse_type(&self, text: &str) -> Result<TypeRef, Error> {
        let ty = parse_type_expression(text)
            .and_then(|ty| self.resolve_named(&ty))
            .map_err(|reason| Error::Type {
                text: text.to_owned(),
                reason,
            })?;
        Ok(TypeRef(ty))
    }

    fn resolve_named(&self, expr: &TypeExpr) -> Result<Ty, String> {
        let names: HashMap<&str, usize> = self
            .by_name
            .iter()
            .filter_map(|(name, defs)| Some((name.as_str(), *defs.first()?)))
            .collect();
        let types = type_constructors(self.defs.iter().filter(|d| !d.function));
        let resolver = TypeResolver {
            names: &names,
            types: &types,
            defs: &self.defs,
        };
        let ty = resolver.resolve(expr, &[]);
        let mut inner = &ty;
        while let Ty::Vector { elem, .. } = inner {
            inner = elem;
        }
        match inner {
            Ty::Unsupported(reason) => Err(reason.clone()),
            _ => Ok(ty),
        }
    }
}

/// A resolved type expression: see [`Schema::parse_type`].
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRef(pub(crate) Ty);

/// A type expression, from a schema or from [`Schema::parse_type`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeExpr {
    pub name: String,
    pub bare_marker: bool,
    pub generic_ref: bool,
    pub args: Vec<TypeExpr>,
}

impl TypeExpr {
    fn from_parsed(ty: &Type) -> TypeExpr {
        TypeExpr {
            name: ty.full_name(),
            bare_marker: ty.bare_marker,
            generic_ref: ty.generic_ref,
            args: ty.args.iter().map(TypeExpr::from_parsed).collect(),
        }
    }
}

/// `Vector<Vector<long>>`, `%Message`, `ns.Type`.
fn parse_type_expression(text: &str) -> Result<TypeExpr, String> {
    let (expr, rest) = parse_type_prefix(text.trim())?;
    match rest.trim() {
        "" => Ok(expr),
        rest => Err(format!("unexpected `{rest}` after the type")),
    }
}

fn parse_type_prefix(text: &str) -> Result<(TypeExpr, &str), String> {
    let text = text.trim_start();
    let (bare_marker, text) = match text.strip_prefix('%') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    if end == 0 {
        return Err("expected a type name".to_owned());
    }
    let (name, mut rest) = text.split_at(end);
    let mut args = Vec::new();
    if let Some(inner) = rest.trim_start().strip_prefix('<') {
        let (arg, after) = parse_type_prefix(inner)?;
        args.push(arg);
        rest = after
            .trim_start()
            .strip_prefix('>')
            .ok_or_else(|| "expected `>`".to_owned())?;
    }
    let expr = TypeExpr {
        name: name.to_owned(),
        bare_marker,
        generic_ref: false,
        args,
    };
    Ok((expr, rest))
}

/// The widest fixed-width integer or repetition read, as tl-codegen's limit: real schemas
/// stop at 256 bytes (tgl's `key:64*[int]`).
const MAX_FIXED_WIDTH: usize = 4096;

/// The width of a declared fixed-width integer (`int512 16*[ int ] = Int512`): a constructor
/// of only anonymous `int`s and `long`s.
fn declared_width(def: &Definition) -> Option<usize> {
    let fits = def.category == Category::Type && !def.params.is_empty();
    words_width(&def.params).filter(|&w| fits && w > 0 && w <= MAX_FIXED_WIDTH)
}

/// The current constructors of each boxed type, by full name.
fn type_constructors<'d>(defs: impl Iterator<Item = &'d Def>) -> HashMap<String, Vec<String>> {
    let mut types: HashMap<String, Vec<String>> = HashMap::new();
    for def in defs {
        let names = types.entry(def.result.clone()).or_default();
        if !names.contains(&def.name) {
            names.push(def.name.clone());
        }
    }
    types
}

struct Resolver<'a, 'd> {
    all: &'a [&'a Definition<'d>],
    /// The convention of the schema of each of `all`, which says what a `#` is.
    conventions: Vec<Convention>,
    /// Indexes into `all` of the definitions that become objects.
    kept: Vec<usize>,
    widths: HashMap<String, usize>,
}

impl<'a, 'd> Resolver<'a, 'd> {
    fn new(all: &'a [&'a Definition<'d>], conventions: Vec<Convention>) -> Self {
        let mut widths: HashMap<String, usize> = [("int128", 16), ("int256", 32), ("int512", 64)]
            .into_iter()
            .map(|(n, w)| (n.to_owned(), w))
            .collect();
        let mut kept = Vec::new();
        for (index, def) in all.iter().enumerate() {
            if let Some(width) = declared_width(def) {
                widths.insert(def.full_name(), width);
            } else if !def.is_primitive() {
                kept.push(index);
            }
        }
        Resolver {
            all,
            conventions,
            kept,
            widths,
        }
    }

    fn resolve(self) -> Schema {
        let mut defs: Vec<Def> = self
            .kept
            .iter()
            .map(|&i| {
                let d = self.all[i];
                Def {
                    name: d.full_name(),
                    id: d.id(),
                    function: d.category == Category::Function,
                    result: d.result.full_name(),
                    fields: Vec::new(),
                    special: envelope::special(&d.full_name(), d.id()),
                    repeated_keys: false,
                }
            })
            .collect();
        // The last definition of a name is the current one (`===N===` sections).
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, def) in defs.iter().enumerate().filter(|(_, d)| !d.function) {
            names.insert(&def.name, index);
        }
        for (index, def) in defs.iter().enumerate() {
            let list = by_name.entry(def.name.clone()).or_default();
            list.retain(|&i| defs[i].function != def.function);
            list.push(index);
            list.sort_by_key(|&i| defs[i].function);
        }
        let current_ctors = defs
            .iter()
            .enumerate()
            .filter(|(i, d)| !d.function && names.get(d.name.as_str()) == Some(i))
            .map(|(_, d)| d);
        let types = type_constructors(current_ctors);
        let fields: Vec<Vec<Field>> = {
            let resolver = TypeResolver {
                names: &names,
                types: &types,
                defs: &defs,
            };
            self.kept
                .iter()
                .map(|&i| resolver.fields(self.all[i], &self.widths, self.conventions[i]))
                .collect()
        };
        for (def, fields) in defs.iter_mut().zip(fields) {
            def.repeated_keys = repeated_keys(&fields);
            def.fields = fields;
        }
        let by_id = defs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        Schema {
            defs,
            by_id,
            by_name,
            other_ids: HashMap::new(),
            layer: None,
            options: Options::default(),
        }
    }
}

struct TypeResolver<'r> {
    /// Current constructors by full name.
    names: &'r HashMap<&'r str, usize>,
    /// Current constructor names of each boxed type.
    types: &'r HashMap<String, Vec<String>>,
    defs: &'r [Def],
}

impl TypeResolver<'_> {
    fn fields(
        &self,
        def: &Definition,
        widths: &HashMap<String, usize>,
        convention: Convention,
    ) -> Vec<Field> {
        let generics: Vec<&str> = def.generics.iter().map(|g| g.name).collect();
        let flag_word = |name: &str| {
            def.params
                .iter()
                .position(|p| p.name == Some(name) && p.kind == ParamKind::Nat)
        };
        let used_as_flags = |index: usize| {
            def.params.iter().any(|p| match &p.kind {
                ParamKind::Typed {
                    condition: Some(c), ..
                } => flag_word(c.field) == Some(index),
                _ => false,
            })
        };
        def.params
            .iter()
            .enumerate()
            .map(|(index, param)| {
                let name = param.name.unwrap_or_default().to_owned();
                let kind = match &param.kind {
                    ParamKind::Nat
                        if used_as_flags(index) || convention.is_flag_word_name(&name) =>
                    {
                        FieldKind::FlagWord
                    }
                    ParamKind::Nat => FieldKind::Value {
                        flag: None,
                        ty: Ty::Nat,
                    },
                    ParamKind::Typed { condition, ty } => {
                        let expr = TypeExpr::from_parsed(ty);
                        let mut ty = self.resolve(&expr, &generics);
                        if let Some(&w) = widths.get(&expr.name).filter(|_| expr.args.is_empty()) {
                            ty = Ty::Fixed(w);
                        }
                        let flag = condition.as_ref().and_then(|c| {
                            let word = flag_word(c.field);
                            if word.is_none() {
                                ty = Ty::Unsupported(format!("no `{}:#` before it", c.field));
                            }
                            Some((word?, c.bit))
                        });
                        FieldKind::Value { flag, ty }
                    }
                    ParamKind::Repeated { .. } => FieldKind::Value {
                        flag: None,
                        ty: match words_width(std::slice::from_ref(param)) {
                            Some(width) if width <= MAX_FIXED_WIDTH => Ty::Fixed(width),
                            _ => Ty::Unsupported(format!("the repetition `{param}`")),
                        },
                    },
                };
                Field { name, kind }
            })
            .collect()
    }

    fn resolve(&self, expr: &TypeExpr, generics: &[&str]) -> Ty {
        if expr.generic_ref || generics.contains(&expr.name.as_str()) {
            return Ty::Any;
        }
        if expr.name == "Vector" || expr.name == "vector" {
            return match expr.args.as_slice() {
                [elem] => Ty::Vector {
                    boxed: expr.name == "Vector" && !expr.bare_marker,
                    elem: Box::new(self.resolve(elem, generics)),
                },
                _ => Ty::Unsupported(format!("`{}` without one element type", expr.name)),
            };
        }
        if let Some(ty) = primitive(&expr.name) {
            return ty;
        }
        let bare = expr.bare_marker || expr.name.rsplit('.').next().is_some_and(is_lowercase);
        if !bare && matches!(expr.name.as_str(), "Object" | "Function") {
            return Ty::Any;
        }
        if let Some(ctors) = self.types.get(&expr.name) {
            return match (bare, ctors.as_slice()) {
                (false, _) => Ty::Boxed(expr.name.clone()),
                (true, [only]) => match self.names.get(only.as_str()) {
                    Some(&index) => Ty::Bare(index),
                    None => {
                        Ty::Unsupported(format!("`%{}`, which is not a constructor", expr.name))
                    }
                },
                (true, _) => Ty::Unsupported(format!("`%{}` of several constructors", expr.name)),
            };
        }
        if let Some(&index) = self.names.get(expr.name.as_str()).filter(|_| bare) {
            return Ty::Bare(index);
        }
        if matches!(expr.name.as_str(), "object" | "function") {
            // TON's built-ins: an object of any type, with its id.
            return Ty::Any;
        }
        if !bare && self.defs.iter().any(|d| d.result == expr.name) {
            // Only functions return it: a value of it is still an object with an id.
            return Ty::Boxed(expr.name.clone());
        }
        Ty::Unsupported(format!("the unknown type `{}`", expr.name))
    }
}

/// Whether the JSON keys of `fields` repeat, or repeat a type key.
fn repeated_keys(fields: &[Field]) -> bool {
    let mut keys: HashSet<&str> = [Style::Tl.type_key(), Style::Tdlib.type_key()].into();
    let mut values = fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Value { .. }));
    !values.all(|field| keys.insert(&field.name))
}

/// Whether `bit` of a flag word is set (a bit past 31 never is).
pub(crate) fn bit_set(word: u32, bit: u32) -> bool {
    word.checked_shr(bit).is_some_and(|w| w & 1 == 1)
}

fn is_lowercase(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
}

/// The built-in types of the root namespace.
fn primitive(name: &str) -> Option<Ty> {
    Some(match name {
        "int" | "int32" => Ty::Int,
        "long" | "int64" => Ty::Long,
        "int53" => Ty::Int53,
        "double" => Ty::Double,
        "string" => Ty::String,
        "bytes" => Ty::Bytes,
        "Bool" => Ty::Bool,
        "true" => Ty::True,
        "int128" => Ty::Fixed(16),
        "int256" => Ty::Fixed(32),
        _ => return None,
    })
}
