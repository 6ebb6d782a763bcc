//! The last pass of resolve: the codec plan of every definition ([`CodecPlan`]): its flag
//! words, which bits are computed up front and which are set as their field is written, the
//! rule of each optional field, the runs of fixed-width members, and minimum wire lengths.

use std::collections::BTreeMap;

use crate::model::{
    BitPlan, CodecPlan, EncodeStep, FixedMember, FixedRun, FixedSource, Member, Model,
    OptionalRule, Presence, SetWhen, Struct, Ty, WordPlan,
};

/// Fills in [`Struct::plan`] of every struct.
pub(super) fn plan_codecs(model: &mut Model) {
    let min_bare_lens: Vec<usize> = (0..model.structs.len())
        .map(|s| min_struct_len(model, s, &mut Vec::new()))
        .collect();
    let id_len = bare_id_len(model);
    for (s, min_bare_len) in min_bare_lens.iter().enumerate() {
        let st = &model.structs[s];
        let plan = CodecPlan {
            encode: encode_steps(st),
            words: (0..st.flag_words.len()).map(|w| plan_word(st, w)).collect(),
            vector_min_lens: st
                .fields
                .iter()
                .map(|f| vector_min_lens(&f.ty, |c| id_len + min_bare_lens[c]))
                .collect(),
            min_bare_len: *min_bare_len,
        };
        model.structs[s].plan = plan;
    }
}

/// The fields on `bit` of flag word `word`, `true` flags included, in schema order.
fn fields_on_bit(s: &Struct, word: usize, bit: u32) -> impl Iterator<Item = usize> + '_ {
    s.fields.iter().enumerate().filter_map(move |(f, field)| {
        matches!(field.presence,
            Presence::Optional { word: w, bit: b } | Presence::Flag { word: w, bit: b }
            if w == word && b == bit)
        .then_some(f)
    })
}

/// Whether several fields use `bit` of flag word `word`.
fn shares_bit(s: &Struct, word: usize, bit: u32) -> bool {
    fields_on_bit(s, word, bit).nth(1).is_some()
}

/// How optional field `field`, on `bit` of `word`, is written.
fn optional_rule(s: &Struct, field: usize, word: usize, bit: u32) -> OptionalRule {
    if !shares_bit(s, word, bit) {
        OptionalRule::SetsBit
    } else if s.fields[field].ty.has_default() {
        OptionalRule::ZeroWhenAbsent
    } else {
        OptionalRule::OnlyWithBit
    }
}

/// The plan of flag word `word`: per bit, set when any field on it is present, and (if an
/// optional field on it has no zero value to stand in) only when all such fields are present;
/// the bit of a single optional field is set as that field is written.
fn plan_word(s: &Struct, word: usize) -> WordPlan {
    let mut late_bits = 0;
    let mut bits: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (f, field) in s.fields.iter().enumerate() {
        match field.presence {
            Presence::Optional { word: w, bit } if w == word && !shares_bit(s, w, bit) => {
                late_bits |= 1 << bit;
            }
            Presence::Optional { word: w, bit } | Presence::Flag { word: w, bit } if w == word => {
                bits.entry(bit).or_default().push(f);
            }
            _ => {}
        }
    }
    let bits = bits
        .into_iter()
        .map(|(bit, fields)| {
            let without_zero: Vec<usize> = fields
                .iter()
                .copied()
                .filter(|&f| {
                    let field = &s.fields[f];
                    matches!(field.presence, Presence::Optional { .. }) && !field.ty.has_default()
                })
                .collect();
            let set_when = if fields.len() > 1 && !without_zero.is_empty() {
                SetWhen::All(without_zero)
            } else {
                SetWhen::Any(fields)
            };
            BitPlan { bit, set_when }
        })
        .collect();
    WordPlan { bits, late_bits }
}

/// The encoder's steps: members in schema order, consecutive fixed-width ones gathered in
/// runs, the first run carrying the id.
fn encode_steps(s: &Struct) -> Vec<EncodeStep> {
    let mut steps = Vec::new();
    let mut run = FixedRun {
        with_id: true,
        members: Vec::new(),
    };
    for member in &s.members {
        let (source, len) = match *member {
            Member::FlagWord(w) => (FixedSource::Word(w), 4),
            Member::Field(f) => {
                let field = &s.fields[f];
                match (field.presence, field.ty.fixed_len()) {
                    (Presence::Flag { .. }, _) => continue,
                    (Presence::Required, Some(len)) => (FixedSource::Field(f), len),
                    (Presence::Required, None) => {
                        flush(&mut run, &mut steps);
                        steps.push(EncodeStep::Field(f));
                        continue;
                    }
                    (Presence::Nullable, _) => {
                        flush(&mut run, &mut steps);
                        steps.push(EncodeStep::Nullable(f));
                        continue;
                    }
                    (Presence::Optional { word, bit }, _) => {
                        flush(&mut run, &mut steps);
                        let rule = optional_rule(s, f, word, bit);
                        steps.push(EncodeStep::Optional {
                            field: f,
                            word,
                            bit,
                            rule,
                        });
                        continue;
                    }
                }
            }
        };
        let offset = run.len();
        run.members.push(FixedMember {
            source,
            offset,
            len,
        });
    }
    flush(&mut run, &mut steps);
    steps
}

/// Ends `run` as a step (the first run even when empty: it writes the id), starting the next.
fn flush(run: &mut FixedRun, steps: &mut Vec<EncodeStep>) {
    let next = FixedRun::default();
    if run.with_id || !run.members.is_empty() {
        steps.push(EncodeStep::Fixed(std::mem::replace(run, next)));
    }
}

/// The fewest bytes of one element at each level of vector nesting of `ty`, outermost first.
fn vector_min_lens(ty: &Ty, bare_len: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut lens = Vec::new();
    let mut ty = ty;
    while let Ty::Vector { elem, .. } = ty {
        lens.push(min_encoded_len(elem, &bare_len));
        ty = elem;
    }
    lens
}

/// The bytes of the id written before an object that the schema names bare: 4 where every
/// object has its id (`Model::objects_with_ids`), else none.
fn bare_id_len(model: &Model) -> usize {
    if model.objects_with_ids { 4 } else { 0 }
}

/// The fewest bytes a value of `ty` takes on the wire, given those of a bare constructor.
fn min_encoded_len(ty: &Ty, bare_len: impl FnOnce(usize) -> usize) -> usize {
    match ty {
        Ty::Vector { boxed: true, .. } => 8,
        Ty::Bare(c) => bare_len(*c),
        // Fixed widths; otherwise one word: a length, a `Bool`'s or a boxed value's id.
        _ => ty.fixed_len().unwrap_or(4),
    }
}

/// The fewest bytes the fields of struct `s` take, without its id; a bare constructor that
/// contains itself (through `visiting`) counts as nothing the second time.
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
        .map(|f| match f.presence {
            Presence::Required => min_encoded_len(&f.ty, |c| {
                bare_id_len(model) + min_struct_len(model, c, visiting)
            }),
            // `null#56730bcc`.
            Presence::Nullable => 4,
            Presence::Optional { .. } | Presence::Flag { .. } => 0,
        })
        .sum();
    visiting.pop();
    words + fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{PRELUDE, field_named, model, struct_named};

    /// The plan of constructor `name` of `schema` (after the prelude), with a field lookup.
    fn plan_of(schema: &str, name: &str) -> (CodecPlan, impl Fn(&str) -> usize) {
        let model = model(&format!("{PRELUDE}{schema}"));
        let s = struct_named(&model, name);
        let plan = model.structs[s].plan.clone();
        (plan, move |field: &str| field_named(&model, s, field))
    }

    const PLACE: &str = "shape = Shape;\nplace flags:# verified:flags.0?true id:long \
        name:flags.1?string views:flags.2?int forwards:flags.2?int rank:flags.4?int \
        badge:flags.4?Shape = Place;\n";

    #[test]
    fn bits_are_set_by_any_field_on_them_unless_one_has_no_zero_value() {
        let (plan, f) = plan_of(PLACE, "place");
        let expected = WordPlan {
            bits: vec![
                BitPlan {
                    bit: 0,
                    set_when: SetWhen::Any(vec![f("verified")]),
                },
                // Both have a zero value: either sets the bit, the other is written as zero.
                BitPlan {
                    bit: 2,
                    set_when: SetWhen::Any(vec![f("views"), f("forwards")]),
                },
                // `badge` has no zero value: the bit needs it.
                BitPlan {
                    bit: 4,
                    set_when: SetWhen::All(vec![f("badge")]),
                },
            ],
            // `name` alone on bit 1: set as it is written.
            late_bits: 1 << 1,
        };
        assert_eq!(plan.words, [expected]);
    }

    #[test]
    fn optional_fields_follow_the_rule_of_their_bit() {
        let (plan, f) = plan_of(PLACE, "place");
        let rules: Vec<(usize, OptionalRule)> = plan
            .encode
            .iter()
            .filter_map(|step| match step {
                EncodeStep::Optional { field, rule, .. } => Some((*field, *rule)),
                _ => None,
            })
            .collect();
        assert_eq!(
            rules,
            [
                (f("name"), OptionalRule::SetsBit),
                (f("views"), OptionalRule::ZeroWhenAbsent),
                (f("forwards"), OptionalRule::ZeroWhenAbsent),
                (f("rank"), OptionalRule::ZeroWhenAbsent),
                (f("badge"), OptionalRule::OnlyWithBit),
            ]
        );
    }

    #[test]
    fn fixed_width_members_are_written_in_runs_the_first_after_the_id() {
        let (plan, f) = plan_of(
            "pair flags:# a:int b:long c:string d:int128 e:flags.0?true g:double = Pair;\n",
            "pair",
        );
        let member = |source, offset, len| FixedMember {
            source,
            offset,
            len,
        };
        assert_eq!(
            plan.encode,
            [
                EncodeStep::Fixed(FixedRun {
                    with_id: true,
                    members: vec![
                        member(FixedSource::Word(0), 4, 4),
                        member(FixedSource::Field(f("a")), 8, 4),
                        member(FixedSource::Field(f("b")), 12, 8),
                    ],
                }),
                EncodeStep::Field(f("c")),
                // A `true` flag takes no bytes: it does not end the run.
                EncodeStep::Fixed(FixedRun {
                    with_id: false,
                    members: vec![
                        member(FixedSource::Field(f("d")), 0, 16),
                        member(FixedSource::Field(f("g")), 16, 8),
                    ],
                }),
            ]
        );
        assert!(plan.words.iter().all(|w| !w.completed_late()));
    }

    #[test]
    fn a_constructor_without_fields_writes_only_its_id() {
        let (plan, _) = plan_of("empty = Empty;\n", "empty");
        let id_only = FixedRun {
            with_id: true,
            members: Vec::new(),
        };
        assert_eq!(id_only.len(), 4);
        assert_eq!(plan.encode, [EncodeStep::Fixed(id_only)]);
        assert_eq!(plan.min_bare_len, 0);
    }

    #[test]
    fn minimum_lengths_count_required_fields_and_flag_words() {
        let (plan, f) = plan_of(
            "point x:int y:long = Point;\nbox flags:# a:int b:string c:flags.0?long \
             p:point ps:vector<point> vs:Vector<Vector<long>> = Box;\n",
            "box",
        );
        // flags 4, a 4, b 4 (its length), p 12 (bare), ps 4 (count), vs 8 (id and count).
        assert_eq!(plan.min_bare_len, 36);
        assert_eq!(plan.vector_min_lens[f("ps")], [12]);
        assert_eq!(plan.vector_min_lens[f("vs")], [8, 8]);
        assert!(plan.vector_min_lens[f("a")].is_empty());
    }

    #[test]
    fn a_bare_constructor_that_contains_itself_counts_once() {
        let (plan, _) = plan_of("node x:int next:node = Node;\n", "node");
        assert_eq!(plan.min_bare_len, 4);
    }
}
