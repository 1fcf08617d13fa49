//! Re-importing a page over an existing table with `merge`: the page's
//! counts win, and the hand-written parts of the table survive.

use qps_limits_codegen::diff::Change;
use qps_limits_codegen::import::{ImportOptions, merge, read_page};
use qps_limits_codegen::{Limit, Unit, parse_table, table_to_yaml};

const EXISTING: &str = "\
service: mps
title: ApsaraVideo Media Processing
source: https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits
updated: 2026-01-10
unit: second
pools:
  - name: TranscodePool
    count: 150
  - name: RetiredPool
    count: 10
groups:
  - name: Transcoding APIs
    limits:
      SubmitJobs:
        count: 100
        pool: TranscodePool
        note: Shared with CancelJob in practice.
      CancelJob:
        count: 100
        pool: TranscodePool
      ListJob:
        count: 100
        regions:
          cn-hangzhou: 200
          cn-shanghai: 150
      RetiredJob:
        count: 5
        pool: RetiredPool
";

/// The page has no title, date, address or default unit statement. It
/// raises SubmitJobs, lists ListJob's Shanghai count only, adds QueryJobList
/// and drops RetiredJob.
const PAGE: &str = "Transcoding APIs\n\nAPI | Per-account QPS limit\nSubmitJobs | 120\nCancelJob | 100\n\
                    ListJob | China (Shanghai): 300; Other regions: 100\nQueryJobList | 50\n";

fn merged() -> (
    qps_limits_codegen::Table,
    qps_limits_codegen::import::MergeReport,
) {
    let existing = parse_table(EXISTING, "limits.yaml").unwrap();
    let options = ImportOptions::new("page.txt");
    let page = read_page(PAGE, &options).unwrap();
    merge(&existing, &page, &options).unwrap()
}

#[test]
fn unstated_table_fields_are_kept() {
    let (table, report) = merged();
    assert_eq!(table.service, "mps");
    assert_eq!(table.title, "ApsaraVideo Media Processing");
    assert_eq!(
        table.source.as_deref(),
        Some("https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits")
    );
    assert_eq!(table.updated.as_deref(), Some("2026-01-10"));
    assert_eq!(table.unit, Unit::Second);
    for field in ["`service`", "`title`", "`source`", "`updated`", "`unit`"] {
        assert!(
            report.kept.iter().any(|kept| kept == field),
            "{field} missing from {:?}",
            report.kept
        );
    }
}

#[test]
fn page_counts_win_and_notes_and_pools_stay() {
    let (table, report) = merged();
    let submit = table.operation("SubmitJobs").unwrap();
    assert_eq!(submit.limit.windows[0].count, 120);
    assert_eq!(submit.limit.pool.as_deref(), Some("TranscodePool"));
    assert_eq!(
        submit.note.as_deref(),
        Some("Shared with CancelJob in practice.")
    );
    assert!(report.kept.contains(&"the note of SubmitJobs".to_owned()));
    assert!(
        report
            .kept
            .contains(&"SubmitJobs in pool TranscodePool".to_owned())
    );
}

#[test]
fn regions_the_page_does_not_list_are_kept() {
    let (table, report) = merged();
    let list = &table.operation("ListJob").unwrap().limit;
    let regions: Vec<(&str, u32)> = list
        .regions
        .iter()
        .map(|entry| (entry.region.as_str(), entry.count))
        .collect();
    assert_eq!(regions, [("cn-shanghai", 300), ("cn-hangzhou", 200)]);
    assert!(
        report
            .kept
            .contains(&"the count of ListJob in cn-hangzhou".to_owned())
    );
}

#[test]
fn pools_without_members_are_dropped() {
    let (table, report) = merged();
    let pools: Vec<&str> = table.pools.iter().map(|pool| pool.name.as_str()).collect();
    assert_eq!(pools, ["TranscodePool"]);
    assert_eq!(
        report.dropped,
        ["pool RetiredPool, because none of its operations is on the page"]
    );
}

#[test]
fn report_lists_the_changes() {
    let (_, report) = merged();
    let changes = &report.diff.changes;
    assert!(changes.contains(&Change::Changed {
        operation: "SubmitJobs".to_owned(),
        old: Limit {
            pool: Some("TranscodePool".to_owned()),
            ..Limit::new(100, Unit::Second)
        },
        new: Limit {
            pool: Some("TranscodePool".to_owned()),
            ..Limit::new(120, Unit::Second)
        },
    }));
    assert!(changes.iter().any(
        |change| matches!(change, Change::Added { operation, .. } if operation == "QueryJobList")
    ));
    assert!(changes.iter().any(
        |change| matches!(change, Change::Removed { operation, .. } if operation == "RetiredJob")
    ));
    let text = report.to_string();
    assert!(text.contains("changed  SubmitJobs: 100 per second, pool TranscodePool -> 120 per second, pool TranscodePool"), "{text}");
}

#[test]
fn merged_table_is_valid_yaml() {
    let (table, _) = merged();
    assert_eq!(
        parse_table(&table_to_yaml(&table), "limits.yaml").unwrap(),
        table
    );
}

#[test]
fn page_title_and_date_win_when_stated() {
    let existing = parse_table(EXISTING, "limits.yaml").unwrap();
    let page = format!("Media Processing:QPS limits\n\nLast Updated:Mar 25, 2026\n\n{PAGE}");
    let options = ImportOptions::new("page.txt");
    let read = read_page(&page, &options).unwrap();
    let (table, _) = merge(&existing, &read, &options).unwrap();
    assert_eq!(table.title, "Media Processing");
    assert_eq!(table.updated.as_deref(), Some("2026-03-25"));
}
