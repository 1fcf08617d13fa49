//! Clocks that a limiter reads and sleeps on.

use core::future::Future;
use core::time::Duration;
use std::time::Instant;

use governor::clock::{FakeRelativeClock, MonotonicClock, QuantaClock};

/// The clock limiters use unless told otherwise: governor's TSC-based clock.
pub type DefaultClock = QuantaClock;

/// A clock to read and to wait on.
///
/// Async waits use Tokio's timer, so they need a Tokio runtime with time
/// enabled. The fake clock advances itself by the time a waiter sleeps, which
/// makes waits in tests instant and deterministic.
pub trait Clock: governor::clock::Clock + Clone + Send + Sync + 'static {
    /// Returns after at least `duration` has passed on this clock.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;

    /// Blocks the thread until at least `duration` has passed on this clock.
    fn sleep_blocking(&self, duration: Duration);
}

/// Tokio's timer fires on millisecond ticks, up to one tick late. Sleeping one
/// tick short and yielding for the rest keeps a paced stream of calls from
/// losing up to a tick per call.
const TIMER_TICK: Duration = Duration::from_millis(1);

async fn precise_sleep(duration: Duration) {
    let deadline = Instant::now() + duration;
    if duration > TIMER_TICK {
        tokio::time::sleep(duration - TIMER_TICK).await;
    }
    while Instant::now() < deadline {
        tokio::task::yield_now().await;
    }
}

impl Clock for QuantaClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        precise_sleep(duration)
    }

    fn sleep_blocking(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

impl Clock for MonotonicClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        precise_sleep(duration)
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
