//! Changing limits at run time: overrides and reloads keep every window's state.

mod common;

use std::time::Duration;

use common::every::{Limiter, Operation};
use common::{at, count_in, greedy_until};
use qps_limits::{Config, ConfigError, FakeClock, LimitSet, Unit, Window};

const SECOND: Duration = Duration::from_secs(1);

fn check(limiter: &Limiter<FakeClock>, operation: Operation) -> Result<(), governor::nanos::Nanos> {
    limiter
        .check(operation)
        .map_err(|not_until| not_until.earliest_possible())
}

#[test]
fn reload_to_lower_rate_under_saturation() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();
    let change = 5 * SECOND;

    let mut times = greedy_until(&clock, change, || check(&limiter, Operation::PerSecond));
    let mut limits = LimitSet::documented();
    limits.set(Operation::PerSecond, &[Window::new(10, Unit::Second)]);
    limiter.reload(limits).unwrap();
    times.extend(greedy_until(&clock, 15 * SECOND, || {
        check(&limiter, Operation::PerSecond)
    }));

    assert!(count_in(&times, Duration::ZERO, change) >= 99);
    for start in times
        .iter()
        .copied()
        .filter(|time| *time >= change)
        .chain([change])
    {
        assert!(count_in(&times, start, SECOND) <= 10, "window at {start:?}");
    }
    assert!(count_in(&times, change, 10 * SECOND) >= 99);
}

#[test]
fn change_grants_no_fresh_burst() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default().burst(10), clock.clone()).unwrap();
    limiter
        .set_limit(Operation::PerSecond, &[Window::new(100, Unit::Second)])
        .unwrap();
    let change = 2 * SECOND;

    let mut times = greedy_until(&clock, change, || check(&limiter, Operation::PerSecond));
    // Lowering the count lengthens the interval, so the burst tolerance grows
    // from 9 short intervals to 9 long ones.
    limiter
        .set_limit(Operation::PerSecond, &[Window::new(10, Unit::Second)])
        .unwrap();
    times.extend(greedy_until(&clock, 4 * SECOND, || {
        check(&limiter, Operation::PerSecond)
    }));

    assert!(
        count_in(&times, change, SECOND / 10) <= 1,
        "a saturated account bursts after the change"
    );
    for start in times.iter().copied().filter(|time| *time >= change) {
        assert!(count_in(&times, start, SECOND) <= 10, "window at {start:?}");
    }
}

#[test]
fn new_window_inherits_state() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default().burst(10), clock.clone()).unwrap();
    let change = 2 * SECOND;

    let mut times = greedy_until(&clock, change, || check(&limiter, Operation::PerSecond));
    // The per-second window goes and a per-minute one comes: it starts from
    // the per-second window's state, not fresh.
    limiter
        .set_limit(Operation::PerSecond, &[Window::new(600, Unit::Minute)])
        .unwrap();
    times.extend(greedy_until(&clock, 3 * SECOND, || {
        check(&limiter, Operation::PerSecond)
    }));

    assert!(
        count_in(&times, change, SECOND / 10) <= 1,
        "the new minute window bursts"
    );
}

#[test]
fn override_raises_quota() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();

    limiter
        .set_limit(Operation::PerSecond, &[Window::new(40, Unit::Second)])
        .unwrap();
    let raised = greedy_until(&clock, 2 * SECOND, || check(&limiter, Operation::PerSecond));
    assert!(raised.len() >= 79, "{}", raised.len());
    assert!(
        raised
            .iter()
            .all(|start| count_in(&raised, *start, SECOND) <= 40)
    );

    limiter.clear_limit(Operation::PerSecond).unwrap();
    let start = at(&clock);
    let restored = greedy_until(&clock, start + 2 * SECOND, || {
        check(&limiter, Operation::PerSecond)
    });
    assert!(
        restored
            .iter()
            .all(|from| count_in(&restored, *from, SECOND) <= 20)
    );
    assert!(limiter.limits().get(Operation::PerSecond).is_none());
}

#[test]
fn invalid_override_keeps_limits() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock).unwrap();

    let zero = limiter.set_limit(Operation::PerSecond, &[Window::new(0, Unit::Second)]);
    assert_eq!(
        zero,
        Err(ConfigError::ZeroCount {
            operation: "PerSecond"
        })
    );
    let twice = [Window::new(5, Unit::Second), Window::new(6, Unit::Second)];
    let repeated = limiter.set_limit(Operation::PerSecond, &twice);
    assert_eq!(
        repeated,
        Err(ConfigError::RepeatedUnit {
            operation: "PerSecond",
            unit: Unit::Second
        })
    );

    assert_eq!(limiter.quotas(Operation::PerSecond)[0].count, 20);
    assert!(limiter.limits().get(Operation::PerSecond).is_none());
    assert!(zero.unwrap_err().to_string().contains("at least 1 call"));
}

#[test]
fn pool_override_by_name() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock).unwrap();
    let mut limits = LimitSet::documented();

    let unknown = limits
        .set_pool("SharedQuery", &[Window::new(5, Unit::Second)])
        .map(|_| ());
    assert_eq!(
        unknown.unwrap_err().to_string(),
        "pool `SharedQuery` is not declared in the every table; name one of the table's pools"
    );
    limits
        .set_pool("SharedQueries", &[Window::new(5, Unit::Second)])
        .unwrap();
    limiter.reload(limits).unwrap();

    assert_eq!(limiter.quotas(Operation::QueryA)[0].count, 5);
}

#[test]
fn alternating_limits_keep_state() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();
    let mut times = Vec::new();

    // Switching back and forth reuses two plans; every switch keeps the TATs.
    for round in 0..200u32 {
        let count = if round % 2 == 0 { 10 } else { 20 };
        limiter
            .set_limit(Operation::PerSecond, &[Window::new(count, Unit::Second)])
            .unwrap();
        let start = at(&clock);
        times.extend(greedy_until(&clock, start + SECOND / 4, || {
            check(&limiter, Operation::PerSecond)
        }));
    }

    assert!(
        times
            .iter()
            .all(|start| count_in(&times, *start, SECOND) <= 20)
    );
    assert!(times.len() >= 700, "{}", times.len());
}
