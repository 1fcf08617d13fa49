//! Markdown pages: `#` headings and pipe tables, with or without outer
//! pipes and alignment rows. Cells may hold inline formatting, links and
//! the HTML that exporters put in cells (`<br>`, lists, entities).

use super::block::{Block, Cell};
use super::line::{is_heading, is_separator};

/// Reads a Markdown page into blocks.
pub(crate) fn read_markdown(text: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for (index, raw) in text.lines().enumerate() {
        reader.line(index + 1, raw.trim());
    }
    reader.finish()
}

/// The table being read: its width and whether its rows have outer pipes.
#[derive(Debug)]
struct Table {
    width: usize,
    outer_pipes: bool,
}

#[derive(Debug, Default)]
struct Reader {
    blocks: Vec<Block>,
    table: Option<Table>,
    in_fence: bool,
    /// The last line was a table row whose closing pipe was missing or
    /// that had fewer cells than the table's first row.
    short_row: bool,
    /// Index of the block made from the previous line, for Setext headings.
    previous_text: Option<usize>,
}

impl Reader {
    fn line(&mut self, number: usize, line: &str) {
        let previous_text = self.previous_text.take();
        if self.fence(line) {
            return;
        }
        if self.underline(line, previous_text) || is_separator(line) {
            return;
        }

        if line.is_empty() {
            self.end_table();
        } else if let Some(heading) = atx_heading(line) {
            self.end_table();
            self.blocks
                .push(Block::Heading(Cell::new(clean(heading), number)));
        } else if has_pipe(line) {
            self.row(number, line);
        } else {
            self.text_line(number, line);
        }
    }

    /// Tracks code fences. Returns true for a fence line or a line inside a
    /// fence, which are not part of the page's tables.
    fn fence(&mut self, line: &str) -> bool {
        if line.starts_with("```") || line.starts_with("~~~") {
            self.end_table();
            self.in_fence = !self.in_fence;
            return true;
        }
        self.in_fence
    }

    /// Turns the previous line into a heading when `line` underlines it with
    /// `===` or `---`. Returns true when it did.
    fn underline(&mut self, line: &str, previous_text: Option<usize>) -> bool {
        let underline = (!line.is_empty() && line.chars().all(|c| c == '='))
            || (line.len() >= 2 && line.chars().all(|c| c == '-'));
        let Some(index) = previous_text.filter(|_| underline && self.table.is_none()) else {
            return false;
        };
        if let Block::Prose(cell) | Block::Heading(cell) = &self.blocks[index] {
            self.blocks[index] = Block::Heading(cell.clone());
        }
        true
    }

    /// Adds a line outside tables as a heading or prose.
    fn text_line(&mut self, number: usize, line: &str) {
        self.end_table();
        let text = clean(line);
        let cell = Cell::new(text.clone(), number);
        self.blocks.push(if is_heading(&text) {
            Block::Heading(cell)
        } else {
            Block::Prose(cell)
        });
        self.previous_text = Some(self.blocks.len() - 1);
    }

    fn row(&mut self, number: usize, line: &str) {
        let cells: Vec<Cell> = split_cells(line)
            .iter()
            .map(|cell| Cell::new(clean(cell), number))
            .collect();
        let outer_pipes = line.starts_with('|');
        let table = self.table.get_or_insert(Table {
            width: cells.len(),
            outer_pipes,
        });
        self.short_row = (table.outer_pipes && !line.ends_with('|')) || cells.len() < table.width;
        self.blocks.push(Block::Row(cells));
    }

    fn end_table(&mut self) {
        if self.table.take().is_some() {
            self.blocks.push(Block::TableEnd);
        }
        self.short_row = false;
    }

    /// Ends the page. A page whose last line is a short table row was cut
    /// in the middle of that row.
    fn finish(mut self) -> Vec<Block> {
        if self.table.is_some() && self.short_row {
            if let Some(Block::Row(cells)) = self.blocks.pop() {
                let line = cells.first().map_or(1, |cell| cell.line);
                self.blocks.push(Block::Cut { line, cells });
            }
            self.table = None;
        }
        self.end_table();
        self.blocks
    }
}

/// Returns the text of an ATX heading such as `## Transcoding APIs`.
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    let rest = &line[hashes..];
    let is_heading = (1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' '));
    is_heading.then(|| rest.trim().trim_end_matches('#').trim())
}

fn has_pipe(line: &str) -> bool {
    split_cells(line).len() > 1
}

/// Splits a table row at pipes that are not escaped (`\|`) or inside code
/// spans, ignoring one pipe at each end.
fn split_cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = if inner.ends_with('|') && !inner.ends_with("\\|") {
        &inner[..inner.len() - 1]
    } else {
        inner
    };
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '`' => {
                in_code = !in_code;
                current.push(c);
            }
            '|' if !in_code => cells.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    cells.push(current);
    cells.iter().map(|cell| cell.trim().to_owned()).collect()
}

/// Returns a cell's text without Markdown formatting or HTML: `<br>` and
/// list items become line breaks, links keep their text, entities are
/// decoded.
fn clean(text: &str) -> String {
    let mut text = text.to_owned();
    for tag in ["<br>", "<br/>", "<br />", "</li>", "</p>", "<BR>"] {
        text = text.replace(tag, "\n");
    }
    let text = strip_tags(&text);
    let text = link_texts(&text);
    let text = text.replace("**", "").replace("__", "").replace('`', "");
    let text = decode_entities(&text);
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}

/// Removes HTML tags such as `<ul>` or `<span class="x">`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let is_tag =
            after[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(end) if is_tag => rest = &after[end + 1..],
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces links `[text](address)` with their text.
fn link_texts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target
                .find(')')
                .map(|end| (&after[..close], close + 2 + end + 1))
        });
        match link {
            Some((label, length)) => {
                out.push_str(&rest[..open]);
                out.push_str(label);
                rest = &after[length..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the HTML entities that exporters write in cells.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let decoded = after
            .find(';')
            .filter(|end| *end <= 8)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(decimal) = name.strip_prefix('#') {
        decimal.parse().ok()
    } else {
        None
    };
    if let Some(code) = code {
        return char::from_u32(code);
    }
    match name {
        "nbsp" => Some(' '),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_lose_formatting() {
        assert_eq!(clean("**SubmitJobs**"), "SubmitJobs");
        assert_eq!(clean("[SubmitJobs](submit-jobs.md)"), "SubmitJobs");
        assert_eq!(
            clean("China (Shanghai): 120<br>Other regions: 60"),
            "China (Shanghai): 120\nOther regions: 60"
        );
        assert_eq!(clean("<ul><li>a</li><li>b</li></ul>"), "a\nb");
        assert_eq!(
            clean("20&nbsp;per&#32;second &amp; more"),
            "20 per second & more"
        );
    }

    #[test]
    fn rows_split_at_unescaped_pipes() {
        assert_eq!(split_cells("| a | b |"), ["a", "b"]);
        assert_eq!(split_cells("a | b"), ["a", "b"]);
        assert_eq!(split_cells("| a \\| b | `c|d` |"), ["a | b", "`c|d`"]);
    }
}
