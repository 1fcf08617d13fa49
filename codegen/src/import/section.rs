//! Sections of a page: each heading names a group, and the rows of the
//! tables under it become that group's operations.
//!
//! This is where rows are judged, whatever the page's format: header rows
//! set the columns, repeated headers are skipped, and each data row must
//! name an operation and give a value that reads as a limit. Problems are
//! collected with their lines rather than stopping at the first.

use std::collections::HashMap;

use super::block::{Block, Cell};
use super::cell::{looks_like_limit, parse_cell};
use super::error::{Cut, PageNote, PageProblem};
use super::header::{Columns, read_header};
use crate::limit::{Limit, Unit};
use crate::names::{constant_name, is_pascal_case};
use crate::table::{Group, Operation};

/// The groups read from a page, with what went wrong on the way.
#[derive(Debug, Default)]
pub(crate) struct Sections {
    pub(crate) groups: Vec<Group>,
    /// Line of each operation's row, by name.
    pub(crate) lines: HashMap<String, usize>,
    pub(crate) problems: Vec<PageProblem>,
    pub(crate) notes: Vec<PageNote>,
    pub(crate) cut: Option<Cut>,
}

/// Reads the groups of a page. `page_unit` is the unit the page states for
/// counts that name none, and `last_line` is the page's last line number.
pub(crate) fn read_sections(
    blocks: &[Block],
    page_unit: Option<Unit>,
    last_line: usize,
) -> Sections {
    let mut reader = Reader {
        page_unit,
        ..Reader::default()
    };
    for block in blocks {
        reader.block(block);
    }
    reader.end_table();
    reader.finish(last_line)
}

/// The table being read.
#[derive(Debug, Default)]
enum Table {
    /// Outside any table.
    #[default]
    None,
    /// Inside a table that is not a limits table.
    Skipped,
    Reading(Reading),
}

#[derive(Debug)]
struct Reading {
    columns: Columns,
    /// Index of the group in `Reader::out.groups`.
    group: usize,
    /// Line of the header row.
    line: usize,
    rows: usize,
}

#[derive(Debug, Default)]
struct Reader {
    page_unit: Option<Unit>,
    /// The latest heading since the last table began.
    heading: Option<Cell>,
    table: Table,
    /// The group of the last table, which a table without a heading of its
    /// own continues.
    last_group: Option<usize>,
    /// The limit and line of every operation read, by name.
    seen: HashMap<String, (Limit, usize)>,
    /// Generated constant names, for names that differ only in case.
    constants: HashMap<String, (String, usize)>,
    rows: usize,
    last_row: Option<(String, usize)>,
    out: Sections,
}

impl Reader {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(cell) => {
                self.end_table();
                self.heading = Some(cell.clone());
            }
            Block::TableEnd => self.end_table(),
            Block::Row(cells) => self.row(cells),
            Block::Stray(cell) => self.stray(cell),
            Block::Ambiguous {
                line,
                text,
                readings,
            } => self.ambiguous(*line, text, readings),
            Block::Cut { line, cells } => self.cut(*line, cells),
            Block::Prose(_) | Block::DocumentTitle(_) | Block::Address(_) => {}
        }
    }

    fn problem(&mut self, line: usize, message: String, fix: impl Into<String>) {
        self.out.problems.push(PageProblem {
            line,
            message,
            fix: fix.into(),
        });
    }

    fn note(&mut self, line: usize, message: String) {
        self.out.notes.push(PageNote { line, message });
    }

    fn row(&mut self, cells: &[Cell]) {
        let line = cells.first().map_or(1, |cell| cell.line);
        let texts: Vec<&str> = cells.iter().map(|cell| cell.text.as_str()).collect();
        if let Some(columns) = read_header(&texts) {
            let repeated = matches!(&self.table, Table::Reading(reading) if reading.columns.cells == columns.cells);
            if !(repeated && self.heading.is_none()) {
                self.start_table(columns, line);
            }
            return;
        }
        match self.table {
            Table::Reading(_) => self.data_row(cells),
            Table::Skipped => {}
            Table::None => self.table_without_header(cells, line),
        }
    }

    fn start_table(&mut self, columns: Columns, line: usize) {
        self.end_table();
        let group = match self.heading.take() {
            Some(heading) => self.group_named(&heading.text),
            None => match self.last_group {
                Some(group) => group,
                None => {
                    self.problem(
                        line,
                        "the table has no heading above it".to_owned(),
                        "add a heading line above the table; it names the group of the table's operations",
                    );
                    self.table = Table::Skipped;
                    return;
                }
            },
        };
        self.table = Table::Reading(Reading {
            columns,
            group,
            line,
            rows: 0,
        });
    }

    /// Returns the index of the group named `name`, adding it when new.
    fn group_named(&mut self, name: &str) -> usize {
        let name = name
            .trim()
            .trim_start_matches('#')
            .trim()
            .trim_matches('*')
            .trim_end_matches([':', '：'])
            .trim();
        if let Some(index) = self.out.groups.iter().position(|group| group.name == name) {
            return index;
        }
        self.out.groups.push(Group {
            name: name.to_owned(),
            operations: Vec::new(),
        });
        self.out.groups.len() - 1
    }

    fn end_table(&mut self) {
        let Table::Reading(reading) = std::mem::take(&mut self.table) else {
            return;
        };
        self.last_group = Some(reading.group);
        if reading.rows == 0 {
            let name = self.out.groups[reading.group].name.clone();
            self.note(
                reading.line,
                format!("the table of group \"{name}\" has no rows; skipped it"),
            );
        }
    }

    /// Handles the first row of a table whose first row is not a header.
    fn table_without_header(&mut self, cells: &[Cell], line: usize) {
        self.table = Table::Skipped;
        let named = cells
            .first()
            .is_some_and(|cell| is_pascal_case(cell.text.trim()));
        let valued = cells
            .iter()
            .skip(1)
            .any(|cell| looks_like_limit(&cell.text));
        if named && valued {
            self.problem(
                line,
                format!(
                    "the table starting with the row \"{}\" has no header row",
                    joined(cells)
                ),
                "the importer reads tables whose first row names the columns, such as \
                 \"API | Per-account QPS limit\"; add that row",
            );
            return;
        }
        self.note(
            line,
            "skipped a table that has no API column and limit column".to_owned(),
        );
    }

    fn data_row(&mut self, cells: &[Cell]) {
        let Table::Reading(reading) = &self.table else {
            return;
        };
        let (columns, group) = (reading.columns.clone(), reading.group);
        if cells.iter().all(|cell| cell.text.trim().is_empty()) {
            return;
        }

        let Some((name, name_line)) = self.operation_name(cells, &columns) else {
            return;
        };
        let Some(value_cell) = self.value_cell(cells, &columns, name) else {
            return;
        };

        let unit = columns
            .unit
            .or(self.page_unit)
            .or(columns.qps.then_some(Unit::Second));
        match parse_cell(&value_cell.text, unit) {
            Ok(limit) => self.add(name, limit, name_line, group),
            Err(problem) => {
                let message = format!(
                    "value cell \"{}\" of {name} {}",
                    shown(&value_cell.text),
                    problem.reason
                );
                self.problem(value_cell.line, message, problem.fix);
            }
        }
    }

    /// Returns the operation name of a row and its line, reporting an empty
    /// name cell or one that is not an identifier.
    fn operation_name<'c>(
        &mut self,
        cells: &'c [Cell],
        columns: &Columns,
    ) -> Option<(&'c str, usize)> {
        let filled = |index: usize| cells.get(index).filter(|cell| !cell.text.trim().is_empty());
        let Some(name_cell) = filled(columns.name) else {
            let value = filled(columns.limit).map_or_else(String::new, |cell| shown(&cell.text));
            let line = cells.first().map_or(1, |cell| cell.line);
            self.problem(
                line,
                format!("the row with the value \"{value}\" has an empty name cell"),
                "every row must name its API operation; copy the page again with the names, \
                 or transcribe the table into limits.yaml by hand",
            );
            return None;
        };

        let name = name_cell.text.trim().trim_matches('`').trim();
        if is_pascal_case(name) {
            return Some((name, name_cell.line));
        }
        self.problem(
            name_cell.line,
            format!(
                "name cell \"{}\" is not an API operation identifier",
                shown(name)
            ),
            "rows must name operations as identifiers such as SubmitJobs, because descriptions and \
             translated names cannot be matched to operations; import the page edition that names \
             the operations, or transcribe the table by hand",
        );
        None
    }

    /// Returns the value cell of a row, reporting a missing or empty one.
    fn value_cell<'c>(
        &mut self,
        cells: &'c [Cell],
        columns: &Columns,
        name: &str,
    ) -> Option<&'c Cell> {
        let value_cell = cells
            .get(columns.limit)
            .filter(|cell| !cell.text.trim().is_empty());
        if value_cell.is_none() {
            let line = cells.first().map_or(1, |cell| cell.line);
            self.problem(
                line,
                format!("the row of {name} has no value cell"),
                "a value cell merged across several rows may be a pool shared by them, so check the page \
                 and transcribe these operations by hand",
            );
        }
        value_cell
    }

    fn add(&mut self, name: &str, limit: Limit, line: usize, group: usize) {
        if let Table::Reading(reading) = &mut self.table {
            reading.rows += 1;
        }
        if let Some((first, first_line)) = self.seen.get(name) {
            if *first == limit {
                let message = format!(
                    "{name} is listed again with the same limit (first at line {first_line}); skipped it"
                );
                self.note(line, message);
            } else {
                let message = format!(
                    "operation {name} is listed twice with different limits: {first} at line {first_line} and {limit} here"
                );
                let fix = "the page contradicts itself; check the live page and transcribe this operation by hand";
                self.problem(line, message, fix);
            }
            return;
        }
        let constant = constant_name(name);
        if let Some((other, other_line)) = self.constants.get(&constant) {
            let message = format!(
                "operations {other} (line {other_line}) and {name} both become the constant {constant}"
            );
            let fix = "the names differ only in case; check the page and transcribe these operations by hand";
            self.problem(line, message, fix);
            return;
        }
        self.constants.insert(constant, (name.to_owned(), line));
        self.seen.insert(name.to_owned(), (limit.clone(), line));
        self.out.lines.insert(name.to_owned(), line);
        self.out.groups[group].operations.push(Operation {
            name: name.to_owned(),
            limit,
            note: None,
        });
        self.rows += 1;
        self.last_row = Some((name.to_owned(), line));
    }

    fn stray(&mut self, cell: &Cell) {
        let line = cell.line;
        let message = format!(
            "\"{}\" reads like a table row, but no header row comes before it",
            shown(&cell.text)
        );
        let fix = "rows are read only under a header row such as \"API | Per-account QPS limit\"; \
                   add the header, or remove the line";
        self.problem(line, message, fix);
    }

    fn ambiguous(&mut self, line: usize, text: &str, readings: &[(String, String)]) {
        let readings: Vec<String> = readings
            .iter()
            .map(|(name, value)| format!("{name} {value}"))
            .collect();
        let message = format!(
            "\"{text}\" runs an operation name into its value and splits in more than one way ({})",
            readings.join(" or ")
        );
        self.problem(
            line,
            message,
            "put a space or a pipe between the name and the value",
        );
    }

    fn cut(&mut self, line: usize, cells: &[Cell]) {
        self.cut_table();
        self.out.cut = Some(Cut {
            line,
            row: joined(cells),
            rows: self.rows,
            last: self.last_row.clone(),
        });
    }

    /// Ends the table at a cut without reporting it as empty.
    fn cut_table(&mut self) {
        if let Table::Reading(reading) = std::mem::take(&mut self.table) {
            self.last_group = Some(reading.group);
        }
    }

    fn finish(mut self, last_line: usize) -> Sections {
        self.out.groups.retain(|group| !group.operations.is_empty());
        let nothing_read =
            self.out.groups.is_empty() && self.out.problems.is_empty() && self.out.cut.is_none();
        if nothing_read {
            self.problem(
                last_line.max(1),
                "the page has no limits table".to_owned(),
                "a limits table starts with a header row naming an API column and a limit column, \
                 such as \"API | Per-account QPS limit\"; check that the page is the QPS limits page",
            );
        }
        self.out
    }
}

/// Returns a cell's text on one line, shortened for a message.
fn shown(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 80 {
        return one_line;
    }
    let short: String = one_line.chars().take(77).collect();
    format!("{short}...")
}

fn joined(cells: &[Cell]) -> String {
    let texts: Vec<String> = cells.iter().map(|cell| shown(&cell.text)).collect();
    shown(&texts.join(" | "))
}
