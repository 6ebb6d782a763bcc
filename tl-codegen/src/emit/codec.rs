//! The codecs: `serialize_fields` rendered from the codec plan, and the decoders.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

use super::{Emitter, hex, tri};
use crate::model::{
    EncodeStep, Field, FixedRun, FixedSource, Member, OptionalRule, Presence, SetWhen, Storage,
    Struct, Ty,
};
use crate::naming;
use crate::render::{self, ident};

impl Emitter<'_> {
    /// A statement writing `place` (a value, or a reference if `is_ref`) to `buf`.
    fn write(&self, ty: &Ty, place: TokenStream, is_ref: bool) -> TokenStream {
        let arg = if is_ref {
            place.clone()
        } else {
            quote!(&#place)
        };
        match ty {
            Ty::Bare(_) if self.model.objects_with_ids => quote!(#place.serialize(buf)),
            Ty::Bare(_) => quote!(#place.serialize_bare(buf)),
            Ty::Vector { boxed, elem } if !ty.is_direct() => {
                let item = self.write(elem, quote!(item), true);
                let writer = if *boxed {
                    quote!(rt::__private::write_vector)
                } else {
                    quote!(rt::__private::write_bare_vector)
                };
                quote!(#writer(buf, #arg, |item, buf| #item))
            }
            _ => quote!(#place.serialize(buf)),
        }
    }

    /// An expression reading `ty` from `reader`, of type `Result<T, DecodeError>`;
    /// `vector_min_lens` are those of the field's plan, from the level of `ty` inward.
    fn read(&self, ty: &Ty, vector_min_lens: &[usize]) -> TokenStream {
        match ty {
            Ty::Int => quote!(reader.read_i32()),
            Ty::Long => quote!(reader.read_i64()),
            Ty::Double => quote!(reader.read_f64()),
            Ty::Nat => quote!(reader.read_u32()),
            Ty::FixedBytes(_) => quote!(reader.read_array()),
            Ty::String(Storage::Owned) => quote!(reader.read_string()),
            Ty::String(Storage::Shared) => quote!(reader.read_shared_string()),
            Ty::Bool => quote!(reader.read_bool()),
            // No turbofish or qualified path here: inside `rt::__tri!(...)` prettyplease cannot
            // format them (`Vec:: < i64 > ::deserialize`); the local's type comes from the
            // field it initializes.
            Ty::Bytes(Storage::Owned) => quote!(reader.read_bytes().map(Vec::from)),
            Ty::Bytes(Storage::Shared) => quote!(reader.read_shared_bytes()),
            Ty::Bare(_) if self.model.objects_with_ids => {
                let t = self.rust_type(ty);
                quote!(#t::deserialize(reader))
            }
            Ty::Bare(_) => {
                let t = self.rust_type(ty);
                quote!(#t::deserialize_bare(reader))
            }
            Ty::Vector { boxed, elem } if !ty.is_direct() => {
                let (min, inner) = vector_min_lens.split_first().unwrap_or((&0, &[]));
                let min = Literal::usize_unsuffixed(*min);
                let item = self.read(elem, inner);
                let method = if *boxed {
                    quote!(read_vector)
                } else {
                    quote!(read_bare_vector)
                };
                quote!(reader.#method(#min, |reader| #item))
            }
            Ty::Vector { .. } => quote!(Vec::deserialize(reader)),
            Ty::Boxed(_) | Ty::Generic(_) => {
                let t = self.rust_type(ty);
                quote!(#t::deserialize(reader))
            }
        }
    }

    /// Statements writing `id` (an `Option<u32>`: none for the bare encoding) and every
    /// member, as the struct's codec plan says.
    pub(super) fn write_body(&self, s: &Struct) -> TokenStream {
        let mut out = TokenStream::new();
        for step in &s.plan.encode {
            out.extend(match step {
                EncodeStep::Fixed(run) => self.fixed_run(s, run),
                EncodeStep::Field(f) => {
                    let fname = ident(&s.fields[*f].name);
                    let w = self.write(&s.fields[*f].ty, quote!(self.#fname), false);
                    quote! { #w; }
                }
                EncodeStep::Nullable(f) => {
                    let fname = ident(&s.fields[*f].name);
                    quote! { rt::__private::write_nullable(buf, &self.#fname); }
                }
                EncodeStep::Optional {
                    field,
                    word,
                    bit,
                    rule,
                } => self.write_optional(s, *field, *word, *bit, *rule),
            });
        }
        for (flag_word, plan) in s.flag_words.iter().zip(&s.plan.words) {
            if plan.completed_late() {
                let word = ident(&flag_word.name);
                let at = ident(&flag_word.position_name);
                out.extend(quote! {
                    buf[#at..#at + 4].copy_from_slice(&#word.to_le_bytes());
                });
            }
        }
        out
    }

    /// Statements writing optional field `f`, on `bit` of flag word `word`, by `rule`.
    fn write_optional(
        &self,
        s: &Struct,
        f: usize,
        word: usize,
        bit: u32,
        rule: OptionalRule,
    ) -> TokenStream {
        let field = &s.fields[f];
        let fname = ident(&field.name);
        let w = self.write(&field.ty, quote!(value), true);
        let word = ident(&s.flag_words[word].name);
        match rule {
            OptionalRule::ZeroWhenAbsent => {
                let mask = bit_mask(bit);
                let ty = self.rust_type(&field.ty);
                quote! {
                    if #word & #mask != 0 {
                        let zero = <#ty>::default();
                        let value = self.#fname.as_ref().unwrap_or(&zero);
                        #w;
                    }
                }
            }
            OptionalRule::SetsBit => {
                let mask = bit_value(bit);
                quote! {
                    if let Some(value) = &self.#fname {
                        #word |= #mask;
                        #w;
                    }
                }
            }
            OptionalRule::OnlyWithBit => {
                let mask = bit_mask(bit);
                quote! {
                    if let Some(value) = self.#fname.as_ref().filter(|_| #word & #mask != 0) {
                        #w;
                    }
                }
            }
        }
    }

    /// The flag words of `run` computed, then the run written with one append; the
    /// positions of words completed later are recorded.
    fn fixed_run(&self, s: &Struct, run: &FixedRun) -> TokenStream {
        let mut out = TokenStream::new();
        for member in &run.members {
            if let FixedSource::Word(w) = member.source {
                let word = ident(&s.flag_words[w].name);
                let value = word_value(s, w);
                out.extend(if s.plan.words[w].completed_late() {
                    quote! { let mut #word: u32 = #value; }
                } else {
                    quote! { let #word: u32 = #value; }
                });
            }
        }
        out.extend(write_run(s, run));
        out
    }

    /// Statements reading every member, ending in `Ok(Self { .. })`.
    pub(super) fn read_body(&self, s: &Struct) -> TokenStream {
        let (reads, inits) = self.read_members(s);
        quote! { #reads Ok(Self { #inits }) }
    }

    /// As [`Emitter::read_body`], into a box allocated first: `Ok(Box<Self>)`.
    pub(super) fn read_body_boxed(&self, s: &Struct) -> TokenStream {
        let (reads, inits) = self.read_members(s);
        quote! {
            let slot = Box::new_uninit();
            #reads
            Ok(Box::write(slot, Self { #inits }))
        }
    }

    /// Statements reading every member into locals, and the field initializers of `Self`.
    fn read_members(&self, s: &Struct) -> (TokenStream, TokenStream) {
        let mut out = TokenStream::new();
        let tl_name = &s.tl_name;
        for member in &s.members {
            match member {
                Member::FlagWord(w) => {
                    let word = &s.flag_words[*w];
                    let wname = ident(&word.name);
                    let defined = hex(word.defined_bits);
                    let read = tri(quote!(reader.read_u32()));
                    let check = tri(quote!(reader.check_flags(#tl_name, #wname, #defined)));
                    out.extend(quote! {
                        let #wname = #read;
                        #check;
                    });
                }
                Member::Field(f) => out.extend(self.read_field(s, *f)),
            }
        }
        let inits = s.fields.iter().map(|f| {
            let fname = ident(&f.name);
            let local = local_name(f);
            if fname == local {
                quote!(#fname)
            } else {
                quote!(#fname: #local)
            }
        });
        (out, quote!(#(#inits),*))
    }

    /// A statement reading field `f` into its local.
    fn read_field(&self, s: &Struct, f: usize) -> TokenStream {
        let field = &s.fields[f];
        let local = local_name(field);
        let mins = &s.plan.vector_min_lens[f];
        match field.presence {
            Presence::Flag { word, bit } => {
                let wname = ident(&s.flag_words[word].name);
                let mask = bit_mask(bit);
                quote!(let #local = #wname & #mask != 0;)
            }
            Presence::Required => {
                let read = tri(self.read(&field.ty, mins));
                quote!(let #local = #read;)
            }
            Presence::Nullable => {
                let read = tri(quote!(rt::__private::read_nullable(reader)));
                quote!(let #local = #read;)
            }
            Presence::Optional { word, bit } => {
                let wname = ident(&s.flag_words[word].name);
                let mask = bit_mask(bit);
                let read = tri(self.read(&field.ty, mins));
                quote! {
                    let #local = if #wname & #mask != 0 { Some(#read) } else { None };
                }
            }
        }
    }
}

/// The place of a fixed-width member (`flags`, `self.id`), and whether it is a byte array.
fn fixed_place(s: &Struct, source: FixedSource) -> (TokenStream, bool) {
    match source {
        FixedSource::Word(w) => {
            let word = ident(&s.flag_words[w].name);
            (quote!(#word), false)
        }
        FixedSource::Field(f) => {
            let fname = ident(&s.fields[f].name);
            (
                quote!(self.#fname),
                matches!(s.fields[f].ty, Ty::FixedBytes(_)),
            )
        }
    }
}

/// Statements writing `run` with one append (with the optional `id` first, if it has it).
fn write_run(s: &Struct, run: &FixedRun) -> TokenStream {
    match (run.members.as_slice(), run.with_id) {
        ([], true) => quote!(rt::__private::write_id(buf, id);),
        ([], false) => TokenStream::new(),
        ([only], false) => {
            let (place, _) = fixed_place(s, only.source);
            // A word completed later is where the buffer ends now.
            let position = late_word_position(s, only.source, quote!(buf.len()));
            quote!(#position #place.serialize(buf);)
        }
        _ => write_fixed_array(s, run),
    }
}

/// `let flags_at = at;` for a flag word completed after the fields; nothing otherwise.
fn late_word_position(s: &Struct, source: FixedSource, at: TokenStream) -> TokenStream {
    match source {
        FixedSource::Word(w) if s.plan.words[w].completed_late() => {
            let name = ident(&s.flag_words[w].position_name);
            quote!(let #name = #at;)
        }
        _ => TokenStream::new(),
    }
}

/// `run` copied into an array appended at once.
fn write_fixed_array(s: &Struct, run: &FixedRun) -> TokenStream {
    let copies = run.members.iter().map(|member| {
        let (place, is_bytes) = fixed_place(s, member.source);
        let bytes = if is_bytes {
            quote!(#place)
        } else {
            quote!(#place.to_le_bytes())
        };
        let start = Literal::usize_unsuffixed(member.offset);
        let end = Literal::usize_unsuffixed(member.offset + member.len);
        quote!(fixed[#start..#end].copy_from_slice(&#bytes);)
    });
    // A word's position is taken after the append, from the end of the buffer back to where
    // its part of the array went, which does not depend on whether the id was written.
    let positions = run.members.iter().map(|member| {
        let offset = Literal::usize_unsuffixed(member.offset);
        late_word_position(s, member.source, quote!(buf.len() - fixed[#offset..].len()))
    });
    let total = Literal::usize_unsuffixed(run.len());
    let (id_note, written) = if run.with_id {
        let note = render::comment("bytes 0..4 hold the id; a bare encoding leaves them out");
        (note, quote!(rt::__private::with_id(&mut fixed, id)))
    } else {
        (TokenStream::new(), quote!(&fixed))
    };
    quote! {
        #id_note
        let mut fixed = [0u8; #total];
        #(#copies)*
        buf.extend_from_slice(#written);
        #(#positions)*
    }
}

/// The value of flag word `word` before the fields are written: a term per bit of its plan.
fn word_value(s: &Struct, word: usize) -> TokenStream {
    let present = |f: &usize| {
        let field = &s.fields[*f];
        let fname = ident(&field.name);
        match field.presence {
            Presence::Flag { .. } => quote!(self.#fname),
            _ => quote!(self.#fname.is_some()),
        }
    };
    let terms: Vec<TokenStream> = s.plan.words[word]
        .bits
        .iter()
        .map(|bit| {
            let condition = match &bit.set_when {
                SetWhen::Any(fields) => {
                    let present = fields.iter().map(present);
                    quote!(#(#present)||*)
                }
                SetWhen::All(fields) => {
                    let present = fields.iter().map(present);
                    quote!(#(#present)&&*)
                }
            };
            // A plain `if` rather than `u32::from(bool)`: no trait selection per bit, which is
            // measurable over the thousands of flags of a layer.
            let mask = bit_value(bit.bit);
            quote!(if #condition { #mask } else { 0 })
        })
        .collect();
    // Parentheses make `a << 1 | b << 2` read without recalling precedence.
    let terms: Vec<TokenStream> = if terms.len() > 1 {
        terms.into_iter().map(|t| quote!((#t))).collect()
    } else {
        terms
    };
    if terms.is_empty() {
        quote!(0)
    } else {
        quote!(#(#terms)|*)
    }
}

/// `1 << bit`, or `1` for bit 0.
fn bit_mask(bit: u32) -> TokenStream {
    let value = bit_value(bit);
    if bit == 0 { value } else { quote!((#value)) }
}

/// `1 << bit` (`1` for bit 0), for places where no operator follows.
fn bit_value(bit: u32) -> TokenStream {
    if bit == 0 {
        quote!(1)
    } else {
        let bit = Literal::u32_unsuffixed(bit);
        quote!(1 << #bit)
    }
}

/// The local variable holding a field while decoding, and `new`'s parameter for it.
pub(super) fn local_name(field: &Field) -> Ident {
    ident(&naming::field_local(field))
}
