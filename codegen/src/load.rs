//! Reading a table from a file.

use std::fs;
use std::path::Path;

use crate::check::parse_table;
use crate::diagnostic::TableError;
use crate::table::Table;

/// Reads and validates the table in `path`. Messages name the file as given.
pub fn load_table(path: &Path) -> Result<Table, TableError> {
    let file = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|error| {
        TableError::unlocated(
            &file,
            format!("failed to read the table: {error}"),
            "check the path, or pass the table's path explicitly",
        )
    })?;
    parse_table(&text, &file)
}
