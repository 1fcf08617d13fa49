//! The limiter of one table: a gate per operation, reached by index.

use core::marker::PhantomData;
use core::time::Duration;

use governor::clock::Reference;

use crate::clock::{Clock, DefaultClock};
use crate::config::Config;
use crate::error::{ConfigError, NotUntil, Rejected};
use crate::gate::{Gate, MAX_WINDOWS, PoolBudget};
use crate::limit::Window;
use crate::operation::Operation;
use crate::quota::StrictQuota;
use crate::window::WindowLimiter;

/// Enforces every limit of one table for one account.
///
/// Each operation has its own gate, found by the operation's index without
/// hashing, so a check of a single-window operation costs one governor check.
///
/// ```
/// use qps_limits::mps::{Limiter, Operation};
///
/// let limiter = Limiter::strict();
/// assert!(limiter.check(Operation::SubmitJobs).is_ok());
/// // Strict pacing: the next call is admitted 1/100 s (plus the margin) later.
/// assert!(limiter.check(Operation::SubmitJobs).is_err());
/// ```
pub struct Limiter<O: Operation, C: Clock = DefaultClock> {
    gates: Box<[Gate<C>]>,
    pools: Box<[PoolBudget<C>]>,
    clock: C,
    config: Config,
    operations: PhantomData<fn(O)>,
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
        if config.burst == 0 {
            return Err(ConfigError::ZeroBurst);
        }
        if config.processes == 0 {
            return Err(ConfigError::ZeroProcesses);
        }
        let table = O::table();

        let mut pools = Vec::with_capacity(table.pools().len());
        for pool in table.pools() {
            let windows = build_windows(pool.name(), pool.windows(), &config, &clock)?;
            pools.push(PoolBudget::new(pool.name(), windows));
        }

        let mut gates = Vec::with_capacity(O::COUNT);
        for spec in table.operations() {
            let limit = spec.limit();
            let windows = build_windows(spec.name(), &limit.windows_in(config.region_id()), &config, &clock)?;
            let pool = match limit.pool() {
                Some(name) => Some(pools.iter().position(|pool| pool.name == name).ok_or(
                    ConfigError::UnknownPool { operation: spec.name(), pool: name },
                )?),
                None => None,
            };
            gates.push(Gate::new(spec.name(), windows, pool));
        }

        for (index, pool) in pools.iter_mut().enumerate() {
            let members_alone = gates.iter().filter(|gate| gate.pool == Some(index)).all(|gate| gate.windows.is_empty());
            pool.lock_free = pool.windows.len() == 1 && members_alone;
        }
        for gate in &mut gates {
            gate.choose_route(&pools);
        }

        Ok(Limiter {
            gates: gates.into_boxed_slice(),
            pools: pools.into_boxed_slice(),
            clock,
            config,
            operations: PhantomData,
        })
    }

    /// Admits a call to `operation` now, or returns when it could be admitted.
    ///
    /// A call is not admitted while others wait for the same operation, so
    /// waiters keep their turn.
    #[inline]
    pub fn check(&self, operation: O) -> Result<(), NotUntil<C::Instant>> {
        let gate = &self.gates[operation.index()];
        gate.check(&self.pools, &self.clock).map_err(|earliest| NotUntil::new(gate.operation, earliest))
    }

    /// Admits a call now, or returns a [`Rejected`] error saying how long to wait.
    pub fn try_acquire(&self, operation: O) -> Result<(), Rejected> {
        self.check(operation).map_err(|not_until| Rejected {
            operation: not_until.operation(),
            retry_after: not_until.wait_time_from(self.clock.now()),
        })
    }

    /// Waits until a call to `operation` is admitted.
    ///
    /// Waiters are admitted in arrival order. Dropping the future leaves the
    /// queue and consumes nothing. Needs a Tokio runtime with time enabled,
    /// unless the clock is a fake one.
    pub async fn until_ready(&self, operation: O) {
        let gate = &self.gates[operation.index()];
        if gate.check(&self.pools, &self.clock).is_ok() {
            return;
        }
        let _ticket = gate.join_queue();
        let _turn = gate.queue.lock().await;
        while let Err(earliest) = gate.check_in_turn(&self.pools) {
            let wait = earliest.duration_since(self.clock.now()).into();
            self.clock.sleep(wait).await;
        }
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
        let gate = &self.gates[operation.index()];
        if gate.check(&self.pools, &self.clock).is_ok() {
            return;
        }
        let _ticket = gate.join_queue();
        let _turn = gate.queue.blocking_lock();
        while let Err(earliest) = gate.check_in_turn(&self.pools) {
            let wait: Duration = earliest.duration_since(self.clock.now()).into();
            self.clock.sleep_blocking(wait);
        }
    }

    /// Returns the strict quotas enforced for `operation`, its pool's last.
    pub fn quotas(&self, operation: O) -> Vec<StrictQuota> {
        let gate = &self.gates[operation.index()];
        let pool_windows = gate.pool.map_or(&[][..], |index| &self.pools[index].windows[..]);
        gate.windows.iter().chain(pool_windows).map(|window| *window.quota()).collect()
    }

    /// Returns true when `operation` is listed as not limited.
    pub fn is_unlimited(&self, operation: O) -> bool {
        self.gates[operation.index()].is_unlimited()
    }

    /// Returns the clock the limiter reads.
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// Returns the configuration the limiter applies.
    pub fn config(&self) -> &Config {
        &self.config
    }
}

/// Builds the strict windows of one operation or pool.
fn build_windows<C: Clock>(
    operation: &'static str,
    windows: &[Window],
    config: &Config,
    clock: &C,
) -> Result<Vec<WindowLimiter<C>>, ConfigError> {
    assert!(windows.len() <= MAX_WINDOWS / 2, "a validated limit has at most one window per unit");
    windows
        .iter()
        .map(|window| {
            if window.count() == 0 {
                return Err(ConfigError::ZeroCount { operation });
            }
            let count = window.count() / config.processes;
            if count == 0 {
                return Err(ConfigError::ShareTooSmall {
                    operation,
                    count: window.count(),
                    processes: config.processes,
                });
            }
            let quota = StrictQuota::new(count, window.duration(), config.margin, config.burst);
            Ok(WindowLimiter::new(quota, clock, None))
        })
        .collect()
}
