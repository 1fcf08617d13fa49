//! The operations the simulation accepts: names from the MPS table and the
//! Live excerpt, the errors for other names, and the window each is measured
//! against.

use qps_limits::{Unit, Window, mps};
use qps_limits_tests::live;
use qps_limits_tests::simulation::{
    OperationNotFound, SUPPORTED_OPERATIONS, SimulatedOperation, UnsupportedOperation,
};

fn parse(name: &str) -> Result<SimulatedOperation, OperationNotFound> {
    name.parse()
}

#[test]
fn names_parse_from_both_tables() {
    assert_eq!(
        parse("SubmitJobs"),
        Ok(SimulatedOperation::Mps(mps::Operation::SubmitJobs))
    );
    assert_eq!(
        parse("DescribeLiveStreamsOnlineList"),
        Ok(SimulatedOperation::Live(
            live::Operation::DescribeLiveStreamsOnlineList
        ))
    );
    assert_eq!(
        parse("ResumeLiveStream"),
        Ok(SimulatedOperation::Live(live::Operation::ResumeLiveStream))
    );
}

#[test]
fn service_and_pool_follow_table() {
    let submit = SimulatedOperation::from(mps::Operation::SubmitJobs);
    let forbid = SimulatedOperation::from(live::Operation::ForbidLiveStream);

    assert_eq!(submit.service(), "mps");
    assert_eq!(submit.pool(), None);
    assert_eq!(forbid.service(), "live");
    assert_eq!(forbid.pool(), Some("StreamBlocking"));
    assert_eq!(forbid.to_string(), "ForbidLiveStream");
}

#[test]
fn misspelled_live_name_names_closest() {
    let error = parse("ForbidLiveStreams").expect_err("a misspelled name");
    let message = error.to_string();

    assert_eq!(error.closest, Some("ForbidLiveStream"));
    assert!(
        message.contains("not an operation of the mps or live table"),
        "message {message}"
    );
    assert!(
        message.contains("the closest operation is `ForbidLiveStream`"),
        "message {message}"
    );
}

#[test]
fn misspelled_mps_name_names_closest() {
    let error = parse("SubmitJob").expect_err("a misspelled name");
    assert_eq!(error.closest, Some("SubmitJobs"));
}

#[test]
fn far_name_lists_supported_operations() {
    let error = parse("Nothing").expect_err("a name in neither table");
    let message = error.to_string();

    assert_eq!(error.closest, None);
    assert!(!message.contains("closest"), "message {message}");
    assert!(
        message.contains(
            "SubmitJobs, ListAllMediaBucket, QueryMediaList, QueryJobList, SubmitSnapshotJob, \
             DescribeLiveStreamsOnlineList, ForbidLiveStream, ResumeLiveStream"
        ),
        "message {message}"
    );
}

#[test]
fn table_operation_without_method_is_unsupported() {
    let cancel = parse("CancelJob").expect("CancelJob is in the MPS table");
    let error = UnsupportedOperation::check(&[cancel]).expect_err("no client method");
    let message = error.to_string();

    assert!(message.contains("`CancelJob`"), "message {message}");
    assert!(message.contains("ResumeLiveStream"), "message {message}");
    assert!(UnsupportedOperation::check(&SUPPORTED_OPERATIONS).is_ok());
}

#[test]
fn pool_members_use_pool_window() {
    let pool_window = Some(Window::new(100, Unit::Second));
    let forbid = SimulatedOperation::from(live::Operation::ForbidLiveStream);
    let resume = SimulatedOperation::from(live::Operation::ResumeLiveStream);
    let minute = SimulatedOperation::from(live::Operation::DescribeLiveStreamsOnlineList);

    assert_eq!(forbid.window(), pool_window);
    assert_eq!(resume.window(), pool_window);
    assert_eq!(minute.window(), Some(Window::new(1000, Unit::Minute)));
}

#[test]
fn supported_operations_are_limited() {
    for operation in SUPPORTED_OPERATIONS {
        assert!(operation.window().is_some(), "{operation} has no window");
    }
}
