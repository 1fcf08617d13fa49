//! limits.yaml against the documentation page it was transcribed from.
//!
//! The page copy in fixtures/docs puts every table cell on a line of its own:
//! a section heading, the two header cells, then name and count pairs. This
//! test reads that shape directly, independently of the importer, so a slip in
//! the transcription (or in the importer) shows up here.

use qps_limits_codegen::{Unit, load_table};

const PAGE: &str = include_str!("fixtures/docs/mps-qps-limits-en-2026-03.txt");
const HEADER: [&str; 2] = ["API", "Per-account QPS limit"];

/// Returns the page's sections as (heading, [(operation, count)]) in page order.
fn page_rows() -> Vec<(String, Vec<(String, u32)>)> {
    let cells: Vec<&str> = PAGE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let mut sections: Vec<(String, Vec<(String, u32)>)> = Vec::new();
    let mut index = 0;
    while index < cells.len() {
        if cells.get(index + 1..index + 3) == Some(&HEADER[..]) {
            sections.push((cells[index].to_owned(), Vec::new()));
            index += 3;
            continue;
        }
        let count = cells
            .get(index + 1)
            .and_then(|cell| cell.parse::<u32>().ok());
        match (sections.last_mut(), count) {
            (Some((_, rows)), Some(count)) => {
                rows.push((cells[index].to_owned(), count));
                index += 2;
            }
            _ => index += 1,
        }
    }
    sections
}

#[test]
fn limits_yaml_matches_page_rows() {
    let table =
        load_table(concat!(env!("CARGO_MANIFEST_DIR"), "/../limits.yaml").as_ref()).unwrap();
    let page = page_rows();

    let page_groups: Vec<&str> = page.iter().map(|(name, _)| name.as_str()).collect();
    let table_groups: Vec<&str> = table
        .groups
        .iter()
        .map(|group| group.name.as_str())
        .collect();
    assert_eq!(table_groups, page_groups);

    for ((heading, rows), group) in page.iter().zip(&table.groups) {
        let transcribed: Vec<(String, u32)> = group
            .operations
            .iter()
            .map(|operation| (operation.name.clone(), operation.limit.windows[0].count))
            .collect();
        assert_eq!(&transcribed, rows, "rows of group {heading:?}");
    }
}

#[test]
fn page_has_52_operations_in_12_groups() {
    let page = page_rows();
    assert_eq!(page.len(), 12);
    assert_eq!(page.iter().map(|(_, rows)| rows.len()).sum::<usize>(), 52);
}

#[test]
fn limits_yaml_states_page_facts() {
    let table =
        load_table(concat!(env!("CARGO_MANIFEST_DIR"), "/../limits.yaml").as_ref()).unwrap();
    assert_eq!(table.service, "mps");
    assert_eq!(table.unit, Unit::Second);
    assert_eq!(table.updated.as_deref(), Some("2026-03-25"));
    assert!(PAGE.contains("Last Updated:Mar 25, 2026"));
    assert_eq!(
        table.source.as_deref(),
        Some("https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits")
    );
    for operation in table.operations() {
        assert_eq!(
            operation.limit.windows.len(),
            1,
            "{} has extra windows",
            operation.name
        );
        assert_eq!(
            operation.limit.windows[0].unit,
            Unit::Second,
            "{}",
            operation.name
        );
    }
}
