//! The codec plan of a constructor or function: every decision about how its members go on
//! the wire, made once by resolve (`resolve::plan`). The emitter renders it as it is.

/// How a constructor or function is encoded and decoded, beyond the types of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodecPlan {
    /// The encoder's steps, in wire order. The first is always a [`FixedRun`] carrying the
    /// id (possibly with no members).
    pub encode: Vec<EncodeStep>,
    /// How each flag word (as [`Struct::flag_words`](super::Struct::flag_words)) is computed.
    pub words: Vec<WordPlan>,
    /// Per field (as [`Struct::fields`](super::Struct::fields)): the fewest bytes of one
    /// element at each level of vector nesting, outermost first, which a decoder checks an
    /// element count against before allocating. Empty for fields that are no vector.
    pub vector_min_lens: Vec<Vec<usize>>,
    /// The fewest bytes the fields take on the wire, without the id (`MIN_BARE_LEN`).
    pub min_bare_len: usize,
}

/// One step of an encoder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeStep {
    /// Consecutive fixed-width members, written with one append.
    Fixed(FixedRun),
    /// A required field of variable width: index into the fields.
    Field(usize),
    /// A nullable object (`Presence::Nullable`): index into the fields.
    Nullable(usize),
    /// An optional field (`flags.N?T`, not `true`), written as `rule` says.
    Optional {
        /// Index into the fields.
        field: usize,
        /// Its flag word: index into the flag words.
        word: usize,
        /// Its bit.
        bit: u32,
        /// How its presence and its bit relate.
        rule: OptionalRule,
    },
}

/// Fixed-width members (flag words, numbers, `int128`...) written with one append: one
/// capacity check instead of one per member (encode of a message: about 5% faster).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixedRun {
    /// The run starts with the 4 bytes of the optional id (the first run of an encoder).
    pub with_id: bool,
    /// The members, at their offsets in the run (after the id's 4 bytes when `with_id`).
    pub members: Vec<FixedMember>,
}

impl FixedRun {
    /// The length of the run, the id's 4 bytes included when `with_id`.
    pub fn len(&self) -> usize {
        self.members
            .last()
            .map_or(self.id_len(), |last| last.offset + last.len)
    }

    /// The bytes the id takes at the start of the run: 4 or 0.
    pub fn id_len(&self) -> usize {
        if self.with_id { 4 } else { 0 }
    }
}

/// A member of a [`FixedRun`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedMember {
    /// What is written.
    pub source: FixedSource,
    /// Where in the run it starts.
    pub offset: usize,
    /// Its width in bytes.
    pub len: usize,
}

/// What a [`FixedMember`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedSource {
    /// A flag word: index into the flag words.
    Word(usize),
    /// A required fixed-width field: index into the fields.
    Field(usize),
}

/// How an optional field's presence and its flag bit relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionalRule {
    /// The only field on its bit: the bit is set as the field is written, after the word
    /// (then completed at its recorded position): testing every field up front costs as much
    /// again (about a quarter of encoding a `message`).
    SetsBit,
    /// Shares its bit and has a zero value: written whenever the bit is set (another field
    /// set it), as its zero value when absent.
    ZeroWhenAbsent,
    /// Shares its bit with fields that have no zero value, so the bit is set only when all
    /// of those are present: written only when the bit is set.
    OnlyWithBit,
}

/// How a flag word's value is computed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordPlan {
    /// The bits computed before any field is written, by bit number.
    pub bits: Vec<BitPlan>,
    /// The bits set as their field is written ([`OptionalRule::SetsBit`]). When there are
    /// any, the word is written with the others first and completed after the last field,
    /// at the position recorded when it was written.
    pub late_bits: u32,
}

impl WordPlan {
    /// Whether the word is completed after the fields are written.
    pub fn completed_late(&self) -> bool {
        self.late_bits != 0
    }
}

/// One bit of a flag word computed up front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitPlan {
    /// The bit number.
    pub bit: u32,
    /// When it is set.
    pub set_when: SetWhen,
}

/// When a bit computed up front is set. A field is present when it is `Some`, or, for a
/// `flags.N?true` field, when it is `true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetWhen {
    /// When any of these fields (indexes into the fields) is present: a single `true` flag,
    /// or fields that all have a zero value to stand in for an absent one.
    Any(Vec<usize>),
    /// When all of these fields are present: the optional fields on the bit that have no
    /// zero value (a boxed type, say), which cannot be written without a value.
    All(Vec<usize>),
}
