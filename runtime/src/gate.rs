//! The gate of one operation: its windows, its pool, and its queue of waiters.
//!
//! Most operations have one window and no pool; their check is one lock-free
//! governor check. An operation with several windows, or sharing windows with
//! another operation through a pool, is checked as a transaction under locks:
//! every window is checked, and when any rejects the call, the windows that
//! admitted it are restored, so a rejected call consumes nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use governor::clock::Reference;
use governor::nanos::Nanos;

use crate::clock::Clock;
use crate::window::WindowLimiter;

/// The most windows one check can involve: four units for the operation and
/// four for its pool.
pub(crate) const MAX_WINDOWS: usize = 8;

/// Windows shared by the member operations of one pool.
pub(crate) struct PoolBudget<C: Clock> {
    pub(crate) name: &'static str,
    pub(crate) windows: Vec<WindowLimiter<C>>,
    /// True when members check the single window without the lock: the pool
    /// has one window and no member has windows of its own.
    pub(crate) lock_free: bool,
    lock: Mutex<()>,
}

impl<C: Clock> PoolBudget<C> {
    pub(crate) fn new(name: &'static str, windows: Vec<WindowLimiter<C>>) -> Self {
        PoolBudget { name, windows, lock_free: false, lock: Mutex::new(()) }
    }
}

/// How a gate checks a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    /// Not limited: every call is admitted.
    Unlimited,
    /// One window of its own, checked without a lock.
    Own,
    /// Only the single window of a lock-free pool.
    Pool(usize),
    /// Several windows, checked and undone together under locks.
    Transaction,
}

pub(crate) struct Gate<C: Clock> {
    pub(crate) operation: &'static str,
    pub(crate) windows: Vec<WindowLimiter<C>>,
    pub(crate) pool: Option<usize>,
    route: Route,
    lock: Mutex<()>,
    /// Waiters take turns in arrival order; Tokio's mutex is fair.
    pub(crate) queue: tokio::sync::Mutex<()>,
    waiters: AtomicUsize,
}

fn lock(mutex: &Mutex<()>) -> MutexGuard<'_, ()> {
    // Nothing panics while these locks are held, and they guard no data.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl<C: Clock> Gate<C> {
    pub(crate) fn new(operation: &'static str, windows: Vec<WindowLimiter<C>>, pool: Option<usize>) -> Self {
        Gate {
            operation,
            windows,
            pool,
            route: Route::Transaction,
            lock: Mutex::new(()),
            queue: tokio::sync::Mutex::new(()),
            waiters: AtomicUsize::new(0),
        }
    }

    /// Chooses the route once every gate and pool is built.
    pub(crate) fn choose_route(&mut self, pools: &[PoolBudget<C>]) {
        self.route = match (self.windows.len(), self.pool) {
            (0, None) => Route::Unlimited,
            (1, None) => Route::Own,
            (0, Some(pool)) if pools[pool].lock_free => Route::Pool(pool),
            _ => Route::Transaction,
        };
    }

    /// Returns true when this gate's calls are never limited.
    pub(crate) fn is_unlimited(&self) -> bool {
        self.route == Route::Unlimited
    }

    /// Admits a call unless waiters are queued or a window rejects it.
    pub(crate) fn check(&self, pools: &[PoolBudget<C>], clock: &C) -> Result<(), C::Instant> {
        let waiters = self.waiters.load(Ordering::Acquire);
        if waiters > 0 {
            return Err(self.estimate(pools, clock, waiters));
        }
        self.check_in_turn(pools)
    }

    /// Admits a call if every window admits it, ignoring the queue. Only the
    /// waiter at the head of the queue calls this directly.
    pub(crate) fn check_in_turn(&self, pools: &[PoolBudget<C>]) -> Result<(), C::Instant> {
        match self.route {
            Route::Unlimited => Ok(()),
            Route::Own => self.windows[0].check(),
            Route::Pool(pool) => pools[pool].windows[0].check(),
            Route::Transaction => self.check_transaction(pools),
        }
    }

    fn check_transaction(&self, pools: &[PoolBudget<C>]) -> Result<(), C::Instant> {
        let _own = lock(&self.lock);
        let pool = self.pool.map(|index| &pools[index]);
        let _pool = pool.map(|pool| lock(&pool.lock));
        let pool_windows = pool.map_or(&[][..], |pool| &pool.windows[..]);

        let mut snapshots = [0u64; MAX_WINDOWS];
        let mut latest: Option<C::Instant> = None;
        for (index, window) in self.windows.iter().chain(pool_windows).enumerate() {
            snapshots[index] = window.snapshot();
            if let Err(earliest) = window.check() {
                latest = Some(latest.map_or(earliest, |known| known.max(earliest)));
            }
        }

        let Some(latest) = latest else {
            return Ok(());
        };
        for (index, window) in self.windows.iter().chain(pool_windows).enumerate() {
            window.restore(snapshots[index]);
        }
        Err(latest)
    }

    /// Estimates when a call arriving now would be admitted, behind `waiters`
    /// queued calls.
    fn estimate(&self, pools: &[PoolBudget<C>], clock: &C, waiters: usize) -> C::Instant {
        let pool_windows = self.pool.map_or(&[][..], |index| &pools[index].windows[..]);
        let now = clock.now();
        let mut earliest = now;
        let mut slowest = Nanos::from(0);
        for window in self.windows.iter().chain(pool_windows) {
            let interval = Nanos::from(window.quota().interval());
            let tolerance = interval * u64::from(window.quota().burst - 1);
            if let Some(arrival) = window.theoretical_arrival() {
                earliest = earliest.max(arrival.saturating_sub(tolerance));
            }
            slowest = slowest.max(interval);
        }
        earliest + slowest * waiters as u64
    }

    /// Counts a waiter until the returned guard drops.
    pub(crate) fn join_queue(&self) -> QueueTicket<'_> {
        self.waiters.fetch_add(1, Ordering::AcqRel);
        QueueTicket { waiters: &self.waiters }
    }
}

/// A waiter's place in the count of waiters; dropping it leaves the queue.
pub(crate) struct QueueTicket<'a> {
    waiters: &'a AtomicUsize,
}

impl Drop for QueueTicket<'_> {
    fn drop(&mut self) {
        self.waiters.fetch_sub(1, Ordering::AcqRel);
    }
}
