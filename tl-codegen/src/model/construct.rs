//! How users build a constructor or function struct: `new` from its required fields, then a
//! chained setter per optional field (`SendMessage::new(peer, message, random_id)
//! .silent(true)`). A schema that adds an optional field adds a setter and breaks no caller;
//! one that adds a required field changes `new`, which then fails to compile where it is
//! called. Decided by resolve (`resolve::construct`), rendered by `emit::construct`.

/// The constructor function and setters of one struct.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Construction {
    /// The parameters of `new`: the required fields (indexes into the fields), in schema
    /// order.
    pub required: Vec<usize>,
    /// A setter per optional field (`flags.N?T` and `flags.N?true`), in schema order.
    pub setters: Vec<Setter>,
}

/// The setter of an optional field: it takes the struct by value and returns it, with the
/// field set (`Some(value)`, or the `bool` of a `flags.N?true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setter {
    /// The field: index into the fields.
    pub field: usize,
    /// The method's name (`naming::setter_names`): the field's, unless a method it would
    /// shadow has it.
    pub name: String,
}
