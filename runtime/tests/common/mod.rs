//! Helpers shared by the tests: the every-feature table, fake-clock callers
//! and window counts.
#![allow(dead_code)]

use std::time::Duration;

use governor::clock::Clock as _;
use governor::nanos::Nanos;
use qps_limits::FakeClock;

/// A table that uses every feature of limits.yaml: per-minute, per-hour and
/// per-day rows, two windows, regional counts, pools and an unlimited row.
pub mod every {
    qps_limits::limits!("tests/fixtures/every_feature.yaml");
}

/// Returns the fake clock's reading as time since its start.
pub fn at(clock: &FakeClock) -> Duration {
    Duration::from(clock.now())
}

/// Moves the fake clock to `time`, if it is later than now.
pub fn advance_to(clock: &FakeClock, time: Duration) {
    let now = at(clock);
    if time > now {
        clock.advance(time - now);
    }
}

/// Returns the maximum number of admissions in any half-open window `[t, t + window)`.
/// The busiest window always starts at an admission, so only those are tried.
pub fn max_in_any_window(times: &[Duration], window: Duration) -> usize {
    let mut sorted = times.to_vec();
    sorted.sort();
    let mut end = 0;
    let mut max = 0;
    for start in 0..sorted.len() {
        while end < sorted.len() && sorted[end] < sorted[start] + window {
            end += 1;
        }
        max = max.max(end - start);
    }
    max
}

/// Counts the admissions in `[start, start + window)`.
pub fn count_in(times: &[Duration], start: Duration, window: Duration) -> usize {
    times
        .iter()
        .filter(|time| **time >= start && **time < start + window)
        .count()
}

/// Calls `check` as often as it admits, and on each rejection moves the fake
/// clock to the earliest time it names, until `end`. Returns the admission
/// times.
pub fn greedy_until(
    clock: &FakeClock,
    end: Duration,
    mut check: impl FnMut() -> Result<(), Nanos>,
) -> Vec<Duration> {
    let mut admitted = Vec::new();
    loop {
        let now = at(clock);
        if now >= end {
            return admitted;
        }
        match check() {
            Ok(()) => admitted.push(now),
            Err(earliest) => advance_to(
                clock,
                Duration::from(earliest).max(now + Duration::from_nanos(1)),
            ),
        }
    }
}

/// Builds a tokio runtime on one thread, for tests whose waits sleep on the fake clock.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime builds")
}
