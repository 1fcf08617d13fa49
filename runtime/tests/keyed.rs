//! Per-account limiters: separate budgets, waiting, eviction and bounds.

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use common::every::Operation;
use common::{advance_to, at, greedy_until, max_in_any_window, runtime};
use qps_limits::{
    AccountsFull, Config, Denied, FakeClock, KeyedLimiter, KeyedRejected, Unit, Window,
};

type Keyed = KeyedLimiter<Operation, u64, FakeClock>;

const SECOND: Duration = Duration::from_secs(1);

fn keyed(clock: &FakeClock) -> Keyed {
    KeyedLimiter::with_clock(Config::default(), clock.clone()).unwrap()
}

#[test]
fn hundred_thousand_accounts_evicted_when_idle() {
    let clock = FakeClock::default();
    let limiter = keyed(&clock);

    for account in 0..100_000 {
        assert!(limiter.check(&account, Operation::PerSecond).is_ok());
    }
    assert_eq!(limiter.len(), 100_000);
    // Every account just called, so none is idle yet.
    assert_eq!(limiter.evict_idle(), 0);

    advance_to(&clock, SECOND);
    assert_eq!(limiter.evict_idle(), 100_000);
    assert!(limiter.is_empty());
    assert_eq!(limiter.queue_count(), 0);
    assert_eq!(limiter.state_size(), 0);
}

#[test]
fn accounts_have_separate_budgets() {
    let clock = FakeClock::default();
    let limiter = keyed(&clock);

    let alice = greedy_until(&clock, SECOND, || {
        limiter
            .check(&1, Operation::PerSecond)
            .map_err(|denied| match denied {
                Denied::NotUntil(not_until) => not_until.earliest_possible(),
                Denied::AccountsFull(full) => panic!("{full}"),
            })
    });
    assert_eq!(alice.len(), 20);
    // Bob's budget is untouched by Alice's.
    assert!(limiter.check(&2, Operation::PerSecond).is_ok());
    assert_eq!(limiter.counts(Operation::PerSecond).admitted, 21);
}

#[test]
fn eviction_admits_no_more_than_keeping() {
    let clock = FakeClock::default();
    let evicting = keyed(&clock);
    let keeping = keyed(&clock);

    // Calls at irregular times; one limiter evicts before every call.
    let mut admitted = (Vec::new(), Vec::new());
    for step in 0..2_000u64 {
        advance_to(&clock, at(&clock) + Duration::from_millis(step * 7 % 97));
        evicting.evict_idle();
        if evicting.check(&7, Operation::PerSecond).is_ok() {
            admitted.0.push(at(&clock));
        }
        if keeping.check(&7, Operation::PerSecond).is_ok() {
            admitted.1.push(at(&clock));
        }
    }
    assert_eq!(admitted.0, admitted.1);
    assert!(max_in_any_window(&admitted.0, SECOND) <= 20);
}

#[test]
fn full_limiter_rejects_new_account() {
    let clock = FakeClock::default();
    let limiter = keyed(&clock).with_max_accounts(2);

    assert!(limiter.check(&1, Operation::PerMinute).is_ok());
    assert!(limiter.check(&2, Operation::PerMinute).is_ok());
    let full = AccountsFull { max_accounts: 2 };
    assert_eq!(
        limiter.check(&3, Operation::PerMinute),
        Err(Denied::AccountsFull(full))
    );
    assert_eq!(
        limiter.try_acquire(&3, Operation::PerMinute),
        Err(KeyedRejected::AccountsFull(full))
    );
    // Tracked accounts keep their state.
    assert!(limiter.check(&1, Operation::PerMinute).is_err());
    assert_eq!(limiter.len(), 2);

    // Once the others are idle, the new account evicts them.
    advance_to(&clock, 2 * SECOND);
    assert!(limiter.check(&3, Operation::PerMinute).is_ok());
    assert_eq!(limiter.len(), 1);
    assert!(full.to_string().contains("with_max_accounts"));
}

#[test]
fn waiters_of_one_account_in_order() {
    let clock = FakeClock::default();
    let limiter = Rc::new(keyed(&clock));
    let order = Rc::new(RefCell::new(Vec::new()));

    runtime().block_on(async {
        let local = tokio::task::LocalSet::new();
        for id in 0..40u64 {
            let (limiter, order, clock) = (limiter.clone(), order.clone(), clock.clone());
            local.spawn_local(async move {
                let account = id % 2;
                limiter
                    .until_ready(&account, Operation::PerSecond)
                    .await
                    .unwrap();
                order.borrow_mut().push((account, id, at(&clock)));
            });
        }
        local.await;
    });

    let order = order.borrow();
    for account in 0..2 {
        let ids: Vec<u64> = order
            .iter()
            .filter(|entry| entry.0 == account)
            .map(|entry| entry.1)
            .collect();
        assert_eq!(
            ids,
            (0..40).filter(|id| id % 2 == account).collect::<Vec<_>>()
        );
        let times: Vec<Duration> = order
            .iter()
            .filter(|entry| entry.0 == account)
            .map(|entry| entry.2)
            .collect();
        assert!(max_in_any_window(&times, SECOND) <= 20);
    }
    assert_eq!(limiter.queue_count(), 0);
    let counts = limiter.counts(Operation::PerSecond);
    assert_eq!(counts.admitted, 40);
    // Each account's first call goes at once; most others wait their turn.
    assert!((30..=38).contains(&counts.waited), "{counts:?}");
}

#[test]
fn blocking_wait_per_account() {
    let clock = FakeClock::default();
    let limiter = keyed(&clock);

    for _ in 0..3 {
        limiter
            .until_ready_blocking(&9, Operation::PerMinute)
            .unwrap();
    }
    assert!(at(&clock) >= 2 * SECOND);
    assert_eq!(limiter.counts(Operation::PerMinute).admitted, 3);
    assert_eq!(limiter.queue_count(), 0);
}

#[test]
fn override_applies_to_every_account() {
    let clock = FakeClock::default();
    let limiter = keyed(&clock);
    for account in 0..10 {
        assert!(limiter.check(&account, Operation::PerSecond).is_ok());
    }

    limiter
        .set_limit(Operation::PerSecond, &[Window::new(2, Unit::Second)])
        .unwrap();
    advance_to(&clock, SECOND);
    for account in 0..10 {
        let times = greedy_until(&clock, at(&clock) + 3 * SECOND, || {
            limiter
                .check(&account, Operation::PerSecond)
                .map_err(|denied| match denied {
                    Denied::NotUntil(not_until) => not_until.earliest_possible(),
                    Denied::AccountsFull(full) => panic!("{full}"),
                })
        });
        assert!(max_in_any_window(&times, SECOND) <= 2, "account {account}");
    }
}

#[test]
fn transactions_per_account() {
    let clock = FakeClock::default();
    let limiter =
        KeyedLimiter::<Operation, u64, FakeClock>::with_clock(Config::default().burst(10), clock)
            .unwrap();

    for account in 0..3 {
        let admitted = (0..1_000)
            .filter(|_| limiter.check(&account, Operation::TwoWindows).is_ok())
            .count();
        assert_eq!(admitted, 10, "account {account}");
        // Calls its own window rejected consumed nothing of the pool.
        let small = (0..100)
            .filter(|_| limiter.check(&account, Operation::ExportSmall).is_ok())
            .count();
        assert_eq!(small, 5, "account {account}");
        let large = (0..100)
            .filter(|_| limiter.check(&account, Operation::ExportLarge).is_ok())
            .count();
        assert_eq!(large, 5, "account {account}");
    }
    assert_eq!(limiter.counts(Operation::TwoWindows).rejected, 2_970);
}
