//! The documentation sidecar of [`Config::method_docs`](crate::Config::method_docs): what
//! the schema does not say of its functions and constructors (descriptions, whether bots may
//! call a function, the errors it may return), as JSON. The format is documented in
//! docs/method-docs.md; resolve (`resolve::docs`) checks its names against the schemas and
//! puts it into the model.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::ErrorKind;

/// A sidecar: entries by TL name. Unknown keys are errors, so that a misspelt one is not
/// silently dropped.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MethodDocs {
    /// Functions by TL name (`auth.sendCode`).
    #[serde(default)]
    pub functions: BTreeMap<String, FunctionDocs>,
    /// Constructors by TL name (`auth.sentCode`).
    #[serde(default)]
    pub constructors: BTreeMap<String, ConstructorDocs>,
}

/// What the sidecar says of a function.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FunctionDocs {
    /// What it does (Markdown).
    pub description: Option<String>,
    /// Descriptions of its parameters by TL name (Markdown).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// Whether bots may call it.
    pub bots: Option<bool>,
    /// The errors it may return.
    #[serde(default)]
    pub errors: Vec<RpcError>,
}

/// What the sidecar says of a constructor.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConstructorDocs {
    /// What it is (Markdown).
    pub description: Option<String>,
    /// Descriptions of its parameters by TL name (Markdown).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// An error a function may return.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RpcError {
    /// The error code (400, 303...).
    pub code: i32,
    /// The error's name (`PHONE_NUMBER_INVALID`).
    pub name: String,
    /// What it means (Markdown).
    pub description: Option<String>,
}

/// Reads and parses the sidecar at `path`.
pub(crate) fn read(path: &Path) -> Result<MethodDocs, ErrorKind> {
    let text = std::fs::read_to_string(path).map_err(|error| ErrorKind::Read {
        path: path.to_owned(),
        error,
    })?;
    serde_json::from_str(&text).map_err(|error| ErrorKind::MethodDocsFormat {
        path: path.to_owned(),
        message: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_their_parts_may_be_left_out() {
        let docs: MethodDocs = serde_json::from_str(
            r#"{"functions": {"ping": {"bots": true, "errors": [{"code": 400, "name": "X"}]}}}"#,
        )
        .unwrap();
        let ping = &docs.functions["ping"];
        assert_eq!(ping.bots, Some(true));
        assert_eq!(
            (ping.errors[0].code, ping.errors[0].description.as_deref()),
            (400, None)
        );
        assert!(ping.description.is_none() && ping.params.is_empty());
        assert!(docs.constructors.is_empty());
    }

    #[test]
    fn unknown_keys_are_errors() {
        let error = serde_json::from_str::<MethodDocs>(r#"{"functions": {"ping": {"bot": true}}}"#)
            .unwrap_err();
        assert!(error.to_string().contains("unknown field `bot`"), "{error}");
    }
}
