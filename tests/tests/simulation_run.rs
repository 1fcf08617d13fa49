//! A short simulation against the local throttling server: calls paced by the
//! strict limiter are not throttled, and calls paced by plain governor
//! quotas are.

use std::time::Duration;

use qps_limits::Config;
use qps_limits::mps::{self, Operation};
use qps_limits_tests::simulation::{self, Mode, Options, SimulationError};

/// The safety margin of the strict runs. Tests run side by side on a busy
/// machine, which can delay a call by more than the default 5 ms between the
/// limiter admitting it and the server counting it. The `simulate` binary
/// shows the default margin.
const TEST_MARGIN: Duration = Duration::from_millis(50);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_avoids_throttling_plain_does_not() {
    let limiter = mps::Limiter::new(Config::default().margin(TEST_MARGIN)).unwrap();
    assert!(
        mps::install_default_limiter(limiter).is_ok(),
        "the default limiter was already built"
    );
    let options = Options {
        seconds: 2,
        operations: vec![Operation::SubmitJobs.into()],
        ..Options::default()
    };
    let report = simulation::run(&options, &|progress| eprintln!("{progress}"))
        .await
        .expect("the simulation runs");
    let strict = report
        .figures(Operation::SubmitJobs, Mode::Strict)
        .expect("a strict run");
    let plain = report
        .figures(Operation::SubmitJobs, Mode::Plain)
        .expect("a plain run");

    assert_eq!(strict.throttled, 0, "strict: {strict:?}");
    assert_eq!(strict.failed, 0, "strict: {strict:?}");
    assert!(strict.admitted > 0, "strict: {strict:?}");
    assert!(strict.peak_window_calls <= 100, "strict: {strict:?}");
    assert!(plain.throttled > 0, "plain: {plain:?}");
    assert!(plain.peak_window_calls > 100, "plain: {plain:?}");
    assert_eq!(report.results.len(), 2);
}

#[tokio::test]
async fn unsupported_operation_is_rejected() {
    let options = Options {
        operations: vec![Operation::SubmitJobs.into(), Operation::CancelJob.into()],
        ..Options::default()
    };
    let error = simulation::run(&options, &|_| {})
        .await
        .expect_err("CancelJob has no client method");

    assert!(
        matches!(error, SimulationError::Unsupported(_)),
        "error {error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("`CancelJob`"), "message {message}");
    assert!(
        message.contains("SubmitJobs, ListAllMediaBucket"),
        "message {message}"
    );
}

#[tokio::test]
async fn zero_callers_is_rejected() {
    let options = Options {
        callers: 0,
        ..Options::default()
    };
    let error = simulation::run(&options, &|_| {})
        .await
        .expect_err("0 callers is invalid");
    assert!(
        matches!(error, SimulationError::InvalidOption(_)),
        "error {error:?}"
    );
}

#[tokio::test]
async fn last_port_is_rejected() {
    // The Live server listens on the port after the MPS server's.
    let options = Options {
        port: u16::MAX,
        ..Options::default()
    };
    let error = simulation::run(&options, &|_| {})
        .await
        .expect_err("port 65535 leaves no port for the Live server");

    assert!(
        matches!(error, SimulationError::InvalidOption(_)),
        "error {error:?}"
    );
    assert!(error.to_string().contains("65535"), "error {error}");
}
