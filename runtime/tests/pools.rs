//! Operations that share one pool, and calls rejected by one window.

mod common;

use std::collections::VecDeque;
use std::time::Duration;

use common::every::{Limiter, Operation};
use common::{advance_to, at, max_in_any_window};
use qps_limits::{Config, FakeClock};

const SECOND: Duration = Duration::from_secs(1);

/// Callers of `operations` that each want one call every `spacing`, waiting
/// in arrival order when rejected, until `end`. Returns the admission times.
fn paced_callers(
    limiter: &Limiter<FakeClock>,
    clock: &FakeClock,
    operations: &[Operation],
    spacing: Duration,
    end: Duration,
) -> Vec<Duration> {
    let mut pending: Vec<VecDeque<Duration>> = vec![VecDeque::new(); operations.len()];
    let mut next_arrival = vec![Duration::ZERO; operations.len()];
    let mut retry_at = vec![Duration::ZERO; operations.len()];
    let mut admitted = Vec::new();
    while at(clock) < end {
        let now = at(clock);
        for (index, operation) in operations.iter().enumerate() {
            while next_arrival[index] <= now {
                pending[index].push_back(next_arrival[index]);
                next_arrival[index] += spacing;
            }
            while !pending[index].is_empty() && retry_at[index] <= now {
                match limiter.check(*operation) {
                    Ok(()) => {
                        pending[index].pop_front();
                        admitted.push(now);
                    }
                    Err(not_until) => {
                        retry_at[index] = Duration::from(not_until.earliest_possible())
                    }
                }
            }
        }
        let next = (0..operations.len())
            .map(|index| {
                if pending[index].is_empty() {
                    next_arrival[index]
                } else {
                    retry_at[index].max(now + Duration::from_nanos(1))
                }
            })
            .min()
            .unwrap_or(end);
        advance_to(clock, next.min(end));
    }
    admitted
}

#[test]
fn two_operations_share_hundred_per_second() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();
    let end = 10 * SECOND;

    let times = paced_callers(
        &limiter,
        &clock,
        &[Operation::QueryA, Operation::QueryB],
        SECOND / 60,
        end,
    );

    assert!(max_in_any_window(&times, SECOND) <= 100);
    assert!(times.len() >= 990, "the pool is saturated: {}", times.len());
    let a = limiter.counts(Operation::QueryA).admitted;
    let b = limiter.counts(Operation::QueryB).admitted;
    assert_eq!(a + b, times.len() as u64);
    assert!(a > 0, "QueryA is admitted");
    assert!(b > 0, "QueryB is admitted");
}

#[test]
fn one_member_alone_gets_whole_pool() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();

    let times = paced_callers(
        &limiter,
        &clock,
        &[Operation::QueryA],
        SECOND / 150,
        5 * SECOND,
    );

    assert!(max_in_any_window(&times, SECOND) <= 100);
    assert!(times.len() >= 495, "{}", times.len());
}

#[test]
fn rejected_by_own_window_consumes_nothing_of_pool() {
    let clock = FakeClock::default();
    // ExportSmall: 5 per second of its own (burst 5) and the Exports pool,
    // 30 per minute with burst 10.
    let limiter = Limiter::with_clock(Config::default().burst(10), clock).unwrap();

    let small = (0..105)
        .filter(|_| limiter.check(Operation::ExportSmall).is_ok())
        .count();
    assert_eq!(small, 5);
    // The 100 calls its own window rejected left the pool's other 5 slots.
    let large = (0..100)
        .filter(|_| limiter.check(Operation::ExportLarge).is_ok())
        .count();
    assert_eq!(large, 5);
}

#[test]
fn pool_hour_window_binds() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();
    let hour = Duration::from_secs(3_600);

    let times = paced_callers(
        &limiter,
        &clock,
        &[Operation::ExportSmall, Operation::ExportLarge],
        SECOND,
        2 * hour,
    );

    assert!(max_in_any_window(&times, 60 * SECOND) <= 30);
    assert!(max_in_any_window(&times, hour) <= 500);
    assert!(times.len() >= 995, "{}", times.len());
}
