//! The queue of calls waiting for one operation, served in arrival order.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Waiters of one operation (of one account).
///
/// Waiters take turns on a Tokio mutex, which grants the lock in the order it
/// was requested, async and blocking callers alike. `waiters` counts them so
/// that `check` does not jump the queue.
#[derive(Debug, Default)]
pub(crate) struct WaitQueue {
    pub(crate) turn: tokio::sync::Mutex<()>,
    waiters: AtomicUsize,
}

impl WaitQueue {
    /// Returns how many callers wait.
    #[inline]
    pub(crate) fn waiters(&self) -> usize {
        self.waiters.load(Ordering::Acquire)
    }

    /// Counts a waiter until the returned ticket drops.
    pub(crate) fn join(&self) -> QueueTicket<'_> {
        self.waiters.fetch_add(1, Ordering::AcqRel);
        QueueTicket {
            waiters: &self.waiters,
        }
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
