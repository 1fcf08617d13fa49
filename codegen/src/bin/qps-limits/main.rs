//! The `qps-limits` command: show, lint, import and check tables of
//! per-account API rate limits. Results go to standard output, problems to
//! standard error, and any failure exits with status 1.

mod check;
mod import;
mod lint;
mod page;
mod show;

use std::fmt::Display;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "qps-limits",
    version,
    about = "Show, validate, import and check tables of per-account API rate limits"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a table: each operation's group, limit and unit.
    Show(show::ShowArgs),
    /// Validate a table and print its problems with their lines.
    Lint(lint::LintArgs),
    /// Read a documentation page (text, Markdown or HTML) into a table.
    Import(import::ImportArgs),
    /// Compare a documentation page with a table, and exit with 1 when they differ.
    Check(check::CheckArgs),
}

/// Returns `count` with `noun`, adding an `s` unless the count is 1: "1 group", "12 groups".
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Returns the size of a table: "52 operations in 12 groups".
pub fn summary(table: &qps_limits_codegen::Table) -> String {
    format!(
        "{} in {}",
        counted(table.operations().count(), "operation"),
        counted(table.groups.len(), "group")
    )
}

/// A failure worded for the user: printed to standard error, exit status 1.
pub struct Failure(String);

impl<E: Display> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure(error.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Show(args) => show::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Check(args) => check::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
