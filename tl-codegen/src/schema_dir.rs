//! A directory of schema files for a build script: which files, and the mistakes that would
//! otherwise surface as thousands of duplicate definitions or a baffling "not found".

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

/// The schema directory named by the environment variable `var`, if it is set, for a build
/// script that lets its user choose the schema (as `tl-types` does with `TL_SCHEMA_DIR`).
///
/// A relative path is an error that says how to fix it: a build script runs in its own
/// package's directory, not where the user ran cargo.
pub fn schema_dir_from_env(var: &str) -> Result<Option<PathBuf>, Error> {
    schema_dir_from_value(var, std::env::var_os(var))
}

fn schema_dir_from_value(var: &str, value: Option<OsString>) -> Result<Option<PathBuf>, Error> {
    let Some(value) = value else {
        return Ok(None);
    };
    let dir = PathBuf::from(value);
    if dir.is_relative() {
        return Err(ErrorKind::RelativeSchemaDir {
            var: var.to_owned(),
            dir,
        }
        .into());
    }
    Ok(Some(dir))
}

/// The `.tl` files of `dir`, sorted so that the output does not depend on the directory's
/// order. Fails if there are none, or if they are of different layers (`api.tl` of layer 214
/// beside `api-layer195.tl`): one build generates one layer.
pub fn schema_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let unreadable = |error| ErrorKind::Read {
        path: dir.to_owned(),
        error,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if path.extension().is_some_and(|ext| ext == "tl") {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err(ErrorKind::NoSchemaFiles {
            dir: dir.to_owned(),
        }
        .into());
    }
    files.sort();
    let layers = layers_of(&files)?;
    if layers.windows(2).any(|pair| pair[0].1 != pair[1].1) {
        return Err(ErrorKind::MixedLayers {
            dir: dir.to_owned(),
            layers,
        }
        .into());
    }
    Ok(files)
}

/// The files that name a layer, with it. A file that does not parse names none here:
/// generating it reports why.
fn layers_of(files: &[PathBuf]) -> Result<Vec<(PathBuf, u32)>, Error> {
    let mut layers = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|error| ErrorKind::Read {
            path: path.clone(),
            error,
        })?;
        let name = path.display().to_string();
        let parsed = tl_parser::parse(&name, &text, &tl_parser::Options::default());
        if let Some(layer) = parsed.ok().and_then(|schema| schema.layer) {
            layers.push((path.clone(), layer));
        }
    }
    Ok(layers)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory holding `files` (name, text), removed when dropped.
    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    const API_214: &str = "// LAYER 214\nfoo = Foo;\n";
    const API_195: &str = "foo = Foo;\n// LAYER 195\n";
    const MTPROTO: &str = "bar = Bar;\n";

    #[test]
    fn files_are_the_tl_files_sorted() {
        let temp = dir_with(&[
            ("mtproto.tl", MTPROTO),
            ("api.tl", API_214),
            ("notes.txt", ""),
        ]);
        let dir = temp.path();
        let files = schema_files_in(dir).unwrap();
        assert_eq!(files, [dir.join("api.tl"), dir.join("mtproto.tl")]);
    }

    #[test]
    fn two_layers_in_one_directory_say_which_files_and_what_to_do() {
        let temp = dir_with(&[
            ("api.tl", API_214),
            ("api-layer195.tl", API_195),
            ("mtproto.tl", MTPROTO),
        ]);
        let dir = temp.path();
        let message = schema_files_in(dir).unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "error: {} holds schemas of different layers, which would define everything \
                 twice:\n  api-layer195.tl: layer 195\n  api.tl: layer 214\n  = help: keep \
                 the files of one layer there (its api.tl and mtproto.tl) and move the others out",
                dir.display()
            )
        );
    }

    #[test]
    fn one_layer_named_twice_is_one_layer() {
        let temp = dir_with(&[("a.tl", API_214), ("b.tl", API_214)]);
        let dir = temp.path();
        assert_eq!(schema_files_in(dir).unwrap().len(), 2);
    }

    #[test]
    fn an_empty_or_missing_directory_is_an_error() {
        let temp = dir_with(&[("readme.md", "")]);
        let dir = temp.path();
        let message = schema_files_in(dir).unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "error: {} holds no .tl file: put the schema there (e.g. api.tl and mtproto.tl)",
                dir.display()
            )
        );
        let missing = dir.join("missing");
        let message = schema_files_in(&missing).unwrap_err().to_string();
        let expected = format!("error: cannot read {}: ", missing.display());
        assert!(message.starts_with(&expected), "{message}");
    }

    #[test]
    fn a_relative_directory_says_to_give_an_absolute_one() {
        let message = schema_dir_from_value("TL_SCHEMA_DIR", Some("schema".into()))
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "error: TL_SCHEMA_DIR=schema is a relative path, which a build script would \
             resolve against its own package directory, not where cargo runs: give an \
             absolute path, e.g. TL_SCHEMA_DIR=\"$PWD/schema\""
        );
    }

    #[test]
    fn an_absolute_or_unset_directory_is_taken_as_is() {
        let absolute = std::env::temp_dir();
        assert_eq!(
            schema_dir_from_value("TL_SCHEMA_DIR", Some(absolute.clone().into())).unwrap(),
            Some(absolute)
        );
        assert_eq!(schema_dir_from_value("TL_SCHEMA_DIR", None).unwrap(), None);
    }
}
