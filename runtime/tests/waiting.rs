//! Waiting for a turn: arrival order, dropped waits, async and blocking.

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Waker};
use std::time::Duration;

use common::every::{Limiter, Operation};
use common::{advance_to, at, count_in, max_in_any_window, runtime};
use qps_limits::{Config, FakeClock};

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn four_tasks_share_twelve_hundred_per_minute() {
    let clock = FakeClock::default();
    let limiter = Rc::new(Limiter::with_clock(Config::default(), clock.clone()).unwrap());
    let times = Rc::new(RefCell::new(Vec::new()));
    let end = 2 * MINUTE;

    runtime().block_on(async {
        let local = tokio::task::LocalSet::new();
        for _ in 0..4 {
            let (limiter, clock, times) = (limiter.clone(), clock.clone(), times.clone());
            local.spawn_local(async move {
                while at(&clock) < end {
                    for _ in 0..10 {
                        limiter.until_ready(Operation::Batch).await;
                        times.borrow_mut().push(at(&clock));
                    }
                }
            });
        }
        local.await;
    });

    let times = times.borrow();
    let in_time: Vec<Duration> = times.iter().copied().filter(|time| *time < end).collect();
    assert!(max_in_any_window(&in_time, MINUTE) <= 1_200);
    assert!(in_time.len() <= 2_400);
    assert!(
        in_time.len() >= 2_380,
        "saturated tasks reach the limit: {}",
        in_time.len()
    );
}

#[test]
fn idle_then_hundred_at_once() {
    let clock = FakeClock::default();
    let limiter = Rc::new(Limiter::with_clock(Config::default(), clock.clone()).unwrap());
    let times = Rc::new(RefCell::new(Vec::new()));
    advance_to(&clock, 10 * SECOND);

    runtime().block_on(async {
        let local = tokio::task::LocalSet::new();
        for _ in 0..100 {
            let (limiter, clock, times) = (limiter.clone(), clock.clone(), times.clone());
            local.spawn_local(async move {
                limiter.until_ready(Operation::PerSecond).await;
                times.borrow_mut().push(at(&clock));
            });
        }
        local.await;
    });

    let times = times.borrow();
    assert_eq!(times.len(), 100);
    assert!(max_in_any_window(&times, SECOND) <= 20);
    assert_eq!(count_in(&times, 10 * SECOND, SECOND), 20);
    assert!(times.iter().all(|time| *time < 15 * SECOND + SECOND / 10));
}

#[test]
fn waiters_served_in_arrival_order() {
    let clock = FakeClock::default();
    let limiter = Rc::new(Limiter::with_clock(Config::default(), clock.clone()).unwrap());
    let order = Rc::new(RefCell::new(Vec::new()));

    runtime().block_on(async {
        let local = tokio::task::LocalSet::new();
        for id in 0..30 {
            let (limiter, order) = (limiter.clone(), order.clone());
            local.spawn_local(async move {
                limiter.until_ready(Operation::PerSecond).await;
                order.borrow_mut().push(id);
            });
        }
        local.await;
    });

    assert_eq!(*order.borrow(), (0..30).collect::<Vec<_>>());
}

#[test]
fn check_does_not_jump_queue() {
    let clock = FakeClock::default();
    let limiter = Rc::new(Limiter::with_clock(Config::default(), clock.clone()).unwrap());

    runtime().block_on(async {
        let local = tokio::task::LocalSet::new();
        assert!(limiter.check(Operation::PerSecond).is_ok());
        let waiter = limiter.clone();
        let handle =
            local.spawn_local(async move { waiter.until_ready(Operation::PerSecond).await });
        local.run_until(tokio::task::yield_now()).await;

        // The waiter is queued; a check at the time its slot opens must not take it.
        let not_until = limiter.check(Operation::PerSecond).unwrap_err();
        assert!(Duration::from(not_until.earliest_possible()) > at(&clock));
        local.run_until(handle).await.unwrap();
    });
}

#[test]
fn dropped_wait_consumes_nothing() {
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();
    assert!(limiter.check(Operation::PerMinute).is_ok());

    {
        let mut wait = std::pin::pin!(limiter.until_ready(Operation::PerMinute));
        let mut context = Context::from_waker(Waker::noop());
        // Polled once, the wait queues and sleeps, which moves the fake clock
        // to its slot; then it is dropped at the end of this block.
        assert!(wait.as_mut().poll(&mut context).is_pending());
        assert_eq!(
            at(&clock),
            limiter.quotas(Operation::PerMinute)[0].interval()
        );
    }

    // The slot the dropped wait slept for is still free.
    assert!(limiter.check(Operation::PerMinute).is_ok());
    let counts = limiter.counts(Operation::PerMinute);
    assert_eq!(counts.admitted, 2);
    assert_eq!(counts.waited, 0);
}

#[test]
fn blocking_waits_in_turn() {
    let clock = FakeClock::default();
    let limiter = Arc::new(Limiter::with_clock(Config::default(), clock.clone()).unwrap());

    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (limiter, clock) = (limiter.clone(), clock.clone());
            std::thread::spawn(move || {
                (0..5)
                    .map(|_| {
                        limiter.until_ready_blocking(Operation::PerSecond);
                        at(&clock)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let times: Vec<Duration> = threads
        .into_iter()
        .flat_map(|thread| thread.join().unwrap())
        .collect();

    assert_eq!(times.len(), 20);
    assert!(max_in_any_window(&times, SECOND) <= 20);
    assert_eq!(limiter.counts(Operation::PerSecond).admitted, 20);
}
