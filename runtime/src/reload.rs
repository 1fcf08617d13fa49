//! The hand-over of state from a replaced plan to the plan built for new
//! limits, so that a change of limits never grants a fresh burst.
//!
//! The cells stay where they are, so every TAT carries over as it is. Two
//! cases need more:
//!
//! - A window whose burst tolerance grows (a larger burst, or a longer
//!   interval with a burst above 1) would admit calls earlier than the old
//!   window for the same TAT. Its TAT moves later by the growth, so the next
//!   call is admitted no earlier than before the change.
//! - A window of a unit the operation did not have starts from the latest TAT
//!   of the operation's other windows, plus its tolerance, so a busy account
//!   gets no burst from it. An account whose windows were all replenished
//!   starts it fresh, as a new account would.

use std::sync::{Mutex, MutexGuard};

use crate::account::{CellIndex, Cells};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::ConfigError;
use crate::limits::LimitSet;
use crate::operation::Operation;
use crate::plan::{Plan, PlannedWindow};
use crate::versions::Versions;

/// One change to an account's cells when a new plan replaces an old one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Carry {
    /// Move the TAT later by this many nanoseconds.
    Delay { cell: CellIndex, nanos: u64 },
    /// Start a new window's cell from the latest of `sources`, plus `tolerance`.
    Inherit {
        cell: CellIndex,
        sources: Vec<CellIndex>,
        tolerance: u64,
    },
}

/// Lists the changes that let `new` take over the cells of `old`.
pub(crate) fn carry_steps<C: Clock>(old: &Plan<C>, new: &Plan<C>) -> Vec<Carry> {
    let old_windows: Vec<&PlannedWindow<C>> = all_windows(old).collect();
    let mut steps = Vec::new();
    for window in all_windows(new) {
        let tolerance = window.limiter.tolerance();
        match old_windows.iter().find(|known| known.cell == window.cell) {
            Some(known) if tolerance > known.limiter.tolerance() => steps.push(Carry::Delay {
                cell: window.cell,
                nanos: tolerance - known.limiter.tolerance(),
            }),
            Some(_) => {}
            None => {
                let sources: Vec<CellIndex> = old_windows
                    .iter()
                    .filter(|known| known.cell.slot() == window.cell.slot())
                    .map(|known| known.cell)
                    .collect();
                if !sources.is_empty() {
                    steps.push(Carry::Inherit {
                        cell: window.cell,
                        sources,
                        tolerance,
                    });
                }
            }
        }
    }
    steps
}

fn all_windows<C: Clock>(plan: &Plan<C>) -> impl Iterator<Item = &PlannedWindow<C>> {
    let gates = plan.gates.iter().flat_map(|gate| gate.windows.iter());
    gates.chain(plan.pools.iter().flat_map(|pool| pool.windows.iter()))
}

/// Returns the cells an account needs before [`apply`]: new windows that
/// inherit a TAT later than `now`.
pub(crate) fn cells_to_add(steps: &[Carry], cells: &impl Cells, now: u64) -> Vec<CellIndex> {
    steps
        .iter()
        .filter_map(|step| match step {
            Carry::Inherit { cell, sources, .. } if cells.get(*cell).is_none() => {
                (latest(sources, cells) > now).then_some(*cell)
            }
            _ => None,
        })
        .collect()
}

/// Applies `steps` to one account's cells. `now` is in nanoseconds since the
/// origin the cells count from.
pub(crate) fn apply(steps: &[Carry], cells: &impl Cells, now: u64) {
    for step in steps {
        match step {
            Carry::Delay { cell, nanos } => {
                if let Some(cell) = cells.get(*cell) {
                    cell.delay(*nanos);
                }
            }
            Carry::Inherit {
                cell,
                sources,
                tolerance,
            } => {
                let latest = latest(sources, cells);
                if latest > now
                    && let Some(cell) = cells.get(*cell)
                {
                    cell.raise_to(latest.saturating_add(*tolerance));
                }
            }
        }
    }
}

fn latest(sources: &[CellIndex], cells: &impl Cells) -> u64 {
    sources
        .iter()
        .filter_map(|source| cells.get(*source))
        .map(|tat| tat.snapshot())
        .max()
        .unwrap_or(0)
}

/// The plans of one limiter, the limits each was built for, and the limits
/// in force.
pub(crate) struct Plans<O: Operation, C: Clock> {
    versions: Versions<Plan<C>>,
    /// Holding this lock serializes changes of limits.
    changes: Mutex<Changes<O>>,
    config: Config,
}

struct Changes<O: Operation> {
    /// The limits in force.
    current: LimitSet<O>,
    /// Every set of limits a plan was built for, with the plan's version.
    built: Vec<(LimitSet<O>, usize)>,
}

impl<O: Operation, C: Clock> Plans<O, C> {
    /// Builds the plan of the documented limits under `config`.
    pub(crate) fn new(config: Config, clock: &C, origin: C::Instant) -> Result<Self, ConfigError> {
        let documented = LimitSet::documented();
        let plan = Plan::build(&config, &documented, clock, origin)?;
        let changes = Changes {
            current: documented.clone(),
            built: vec![(documented, 0)],
        };
        Ok(Plans {
            versions: Versions::new(plan),
            changes: Mutex::new(changes),
            config,
        })
    }

    /// Returns the plan in force.
    #[inline]
    pub(crate) fn current(&self) -> &Plan<C> {
        self.versions.current()
    }

    /// Returns the configuration every plan applies.
    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Returns the limits in force.
    pub(crate) fn limits(&self) -> LimitSet<O> {
        self.lock().current.clone()
    }

    /// Puts the limits `edit` returns in force. `carry` applies the hand-over
    /// steps to the limiter's cells before the new plan becomes current, so a
    /// check that still reads the old plan is only delayed by them. Returns
    /// the limits now in force.
    pub(crate) fn change(
        &self,
        clock: &C,
        origin: C::Instant,
        edit: impl FnOnce(&LimitSet<O>) -> LimitSet<O>,
        carry: impl FnOnce(&[Carry]),
    ) -> Result<LimitSet<O>, ConfigError> {
        let mut changes = self.lock();
        let limits = edit(&changes.current);
        let version = match changes.built.iter().find(|(built, _)| *built == limits) {
            Some((_, version)) => *version,
            None => {
                let plan = Plan::build(&self.config, &limits, clock, origin)?;
                let version = self
                    .versions
                    .push(plan)
                    .map_err(|_| ConfigError::TooManyLimitSets)?;
                changes.built.push((limits.clone(), version));
                version
            }
        };

        // NOTE: a check that read the old plan just before the switch still
        // applies the old quota to its one call, on the carried cells.
        if version != self.versions.current_version() {
            let target = self
                .versions
                .get(version)
                .ok_or(ConfigError::TooManyLimitSets)?;
            carry(&carry_steps(self.current(), target));
            self.versions.make_current(version);
        }
        changes.current = limits.clone();
        Ok(limits)
    }

    fn lock(&self) -> MutexGuard<'_, Changes<O>> {
        // Nothing panics while the lock is held, so the sets are never half-written.
        self.changes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
