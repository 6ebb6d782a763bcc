//! Sample bytes of every definition of parsed schemas, written from the schema by code that
//! shares nothing with the codec: the corpus round trips (corpus.rs) and the requests sent to
//! TDLib (tdlib.rs).

use std::collections::HashMap;

use tl_parser::{Category, Convention, Definition, ParamKind, Type};

/// The id of `null#56730bcc`: a null object in tl-json's TDLib style.
const NULL_ID: u32 = 0x5673_0bcc;

/// Below this depth nested objects are built with their fields; deeper, the constructor that
/// terminates soonest is taken, as tl-codegen's samples do.
const MAX_DEPTH: usize = 3;

/// Which optional values a sample has.
#[derive(Clone, Copy, PartialEq)]
pub enum Fill {
    /// Every optional value set (vectors of the outermost definition with two elements).
    All,
    /// No optional value; in the TDLib style, the objects of the outermost definition null.
    None,
}

/// Writes sample bytes of the definitions of parsed schemas.
pub struct Samples<'a, 'd> {
    pub defs: Vec<&'a Definition<'d>>,
    /// Constructors of each boxed type, by index in `defs`.
    ctors_of: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, usize>,
    /// Steps to a constructor without required objects (`usize::MAX`: never).
    rank: Vec<usize>,
    /// The first function without parameters, the query of generic functions.
    plain_function: Option<usize>,
    counter: u32,
    /// TDLib's `td_api.tl` as tl-json's TDLib style writes it: every object with its id, and
    /// (with [`Fill::None`]) the objects of the outermost definition null.
    pub tdlib: bool,
}

impl<'a, 'd> Samples<'a, 'd> {
    /// Samples of the definitions of `schemas` that are objects (not primitives).
    pub fn new(schemas: &'a [tl_parser::Schema<'d>]) -> Self {
        let defs: Vec<&Definition> = schemas
            .iter()
            .flat_map(|s| &s.definitions)
            .filter(|d| !d.is_primitive())
            .collect();
        let mut ctors_of: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name = HashMap::new();
        for (index, def) in defs.iter().enumerate() {
            if def.category == Category::Type {
                ctors_of
                    .entry(def.result.full_name())
                    .or_default()
                    .push(index);
                by_name.insert(def.full_name(), index);
            }
        }
        let plain_function = defs.iter().position(|d| {
            d.category == Category::Function && d.params.is_empty() && d.generics.is_empty()
        });
        let mut samples = Samples {
            rank: vec![usize::MAX; defs.len()],
            defs,
            ctors_of,
            by_name,
            plain_function,
            counter: 0,
            tdlib: false,
        };
        samples.rank_constructors();
        samples
    }

    /// A constructor's rank: 1 + the largest rank of its required object fields' types.
    fn rank_constructors(&mut self) {
        for _ in 0..64 {
            let ranks: Vec<usize> = (0..self.defs.len()).map(|i| self.rank_of(i)).collect();
            if ranks == self.rank {
                return;
            }
            self.rank = ranks;
        }
    }

    fn rank_of(&self, index: usize) -> usize {
        let mut worst = 0;
        for param in &self.defs[index].params {
            if let ParamKind::Typed {
                condition: None,
                ty,
            } = &param.kind
            {
                let rank = match self.object_ctors(ty) {
                    Some(ctors) => ctors.iter().map(|&c| self.rank[c]).min().unwrap_or(0),
                    None => 0,
                };
                worst = worst.max(rank.saturating_add(1));
            }
        }
        worst
    }

    /// The constructors a value of `ty` may take, for a boxed or bare object type.
    fn object_ctors(&self, ty: &Type) -> Option<Vec<usize>> {
        if ty.generic_ref || ty.name == "Vector" || ty.name == "vector" {
            return None;
        }
        let name = ty.full_name();
        if ty.is_bare() {
            return self.by_name.get(&name).map(|&c| vec![c]);
        }
        self.ctors_of.get(&name).cloned()
    }

    fn next(&mut self) -> u32 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    /// The bytes of definition `index`: its id if `boxed`, then its fields.
    pub fn def_bytes(
        &mut self,
        index: usize,
        boxed: bool,
        fill: Fill,
        depth: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        let def = self.defs[index];
        if boxed {
            out.extend_from_slice(&def.id().to_le_bytes());
        }
        let generics: Vec<&str> = def.generics.iter().map(|g| g.name).collect();
        let mut words: HashMap<&str, u32> = HashMap::new();
        for param in &def.params {
            if let ParamKind::Typed {
                condition: Some(c), ..
            } = &param.kind
                && fill == Fill::All
            {
                *words.entry(c.field).or_default() |= 1 << c.bit;
            }
        }
        for param in &def.params {
            match &param.kind {
                ParamKind::Nat => {
                    let name = param.name.unwrap_or_default();
                    let word = match words.get(name) {
                        Some(&word) => word,
                        None if def.params.iter().any(|p| conditioned_on(p, name)) => 0,
                        // A `flags:#` that no field uses (`exportedChatlistInvite`): a flag
                        // word all the same, 0 as every implementation writes it.
                        None if Convention::Telegram.is_flag_word_name(name) => 0,
                        None => self.next(),
                    };
                    out.extend_from_slice(&word.to_le_bytes());
                }
                ParamKind::Typed {
                    condition: Some(c),
                    ty,
                } => {
                    let set = words.get(c.field).is_some_and(|w| w >> c.bit & 1 == 1);
                    if set && ty.name != "true" {
                        self.value(ty, &generics, depth + 1, Fill::All, out)?;
                    }
                }
                ParamKind::Typed {
                    condition: None,
                    ty,
                } if self.tdlib
                    && depth == 0
                    && fill == Fill::None
                    && self.object_ctors(ty).is_some() =>
                {
                    out.extend_from_slice(&NULL_ID.to_le_bytes());
                }
                ParamKind::Typed {
                    condition: None,
                    ty,
                } => {
                    let nested = if depth == 0 { fill } else { Fill::None };
                    self.value(ty, &generics, depth + 1, nested, out)?;
                }
                ParamKind::Repeated { .. } => return Err(format!("repetition in {param}")),
            }
        }
        Ok(())
    }

    fn value(
        &mut self,
        ty: &Type,
        generics: &[&str],
        depth: usize,
        fill: Fill,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        if ty.generic_ref || generics.contains(&ty.name) {
            let function = self.plain_function.ok_or("no plain function")?;
            return self.def_bytes(function, true, Fill::None, depth, out);
        }
        if ty.name == "Vector" || ty.name == "vector" {
            if ty.name == "Vector" && !ty.bare_marker {
                out.extend_from_slice(&0x1cb5_c415u32.to_le_bytes());
            }
            let count = if fill == Fill::All && depth <= MAX_DEPTH {
                2
            } else {
                0
            };
            out.extend_from_slice(&(count as u32).to_le_bytes());
            for _ in 0..count {
                self.value(&ty.args[0], generics, depth + 1, Fill::None, out)?;
            }
            return Ok(());
        }
        if self.scalar(ty, out) {
            return Ok(());
        }
        let ctors = self
            .object_ctors(ty)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| format!("unknown type {ty}"))?;
        let finite: Vec<usize> = ctors
            .iter()
            .copied()
            .filter(|&c| self.rank[c] != usize::MAX)
            .collect();
        let k = self.next() as usize;
        let ctor = if depth >= MAX_DEPTH || finite.is_empty() {
            *ctors.iter().min_by_key(|&&c| self.rank[c]).unwrap()
        } else {
            finite[k % finite.len()]
        };
        self.def_bytes(ctor, !ty.is_bare() || self.tdlib, Fill::None, depth, out)
    }

    /// Numbers, strings, bytes, `Bool` and fixed-width integers; false for other types.
    fn scalar(&mut self, ty: &Type, out: &mut Vec<u8>) -> bool {
        let k = self.next();
        let text = |k: u32| {
            if k.is_multiple_of(5) {
                "long sample text \u{2713} ".repeat(15)
            } else {
                format!("sample {k} \u{1F600}")
            }
        };
        match ty.name {
            "int" | "int32" => {
                out.extend_from_slice(&(k as i32).wrapping_mul(-104_729).to_le_bytes())
            }
            // TDLib's identifiers: within 2^53.
            "int53" => out.extend_from_slice(&(i64::from(k) * 1_000_003).to_le_bytes()),
            "long" | "int64" => {
                out.extend_from_slice(&(0x0123_4567_0000_0000 + i64::from(k) * 977).to_le_bytes())
            }
            "double" => out.extend_from_slice(&(f64::from(k) + 0.25).to_le_bytes()),
            "string" => tl_bytes(text(k).as_bytes(), out),
            "bytes" => {
                let data: Vec<u8> = (0..(k % 7) * 50).map(|i| (i * 31 + k) as u8).collect();
                tl_bytes(&data, out);
            }
            "Bool" => {
                let id: u32 = if k.is_multiple_of(2) {
                    0x9972_75b5
                } else {
                    0xbc79_9737
                };
                out.extend_from_slice(&id.to_le_bytes());
            }
            "int128" => out.extend(std::iter::repeat_n(k as u8, 16)),
            "int256" => out.extend(std::iter::repeat_n((k as u8).wrapping_mul(3), 32)),
            _ => return false,
        }
        true
    }
}

fn conditioned_on(param: &tl_parser::Param, word: &str) -> bool {
    matches!(&param.kind, ParamKind::Typed { condition: Some(c), .. } if c.field == word)
}

fn tl_bytes(data: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    if data.len() < 254 {
        out.push(data.len() as u8);
    } else {
        out.push(254);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(data);
    out.resize(start + (out.len() - start).div_ceil(4) * 4, 0);
}
