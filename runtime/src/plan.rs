//! The windows a limiter enforces, built from a table, its overrides and a
//! [`Config`]: one gate per operation and one budget per pool.
//!
//! A plan contains quotas and governor rate limiters but no state: every check
//! names the account's cells. Changing limits builds a new plan over the same
//! cells, so nothing admitted before the change is forgotten.

use governor::nanos::Nanos;

use crate::account::{CellIndex, Cells};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::ConfigError;
use crate::limit::Window;
use crate::limits::LimitSet;
use crate::operation::Operation;
use crate::quota::StrictQuota;
use crate::reservation::{Reservation, reserve_all, reserve_one};
use crate::window::{Tat, WindowLimiter};

/// The maximum number of windows one check can involve: four units for the operation and
/// four for its pool.
pub(crate) const MAX_WINDOWS: usize = 8;

/// One window and the cell it checks.
pub(crate) struct PlannedWindow<C: Clock> {
    pub(crate) cell: CellIndex,
    pub(crate) limiter: WindowLimiter<C>,
}

/// The way a gate checks a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    /// Not limited: every call is admitted.
    Unlimited,
    /// One window of its own, checked without a lock.
    Own,
    /// Only the single window of a pool whose members all check it this way,
    /// without a lock.
    Pool(usize),
    /// Several windows, checked and undone together under the account's lock.
    Transaction,
}

/// The windows of one operation.
pub(crate) struct GatePlan<C: Clock> {
    pub(crate) windows: Vec<PlannedWindow<C>>,
    pub(crate) pool: Option<usize>,
    route: Route,
}

/// The windows shared by the members of one pool.
pub(crate) struct PoolPlan<C: Clock> {
    pub(crate) windows: Vec<PlannedWindow<C>>,
}

/// The result of checking one call against a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome<I> {
    Admitted,
    /// Not admitted before this time.
    NotUntil(I),
    /// The account lacks a cell the check needs; keyed limiters add it and
    /// check again.
    Missing,
}

/// Every gate and pool of one table under one set of limits.
pub(crate) struct Plan<C: Clock> {
    pub(crate) gates: Box<[GatePlan<C>]>,
    pub(crate) pools: Box<[PoolPlan<C>]>,
}

impl<C: Clock> Plan<C> {
    /// Builds the plan of `O`'s table under `limits` and `config`.
    pub(crate) fn build<O: Operation>(
        config: &Config,
        limits: &LimitSet<O>,
        clock: &C,
        origin: C::Instant,
    ) -> Result<Self, ConfigError> {
        config.validate()?;
        let table = O::table();
        let context = BuildContext {
            config,
            clock,
            origin,
        };

        let mut pools = Vec::with_capacity(table.pools().len());
        for (index, pool) in table.pools().iter().enumerate() {
            let slot = O::COUNT + index;
            let windows = context.windows(pool.name(), slot, &limits.pool_windows(index))?;
            pools.push(PoolPlan { windows });
        }

        let mut gates = Vec::with_capacity(O::COUNT);
        for (index, spec) in table.operations().iter().enumerate() {
            let windows =
                context.windows(spec.name(), index, &limits.operation_windows(index, config))?;
            let pool = match spec.limit().pool() {
                Some(name) => Some(
                    table
                        .pools()
                        .iter()
                        .position(|pool| pool.name() == name)
                        .ok_or(ConfigError::UnknownPool {
                            operation: spec.name(),
                            pool: name,
                        })?,
                ),
                None => None,
            };
            gates.push(GatePlan {
                windows,
                pool,
                route: Route::Transaction,
            });
        }

        choose_routes(&mut gates, &pools);
        Ok(Plan {
            gates: gates.into_boxed_slice(),
            pools: pools.into_boxed_slice(),
        })
    }

    /// Returns every window a call to `operation` is checked against, its
    /// pool's last.
    pub(crate) fn windows(
        &self,
        operation: usize,
    ) -> impl Iterator<Item = &PlannedWindow<C>> + Clone {
        let gate = &self.gates[operation];
        let pool = gate
            .pool
            .map_or(&[][..], |index| &self.pools[index].windows[..]);
        gate.windows.iter().chain(pool)
    }

    /// Returns the strict quotas of every window a call to `operation` is
    /// checked against, its pool's last.
    pub(crate) fn quotas(&self, operation: usize) -> Vec<StrictQuota> {
        self.windows(operation)
            .map(|window| *window.limiter.quota())
            .collect()
    }

    /// Returns true when calls to `operation` are never limited.
    pub(crate) fn is_unlimited(&self, operation: usize) -> bool {
        self.gates[operation].route == Route::Unlimited
    }

    /// Returns true when a call to `operation` is checked as a transaction,
    /// which needs exclusive access to the account's cells.
    pub(crate) fn is_transaction(&self, operation: usize) -> bool {
        self.gates[operation].route == Route::Transaction
    }

    /// Admits a call to `operation` if every window admits it. A rejected call
    /// consumes nothing: windows that admitted it are restored.
    ///
    /// A transaction takes `lock`, or, when it is `None`, relies on the caller
    /// to hold exclusive access to the account's cells.
    #[inline]
    pub(crate) fn check(
        &self,
        operation: usize,
        cells: &impl Cells,
        lock: Option<&std::sync::Mutex<()>>,
    ) -> Outcome<C::Instant> {
        let gate = &self.gates[operation];
        let window = match gate.route {
            Route::Unlimited => return Outcome::Admitted,
            Route::Own => &gate.windows[0],
            Route::Pool(pool) => &self.pools[pool].windows[0],
            Route::Transaction => return self.check_transaction(operation, cells, lock),
        };
        match cells.get(window.cell) {
            Some(cell) => outcome(window.limiter.check(cell)),
            None => Outcome::Missing,
        }
    }

    fn check_transaction(
        &self,
        operation: usize,
        cells: &impl Cells,
        lock: Option<&std::sync::Mutex<()>>,
    ) -> Outcome<C::Instant> {
        let mut resolved: [Option<&Tat>; MAX_WINDOWS] = [None; MAX_WINDOWS];
        for (slot, window) in resolved.iter_mut().zip(self.windows(operation)) {
            match cells.get(window.cell) {
                Some(cell) => *slot = Some(cell),
                None => return Outcome::Missing,
            }
        }

        // Nothing panics while the lock is held, and it guards no data.
        let _guard = lock.map(|lock| lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        let mut snapshots = [0u64; MAX_WINDOWS];
        let mut latest: Option<C::Instant> = None;
        let checked = self.windows(operation).zip(&resolved).zip(&mut snapshots);
        for ((window, cell), snapshot) in checked {
            let Some(cell) = cell else { continue };
            *snapshot = cell.snapshot();
            if let Err(earliest) = window.limiter.check(cell) {
                latest = Some(latest.map_or(earliest, |known| known.max(earliest)));
            }
        }

        let Some(latest) = latest else {
            return Outcome::Admitted;
        };
        for (cell, snapshot) in resolved.iter().zip(snapshots) {
            if let Some(cell) = cell {
                cell.restore(snapshot);
            }
        }
        Outcome::NotUntil(latest)
    }

    /// Reserves the earliest slot at or after `now` (nanoseconds since the
    /// origin) for the waiter at the head of `operation`'s queue. Returns
    /// `None` when the account lacks a cell the windows need.
    pub(crate) fn reserve(
        &self,
        operation: usize,
        cells: &impl Cells,
        lock: Option<&std::sync::Mutex<()>>,
        now: u64,
    ) -> Option<Reservation> {
        let gate = &self.gates[operation];
        match gate.route {
            Route::Unlimited => Some(Reservation::immediate(now)),
            Route::Own => reserve_one(&gate.windows[0], cells, now),
            Route::Pool(pool) => reserve_one(&self.pools[pool].windows[0], cells, now),
            Route::Transaction => reserve_all(self.windows(operation), cells, lock, now),
        }
    }

    /// Estimates when a call arriving now would be admitted behind `waiters`
    /// queued calls: after the latest window lets the next call through, plus
    /// one slowest replenish interval per waiter.
    pub(crate) fn estimate(
        &self,
        operation: usize,
        cells: &impl Cells,
        origin: C::Instant,
        now: C::Instant,
        waiters: usize,
    ) -> C::Instant {
        let mut earliest = now;
        let mut slowest = Nanos::from(0);
        for window in self.windows(operation) {
            let interval = Nanos::from(window.limiter.quota().interval());
            if let Some(tat) = cells
                .get(window.cell)
                .map(Tat::snapshot)
                .filter(|tat| *tat != 0)
            {
                let next = origin + Nanos::from(tat.saturating_sub(window.limiter.tolerance()));
                earliest = earliest.max(next);
            }
            slowest = slowest.max(interval);
        }
        earliest + slowest * waiters as u64
    }
}

fn outcome<I>(result: Result<(), I>) -> Outcome<I> {
    match result {
        Ok(()) => Outcome::Admitted,
        Err(earliest) => Outcome::NotUntil(earliest),
    }
}

/// Chooses each gate's route once every gate and pool is built.
///
/// A pool's single window is checked without a lock only when no member has
/// windows of its own, since a member with its own windows checks the pool's
/// window inside a transaction that may restore it.
fn choose_routes<C: Clock>(gates: &mut [GatePlan<C>], pools: &[PoolPlan<C>]) {
    let lock_free: Vec<bool> = pools
        .iter()
        .enumerate()
        .map(|(index, pool)| {
            let mut members = gates.iter().filter(|gate| gate.pool == Some(index));
            pool.windows.len() == 1 && members.all(|gate| gate.windows.is_empty())
        })
        .collect();
    for gate in gates {
        gate.route = match (gate.windows.len(), gate.pool) {
            (0, None) => Route::Unlimited,
            (1, None) => Route::Own,
            (0, Some(pool)) if lock_free[pool] => Route::Pool(pool),
            _ => Route::Transaction,
        };
    }
}

/// The inputs every window of one plan is built from.
struct BuildContext<'a, C: Clock> {
    config: &'a Config,
    clock: &'a C,
    origin: C::Instant,
}

impl<C: Clock> BuildContext<'_, C> {
    /// Builds the strict windows of one operation or pool.
    fn windows(
        &self,
        name: &'static str,
        slot: usize,
        windows: &[Window],
    ) -> Result<Vec<PlannedWindow<C>>, ConfigError> {
        let mut planned: Vec<PlannedWindow<C>> = Vec::with_capacity(windows.len());
        for window in windows {
            let cell = CellIndex::new(slot, window.unit());
            if planned.iter().any(|known| known.cell == cell) {
                return Err(ConfigError::RepeatedUnit {
                    operation: name,
                    unit: window.unit(),
                });
            }
            let quota = self.quota(name, window)?;
            planned.push(PlannedWindow {
                cell,
                limiter: WindowLimiter::new(quota, self.clock, self.origin),
            });
        }
        Ok(planned)
    }

    fn quota(&self, name: &'static str, window: &Window) -> Result<StrictQuota, ConfigError> {
        if window.count() == 0 {
            return Err(ConfigError::ZeroCount { operation: name });
        }
        let count = window.count() / self.config.processes;
        if count == 0 {
            return Err(ConfigError::ShareTooSmall {
                operation: name,
                count: window.count(),
                processes: self.config.processes,
            });
        }
        Ok(StrictQuota::new(
            count,
            window.duration(),
            self.config.margin,
            self.config.burst,
        ))
    }
}
