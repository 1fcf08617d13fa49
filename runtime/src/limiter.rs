//! The limiter of one table for one account: a gate per operation, reached by
//! index, whose limits can change while it runs.

use core::time::Duration;
use std::sync::Mutex;

use governor::clock::Reference;

use crate::account::DenseCells;
use crate::clock::{Clock, DefaultClock};
use crate::config::Config;
use crate::counters::{Counters, Counts};
use crate::error::{ConfigError, NotUntil, Rejected};
use crate::limit::Window;
use crate::limits::LimitSet;
use crate::operation::Operation;
use crate::plan::Outcome;
use crate::queue::WaitQueue;
use crate::quota::StrictQuota;
use crate::reload::{Plans, apply};
use crate::reservation::{Pending, Reservation};

/// Enforces every limit of one table for one account.
///
/// Each operation has its own gate, found by the operation's index without
/// hashing, so a check of a single-window operation costs one governor check
/// plus a counter increment.
///
/// ```
/// use qps_limits::mps::{Limiter, Operation};
///
/// let limiter = Limiter::strict();
/// assert!(limiter.check(Operation::SubmitJobs).is_ok());
/// // Strict pacing: the next call is admitted 1/100 s (plus the margin) later.
/// assert!(limiter.check(Operation::SubmitJobs).is_err());
/// assert_eq!(limiter.counts(Operation::SubmitJobs).admitted, 1);
/// ```
pub struct Limiter<O: Operation, C: Clock = DefaultClock> {
    /// Boxed to keep the limiter small; the current plan is one load away.
    plans: Box<Plans<O, C>>,
    cells: DenseCells,
    /// Serializes transactions, which check several windows and may restore them.
    lock: Mutex<()>,
    operations: Box<[OperationState]>,
    clock: C,
    /// The clock reading the cells count from.
    origin: C::Instant,
}

/// The parts of one operation that outlive changes of limits.
#[derive(Default)]
struct OperationState {
    queue: WaitQueue,
    counters: Counters,
}

impl<O: Operation> Limiter<O> {
    /// Builds a limiter with the default, strict configuration.
    pub fn strict() -> Self {
        Self::new(Config::default()).expect("the default configuration fits every valid table")
    }

    /// Builds a limiter on the default clock.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        Self::with_clock(config, DefaultClock::default())
    }
}

impl<O: Operation, C: Clock> Limiter<O, C> {
    /// Builds a limiter that reads and sleeps on `clock`.
    pub fn with_clock(config: Config, clock: C) -> Result<Self, ConfigError> {
        let origin = clock.now();
        let plans = Plans::new(config, &clock, origin)?;
        let slots = O::COUNT + O::table().pools().len();
        Ok(Limiter {
            plans: Box::new(plans),
            cells: DenseCells::new(slots),
            lock: Mutex::new(()),
            operations: (0..O::COUNT).map(|_| OperationState::default()).collect(),
            clock,
            origin,
        })
    }

    /// Admits a call to `operation` now, or returns when it could be admitted.
    ///
    /// A call is not admitted while others wait for the same operation, so
    /// waiters keep their turn.
    #[inline]
    pub fn check(&self, operation: O) -> Result<(), NotUntil<C::Instant>> {
        let index = operation.index();
        let counters = &self.operations[index].counters;
        match self.admit(index) {
            Ok(()) => {
                counters.admit();
                Ok(())
            }
            Err(earliest) => {
                counters.reject();
                Err(NotUntil::new(
                    operation_name::<O>(index),
                    earliest,
                    self.clock.now(),
                ))
            }
        }
    }

    /// Admits a call now, or returns a [`Rejected`] error saying how long to wait.
    pub fn try_acquire(&self, operation: O) -> Result<(), Rejected> {
        self.check(operation).map_err(|not_until| Rejected {
            operation: not_until.operation(),
            retry_after: not_until.wait_time(),
        })
    }

    /// Waits until a call to `operation` is admitted.
    ///
    /// Waiters are admitted in arrival order. Dropping the future leaves the
    /// queue and consumes nothing. Needs a Tokio runtime with time enabled,
    /// unless the clock is a fake one.
    pub async fn until_ready(&self, operation: O) {
        let index = operation.index();
        let state = &self.operations[index];
        if self.admit(index).is_ok() {
            state.counters.admit();
            return;
        }
        let _ticket = state.queue.join();
        let _turn = state.queue.turn.lock().await;
        let (reservation, wait) = self.reserve_in_turn(index);
        let pending = Pending::new(reservation, |reservation: &Reservation| {
            reservation.release(&self.cells)
        });
        if !wait.is_zero() {
            self.clock.sleep(wait).await;
        }
        pending.keep();
        state.counters.admit_after_wait();
    }

    /// Blocks the thread until a call to `operation` is admitted.
    ///
    /// Shares the arrival-order queue with [`Limiter::until_ready`].
    ///
    /// # Panics
    ///
    /// Panics when called on a thread that drives a Tokio runtime, as every
    /// blocking call there would stall other tasks. Use `until_ready` there, or
    /// call this from `spawn_blocking`.
    pub fn until_ready_blocking(&self, operation: O) {
        let index = operation.index();
        let state = &self.operations[index];
        if self.admit(index).is_ok() {
            state.counters.admit();
            return;
        }
        let _ticket = state.queue.join();
        let _turn = state.queue.turn.blocking_lock();
        let (_, wait) = self.reserve_in_turn(index);
        if !wait.is_zero() {
            self.clock.sleep_blocking(wait);
        }
        state.counters.admit_after_wait();
    }

    /// Reserves the next slot for the waiter at the head of the queue, and
    /// returns it with the time until it comes.
    fn reserve_in_turn(&self, index: usize) -> (Reservation, Duration) {
        let now = self.clock.now().duration_since(self.origin).as_u64();
        let reservation = self
            .plans
            .current()
            .reserve(index, &self.cells, Some(&self.lock), now)
            .expect("dense cells cover every operation and pool");
        (reservation, Duration::from_nanos(reservation.at() - now))
    }

    /// Admits a call unless waiters are queued or a window rejects it.
    #[inline]
    fn admit(&self, index: usize) -> Result<(), C::Instant> {
        let waiters = self.operations[index].queue.waiters();
        if waiters > 0 {
            let plan = self.plans.current();
            return Err(plan.estimate(index, &self.cells, self.origin, self.clock.now(), waiters));
        }
        self.admit_in_turn(index)
    }

    /// Admits a call if every window admits it, ignoring the queue.
    #[inline]
    fn admit_in_turn(&self, index: usize) -> Result<(), C::Instant> {
        match self
            .plans
            .current()
            .check(index, &self.cells, Some(&self.lock))
        {
            Outcome::Admitted => Ok(()),
            Outcome::NotUntil(earliest) => Err(earliest),
            // Dense cells cover every operation and pool, so no cell is missing.
            Outcome::Missing => Err(self.clock.now()),
        }
    }

    /// Replaces the windows of `operation`, for an account whose quota was
    /// raised or a lower limit of the caller's own.
    ///
    /// Calls admitted before the change still count: the new windows admit
    /// nothing earlier than the old ones would have, so the change grants no
    /// fresh burst. An empty list removes the operation's own limit.
    pub fn set_limit(&self, operation: O, windows: &[Window]) -> Result<(), ConfigError> {
        self.change_limits(|limits| limits.with(operation, windows))?;
        tracing::info!(operation = %operation, windows = ?windows, "rate limit overridden");
        Ok(())
    }

    /// Restores the documented limit of `operation`, keeping its state.
    pub fn clear_limit(&self, operation: O) -> Result<(), ConfigError> {
        self.change_limits(|limits| limits.without(operation))?;
        tracing::info!(operation = %operation, "rate limit override removed");
        Ok(())
    }

    /// Replaces every override with `limits`, as when a table is reloaded.
    ///
    /// Like [`Limiter::set_limit`], the change keeps the state of every window
    /// and grants no fresh burst. On error, the limits in force stay.
    ///
    /// The limiter keeps the plan of every distinct set of limits it has
    /// enforced until it drops, so that checks need no reference counting.
    /// Reloading limits seen before reuses their plan.
    pub fn reload(&self, limits: LimitSet<O>) -> Result<(), ConfigError> {
        let limits = self.change_limits(|_| limits)?;
        tracing::info!(service = O::table().service(), limits = ?limits, "rate limits reloaded");
        Ok(())
    }

    /// Returns the overrides in force.
    pub fn limits(&self) -> LimitSet<O> {
        self.plans.limits()
    }

    /// Puts the limits `edit` returns in force, carrying every window's state.
    fn change_limits(
        &self,
        edit: impl FnOnce(&LimitSet<O>) -> LimitSet<O>,
    ) -> Result<LimitSet<O>, ConfigError> {
        self.plans.change(&self.clock, self.origin, edit, |steps| {
            // The lock keeps a transaction from restoring a TAT from before
            // the steps move it.
            let _transactions = self
                .lock
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = self.clock.now().duration_since(self.origin).as_u64();
            apply(steps, &self.cells, now);
        })
    }

    /// Returns how many calls to `operation` were admitted, waited and rejected.
    pub fn counts(&self, operation: O) -> Counts {
        self.operations[operation.index()].counters.read()
    }

    /// Returns the strict quotas enforced for `operation`, its pool's last.
    pub fn quotas(&self, operation: O) -> Vec<StrictQuota> {
        self.plans.current().quotas(operation.index())
    }

    /// Returns true when `operation` is not limited.
    pub fn is_unlimited(&self, operation: O) -> bool {
        self.plans.current().is_unlimited(operation.index())
    }

    /// Returns the clock the limiter reads.
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// Returns the configuration the limiter applies.
    pub fn config(&self) -> &Config {
        self.plans.config()
    }
}

fn operation_name<O: Operation>(index: usize) -> &'static str {
    O::table().operations()[index].name()
}
