//! Plain-text pages: the shapes a browser copy takes, headings, and the
//! page chrome, callouts and prose that are not tables.

use qps_limits_codegen::Table;
use qps_limits_codegen::import::{ImportError, ImportOptions, import_page, read_page};

fn options() -> ImportOptions {
    ImportOptions {
        service: Some("mps".to_owned()),
        title: Some("ApsaraVideo Media Processing".to_owned()),
        ..ImportOptions::new("page.txt")
    }
}

fn import(page: &str) -> Result<Table, ImportError> {
    import_page(page, &options())
}

/// Returns each operation with its group and limit, in table order.
fn rows(table: &Table) -> Vec<String> {
    table
        .rows()
        .map(|(group, operation)| {
            format!("{} / {}: {}", group.name, operation.name, operation.limit)
        })
        .collect()
}

const DEFAULT_UNIT: &str = "The default unit for QPS limits is requests per second.\n\n";

#[test]
fn cells_on_lines_of_their_own() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\n\nAPI\n\nPer-account QPS limit\n\nSubmitJobs\n\n100\n\nCancelJob\n\n50\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Transcoding APIs / CancelJob: 50 per second"
        ]
    );
}

#[test]
fn cells_without_blank_lines() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\nAPI\nPer-account QPS limit\nSubmitJobs\n100\nCancelJob\n50\n"
    );
    assert_eq!(rows(&import(&page).unwrap()).len(), 2);
}

#[test]
fn pipes_inline() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\n\nAPI | Per-account QPS limit\nSubmitJobs | 100\n| CancelJob | 50 |\nListJob|10\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Transcoding APIs / CancelJob: 50 per second",
            "Transcoding APIs / ListJob: 10 per second",
        ]
    );
}

#[test]
fn pipes_on_their_own_lines() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\n\nAPI\n|\nPer-account QPS limit\nSubmitJobs\n\n|\n\n100\nCancelJob\n|\n50\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Transcoding APIs / CancelJob: 50 per second"
        ]
    );
}

#[test]
fn space_separated_columns() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\n\nAPI      Per-account QPS limit\nSubmitJobs      100\nCancelJob\t50\nListJob 30 per minute\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Transcoding APIs / CancelJob: 50 per second",
            "Transcoding APIs / ListJob: 30 per minute",
        ]
    );
}

#[test]
fn name_run_into_count() {
    let page = format!(
        "{DEFAULT_UNIT}转码接口\n\nAPI单用户QPS限制(单位:次/秒)\nSubmitJobs100\nQueryMediaListByURL30次/分钟\nDescribeIpv6Addresses5\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "转码接口 / SubmitJobs: 100 per second",
            "转码接口 / QueryMediaListByURL: 30 per minute",
            "转码接口 / DescribeIpv6Addresses: 5 per second",
        ]
    );
}

#[test]
fn headings_become_groups_in_page_order() {
    let page = format!(
        "{DEFAULT_UNIT}Snapshot APIs\n\nAPI | QPS limit\nSubmitSnapshotJob | 50\n\nTranscoding APIs\n\nAPI | QPS limit\nSubmitJobs | 100\n"
    );
    let table = import(&page).unwrap();
    let groups: Vec<&str> = table
        .groups
        .iter()
        .map(|group| group.name.as_str())
        .collect();
    assert_eq!(groups, ["Snapshot APIs", "Transcoding APIs"]);
}

#[test]
fn repeated_header_rows_are_skipped() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\n\nAPI\nPer-account QPS limit\nSubmitJobs\n100\nAPI\nPer-account QPS limit\nCancelJob\n50\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Transcoding APIs / CancelJob: 50 per second"
        ]
    );
}

#[test]
fn empty_sections_are_left_out_with_a_note() {
    let page = format!(
        "{DEFAULT_UNIT}Deprecated APIs\n\nPreset template APIs\n\nAPI | QPS limit\n\nTranscoding APIs\n\nAPI | QPS limit\nSubmitJobs | 100\n"
    );
    let read = read_page(&page, &options()).unwrap();
    let groups: Vec<&str> = read
        .groups
        .iter()
        .map(|group| group.name.as_str())
        .collect();
    assert_eq!(groups, ["Transcoding APIs"]);
    assert_eq!(read.notes.len(), 1);
    assert_eq!(read.notes[0].line, 7);
    assert!(
        read.notes[0]
            .message
            .contains("\"Preset template APIs\" has no rows"),
        "{}",
        read.notes[0].message
    );
}

#[test]
fn page_chrome_and_callouts_are_ignored() {
    let page = "All Products\nSearch\nDocument Center\n\nApsaraVideo Media Processing:QPS limits\n\nImportant\n  • Not all API \
                operations are subject to throttling.\n  • The default unit for QPS limits is requests per second.\n\n\
                Transcoding APIs\n\nAPI\n\nPer-account QPS limit\n\nSubmitJobs\n\n100\n\nWas this page helpful?\nFeedback\n";
    let table = import(page).unwrap();
    assert_eq!(
        rows(&table),
        ["Transcoding APIs / SubmitJobs: 100 per second"]
    );
}

#[test]
fn prose_with_operation_and_number_is_ignored() {
    let page = format!(
        "{DEFAULT_UNIT}For example, the QPS limit for the SubmitJobs operation is 100 requests/second.\n\
         SubmitJobs allows 100 calls per second for each account.\n\n\
         Transcoding APIs\n\nAPI | QPS limit\nCancelJob | 50\n\n\
         For example, if CancelJob allows 50 calls per second, six RAM users share those 50 calls.\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        ["Transcoding APIs / CancelJob: 50 per second"]
    );
}

#[test]
fn headings_in_other_languages() {
    let page = format!(
        "{DEFAULT_UNIT}トランスコーディング API\n\nAPI | 1アカウントあたりのQPS制限\nSubmitJobs | 100\n\n\
         API de instantáneas\n\nAPI | Límite de QPS por cuenta\nSubmitSnapshotJob | 50\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "トランスコーディング API / SubmitJobs: 100 per second",
            "API de instantáneas / SubmitSnapshotJob: 50 per second"
        ]
    );
}

#[test]
fn chinese_page() {
    let page = "媒体处理:QPS限制\n\n更新时间:2026-03-25\n\n默认单位为次/秒,其他单位会在单元格中注明。\n\n\
                转码接口\n\nAPI\n单用户QPS限制\nSubmitJobs\n100\nCancelJob\n1000次/分钟\n";
    let table = import_page(
        page,
        &ImportOptions {
            title: None,
            ..options()
        },
    )
    .unwrap();
    assert_eq!(table.title, "媒体处理");
    assert_eq!(table.updated.as_deref(), Some("2026-03-25"));
    assert_eq!(
        rows(&table),
        [
            "转码接口 / SubmitJobs: 100 per second",
            "转码接口 / CancelJob: 1000 per minute"
        ]
    );
}

#[test]
fn region_lists_on_lines_of_their_own() {
    let page = format!(
        "{DEFAULT_UNIT}Upload operations\n\nAPI\n\nPer-account QPS limit\n\nCreateUploadVideo\n\n\
         China (Shanghai) and China (Beijing): 120\n\nOther regions: 60\n\nGetUploadDetails\n\n50\n"
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Upload operations / CreateUploadVideo: 60 per second, 120 in cn-shanghai, 120 in cn-beijing",
            "Upload operations / GetUploadDetails: 50 per second",
        ]
    );
}

#[test]
fn same_operation_listed_twice_with_same_limit() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs\n\nAPI | QPS limit\nSubmitJobs | 100\nSubmitJobs | 100\n"
    );
    let read = read_page(&page, &options()).unwrap();
    assert_eq!(read.groups[0].operations.len(), 1);
    assert_eq!(read.notes[0].line, 7);
    assert!(
        read.notes[0]
            .message
            .contains("listed again with the same limit (first at line 6)")
    );
}

#[test]
fn headings_ending_with_a_colon() {
    let page = format!(
        "{DEFAULT_UNIT}Transcoding APIs:\n\nAPI | QPS limit\nSubmitJobs | 100\n\nSnapshot APIs：\nAPI | QPS limit\nSubmitSnapshotJob | 50\n"
    );
    let table = import(&page).unwrap();
    let groups: Vec<&str> = table
        .groups
        .iter()
        .map(|group| group.name.as_str())
        .collect();
    assert_eq!(groups, ["Transcoding APIs", "Snapshot APIs"]);
}
