//! The state of one account: a TAT cell per window, found by [`CellIndex`].
//!
//! Cells are addressed by operation (or pool) and unit rather than by position
//! in a plan, because an operation has at most one window per unit. A plan
//! rebuilt for new limits finds the same cells, so the state carries over.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::limit::Unit;
use crate::window::Tat;

/// The number of units, and so of cells per operation or pool.
pub(crate) const UNITS: usize = 4;

/// The position of one cell: `slot * UNITS + unit`, where the slot is the
/// operation's index, or the operation count plus the pool's index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct CellIndex(pub(crate) u32);

impl CellIndex {
    /// Returns the cell of `unit` in `slot`.
    pub(crate) fn new(slot: usize, unit: Unit) -> CellIndex {
        let unit = match unit {
            Unit::Second => 0,
            Unit::Minute => 1,
            Unit::Hour => 2,
            Unit::Day => 3,
        };
        CellIndex(u32::try_from(slot * UNITS + unit).unwrap_or(u32::MAX))
    }

    /// Returns the operation or pool slot the cell belongs to.
    pub(crate) fn slot(self) -> usize {
        self.0 as usize / UNITS
    }
}

/// The source of the cells a plan checks for one account.
pub(crate) trait Cells {
    /// Returns the cell at `index`, or `None` when the account has none yet.
    fn get(&self, index: CellIndex) -> Option<&Tat>;
}

/// Every cell of one account, allocated up front: the state of a limiter that
/// serves a single account.
pub(crate) struct DenseCells {
    slots: Box<[SlotCells]>,
}

/// The cells of one operation or pool, on a cache line of their own so that
/// threads calling different operations do not contend.
#[derive(Default)]
#[repr(align(64))]
struct SlotCells([Tat; UNITS]);

impl DenseCells {
    /// Allocates the cells of `slots` operations and pools.
    pub(crate) fn new(slots: usize) -> Self {
        DenseCells {
            slots: (0..slots).map(|_| SlotCells::default()).collect(),
        }
    }
}

impl Cells for DenseCells {
    #[inline]
    fn get(&self, index: CellIndex) -> Option<&Tat> {
        let index = index.0 as usize;
        self.slots
            .get(index / UNITS)
            .map(|slot| &slot.0[index % UNITS])
    }
}

/// The state of one account of a keyed limiter: the cells it has used, sorted
/// by index, and the number of its calls waiting.
///
/// The first cell sits inline, so an account that calls one single-window
/// operation takes 24 bytes and no allocation of its own. Each further cell
/// takes 16 bytes.
#[derive(Debug)]
pub(crate) struct SparseAccount {
    /// The index of `first`, or [`NO_CELL`].
    first_index: u32,
    /// Calls of this account waiting in any queue; an account with waiters is
    /// never evicted.
    waiters: AtomicU32,
    first: Tat,
    // A boxed `Vec` is one pointer wide, where a boxed slice takes two; it
    // keeps the map entry at 24 bytes plus the key.
    #[allow(clippy::box_collection)]
    rest: Option<Box<Vec<(CellIndex, Tat)>>>,
}

/// The `first_index` of an account with no cell.
const NO_CELL: u32 = u32::MAX;

impl Default for SparseAccount {
    fn default() -> Self {
        SparseAccount {
            first_index: NO_CELL,
            waiters: AtomicU32::new(0),
            first: Tat::default(),
            rest: None,
        }
    }
}

impl SparseAccount {
    /// Adds a cell for each of `indexes` the account lacks.
    pub(crate) fn insert(&mut self, indexes: impl IntoIterator<Item = CellIndex>) {
        let mut cells: Vec<(CellIndex, Tat)> = Vec::new();
        if self.first_index != NO_CELL {
            cells.push((CellIndex(self.first_index), std::mem::take(&mut self.first)));
        }
        cells.extend(self.rest.take().map(|rest| *rest).unwrap_or_default());
        for index in indexes {
            if let Err(position) = cells.binary_search_by_key(&index, |(known, _)| *known) {
                cells.insert(position, (index, Tat::default()));
            }
        }

        let mut cells = cells.into_iter();
        if let Some((index, tat)) = cells.next() {
            self.first_index = index.0;
            self.first = tat;
        }
        let rest: Vec<(CellIndex, Tat)> = cells.collect();
        self.rest = (!rest.is_empty()).then(|| Box::new(rest));
    }

    /// Returns true when no call waits and no cell contains a TAT later than
    /// `now`: every window is fully replenished, so the account behaves
    /// exactly like a fresh one.
    pub(crate) fn is_idle(&self, now: u64) -> bool {
        let rest = self.rest.iter().flat_map(|rest| rest.iter());
        self.waiters() == 0
            && self.first.snapshot() <= now
            && rest.into_iter().all(|(_, tat)| tat.snapshot() <= now)
    }

    /// Returns how many calls of this account wait.
    #[inline]
    pub(crate) fn waiters(&self) -> u32 {
        self.waiters.load(Ordering::Acquire)
    }

    /// Counts one more waiting call.
    pub(crate) fn add_waiter(&self) {
        self.waiters.fetch_add(1, Ordering::AcqRel);
    }

    /// Counts one waiting call less.
    pub(crate) fn remove_waiter(&self) {
        self.waiters.fetch_sub(1, Ordering::AcqRel);
    }

    /// Returns the heap bytes the cells after the first take.
    pub(crate) fn heap_size(&self) -> usize {
        self.rest.as_ref().map_or(0, |rest| {
            size_of::<Vec<(CellIndex, Tat)>>() + rest.capacity() * size_of::<(CellIndex, Tat)>()
        })
    }
}

impl Cells for SparseAccount {
    #[inline]
    fn get(&self, index: CellIndex) -> Option<&Tat> {
        if index.0 == self.first_index {
            return Some(&self.first);
        }
        let rest = self.rest.as_ref()?;
        let position = rest
            .binary_search_by_key(&index, |(known, _)| *known)
            .ok()?;
        Some(&rest[position].1)
    }
}
