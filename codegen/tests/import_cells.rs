//! Value cells: counts, units, regional counts, two limits in one cell, no
//! limit, and the values that are rejected.

use qps_limits_codegen::import::{ImportError, ImportOptions, import_page};
use qps_limits_codegen::{Limit, RegionCount, Unit, Window};

/// Imports a page whose only row gives `cell` as the limit of SubmitJobs.
/// `header` is the limit column's header; `preamble` comes before the table.
fn import_cell(preamble: &str, header: &str, cell: &str) -> Result<Limit, ImportError> {
    let page = format!("{preamble}\n\nTranscoding APIs\n\nAPI | {header}\nSubmitJobs | {cell}\n");
    let options = ImportOptions {
        service: Some("mps".to_owned()),
        title: Some("ApsaraVideo Media Processing".to_owned()),
        ..ImportOptions::new("page.txt")
    };
    import_page(&page, &options).map(|table| table.operation("SubmitJobs").unwrap().limit.clone())
}

fn cell(text: &str) -> Limit {
    import_cell(
        "The default unit is requests per second.",
        "Per-account QPS limit",
        text,
    )
    .unwrap()
}

fn window(count: u32, unit: Unit) -> Window {
    Window { count, unit }
}

#[test]
fn bare_count_takes_page_default_unit() {
    let limit = import_cell(
        "The default unit is requests per minute.",
        "Per-account limit",
        "100",
    )
    .unwrap();
    assert_eq!(limit, Limit::new(100, Unit::Minute));
}

#[test]
fn bare_count_takes_header_unit() {
    let header = "Per-account limit (unit: times per minute)";
    assert_eq!(
        import_cell("", header, "600").unwrap(),
        Limit::new(600, Unit::Minute)
    );
    let header = "单用户QPS限制(单位:次/秒)";
    assert_eq!(
        import_cell("", header, "20").unwrap(),
        Limit::new(20, Unit::Second)
    );
}

#[test]
fn qps_header_means_per_second() {
    assert_eq!(
        import_cell("", "Per-account QPS limit", "100").unwrap(),
        Limit::new(100, Unit::Second)
    );
}

#[test]
fn count_without_any_unit_is_rejected() {
    let error = import_cell("", "Per-account limit", "100").unwrap_err();
    assert_eq!(
        error.to_string(),
        "page.txt:6: value cell \"100\" of SubmitJobs names no unit, and neither its column header nor the page \
         states one; add the unit to the column header, such as \"(calls/second)\", or transcribe this operation \
         into limits.yaml by hand"
    );
}

#[test]
fn cell_unit_wins_over_header_and_page() {
    let limit = import_cell(
        "The default unit is requests per second.",
        "Limit (calls/hour)",
        "30 per minute",
    )
    .unwrap();
    assert_eq!(limit, Limit::new(30, Unit::Minute));
}

#[test]
fn english_units() {
    assert_eq!(cell("30 per minute"), Limit::new(30, Unit::Minute));
    assert_eq!(cell("50 requests/second"), Limit::new(50, Unit::Second));
    assert_eq!(cell("1,000 calls per hour"), Limit::new(1000, Unit::Hour));
    assert_eq!(cell("100 QPS"), Limit::new(100, Unit::Second));
}

#[test]
fn chinese_units() {
    assert_eq!(cell("1000次/分钟"), Limit::new(1000, Unit::Minute));
    assert_eq!(cell("10次/秒"), Limit::new(10, Unit::Second));
    assert_eq!(cell("5次/小时"), Limit::new(5, Unit::Hour));
    assert_eq!(cell("200000次/天"), Limit::new(200_000, Unit::Day));
}

#[test]
fn thousands_separators() {
    assert_eq!(cell("200,000 per day"), Limit::new(200_000, Unit::Day));
    assert_eq!(cell("200.000 per day"), Limit::new(200_000, Unit::Day));
    assert_eq!(cell("20万次/天"), Limit::new(200_000, Unit::Day));
}

#[test]
fn two_limits_in_one_cell() {
    let expected = Limit {
        windows: vec![window(20, Unit::Second), window(200_000, Unit::Day)],
        ..Limit::default()
    };
    assert_eq!(cell("20 per second and 200,000 per day"), expected);
    assert_eq!(cell("20次/秒，200000次/天"), expected);
    assert_eq!(cell("20 per second, 200,000 per day"), expected);
}

#[test]
fn regional_counts_in_english() {
    let limit = cell("China (Shanghai) and China (Beijing): 120; Other regions: 60");
    let regions = vec![
        RegionCount {
            region: "cn-shanghai".to_owned(),
            count: 120,
        },
        RegionCount {
            region: "cn-beijing".to_owned(),
            count: 120,
        },
    ];
    assert_eq!(
        limit,
        Limit {
            windows: vec![window(60, Unit::Second)],
            regions,
            pool: None
        }
    );
}

#[test]
fn regional_counts_in_chinese() {
    let limit = cell("华东1（杭州）、新加坡：80；其他地域：20");
    let ids: Vec<&str> = limit
        .regions
        .iter()
        .map(|entry| entry.region.as_str())
        .collect();
    assert_eq!(ids, ["cn-hangzhou", "ap-southeast-1"]);
    assert_eq!(limit.windows, [window(20, Unit::Second)]);
}

#[test]
fn no_limit_phrases() {
    for text in [
        "No limit",
        "Unlimited",
        "Not limited",
        "无",
        "不限",
        "无限制",
    ] {
        assert!(cell(text).is_unlimited(), "{text}");
    }
}

#[test]
fn loose_values_are_rejected() {
    for text in [
        "about 100",
        "~100",
        "100+",
        "up to 100",
        "-",
        "N/A",
        "100 per 10 seconds",
        "TBD",
    ] {
        let error = import_cell("", "QPS limit", text).unwrap_err().to_string();
        let expected = format!("page.txt:6: value cell \"{text}\" of SubmitJobs is not a limit; ");
        assert!(error.starts_with(&expected), "{error}");
    }
}

#[test]
fn impossible_counts_are_rejected() {
    let cases = [
        ("0", "has the count \"0\", which admits no call"),
        ("1.5", "has the count \"1.5\", which is not a whole number"),
        (
            "5000000000",
            "has the count \"5000000000\", which is larger than 4294967295",
        ),
        (
            "10 per second and 20 per second",
            "gives two limits per second",
        ),
    ];
    for (text, reason) in cases {
        let error = import_cell("", "QPS limit", text).unwrap_err().to_string();
        let expected = format!("page.txt:6: value cell \"{text}\" of SubmitJobs {reason}; ");
        assert!(error.starts_with(&expected), "{error}");
    }
}

#[test]
fn regional_counts_need_the_other_regions() {
    let error = import_cell("", "QPS limit", "China (Shanghai): 120")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("gives counts for named regions but none for the other regions"),
        "{error}"
    );
}

#[test]
fn unknown_regions_are_rejected() {
    let error = import_cell("", "QPS limit", "Mars (Olympus): 120; Other regions: 60")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("names the region \"Mars (Olympus)\", which is not an Alibaba Cloud region"),
        "{error}"
    );
}
