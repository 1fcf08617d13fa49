//! Slots reserved ahead by the waiter at the head of a queue.
//!
//! governor decides whether a call is admitted at the clock's current time.
//! A waiter that sleeps until its earliest time wakes up late by the timer's
//! slack, and GCRA restarts its schedule from that late time. Each late
//! wake-up would so cost throughput: up to one timer tick per call, which
//! measured 3% of a 100-per-second limit with Tokio's millisecond timer. Instead, the waiter
//! at the head of the queue reserves its slot ahead. It evaluates the same
//! GCRA rule at the slot's time and moves the TATs as if the call had been
//! admitted then. The call goes out when the waiter wakes, a little late,
//! and the safety margin absorbs that delay like network jitter.
//!
//! Only the head of a queue reserves, and checks are refused while anyone
//! waits, so no later call of the same operation takes a slot in between.

use std::sync::Mutex;

use crate::account::{CellIndex, Cells};
use crate::clock::Clock;
use crate::plan::{MAX_WINDOWS, PlannedWindow};

/// The change one reservation made to one cell.
#[derive(Clone, Copy, Debug, Default)]
struct Change {
    cell: CellIndex,
    before: u64,
    after: u64,
}

/// A call's slot, in nanoseconds since the limiter's origin, and the TATs it moved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reservation {
    at: u64,
    changes: [Change; MAX_WINDOWS],
    len: usize,
}

impl Reservation {
    /// Reserves nothing: the slot of a call that no window limits.
    pub(crate) fn immediate(now: u64) -> Reservation {
        Reservation {
            at: now,
            changes: [Change::default(); MAX_WINDOWS],
            len: 0,
        }
    }

    /// Returns the slot's time in nanoseconds since the origin.
    pub(crate) fn at(&self) -> u64 {
        self.at
    }

    /// Gives the slot back, for a waiter dropped before its slot came. A cell
    /// that a later call moved keeps its TAT, which errs toward fewer calls.
    pub(crate) fn release(&self, cells: &impl Cells) {
        for change in &self.changes[..self.len] {
            if let Some(cell) = cells.get(change.cell) {
                cell.replace(change.after, change.before);
            }
        }
    }
}

/// Reserves the earliest slot at or after `now` in one window that is
/// checked without a lock. Returns `None` when the account lacks the cell.
pub(crate) fn reserve_one<C: Clock>(
    window: &PlannedWindow<C>,
    cells: &impl Cells,
    now: u64,
) -> Option<Reservation> {
    let cell = cells.get(window.cell)?;
    loop {
        let before = cell.snapshot();
        let at = window.limiter.earliest_at(before, now);
        let after = window.limiter.tat_after(before, at);
        if cell.replace(before, after) {
            let mut reservation = Reservation::immediate(at);
            reservation.changes[0] = Change {
                cell: window.cell,
                before,
                after,
            };
            reservation.len = 1;
            return Some(reservation);
        }
    }
}

/// Reserves the earliest slot at or after `now` that every window admits,
/// under `lock` when one is given. Without one, the caller has exclusive
/// access to the account. Returns `None` when the account lacks a cell.
pub(crate) fn reserve_all<'a, C: Clock + 'a>(
    windows: impl Iterator<Item = &'a PlannedWindow<C>> + Clone,
    cells: &impl Cells,
    lock: Option<&Mutex<()>>,
    now: u64,
) -> Option<Reservation> {
    let mut found = [None; MAX_WINDOWS];
    for (slot, window) in found.iter_mut().zip(windows.clone()) {
        *slot = Some(cells.get(window.cell)?);
    }

    // Nothing panics while the lock is held, and it guards no data.
    let _guard = lock.map(|lock| lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    let mut at = now;
    for (window, cell) in windows.clone().zip(found.iter().flatten()) {
        at = at.max(window.limiter.earliest_at(cell.snapshot(), now));
    }

    let mut reservation = Reservation::immediate(at);
    for (window, cell) in windows.zip(found.iter().flatten()) {
        let before = cell.snapshot();
        let after = window.limiter.tat_after(before, at);
        cell.restore(after);
        reservation.changes[reservation.len] = Change {
            cell: window.cell,
            before,
            after,
        };
        reservation.len += 1;
    }
    Some(reservation)
}

/// A reserved slot that is given back unless its waiter keeps it, so that a
/// wait dropped while it sleeps consumes nothing.
pub(crate) struct Pending<R: FnMut(&Reservation)> {
    reservation: Reservation,
    release: Option<R>,
}

impl<R: FnMut(&Reservation)> Pending<R> {
    /// Holds `reservation`, calling `release` with it if dropped unkept.
    pub(crate) fn new(reservation: Reservation, release: R) -> Self {
        Pending {
            reservation,
            release: Some(release),
        }
    }

    /// Keeps the slot: the call goes out.
    pub(crate) fn keep(mut self) {
        self.release = None;
    }
}

impl<R: FnMut(&Reservation)> Drop for Pending<R> {
    fn drop(&mut self) {
        if let Some(mut release) = self.release.take() {
            release(&self.reservation);
        }
    }
}
