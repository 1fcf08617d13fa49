//! Located problems in a table, and the error that carries them.

use std::error::Error;
use std::fmt;

use crate::yaml::Position;

/// One problem in a table: where it is, what is wrong, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it, such as `limits.yaml`.
    pub file: String,
    /// The position of the offending value, when it is known.
    pub position: Option<Position>,
    /// The problem, naming the value.
    pub message: String,
    /// The fix, as an instruction.
    pub fix: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(position) => write!(f, "{}:{}: ", self.file, position)?,
            None => write!(f, "{}: ", self.file)?,
        }
        f.write_str(&self.message)?;
        if !self.fix.is_empty() {
            write!(f, "; {}", self.fix)?;
        }
        Ok(())
    }
}

/// A table that could not be read or is invalid. Holds every problem found,
/// in document order, and at least one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    diagnostics: Vec<Diagnostic>,
}

impl TableError {
    /// Builds an error from its problems, sorted by position.
    ///
    /// # Panics
    ///
    /// Panics if `diagnostics` is empty, because an error must describe what failed.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> TableError {
        assert!(
            !diagnostics.is_empty(),
            "a table error needs at least one diagnostic"
        );
        diagnostics.sort_by_key(|diagnostic| diagnostic.position);
        TableError { diagnostics }
    }

    /// Builds an error for a problem that has no position, such as a missing file.
    pub fn unlocated(file: &str, message: String, fix: &str) -> TableError {
        TableError::new(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
            fix: fix.to_owned(),
        }])
    }

    /// Returns every problem found, in document order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl Error for TableError {}
