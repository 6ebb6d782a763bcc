//! The `tl-codegen` command: check TL schema files, or generate Rust from them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tl_codegen::check::{Outcome, check_file};
use tl_parser::{Convention, Options};

/// Generate Rust from TL schema files, or check them.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    schema: SchemaArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Parse schema files, verify every written constructor id and print a summary.
    ///
    /// Exit status: 0 when everything verifies, 1 when a written id mismatches (and is not
    /// accepted), 2 on syntax or semantic errors.
    Check(SchemaArgs),
}

#[derive(Args)]
struct SchemaArgs {
    /// Schema files (.tl).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Accept a known id mismatch of this definition (full name, e.g. `help.configSimple`).
    #[arg(long = "accept-id-mismatch", value_name = "NAME")]
    accept_id_mismatch: Vec<String>,
    /// Constructor-id convention: `telegram` or `tl-parser` (default: detected per file).
    #[arg(long)]
    convention: Option<Convention>,
}

impl SchemaArgs {
    fn options(&self) -> Options {
        Options {
            convention: self.convention,
            accepted_mismatches: self.accept_id_mismatch.clone(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match &cli.command {
        Some(Command::Check(args)) => args,
        None => &cli.schema,
    };
    let options = args.options();
    let mut worst = Outcome::Verified;
    for file in &args.files {
        let mut out = String::new();
        let outcome = check_file(file, &options, &mut out);
        if outcome == Outcome::Errors {
            eprint!("{out}");
        } else {
            print!("{out}");
        }
        worst = worst.max(outcome);
    }
    ExitCode::from(worst as u8)
}
