//! HTML pages, read with html5ever's tokenizer so that every cell keeps its
//! line number. Tables become rows (text of nested tags, entities and list
//! items inside cells included), headings become headings, and navigation,
//! footers, scripts and styles are skipped.

use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, Tag, TagToken, Token, TokenSink,
    TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::block::{Block, Cell};
use super::fold::squeeze;

/// Reads an HTML page into blocks.
pub(crate) fn read_html(text: &str) -> Vec<Block> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let last_line = text.lines().count().max(1);
    tokenizer.sink.state.take().finish(last_line)
}

/// Elements whose content is never part of the page's text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "svg", "button", "select",
];

/// Elements that end a paragraph of prose, or start a new line in a cell.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "header",
    "body",
    "blockquote",
    "pre",
    "br",
    "hr",
];

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line_number).unwrap_or(usize::MAX);
        let mut state = self.state.borrow_mut();
        match token {
            TagToken(tag) => state.tag(&tag, line),
            CharacterTokens(text) => {
                state.text(&text, line);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// A table row being read.
#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    line: usize,
}

#[derive(Debug, Default)]
struct State {
    blocks: Vec<Block>,
    /// Open elements whose content is skipped.
    skipped: Vec<String>,
    title: Option<Cell>,
    /// Text outside tables since the last block element, and its line.
    text: String,
    text_line: usize,
    /// The heading being read: its line.
    heading: Option<usize>,
    /// Depth of nested tables. Only the outermost table's rows are rows.
    tables: usize,
    row: Option<Row>,
    cell: Option<Cell>,
    /// The last row read ended with `</tr>`.
    row_closed: bool,
}

impl State {
    fn tag(&mut self, tag: &Tag, line: usize) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some(open) = self.skipped.last() {
            match tag.kind {
                EndTag if open == name => {
                    self.skipped.pop();
                }
                StartTag if open == name && !tag.self_closing => self.skipped.push(name.to_owned()),
                _ => {}
            }
            return TokenSinkResult::Continue;
        }
        match tag.kind {
            StartTag => self.start(tag, name, line),
            EndTag => {
                self.end(name);
                TokenSinkResult::Continue
            }
        }
    }

    fn start(&mut self, tag: &Tag, name: &str, line: usize) -> TokenSinkResult<()> {
        if SKIPPED.contains(&name) {
            let raw = match name {
                "script" => Some(RawKind::ScriptData),
                "style" => Some(RawKind::Rawtext),
                _ => None,
            };
            if raw.is_some() || !tag.self_closing {
                self.skipped.push(name.to_owned());
            }
            return raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData);
        }
        match name {
            "title" => {
                self.title = Some(Cell::new("", line));
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "link" | "meta" => self.address(tag),
            "table" => {
                if self.tables == 0 {
                    self.flush_text();
                }
                self.tables += 1;
            }
            "tr" if self.tables == 1 => {
                self.close_row();
                self.row = Some(Row {
                    cells: Vec::new(),
                    line,
                });
                self.row_closed = false;
            }
            "td" | "th" if self.tables == 1 => {
                self.close_cell();
                self.row.get_or_insert_with(|| Row {
                    cells: Vec::new(),
                    line,
                });
                self.cell = Some(Cell::new("", line));
            }
            "caption" if self.tables == 1 => self.heading = Some(line),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.tables == 0 => {
                self.flush_text();
                self.heading = Some(line);
            }
            _ if BLOCKS.contains(&name) => self.break_text(),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &str) {
        match name {
            "title" => {
                if let Some(title) = self.title.take() {
                    let text = squeeze_lines(&title.text);
                    self.blocks
                        .push(Block::DocumentTitle(Cell::new(text, title.line)));
                }
            }
            "td" | "th" if self.tables == 1 => self.close_cell(),
            "tr" if self.tables == 1 => {
                self.close_row();
                self.row_closed = true;
            }
            "table" if self.tables > 0 => {
                if self.tables == 1 {
                    self.close_row();
                    self.blocks.push(Block::TableEnd);
                }
                self.tables -= 1;
            }
            "caption" if self.tables == 1 => self.flush_heading(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.tables == 0 => self.flush_heading(),
            _ if BLOCKS.contains(&name) => self.break_text(),
            _ => {}
        }
    }

    /// Adds text. Line breaks in the source are only spaces in HTML, so the
    /// line breaks that count come from `<br>`, list items and paragraphs.
    fn text(&mut self, text: &str, line: usize) {
        if !self.skipped.is_empty() {
            return;
        }
        let text = &text.replace(['\n', '\r'], " ");
        if let Some(title) = &mut self.title {
            title.text.push_str(text);
        } else if let Some(cell) = &mut self.cell {
            cell.text.push_str(text);
        } else if self.tables == 0 || self.heading.is_some() {
            if self.text.trim().is_empty() {
                self.text_line = line;
            }
            self.text.push_str(text);
        }
    }

    fn address(&mut self, tag: &Tag) {
        let attribute = |wanted: &str| {
            tag.attrs
                .iter()
                .find(|attribute| &*attribute.name.local == wanted)
                .map(|attribute| attribute.value.to_string())
        };
        let canonical = attribute("rel").is_some_and(|rel| rel.eq_ignore_ascii_case("canonical"));
        let og_url = attribute("property").is_some_and(|property| property == "og:url");
        let address = if canonical {
            attribute("href")
        } else if og_url {
            attribute("content")
        } else {
            None
        };
        if let Some(address) = address.filter(|address| address.starts_with("http")) {
            self.blocks.push(Block::Address(address));
        }
    }

    /// Ends a line of text: a new line inside a cell, the end of a
    /// paragraph outside tables.
    fn break_text(&mut self) {
        match &mut self.cell {
            Some(cell) => cell.text.push('\n'),
            None if self.tables == 0 && self.heading.is_none() => self.flush_text(),
            None => {}
        }
    }

    fn flush_text(&mut self) {
        let text = squeeze_lines(&std::mem::take(&mut self.text));
        if !text.is_empty() {
            self.blocks
                .push(Block::Prose(Cell::new(text, self.text_line)));
        }
    }

    fn flush_heading(&mut self) {
        let Some(line) = self.heading.take() else {
            return;
        };
        let text = squeeze_lines(&std::mem::take(&mut self.text)).replace('\n', " ");
        if !text.is_empty() {
            self.blocks.push(Block::Heading(Cell::new(text, line)));
        }
    }

    fn close_cell(&mut self) {
        let Some(mut cell) = self.cell.take() else {
            return;
        };
        cell.text = squeeze_lines(&cell.text);
        self.row
            .get_or_insert_with(|| Row {
                cells: Vec::new(),
                line: cell.line,
            })
            .cells
            .push(cell);
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take()
            && !row.cells.is_empty()
        {
            self.blocks.push(Block::Row(row.cells));
        }
    }

    /// Ends the page. A page that ends inside a table was cut: in the
    /// middle of the open row, or after the last closed one.
    fn finish(mut self, last_line: usize) -> Vec<Block> {
        if self.tables > 0 {
            self.close_cell();
            let row = self
                .row
                .take()
                .filter(|row| !row.cells.is_empty() && !self.row_closed);
            let (line, cells) = row.map_or((last_line, Vec::new()), |row| (row.line, row.cells));
            self.blocks.push(Block::Cut { line, cells });
        }
        self.flush_heading();
        self.flush_text();
        self.blocks
    }
}

/// Collapses whitespace within each line and drops empty lines.
fn squeeze_lines(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(squeeze)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("\n")
}
