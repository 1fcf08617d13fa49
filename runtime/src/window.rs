//! One strict window enforced by a governor rate limiter whose state this
//! crate can read and restore.
//!
//! governor keeps its GCRA state, the theoretical arrival time (TAT), inside
//! the rate limiter. This crate needs it outside too: to undo a call admitted
//! by one window when another window of the same operation rejects it, and to
//! carry the state into a rebuilt limiter when limits change, so that a reload
//! never grants a fresh burst. [`SharedTat`] is a governor state store over an
//! atomic that both sides hold.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use governor::RateLimiter;
use governor::middleware::NoOpMiddleware;
use governor::clock::Reference;
use governor::nanos::Nanos;
use governor::state::{NotKeyed, StateStore};

use crate::clock::Clock;
use crate::quota::StrictQuota;

/// A governor state store over a shared atomic TAT, in nanoseconds since the
/// rate limiter's start. 0 means no call yet.
#[derive(Clone, Debug, Default)]
pub(crate) struct SharedTat(Arc<AtomicU64>);

impl StateStore for SharedTat {
    type Key = NotKeyed;

    fn measure_and_replace<T, F, E>(&self, _key: &NotKeyed, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        let read = |value: u64| (value != 0).then(|| Nanos::from(value));
        let mut previous = self.0.load(Ordering::Acquire);
        loop {
            let (result, next) = f(read(previous))?;
            match self.0.compare_exchange_weak(previous, next.as_u64(), Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Ok(result),
                Err(current) => previous = current,
            }
        }
    }
}

/// One window of one operation or pool: a governor limiter with a strict quota.
pub(crate) struct WindowLimiter<C: Clock> {
    limiter: RateLimiter<NotKeyed, SharedTat, C, NoOpMiddleware<C::Instant>>,
    tat: SharedTat,
    /// Clock readings just before and just after the limiter was built; its
    /// start lies between them.
    started: (C::Instant, C::Instant),
    quota: StrictQuota,
}

impl<C: Clock> WindowLimiter<C> {
    /// Builds a window. `carried` is a theoretical arrival time from a limiter
    /// this one replaces; the new window admits nothing before it.
    pub(crate) fn new(quota: StrictQuota, clock: &C, carried: Option<C::Instant>) -> Self {
        let tat = SharedTat::default();
        let before = clock.now();
        let limiter = RateLimiter::new(quota.to_quota(), tat.clone(), clock.clone());
        let after = clock.now();
        if let Some(carried) = carried {
            // The start is at least `before`, so counting from `before` never
            // moves the carried time earlier.
            let since_start = carried.duration_since(before).as_u64();
            tat.0.store(since_start, Ordering::Release);
        }
        WindowLimiter { limiter, tat, started: (before, after), quota }
    }

    /// Admits a call, or returns the earliest time this window could.
    pub(crate) fn check(&self) -> Result<(), C::Instant> {
        self.limiter.check().map_err(|not_until| not_until.earliest_possible())
    }

    /// Returns the raw state, for [`WindowLimiter::restore`].
    pub(crate) fn snapshot(&self) -> u64 {
        self.tat.0.load(Ordering::Acquire)
    }

    /// Puts back a state taken by [`WindowLimiter::snapshot`], undoing the
    /// calls admitted since. Callers hold the lock that serializes this window.
    pub(crate) fn restore(&self, snapshot: u64) {
        self.tat.0.store(snapshot, Ordering::Release);
    }

    /// Returns the theoretical arrival time as a clock reading, rounded late,
    /// or `None` when no call was admitted yet.
    pub(crate) fn theoretical_arrival(&self) -> Option<C::Instant> {
        let tat = self.snapshot();
        (tat != 0).then(|| self.started.1 + Nanos::from(tat))
    }

    /// Returns the strict quota this window enforces.
    pub(crate) fn quota(&self) -> &StrictQuota {
        &self.quota
    }
}
