//! `tracing` events: overrides, reloads and evictions are logged; checks are not.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::advance_to;
use common::every::{Limiter, Operation};
use qps_limits::{Config, FakeClock, KeyedLimiter, LimitSet, Unit, Window};

/// A log writer that keeps every line in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap()
    }
}

fn subscriber(captured: &Captured) -> impl tracing::Subscriber {
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish()
}

#[test]
fn limit_changes_are_logged_and_checks_are_not() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(subscriber(&captured));
    let clock = FakeClock::default();
    let limiter = Limiter::with_clock(Config::default(), clock.clone()).unwrap();

    for _ in 0..100 {
        let _ = limiter.check(Operation::PerSecond);
    }
    assert_eq!(captured.take(), "");

    limiter
        .set_limit(Operation::PerSecond, &[Window::new(5, Unit::Second)])
        .unwrap();
    let logged = captured.take();
    assert!(logged.contains("rate limit overridden"), "{logged}");
    assert!(logged.contains("operation=PerSecond"), "{logged}");

    limiter.reload(LimitSet::documented()).unwrap();
    assert!(captured.take().contains("rate limits reloaded"));
}

#[test]
fn evictions_and_full_limiter_are_logged() {
    let captured = Captured::default();
    let _guard = tracing::subscriber::set_default(subscriber(&captured));
    let clock = FakeClock::default();
    let limiter =
        KeyedLimiter::<Operation, u32, FakeClock>::with_clock(Config::default(), clock.clone())
            .unwrap()
            .with_max_accounts(1);

    assert!(limiter.check(&1, Operation::PerSecond).is_ok());
    assert!(limiter.check(&2, Operation::PerSecond).is_err());
    assert!(captured.take().contains("keyed limiter is full"));
    // Further rejected accounts are not logged again until room is made.
    assert!(limiter.check(&3, Operation::PerSecond).is_err());
    assert_eq!(captured.take(), "");

    advance_to(&clock, Duration::from_secs(1));
    assert_eq!(limiter.evict_idle(), 1);
    assert!(captured.take().contains("evicted idle accounts evicted=1"));
}
