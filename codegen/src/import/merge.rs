//! Re-importing a page over an existing table: the page's counts win, and
//! what people wrote by hand survives: the table's own fields where the page
//! states none, notes, pools and pool membership, and regional counts the
//! page does not list.

use std::fmt;

use super::error::ImportError;
use super::{ImportOptions, Page};
use crate::diff::{TableDiff, diff_tables};
use crate::table::Table;

/// The parts a merge kept from the existing table, and the changes in limits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Each field, note, pool or regional count kept from the existing
    /// table, as a phrase such as `the note of SubmitJobs`.
    pub kept: Vec<String>,
    /// Hand-written things that no longer fit, such as a pool whose members
    /// all left the page.
    pub dropped: Vec<String>,
    /// Differences from the existing table to the merged one.
    pub diff: TableDiff,
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kept.is_empty() {
            writeln!(f, "kept nothing from the existing table")?;
        } else {
            writeln!(f, "kept from the existing table: {}", self.kept.join(", "))?;
        }
        if !self.dropped.is_empty() {
            writeln!(f, "dropped: {}", self.dropped.join(", "))?;
        }
        if self.diff.is_empty() {
            writeln!(f, "the page's limits match the existing table")
        } else {
            write!(f, "{}", self.diff)
        }
    }
}

/// Builds the table for `page` over `existing`, as described in the module
/// documentation. The result passes the same validation as any table.
pub fn merge(
    existing: &Table,
    page: &Page,
    options: &ImportOptions,
) -> Result<(Table, MergeReport), ImportError> {
    let mut table = page.to_table_over(options, Some(existing))?;
    let stated_source = page.stated_source(options, &table.service);
    let mut report = MergeReport {
        kept: kept_fields(existing, page, options, stated_source),
        ..MergeReport::default()
    };

    for operation in table
        .groups
        .iter_mut()
        .flat_map(|group| group.operations.iter_mut())
    {
        let Some(old) = existing.operation(&operation.name) else {
            continue;
        };
        if let Some(note) = &old.note {
            operation.note = Some(note.clone());
            report.kept.push(format!("the note of {}", operation.name));
        }
        if let Some(pool) = &old.limit.pool {
            operation.limit.pool = Some(pool.clone());
            report
                .kept
                .push(format!("{} in pool {pool}", operation.name));
        }
        for entry in &old.limit.regions {
            let listed = operation
                .limit
                .regions
                .iter()
                .any(|known| known.region == entry.region);
            if listed {
                continue;
            }
            if operation.limit.windows.is_empty() {
                report.dropped.push(format!(
                    "the count of {} in {}, because the page lists no limit",
                    operation.name, entry.region
                ));
                continue;
            }
            operation.limit.regions.push(entry.clone());
            report.kept.push(format!(
                "the count of {} in {}",
                operation.name, entry.region
            ));
        }
    }

    for pool in &existing.pools {
        let used = table
            .operations()
            .any(|operation| operation.limit.pool.as_deref() == Some(pool.name.as_str()));
        if used {
            table.pools.push(pool.clone());
            report.kept.push(format!("pool {}", pool.name));
        } else {
            report.dropped.push(format!(
                "pool {}, because none of its operations is on the page",
                pool.name
            ));
        }
    }

    page.validate(&table, &options.file)?;
    report.diff = diff_tables(existing, &table);
    Ok((table, report))
}

/// Names the table fields that came from the existing table because
/// neither the options nor the page gave them.
fn kept_fields(
    existing: &Table,
    page: &Page,
    options: &ImportOptions,
    stated_source: Option<String>,
) -> Vec<String> {
    let mut kept = Vec::new();
    let mut keep = |field: &str, from_page_or_options: bool| {
        if !from_page_or_options {
            kept.push(format!("`{field}`"));
        }
    };
    keep("service", options.service.is_some());
    keep("title", options.title.is_some() || page.title.is_some());
    keep(
        "source",
        stated_source.is_some() || existing.source.is_none(),
    );
    keep(
        "updated",
        page.updated.is_some() || existing.updated.is_none(),
    );
    keep("scope", false);
    keep("unit", page.unit.is_some());
    kept
}
