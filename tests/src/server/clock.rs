//! Wall clocks the throttling server reads: the system clock, and a manual one
//! for tests.

use core::time::Duration;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of wall-clock time. The server aligns its windows to it.
pub trait WallClock: Send + Sync + 'static {
    /// Returns the time since the Unix epoch.
    fn now(&self) -> Duration;
}

/// The operating system's wall clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl WallClock for SystemClock {
    fn now(&self) -> Duration {
        // A clock set before 1970 reads as the epoch, which only shifts windows.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
    }
}

/// A clock that moves only when a test sets or advances it. Clones share the
/// same time.
#[derive(Clone, Debug, Default)]
pub struct ManualClock {
    nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// Builds a clock that reads `now` since the Unix epoch.
    pub fn new(now: Duration) -> ManualClock {
        let clock = ManualClock::default();
        clock.set(now);
        clock
    }

    /// Sets the time since the Unix epoch.
    ///
    /// # Panics
    ///
    /// Panics when `now` does not fit in 64 bits of nanoseconds (after 2554).
    pub fn set(&self, now: Duration) {
        let nanos = u64::try_from(now.as_nanos()).expect("the time fits in 64 bits of nanoseconds");
        self.nanos.store(nanos, Ordering::SeqCst);
    }

    /// Moves the time forward by `duration`.
    pub fn advance(&self, duration: Duration) {
        self.set(self.now() + duration);
    }
}

impl WallClock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}
