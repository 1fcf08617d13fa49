//! Page formats, and their detection from a page's name and text.

use std::fmt;
use std::str::FromStr;

/// The markup of a documentation page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text as a browser copies it: cells on lines of their own, or rows
    /// with pipes, tabs or runs of spaces between cells.
    Text,
    /// Markdown with `#` headings and pipe tables.
    Markdown,
    /// An HTML document or fragment with `<table>` elements.
    Html,
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

    /// Returns the name `--format` takes.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// Tells the format of a page from its file name or media type, then
    /// from its text: HTML starts with a tag and has a document or table
    /// element, Markdown has a table alignment row such as `|---|---|`.
    pub fn detect(text: &str, name: &str) -> Format {
        let name = name.to_ascii_lowercase();
        if name.ends_with(".html") || name.ends_with(".htm") || name.contains("text/html") {
            return Format::Html;
        }
        if name.ends_with(".md") || name.ends_with(".markdown") || name.contains("text/markdown") {
            return Format::Markdown;
        }
        let starts_with_tag = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<');
        let lower = text.to_ascii_lowercase();
        let tagged = starts_with_tag
            && ["<html", "<!doctype", "<table", "<body"]
                .iter()
                .any(|tag| lower.contains(tag));
        if tagged {
            return Format::Html;
        }
        if text.lines().any(is_alignment_row) {
            return Format::Markdown;
        }
        Format::Text
    }
}

/// Returns true for a Markdown table alignment row: `|---|:--:|` or
/// `--- | ---`.
fn is_alignment_row(line: &str) -> bool {
    let line = line.trim();
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let aligned = |cell: &&str| {
        let dashes = cell.trim_start_matches(':').trim_end_matches(':');
        dashes.len() >= 3 && dashes.chars().all(|c| c == '-')
    };
    line.contains('|') && cells.iter().all(aligned)
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|format| format.name() == text)
            .ok_or_else(|| format!("unknown format `{text}`; use text, markdown or html"))
    }
}
