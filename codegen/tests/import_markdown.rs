//! Markdown pages: pipe tables with or without outer pipes and alignment
//! rows, headings, and the formatting exporters put in cells.

use qps_limits_codegen::Table;
use qps_limits_codegen::import::{Format, ImportError, ImportOptions, import_page};

fn import(page: &str) -> Result<Table, ImportError> {
    let options = ImportOptions {
        service: Some("mps".to_owned()),
        title: Some("ApsaraVideo Media Processing".to_owned()),
        ..ImportOptions::new("page.md")
    };
    import_page(page, &options)
}

fn rows(table: &Table) -> Vec<String> {
    table
        .rows()
        .map(|(group, operation)| {
            format!("{} / {}: {}", group.name, operation.name, operation.limit)
        })
        .collect()
}

#[test]
fn tables_with_and_without_outer_pipes() {
    let page = "## Transcoding APIs\n\n| API | Per-account QPS limit |\n|---|---|\n| SubmitJobs | 100 |\n\n\
                ## Snapshot APIs\n\nAPI | Per-account QPS limit\n--- | ---\nSubmitSnapshotJob | 50\n";
    let table = import(page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Snapshot APIs / SubmitSnapshotJob: 50 per second"
        ]
    );
}

#[test]
fn alignment_rows_with_colons() {
    let page = "## Media bucket APIs\n\n| API | Per-account QPS limit |\n| :-- | --: |\n| ListAllMediaBucket | 10 |\n";
    assert_eq!(
        rows(&import(page).unwrap()),
        ["Media bucket APIs / ListAllMediaBucket: 10 per second"]
    );
}

#[test]
fn inline_formatting_links_and_entities() {
    let page = "## Transcoding APIs\n\n| API | QPS limit |\n|---|---|\n| **SubmitJobs** | `100` |\n\
                | [CancelJob](cancel-job.md) | 30&nbsp;per&nbsp;minute |\n| ListJob&nbsp; | 1&#44;000 per day |\n";
    let table = import(page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Transcoding APIs / SubmitJobs: 100 per second",
            "Transcoding APIs / CancelJob: 30 per minute",
            "Transcoding APIs / ListJob: 1000 per day",
        ]
    );
}

#[test]
fn line_breaks_and_lists_in_cells() {
    let page = "## Upload operations\n\n| API | QPS limit |\n|---|---|\n\
                | CreateUploadVideo | China (Shanghai): 120<br>Other regions: 60 |\n\
                | CreateUploadImage | <ul><li>华北2（北京）：100</li><li>其他地域：50</li></ul> |\n";
    let table = import(page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Upload operations / CreateUploadVideo: 60 per second, 120 in cn-shanghai",
            "Upload operations / CreateUploadImage: 50 per second, 100 in cn-beijing",
        ]
    );
}

#[test]
fn code_blocks_are_not_tables() {
    let page = "## Transcoding APIs\n\n| API | QPS limit |\n|---|---|\n| SubmitJobs | 100 |\n\n\
                ```\n| CancelJob | 999 |\n```\n";
    assert_eq!(
        rows(&import(page).unwrap()),
        ["Transcoding APIs / SubmitJobs: 100 per second"]
    );
}

#[test]
fn underlined_headings() {
    let page = "Transcoding APIs\n----------------\n\n| API | QPS limit |\n|---|---|\n| SubmitJobs | 100 |\n";
    assert_eq!(
        rows(&import(page).unwrap()),
        ["Transcoding APIs / SubmitJobs: 100 per second"]
    );
}

#[test]
fn escaped_pipes_stay_in_the_cell() {
    let page =
        "## Transcoding APIs\n\n| API | QPS limit |\n|---|---|\n| SubmitJobs | 100 \\| 200 |\n";
    let error = import(page).unwrap_err().to_string();
    assert!(
        error.starts_with("page.md:5: value cell \"100 | 200\" of SubmitJobs is not a limit"),
        "{error}"
    );
}

#[test]
fn format_is_told_from_the_alignment_row() {
    let page = "Transcoding APIs\n\n| API | QPS limit |\n|---|---|\n| SubmitJobs | 100 |\n";
    assert_eq!(Format::detect(page, "page"), Format::Markdown);
    assert_eq!(
        Format::detect(
            "Transcoding APIs\n\nAPI | QPS limit\nSubmitJobs | 100\n",
            "page"
        ),
        Format::Text
    );
    assert_eq!(
        Format::detect("<table><tr><td>x</td></tr></table>", "page"),
        Format::Html
    );
}
