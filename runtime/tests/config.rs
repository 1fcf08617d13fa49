//! Configuration: a share of the budget per process, regions, and errors.

mod common;

use std::time::Duration;

use common::every::{Limiter, Operation};
use common::{greedy_until, max_in_any_window};
use qps_limits::{Config, ConfigError, FakeClock};

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn share_splits_every_count() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default().share_of(4), clock.clone()).unwrap();

    assert_eq!(limiter.quotas(Operation::PerSecond)[0].count, 5);
    assert_eq!(limiter.quotas(Operation::QueryA)[0].count, 25);
    let times = greedy_until(&clock, 3 * SECOND, || {
        limiter
            .check(Operation::PerSecond)
            .map_err(|not_until| not_until.earliest_possible())
    });
    assert_eq!(max_in_any_window(&times, SECOND), 5);
}

#[test]
fn share_too_small_is_an_error() {
    let error = Limiter::with_clock(Config::default().share_of(6), FakeClock::default())
        .err()
        .unwrap();
    assert_eq!(
        error,
        ConfigError::ShareTooSmall {
            operation: "ExportSmall",
            count: 5,
            processes: 6
        }
    );
    assert!(error.to_string().contains("share among fewer processes"));
}

#[test]
fn region_selects_count() {
    let regional = |config: Config| {
        let limiter = Limiter::with_clock(config, FakeClock::default()).unwrap();
        limiter.quotas(Operation::Regional)[0].count
    };

    assert_eq!(regional(Config::default().region("cn-shanghai")), 120);
    assert_eq!(regional(Config::default().region("cn-beijing")), 30);
    assert_eq!(regional(Config::default().region("ap-southeast-1")), 50);
    // With no region, the smallest count applies wherever the caller runs.
    assert_eq!(regional(Config::default()), 30);
}

#[test]
fn bad_config_is_an_error() {
    let build = |config: Config| Limiter::with_clock(config, FakeClock::default()).err();

    assert_eq!(
        build(Config::default().burst(0)),
        Some(ConfigError::ZeroBurst)
    );
    assert_eq!(
        build(Config::default().share_of(0)),
        Some(ConfigError::ZeroProcesses)
    );
    let region = build(Config::default().region("Shanghai")).unwrap();
    assert_eq!(
        region,
        ConfigError::InvalidRegion {
            region: "Shanghai".to_owned()
        }
    );
    assert!(region.to_string().contains("such as `cn-shanghai`"));
}

#[test]
fn burst_larger_than_count_is_clamped() {
    let limiter = Limiter::with_clock(Config::default().burst(500), FakeClock::default()).unwrap();

    assert_eq!(limiter.quotas(Operation::PerSecond)[0].burst, 20);
    assert_eq!(
        (0..100)
            .filter(|_| limiter.check(Operation::PerSecond).is_ok())
            .count(),
        20
    );
}
