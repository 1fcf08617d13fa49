//! Strict windows of every unit, and operations limited by two windows.

mod common;

use std::time::Duration;

use common::every::{Limiter, Operation};
use common::{at, count_in, greedy_until, max_in_any_window};
use qps_limits::{Config, FakeClock};

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);
const DAY: Duration = Duration::from_secs(86_400);

#[test]
fn sixty_per_minute_greedy_from_idle() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();

    let times = greedy_until(&clock, 3 * MINUTE, || {
        limiter
            .check(Operation::PerMinute)
            .map_err(|not_until| not_until.earliest_possible())
    });

    assert_eq!(count_in(&times, Duration::ZERO, MINUTE), 60);
    assert_eq!(max_in_any_window(&times, MINUTE), 60);
}

#[test]
fn hour_and_day_rows_within_count() {
    for (operation, window, count) in [
        (Operation::PerHour, 3_600, 1_200),
        (Operation::PerDay, 86_400, 2_000),
    ] {
        let clock = FakeClock::default();
        let limiter = Limiter::with_clock(Config::default().burst(50), clock.clone()).unwrap();
        let window = Duration::from_secs(window);

        let times = greedy_until(&clock, 3 * window, || {
            limiter
                .check(operation)
                .map_err(|not_until| not_until.earliest_possible())
        });

        assert_eq!(max_in_any_window(&times, window), count, "{operation}");
        assert_eq!(
            &times[..50],
            &[Duration::ZERO; 50],
            "{operation} bursts 50 from idle"
        );
    }
}

#[test]
fn second_and_day_windows_burst_ten() {
    let clock = FakeClock::default();
    let config = Config::default().burst(10);
    let limiter = Limiter::with_clock(config, clock.clone()).unwrap();

    let admitted = (0..1_000)
        .filter(|_| limiter.check(Operation::TwoWindows).is_ok())
        .count();
    assert_eq!(admitted, 10);
    assert_eq!(limiter.counts(Operation::TwoWindows).rejected, 990);

    // The 990 calls rejected by the per-second window consumed nothing of the
    // day: greedy calls admit exactly 990 more before the day ends.
    let rest = greedy_until(&clock, DAY, || {
        limiter
            .check(Operation::TwoWindows)
            .map_err(|not_until| not_until.earliest_possible())
    });
    assert_eq!(rest.len(), 990);
    assert!(rest.iter().all(|time| *time > Duration::ZERO));

    let mut all = vec![Duration::ZERO; 10];
    all.extend(rest);
    all.extend(greedy_until(&clock, 2 * DAY, || {
        limiter
            .check(Operation::TwoWindows)
            .map_err(|not_until| not_until.earliest_possible())
    }));
    assert_eq!(max_in_any_window(&all, DAY), 1_000);
    assert_eq!(max_in_any_window(&all, SECOND), 10);
    assert!(at(&clock) >= 2 * DAY);
}

#[test]
fn unlimited_row_admits_everything() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock).unwrap();

    assert!(limiter.is_unlimited(Operation::NotLimited));
    assert!((0..10_000).all(|_| limiter.check(Operation::NotLimited).is_ok()));
}
