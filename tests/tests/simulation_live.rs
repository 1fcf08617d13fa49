//! A short simulation of the Live excerpt's per-minute operation and pool
//! against the local throttling servers: the strict limiter keeps every row
//! free of throttling, and plain governor quotas do not.
//!
//! It is the only simulation in this test binary, so no other test shares
//! the process-wide strict limiters or competes for the CPU while it runs.

use std::time::Duration;

use qps_limits::Config;
use qps_limits_tests::live::{self, Operation};
use qps_limits_tests::simulation::{self, Figures, Mode, Options, Report, Subject};

/// The safety margin of the strict runs. Tests run side by side on a busy
/// machine, which can delay a call by more than the default 5 ms between the
/// limiter admitting it and the server counting it. The `simulate` binary
/// shows the default margin.
const TEST_MARGIN: Duration = Duration::from_millis(50);

const POOL: &str = "StreamBlocking";

async fn run_live(seconds: u64) -> Report {
    let limiter = live::Limiter::new(Config::default().margin(TEST_MARGIN)).unwrap();
    assert!(
        live::install_default_limiter(limiter).is_ok(),
        "the default limiter was already built"
    );
    let options = Options {
        seconds,
        operations: vec![
            Operation::DescribeLiveStreamsOnlineList.into(),
            Operation::ForbidLiveStream.into(),
            Operation::ResumeLiveStream.into(),
        ],
        ..Options::default()
    };
    simulation::run(&options, &|progress| eprintln!("{progress}"))
        .await
        .expect("the simulation runs")
}

fn operation_row(report: &Report, operation: Operation, mode: Mode) -> &Figures {
    report
        .figures(operation, mode)
        .unwrap_or_else(|| panic!("a {mode} row for {operation} in {report:#?}"))
}

fn pool_row(report: &Report, mode: Mode) -> &Figures {
    report
        .pool_figures(POOL, mode)
        .unwrap_or_else(|| panic!("a {mode} row for pool {POOL} in {report:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_unthrottled_plain_throttled() {
    let report = run_live(2).await;
    eprintln!("{report}");

    // Three operations and one pool, in each of the two modes.
    assert_eq!(report.results.len(), 8, "{report:#?}");
    check_strict(&report);
    check_plain(&report);
}

fn check_strict(report: &Report) {
    for figures in report.results.iter().filter(|row| row.mode == Mode::Strict) {
        assert_eq!(figures.throttled, 0, "strict: {figures:?}");
        assert_eq!(figures.failed, 0, "strict: {figures:?}");
        assert!(figures.admitted > 0, "strict: {figures:?}");
    }

    let minute = operation_row(
        report,
        Operation::DescribeLiveStreamsOnlineList,
        Mode::Strict,
    );
    assert_eq!((minute.limit, minute.unit), (1000, "minute"));
    // 1000 per minute is one call per 60 ms: at most 34 calls in 2 s.
    assert!(minute.sent <= 40, "strict: {minute:?}");

    let pool = pool_row(report, Mode::Strict);
    assert_eq!((pool.limit, pool.unit), (100, "second"));
    assert!(pool.peak_window_calls <= 100, "strict pool: {pool:?}");
    assert!(pool.peak_window_calls >= 50, "strict pool: {pool:?}");
    let forbid = operation_row(report, Operation::ForbidLiveStream, Mode::Strict);
    let resume = operation_row(report, Operation::ResumeLiveStream, Mode::Strict);
    assert_eq!(pool.sent, forbid.sent + resume.sent);
    assert_eq!(pool.admitted, forbid.admitted + resume.admitted);
}

fn check_plain(report: &Report) {
    let pool = pool_row(report, Mode::Plain);
    assert!(pool.throttled > 0, "plain pool: {pool:?}");
    assert!(pool.peak_window_calls > 100, "plain pool: {pool:?}");
    let members = vec![
        Operation::ForbidLiveStream.into(),
        Operation::ResumeLiveStream.into(),
    ];
    let subject = Subject::Pool {
        service: "live",
        pool: POOL,
        members,
    };
    assert_eq!(pool.subject, subject);

    // `Quota::per_minute(1000)` lets a burst of 1000 through, then one call
    // every 60 ms, so a 2 s run sends more than the minute's count.
    let minute = operation_row(
        report,
        Operation::DescribeLiveStreamsOnlineList,
        Mode::Plain,
    );
    assert!(minute.sent > 1000, "plain: {minute:?}");
    // The server throttles the excess, unless a minute boundary split the
    // run's calls between two windows.
    if minute.peak_window_calls == minute.sent {
        assert!(minute.throttled > 0, "plain: {minute:?}");
    }
}
