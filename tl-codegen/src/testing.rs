//! For unit tests of the rules: the model of a schema written in the test.

use tl_parser::Options;

use crate::model::Model;

/// The model of `text`, a schema of one file, with the default boxing threshold.
pub(crate) fn model(text: &str) -> Model {
    model_with(text, crate::resolve::DEFAULT_MAX_INLINE_VARIANT)
}

/// The model of `text`, boxing variants estimated larger than `max_inline`.
pub(crate) fn model_with(text: &str, max_inline: usize) -> Model {
    model_with_settings(
        text,
        &crate::resolve::Settings {
            max_inline_variant: max_inline,
            ..Default::default()
        },
    )
}

/// The model of `text`, resolved with `settings`.
pub(crate) fn model_with_settings(text: &str, settings: &crate::resolve::Settings) -> Model {
    let schema = tl_parser::parse("test.tl", text, &Options::default())
        .unwrap_or_else(|report| panic!("the test schema does not parse:\n{report}"));
    crate::resolve::resolve(&[schema], 1, settings)
        .unwrap_or_else(|failure| panic!("the test schema does not resolve: {failure:?}"))
}

/// The index of the struct of TL name `tl_name`.
pub(crate) fn struct_named(model: &Model, tl_name: &str) -> usize {
    model
        .structs
        .iter()
        .position(|s| s.tl_name == tl_name)
        .unwrap_or_else(|| panic!("no struct `{tl_name}`"))
}

/// The index of field `name` of struct `s`.
pub(crate) fn field_named(model: &Model, s: usize, name: &str) -> usize {
    model.structs[s]
        .fields
        .iter()
        .position(|f| f.tl_name == name)
        .unwrap_or_else(|| panic!("no field `{name}`"))
}

/// Built-ins that test schemas may use.
pub(crate) const PRELUDE: &str = "int ? = Int;\nlong ? = Long;\ndouble ? = Double;\n\
    string ? = String;\nint128 4*[ int ] = Int128;\nvector {t:Type} # [ t ] = Vector t;\n";
