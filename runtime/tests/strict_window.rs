//! The strict quota against governor's plain `Quota::per_second`, on a fake clock.

mod common;

use std::num::NonZeroU32;
use std::time::Duration;

use governor::{Quota, RateLimiter};
use qps_limits::mps::{Limiter, Operation};
use qps_limits::{Config, FakeClock};

use common::{greedy_until, max_in_any_window};

#[test]
fn plain_quota_exceeds_count_from_idle() {
    let clock = FakeClock::default();
    let limiter = RateLimiter::direct_with_clock(
        Quota::per_second(NonZeroU32::new(100).unwrap()),
        clock.clone(),
    );
    let times = greedy_until(&clock, Duration::from_secs(3), || {
        limiter
            .check()
            .map_err(|not_until| not_until.earliest_possible())
    });
    assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 199);
}

#[test]
fn strict_quota_never_exceeds_count() {
    let clock = FakeClock::default();
    let config = Config::default().margin(Duration::ZERO);
    let limiter = Limiter::with_clock(config, clock.clone()).unwrap();
    let times = greedy_until(&clock, Duration::from_secs(3), || {
        limiter
            .check(Operation::SubmitJobs)
            .map_err(|not_until| not_until.earliest_possible())
    });
    assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 100);
    assert_eq!(times.len(), 300);
}

#[test]
fn strict_quota_with_burst_never_exceeds_count() {
    let clock = FakeClock::default();
    let config = Config::default().margin(Duration::ZERO).burst(10);
    let limiter = Limiter::with_clock(config, clock.clone()).unwrap();
    let times = greedy_until(&clock, Duration::from_secs(3), || {
        limiter
            .check(Operation::ListAllMediaBucket)
            .map_err(|not_until| not_until.earliest_possible())
    });
    assert_eq!(max_in_any_window(&times, Duration::from_secs(1)), 10);
    assert_eq!(&times[..10], &[Duration::ZERO; 10]);
}
