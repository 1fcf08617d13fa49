//! `qps-limits import`: a documentation page to limits.yaml.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use qps_limits_codegen::import::{Page, merge, read_page_bytes};
use qps_limits_codegen::{Table, load_table, table_to_yaml};

use crate::page::{ReadArgs, read_page_input};
use crate::{Failure, counted, summary};

#[derive(Args)]
pub struct ImportArgs {
    /// The page: a file, `-` for standard input, or an http:// or https:// URL
    #[arg(value_name = "PAGE", default_value = "-")]
    page: String,
    /// Write the table to FILE instead of standard output. FILE is replaced
    /// only when the whole import succeeds
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Service id, such as mps, which names the generated module
    #[arg(long, value_name = "ID")]
    service: Option<String>,
    /// Service display name, in place of the one the page states
    #[arg(long, value_name = "T")]
    title: Option<String>,
    /// Address of the page, recorded as `source`
    #[arg(long, value_name = "URL")]
    source: Option<String>,
    /// Keep the hand-written parts of this table: its fields where the page
    /// states none, notes, pools and regional counts the page does not list
    #[arg(long, value_name = "FILE")]
    merge: Option<PathBuf>,
    /// Accept a page that ends in the middle of a table and import its
    /// complete rows. The cut is still reported
    #[arg(long)]
    allow_partial: bool,
    /// Replace or merge into a table even when the page lacks some of its
    /// operations, because the documentation removed them
    #[arg(long)]
    allow_removals: bool,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(args: &ImportArgs) -> Result<ExitCode, Failure> {
    let input = read_page_input(&args.page, &args.read)?;
    let mut options = input.options;
    options.service = args.service.clone();
    options.title = args.title.clone();
    options.source = args.source.clone();
    options.allow_partial = args.allow_partial;
    let existing = args.merge.as_deref().map(load_table).transpose()?;

    let page = read_page_bytes(&input.bytes, &options)?;
    report_page(&page, &options.file);
    let table = match &existing {
        Some(existing) => {
            let (table, report) = merge(existing, &page, &options)?;
            let merged = args
                .merge
                .as_deref()
                .map_or_else(String::new, |path| path.display().to_string());
            eprint!("merged with {merged}: {report}");
            table
        }
        None => page.to_table(&options)?,
    };

    check_removals(args, existing.as_ref(), &table)?;
    let yaml = table_to_yaml(&table);
    match &args.output {
        Some(path) => {
            write_atomically(path, &yaml)?;
            println!("wrote {}: {}", path.display(), summary(&table));
        }
        None => print!("{yaml}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the page's notes and an accepted cut to standard error.
fn report_page(page: &Page, file: &str) {
    for note in &page.notes {
        eprintln!("note: {file}:{}: {}", note.line, note.message);
    }
    if let Some(cut) = &page.cut {
        eprintln!(
            "warning: {file}:{}: {cut}; imported the complete rows only",
            cut.line
        );
    }
}

/// Refuses to drop operations from the table being merged into or replaced,
/// unless `--allow-removals` states that the documentation removed them. A page
/// copied short ends between two rows as often as inside one, and only the
/// table it replaces shows the loss.
fn check_removals(args: &ImportArgs, merged: Option<&Table>, table: &Table) -> Result<(), Failure> {
    if args.allow_removals {
        return Ok(());
    }
    let replaced = match (merged, &args.output) {
        (Some(merged), _) => Some((merged.clone(), args.merge.clone().unwrap_or_default())),
        (None, Some(output)) => load_table(output).ok().map(|old| (old, output.clone())),
        (None, None) => None,
    };
    let Some((old, path)) = replaced else {
        return Ok(());
    };
    let missing: Vec<&str> = old
        .operations()
        .map(|operation| operation.name.as_str())
        .filter(|name| table.operation(name).is_none())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let listed = missing
        .iter()
        .take(8)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let more = if missing.len() > 8 { ", ..." } else { "" };
    Err(Failure(format!(
        "the page lacks {} of {}: {listed}{more}; nothing was written. \
         If the page was copied or fetched short, get the whole page; \
         if the documentation removed them, pass --allow-removals",
        counted(missing.len(), "operation"),
        path.display()
    )))
}

/// Writes `text` to a temporary file beside `path`, then renames it over
/// `path`, so `path` is either untouched or complete.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let failed = |error: &dyn std::fmt::Display| {
        Failure(format!("failed to write {}: {error}", path.display()))
    };
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".qps-limits-")
        .suffix(".tmp")
        .tempfile_in(directory)
        .map_err(|error| failed(&error))?;
    file.write_all(text.as_bytes())
        .map_err(|error| failed(&error))?;
    file.as_file().sync_all().map_err(|error| failed(&error))?;
    let permissions = fs::metadata(path)
        .map(|metadata| metadata.permissions())
        .ok()
        .or_else(new_file_permissions);
    if let Some(permissions) = permissions {
        fs::set_permissions(file.path(), permissions).map_err(|error| failed(&error))?;
    }
    file.persist(path).map_err(|error| failed(&error.error))?;
    Ok(())
}

/// Permissions of a new table: readable by everyone, as files normally are.
#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o644))
}

/// Permissions of a new table: those the temporary file was created with.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}
