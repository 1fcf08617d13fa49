//! `qps-limits lint`: validate a table.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use qps_limits_codegen::load_table;

use crate::{Failure, counted, summary};

#[derive(Args)]
pub struct LintArgs {
    /// The table to validate
    #[arg(value_name = "FILE", default_value = "limits.yaml")]
    file: PathBuf,
}

pub fn run(args: &LintArgs) -> Result<ExitCode, Failure> {
    let file = args.file.display();
    match load_table(&args.file) {
        Ok(table) => {
            println!(
                "{file}: valid, {} (service {})",
                summary(&table),
                table.service
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let problems = counted(error.diagnostics().len(), "problem");
            Err(Failure(format!("{error}\n{file}: {problems}")))
        }
    }
}
