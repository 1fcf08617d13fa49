//! What a page states about itself (title, date, default unit, address)
//! and what the options add: service, title and source.

use qps_limits_codegen::Unit;
use qps_limits_codegen::import::{ImportError, ImportOptions, import_page, read_page};

const TABLE: &str = "Transcoding APIs\n\nAPI | Per-account QPS limit\nSubmitJobs | 100\n";

fn with_service() -> ImportOptions {
    ImportOptions {
        service: Some("mps".to_owned()),
        ..ImportOptions::new("page.txt")
    }
}

#[test]
fn title_and_date_from_an_english_page() {
    let page =
        format!("ApsaraVideo Media Processing:QPS limits\n\nLast Updated:Mar 25, 2026\n\n{TABLE}");
    let table = import_page(&page, &with_service()).unwrap();
    assert_eq!(table.title, "ApsaraVideo Media Processing");
    assert_eq!(table.updated.as_deref(), Some("2026-03-25"));
}

#[test]
fn known_address_of_the_english_mps_page() {
    let page =
        format!("ApsaraVideo Media Processing:QPS limits\n\nLast Updated:Mar 25, 2026\n\n{TABLE}");
    let table = import_page(&page, &with_service()).unwrap();
    assert_eq!(
        table.source.as_deref(),
        Some("https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits")
    );

    let chinese = format!("媒体处理:QPS限制\n\n更新时间:2026-03-25\n\n{TABLE}");
    assert_eq!(import_page(&chinese, &with_service()).unwrap().source, None);
}

#[test]
fn options_replace_what_the_page_states() {
    let page = format!("ApsaraVideo Media Processing:QPS limits\n\n{TABLE}");
    let options = ImportOptions {
        title: Some("MPS".to_owned()),
        source: Some("http://127.0.0.1/docs/qps-limits".to_owned()),
        ..with_service()
    };
    let table = import_page(&page, &options).unwrap();
    assert_eq!(table.title, "MPS");
    assert_eq!(
        table.source.as_deref(),
        Some("http://127.0.0.1/docs/qps-limits")
    );
}

#[test]
fn fetched_address_is_the_source() {
    let page = format!("ApsaraVideo Media Processing:QPS limits\n\n{TABLE}");
    let options = ImportOptions {
        fetched_from: Some("http://127.0.0.1:8080/qps".to_owned()),
        ..with_service()
    };
    assert_eq!(
        import_page(&page, &options).unwrap().source.as_deref(),
        Some("http://127.0.0.1:8080/qps")
    );
}

#[test]
fn stated_default_unit() {
    let cases = [
        (
            "The default unit for QPS limits is requests per second.",
            Some(Unit::Second),
        ),
        (
            "The default unit is calls per minute; other units are stated in the cell.",
            Some(Unit::Minute),
        ),
        (
            "默认单位为次/秒,其他单位会在单元格中注明。",
            Some(Unit::Second),
        ),
        (
            "Calls are counted per account, per second or per minute.",
            None,
        ),
    ];
    for (sentence, unit) in cases {
        let page = format!("{sentence}\n\n{TABLE}");
        assert_eq!(
            read_page(&page, &with_service()).unwrap().unit,
            unit,
            "{sentence}"
        );
    }
}

#[test]
fn table_unit_is_the_stated_default() {
    let page = format!("The default unit is calls per minute.\n\n{TABLE}");
    let table = import_page(
        &page,
        &ImportOptions {
            title: Some("MPS".to_owned()),
            ..with_service()
        },
    )
    .unwrap();
    assert_eq!(table.unit, Unit::Minute);
    assert_eq!(
        table.operation("SubmitJobs").unwrap().limit.to_string(),
        "100 per minute"
    );
}

#[test]
fn missing_service_is_an_error() {
    let page = format!("ApsaraVideo Media Processing:QPS limits\n\n{TABLE}");
    let error = import_page(&page, &ImportOptions::new("page.txt")).unwrap_err();
    assert!(matches!(error, ImportError::Missing { .. }));
    assert_eq!(
        error.to_string(),
        "page.txt: the service id is not known; pass --service, such as --service mps"
    );
}

#[test]
fn invalid_service_is_an_error() {
    let page = format!("ApsaraVideo Media Processing:QPS limits\n\n{TABLE}");
    let options = ImportOptions {
        service: Some("MPS".to_owned()),
        ..ImportOptions::new("page.txt")
    };
    let error = import_page(&page, &options).unwrap_err().to_string();
    assert!(
        error.starts_with("page.txt: service `MPS` is not a lowercase identifier;"),
        "{error}"
    );
}

#[test]
fn missing_title_is_an_error() {
    let error = import_page(TABLE, &with_service()).unwrap_err().to_string();
    assert_eq!(
        error,
        "page.txt: the page does not name the service; pass --title, such as --title \"ApsaraVideo Media Processing\""
    );
}
