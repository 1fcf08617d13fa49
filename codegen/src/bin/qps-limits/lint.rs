//! `qps-limits lint`: validate a table.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use qps_limits_codegen::load_table;

use crate::Failure;

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
            let operations = table.operations().count();
            println!(
                "{file}: valid, {operations} operations in {} groups (service {})",
                table.groups.len(),
                table.service
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let count = error.diagnostics().len();
            let problems = if count == 1 {
                "1 problem".to_owned()
            } else {
                format!("{count} problems")
            };
            Err(Failure(format!("{error}\n{file}: {problems}")))
        }
    }
}
