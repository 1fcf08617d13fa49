//! Reading a documentation page into a table.
//!
//! A page is plain text as a browser copies it, Markdown or HTML, in English
//! or Chinese. Each reader turns its format into the same blocks: headings,
//! prose, and table rows with line numbers. The section reader turns blocks
//! into groups and judges every row, and the value cell reader turns cells
//! into limits. Anything that does not read as a limit is rejected with its line,
//! never read loosely: a wrong limit is worse than none.
//!
//! ```
//! use qps_limits_codegen::import::{ImportOptions, import_page};
//!
//! let page = "Transcoding APIs\n\nAPI | Per-account QPS limit\nSubmitJobs | 100\nCancelJob | 30 per minute\n";
//! let options = ImportOptions {
//!     service: Some("mps".to_owned()),
//!     title: Some("ApsaraVideo Media Processing".to_owned()),
//!     ..ImportOptions::new("page.txt")
//! };
//! let table = import_page(page, &options).unwrap();
//! assert_eq!(table.operation("CancelJob").unwrap().limit.to_string(), "30 per minute");
//!
//! let error = import_page("Transcoding APIs\n\nAPI | QPS limit\nSubmitJobs | about 100\n", &options).unwrap_err();
//! assert!(error.to_string().starts_with("page.txt:4: value cell \"about 100\" of SubmitJobs is not a limit;"));
//! ```

mod block;
mod cell;
mod count;
mod date;
mod error;
mod fold;
mod format;
mod header;
mod html;
mod line;
mod markdown;
mod merge;
mod page;
mod region;
mod row;
mod section;
mod text;
mod unit;

use std::collections::HashMap;

pub use error::{Cut, ImportError, PageNote, PageProblem};
pub use format::Format;
pub use merge::{MergeReport, merge};

use crate::check::parse_table;
use crate::limit::Unit;
use crate::names::is_service_id;
use crate::table::{Group, SUPPORTED_SCHEMAS, Scope, Table};
use crate::write::table_to_yaml;

/// How to read a page and what to fill in that the page does not state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The page's name in messages: its path, `<stdin>` or its URL.
    pub file: String,
    /// The page's format, or `None` to detect it from the name and text.
    pub format: Option<Format>,
    /// The service id, such as `mps`. Required unless a merged table gives it.
    pub service: Option<String>,
    /// The service's display name, in place of the one the page states.
    pub title: Option<String>,
    /// The page's address, in place of the one the page states.
    pub source: Option<String>,
    /// The URL the page was fetched from, used as its address when the page
    /// states none.
    pub fetched_from: Option<String>,
    /// Accept a page that ends in the middle of a table, keeping the rows
    /// before the cut. The cut is still reported in [`Page::cut`].
    pub allow_partial: bool,
}

impl ImportOptions {
    /// Returns default options for a page named `file` in messages.
    pub fn new(file: impl Into<String>) -> ImportOptions {
        ImportOptions {
            file: file.into(),
            ..ImportOptions::default()
        }
    }
}

/// A page read into groups of operations, before it becomes a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The page's sections that have operations, in page order.
    pub groups: Vec<Group>,
    /// The service's display name, from the page's title.
    pub title: Option<String>,
    /// The page's "Last Updated" date, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// The unit the page states for counts that name none.
    pub unit: Option<Unit>,
    /// The page's address, from the page or the URL it was fetched from.
    pub source: Option<String>,
    /// The place where the page ends in the middle of a table, when it was
    /// accepted with [`ImportOptions::allow_partial`].
    pub cut: Option<Cut>,
    /// Things skipped or worked around, worth telling the user.
    pub notes: Vec<PageNote>,
    /// The page gives its date in English, as the English edition does.
    english: bool,
    /// Line of each operation's row, by name.
    lines: HashMap<String, usize>,
}

/// Documentation pages whose addresses are known, by service id, for
/// English pages copied without their address.
const KNOWN_PAGES: &[(&str, &str)] = &[(
    "mps",
    "https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits",
)];

/// Reads a page and turns it into a table: [`read_page`], then
/// [`Page::to_table`].
pub fn import_page(text: &str, options: &ImportOptions) -> Result<Table, ImportError> {
    read_page(text, options)?.to_table(options)
}

/// Reads a page given as bytes, which must be UTF-8.
pub fn read_page_bytes(bytes: &[u8], options: &ImportOptions) -> Result<Page, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => read_page(text, options),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|byte| **byte == b'\n').count() + 1;
            let problem = PageProblem {
                line,
                message: format!(
                    "the page is not valid UTF-8 (byte {})",
                    error.valid_up_to() + 1
                ),
                fix: "save the page as UTF-8".to_owned(),
            };
            Err(ImportError::page(&options.file, vec![problem]))
        }
    }
}

/// Reads a page into groups, with what the page states about itself.
pub fn read_page(text: &str, options: &ImportOptions) -> Result<Page, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Every reader numbers lines as `str::lines` does, and so does the HTML
    // tokenizer once carriage returns are line feeds.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    let format = options
        .format
        .unwrap_or_else(|| Format::detect(text, &options.file));
    let blocks = match format {
        Format::Text => text::read_text(text),
        Format::Markdown => markdown::read_markdown(text),
        Format::Html => html::read_html(text),
    };
    let facts = page::facts(&blocks);
    let last_line = text.lines().count().max(1);
    let mut sections = section::read_sections(&blocks, facts.unit, last_line);

    if let Some(cut) = &sections.cut
        && !options.allow_partial
    {
        sections.problems.push(PageProblem {
            line: cut.line,
            message: cut.to_string(),
            fix: "copy or fetch the whole page, or import the complete rows with --allow-partial"
                .to_owned(),
        });
    }
    if !sections.problems.is_empty() {
        return Err(ImportError::page(&options.file, sections.problems));
    }
    Ok(Page {
        groups: sections.groups,
        title: facts.title,
        updated: facts.updated,
        unit: facts.unit,
        source: facts.address.or_else(|| options.fetched_from.clone()),
        cut: sections.cut,
        notes: sections.notes,
        english: facts.english,
        lines: sections.lines,
    })
}

impl Page {
    /// Returns the line of an operation's row.
    pub fn line_of(&self, operation: &str) -> Option<usize> {
        self.lines.get(operation).copied()
    }

    /// Builds the table. The options' service and title are required where
    /// the page does not give them.
    pub fn to_table(&self, options: &ImportOptions) -> Result<Table, ImportError> {
        self.to_table_over(options, None)
    }

    /// Builds the table, taking service, title, address, date and unit from
    /// `fallback` where neither the options nor the page give them.
    pub(crate) fn to_table_over(
        &self,
        options: &ImportOptions,
        fallback: Option<&Table>,
    ) -> Result<Table, ImportError> {
        let missing = |message: String, fix: &str| ImportError::Missing {
            file: options.file.clone(),
            message,
            fix: fix.to_owned(),
        };
        let service = options
            .service
            .clone()
            .or_else(|| fallback.map(|table| table.service.clone()));
        let service = service.ok_or_else(|| {
            missing(
                "the service id is not known".to_owned(),
                "pass --service, such as --service mps",
            )
        })?;
        if !is_service_id(&service) {
            return Err(missing(
                format!("service `{service}` is not a lowercase identifier"),
                "pass a short lowercase id such as `mps` or `vod`; it names the generated module",
            ));
        }
        let title = options.title.clone().or_else(|| self.title.clone());
        let title = title
            .or_else(|| fallback.map(|table| table.title.clone()))
            .ok_or_else(|| {
                missing(
                    "the page does not name the service".to_owned(),
                    "pass --title, such as --title \"ApsaraVideo Media Processing\"",
                )
            })?;
        let source = self.stated_source(options, &service);
        let table = Table {
            schema: SUPPORTED_SCHEMAS.last().copied().unwrap_or(1),
            service,
            title,
            source: source.or_else(|| fallback.and_then(|table| table.source.clone())),
            updated: self
                .updated
                .clone()
                .or_else(|| fallback.and_then(|table| table.updated.clone())),
            scope: fallback.map_or(Scope::Account, |table| table.scope),
            unit: self
                .unit
                .or(fallback.map(|table| table.unit))
                .unwrap_or(Unit::Second),
            pools: Vec::new(),
            groups: self.groups.clone(),
        };
        self.validate(&table, &options.file)?;
        Ok(table)
    }

    /// Returns the page's address: from the options, the page itself, the
    /// URL it was fetched from, or the known address of the service's
    /// English page.
    pub(crate) fn stated_source(&self, options: &ImportOptions, service: &str) -> Option<String> {
        let known = KNOWN_PAGES
            .iter()
            .find(|(id, _)| *id == service && self.english);
        let known = known.map(|(_, url)| (*url).to_owned());
        options
            .source
            .clone()
            .or_else(|| self.source.clone())
            .or(known)
    }

    /// Checks the table with the one table validator, so an imported table
    /// is valid by the same rules as a hand-written one.
    pub(crate) fn validate(&self, table: &Table, file: &str) -> Result<(), ImportError> {
        let yaml = table_to_yaml(table);
        let error = match parse_table(&yaml, file) {
            Ok(parsed) if parsed == *table => return Ok(()),
            Ok(_) => {
                let problem = PageProblem {
                    line: 1,
                    message: "the imported table reads back differently from YAML".to_owned(),
                    fix: "report this as a bug in qps-limits, with the page".to_owned(),
                };
                return Err(ImportError::page(file, vec![problem]));
            }
            Err(error) => error,
        };
        let problems = error
            .diagnostics()
            .iter()
            .map(|diagnostic| PageProblem {
                line: self.line_in_message(&diagnostic.message).unwrap_or(1),
                message: diagnostic.message.clone(),
                fix: diagnostic.fix.clone(),
            })
            .collect();
        Err(ImportError::page(file, problems))
    }

    /// Returns the line of the first operation named in backquotes in `message`.
    fn line_in_message(&self, message: &str) -> Option<usize> {
        message
            .split('`')
            .skip(1)
            .step_by(2)
            .find_map(|name| self.line_of(name))
    }
}
