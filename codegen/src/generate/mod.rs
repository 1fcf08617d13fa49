//! Rust code generated from a table, for build scripts and the `limits!` macro.

mod rust;

use std::fs;
use std::io;
use std::path::Path;

pub use rust::{module_source, module_tokens};

use crate::diagnostic::TableError;
use crate::load::load_table;

/// Why [`write_module`] failed: the table is invalid, or the output could not be written.
#[derive(Debug)]
pub enum GenerateError {
    Table(TableError),
    Write { path: String, error: io::Error },
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Table(error) => write!(f, "{error}"),
            GenerateError::Write { path, error } => write!(f, "failed to write {path}: {error}"),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Generates the module for the table at `table_path` into `out_path`, for a
/// build script. The file is written only when its content changes, so
/// dependants do not rebuild for nothing; nothing is written for an invalid
/// table. Returns true when the file was written.
pub fn write_module(table_path: &Path, out_path: &Path) -> Result<bool, GenerateError> {
    let table = load_table(table_path).map_err(GenerateError::Table)?;
    let file_name = table_path.file_name().map_or_else(
        || table_path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let source = module_source(&table, &file_name);
    if fs::read_to_string(out_path).is_ok_and(|existing| existing == source) {
        return Ok(false);
    }
    let write_error = |error| GenerateError::Write {
        path: out_path.display().to_string(),
        error,
    };
    let temporary = out_path.with_extension("rs.tmp");
    fs::write(&temporary, &source).map_err(write_error)?;
    fs::rename(&temporary, out_path).map_err(write_error)?;
    Ok(true)
}
