//! Why generation failed: [`Error`] and its [`ErrorKind`], rendered as the parser renders its
//! own (every message starts with `error:`), with the underlying error as `source()`.

use std::fmt;
use std::path::PathBuf;

use tl_parser::{IdMismatch, MismatchExplanation, Report};

// Through the crate root, where each is public: the modules that define them may move.
use crate::{
    HookError, KNOWN_TELEGRAM_MISMATCHES, KNOWN_TON_MISMATCHES, ResolveError, UnknownRoot,
};

/// Why generation failed. [`Error::kind`] says what went wrong; `Display` renders it for a
/// person, with the source lines where the schema is at fault.
#[derive(Debug)]
pub struct Error {
    // Boxed: `Result<String, Error>` stays small however large the kinds grow.
    kind: Box<ErrorKind>,
}

/// What went wrong. More kinds may come.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A schema file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// The failure.
        error: std::io::Error,
    },
    /// The output could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// The failure.
        error: std::io::Error,
    },
    /// [`Config::compile`](crate::Config::compile) has no directory to write to: it runs
    /// outside a build script and no [`Config::out_dir`](crate::Config::out_dir) is set.
    NoOutDir,
    /// Syntax or semantic errors in a schema file.
    Parse(Report),
    /// Written ids that differ from their definitions and were not accepted.
    IdMismatch(Vec<IdMismatch>),
    /// References to unknown types and other errors across the schema files.
    Resolve {
        /// The errors, file by file in source order.
        errors: Vec<ResolveError>,
        /// The errors with their source lines, as the parser reports its own.
        rendered: String,
    },
    /// A `Config` hook (`type_attribute`, `boxed`, ...) that does not fit the schemas.
    Hook(HookError),
    /// The schema needs something the generator does not do (with these options).
    Unsupported(String),
    /// The runtime path is not a Rust path.
    RuntimePath(String),
    /// A schema directory given by an environment variable is relative: a build script runs
    /// in its own package's directory, so the path would not mean what the user meant.
    RelativeSchemaDir {
        /// The variable.
        var: String,
        /// Its value.
        dir: PathBuf,
    },
    /// A schema directory holds no `.tl` file.
    NoSchemaFiles {
        /// The directory.
        dir: PathBuf,
    },
    /// A schema directory holds files of different layers (`api.tl` beside
    /// `api-layer195.tl`): generated together they would define everything twice.
    MixedLayers {
        /// The directory.
        dir: PathBuf,
        /// Every file that names a layer, with it.
        layers: Vec<(PathBuf, u32)>,
    },
    /// Paths given to [`Config::redact`](crate::Config::redact) that name no field of the
    /// schemas: a misspelt one would leave a secret in `Debug` output.
    UnknownRedaction(Vec<String>),
    /// The documentation sidecar of [`Config::method_docs`](crate::Config::method_docs) is
    /// not in its format (docs/method-docs.md).
    MethodDocsFormat {
        /// The sidecar.
        path: PathBuf,
        /// What is wrong, as the JSON parser says it.
        message: String,
    },
    /// The documentation sidecar names a function, constructor or parameter that the schemas
    /// do not have: a misspelt name would leave its documentation out.
    UnknownDocName {
        /// The sidecar.
        path: PathBuf,
        /// The name (`auth.sendCode`, or `auth.sendCode.phone_number` for a parameter).
        name: String,
        /// The closest name of the schemas, if one is close.
        closest: Option<String>,
    },
    /// Names given to [`Config::roots`](crate::Config::roots) that are no function, type or
    /// constructor of the schemas.
    UnknownRoots(Vec<UnknownRoot>),
    /// A type given to [`Config::other_layer_variants`](crate::Config::other_layer_variants)
    /// that neither the schemas nor the files of the known layers define.
    UnknownVariantType {
        /// The name as given.
        name: String,
        /// The closest type they define, if one is close.
        closest: Option<String>,
    },
    /// A file of [`Config::known_layers`](crate::Config::known_layers) without `// LAYER N`
    /// (or `===N===` sections) that has constructors for
    /// [`Config::other_layer_variants`](crate::Config::other_layer_variants) to keep: their
    /// Rust names are named with their layer.
    NoLayerNumber {
        /// The file.
        file: String,
    },
    /// The emitted tokens did not form a Rust file: a bug in tl-codegen.
    Internal(String),
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> ErrorKind {
        *self.kind
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error {
            kind: Box::new(kind),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::Read { error, .. } | ErrorKind::Write { error, .. } => Some(error),
            ErrorKind::Parse(report) => Some(report),
            ErrorKind::Resolve { errors, .. } => errors
                .first()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            ErrorKind::Hook(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Read { path, error } => {
                write!(f, "error: cannot read {}: {error}", path.display())
            }
            ErrorKind::Write { path, error } => {
                write!(f, "error: cannot write {}: {error}", path.display())
            }
            ErrorKind::NoOutDir => write!(
                f,
                "error: OUT_DIR is not set: Config::compile is for build scripts; elsewhere \
                 set Config::out_dir, or use Config::generate"
            ),
            // Rendered with its source lines; its own lines start with `error:`.
            ErrorKind::Parse(report) => write!(f, "{report}"),
            ErrorKind::IdMismatch(mismatches) => write_mismatches(f, mismatches),
            ErrorKind::Resolve { errors, rendered } => {
                let n = errors.len();
                let s = if n == 1 { "" } else { "s" };
                write!(
                    f,
                    "{rendered}error: the schema cannot be generated: {n} error{s}"
                )
            }
            ErrorKind::Hook(error) => write!(f, "{error}"),
            ErrorKind::Unsupported(message) => write!(f, "error: {message}"),
            ErrorKind::RuntimePath(path) => write!(
                f,
                "error: `{path}` is not a valid path to the runtime crate (e.g. `::tl_types`)"
            ),
            ErrorKind::RelativeSchemaDir { var, dir } => write!(
                f,
                "error: {var}={} is a relative path, which a build script would resolve \
                 against its own package directory, not where cargo runs: give an absolute \
                 path, e.g. {var}=\"$PWD/{}\"",
                dir.display(),
                dir.display()
            ),
            ErrorKind::NoSchemaFiles { dir } => write!(
                f,
                "error: {} holds no .tl file: put the schema there (e.g. api.tl and mtproto.tl)",
                dir.display()
            ),
            ErrorKind::MixedLayers { dir, layers } => write_mixed_layers(f, dir, layers),
            ErrorKind::UnknownRedaction(paths) => write!(
                f,
                "error: no field to redact at {}: give `constructor.field` (or \
                 `function.field`) in TL names, e.g. `auth.exportedAuthorization.bytes`",
                paths.join(", ")
            ),
            ErrorKind::MethodDocsFormat { path, message } => write!(
                f,
                "error: {} is not a documentation sidecar (see docs/method-docs.md): {message}",
                path.display()
            ),
            ErrorKind::UnknownDocName {
                path,
                name,
                closest,
            } => write_unknown_doc_name(f, path, name, closest.as_deref()),
            ErrorKind::UnknownRoots(unknown) => write_unknown_roots(f, unknown),
            ErrorKind::UnknownVariantType { name, closest } => {
                write!(
                    f,
                    "error: other_layer_variants: `{name}` is no boxed type of the schemas or \
                     of the known layers"
                )?;
                did_you_mean(f, closest.as_deref())
            }
            ErrorKind::NoLayerNumber { file } => write!(
                f,
                "error: {file} has constructors for other_layer_variants to keep but no \
                 `// LAYER N` line, and their Rust names need the layer (`Message195`)"
            ),
            ErrorKind::Internal(message) => {
                write!(f, "error: internal error in tl-codegen: {message}")
            }
        }
    }
}

fn write_unknown_doc_name(
    f: &mut fmt::Formatter<'_>,
    path: &std::path::Path,
    name: &str,
    closest: Option<&str>,
) -> fmt::Result {
    write!(
        f,
        "error: {} documents `{name}`, which the schemas do not define",
        path.display()
    )?;
    did_you_mean(f, closest)
}

fn did_you_mean(f: &mut fmt::Formatter<'_>, closest: Option<&str>) -> fmt::Result {
    match closest {
        Some(closest) => write!(f, "\n  = help: did you mean `{closest}`?"),
        None => Ok(()),
    }
}

fn write_unknown_roots(f: &mut fmt::Formatter<'_>, unknown: &[UnknownRoot]) -> fmt::Result {
    writeln!(f, "error: roots that the schemas do not define:")?;
    for root in unknown {
        writeln!(f, "  {root}")?;
    }
    write!(
        f,
        "  = help: roots are TL names of functions (`messages.sendMessage`), types \
         (`Updates`) or constructors (`inputPeerUser`)"
    )
}

fn write_mismatches(f: &mut fmt::Formatter<'_>, mismatches: &[IdMismatch]) -> fmt::Result {
    writeln!(
        f,
        "error: constructor ids that do not match their definitions:"
    )?;
    for m in mismatches {
        writeln!(f, "  {m}")?;
    }
    let notes = mismatch_notes(&mismatches.iter().collect::<Vec<_>>());
    for note in &notes {
        writeln!(f, "  = note: {note}")?;
    }
    let which = if notes.is_empty() { "them" } else { "others" };
    write!(
        f,
        "  = help: accept {which} by name (Config::accept_id_mismatch or --accept-id-mismatch)"
    )
}

/// What would accept some of `mismatches` at once: the setting for the known mismatches of
/// Telegram's or TON's schemas, or for ids that the schema itself verifies another way.
pub(crate) fn mismatch_notes(mismatches: &[&IdMismatch]) -> Vec<String> {
    let known = [
        (
            &KNOWN_TELEGRAM_MISMATCHES[..],
            "Telegram's mtproto.tl",
            "Config::accept_known_telegram_mismatches()",
        ),
        (
            &KNOWN_TON_MISMATCHES[..],
            "TON's schemas",
            "Config::accept_known_ton_mismatches()",
        ),
    ];
    let mut notes = Vec::new();
    for (names, schemas, setting) in known {
        let found: Vec<String> = mismatches
            .iter()
            .filter(|m| names.contains(&m.name.as_str()))
            .map(|m| format!("`{}`", m.name))
            .collect();
        let (subject, verb) = match found.len() {
            0 => continue,
            1 => ("a known mismatch", "is"),
            _ => ("known mismatches", "are"),
        };
        notes.push(format!(
            "{} {verb} {subject} of {schemas}: accept with {setting} or --accept-known-mismatches",
            found.join(", ")
        ));
    }
    let explained = |m: &&IdMismatch| {
        m.explanation
            .as_ref()
            .is_some_and(MismatchExplanation::verifies_id)
    };
    if mismatches.iter().any(explained) {
        notes.push(
            "ids verified under an older name or the other convention are accepted all at \
             once by Config::accept_explained_ids or --accept-explained"
                .to_owned(),
        );
    }
    notes
}

fn write_mixed_layers(
    f: &mut fmt::Formatter<'_>,
    dir: &std::path::Path,
    layers: &[(PathBuf, u32)],
) -> fmt::Result {
    writeln!(
        f,
        "error: {} holds schemas of different layers, which would define everything twice:",
        dir.display()
    )?;
    for (path, layer) in layers {
        let name = path.file_name().unwrap_or(path.as_os_str());
        writeln!(f, "  {}: layer {layer}", name.to_string_lossy())?;
    }
    write!(
        f,
        "  = help: keep the files of one layer there (its api.tl and mtproto.tl) and move the \
         others out"
    )
}
