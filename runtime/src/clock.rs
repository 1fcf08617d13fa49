//! Clocks that a limiter reads and sleeps on.

use core::future::Future;
use core::time::Duration;

use governor::clock::{FakeRelativeClock, MonotonicClock, QuantaClock};

/// The clock limiters use by default: governor's TSC-based clock.
pub type DefaultClock = QuantaClock;

/// A clock to read and to wait on.
///
/// Async waits use Tokio's timer, so they need a Tokio runtime with time
/// enabled. The timer fires on millisecond ticks and may wake a waiter up to
/// a tick late. Limiters reserve each waiter's slot before it sleeps, so a
/// late wake-up delays that one call but shifts no later slot. The fake clock advances itself by the time a waiter sleeps, which
/// makes waits in tests instant and deterministic.
pub trait Clock: governor::clock::Clock + Clone + Send + Sync + 'static {
    /// Returns after at least `duration` has passed on this clock.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;

    /// Blocks the thread until at least `duration` has passed on this clock.
    fn sleep_blocking(&self, duration: Duration);
}

impl Clock for QuantaClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(duration)
    }

    fn sleep_blocking(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

impl Clock for MonotonicClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(duration)
    }

    fn sleep_blocking(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A manual clock for tests: time moves only when the test advances it or
/// when a waiter sleeps on it.
pub type FakeClock = FakeRelativeClock;

impl Clock for FakeRelativeClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        self.advance(duration);
        tokio::task::yield_now()
    }

    fn sleep_blocking(&self, duration: Duration) {
        self.advance(duration);
    }
}
