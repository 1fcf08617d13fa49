//! Counters of admitted, waited and rejected calls per operation.

mod common;

use common::every::{Limiter, Operation};
use common::runtime;
use qps_limits::{Config, Counts, FakeClock};

#[test]
fn counts_each_outcome() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock).unwrap();

    assert!(limiter.check(Operation::PerSecond).is_ok());
    assert!(limiter.check(Operation::PerSecond).is_err());
    assert!(limiter.try_acquire(Operation::PerSecond).is_err());
    runtime().block_on(limiter.until_ready(Operation::PerSecond));
    limiter.until_ready_blocking(Operation::PerSecond);

    let counts = limiter.counts(Operation::PerSecond);
    assert_eq!(counts.admitted, 3);
    assert_eq!(counts.waited, 2);
    assert_eq!(counts.rejected, 2);
}

#[test]
fn counts_are_per_operation() {
    let limiter = Limiter::with_clock(Config::default(), FakeClock::default()).unwrap();

    assert!(limiter.check(Operation::PerMinute).is_ok());
    assert!(limiter.check(Operation::NotLimited).is_ok());

    assert_eq!(limiter.counts(Operation::PerSecond), Counts::default());
    assert_eq!(limiter.counts(Operation::PerMinute).admitted, 1);
    assert_eq!(limiter.counts(Operation::NotLimited).admitted, 1);
}
