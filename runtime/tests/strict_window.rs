//! The strict quota against governor's plain `Quota::per_second`, on a fake clock.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{Quota, RateLimiter};
use qps_limits::mps::{Limiter, Operation};
use qps_limits::{Config, FakeClock};

const STEP: Duration = Duration::from_millis(1);

/// Polls `admit` every millisecond for `total` and returns the admission times.
fn greedy_caller(
    clock: &FakeClock,
    total: Duration,
    mut admit: impl FnMut() -> bool,
) -> Vec<Duration> {
    let mut admitted = Vec::new();
    let mut now = Duration::ZERO;
    while now < total {
        while admit() {
            admitted.push(now);
        }
        clock.advance(STEP);
        now += STEP;
    }
    admitted
}

/// Returns the most admissions in any half-open window `[t, t + window)`.
fn max_in_any_window(times: &[Duration], window: Duration) -> usize {
    let mut end = 0;
    let mut most = 0;
    for start in 0..times.len() {
        while end < times.len() && times[end] < times[start] + window {
            end += 1;
        }
        most = most.max(end - start);
    }
    most
}

#[test]
fn plain_quota_exceeds_count_from_idle() {
    let clock = FakeClock::default();
    let limiter = RateLimiter::direct_with_clock(
        Quota::per_second(NonZeroU32::new(100).unwrap()),
        clock.clone(),
    );
    let times = greedy_caller(&clock, Duration::from_secs(3), || limiter.check().is_ok());
    assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 199);
}

#[test]
fn strict_quota_never_exceeds_count() {
    let clock = FakeClock::default();
    let config = Config::default().margin(Duration::ZERO);
    let limiter = Limiter::with_clock(config, clock.clone()).unwrap();
    let times = greedy_caller(&clock, Duration::from_secs(3), || {
        limiter.check(Operation::SubmitJobs).is_ok()
    });
    assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 100);
    assert_eq!(times.len(), 300);
}

#[test]
fn strict_quota_with_burst_never_exceeds_count() {
    let clock = FakeClock::default();
    let config = Config::default().margin(Duration::ZERO).burst(10);
    let limiter = Limiter::with_clock(config, clock.clone()).unwrap();
    let times = greedy_caller(&clock, Duration::from_secs(3), || {
        limiter.check(Operation::ListAllMediaBucket).is_ok()
    });
    assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 10);
    assert_eq!(&times[..10], &[Duration::ZERO; 10]);
}
