//! `qps-limits check`: compare a table with the page it was transcribed from.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use qps_limits_codegen::import::{merge, read_page_bytes};
use qps_limits_codegen::load_table;

use crate::page::{ReadArgs, read_page_input};
use crate::{Failure, counted, summary};

#[derive(Args)]
pub struct CheckArgs {
    /// The page: a file, `-` for standard input, or an http:// or https:// URL
    #[arg(value_name = "PAGE")]
    page: String,
    /// The table to compare with the page
    #[arg(long, value_name = "FILE", default_value = "limits.yaml")]
    table: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
}

/// Compares the page with the table as a re-import would: the table's
/// hand-written notes, pools and extra regional counts are not differences.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let existing = load_table(&args.table)?;
    let input = read_page_input(&args.page, &args.read)?;
    let page = read_page_bytes(&input.bytes, &input.options)?;
    let (_, report) = merge(&existing, &page, &input.options)?;
    let table = args.table.display();
    let file = &input.options.file;

    if report.diff.is_empty() {
        println!("{table} agrees with {file}: {}", summary(&existing));
        if page.updated.is_some() && page.updated != existing.updated {
            let updated = page.updated.as_deref().unwrap_or_default();
            eprintln!(
                "note: the page was last updated {updated}; {table} records {}",
                existing.updated.as_deref().unwrap_or("no date")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!("from {table} (the table) to {file} (the page):");
    print!("{}", report.diff);
    let places = counted(report.diff.changes.len(), "place");
    eprintln!(
        "{table} differs from {file} in {places}; `qps-limits import {file} --merge {table} -o {table}` updates it"
    );
    Ok(ExitCode::FAILURE)
}
