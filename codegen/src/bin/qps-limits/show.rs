//! `qps-limits show`: the table as a readable list.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use qps_limits_codegen::{Limit, Table, load_table};

use crate::{Failure, summary};

#[derive(Args)]
pub struct ShowArgs {
    /// The table to show [default: limits.yaml]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// The table to show, as `check` names it
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    table: Option<PathBuf>,
}

pub fn run(args: &ShowArgs) -> Result<ExitCode, Failure> {
    let path = args.file.as_ref().or(args.table.as_ref());
    let table = load_table(path.map_or(Path::new("limits.yaml"), PathBuf::as_path))?;
    print!("{}", render(&table));
    Ok(ExitCode::SUCCESS)
}

/// One row of the listing.
struct Line {
    operation: String,
    group: String,
    count: String,
    unit: String,
    details: String,
}

fn render(table: &Table) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): limits per account, {}; unit {} unless stated",
        table.title,
        table.service,
        summary(table),
        table.unit
    );
    if let Some(source) = &table.source {
        let _ = write!(out, "source: {source}");
        if let Some(updated) = &table.updated {
            let _ = write!(out, " (updated {updated})");
        }
        out.push('\n');
    }
    out.push('\n');

    let lines: Vec<Line> = table
        .rows()
        .map(|(group, operation)| {
            let (count, unit) = first_window(&operation.limit);
            let mut details = extras(&operation.limit);
            if let Some(note) = &operation.note {
                details.push(format!("note: {note}"));
            }
            Line {
                operation: operation.name.clone(),
                group: group.name.clone(),
                count,
                unit,
                details: details.join("; "),
            }
        })
        .collect();
    let width = |pick: fn(&Line) -> &str, title: &str| {
        lines
            .iter()
            .map(|line| pick(line).chars().count())
            .chain([title.len()])
            .max()
            .unwrap_or(0)
    };
    let name_width = width(|line| &line.operation, "OPERATION");
    let group_width = width(|line| &line.group, "GROUP");
    let count_width = width(|line| &line.count, "LIMIT");
    let unit_width = width(|line| &line.unit, "UNIT");
    let header = format!(
        "{:name_width$}  {:group_width$}  {:>count_width$}  {:unit_width$}  DETAILS",
        "OPERATION", "GROUP", "LIMIT", "UNIT"
    );
    let _ = writeln!(out, "{}", header.trim_end());
    for line in &lines {
        let row = format!(
            "{:name_width$}  {:group_width$}  {:>count_width$}  {:unit_width$}  {}",
            line.operation, line.group, line.count, line.unit, line.details
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
    if !table.pools.is_empty() {
        out.push_str("\npools shared by several operations:\n");
        for pool in &table.pools {
            let members: Vec<&str> = table
                .operations()
                .filter(|operation| operation.limit.pool.as_deref() == Some(pool.name.as_str()))
                .map(|operation| operation.name.as_str())
                .collect();
            let _ = writeln!(
                out,
                "  {}: {} (members: {})",
                pool.name,
                pool.limit,
                members.join(", ")
            );
        }
    }
    out
}

/// Returns the count and unit of the documented window.
fn first_window(limit: &Limit) -> (String, String) {
    match limit.windows.first() {
        Some(window) => (window.count.to_string(), window.unit.to_string()),
        None if limit.pool.is_some() => ("-".to_owned(), String::new()),
        None => ("unlimited".to_owned(), String::new()),
    }
}

/// Describes extra windows, regional counts and the pool of a limit.
fn extras(limit: &Limit) -> Vec<String> {
    let mut details = Vec::new();
    for window in limit.windows.iter().skip(1) {
        details.push(format!("also {window}"));
    }
    if !limit.regions.is_empty() {
        let regions: Vec<String> = limit
            .regions
            .iter()
            .map(|entry| format!("{} {}", entry.count, entry.region))
            .collect();
        details.push(format!("in {}", regions.join(", ")));
    }
    if let Some(pool) = &limit.pool {
        details.push(format!("shares pool {pool}"));
    }
    details
}
