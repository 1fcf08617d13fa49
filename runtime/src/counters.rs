//! Counts of admitted, waited and rejected calls, per operation.

use std::sync::atomic::{AtomicU64, Ordering};

/// How many calls to one operation a limiter admitted, made wait, and rejected
/// since it was built.
///
/// `admitted` counts every admitted call, including those that waited first.
/// `waited` counts the admitted calls that had to wait. `rejected` counts the
/// checks that returned "not yet" to the caller (`check` and `try_acquire`),
/// not the retries inside a wait. A wait that is dropped counts nowhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counts {
    /// Calls admitted, at once or after waiting.
    pub admitted: u64,
    /// Admitted calls that waited for their turn first.
    pub waited: u64,
    /// Calls rejected with "not yet".
    pub rejected: u64,
}

/// The live counters of one operation.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    admitted: AtomicU64,
    waited: AtomicU64,
    rejected: AtomicU64,
}

impl Counters {
    #[inline]
    pub(crate) fn admit(&self) {
        self.admitted.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn admit_after_wait(&self) {
        self.admitted.fetch_add(1, Ordering::Relaxed);
        self.waited.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn reject(&self) {
        self.rejected.fetch_add(1, Ordering::Relaxed);
    }

    /// Reads the counters. Calls counted while reading may show in one
    /// counter and not yet in another.
    pub(crate) fn read(&self) -> Counts {
        Counts {
            admitted: self.admitted.load(Ordering::Relaxed),
            waited: self.waited.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
        }
    }
}
