//! Problems found in a page, each at a line, and the error that carries them.

use std::error::Error;
use std::fmt;

/// One reason a page was rejected, at a line of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageProblem {
    /// 1-based line of the page.
    pub line: usize,
    /// The problem, naming the value.
    pub message: String,
    /// How to fix it, as an instruction.
    pub fix: String,
}

/// Something the importer skipped or worked around, worth telling the user
/// but not a reason to reject the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageNote {
    /// 1-based line of the page.
    pub line: usize,
    /// The thing skipped or worked around.
    pub message: String,
}

/// The place where a page ends in the middle of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Line of the cut row, or of the page's last line when the cut falls
    /// between rows.
    pub line: usize,
    /// The cells of the cut row as the page has them, joined by ` | `, or
    /// empty when the cut falls between rows.
    pub row: String,
    /// Number of complete rows read before the cut.
    pub rows: usize,
    /// The last complete row: its operation and line.
    pub last: Option<(String, usize)>,
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.row.is_empty() {
            f.write_str("the page ends inside a table")?;
        } else {
            write!(f, "the page ends in the middle of the row \"{}\"", self.row)?;
        }
        match self.rows {
            1 => f.write_str("; 1 complete row was read")?,
            rows => write!(f, "; {rows} complete rows were read")?,
        }
        if let Some((name, line)) = &self.last {
            write!(f, ", the last one {name} at line {line}")?;
        }
        Ok(())
    }
}

/// The reason a page could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The page cannot be read as a table: every problem found, in line order.
    Page {
        /// The page's name in messages.
        file: String,
        /// The problems, at least one.
        problems: Vec<PageProblem>,
    },
    /// The page was read, but the table needs a field that neither the page
    /// nor the options give, such as the service id.
    Missing {
        /// The page's name in messages.
        file: String,
        /// The missing field.
        message: String,
        /// How to give it.
        fix: String,
    },
}

impl ImportError {
    /// Builds a page error from its problems, sorted by line.
    pub(crate) fn page(file: &str, mut problems: Vec<PageProblem>) -> ImportError {
        problems.sort_by_key(|problem| problem.line);
        ImportError::Page {
            file: file.to_owned(),
            problems,
        }
    }

    /// Returns the problems of a page error, and none for other errors.
    pub fn problems(&self) -> &[PageProblem] {
        match self {
            ImportError::Page { problems, .. } => problems,
            ImportError::Missing { .. } => &[],
        }
    }
}

/// Maximum number of problems printed for one page. A page with more is
/// mostly not a limits table, and the first ones show why.
const MAX_PRINTED: usize = 30;

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Page { file, problems } => {
                for (index, problem) in problems.iter().take(MAX_PRINTED).enumerate() {
                    if index > 0 {
                        f.write_str("\n")?;
                    }
                    write!(
                        f,
                        "{file}:{}: {}; {}",
                        problem.line, problem.message, problem.fix
                    )?;
                }
                if problems.len() > MAX_PRINTED {
                    write!(
                        f,
                        "\n{file}: {} more problems are not shown",
                        problems.len() - MAX_PRINTED
                    )?;
                }
                Ok(())
            }
            ImportError::Missing { file, message, fix } => write!(f, "{file}: {message}; {fix}"),
        }
    }
}

impl Error for ImportError {}
