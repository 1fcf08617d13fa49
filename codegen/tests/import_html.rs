//! HTML pages: tables with nested tags, entities and lists in cells,
//! headings and captions, and the navigation, footers and scripts skipped.

use qps_limits_codegen::Table;
use qps_limits_codegen::import::{ImportError, ImportOptions, import_page};

fn import(page: &str) -> Result<Table, ImportError> {
    let options = ImportOptions {
        service: Some("vod".to_owned()),
        ..ImportOptions::new("page.html")
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

fn document(body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><title>QPS limits - ApsaraVideo VOD</title></head>\n<body>\n\
         <p>The default unit is calls per second.</p>\n{body}\n</body></html>\n"
    )
}

#[test]
fn nested_tags_and_entities_in_cells() {
    let page = document(
        "<h2>Upload <em>operations</em></h2>\n<table>\n<tr><th>API</th><th>QPS limit</th></tr>\n\
         <tr><td><p><code>CreateUploadVideo</code></p></td><td><span><b>120</b></span></td></tr>\n\
         <tr><td>GetUploadDetails&nbsp;</td><td>1&#44;000&nbsp;per&nbsp;day</td></tr>\n\
         <tr><td><a href=\"#x\">RefreshUploadVideo</a></td><td>&#26080;</td></tr>\n</table>",
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Upload operations / CreateUploadVideo: 120 per second",
            "Upload operations / GetUploadDetails: 1000 per day",
            "Upload operations / RefreshUploadVideo: not limited",
        ]
    );
}

#[test]
fn lists_and_line_breaks_in_cells() {
    let page = document(
        "<h2>Upload operations</h2>\n<table>\n<tr><th>API</th><th>QPS limit</th></tr>\n\
         <tr><td>CreateUploadVideo</td><td><ul>\n  <li>China (Shanghai) and\n  China (Beijing): 120</li>\n\
         <li>Other regions: 60</li></ul></td></tr>\n\
         <tr><td>UploadMediaByURL</td><td>20 per second<br>200,000 per day</td></tr>\n</table>",
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Upload operations / CreateUploadVideo: 60 per second, 120 in cn-shanghai, 120 in cn-beijing",
            "Upload operations / UploadMediaByURL: 20 per second, 200000 per day",
        ]
    );
}

#[test]
fn navigation_footer_and_scripts_are_skipped() {
    let page = document(
        "<nav><table><tr><td>API</td><td>QPS limit</td></tr><tr><td>NavOperation</td><td>1</td></tr></table></nav>\n\
         <script>document.write('<table><tr><td>API</td><td>QPS</td></tr><tr><td>ScriptOperation</td><td>2</td></tr></table>');</script>\n\
         <style>table { border: 0 }</style>\n\
         <h2>Playback operations</h2>\n<table><tr><td>API</td><td>QPS limit</td></tr><tr><td>GetPlayInfo</td><td>360</td></tr></table>\n\
         <footer><table><tr><td>API</td><td>QPS limit</td></tr><tr><td>FooterOperation</td><td>3</td></tr></table></footer>",
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        ["Playback operations / GetPlayInfo: 360 per second"]
    );
}

#[test]
fn caption_names_the_group() {
    let page = document(
        "<table><caption>Playback operations</caption><tr><th>API</th><th>QPS limit</th></tr>\
         <tr><td>GetPlayInfo</td><td>360</td></tr></table>",
    );
    assert_eq!(
        rows(&import(&page).unwrap()),
        ["Playback operations / GetPlayInfo: 360 per second"]
    );
}

#[test]
fn cells_closed_implicitly() {
    let page = document(
        "<h2>Playback operations</h2>\n<table>\n<tr><th>API<th>QPS limit\n<tr><td>GetPlayInfo<td>360\n\
         <tr><td>GetVideoPlayAuth<td>100\n</table>",
    );
    let table = import(&page).unwrap();
    assert_eq!(
        rows(&table),
        [
            "Playback operations / GetPlayInfo: 360 per second",
            "Playback operations / GetVideoPlayAuth: 100 per second"
        ]
    );
}

#[test]
fn title_and_address_come_from_the_head() {
    let page = "<html><head><title>QPS limits - ApsaraVideo VOD - Alibaba Cloud Documentation Center</title>\n\
                <link rel=\"canonical\" href=\"https://www.alibabacloud.com/help/en/vod/developer-reference/qps-limits\">\
                </head><body><p>Last Updated: Sep 14, 2026</p><h2>Playback operations</h2>\
                <table><tr><td>API</td><td>QPS limit</td></tr><tr><td>GetPlayInfo</td><td>360</td></tr></table></body></html>";
    let table = import(page).unwrap();
    assert_eq!(table.title, "ApsaraVideo VOD");
    assert_eq!(
        table.source.as_deref(),
        Some("https://www.alibabacloud.com/help/en/vod/developer-reference/qps-limits")
    );
    assert_eq!(table.updated.as_deref(), Some("2026-09-14"));
}

#[test]
fn errors_name_the_line_of_the_cell() {
    let page = "<html><body><h2>Playback operations</h2>\n<table>\n<tr><td>API</td><td>QPS limit</td></tr>\n\
                <tr><td>GetPlayInfo</td>\n<td>about 360</td></tr>\n</table></body></html>";
    let error = import(page).unwrap_err().to_string();
    assert!(
        error.starts_with("page.html:5: value cell \"about 360\" of GetPlayInfo is not a limit"),
        "{error}"
    );
}
