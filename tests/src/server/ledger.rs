//! The server's counting: per account, operation and fixed window, which calls
//! are admitted and which are throttled.
//!
//! A call is admitted when every window it is charged against (the
//! operation's own windows and its pool's) has admitted fewer calls than its
//! count in the current fixed window. An admitted call counts in all of them.
//! A throttled call counts in none, so it does not shorten the budget.

use core::time::Duration;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use qps_limits::{Operation, Unit, Window};

use crate::server::budget::{Budgets, Charge, Owner};
use crate::server::clock::WallClock;
use crate::server::window::{Tally, WindowKey, window_start};

/// The decision on one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The call is within every limit.
    Admitted,
    /// The call is over a limit.
    Throttled(Breach),
}

/// The window that throttled a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breach {
    /// The window's documented count and unit.
    pub window: Window,
    /// The window's start, since the Unix epoch.
    pub start: Duration,
    /// The pool whose window it is, or `None` for the operation's own window.
    pub pool: Option<&'static str>,
}

/// Calls admitted in the current window of one budget.
#[derive(Clone, Copy, Debug)]
struct Usage {
    start: Duration,
    admitted: u32,
}

#[derive(Debug)]
struct Books<O> {
    usage: HashMap<(String, Owner, usize), Usage>,
    tallies: HashMap<WindowKey<O>, Tally>,
    totals: HashMap<(String, O), Tally>,
}

/// Counts calls per account, operation and window of one table, and decides
/// which are throttled.
///
/// Tallies are kept for the ledger's lifetime, so its memory grows with the
/// number of windows that received calls.
pub struct Ledger<O> {
    budgets: Budgets,
    clock: Arc<dyn WallClock>,
    books: Mutex<Books<O>>,
}

impl<O: Operation> Ledger<O> {
    /// Builds a ledger for `O`'s table that reads `clock`. With a region, its
    /// counts replace the documented ones for the operations that list it.
    pub fn new(clock: Arc<dyn WallClock>, region: Option<&str>) -> Ledger<O> {
        let books = Books {
            usage: HashMap::new(),
            tallies: HashMap::new(),
            totals: HashMap::new(),
        };
        Ledger {
            budgets: Budgets::of_table::<O>(region),
            clock,
            books: Mutex::new(books),
        }
    }

    /// Decides on one call of `account` to `operation` at the clock's current
    /// time, and records it.
    pub fn record(&self, account: &str, operation: O) -> Verdict {
        let now = self.clock.now();
        let index = operation.index();
        let charges = self.budgets.charges(index);
        let mut books = self.lock();

        let verdict = match charges
            .iter()
            .find_map(|charge| books.breach(account, charge, now))
        {
            Some(breach) => Verdict::Throttled(breach),
            None => {
                for charge in charges {
                    books.admit(account, charge, now);
                }
                Verdict::Admitted
            }
        };

        let throttled = matches!(verdict, Verdict::Throttled(_));
        for &unit in self.budgets.tally_units(index) {
            let key = WindowKey {
                account: account.to_owned(),
                operation,
                unit,
                start: window_start(now, unit),
            };
            books.tallies.entry(key).or_default().count(throttled);
        }
        books
            .totals
            .entry((account.to_owned(), operation))
            .or_default()
            .count(throttled);
        verdict
    }

    /// Returns the calls recorded in one window. A window with no calls has an
    /// empty tally.
    pub fn tally(&self, key: &WindowKey<O>) -> Tally {
        self.lock().tallies.get(key).copied().unwrap_or_default()
    }

    /// Returns the calls of `account` to `operation` in the window of `unit`
    /// that starts at `start`.
    pub fn tally_at(&self, account: &str, operation: O, unit: Unit, start: Duration) -> Tally {
        let key = WindowKey {
            account: account.to_owned(),
            operation,
            unit,
            start,
        };
        self.tally(&key)
    }

    /// Returns every recorded window with its calls, ordered by account,
    /// operation (in table order), unit and start.
    pub fn tallies(&self) -> Vec<(WindowKey<O>, Tally)> {
        let mut tallies: Vec<_> = self
            .lock()
            .tallies
            .iter()
            .map(|(key, tally)| (key.clone(), *tally))
            .collect();
        tallies.sort_by(|(a, _), (b, _)| {
            (&a.account, a.operation.index(), a.unit, a.start).cmp(&(
                &b.account,
                b.operation.index(),
                b.unit,
                b.start,
            ))
        });
        tallies
    }

    /// Returns all calls of `account` to `operation` since the ledger started.
    pub fn totals(&self, account: &str, operation: O) -> Tally {
        let key = (account.to_owned(), operation);
        self.lock().totals.get(&key).copied().unwrap_or_default()
    }

    fn lock(&self) -> MutexGuard<'_, Books<O>> {
        // A panic while the lock is held leaves at most one call partly
        // recorded, so later calls keep being counted rather than all failing.
        self.books.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<O> Books<O> {
    /// Returns the breach when the window of `charge` that contains `now` is full.
    fn breach(&self, account: &str, charge: &Charge, now: Duration) -> Option<Breach> {
        let start = window_start(now, charge.window.unit());
        let admitted = match self
            .usage
            .get(&(account.to_owned(), charge.owner, charge.slot))
        {
            Some(usage) if usage.start == start => usage.admitted,
            _ => 0,
        };
        (admitted >= charge.window.count()).then_some(Breach {
            window: charge.window,
            start,
            pool: charge.pool,
        })
    }

    /// Counts an admitted call in the window of `charge` that contains `now`,
    /// starting the window afresh when the last call fell in an earlier one.
    fn admit(&mut self, account: &str, charge: &Charge, now: Duration) {
        let start = window_start(now, charge.window.unit());
        let usage = self
            .usage
            .entry((account.to_owned(), charge.owner, charge.slot))
            .or_insert(Usage { start, admitted: 0 });
        if usage.start != start {
            *usage = Usage { start, admitted: 0 };
        }
        usage.admitted += 1;
    }
}
