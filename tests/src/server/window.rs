//! Fixed windows aligned to the wall clock, and the calls counted in each.

use core::time::Duration;

use qps_limits::Unit;

/// Returns the start of the window of `unit` that contains `now`.
///
/// Windows start on whole units since the Unix epoch: per-second windows on
/// whole seconds, per-minute windows on whole minutes, per-day windows at
/// midnight UTC.
pub fn window_start(now: Duration, unit: Unit) -> Duration {
    let length = unit.duration().as_nanos();
    let start = now.as_nanos() - now.as_nanos() % length;
    Duration::from_nanos(u64::try_from(start).unwrap_or(u64::MAX))
}

/// One window of one account and operation, as the server records it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WindowKey<O> {
    /// The account the calls were charged to.
    pub account: String,
    /// The operation called.
    pub operation: O,
    /// The unit, and so the length, of the window.
    pub unit: Unit,
    /// The window's start, since the Unix epoch.
    pub start: Duration,
}

/// The calls received in one window, or over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Calls received, admitted or not.
    pub received: u64,
    /// Calls rejected with a throttling error.
    pub throttled: u64,
}

impl Tally {
    /// Returns the calls admitted: received and not throttled.
    pub fn admitted(&self) -> u64 {
        self.received - self.throttled
    }

    pub(crate) fn count(&mut self, throttled: bool) {
        self.received += 1;
        if throttled {
            self.throttled += 1;
        }
    }
}
