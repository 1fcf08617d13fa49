//! The PAGE argument: a file, `-` for standard input, or an http:// or
//! https:// URL, read into bytes with what is known of its format.

use std::fs;
use std::io::Read;

use clap::Args;
use qps_limits_codegen::import::ImportOptions;

use crate::Failure;

/// Options for reading a page, shared by `import` and `check`.
#[derive(Args, Clone, Debug)]
pub struct ReadArgs {
    /// Format of the page [default: detected from the name and the text]
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "markdown", "html"])]
    format: Option<String>,
    /// Seconds allowed for fetching a page by URL
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
}

/// A page as read from its argument.
pub struct PageInput {
    pub bytes: Vec<u8>,
    /// Options with the page's name, format and URL filled in.
    pub options: ImportOptions,
}

/// Reads the page named by `page`.
pub fn read_page_input(page: &str, read: &ReadArgs) -> Result<PageInput, Failure> {
    let mut options = ImportOptions::new(page);
    options.format = read.format.as_deref().and_then(|name| name.parse().ok());
    if page.starts_with("http://") || page.starts_with("https://") {
        return fetch(page, read, options);
    }
    if page == "-" {
        options.file = "<stdin>".to_owned();
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|error| format!("failed to read the page from standard input: {error}"))?;
        return Ok(PageInput { bytes, options });
    }
    let bytes =
        fs::read(page).map_err(|error| format!("{page}: failed to read the page: {error}"))?;
    Ok(PageInput { bytes, options })
}

/// Fetches a page by URL, telling its format from the response's media type.
#[cfg(feature = "fetch")]
fn fetch(page: &str, read: &ReadArgs, mut options: ImportOptions) -> Result<PageInput, Failure> {
    use qps_limits_codegen::fetch::{FetchOptions, fetch_page};
    use qps_limits_codegen::import::Format;

    let fetch = FetchOptions {
        timeout: timeout(read.timeout)?,
        ..FetchOptions::default()
    };
    let fetched = fetch_page(page, &fetch)?;
    let media_type = fetched
        .content_type
        .unwrap_or_default()
        .to_ascii_lowercase();
    if options.format.is_none() && media_type.contains("html") {
        options.format = Some(Format::Html);
    } else if options.format.is_none() && media_type.contains("markdown") {
        options.format = Some(Format::Markdown);
    }
    options.fetched_from = Some(page.to_owned());
    Ok(PageInput {
        bytes: fetched.body,
        options,
    })
}

#[cfg(not(feature = "fetch"))]
fn fetch(page: &str, read: &ReadArgs, _options: ImportOptions) -> Result<PageInput, Failure> {
    let _ = read.timeout;
    Err(Failure(format!(
        "{page}: this build of qps-limits cannot fetch pages; rebuild it with the `fetch` feature, \
         or save the page and import the file"
    )))
}

#[cfg(feature = "fetch")]
fn timeout(seconds: f64) -> Result<std::time::Duration, Failure> {
    std::time::Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|timeout| !timeout.is_zero())
        .ok_or_else(|| {
            Failure(format!(
                "--timeout {seconds} is not a positive number of seconds"
            ))
        })
}
