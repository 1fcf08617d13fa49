//! The generated `mps` module: the operation enum in table order, its const
//! accessors and constants, parsing and printing by name, and serde.

use qps_limits::mps::{self, Operation};
use qps_limits::{Limit, Unit};

/// Evaluated when this test compiles: the accessors are `const`.
const SUBMIT_JOBS_LIMIT: Limit = Operation::SubmitJobs.limit();
const SUBMIT_JOBS_NAME: &str = Operation::SubmitJobs.name();

#[test]
fn operations_follow_table_order() {
    assert_eq!(Operation::COUNT, 52);
    assert_eq!(Operation::ALL.len(), Operation::COUNT);
    assert_eq!(Operation::ALL[0], Operation::SubmitMediaInfoJob);
    assert_eq!(Operation::ALL[51], Operation::QueryMediaCensorJobDetail);
    for (index, operation) in Operation::ALL.iter().enumerate() {
        assert_eq!(operation.index(), index, "{operation}");
        assert_eq!(mps::TABLE.operations()[index].name(), operation.name());
    }
}

#[test]
fn accessors_describe_row() {
    assert_eq!(SUBMIT_JOBS_NAME, "SubmitJobs");
    assert_eq!(Operation::SubmitJobs.group(), "Transcoding APIs");
    assert_eq!(SUBMIT_JOBS_LIMIT, mps::SUBMIT_JOBS);
    let window = mps::SUBMIT_JOBS.windows()[0];
    assert_eq!(window.count(), 100);
    assert_eq!(window.unit(), Unit::Second);
    assert_eq!(mps::LIST_ALL_MEDIA_BUCKET.windows()[0].count(), 10);
    assert_eq!(Operation::ListAllMediaBucket.group(), "Media bucket APIs");
}

#[test]
fn table_states_its_source() {
    assert_eq!(mps::TABLE.service(), "mps");
    assert_eq!(mps::TABLE.title(), "ApsaraVideo Media Processing");
    assert_eq!(mps::TABLE.updated(), Some("2026-03-25"));
    assert_eq!(
        mps::TABLE.source(),
        Some("https://www.alibabacloud.com/help/en/mps/developer-reference/qps-limits")
    );
}

#[test]
fn names_parse_back() {
    for operation in Operation::ALL {
        let name = operation.to_string();
        assert_eq!(name, operation.name());
        assert_eq!(name.parse::<Operation>(), Ok(operation));
    }
}

#[test]
fn misspelt_name_names_closest() {
    let error = "SubmitJob".parse::<Operation>().unwrap_err();
    assert_eq!(error.closest, Some("SubmitJobs"));
    assert_eq!(
        error.to_string(),
        "`SubmitJob` is not an operation of the mps table; the closest operation is `SubmitJobs`"
    );
}

#[test]
fn unrelated_name_has_no_closest() {
    let error = "DescribeRegions".parse::<Operation>().unwrap_err();
    assert_eq!(error.closest, None);
    assert!(error.to_string().contains("not limited by it"), "{error}");
}

#[test]
fn serde_uses_names() {
    let json = serde_json::to_string(&[Operation::SubmitJobs, Operation::CancelJob]).unwrap();
    assert_eq!(json, r#"["SubmitJobs","CancelJob"]"#);
    let parsed: Vec<Operation> = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed, [Operation::SubmitJobs, Operation::CancelJob]);

    let error = serde_json::from_str::<Operation>(r#""ListAllMediaBuckets""#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the closest operation is `ListAllMediaBucket`"),
        "{error}"
    );
}

#[test]
fn not_until_reads_as_wait() {
    let clock = qps_limits::FakeClock::default();
    let limiter = mps::Limiter::with_clock(qps_limits::Config::default(), clock).unwrap();
    assert!(limiter.check(Operation::ListAllMediaBucket).is_ok());
    let not_until = limiter.check(Operation::ListAllMediaBucket).unwrap_err();
    let interval = limiter.quotas(Operation::ListAllMediaBucket)[0].interval();
    assert_eq!(not_until.wait_time(), interval);
    assert_eq!(
        not_until.to_string(),
        format!(
            "`ListAllMediaBucket` is at its rate limit; the next call is admitted {interval:?} after the check"
        )
    );
}
