//! Comparing tables, as `qps-limits check` does: operations added,
//! removed, changed or moved, and groups renamed or moved.

use qps_limits_codegen::diff::{Change, diff_tables};
use qps_limits_codegen::import::{ImportOptions, merge, read_page};
use qps_limits_codegen::{Limit, Table, Unit, parse_table};

const OLD: &str = "\
service: mps
title: MPS
groups:
  - name: Transcoding APIs
    limits:
      SubmitJobs: 100
      CancelJob: 100
      ListJob: 100
  - name: Snapshot APIs
    limits:
      SubmitSnapshotJob: 50
  - name: Media asset APIs
    limits:
      AddMedia: 100
      DeleteMedia: 100
";

fn table(text: &str) -> Table {
    parse_table(text, "limits.yaml").unwrap()
}

#[test]
fn identical_tables_have_no_differences() {
    assert!(diff_tables(&table(OLD), &table(OLD)).is_empty());
}

#[test]
fn changed_limit() {
    let new = table(&OLD.replace("SubmitJobs: 100", "SubmitJobs: { count: 30, unit: minute }"));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.changes,
        [Change::Changed {
            operation: "SubmitJobs".to_owned(),
            old: Limit::new(100, Unit::Second),
            new: Limit::new(30, Unit::Minute),
        }]
    );
    assert_eq!(
        diff.to_string(),
        "changed  SubmitJobs: 100 per second -> 30 per minute\n"
    );
}

#[test]
fn removed_operation() {
    let new = table(&OLD.replace("      ListJob: 100\n", ""));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.to_string(),
        "removed  ListJob: 100 per second (group \"Transcoding APIs\")\n"
    );
}

#[test]
fn added_operation() {
    let new = table(&OLD.replace(
        "      ListJob: 100\n",
        "      ListJob: 100\n      QueryJobList: 20\n",
    ));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.to_string(),
        "added    QueryJobList: 20 per second (group \"Transcoding APIs\")\n"
    );
}

#[test]
fn operation_moved_to_another_group() {
    let new = table(&OLD.replace("      ListJob: 100\n", "").replace(
        "      SubmitSnapshotJob: 50\n",
        "      SubmitSnapshotJob: 50\n      ListJob: 100\n",
    ));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.to_string(),
        "moved    ListJob: group \"Transcoding APIs\" -> \"Snapshot APIs\"\n"
    );
}

#[test]
fn group_renamed() {
    let new = table(&OLD.replace("Media asset APIs", "Media library APIs"));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.to_string(),
        "renamed  group \"Media asset APIs\" -> \"Media library APIs\"\n"
    );
}

#[test]
fn group_moved() {
    let snapshot = "  - name: Snapshot APIs\n    limits:\n      SubmitSnapshotJob: 50\n";
    let new = table(&format!("{}{snapshot}", OLD.replace(snapshot, "")));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.to_string(),
        "moved    group \"Media asset APIs\": position 3 -> 2\nmoved    group \"Snapshot APIs\": position 2 -> 3\n"
    );
}

#[test]
fn operations_reordered() {
    let new = table(&OLD.replace(
        "      SubmitJobs: 100\n      CancelJob: 100\n",
        "      CancelJob: 100\n      SubmitJobs: 100\n",
    ));
    let diff = diff_tables(&table(OLD), &new);
    assert_eq!(
        diff.to_string(),
        "reordered operations of group \"Transcoding APIs\"\n"
    );
}

#[test]
fn page_against_table_as_check_compares_them() {
    let page = "Transcoding APIs\n\nAPI | QPS limit\nSubmitJobs | 120\nCancelJob | 100\nListJob | 100\nQueryJobList | 5\n\n\
                Snapshot APIs\n\nAPI | QPS limit\nSubmitSnapshotJob | 50\n\nMedia asset APIs\n\nAPI | QPS limit\nAddMedia | 100\n";
    let existing = table(OLD);
    let options = ImportOptions::new("page.txt");
    let (_, report) = merge(&existing, &read_page(page, &options).unwrap(), &options).unwrap();
    assert_eq!(
        report.diff.to_string(),
        "changed  SubmitJobs: 100 per second -> 120 per second\n\
         added    QueryJobList: 5 per second (group \"Transcoding APIs\")\n\
         removed  DeleteMedia: 100 per second (group \"Media asset APIs\")\n"
    );
}
