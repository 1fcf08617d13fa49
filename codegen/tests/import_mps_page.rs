//! The MPS "QPS limits" page imports to the committed limits.yaml, byte for
//! byte, and the two agree when compared as `qps-limits check` does.

use std::fs;
use std::path::Path;

use qps_limits_codegen::import::{ImportOptions, import_page, merge, read_page};
use qps_limits_codegen::{load_table, table_to_yaml};

const PAGE: &str = include_str!("fixtures/docs/mps-qps-limits-en-2026-03.txt");

fn limits_yaml() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../limits.yaml")).unwrap()
}

fn options() -> ImportOptions {
    ImportOptions {
        service: Some("mps".to_owned()),
        ..ImportOptions::new("mps-qps-limits-en-2026-03.txt")
    }
}

#[test]
fn page_imports_to_limits_yaml() {
    let table = import_page(PAGE, &options()).unwrap();
    assert_eq!(table_to_yaml(&table), limits_yaml());
}

#[test]
fn page_facts() {
    let table = import_page(PAGE, &options()).unwrap();
    assert_eq!(table.title, "ApsaraVideo Media Processing");
    assert_eq!(
        table.source.as_deref(),
        Some("https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits")
    );
    assert_eq!(table.updated.as_deref(), Some("2026-03-25"));
    assert_eq!(table.groups.len(), 12);
    assert_eq!(table.operations().count(), 52);
}

#[test]
fn page_and_limits_yaml_agree() {
    let existing =
        load_table(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../limits.yaml")).unwrap();
    let page = read_page(PAGE, &options()).unwrap();
    assert!(page.notes.is_empty(), "{:?}", page.notes);
    let (merged, report) = merge(&existing, &page, &options()).unwrap();
    assert!(report.diff.is_empty(), "{}", report.diff);
    assert_eq!(merged, existing);
}
