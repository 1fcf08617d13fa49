//! Many threads checking at one instant of the fake clock: the admissions are
//! exactly what the windows allow, whatever the interleaving.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use common::every::{Limiter, Operation};
use qps_limits::{Config, FakeClock, KeyedLimiter, Unit, Window};

const THREADS: usize = 4;

/// Runs `check` `calls` times on each of `THREADS` threads and returns how
/// many it admitted.
fn admitted_by_threads(calls: usize, check: impl Fn() -> bool + Send + Sync + 'static) -> usize {
    let check = Arc::new(check);
    let admitted = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (check, admitted) = (check.clone(), admitted.clone());
            std::thread::spawn(move || {
                let count = (0..calls).filter(|_| check()).count();
                admitted.fetch_add(count, Ordering::Relaxed);
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    admitted.load(Ordering::Relaxed)
}

#[test]
fn transactions_admit_exactly_burst() {
    let limiter =
        Arc::new(Limiter::with_clock(Config::default().burst(10), FakeClock::default()).unwrap());

    let checker = limiter.clone();
    let admitted =
        admitted_by_threads(10_000, move || checker.check(Operation::TwoWindows).is_ok());

    assert_eq!(admitted, 10);
    assert_eq!(limiter.counts(Operation::TwoWindows).rejected, 39_990);
}

#[test]
fn pool_members_admit_exactly_burst() {
    let limiter =
        Arc::new(Limiter::with_clock(Config::default().burst(10), FakeClock::default()).unwrap());

    let checker = limiter.clone();
    let admitted = admitted_by_threads(10_000, move || {
        checker.check(Operation::ExportSmall).is_ok()
            | checker.check(Operation::ExportLarge).is_ok()
    });

    let small = limiter.counts(Operation::ExportSmall).admitted;
    let large = limiter.counts(Operation::ExportLarge).admitted;
    assert_eq!(small + large, 10);
    assert!(small <= 5);
    assert!(admitted <= 10);
}

#[test]
fn changes_during_checks_grant_nothing() {
    let limiter = Arc::new(Limiter::with_clock(Config::default(), FakeClock::default()).unwrap());
    let done = Arc::new(AtomicBool::new(false));

    let (changer, stop) = (limiter.clone(), done.clone());
    let flipping = std::thread::spawn(move || {
        let mut count = 10;
        while !stop.load(Ordering::Relaxed) {
            count = if count == 10 { 20 } else { 10 };
            changer
                .set_limit(Operation::PerSecond, &[Window::new(count, Unit::Second)])
                .unwrap();
        }
    });
    let checker = limiter.clone();
    let admitted = admitted_by_threads(20_000, move || checker.check(Operation::PerSecond).is_ok());
    done.store(true, Ordering::Relaxed);
    flipping.join().unwrap();

    // With burst 1, no plan admits a second call at the same instant.
    assert_eq!(admitted, 1);
}

#[test]
fn keyed_accounts_admit_exactly_burst() {
    let limiter = Arc::new(
        KeyedLimiter::<Operation, u64, FakeClock>::with_clock(
            Config::default().burst(10),
            FakeClock::default(),
        )
        .unwrap(),
    );

    let checker = limiter.clone();
    let admitted = admitted_by_threads(10_000, move || {
        (0..4u64)
            .filter(|account| checker.check(account, Operation::TwoWindows).is_ok())
            .count()
            > 0
    });

    assert_eq!(limiter.counts(Operation::TwoWindows).admitted, 40);
    assert!(admitted <= 40);
}
