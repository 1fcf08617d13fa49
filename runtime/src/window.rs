//! One strict window enforced by a governor rate limiter over state that this
//! crate owns.
//!
//! governor keeps its GCRA state, the theoretical arrival time (TAT), in a
//! state store. This crate keeps every TAT in a [`Tat`] cell outside the rate
//! limiter for three reasons. It can undo a call admitted by one window when
//! another window of the same operation rejects it. One rate limiter can serve
//! the cells of many accounts. And the state survives a change of limits.
//!
//! A cell holds its TAT as nanoseconds since the origin of the limiter that
//! owns it, a clock reading taken once. Each governor rate limiter counts from
//! its own start instead, so [`TatStore`] translates between the two. A rate
//! limiter rebuilt for new limits reads the same cells, so the calls admitted
//! before a reload still count after it and earn no fresh burst.

use core::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use governor::RateLimiter;
use governor::clock::Reference;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::StateStore;

use crate::clock::Clock;
use crate::quota::StrictQuota;

/// The TAT of one window of one account, in nanoseconds since the owning
/// limiter's origin. 0 means no call was admitted yet.
#[derive(Debug, Default)]
pub(crate) struct Tat(AtomicU64);

impl Tat {
    /// Returns the raw value, for [`Tat::restore`] and idle checks.
    pub(crate) fn snapshot(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Puts back a value taken by [`Tat::snapshot`], undoing the calls
    /// admitted since. Callers hold the lock that serializes this cell.
    pub(crate) fn restore(&self, snapshot: u64) {
        self.0.store(snapshot, Ordering::Release);
    }

    /// Moves the TAT later by `delay` nanoseconds, unless no call was admitted.
    pub(crate) fn delay(&self, delay: u64) {
        let _ = self
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tat| {
                (tat != 0).then(|| tat.saturating_add(delay))
            });
    }

    /// Moves the TAT to at least `tat`.
    pub(crate) fn raise_to(&self, tat: u64) {
        self.0.fetch_max(tat, Ordering::AcqRel);
    }

    /// Replaces `current` with `next`. Returns false, changing nothing, when
    /// the cell no longer contains `current`.
    pub(crate) fn replace(&self, current: u64, next: u64) -> bool {
        self.0
            .compare_exchange(current, next, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }
}

// governor's keyed rate limiters take their key by reference and require these
// traits of it; they never clone, compare or hash it. A cell is the key, so one
// rate limiter checks the cell of whichever account it is given.
impl Clone for Tat {
    fn clone(&self) -> Self {
        Tat(AtomicU64::new(self.snapshot()))
    }
}

impl PartialEq for Tat {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot() == other.snapshot()
    }
}

impl Eq for Tat {}

impl Hash for Tat {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.snapshot().hash(state);
    }
}

/// A governor state store whose keys are the cells themselves.
///
/// `offset` is the rate limiter's start in nanoseconds since the origin. It is
/// read just before governor reads the start, so it may be a few nanoseconds
/// early on a real clock. A cell written by one rate limiter and read by its
/// replacement can then look that much earlier than it is, far less than the
/// safety margin. On the fake clock the two readings are equal and the translation is
/// exact.
#[derive(Debug)]
pub(crate) struct TatStore {
    offset: u64,
}

impl StateStore for TatStore {
    type Key = Tat;

    fn measure_and_replace<T, F, E>(&self, cell: &Tat, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        // A TAT at or before the start is in the past, which GCRA treats
        // exactly like no TAT at all.
        let relative = |value: u64| (value > self.offset).then(|| Nanos::from(value - self.offset));
        let mut previous = cell.0.load(Ordering::Acquire);
        loop {
            let (result, next) = f(relative(previous))?;
            let next = next.as_u64().saturating_add(self.offset);
            match cell
                .0
                .compare_exchange_weak(previous, next, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return Ok(result),
                Err(current) => previous = current,
            }
        }
    }
}

/// One window of one operation or pool: a governor rate limiter with a strict
/// quota, shared by every account the limiter serves.
pub(crate) struct WindowLimiter<C: Clock> {
    limiter: RateLimiter<Tat, TatStore, C, NoOpMiddleware<C::Instant>>,
    quota: StrictQuota,
    /// The replenish interval in nanoseconds.
    interval: u64,
    /// governor's burst tolerance: a call is admitted this long before the TAT.
    tolerance: u64,
}

impl<C: Clock> WindowLimiter<C> {
    /// Builds a window whose cells count from `origin`.
    pub(crate) fn new(quota: StrictQuota, clock: &C, origin: C::Instant) -> Self {
        let offset = clock.now().duration_since(origin).as_u64();
        let limiter = RateLimiter::new(quota.to_quota(), TatStore { offset }, clock.clone());
        let interval = u64::try_from(quota.interval().as_nanos()).unwrap_or(u64::MAX);
        let tolerance = interval.saturating_mul(u64::from(quota.burst - 1));
        WindowLimiter {
            limiter,
            quota,
            interval,
            tolerance,
        }
    }

    /// Admits a call against `cell`, or returns the earliest time it could be.
    #[inline]
    pub(crate) fn check(&self, cell: &Tat) -> Result<(), C::Instant> {
        self.limiter
            .check_key(cell)
            .map_err(|not_until| not_until.earliest_possible())
    }

    /// Returns the earliest time at or after `now` at which this window admits
    /// a call, given the cell's TAT. Both count nanoseconds since the origin,
    /// and a TAT of 0 means no call yet. This is GCRA's test, as governor
    /// applies it: a call may come `tolerance` before the TAT.
    pub(crate) fn earliest_at(&self, tat: u64, now: u64) -> u64 {
        if tat == 0 {
            return now;
        }
        now.max(tat.saturating_sub(self.tolerance))
    }

    /// Returns the cell's TAT after a call admitted at `at`: GCRA's update, as
    /// governor applies it, `max(tat, at) + interval`.
    pub(crate) fn tat_after(&self, tat: u64, at: u64) -> u64 {
        tat.max(at).saturating_add(self.interval)
    }

    /// Returns the strict quota this window enforces.
    pub(crate) fn quota(&self) -> &StrictQuota {
        &self.quota
    }

    /// Returns governor's burst tolerance in nanoseconds: `interval * (burst - 1)`.
    pub(crate) fn tolerance(&self) -> u64 {
        self.tolerance
    }
}
