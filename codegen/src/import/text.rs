//! Plain-text pages as a browser copies them: every table cell on a line of
//! its own, blank lines between, or rows on one line with pipes, tabs or
//! runs of spaces between cells, or a name run into its value.
//!
//! Text has no table markup, so this reader decides where tables are: a
//! table starts at a header row (`API` and a limit column) and ends at the
//! first line that is not a row. Lines outside tables are headings or prose.

use super::block::{Block, Cell};
use super::cell::{is_unlimited, looks_like_limit};
use super::fold::{fold, strip_bullet};
use super::header::{Columns, is_header_cell, is_name_header, read_header};
use super::line::{is_heading, is_prose, is_separator};
use super::region::{is_other_regions, region_id, split_names};
use super::row::{Split, looks_like_operation, split_line};
use crate::names::is_pascal_case;

/// Reads a plain-text page into blocks.
pub(crate) fn read_text(text: &str) -> Vec<Block> {
    let mut reader = Reader {
        entries: entries(text),
        at: 0,
        columns: None,
        blocks: Vec::new(),
    };
    while reader.at < reader.entries.len() {
        if reader.columns.is_some() && !reader.table_entry() {
            reader.end_table();
        }
        if reader.columns.is_none() && reader.at < reader.entries.len() {
            reader.outside_entry();
        }
    }
    reader.end_table();
    reader.blocks
}

/// One non-blank line, or several joined by pipes on lines of their own.
#[derive(Clone, Debug)]
struct Entry {
    cells: Vec<Cell>,
    /// The line as the page has it, trimmed.
    text: String,
    line: usize,
    /// The line was split at pipes, which only tables use.
    piped: bool,
    /// Readings of a name run into its value that split more than one way.
    ambiguous: Option<Vec<(String, String)>>,
}

fn entries(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut join_next = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || is_separator(trimmed) {
            continue;
        }
        if trimmed
            .chars()
            .all(|c| matches!(c, '|' | '｜') || c.is_whitespace())
        {
            join_next = !entries.is_empty();
            continue;
        }
        let (cells, ambiguous) = match split_line(trimmed) {
            Split::Cells(cells) => (cells, None),
            Split::Ambiguous(readings) => (vec![trimmed.to_owned()], Some(readings)),
        };
        let piped = fold(trimmed).contains('|');
        let cells: Vec<Cell> = cells
            .into_iter()
            .map(|text| Cell::new(text, line))
            .collect();
        match entries.last_mut() {
            Some(last) if join_next => {
                last.cells.extend(cells);
                last.text = format!("{} | {trimmed}", last.text);
                last.piped = true;
            }
            _ => entries.push(Entry {
                cells,
                text: trimmed.to_owned(),
                line,
                piped,
                ambiguous,
            }),
        }
        join_next = false;
    }
    entries
}

struct Reader {
    entries: Vec<Entry>,
    at: usize,
    /// The columns of the table being read, `None` outside tables.
    columns: Option<Columns>,
    blocks: Vec<Block>,
}

impl Reader {
    fn end_table(&mut self) {
        if self.columns.take().is_some() {
            self.blocks.push(Block::TableEnd);
        }
    }

    fn entry(&self, at: usize) -> Option<&Entry> {
        self.entries.get(at)
    }

    /// Reads a header row at `at`: a line with the header cells, or `API`
    /// alone followed by one header cell per line. Returns the columns, the
    /// header cells and the number of entries they take.
    fn header_at(&self, at: usize) -> Option<(Columns, Vec<Cell>, usize)> {
        let entry = self.entry(at)?;
        if entry.cells.len() >= 2 {
            let columns = read_header(&texts(&entry.cells))?;
            return Some((columns, entry.cells.clone(), 1));
        }
        if !is_name_header(&entry.cells[0].text) {
            return None;
        }
        let mut cells = entry.cells.clone();
        let mut next = at + 1;
        while let Some(entry) = self.entry(next) {
            let header_cell = entry.cells.len() == 1
                && !is_name_header(&entry.text)
                && is_header_cell(&entry.text);
            if !header_cell || cells.len() >= 8 {
                break;
            }
            cells.push(entry.cells[0].clone());
            next += 1;
        }
        let columns = read_header(&texts(&cells))?;
        Some((columns, cells, next - at))
    }

    fn start_table(&mut self, columns: Columns, cells: Vec<Cell>, header_lines: usize) {
        self.blocks.push(Block::Row(cells));
        self.columns = Some(columns);
        self.at += header_lines;
    }

    /// Reads the entry at `at` outside any table.
    fn outside_entry(&mut self) {
        if let Some((columns, cells, header_lines)) = self.header_at(self.at) {
            self.start_table(columns, cells, header_lines);
            return;
        }
        let entry = self.entries[self.at].clone();
        self.at += 1;
        let first = &entry.cells[0];
        let one_line_row = entry.cells.len() >= 2
            && looks_like_operation(&first.text)
            && looks_like_limit(&entry.cells[1].text)
            && !is_prose(&entry.text);
        if one_line_row {
            self.blocks
                .push(Block::Stray(Cell::new(entry.text, entry.line)));
            return;
        }
        let next_value = self
            .entry(self.at)
            .filter(|next| next.cells.len() == 1 && looks_like_limit(&next.text));
        if entry.cells.len() == 1
            && looks_like_operation(&first.text)
            && let Some(next) = next_value
        {
            let text = format!("{} {}", entry.text, next.text);
            self.at += 1;
            self.blocks.push(Block::Stray(Cell::new(text, entry.line)));
            return;
        }
        let cell = Cell::new(entry.text.clone(), entry.line);
        self.blocks.push(if is_heading(&entry.text) {
            Block::Heading(cell)
        } else {
            Block::Prose(cell)
        });
    }

    /// Reads the entry at `at` inside a table. Returns false, taking
    /// nothing, when the entry is not part of the table.
    fn table_entry(&mut self) -> bool {
        if let Some((columns, cells, header_lines)) = self.header_at(self.at) {
            self.start_table(columns, cells, header_lines);
            return true;
        }
        let Some(columns) = self.columns.clone() else {
            return false;
        };
        let entry = self.entries[self.at].clone();
        let next_is_header = self.header_at(self.at + 1).is_some();
        if next_is_header && !entry.piped {
            return false;
        }
        if let Some(readings) = entry.ambiguous {
            self.blocks.push(Block::Ambiguous {
                line: entry.line,
                text: entry.text,
                readings,
            });
            self.at += 1;
            return true;
        }
        if entry.cells.len() >= 2 {
            return self.one_line_rows(&entry, &columns);
        }
        self.cell_per_line_row(&entry, &columns)
    }

    /// Reads a row given on one line, or several rows joined by pipes.
    fn one_line_rows(&mut self, entry: &Entry, columns: &Columns) -> bool {
        let value = entry.cells.get(columns.limit).or(entry.cells.last());
        let first = &entry.cells[0].text;
        let valued = value.is_some_and(|cell| looks_like_limit(&cell.text));
        let named = looks_like_operation(first) || first.is_empty();
        let sentence = is_prose(&entry.text) && (!valued || !looks_like_operation(first));
        if sentence || !(valued || entry.piped || named) {
            return false;
        }
        self.at += 1;
        let width = columns.count;
        if entry.cells.len() > width && entry.cells.len().is_multiple_of(width) {
            for row in entry.cells.chunks(width) {
                self.blocks.push(Block::Row(row.to_vec()));
            }
        } else {
            self.blocks.push(Block::Row(entry.cells.clone()));
        }
        self.absorb_regions(columns);
        true
    }

    /// Reads a row whose cells stand on lines of their own: a name, then
    /// one line per further column.
    fn cell_per_line_row(&mut self, entry: &Entry, columns: &Columns) -> bool {
        let text = &entry.cells[0].text;
        if starts_like_value(text) {
            let mut cells = vec![Cell::new("", entry.line); columns.count.max(columns.limit + 1)];
            cells[columns.limit] = entry.cells[0].clone();
            self.blocks.push(Block::Row(cells));
            self.at += 1;
            return true;
        }
        let next_is_value = self
            .entry(self.at + 1)
            .is_some_and(|next| starts_like_value(&next.text));
        let named = looks_like_operation(text)
            || (next_is_value && (is_pascal_case(text) || !is_prose(text)));
        if named {
            self.collect_row(entry, columns);
        }
        named
    }

    fn collect_row(&mut self, entry: &Entry, columns: &Columns) {
        let mut cells = vec![entry.cells[0].clone()];
        let mut next = self.at + 1;
        let width = columns.count.max(2);
        while cells.len() < width {
            let Some(following) = self.entry(next) else {
                // NOTE: only a row missing whole cells shows a cut. A page cut
                // inside its last count (`100` cut to `10`) reads as complete.
                self.blocks.push(Block::Cut {
                    line: entry.line,
                    cells,
                });
                self.at = next;
                return;
            };
            if self.header_at(next).is_some() {
                break;
            }
            cells.push(Cell::new(following.text.clone(), following.line));
            next += 1;
        }
        self.at = next;
        self.blocks.push(Block::Row(cells));
        self.absorb_regions(columns);
    }

    /// Appends region items on the following lines to the value cell of the
    /// row just read: `Other regions: 60` after `China (Shanghai): 120`.
    fn absorb_regions(&mut self, columns: &Columns) {
        let Some(Block::Row(cells)) = self.blocks.last() else {
            return;
        };
        let regional = cells
            .get(columns.limit)
            .is_some_and(|cell| is_region_item(&cell.text));
        if !regional {
            return;
        }
        let mut extra = Vec::new();
        while let Some(entry) = self.entry(self.at) {
            if !is_region_item(&entry.text) {
                break;
            }
            extra.push(entry.text.clone());
            self.at += 1;
        }
        if let Some(Block::Row(cells)) = self.blocks.last_mut()
            && let Some(cell) = cells.get_mut(columns.limit)
        {
            for item in extra {
                cell.text.push('\n');
                cell.text.push_str(&item);
            }
        }
    }
}

fn texts(cells: &[Cell]) -> Vec<&str> {
    cells.iter().map(|cell| cell.text.as_str()).collect()
}

/// Returns true for a line that starts a value cell: a count, a phrase for
/// no limit, or a region item.
fn starts_like_value(text: &str) -> bool {
    let text = strip_bullet(text);
    text.starts_with(|c: char| c.is_ascii_digit()) || is_unlimited(text) || is_region_item(text)
}

/// Returns true for `REGIONS: VALUE`, where every name is a known region or
/// stands for the other regions.
fn is_region_item(text: &str) -> bool {
    let folded = fold(strip_bullet(text));
    let Some((names, value)) = folded.split_once(':') else {
        return false;
    };
    let value = value.trim();
    if !value.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    is_other_regions(names) || {
        let names = split_names(names);
        !names.is_empty() && names.iter().all(|name| region_id(name).is_some())
    }
}
