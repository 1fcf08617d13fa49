//! Every plan a limiter has built, one of them current, read without locks or
//! reference counts.
//!
//! A check reads the current plan on every call, and a change of limits
//! replaces it. Freeing a replaced plan safely would need every check to
//! announce itself (an atomic write, as `arc-swap` does), which costs about
//! half of a governor check. Instead, plans are never freed before the
//! limiter: the list only grows, and a change back to limits seen before
//! reuses their plan. Memory grows with the number of distinct sets of limits
//! a limiter enforces over its life, not with the number of changes.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Chunk `k` has room for `2^k` entries, so 32 chunks have room for `2^32 - 1`.
const CHUNKS: usize = 32;

/// An append-only list of `T`, of which one is current. Entries never move
/// and are dropped only with the list.
pub(crate) struct Versions<T> {
    first: T,
    chunks: [OnceLock<Box<[OnceLock<T>]>>; CHUNKS],
    /// Entries after `first`; only the caller's own lock serializes pushes.
    pushed: AtomicUsize,
    /// 0 for `first`, `n` for the `n`-th pushed entry.
    current: AtomicUsize,
}

impl<T> Versions<T> {
    /// Builds a list whose only and current entry is `first`.
    pub(crate) fn new(first: T) -> Self {
        Versions {
            first,
            chunks: [const { OnceLock::new() }; CHUNKS],
            pushed: AtomicUsize::new(0),
            current: AtomicUsize::new(0),
        }
    }

    /// Returns the current entry.
    #[inline]
    pub(crate) fn current(&self) -> &T {
        self.get(self.current.load(Ordering::Acquire))
            .unwrap_or(&self.first)
    }

    /// Returns the current entry's version number.
    pub(crate) fn current_version(&self) -> usize {
        self.current.load(Ordering::Acquire)
    }

    /// Returns the entry with version number `version`.
    #[inline]
    pub(crate) fn get(&self, version: usize) -> Option<&T> {
        if version == 0 {
            return Some(&self.first);
        }
        let (chunk, offset) = locate(version - 1);
        self.chunks.get(chunk)?.get()?.get(offset)?.get()
    }

    /// Appends `value` and returns its version number, or gives `value` back
    /// when the list is full. Callers serialize pushes with a lock of their own.
    pub(crate) fn push(&self, value: T) -> Result<usize, T> {
        let index = self.pushed.load(Ordering::Acquire);
        let (chunk, offset) = locate(index);
        let Some(slots) = self.chunks.get(chunk) else {
            return Err(value);
        };
        let slots = slots.get_or_init(|| (0..1usize << chunk).map(|_| OnceLock::new()).collect());
        slots[offset].set(value)?;
        self.pushed.store(index + 1, Ordering::Release);
        Ok(index + 1)
    }

    /// Makes the entry with version number `version` current.
    pub(crate) fn make_current(&self, version: usize) {
        self.current.store(version, Ordering::Release);
    }
}

/// Returns the chunk and the offset in it of pushed entry `index`.
fn locate(index: usize) -> (usize, usize) {
    let position = index + 1;
    let chunk = (usize::BITS - 1 - position.leading_zeros()) as usize;
    (chunk, position - (1 << chunk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_fills_chunks_in_order() {
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(1), (1, 0));
        assert_eq!(locate(2), (1, 1));
        assert_eq!(locate(3), (2, 0));
        assert_eq!(locate(6), (2, 3));
        assert_eq!(locate(7), (3, 0));
    }

    #[test]
    fn pushed_entries_stay_readable() {
        let versions = Versions::new(0);
        for value in 1..100 {
            assert_eq!(versions.push(value), Ok(value));
        }
        versions.make_current(42);

        assert_eq!(*versions.current(), 42);
        assert_eq!(versions.current_version(), 42);
        assert!((0..100).all(|version| versions.get(version) == Some(&version)));
        assert_eq!(versions.get(100), None);
    }
}
