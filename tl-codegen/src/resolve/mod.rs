//! Resolve: parsed schemas become the [`Model`], with every question answered once: Rust
//! names, the boxed type of each constructor, the flag word and bit of each field, which
//! variants are boxed (recursion and size), what each function returns, and the codec plan of
//! each definition.
//!
//! The passes, in order: `collect` (a struct per definition, an enum per boxed type, names),
//! `fields` (fields, flag words and return types, through `types`), `nullable` (the objects
//! documented as null, when asked), `roots` (only what the
//! chosen roots reach, when there are roots), `direction` (which codecs each definition
//! gets), the fields that `hooks` holds in `Bytes`, `boxing` (after the variants that `hooks`
//! pins),
//! `plan`, `accessors`, `construct`, and the attributes of `hooks`; then, with the generator's
//! settings, `debug` and `docs` (with the documentation sidecar).

mod accessors;
mod boxing;
mod builtins;
mod construct;
mod debug;
mod direction;
mod docs;
mod error;
mod fields;
mod hooks;
mod nullable;
mod plan;
mod roots;
mod suggest;
mod types;

use std::collections::{BTreeMap, HashMap, HashSet};

use tl_parser::{Category, Definition, Schema, Span};

use crate::model::{
    Boxing, CodecPlan, Codecs, Construction, Enum, ItemDoc, Model, Struct, Variant,
};
use crate::naming;

pub(crate) use boxing::DEFAULT_MAX_INLINE_VARIANT;
pub use debug::DEFAULT_REDACTIONS;
pub(crate) use debug::decide_debug;
pub use direction::Direction;
pub(crate) use docs::decide_docs;
pub(crate) use error::render_errors;
pub use error::{ResolveError, ResolveErrorKind};
pub(crate) use hooks::Hooks;
pub use hooks::{HookError, HookProblem};
pub use roots::UnknownRoot;
pub(crate) use suggest::closest as closest_name;

/// How to resolve, from `Config`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    /// The largest estimated size of a constructor kept inline in its enum.
    pub max_inline_variant: usize,
    /// Generate `Object` and `Function` even when no definition declares or refers to them.
    pub universal_enums: bool,
    /// Also generate the accessors that return an `Option` (`Config::option_accessors`).
    pub option_accessors: bool,
    /// Attributes and boxing chosen by the user.
    pub hooks: Hooks,
    /// Generate only what these TL names reach; `None`: everything.
    pub roots: Option<Vec<String>>,
    /// The roots (among `roots`) that this side sends rather than receives.
    pub sent_roots: Vec<String>,
    /// Which codecs each definition gets.
    pub direction: Direction,
    /// No function decodes, whatever the direction (`Config::deserializable_functions`).
    pub no_function_decoders: bool,
    /// Objects documented as "may be null" are `Option`s (`Config::nullable_objects`).
    pub nullable_objects: bool,
}

/// Why resolving failed: the schemas, or a hook that does not fit them.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Errors in the schemas, file by file in source order.
    Schema(Vec<ResolveError>),
    /// A hook that cannot be applied.
    Hook(HookError),
    /// Roots that name no definition.
    Roots(Vec<UnknownRoot>),
}

/// Resolves parsed schemas (e.g. api.tl and mtproto.tl) into one model. The first `generated`
/// schemas are generated; the rest hold constructors of other layers to keep as versioned
/// variants of their types (`Config::other_layer_variants`), each schema with its layer.
pub(crate) fn resolve(
    schemas: &[Schema],
    generated: usize,
    settings: &Settings,
) -> Result<Model, Failure> {
    let mut resolver = Resolver::default();
    let (own, other_layers) = schemas.split_at(generated);
    resolver.collect(own, other_layers, settings.universal_enums);
    resolver.resolve_fields(schemas);
    if !resolver.errors.is_empty() {
        // In source order, file by file, as the parser reports its own.
        let file_index = |file: &str| schemas.iter().position(|s| s.file == file);
        let mut errors = resolver.errors;
        errors.sort_by_key(|e| (file_index(&e.file), e.span.start));
        // The parameters of a group, `(x y:Foo)`, share one type: its error is reported once.
        errors.dedup();
        return Err(Failure::Schema(errors));
    }
    let mut model = resolver.model;
    if settings.nullable_objects {
        nullable::mark_nullable(&mut model);
        model.objects_with_ids = true;
    }
    if let Some(roots) = &settings.roots {
        roots::keep_reached(&mut model, roots).map_err(Failure::Roots)?;
    }
    let roots = settings.roots.as_deref().unwrap_or_default();
    direction::decide_codecs(
        &mut model,
        settings.direction,
        direction::Roots {
            all: roots,
            sent: &settings.sent_roots,
        },
        settings.no_function_decoders,
    );
    hooks::share_bytes(&mut model, &settings.hooks).map_err(Failure::Hook)?;
    hooks::choose_boxing(&mut model, &settings.hooks).map_err(Failure::Hook)?;
    let refused = boxing::decide_boxing(&mut model, settings.max_inline_variant);
    hooks::check_refused(&model, &settings.hooks, &refused).map_err(Failure::Hook)?;
    plan::plan_codecs(&mut model);
    accessors::decide_accessors(&mut model, settings.option_accessors);
    construct::plan_constructions(&mut model);
    hooks::attach_attributes(&mut model, &settings.hooks).map_err(Failure::Hook)?;
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

/// The key of a name's definitions in one file: (file index, category, full name).
type DefinitionKey = (usize, Category, String);

/// Which definitions of a schema grouped in `===N===` layer sections are generated. The last
/// definition of a name in a file is the current one; earlier ones (the parser allows them
/// only in earlier sections) keep their ids under the name suffixed with their section's
/// layer (`DecryptedMessage8`), unless they change neither id nor type (the same line again):
/// those are read and written by the one kept. Constructors kept from other layers' files
/// (`Config::other_layer_variants`) are superseded definitions too, by the same rule.
struct Sections {
    /// The index of the current definition of each name.
    current: HashMap<DefinitionKey, usize>,
    /// The (id, type) of each name's definitions generated so far, by category and name: a
    /// name has one current definition in all the files (two are an error).
    kept: HashMap<(Category, String), Vec<(u32, String)>>,
}

impl Sections {
    fn new(schemas: &[Schema]) -> Self {
        let mut current = HashMap::new();
        for (file_index, schema) in schemas.iter().enumerate() {
            for (def_index, def) in schema.definitions.iter().enumerate() {
                current.insert((file_index, def.category, def.full_name()), def_index);
            }
        }
        let kept = current
            .iter()
            .map(|(key, &def_index)| {
                let def: &Definition = &schemas[key.0].definitions[def_index];
                let shape = (def.id(), def.result.full_name());
                ((key.1, key.2.clone()), vec![shape])
            })
            .collect();
        Sections { current, kept }
    }

    /// Whether definition `def_index` of file `file_index` is superseded by a later one.
    fn is_superseded(&self, file_index: usize, def_index: usize, def: &Definition) -> bool {
        let key = (file_index, def.category, def.full_name());
        self.current.get(&key) != Some(&def_index)
    }

    /// For a superseded definition: whether it says what an earlier kept one says.
    fn repeats_kept(&mut self, def: &Definition) -> bool {
        let key = (def.category, def.full_name());
        let shape = (def.id(), def.result.full_name());
        let seen_shapes = self.kept.entry(key).or_default();
        if seen_shapes.contains(&shape) {
            return true;
        }
        seen_shapes.push(shape);
        false
    }
}

impl Resolver {
    fn error(&mut self, schema: &Schema, span: Span, kind: ResolveErrorKind) {
        self.errors.push(ResolveError {
            file: schema.file.clone(),
            span,
            kind,
        });
    }

    /// Pass 1: a struct per definition, an enum per boxed type, names. `other_layers` hold
    /// the constructors to keep from other layers, after `schemas` in file order.
    fn collect(&mut self, schemas: &[Schema], other_layers: &[Schema], universal_enums: bool) {
        let constructors = self.count_constructors(schemas);
        let mut sections = Sections::new(schemas);
        let mut seen: HashMap<(Category, String), String> = HashMap::new();
        let (mut any_object, mut any_function) = (universal_enums, universal_enums);
        for (file_index, schema) in schemas.iter().enumerate() {
            if let Some(layer) = schema.layer {
                self.model.layer = Some(layer);
            }
            for (def_index, def) in schema.definitions.iter().enumerate() {
                let fixed = builtins::fixed_width(def, &constructors);
                if let Some(width) = fixed {
                    self.declare_fixed_width(schema, def, width);
                }
                // Declared (`object ? = Object`, TON) or only referred to (`result:Object`,
                // as pyrogram's mtproto schema has it): TL's universal types.
                any_object |= builtins::refers_to(def, "Object");
                any_function |= builtins::refers_to(def, "Function");
                if fixed.is_some() || def.is_primitive() {
                    continue;
                }
                let superseded = sections.is_superseded(file_index, def_index, def);
                if superseded {
                    if sections.repeats_kept(def) {
                        continue;
                    }
                } else if let Some(first_file) =
                    seen.insert((def.category, def.full_name()), schema.file.clone())
                {
                    let name = def.full_name();
                    self.error(
                        schema,
                        def.span,
                        ResolveErrorKind::DefinedTwice { name, first_file },
                    );
                    continue;
                }
                let index = self.add_struct(def, def.layer_section.filter(|_| superseded));
                self.structs_by_def.insert((file_index, def_index), index);
            }
        }
        if any_object {
            self.add_any_enum(Category::Type, "Object");
        }
        if any_function {
            self.add_any_enum(Category::Function, "Function");
        }
        // After `Object`, which holds the schemas' own constructors: with the other layers'
        // ones, its variants named by TL name would clash (`Object::Message` twice).
        self.keep_other_layers(schemas.len(), other_layers, &mut sections);
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

    /// The constructors of other layers' files (`Config::other_layer_variants`), which the
    /// schemas do not have (by id): each a struct named with its layer (`Message195`) and a
    /// variant of its type's enum, once per distinct definition, as a superseded section's
    /// are. `first_file` is the index of the first of them among all files.
    fn keep_other_layers(&mut self, first_file: usize, layers: &[Schema], sections: &mut Sections) {
        for (file_index, schema) in (first_file..).zip(layers) {
            for (def_index, def) in schema.definitions.iter().enumerate() {
                if sections.repeats_kept(def) {
                    continue;
                }
                let layer = def.layer_section.or(schema.layer);
                let index = self.add_struct(def, layer);
                let kept = &mut self.model.structs[index];
                kept.kept_from = layer;
                if let Some(layer) = layer {
                    kept.docs.push(format!(
                        "Of layer {layer}, kept to decode data of that layer \
                         (Config::other_layer_variants)."
                    ));
                }
                self.structs_by_def.insert((file_index, def_index), index);
            }
        }
    }

    /// The number of constructors of each boxed type; records the result types of functions.
    fn count_constructors(&mut self, schemas: &[Schema]) -> HashMap<String, usize> {
        let mut constructors: HashMap<String, usize> = HashMap::new();
        for def in schemas.iter().flat_map(|s| &s.definitions) {
            match def.category {
                Category::Type => *constructors.entry(def.result.full_name()).or_default() += 1,
                Category::Function => {
                    self.function_results.insert(def.result.full_name());
                }
            }
        }
        constructors
    }

    /// Records a fixed-width integer built-in (`int512 16*[ int ] = Int512`).
    fn declare_fixed_width(&mut self, schema: &Schema, def: &Definition, width: usize) {
        if width > builtins::MAX_FIXED_WIDTH {
            self.error(schema, def.span, ResolveErrorKind::TooWide { width });
        }
        let builtin_width = builtins::BUILTIN_WIDTHS
            .iter()
            .find(|(name, _)| *name == def.name)
            .map_or(width, |&(_, builtin)| builtin);
        if def.namespace.is_empty() && builtin_width != width {
            let name = def.name.to_owned();
            let kind = ResolveErrorKind::ContradictsBuiltin {
                name,
                builtin_width,
                width,
            };
            self.error(schema, def.span, kind);
        }
        self.fixed_widths.insert(def.full_name(), width);
        self.fixed_width_types
            .insert(def.result.full_name(), def.full_name());
    }

    /// A struct for `def` (named with the layer of its section when superseded), and for a
    /// constructor a variant of its type's enum. Returns the struct's index.
    fn add_struct(&mut self, def: &Definition, superseded_in: Option<u32>) -> usize {
        let full_name = def.full_name();
        let index = self.model.structs.len();
        let docs = def
            .docs
            .iter()
            .filter(|d| !d.starts_with("LAYER"))
            .map(|d| d.to_string())
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
            // `{X:Type}` that no parameter or result mentions says nothing about the wire
            // format; kept, it would be a Rust type parameter that nothing uses (E0392), and
            // would keep the definition out of `Object`/`Function`.
            generics: def
                .generics
                .iter()
                .filter(|g| builtins::uses_generic(def, g.name))
                .map(|g| g.name.to_owned())
                .collect(),
            schema_line: def.to_string(),
            docs,
            variant_of: None,
            returns: None,
            plan: CodecPlan::default(),
            construction: Construction::default(),
            doc: ItemDoc::default(),
            attributes: Vec::new(),
            codecs: Codecs::BOTH,
            kept_from: None,
        });
        if def.category == Category::Type {
            if superseded_in.is_none() {
                self.ctors_by_name.insert(full_name, index);
            }
            let enum_index = self.enum_of(def);
            let variants = &mut self.model.enums[enum_index].variants;
            self.model.structs[index].variant_of = Some((enum_index, variants.len()));
            variants.push(Variant {
                name: String::new(),
                ctor: index,
                boxing: Boxing::Inline,
                unit: def.params.is_empty(),
            });
        }
        index
    }

    /// The enum of the boxed type that constructor `def` builds, added on first sight.
    fn enum_of(&mut self, def: &Definition) -> usize {
        let type_name = def.result.full_name();
        if let Some(&e) = self.enums_by_name.get(&type_name) {
            return e;
        }
        let module = def.result.namespace.iter().map(|n| naming::module_name(n));
        self.add_enum(&type_name, module.collect(), def.result.name)
    }

    fn add_enum(&mut self, tl_name: &str, module: Vec<String>, name: &str) -> usize {
        self.model.enums.push(Enum {
            tl_name: tl_name.to_owned(),
            module,
            name: naming::type_name(name),
            variants: Vec::new(),
            any: None,
            accessors: Vec::new(),
            attributes: Vec::new(),
            codecs: Codecs::BOTH,
        });
        let e = self.model.enums.len() - 1;
        self.enums_by_name.insert(tl_name.to_owned(), e);
        e
    }

    /// The enum of every constructor (`Object`) or every function (`Function`). Constructors
    /// declared `= Object` stay its variants. All variants are boxed: the enum is two words.
    fn add_any_enum(&mut self, category: Category, tl_name: &str) {
        let e = match self.enums_by_name.get(tl_name) {
            Some(&e) => e,
            None => self.add_enum(tl_name, Vec::new(), tl_name),
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
                boxing: Boxing::Universal,
                unit: false,
            });
        }
        let en = &mut self.model.enums[e];
        en.variants = variants;
        en.any = Some(category);
    }
}
