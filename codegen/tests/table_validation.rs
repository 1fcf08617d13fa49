//! Validation of limits.yaml: every rule reports the file, line and column,
//! what is wrong and how to fix it.

use qps_limits_codegen::{Unit, parse_table};

/// Returns the error text for `body` placed under a valid table header.
fn errors_in(body: &str) -> String {
    let text = format!("service: mps\ntitle: MPS\n{body}");
    match parse_table(&text, "limits.yaml") {
        Ok(table) => panic!("the table was accepted: {table:?}"),
        Err(error) => error.to_string(),
    }
}

fn group(limits: &str) -> String {
    format!("groups:\n  - name: Transcoding APIs\n    limits:\n{limits}")
}

#[test]
fn zero_count_is_located() {
    let message = errors_in(&group("      SubmitJobs: 0\n"));
    assert_eq!(
        message,
        "limits.yaml:6:19: the limit of `SubmitJobs` is 0; a limit must admit at least 1 call; \
         write the documented count, or `unlimited` when the page lists no limit"
    );
}

#[test]
fn negative_count_is_rejected() {
    let message = errors_in(&group("      SubmitJobs: -5\n"));
    assert!(
        message.starts_with("limits.yaml:6:19: the limit of `SubmitJobs` is negative (-5)"),
        "{message}"
    );
}

#[test]
fn fractional_count_is_rejected() {
    let message = errors_in(&group("      SubmitJobs: 2.5\n"));
    assert!(
        message
            .starts_with("limits.yaml:6:19: the limit of `SubmitJobs` 2.5 is not a whole number"),
        "{message}"
    );
    assert!(message.contains("30 per minute"), "{message}");
}

#[test]
fn count_as_text_is_rejected() {
    let message = errors_in(&group("      SubmitJobs: about 100\n"));
    assert!(
        message.starts_with("limits.yaml:6:19: the limit of `SubmitJobs` is `about 100`"),
        "{message}"
    );
}

#[test]
fn misspelt_unit_names_closest() {
    let message = errors_in(&group("      SubmitJobs: { count: 30, unit: minutes }\n"));
    assert_eq!(
        message,
        "limits.yaml:6:38: unknown unit `minutes`; the closest unit is `minute`"
    );
}

#[test]
fn table_unit_is_checked() {
    let message = errors_in(&format!(
        "unit: fortnight\n{}",
        group("      SubmitJobs: 1\n")
    ));
    assert_eq!(
        message,
        "limits.yaml:3:7: unknown unit `fortnight`; use one of second, minute, hour, day"
    );
}

#[test]
fn duplicate_operation_names_both_places() {
    let body = "groups:\n  - name: A\n    limits:\n      SubmitJobs: 100\n  - name: B\n    limits:\n      CancelJob: 100\n      SubmitJobs: 50\n";
    let message = errors_in(body);
    assert_eq!(
        message,
        "limits.yaml:10:7: operation `SubmitJobs` is listed twice (first at 6:7); remove one"
    );
}

#[test]
fn duplicate_in_one_group_is_reported() {
    let message = errors_in(&group("      SubmitJobs: 100\n      SubmitJobs: 100\n"));
    assert_eq!(
        message,
        "limits.yaml:7:7: operation `SubmitJobs` is listed twice (first at 6:7); remove one"
    );
}

#[test]
fn non_pascal_case_name_suggests_spelling() {
    let message = errors_in(&group("      submit_jobs: 100\n"));
    assert_eq!(
        message,
        "limits.yaml:6:7: operation name `submit_jobs` is not a PascalCase identifier; write it as `SubmitJobs`"
    );
}

#[test]
fn name_with_spaces_is_rejected() {
    let message = errors_in(&group("      Submit Jobs: 100\n"));
    assert!(
        message.starts_with(
            "limits.yaml:6:7: operation name `Submit Jobs` is not a PascalCase identifier"
        ),
        "{message}"
    );
}

#[test]
fn case_collision_is_rejected() {
    let message = errors_in(&group(
        "      QueryMediaListByURL: 100\n      QueryMediaListByUrl: 100\n",
    ));
    assert_eq!(
        message,
        "limits.yaml:7:7: operation `QueryMediaListByUrl` and `QueryMediaListByURL` (at 6:7) both become \
         the constant `QUERY_MEDIA_LIST_BY_URL`; rename one so the names differ in more than case"
    );
}

#[test]
fn unknown_field_names_closest() {
    let message = errors_in("grups: []\n");
    assert!(
        message.contains(
            "limits.yaml:3:1: unknown field `grups` in the table; the closest field is `groups`"
        ),
        "{message}"
    );
}

#[test]
fn unknown_limit_field_is_rejected() {
    let message = errors_in(&group("      SubmitJobs: { count: 30, per: minute }\n"));
    assert!(
        message.starts_with("limits.yaml:6:32: unknown field `per` in the limit of `SubmitJobs`"),
        "{message}"
    );
}

#[test]
fn empty_file_is_rejected() {
    let error = parse_table("  \n", "limits.yaml").unwrap_err();
    assert_eq!(
        error.to_string(),
        "limits.yaml: the table is empty; write a table with `service`, `title` and at least one group of operations"
    );
}

#[test]
fn table_without_groups_is_rejected() {
    let message = errors_in("groups: []\n");
    assert_eq!(
        message,
        "limits.yaml:3:9: the table has no groups; add at least one group of operations"
    );
}

#[test]
fn empty_group_is_rejected() {
    let message = errors_in("groups:\n  - name: Empty APIs\n    limits: {}\n");
    assert_eq!(
        message,
        "limits.yaml:5:13: group `Empty APIs` has no operations; add operations under `limits:` or remove the group"
    );
}

#[test]
fn missing_service_is_rejected() {
    let error = parse_table(
        "title: MPS\ngroups:\n  - name: A\n    limits:\n      SubmitJobs: 1\n",
        "t.yaml",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "t.yaml:1:1: the table has no `service` field; add `service:`"
    );
}

#[test]
fn unsupported_schema_says_what_is_read() {
    let message = errors_in(&format!("schema: 2\n{}", group("      SubmitJobs: 1\n")));
    assert_eq!(
        message,
        "limits.yaml:3:9: unsupported schema version `2`; this build reads schema 1; \
         write one of those or upgrade qps-limits-codegen"
    );
}

#[test]
fn errors_are_collected_in_order() {
    let message = errors_in(&group(
        "      SubmitJobs: 0\n      cancel_job: 100\n      ListJob: { count: 1, unit: week }\n",
    ));
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "{message}");
    assert!(lines[0].starts_with("limits.yaml:6:19:"), "{message}");
    assert!(lines[1].starts_with("limits.yaml:7:7:"), "{message}");
    assert!(lines[2].starts_with("limits.yaml:8:34:"), "{message}");
}

#[test]
fn yaml_syntax_error_is_located() {
    let error = parse_table("service: mps\ntitle: [unclosed\n", "limits.yaml").unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("limits.yaml:3:1: invalid YAML:"),
        "{message}"
    );
}

#[test]
fn unknown_pool_names_closest() {
    let body = "pools:\n  - name: MediaWrites\n    count: 100\ngroups:\n  - name: A\n    limits:\n      AddMedia: { pool: MediaWrite }\n      UpdateMedia: { pool: MediaWrites }\n";
    let message = errors_in(body);
    assert_eq!(
        message,
        "limits.yaml:9:25: unknown pool `MediaWrite`; the closest pool is `MediaWrites`"
    );
}

#[test]
fn unused_pool_is_rejected() {
    let body = format!(
        "pools:\n  - name: Spare\n    count: 10\n{}",
        group("      SubmitJobs: 1\n")
    );
    let message = errors_in(&body);
    assert!(
        message.starts_with("limits.yaml:4:5: pool `Spare` has no member operations"),
        "{message}"
    );
}

#[test]
fn two_windows_with_one_unit_are_rejected() {
    let limits = "      SubmitJobs:\n        count: 20\n        windows:\n          - { count: 100, unit: second }\n";
    let message = errors_in(&group(limits));
    assert_eq!(
        message,
        "limits.yaml:9:13: `SubmitJobs` has two limits per second (first at 7:9); keep the one the page states"
    );
}

#[test]
fn unlimited_with_windows_is_rejected() {
    let limits =
        "      SubmitJobs:\n        count: unlimited\n        windows: [{ count: 1, unit: day }]\n";
    let message = errors_in(&group(limits));
    assert!(
        message.starts_with("limits.yaml:7:9: `SubmitJobs` is `unlimited` but also sets `windows`"),
        "{message}"
    );
}

#[test]
fn invalid_region_is_rejected() {
    let limits =
        "      SubmitJobs:\n        count: 60\n        regions:\n          Shanghai: 120\n";
    let message = errors_in(&group(limits));
    assert!(
        message.starts_with("limits.yaml:9:11: `Shanghai` is not a region id"),
        "{message}"
    );
}

#[test]
fn every_feature_is_read() {
    let text = "\
schema: 1
service: vod
title: ApsaraVideo VOD
unit: second
pools:
  - name: Uploads
    count: 100
    windows:
      - { count: 5000, unit: hour }
groups:
  - name: Upload APIs
    limits:
      CreateUploadVideo:
        count: 60
        regions:
          cn-shanghai: 120
          cn-beijing: 120
      UploadMediaByURL:
        count: 20
        windows:
          - { count: 200000, unit: day }
        pool: Uploads
      RefreshUploadVideo: { pool: Uploads }
      GetUploadDetails: { count: 30, unit: minute }
      DescribePlayTopVideos: unlimited
      ListLiveRecordVideo: { count: unlimited, note: Listed without a limit. }
";
    let table = parse_table(text, "vod.yaml").unwrap();
    let upload = &table.operation("UploadMediaByURL").unwrap().limit;
    assert_eq!(upload.windows.len(), 2);
    assert_eq!(upload.windows[1].count, 200_000);
    assert_eq!(upload.windows[1].unit, Unit::Day);
    assert_eq!(upload.pool.as_deref(), Some("Uploads"));
    let create = &table.operation("CreateUploadVideo").unwrap().limit;
    assert_eq!(create.count_in("cn-shanghai"), Some(120));
    assert_eq!(create.count_in("ap-southeast-1"), Some(60));
    assert_eq!(
        table.operation("GetUploadDetails").unwrap().limit.windows[0].unit,
        Unit::Minute
    );
    assert!(
        table
            .operation("DescribePlayTopVideos")
            .unwrap()
            .limit
            .is_unlimited()
    );
    let listed = table.operation("ListLiveRecordVideo").unwrap();
    assert!(listed.limit.is_unlimited());
    assert_eq!(listed.note.as_deref(), Some("Listed without a limit."));
    assert_eq!(table.pool("Uploads").unwrap().limit.windows.len(), 2);
    assert!(
        table
            .operation("RefreshUploadVideo")
            .unwrap()
            .limit
            .windows
            .is_empty()
    );
}

#[test]
fn written_table_reads_back_equal() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../limits.yaml")).unwrap();
    let table = parse_table(&text, "limits.yaml").unwrap();
    let written = qps_limits_codegen::table_to_yaml(&table);
    assert_eq!(
        written, text,
        "limits.yaml is not in the layout table_to_yaml writes"
    );
    assert_eq!(parse_table(&written, "limits.yaml").unwrap(), table);
}
