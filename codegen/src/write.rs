//! Writing a table as limits.yaml text, in the layout people review in pull
//! requests: one line per operation where the limit allows it.

use std::fmt::Write;

use crate::limit::{Limit, Unit, Window};
use crate::table::{Operation, Pool, Table};

/// Writes `table` as limits.yaml text. Reading the text back gives `table`.
pub fn table_to_yaml(table: &Table) -> String {
    let mut out = String::new();
    write_header(&mut out, table);

    if !table.pools.is_empty() {
        out.push_str("pools:\n");
        for pool in &table.pools {
            write_pool(&mut out, pool, table.unit);
        }
    }

    out.push_str("groups:\n");
    for group in &table.groups {
        let _ = writeln!(out, "  - name: {}", scalar(&group.name));
        if group.operations.is_empty() {
            out.push_str("    limits: {}\n");
            continue;
        }
        out.push_str("    limits:\n");
        for operation in &group.operations {
            write_operation(&mut out, operation, table.unit);
        }
    }
    out
}

/// Writes the comment and the fields that describe the whole table.
fn write_header(out: &mut String, table: &Table) {
    let _ = writeln!(out, "# Per-account API rate limits of {}.", table.title);
    let page = if table.source.is_some() {
        "the documentation page below"
    } else {
        "its documentation page"
    };
    let _ = writeln!(out, "# Transcribed from {page}; `qps-limits check PAGE`");
    out.push_str("# compares the two, and `qps-limits import PAGE` re-transcribes it.\n");
    let _ = writeln!(out, "schema: {}", table.schema);
    let _ = writeln!(out, "service: {}", scalar(&table.service));
    let _ = writeln!(out, "title: {}", scalar(&table.title));
    if let Some(source) = &table.source {
        let _ = writeln!(out, "source: {}", scalar(source));
    }
    if let Some(updated) = &table.updated {
        let _ = writeln!(out, "updated: {}", scalar(updated));
    }
    let _ = writeln!(out, "scope: {}", table.scope.name());
    let _ = writeln!(out, "unit: {}", table.unit);
}

/// Quotes a string only where YAML would read it as something else.
fn scalar(text: &str) -> String {
    let yaml = serde_yaml::to_string(text).unwrap_or_else(|_| format!("{text:?}"));
    yaml.trim_end_matches('\n').to_owned()
}

fn write_pool(out: &mut String, pool: &Pool, table_unit: Unit) {
    let _ = writeln!(out, "  - name: {}", scalar(&pool.name));
    if let Some(first) = pool.limit.windows.first() {
        let _ = writeln!(out, "    count: {}", first.count);
        if first.unit != table_unit {
            let _ = writeln!(out, "    unit: {}", first.unit);
        }
    }
    write_extra_windows(out, &pool.limit.windows, "    ");
    if let Some(note) = &pool.note {
        let _ = writeln!(out, "    note: {}", scalar(note));
    }
}

fn write_operation(out: &mut String, operation: &Operation, table_unit: Unit) {
    let name = &operation.name;
    let limit = &operation.limit;
    if let Some(inline) = inline_limit(limit, operation.note.is_some(), table_unit) {
        let _ = writeln!(out, "      {name}: {inline}");
        return;
    }
    let _ = writeln!(out, "      {name}:");
    match limit.windows.first() {
        Some(first) => {
            let _ = writeln!(out, "        count: {}", first.count);
            if first.unit != table_unit {
                let _ = writeln!(out, "        unit: {}", first.unit);
            }
        }
        None if limit.pool.is_none() => out.push_str("        count: unlimited\n"),
        None => {}
    }
    write_extra_windows(out, &limit.windows, "        ");
    if !limit.regions.is_empty() {
        out.push_str("        regions:\n");
        for entry in &limit.regions {
            let _ = writeln!(out, "          {}: {}", entry.region, entry.count);
        }
    }
    if let Some(pool) = &limit.pool {
        let _ = writeln!(out, "        pool: {}", scalar(pool));
    }
    if let Some(note) = &operation.note {
        let _ = writeln!(out, "        note: {}", scalar(note));
    }
}

/// Returns the one-line form of a limit, when it has one.
fn inline_limit(limit: &Limit, has_note: bool, table_unit: Unit) -> Option<String> {
    if has_note || !limit.regions.is_empty() || limit.windows.len() > 1 {
        return None;
    }
    match (limit.windows.first(), &limit.pool) {
        (None, None) => Some("unlimited".to_owned()),
        (None, Some(pool)) => Some(format!("{{ pool: {} }}", scalar(pool))),
        (Some(window), None) if window.unit == table_unit => Some(window.count.to_string()),
        (Some(window), None) => Some(format!(
            "{{ count: {}, unit: {} }}",
            window.count, window.unit
        )),
        (Some(_), Some(_)) => None,
    }
}

fn write_extra_windows(out: &mut String, windows: &[Window], indent: &str) {
    if windows.len() < 2 {
        return;
    }
    let _ = writeln!(out, "{indent}windows:");
    for window in &windows[1..] {
        let _ = writeln!(
            out,
            "{indent}  - {{ count: {}, unit: {} }}",
            window.count, window.unit
        );
    }
}
