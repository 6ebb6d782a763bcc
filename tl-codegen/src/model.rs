//! Resolve: parsed schemas become the model the emitter needs, with every question answered
//! once: Rust names, the boxed type of each constructor, the flag word and bit of each field,
//! which variants are boxed (recursion and size), what each function returns.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write as _};

use tl_parser::{
    Category, Convention, Definition, Multiplier, Param, ParamKind, Schema, Span, Type,
};

use crate::naming;

/// A field type, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `int` (also TDLib's `int32`).
    Int,
    /// `long` (also TDLib's `int53`, `int64`).
    Long,
    /// `double`.
    Double,
    /// `#` used as a number rather than as flags.
    Nat,
    /// A fixed-width integer as its little-endian bytes: `int128` (16), `int256` (32), and any
    /// other built-in declared as `intN K*[ int ] = IntN` (`int512 16*[ int ]`: 64).
    FixedBytes(usize),
    /// `string`.
    String,
    /// `bytes`.
    Bytes,
    /// `Bool`.
    Bool,
    /// A boxed type: index into [`Model::enums`].
    Boxed(usize),
    /// A bare constructor: index into [`Model::structs`].
    Bare(usize),
    /// `Vector<T>` (boxed) or `vector<T>` (bare).
    Vector {
        /// Whether the vector's own id is written.
        boxed: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A generic parameter `X` of a function.
    Generic(String),
}

impl Ty {
    /// Whether `<T as Default>` exists and encodes as the TL zero value.
    pub fn has_default(&self) -> bool {
        match self {
            Ty::Boxed(_) | Ty::Bare(_) | Ty::Generic(_) => false,
            _ => !self.is_wide_array(),
        }
    }

    /// A byte array longer than 32: the standard library's `Default` and serde's impls for
    /// arrays stop at 32 elements.
    pub fn is_wide_array(&self) -> bool {
        matches!(self, Ty::FixedBytes(len) if *len > 32)
    }

    /// The encoded length of a fixed-width type.
    pub fn fixed_len(&self) -> Option<usize> {
        match self {
            Ty::Int | Ty::Nat => Some(4),
            Ty::Long | Ty::Double => Some(8),
            Ty::FixedBytes(len) => Some(*len),
            _ => None,
        }
    }

    /// Whether `Serializable`/`Deserializable` of the Rust type is exactly this TL encoding.
    pub fn is_direct(&self) -> bool {
        match self {
            Ty::Bare(_) => false,
            Ty::Vector { boxed, elem } => *boxed && elem.is_direct(),
            _ => true,
        }
    }
}

/// How a field is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always.
    Required,
    /// `flags.N?T`: `Option<T>`.
    Optional {
        /// Index into [`Struct::flag_words`].
        word: usize,
        /// Bit number.
        bit: u32,
    },
    /// `flags.N?true`: a `bool` that is the bit itself.
    Flag {
        /// Index into [`Struct::flag_words`].
        word: usize,
        /// Bit number.
        bit: u32,
    },
}

/// A stored field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Rust identifier (may be raw, `r#type`).
    pub name: String,
    /// The TL parameter name.
    pub tl_name: String,
    /// Its type (for [`Presence::Flag`], unused).
    pub ty: Ty,
    /// How it is present.
    pub presence: Presence,
}

/// One step of the encoding, in schema order.
#[derive(Debug, Clone)]
pub enum Member {
    /// A flags word, computed from the fields on it: index into [`Struct::flag_words`].
    FlagWord(usize),
    /// A field: index into [`Struct::fields`].
    Field(usize),
}

/// A `#` parameter that conditions refer to.
#[derive(Debug, Clone)]
pub struct FlagWord {
    /// Local variable name in generated code (the TL name, snake_case, kept clear of the
    /// codecs' own locals and of the fields: [`naming::name_flag_words`]).
    pub name: String,
    /// The TL name, which conditions (`flags.3?`) refer to.
    pub tl_name: String,
    /// Bits that some field uses.
    pub defined_bits: u32,
    /// Local holding where the encoder wrote the word, when some of its bits are set as their
    /// fields are written and the word is completed afterwards ([`naming::name_flag_words`]).
    pub position_name: String,
}

/// A constructor or function, as a Rust struct.
#[derive(Debug, Clone)]
pub struct Struct {
    /// `auth.sentCode`.
    pub tl_name: String,
    /// The wire id.
    pub id: u32,
    /// Module path below `types`/`functions`.
    pub module: Vec<String>,
    /// The Rust type name.
    pub name: String,
    /// Type or function.
    pub category: Category,
    /// Stored fields.
    pub fields: Vec<Field>,
    /// Flag words.
    pub flag_words: Vec<FlagWord>,
    /// Encoding order.
    pub members: Vec<Member>,
    /// Generic parameters (functions only): `X`.
    pub generics: Vec<String>,
    /// The schema line.
    pub schema_line: String,
    /// Comments from the schema.
    pub docs: Vec<String>,
    /// For constructors: index of the enum and of the variant in it.
    pub variant_of: Option<(usize, usize)>,
    /// For functions: the answer type.
    pub returns: Option<Ty>,
}

/// A boxed type, as a Rust enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// `auth.SentCode`.
    pub tl_name: String,
    /// Module path below `enums`.
    pub module: Vec<String>,
    /// The Rust type name.
    pub name: String,
    /// The variants, in schema order.
    pub variants: Vec<Variant>,
    /// `Some(Category::Type)` for `Object`, every constructor of the schemas; `Some(Function)`
    /// for `Function`, every (non-generic) function. TON and TDLib declare them
    /// (`object ? = Object;`, `function ? = Function;`) for fields and results of any type.
    pub any: Option<Category>,
}

/// One constructor of a boxed type.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// Index into [`Model::structs`].
    pub ctor: usize,
    /// Whether the payload is `Box`ed (recursive or large).
    pub boxed: bool,
    /// A constructor without fields becomes a unit variant.
    pub unit: bool,
}

/// Everything the emitter needs.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The layer, from `// LAYER N` or the last `===N===` section.
    pub layer: Option<u32>,
    /// Constructors and functions.
    pub structs: Vec<Struct>,
    /// Boxed types.
    pub enums: Vec<Enum>,
    /// Every id with its TL name, sorted by id, without duplicates.
    pub names: Vec<(u32, String)>,
}

/// A reference the schema makes that cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    /// The schema file.
    pub file: String,
    /// Where in the file: the type, parameter or definition at fault.
    pub span: Span,
    /// What is wrong.
    pub message: String,
}

/// `file:line:column: message`; [`crate::ErrorKind::Resolve`] also carries the errors
/// rendered with their source lines, as the parser reports its own.
impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Span { line, column, .. } = self.span;
        write!(f, "{}:{line}:{column}: {}", self.file, self.message)
    }
}

/// Renders `errors` like the parser's: `error: message`, `--> file:line:column`, the source
/// line and a caret, taking the text from `sources` (`(file name, text)`); an error in a
/// file not among them as `error: file:line:column: message`.
pub(crate) fn render_errors(errors: &[ResolveError], sources: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for error in errors {
        let source = sources.iter().find(|(name, _)| *name == error.file);
        let rendered = source.and_then(|(name, text)| {
            let one = [tl_parser::Diagnostic {
                span: error.span,
                message: &error.message,
                label: "",
            }];
            tl_parser::render_errors(name, text, one).ok()
        });
        match rendered {
            Some(rendered) => out.push_str(&rendered),
            None => {
                let _ = writeln!(out, "error: {error}");
            }
        }
    }
    out
}

/// Boxed type names that map to Rust primitives: their constructors are not generated.
/// (`True` is not one: `true = True;` is generated, for functions that return `True`.)
const PRIMITIVE_BOXED: &[&str] = &[
    "Bool", "Vector", "Int", "Long", "Double", "String", "Bytes", "Int128", "Int256", "Int32",
    "Int53", "Int64",
];

/// Whether a definition describes a primitive rather than a constructor to generate
/// (fixed-width built-ins aside: see [`fixed_width`]).
fn is_primitive(def: &Definition) -> bool {
    def.builtin
        || (def.category == Category::Type
            && def.result.namespace.is_empty()
            && PRIMITIVE_BOXED.contains(&def.result.name))
}

/// The width in bytes of a fixed-width integer built-in: `int512 16*[ int ] = Int512`, or
/// with the words written out, `int128 long long = Int128` (old schemas). Only the sole
/// constructor of its type is one (`constructors` counts them per type): `foo int = Foo`
/// beside `bar x:string = Foo` is an ordinary constructor.
fn fixed_width(def: &Definition, constructors: &HashMap<String, usize>) -> Option<usize> {
    if def.category != Category::Type
        || def.params.iter().any(|p| p.name.is_some())
        || constructors.get(&def.result.full_name()) != Some(&1)
    {
        return None;
    }
    words_width(&def.params).filter(|&width| width > 0)
}

/// The fixed-width integers that need no declaration, with their widths in bytes.
const BUILTIN_WIDTHS: [(&str, usize); 3] = [("int128", 16), ("int256", 32), ("int512", 64)];

/// The widest fixed-width integer or repetition generated: a `[u8; N]` lives on the stack
/// while it is decoded, and real schemas stop at 256 bytes (tgl's `key:64*[int]`).
const MAX_FIXED_WIDTH: usize = 4096;

fn too_wide(width: usize) -> String {
    format!("{width} bytes of fixed width: at most {MAX_FIXED_WIDTH} are supported")
}

/// The width of anonymous `int`, `long` and `N*[ ... ]` of them; `None` for anything else.
/// Saturates rather than overflows: absurd widths are refused against [`MAX_FIXED_WIDTH`].
fn words_width(params: &[Param]) -> Option<usize> {
    let mut width: usize = 0;
    for param in params {
        let param_width = match &param.kind {
            ParamKind::Typed {
                condition: None,
                ty,
            } if param.name.is_none() && ty.namespace.is_empty() && ty.args.is_empty() => {
                match ty.name {
                    "int" | "int32" => 4,
                    "long" | "int64" => 8,
                    _ => return None,
                }
            }
            ParamKind::Repeated {
                multiplier: Some(Multiplier::Literal(count)),
                params,
            } => (*count as usize).saturating_mul(words_width(params)?),
            _ => return None,
        };
        width = width.saturating_add(param_width);
    }
    Some(width)
}

/// `flags`, `flags2`, ...: the names Telegram gives its flag words.
fn is_flags_name(name: &str) -> bool {
    name.strip_prefix("flags")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `def` has the root-namespace type `name` as its result or among its parameters'
/// types (at any depth: `Vector<Object>`).
fn refers_to(def: &Definition, name: &str) -> bool {
    def.result.refers_to(name) || params_refer_to(&def.params, name)
}

fn params_refer_to(params: &[Param], name: &str) -> bool {
    params.iter().any(|p| match &p.kind {
        ParamKind::Typed { ty, .. } => ty.refers_to(name),
        ParamKind::Repeated { params, .. } => params_refer_to(params, name),
        ParamKind::Nat => false,
    })
}

/// Whether the type parameter `name` is one the Rust type needs: a parameter's type, or a
/// function's result (`{X:Type} query:!X = X`). A constructor's result (`= Maybe X`) says
/// which boxed type it builds, which has no parameters here.
fn uses_generic(def: &Definition, name: &str) -> bool {
    params_refer_to(&def.params, name)
        || (def.category == Category::Function && def.result.refers_to(name))
}

/// Estimated sizes in bytes, for deciding which variants to box.
const POINTER: usize = 8;
const HEAP_VEC: usize = 24;

/// Resolves parsed schemas (e.g. api.tl and mtproto.tl) into one model.
///
/// `max_inline_variant` is the largest estimated size of a constructor kept inline in its enum.
pub fn resolve(schemas: &[Schema], max_inline_variant: usize) -> Result<Model, Vec<ResolveError>> {
    let mut resolver = Resolver::default();
    resolver.collect(schemas);
    resolver.resolve_fields(schemas);
    if !resolver.errors.is_empty() {
        // In source order, file by file, as the parser reports its own.
        let file_index = |file: &str| schemas.iter().position(|s| s.file == file);
        let mut errors = resolver.errors;
        errors.sort_by_key(|e| (file_index(&e.file), e.span.start));
        // The parameters of a group, `(x y:Foo)`, share one type: its error is reported once.
        errors.dedup();
        return Err(errors);
    }
    let mut model = resolver.model;
    decide_boxing(&mut model, max_inline_variant);
    Ok(model)
}

#[derive(Default)]
struct Resolver {
    model: Model,
    /// Full TL name of a boxed type -> enum index.
    enums_by_name: HashMap<String, usize>,
    /// Full TL name of a constructor -> struct index.
    ctors_by_name: HashMap<String, usize>,
    /// (file index, definition index) -> struct index, for the definitions being generated.
    structs_by_def: BTreeMap<(usize, usize), usize>,
    /// Fixed-width integer built-ins (`int512`) -> their width in bytes.
    fixed_widths: HashMap<String, usize>,
    /// Their boxed types (`Int512`) -> the built-in, for a precise error.
    fixed_width_types: HashMap<String, String>,
    /// The result types of functions, to tell an unknown type that only functions return.
    function_results: HashSet<String>,
    errors: Vec<ResolveError>,
}

impl Resolver {
    fn error(&mut self, schema: &Schema, span: Span, message: String) {
        self.errors.push(ResolveError {
            file: schema.file.clone(),
            span,
            message,
        });
    }

    /// Pass 1: a struct per definition, an enum per boxed type, names.
    fn collect(&mut self, schemas: &[Schema]) {
        let mut constructors: HashMap<String, usize> = HashMap::new();
        for def in schemas.iter().flat_map(|s| &s.definitions) {
            match def.category {
                Category::Type => *constructors.entry(def.result.full_name()).or_default() += 1,
                Category::Function => {
                    self.function_results.insert(def.result.full_name());
                }
            }
        }
        // In a schema grouped in `===N===` layer sections, the last definition of a name in
        // the file is the current one; earlier ones (the parser allows them only in earlier
        // sections) keep their ids under the name suffixed with their section's layer
        // (`DecryptedMessage8`).
        let mut current: HashMap<(usize, Category, String), usize> = HashMap::new();
        for (file_index, schema) in schemas.iter().enumerate() {
            for (def_index, def) in schema.definitions.iter().enumerate() {
                current.insert((file_index, def.category, def.full_name()), def_index);
            }
        }
        // The (id, type) of each name's definitions generated so far: a redefinition that
        // changes neither (the same line again) is read and written by the one kept.
        let mut kept: HashMap<(usize, Category, String), Vec<(u32, String)>> = current
            .iter()
            .map(|(key, &def_index)| {
                let def = &schemas[key.0].definitions[def_index];
                (key.clone(), vec![(def.id(), def.result.full_name())])
            })
            .collect();
        let mut seen: HashMap<(Category, String), String> = HashMap::new();
        let (mut any_object, mut any_function) = (false, false);
        for (file_index, schema) in schemas.iter().enumerate() {
            if let Some(layer) = schema.layer {
                self.model.layer = Some(layer);
            }
            for (def_index, def) in schema.definitions.iter().enumerate() {
                let fixed = fixed_width(def, &constructors);
                if let Some(width) = fixed {
                    if width > MAX_FIXED_WIDTH {
                        self.error(schema, def.span, too_wide(width));
                    }
                    let builtin = BUILTIN_WIDTHS
                        .iter()
                        .find(|(name, _)| *name == def.name)
                        .map_or(width, |&(_, builtin)| builtin);
                    if def.namespace.is_empty() && builtin != width {
                        let message = format!(
                            "`{}` is {builtin} bytes wide, not {width}: this declaration \
                             contradicts the built-in",
                            def.name
                        );
                        self.error(schema, def.span, message);
                    }
                    self.fixed_widths.insert(def.full_name(), width);
                    self.fixed_width_types
                        .insert(def.result.full_name(), def.full_name());
                }
                // Declared (`object ? = Object`, TON) or only referred to (`result:Object`,
                // as pyrogram's mtproto schema has it): TL's universal types.
                any_object |= refers_to(def, "Object");
                any_function |= refers_to(def, "Function");
                if fixed.is_some() || is_primitive(def) {
                    continue;
                }
                let full_name = def.full_name();
                let key = (file_index, def.category, full_name.clone());
                let superseded = current.get(&key) != Some(&def_index);
                let superseded_in = def.layer_section.filter(|_| superseded);
                if superseded {
                    let shape = (def.id(), def.result.full_name());
                    let seen_shapes = kept.entry(key).or_default();
                    if seen_shapes.contains(&shape) {
                        continue;
                    }
                    seen_shapes.push(shape);
                } else if let Some(first_file) =
                    seen.insert((def.category, full_name.clone()), schema.file.clone())
                {
                    self.error(
                        schema,
                        def.span,
                        format!("`{full_name}` is also defined in {first_file}"),
                    );
                    continue;
                }
                let index = self.model.structs.len();
                self.structs_by_def.insert((file_index, def_index), index);
                let docs = def
                    .docs
                    .iter()
                    .filter(|d| !d.starts_with("LAYER"))
                    .map(|d| (*d).to_owned())
                    .collect();
                self.model.structs.push(Struct {
                    tl_name: full_name.clone(),
                    id: def.id(),
                    module: def
                        .namespace
                        .iter()
                        .map(|n| naming::module_name(n))
                        .collect(),
                    name: match superseded_in {
                        Some(layer) => naming::type_name(&format!("{}{layer}", def.name)),
                        None => naming::type_name(def.name),
                    },
                    category: def.category,
                    fields: Vec::new(),
                    flag_words: Vec::new(),
                    members: Vec::new(),
                    // `{X:Type}` that no parameter or result mentions says nothing about the
                    // wire format; kept, it would be a Rust type parameter that nothing uses
                    // (E0392), and would keep the definition out of `Object`/`Function`.
                    generics: def
                        .generics
                        .iter()
                        .filter(|g| uses_generic(def, g.name))
                        .map(|g| g.name.to_owned())
                        .collect(),
                    schema_line: def.to_string(),
                    docs,
                    variant_of: None,
                    returns: None,
                });
                if def.category == Category::Type {
                    if superseded_in.is_none() {
                        self.ctors_by_name.insert(full_name, index);
                    }
                    let type_name = def.result.full_name();
                    let enum_index = match self.enums_by_name.get(&type_name) {
                        Some(&e) => e,
                        None => {
                            let e = self.model.enums.len();
                            self.model.enums.push(Enum {
                                tl_name: type_name.clone(),
                                module: def
                                    .result
                                    .namespace
                                    .iter()
                                    .map(|n| naming::module_name(n))
                                    .collect(),
                                name: naming::type_name(def.result.name),
                                variants: Vec::new(),
                                any: None,
                            });
                            self.enums_by_name.insert(type_name, e);
                            e
                        }
                    };
                    let variant = self.model.enums[enum_index].variants.len();
                    self.model.enums[enum_index].variants.push(Variant {
                        name: String::new(),
                        ctor: index,
                        boxed: false,
                        unit: def.params.is_empty(),
                    });
                    self.model.structs[index].variant_of = Some((enum_index, variant));
                }
            }
        }
        if any_object {
            self.add_any_enum(Category::Type, "Object");
        }
        if any_function {
            self.add_any_enum(Category::Function, "Function");
        }
        naming::disambiguate(&mut self.model);
        let mut names: Vec<(u32, String)> = self
            .model
            .structs
            .iter()
            .map(|s| (s.id, s.tl_name.clone()))
            .collect();
        names.sort();
        names.dedup_by_key(|(id, _)| *id);
        self.model.names = names;
    }

    /// The enum of every constructor (`Object`) or every function (`Function`). Constructors
    /// declared `= Object` stay its variants. All variants are boxed: the enum is two words.
    fn add_any_enum(&mut self, category: Category, tl_name: &str) {
        let e = match self.enums_by_name.get(tl_name) {
            Some(&e) => e,
            None => {
                self.model.enums.push(Enum {
                    tl_name: tl_name.to_owned(),
                    module: Vec::new(),
                    name: naming::type_name(tl_name),
                    variants: Vec::new(),
                    any: None,
                });
                self.enums_by_name
                    .insert(tl_name.to_owned(), self.model.enums.len() - 1);
                self.model.enums.len() - 1
            }
        };
        let mut variants = Vec::new();
        for (index, s) in self.model.structs.iter_mut().enumerate() {
            // A generic function has no single Rust type to hold.
            if s.category != category || !s.generics.is_empty() {
                continue;
            }
            if s.variant_of.is_some_and(|(own, _)| own == e) {
                s.variant_of = Some((e, variants.len()));
            }
            // Boxed even without fields (a `Box` of a zero-sized struct does not allocate):
            // every variant has the same shape.
            variants.push(Variant {
                name: String::new(),
                ctor: index,
                boxed: true,
                unit: false,
            });
        }
        let en = &mut self.model.enums[e];
        en.variants = variants;
        en.any = Some(category);
    }

    /// Pass 2: fields, flags and return types.
    fn resolve_fields(&mut self, schemas: &[Schema]) {
        let structs_by_def = std::mem::take(&mut self.structs_by_def);
        for (&(file_index, def_index), &index) in &structs_by_def {
            let schema = &schemas[file_index];
            let def = &schema.definitions[def_index];
            let generics: HashSet<&str> = def.generics.iter().map(|g| g.name).collect();
            // `#` parameters that some condition refers to are flag words; others are numbers,
            // except `flags:#` and `flags2:#` in Telegram's schemas: a word no field uses yet
            // (`exportedChatlistInvite`) is 0 on the wire, as every other implementation
            // writes it. TON's `flags:#`, `mode:#` and `count:#` are values of their own.
            let telegram = schema.convention == Convention::Telegram;
            let flag_word_names: HashSet<&str> = def
                .params
                .iter()
                .filter_map(|p| match &p.kind {
                    ParamKind::Typed {
                        condition: Some(c), ..
                    } => Some(c.field),
                    _ => None,
                })
                .collect();
            let mut fields = Vec::new();
            let mut flag_words: Vec<FlagWord> = Vec::new();
            let mut members = Vec::new();
            for (position, param) in def.params.iter().enumerate() {
                // Anonymous parameters (`coupleInt int t = ...`) are named by position.
                let tl_name = param
                    .name
                    .map_or_else(|| format!("arg{}", position + 1), str::to_owned);
                match &param.kind {
                    ParamKind::Nat
                        if flag_word_names.contains(tl_name.as_str())
                            || (telegram && is_flags_name(&tl_name)) =>
                    {
                        members.push(Member::FlagWord(flag_words.len()));
                        flag_words.push(FlagWord {
                            name: naming::field_name(&tl_name),
                            tl_name: tl_name.clone(),
                            defined_bits: 0,
                            position_name: String::new(),
                        });
                    }
                    ParamKind::Nat => {
                        members.push(Member::Field(fields.len()));
                        fields.push(Field {
                            name: naming::field_name(&tl_name),
                            tl_name,
                            ty: Ty::Nat,
                            presence: Presence::Required,
                        });
                    }
                    ParamKind::Typed { condition, ty } => {
                        let presence = match condition {
                            None => Presence::Required,
                            Some(cond) => {
                                // The parser guarantees the word precedes its conditions.
                                let word = flag_words
                                    .iter()
                                    .position(|w| w.tl_name == cond.field)
                                    .unwrap_or(0);
                                if let Some(w) = flag_words.get_mut(word) {
                                    w.defined_bits |= 1 << cond.bit;
                                }
                                if ty.is_plain("true") {
                                    Presence::Flag {
                                        word,
                                        bit: cond.bit,
                                    }
                                } else {
                                    Presence::Optional {
                                        word,
                                        bit: cond.bit,
                                    }
                                }
                            }
                        };
                        let resolved = if matches!(presence, Presence::Flag { .. }) {
                            Ty::Bool
                        } else {
                            match self.resolve_type(ty, &generics) {
                                Ok(t) => t,
                                Err(message) => {
                                    self.error(schema, ty.span, message);
                                    continue;
                                }
                            }
                        };
                        members.push(Member::Field(fields.len()));
                        fields.push(Field {
                            name: naming::field_name(&tl_name),
                            tl_name,
                            ty: resolved,
                            presence,
                        });
                    }
                    ParamKind::Repeated { .. } => {
                        // `key:64*[ int ]`: the only repetition with a Rust type of its own.
                        let Some(width) = words_width(std::slice::from_ref(param)) else {
                            self.error(
                                schema,
                                param.span,
                                "only repetitions of a fixed count of `int` or `long` \
                                 (`key:64*[ int ]`) are supported outside `vector`"
                                    .to_owned(),
                            );
                            continue;
                        };
                        if width > MAX_FIXED_WIDTH {
                            self.error(schema, param.span, too_wide(width));
                            continue;
                        }
                        members.push(Member::Field(fields.len()));
                        fields.push(Field {
                            name: naming::field_name(&tl_name),
                            tl_name,
                            ty: Ty::FixedBytes(width),
                            presence: Presence::Required,
                        });
                    }
                }
            }
            naming::dedupe_fields(&mut fields);
            naming::name_flag_words(&mut flag_words, &fields);
            let returns = if def.category == Category::Function {
                match self.resolve_type(&def.result, &generics) {
                    Ok(Ty::Bare(_)) => {
                        self.error(
                            schema,
                            def.result.span,
                            "a function must return a boxed type".to_owned(),
                        );
                        None
                    }
                    Ok(t) => Some(t),
                    Err(message) => {
                        self.error(schema, def.result.span, message);
                        None
                    }
                }
            } else {
                None
            };
            let s = &mut self.model.structs[index];
            if def.category == Category::Type
                && let Some(used) = def
                    .generics
                    .iter()
                    .find(|g| s.generics.iter().any(|kept| kept == g.name))
            {
                // Its enum would need the parameter too, and its decoder a type to decode.
                let message = format!(
                    "type parameter `{}` is used by a constructor's field; only functions \
                     (`{{X:Type}} query:!X = X`) may take one",
                    used.name
                );
                self.error(schema, used.span, message);
                continue;
            }
            s.fields = fields;
            s.flag_words = flag_words;
            s.members = members;
            s.returns = returns;
        }
    }

    fn resolve_type(&self, ty: &Type, generics: &HashSet<&str>) -> Result<Ty, String> {
        if ty.namespace.is_empty() && generics.contains(ty.name) {
            return Ok(Ty::Generic(ty.name.to_owned()));
        }
        if ty.namespace.is_empty() && (ty.name == "Vector" || ty.name == "vector") {
            let [elem] = ty.args.as_slice() else {
                return Err(format!("`{ty}` needs exactly one type argument"));
            };
            return Ok(Ty::Vector {
                boxed: ty.name == "Vector" && !ty.bare_marker,
                elem: Box::new(self.resolve_type(elem, generics)?),
            });
        }
        if !ty.args.is_empty() {
            return Err(format!("`{ty}` takes no type arguments"));
        }
        if ty.namespace.is_empty() {
            let primitive = match ty.name {
                "int" | "int32" => Some(Ty::Int),
                "long" | "int53" | "int64" => Some(Ty::Long),
                "double" => Some(Ty::Double),
                "string" => Some(Ty::String),
                "bytes" => Some(Ty::Bytes),
                "Bool" => Some(Ty::Bool),
                name => BUILTIN_WIDTHS
                    .iter()
                    .find(|(builtin, _)| *builtin == name)
                    .map(|&(_, width)| Ty::FixedBytes(width)),
            };
            if let Some(p) = primitive {
                return Ok(p);
            }
            // `o:object`, `f:function` (TON): an object of any type, which carries its id.
            let any = match ty.name {
                "object" => self.enums_by_name.get("Object"),
                "function" => self.enums_by_name.get("Function"),
                _ => None,
            };
            if let Some(&e) = any {
                return Ok(Ty::Boxed(e));
            }
        }
        let full = ty.full_name();
        if let Some(&width) = self.fixed_widths.get(&full) {
            return Ok(Ty::FixedBytes(width));
        }
        if let Some(builtin) = self.fixed_width_types.get(&full) {
            if let Some(&width) = self.fixed_widths.get(builtin).filter(|_| ty.bare_marker) {
                // `%Int128`: the bare form of the boxed type, which is the built-in itself.
                return Ok(Ty::FixedBytes(width));
            }
            return Err(format!(
                "`{full}` is the boxed type of the fixed-width built-in `{builtin}`: fields \
                 hold it bare, as `{builtin}`"
            ));
        }
        if ty.bare_marker {
            // `%T`: the single constructor of boxed type T, bare; `%t` is `t` itself.
            let Some(&e) = self.enums_by_name.get(&full) else {
                return self
                    .ctors_by_name
                    .get(&full)
                    .map(|&c| Ty::Bare(c))
                    .ok_or_else(|| format!("unknown type `{full}`"));
            };
            // Constructors superseded by a later `===N===` section do not count.
            let mut current = self.model.enums[e].variants.iter().filter(|v| {
                self.ctors_by_name.get(&self.model.structs[v.ctor].tl_name) == Some(&v.ctor)
            });
            return match (current.next(), current.next()) {
                (Some(only), None) => Ok(Ty::Bare(only.ctor)),
                _ => Err(format!(
                    "`%{full}` needs `{full}` to have exactly one constructor"
                )),
            };
        }
        if ty.is_bare() {
            return self
                .ctors_by_name
                .get(&full)
                .map(|&c| Ty::Bare(c))
                .ok_or_else(|| format!("unknown constructor `{full}` (bare type)"));
        }
        self.enums_by_name
            .get(&full)
            .map(|&e| Ty::Boxed(e))
            .ok_or_else(|| {
                if self.function_results.contains(&full) {
                    format!(
                        "unknown type `{full}`: no constructor has it, only functions return \
                         it (are its constructors written after `---functions---`?)"
                    )
                } else {
                    format!("unknown type `{full}`")
                }
            })
    }
}

/// Boxes the variants that make an enum recursive, then those estimated larger than
/// `max_inline`, so that every enum stays small and moves cheaply.
fn decide_boxing(model: &mut Model, max_inline: usize) {
    // A variant must be boxed if its struct contains its own enum by value, directly or
    // through other structs and enums (a cycle); computed with a reachability walk.
    for e in 0..model.enums.len() {
        for v in 0..model.enums[e].variants.len() {
            let ctor = model.enums[e].variants[v].ctor;
            if reaches_enum_by_value(model, ctor, e) {
                model.enums[e].variants[v].boxed = true;
            }
        }
    }
    let mut sizes = Sizes {
        enums: vec![None; model.enums.len()],
        structs: vec![None; model.structs.len()],
    };
    for e in 0..model.enums.len() {
        sizes.enum_size(model, e, max_inline);
    }
}

/// Whether struct `start` contains enum `target` by value (not behind a `Vec` or `Box`).
fn reaches_enum_by_value(model: &Model, start: usize, target: usize) -> bool {
    let mut seen_structs = HashSet::new();
    let mut seen_enums = HashSet::new();
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if !seen_structs.insert(s) {
            continue;
        }
        for field in &model.structs[s].fields {
            let ty = match field.presence {
                Presence::Flag { .. } => continue,
                _ => &field.ty,
            };
            match ty {
                Ty::Boxed(e) => {
                    if *e == target {
                        return true;
                    }
                    if seen_enums.insert(*e) {
                        stack.extend(
                            model.enums[*e]
                                .variants
                                .iter()
                                .filter(|v| !v.boxed)
                                .map(|v| v.ctor),
                        );
                    }
                }
                Ty::Bare(c) => stack.push(*c),
                _ => {}
            }
        }
    }
    false
}

struct Sizes {
    enums: Vec<Option<usize>>,
    structs: Vec<Option<usize>>,
}

impl Sizes {
    fn enum_size(&mut self, model: &mut Model, e: usize, max_inline: usize) -> usize {
        if let Some(size) = self.enums[e] {
            return size;
        }
        // Guard against cycles that boxing has not broken (bare self-references).
        self.enums[e] = Some(POINTER);
        let mut largest = 0;
        for v in 0..model.enums[e].variants.len() {
            let variant = &model.enums[e].variants[v];
            let payload = if variant.boxed || variant.unit {
                if variant.unit { 0 } else { POINTER }
            } else {
                let ctor = variant.ctor;
                let size = self.struct_size(model, ctor, max_inline);
                if size > max_inline {
                    model.enums[e].variants[v].boxed = true;
                    POINTER
                } else {
                    size
                }
            };
            largest = largest.max(payload);
        }
        let size = largest + POINTER;
        self.enums[e] = Some(size);
        size
    }

    fn struct_size(&mut self, model: &mut Model, s: usize, max_inline: usize) -> usize {
        if let Some(size) = self.structs[s] {
            return size;
        }
        self.structs[s] = Some(POINTER);
        let mut total = 0;
        for f in 0..model.structs[s].fields.len() {
            // Only the type is needed, and `ty_size` may update `model`: copy it out.
            let (presence, ty) = {
                let field = &model.structs[s].fields[f];
                (field.presence, field.ty.clone())
            };
            total += match presence {
                Presence::Flag { .. } => 1,
                Presence::Required => self.ty_size(model, &ty, max_inline),
                Presence::Optional { .. } => match &ty {
                    Ty::Int | Ty::Nat | Ty::Long | Ty::Double => {
                        2 * self.ty_size(model, &ty, max_inline)
                    }
                    Ty::FixedBytes(_) | Ty::Bool => self.ty_size(model, &ty, max_inline) + 1,
                    other => self.ty_size(model, other, max_inline),
                },
            };
        }
        self.structs[s] = Some(total);
        total
    }

    fn ty_size(&mut self, model: &mut Model, ty: &Ty, max_inline: usize) -> usize {
        match ty {
            Ty::Int | Ty::Nat => 4,
            Ty::Long | Ty::Double => 8,
            Ty::Bool => 1,
            Ty::FixedBytes(len) => *len,
            Ty::String | Ty::Bytes | Ty::Vector { .. } => HEAP_VEC,
            Ty::Boxed(e) => self.enum_size(model, *e, max_inline),
            Ty::Bare(c) => self.struct_size(model, *c, max_inline),
            Ty::Generic(_) => POINTER,
        }
    }
}

/// The fewest bytes a value of `ty` takes on the wire.
pub fn min_encoded_len(model: &Model, ty: &Ty) -> usize {
    min_len(model, ty, &mut Vec::new())
}

/// The fewest bytes the fields of struct `s` take, without its id.
pub fn min_bare_len(model: &Model, s: usize) -> usize {
    min_struct_len(model, s, &mut Vec::new())
}

fn min_len(model: &Model, ty: &Ty, visiting: &mut Vec<usize>) -> usize {
    match ty {
        Ty::Vector { boxed: true, .. } => 8,
        Ty::Bare(c) => min_struct_len(model, *c, visiting),
        // Fixed widths; otherwise one word: a length, a `Bool`'s or a boxed value's id.
        _ => ty.fixed_len().unwrap_or(4),
    }
}

fn min_struct_len(model: &Model, s: usize, visiting: &mut Vec<usize>) -> usize {
    if visiting.contains(&s) {
        return 0;
    }
    visiting.push(s);
    let st = &model.structs[s];
    let words = st.flag_words.len() * 4;
    let fields: usize = st
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .map(|f| min_len(model, &f.ty, visiting))
        .sum();
    visiting.pop();
    words + fields
}
