//! The strict quota: the governor quota that never admits more than the
//! documented count in any window of the limit's length.
//!
//! governor implements GCRA: with replenish interval `T` and burst `B`, a call
//! is admitted when it comes no earlier than `T * (B - 1)` before the
//! theoretical arrival time. From idle that admits `B` calls at once and one
//! more every `T`, so a half-open window of length `W` can hold up to
//! `B + ceil(W / T) - 1` admitted calls.
//!
//! `Quota::per_second(n)` sets `B = n` and `T = 1 s / n`: the first second from
//! idle admits `2n - 1` calls, and a server counting `n` per second throttles
//! the rest. The strict quota solves the bound for `T` instead:
//!
//! ```text
//! B + W / T - 1 <= count   =>   T = W / (count - B + 1)
//! ```
//!
//! `T` is rounded up to the next nanosecond so that rounding never admits one
//! call too many. The window is stretched by the safety margin first, so
//! calls that reach the server up to that much later than admitted still fit.

use core::num::NonZeroU32;
use core::time::Duration;

use governor::Quota;

/// The parameters of one strict window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrictQuota {
    /// Calls allowed per window.
    pub count: u32,
    /// The window's length, margin included.
    pub window: Duration,
    /// Calls admitted at once from idle, at most `count`.
    pub burst: u32,
}

impl StrictQuota {
    /// Builds the strict quota for `count` calls per `window`, stretched by
    /// `margin`. The burst is clamped to `1..=count`.
    ///
    /// # Panics
    ///
    /// Panics if `count` is 0, since no quota admits nothing; callers validate
    /// counts first.
    pub fn new(count: u32, window: Duration, margin: Duration, burst: u32) -> StrictQuota {
        assert!(count > 0, "a strict quota needs a count of at least 1");
        StrictQuota {
            count,
            window: window + margin,
            burst: burst.clamp(1, count),
        }
    }

    /// Returns the replenish interval `T = W / (count - B + 1)`, rounded up.
    pub fn interval(&self) -> Duration {
        let slots = u128::from(self.count - self.burst + 1);
        let nanos = self.window.as_nanos().div_ceil(slots).max(1);
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    /// Returns the governor quota with this interval and burst.
    pub fn to_quota(&self) -> Quota {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.interval())
            .expect("the interval is at least one nanosecond")
            .allow_burst(burst)
    }

    /// Returns the most calls any half-open window of the quota's length can
    /// admit: `B + ceil(W / T) - 1`. It never exceeds `count`.
    pub fn max_per_window(&self) -> u64 {
        let interval = self.interval().as_nanos();
        let slots = self.window.as_nanos().div_ceil(interval);
        u64::from(self.burst) + u64::try_from(slots).unwrap_or(u64::MAX) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_for_burst_one() {
        let quota = StrictQuota::new(100, Duration::from_secs(1), Duration::ZERO, 1);
        assert_eq!(quota.interval(), Duration::from_millis(10));
        assert_eq!(quota.max_per_window(), 100);
    }

    #[test]
    fn interval_rounds_up() {
        let quota = StrictQuota::new(3, Duration::from_secs(1), Duration::ZERO, 1);
        assert_eq!(quota.interval(), Duration::from_nanos(333_333_334));
        assert_eq!(quota.max_per_window(), 3);
    }

    #[test]
    fn burst_shortens_nothing_past_count() {
        for burst in 1..=12 {
            let quota = StrictQuota::new(10, Duration::from_secs(60), Duration::ZERO, burst);
            assert!(
                quota.max_per_window() <= 10,
                "burst {burst} admits {}",
                quota.max_per_window()
            );
        }
    }

    #[test]
    fn margin_stretches_window() {
        let quota = StrictQuota::new(100, Duration::from_secs(1), Duration::from_millis(20), 1);
        assert_eq!(quota.interval(), Duration::from_micros(10_200));
    }
}
