//! The shape every page reader produces: headings, prose and table rows in
//! page order, each with its line number. The section reader turns these
//! into groups, whatever the page's format was.

/// Text at a line of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pub(crate) text: String,
    /// 1-based line where the text starts.
    pub(crate) line: usize,
}

impl Cell {
    pub(crate) fn new(text: impl Into<String>, line: usize) -> Cell {
        Cell {
            text: text.into(),
            line,
        }
    }
}

/// One piece of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// A section heading. The next table's rows form a group of this name.
    Heading(Cell),
    /// Text outside tables: read for the page's title, date and default
    /// unit, and otherwise ignored.
    Prose(Cell),
    /// The title of an HTML document (its `<title>` element).
    DocumentTitle(Cell),
    /// The page's own address, from an HTML canonical link.
    Address(String),
    /// A table row, header rows included.
    Row(Vec<Cell>),
    /// The end of a table.
    TableEnd,
    /// A line that reads like a table row outside any table, such as
    /// `SubmitJobs 100` with no header row above it.
    Stray(Cell),
    /// A line that splits into an operation name and a limit in more than
    /// one way, such as `DescribeV2100` (`DescribeV` 2100 or `DescribeV2` 100).
    Ambiguous {
        line: usize,
        text: String,
        readings: Vec<(String, String)>,
    },
    /// The page ends in the middle of a table. `cells` contains the row
    /// that was cut, and is empty when the cut fell between rows.
    Cut { line: usize, cells: Vec<Cell> },
}
