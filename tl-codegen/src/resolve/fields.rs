//! Pass 2 of resolve: the fields, flag words and return type of each definition.

use std::collections::HashSet;

use tl_parser::{Category, Definition, Param, ParamKind, Schema, Type};

use super::{ResolveErrorKind, Resolver, builtins};
use crate::model::{DebugAs, Field, FlagWord, Member, Presence, Ty};
use crate::naming;

/// The members of one definition as they are resolved.
#[derive(Default)]
struct Members {
    fields: Vec<Field>,
    flag_words: Vec<FlagWord>,
    order: Vec<Member>,
}

impl Members {
    fn push_field(&mut self, tl_name: String, tl_type: String, ty: Ty, presence: Presence) {
        self.order.push(Member::Field(self.fields.len()));
        self.fields.push(Field {
            name: naming::field_name(&tl_name),
            tl_name,
            tl_type,
            ty,
            presence,
            attributes: Vec::new(),
            debug: DebugAs::Plain,
        });
    }

    fn push_flag_word(&mut self, tl_name: String) {
        self.order.push(Member::FlagWord(self.flag_words.len()));
        self.flag_words.push(FlagWord {
            name: naming::field_name(&tl_name),
            tl_name,
            defined_bits: 0,
            position_name: String::new(),
        });
    }

    /// The presence of a field on bit `bit` of the flag word `word` (`flags.3?T`), which the
    /// bit's use is recorded in.
    fn on_bit(&mut self, word: &str, bit: u32, ty: &Type) -> Presence {
        // The parser guarantees the word precedes its conditions.
        let word = self
            .flag_words
            .iter()
            .position(|w| w.tl_name == word)
            .unwrap_or(0);
        if let Some(w) = self.flag_words.get_mut(word) {
            w.defined_bits |= 1 << bit;
        }
        if ty.is_plain("true") {
            Presence::Flag { word, bit }
        } else {
            Presence::Optional { word, bit }
        }
    }
}

/// The names of the `#` parameters that some condition refers to (`flags` of `flags.3?`).
fn condition_words<'a>(def: &Definition<'a>) -> HashSet<&'a str> {
    def.params
        .iter()
        .filter_map(|p| match &p.kind {
            ParamKind::Typed {
                condition: Some(c), ..
            } => Some(c.field),
            _ => None,
        })
        .collect()
}

impl Resolver {
    /// Pass 2: fields, flags and return types.
    pub(super) fn resolve_fields(&mut self, schemas: &[Schema]) {
        let structs_by_def = std::mem::take(&mut self.structs_by_def);
        for (&(file_index, def_index), &index) in &structs_by_def {
            let schema = &schemas[file_index];
            self.resolve_definition(schema, &schema.definitions[def_index], index);
        }
    }

    /// The fields and flag words of `def`, in order.
    fn resolve_params(
        &mut self,
        schema: &Schema,
        def: &Definition,
        generics: &HashSet<&str>,
    ) -> Members {
        // `#` parameters that some condition refers to are flag words; others are numbers,
        // except `flags:#` and `flags2:#` in Telegram's schemas: a word no field uses yet
        // (`exportedChatlistInvite`) is 0 on the wire, as every other implementation writes
        // it. TON's `flags:#`, `mode:#` and `count:#` are values of their own.
        let words = condition_words(def);
        let mut members = Members::default();
        for (position, param) in def.params.iter().enumerate() {
            // Anonymous parameters (`coupleInt int t = ...`) are named by position.
            let tl_name = param
                .name
                .map_or_else(|| format!("arg{}", position + 1), str::to_owned);
            match &param.kind {
                ParamKind::Nat
                    if words.contains(tl_name.as_str())
                        || schema.convention.is_flag_word_name(&tl_name) =>
                {
                    members.push_flag_word(tl_name);
                }
                ParamKind::Nat => {
                    members.push_field(tl_name, "#".to_owned(), Ty::Nat, Presence::Required);
                }
                ParamKind::Typed { condition, ty } => {
                    let presence = match condition {
                        None => Presence::Required,
                        Some(cond) => members.on_bit(cond.field, cond.bit, ty),
                    };
                    let resolved = if matches!(presence, Presence::Flag { .. }) {
                        Ty::Bool
                    } else {
                        match self.resolve_type(ty, generics) {
                            Ok(t) => t,
                            Err(kind) => {
                                self.error(schema, ty.span, kind);
                                continue;
                            }
                        }
                    };
                    members.push_field(tl_name, ty.to_string(), resolved, presence);
                }
                ParamKind::Repeated { .. } => {
                    if let Some(width) = self.repetition_width(schema, param) {
                        // `64*[ int ]`: the parameter as written, after its name.
                        let written = param.to_string();
                        let tl_type = written
                            .strip_prefix(&format!("{tl_name}:"))
                            .unwrap_or(&written);
                        let ty = Ty::FixedBytes(width);
                        members.push_field(
                            tl_name.clone(),
                            tl_type.to_owned(),
                            ty,
                            Presence::Required,
                        );
                    }
                }
            }
        }
        members
    }

    fn resolve_definition(&mut self, schema: &Schema, def: &Definition, index: usize) {
        let generics: HashSet<&str> = def.generics.iter().map(|g| g.name).collect();
        let mut members = self.resolve_params(schema, def, &generics);
        naming::dedupe_fields(&mut members.fields);
        naming::name_flag_words(&mut members.flag_words, &members.fields);
        let returns = self.resolve_returns(schema, def, &generics);
        let s = &self.model.structs[index];
        if def.category == Category::Type
            && let Some(used) = def
                .generics
                .iter()
                .find(|g| s.generics.iter().any(|kept| kept == g.name))
        {
            // Its enum would need the parameter too, and its decoder a type to decode.
            let name = used.name.to_owned();
            self.error(
                schema,
                used.span,
                ResolveErrorKind::GenericConstructor { name },
            );
            return;
        }
        let s = &mut self.model.structs[index];
        s.fields = members.fields;
        s.flag_words = members.flag_words;
        s.members = members.order;
        s.returns = returns;
    }

    /// The width of `key:64*[ int ]`: the only repetition with a Rust type of its own.
    fn repetition_width(&mut self, schema: &Schema, param: &Param) -> Option<usize> {
        let Some(width) = tl_parser::words_width(std::slice::from_ref(param)) else {
            self.error(schema, param.span, ResolveErrorKind::UnsupportedRepetition);
            return None;
        };
        if width > builtins::MAX_FIXED_WIDTH {
            self.error(schema, param.span, ResolveErrorKind::TooWide { width });
            return None;
        }
        Some(width)
    }

    /// The answer type of a function; `None` for a constructor.
    fn resolve_returns(
        &mut self,
        schema: &Schema,
        def: &Definition,
        generics: &HashSet<&str>,
    ) -> Option<Ty> {
        if def.category != Category::Function {
            return None;
        }
        match self.resolve_type(&def.result, generics) {
            Ok(Ty::Bare(_)) => {
                let kind = ResolveErrorKind::FunctionReturnsBare;
                self.error(schema, def.result.span, kind);
                None
            }
            Ok(t) => Some(t),
            Err(kind) => {
                self.error(schema, def.result.span, kind);
                None
            }
        }
    }
}
