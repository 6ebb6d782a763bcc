//! The rustdoc of a constructor or function beyond its schema line: what its parameters
//! table lists, its description, what a documentation sidecar says of it, and the example
//! call of a function. Decided by `resolve::docs`, rendered by `emit::docs`.

/// Text for the rustdoc, and whether it may be read as Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocText {
    /// A schema comment: plain text, escaped so that rustdoc reads no links or HTML in it.
    Plain(String),
    /// From a documentation sidecar: Markdown, as its format says.
    Markdown(String),
}

/// The documentation of one constructor or function.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDoc {
    /// What it is or does: the sidecar's description, else the schema's comments.
    pub description: Vec<DocText>,
    /// A row per field, in schema order (flag words are not rows: a field's row says its
    /// bit).
    pub params: Vec<ParamRow>,
    /// Whether bots may call a function, when the sidecar says.
    pub bots: Option<bool>,
    /// The errors a function may return, as the sidecar lists them.
    pub errors: Vec<ErrorRow>,
    /// How a function is called (functions only).
    pub example: Option<Example>,
}

/// A row of the parameters table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamRow {
    /// The field: index into the fields.
    pub field: usize,
    /// Its type as the schema writes it, without the condition (`auth.CodeType`, `true`).
    pub tl_type: String,
    /// The sidecar's description, else the schema's `//@name text`.
    pub description: Option<DocText>,
}

/// A row of the errors table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRow {
    /// The RPC error code (400, 303...).
    pub code: i32,
    /// The error's name (`PHONE_NUMBER_INVALID`).
    pub name: String,
    /// What it means (Markdown).
    pub description: Option<String>,
}

/// The example call of a function: `let request = functions::a::Name::new(args)` and some
/// setters. Values of simple types are literals; the others are inputs of the example (the
/// parameters of a hidden function when the example is compiled as a doc-test).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Example {
    /// Per argument of `new`, in order.
    pub args: Vec<ExampleValue>,
    /// Setters called after `new`: index into the construction's setters, and the value.
    pub setters: Vec<(usize, ExampleValue)>,
    /// The inputs: their names, and the fields whose type (for an optional field, the type
    /// its setter takes) they have.
    pub inputs: Vec<(String, usize)>,
}

/// A value in an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleValue {
    /// Rust source of a literal (`0`, `"message"`, `b"bytes"`, `[0; 16]`, `true`).
    Literal(String),
    /// An input of the example, by name.
    Input(String),
}
