//! Limiters for callers that act for many accounts: one budget per account,
//! looked up by key, with idle accounts evicted.
//!
//! Every account shares one plan of governor rate limiters. An account's own
//! state is one TAT cell for each window it has called, added on first use.

use core::hash::Hash;
use core::time::Duration;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use dashmap::DashMap;
use governor::clock::Reference;

use crate::account::{CellIndex, SparseAccount};
use crate::clock::{Clock, DefaultClock};
use crate::config::Config;
use crate::counters::{Counters, Counts};
use crate::error::{AccountsFull, ConfigError, Denied, KeyedRejected, NotUntil, Rejected};
use crate::limit::Window;
use crate::limits::LimitSet;
use crate::operation::Operation;
use crate::plan::{Outcome, Plan};
use crate::queue::WaitQueue;
use crate::quota::StrictQuota;
use crate::reload::{Plans, apply, cells_to_add};
use crate::reservation::{Pending, Reservation};

/// The number of accounts a keyed limiter tracks by default.
///
/// An account that called one single-window operation takes about 70 bytes
/// (measured by tests/keyed_memory.rs, see BENCHMARKS.md), so the default
/// bounds the state near 70 MB.
pub const DEFAULT_MAX_ACCOUNTS: usize = 1_000_000;

/// Enforces every limit of one table separately for each account `K`.
///
/// Accounts are added on their first call. An account whose windows are all
/// replenished behaves exactly like a new one, so [`KeyedLimiter::evict_idle`]
/// removes it without admitting anything more than keeping it would. When the
/// limiter tracks its maximum of accounts, a new account evicts the idle ones
/// first. If none is idle, the call fails with [`AccountsFull`] and every
/// tracked account keeps its state.
///
/// ```
/// use qps_limits::mps::Operation;
/// use qps_limits::{Config, KeyedLimiter};
///
/// let limiter = KeyedLimiter::<Operation, String>::new(Config::default()).unwrap();
/// let alice = "alice".to_owned();
/// let bob = "bob".to_owned();
/// assert!(limiter.check(&alice, Operation::SubmitJobs).is_ok());
/// // Alice's next call must wait; Bob has a budget of his own.
/// assert!(limiter.check(&alice, Operation::SubmitJobs).is_err());
/// assert!(limiter.check(&bob, Operation::SubmitJobs).is_ok());
/// assert_eq!(limiter.len(), 2);
/// ```
pub struct KeyedLimiter<O: Operation, K: Hash + Eq + Clone, C: Clock = DefaultClock> {
    plans: Plans<O, C>,
    accounts: DashMap<K, SparseAccount>,
    /// Queues of waiters, present only while someone waits.
    queues: Mutex<HashMap<(K, usize), QueueEntry>>,
    counters: Box<[Counters]>,
    max_accounts: usize,
    /// Set once the limiter has logged that it is full, until an eviction
    /// makes room, so a flood of new accounts logs one warning.
    full_logged: AtomicBool,
    clock: C,
    /// The clock reading the cells count from.
    origin: C::Instant,
}

/// A queue and the number of waiters that hold it; the entry goes when the
/// last holder leaves. Holders are counted under the map's lock.
#[derive(Default)]
struct QueueEntry {
    queue: Arc<WaitQueue>,
    holders: usize,
}

/// The result of one attempt to admit a call of an account.
enum Attempt<I> {
    Done(Result<(), I>),
    /// Calls of the account wait, so the queue decides.
    Waiting,
    /// The account or a cell it needs is missing.
    Missing,
}

impl<O: Operation, K: Hash + Eq + Clone> KeyedLimiter<O, K> {
    /// Builds a keyed limiter on the default clock.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        Self::with_clock(config, DefaultClock::default())
    }
}

impl<O: Operation, K: Hash + Eq + Clone, C: Clock> KeyedLimiter<O, K, C> {
    /// Builds a keyed limiter that reads and sleeps on `clock`.
    pub fn with_clock(config: Config, clock: C) -> Result<Self, ConfigError> {
        let origin = clock.now();
        Ok(KeyedLimiter {
            plans: Plans::new(config, &clock, origin)?,
            accounts: DashMap::new(),
            queues: Mutex::new(HashMap::new()),
            counters: (0..O::COUNT).map(|_| Counters::default()).collect(),
            max_accounts: DEFAULT_MAX_ACCOUNTS,
            full_logged: AtomicBool::new(false),
            clock,
            origin,
        })
    }

    /// Sets the maximum number of accounts the limiter tracks at once.
    /// Concurrent first calls of new accounts may pass it by at most one
    /// account per thread.
    pub fn with_max_accounts(mut self, max_accounts: usize) -> Self {
        self.max_accounts = max_accounts;
        self
    }

    /// Admits a call of `account` to `operation` now, or returns when it
    /// could be admitted. A call is not admitted while others of the same
    /// account wait for the same operation.
    pub fn check(&self, account: &K, operation: O) -> Result<(), Denied<C::Instant>> {
        let index = operation.index();
        match self.admit(account, index) {
            Ok(Ok(())) => {
                self.counters[index].admit();
                Ok(())
            }
            Ok(Err(earliest)) => {
                self.counters[index].reject();
                Err(Denied::NotUntil(NotUntil::new(
                    operation_name::<O>(index),
                    earliest,
                    self.clock.now(),
                )))
            }
            Err(full) => Err(Denied::AccountsFull(full)),
        }
    }

    /// Admits a call now, or returns an error saying how long to wait.
    pub fn try_acquire(&self, account: &K, operation: O) -> Result<(), KeyedRejected> {
        self.check(account, operation)
            .map_err(|denied| match denied {
                Denied::NotUntil(not_until) => KeyedRejected::Rejected(Rejected {
                    operation: not_until.operation(),
                    retry_after: not_until.wait_time(),
                }),
                Denied::AccountsFull(full) => KeyedRejected::AccountsFull(full),
            })
    }

    /// Waits until a call of `account` to `operation` is admitted.
    ///
    /// Waiters of one account and operation are admitted in arrival order.
    /// Dropping the future leaves the queue and consumes nothing. Fails only
    /// when the account is new and the limiter is full.
    pub async fn until_ready(&self, account: &K, operation: O) -> Result<(), AccountsFull> {
        let index = operation.index();
        if self.admit(account, index)?.is_ok() {
            self.counters[index].admit();
            return Ok(());
        }
        let place = self.join_queue(account, index)?;
        let _ticket = place.queue.join();
        let _turn = place.queue.turn.lock().await;
        let (reservation, wait) = self.reserve_in_turn(account, index)?;
        let pending = Pending::new(reservation, |reservation: &Reservation| {
            if let Some(entry) = self.accounts.get(account) {
                reservation.release(&*entry);
            }
        });
        if !wait.is_zero() {
            self.clock.sleep(wait).await;
        }
        pending.keep();
        self.counters[index].admit_after_wait();
        Ok(())
    }

    /// Blocks the thread until a call of `account` to `operation` is admitted.
    ///
    /// # Panics
    ///
    /// Panics when called on a thread that drives a Tokio runtime, like
    /// [`Limiter::until_ready_blocking`](crate::Limiter::until_ready_blocking).
    pub fn until_ready_blocking(&self, account: &K, operation: O) -> Result<(), AccountsFull> {
        let index = operation.index();
        if self.admit(account, index)?.is_ok() {
            self.counters[index].admit();
            return Ok(());
        }
        let place = self.join_queue(account, index)?;
        let _ticket = place.queue.join();
        let _turn = place.queue.turn.blocking_lock();
        let (_, wait) = self.reserve_in_turn(account, index)?;
        if !wait.is_zero() {
            self.clock.sleep_blocking(wait);
        }
        self.counters[index].admit_after_wait();
        Ok(())
    }

    /// Reserves the next slot for the waiter at the head of the account's
    /// queue, and returns it with the time until it comes. Transactions hold
    /// the map shard's write lock, which makes them exclusive.
    fn reserve_in_turn(
        &self,
        account: &K,
        index: usize,
    ) -> Result<(Reservation, Duration), AccountsFull> {
        let plan = self.plans.current();
        loop {
            let now = self.clock.now().duration_since(self.origin).as_u64();
            let reserved = if plan.is_transaction(index) {
                self.accounts
                    .get_mut(account)
                    .and_then(|entry| plan.reserve(index, &*entry, None, now))
            } else {
                self.accounts
                    .get(account)
                    .and_then(|entry| plan.reserve(index, &*entry, None, now))
            };
            match reserved {
                Some(reservation) => {
                    return Ok((reservation, Duration::from_nanos(reservation.at() - now)));
                }
                None => self.add_cells(account, plan, index)?,
            }
        }
    }

    /// Admits a call unless the account's waiters are queued or a window
    /// rejects it.
    fn admit(&self, account: &K, index: usize) -> Result<Result<(), C::Instant>, AccountsFull> {
        let plan = self.plans.current();
        loop {
            match self.attempt(plan, account, index, false) {
                Attempt::Done(result) => return Ok(result),
                Attempt::Waiting => break,
                Attempt::Missing => self.add_cells(account, plan, index)?,
            }
        }
        // Some call of this account waits: this one may go only if none waits
        // for the same operation.
        match self.queued(account, index) {
            0 => self.admit_in_turn(account, index),
            queued => self.estimate(account, index, queued),
        }
    }

    /// Admits a call if every window admits it, ignoring the queue.
    fn admit_in_turn(
        &self,
        account: &K,
        index: usize,
    ) -> Result<Result<(), C::Instant>, AccountsFull> {
        let plan = self.plans.current();
        loop {
            match self.attempt(plan, account, index, true) {
                Attempt::Done(result) => return Ok(result),
                Attempt::Waiting | Attempt::Missing => self.add_cells(account, plan, index)?,
            }
        }
    }

    /// Checks a call of `account` against `plan` once. Unless `in_turn`, an
    /// account with waiting calls is reported without a check. Transactions
    /// hold the map shard's write lock, which makes them exclusive.
    #[inline]
    fn attempt(
        &self,
        plan: &Plan<C>,
        account: &K,
        index: usize,
        in_turn: bool,
    ) -> Attempt<C::Instant> {
        let outcome = if plan.is_transaction(index) {
            let Some(entry) = self.accounts.get_mut(account) else {
                return Attempt::Missing;
            };
            if !in_turn && entry.waiters() > 0 {
                return Attempt::Waiting;
            }
            plan.check(index, &*entry, None)
        } else {
            let Some(entry) = self.accounts.get(account) else {
                return Attempt::Missing;
            };
            if !in_turn && entry.waiters() > 0 {
                return Attempt::Waiting;
            }
            plan.check(index, &*entry, None)
        };
        match outcome {
            Outcome::Admitted => Attempt::Done(Ok(())),
            Outcome::NotUntil(earliest) => Attempt::Done(Err(earliest)),
            Outcome::Missing => Attempt::Missing,
        }
    }

    fn estimate(
        &self,
        account: &K,
        index: usize,
        queued: usize,
    ) -> Result<Result<(), C::Instant>, AccountsFull> {
        let plan = self.plans.current();
        let now = self.clock.now();
        let earliest = match self.accounts.get(account) {
            Some(entry) => plan.estimate(index, &*entry, self.origin, now, queued),
            None => now,
        };
        Ok(Err(earliest))
    }

    /// Adds `account`, if new, and the cells `index` needs under `plan`.
    fn add_cells(&self, account: &K, plan: &Plan<C>, index: usize) -> Result<(), AccountsFull> {
        if !self.accounts.contains_key(account) && self.accounts.len() >= self.max_accounts {
            self.evict_idle();
            if self.accounts.len() >= self.max_accounts {
                if !self.full_logged.swap(true, Ordering::Relaxed) {
                    tracing::warn!(
                        max_accounts = self.max_accounts,
                        "keyed limiter is full and no account is idle; new accounts are rejected"
                    );
                }
                return Err(AccountsFull {
                    max_accounts: self.max_accounts,
                });
            }
        }
        let cells: Vec<CellIndex> = plan.windows(index).map(|window| window.cell).collect();
        self.accounts
            .entry(account.clone())
            .or_default()
            .insert(cells);
        Ok(())
    }

    /// Returns how many calls of `account` wait for the operation at `index`.
    fn queued(&self, account: &K, index: usize) -> usize {
        let queues = self.lock_queues();
        queues
            .get(&(account.clone(), index))
            .map_or(0, |entry| entry.queue.waiters())
    }

    /// Puts a waiter in the queue of `account` and `index`, creating both the
    /// queue and the account if needed.
    fn join_queue<'a>(
        &'a self,
        account: &'a K,
        index: usize,
    ) -> Result<QueuePlace<'a, O, K, C>, AccountsFull> {
        loop {
            if let Some(entry) = self.accounts.get(account) {
                entry.add_waiter();
                break;
            }
            self.add_cells(account, self.plans.current(), index)?;
        }
        let mut queues = self.lock_queues();
        let entry = queues.entry((account.clone(), index)).or_default();
        entry.holders += 1;
        let queue = Arc::clone(&entry.queue);
        Ok(QueuePlace {
            limiter: self,
            account,
            index,
            queue,
        })
    }

    fn lock_queues(&self) -> MutexGuard<'_, HashMap<(K, usize), QueueEntry>> {
        // Nothing panics while the lock is held, so the map stays consistent.
        self.queues
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Removes every account that behaves exactly like a new one: no call
    /// waits and every window is fully replenished. Returns how many went.
    ///
    /// The limiter calls this itself when it is full; callers with many
    /// short-lived accounts also call it periodically to bound memory.
    pub fn evict_idle(&self) -> usize {
        let now = self.clock.now().duration_since(self.origin).as_u64();
        let before = self.accounts.len();
        self.accounts.retain(|_, account| {
            let idle = account.is_idle(now);
            !idle
        });
        let remaining = self.accounts.len();
        let evicted = before.saturating_sub(remaining);
        if evicted > remaining {
            self.accounts.shrink_to_fit();
        }
        if evicted > 0 {
            self.full_logged.store(false, Ordering::Relaxed);
            tracing::debug!(evicted, remaining, "evicted idle accounts");
        }
        evicted
    }

    /// Returns the number of queues of waiting calls, for tests of cleanup.
    #[doc(hidden)]
    pub fn queue_count(&self) -> usize {
        self.lock_queues().len()
    }

    /// Returns the number of accounts tracked.
    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    /// Returns true when no account is tracked.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// Returns the maximum number of accounts the limiter tracks at once.
    pub fn max_accounts(&self) -> usize {
        self.max_accounts
    }

    /// Returns the bytes of account state the limiter holds: the map's slots
    /// and each account's cells, not the heap memory the keys own.
    pub fn state_size(&self) -> usize {
        let slots = self.accounts.capacity() * (size_of::<K>() + size_of::<SparseAccount>());
        let cells: usize = self.accounts.iter().map(|entry| entry.heap_size()).sum();
        slots + cells
    }

    /// Replaces the windows of `operation` for every account, keeping each
    /// account's state as [`Limiter::set_limit`](crate::Limiter::set_limit)
    /// does.
    pub fn set_limit(&self, operation: O, windows: &[Window]) -> Result<(), ConfigError> {
        self.change_limits(|limits| limits.with(operation, windows))?;
        tracing::info!(operation = %operation, windows = ?windows, "rate limit overridden for every account");
        Ok(())
    }

    /// Restores the documented limit of `operation` for every account.
    pub fn clear_limit(&self, operation: O) -> Result<(), ConfigError> {
        self.change_limits(|limits| limits.without(operation))?;
        tracing::info!(operation = %operation, "rate limit override removed for every account");
        Ok(())
    }

    /// Replaces every override with `limits`, as when a table is reloaded.
    /// Like [`Limiter::reload`](crate::Limiter::reload), it keeps the plan of
    /// every distinct set of limits until the limiter drops.
    pub fn reload(&self, limits: LimitSet<O>) -> Result<(), ConfigError> {
        let limits = self.change_limits(|_| limits)?;
        tracing::info!(service = O::table().service(), limits = ?limits, accounts = self.len(), "rate limits reloaded");
        Ok(())
    }

    /// Returns the overrides in force.
    pub fn limits(&self) -> LimitSet<O> {
        self.plans.limits()
    }

    /// Puts the limits `edit` returns in force, carrying every account's
    /// state. Accounts are visited under their map shard's write lock, so no
    /// check of theirs runs meanwhile.
    fn change_limits(
        &self,
        edit: impl FnOnce(&LimitSet<O>) -> LimitSet<O>,
    ) -> Result<LimitSet<O>, ConfigError> {
        self.plans.change(&self.clock, self.origin, edit, |steps| {
            if steps.is_empty() {
                return;
            }
            let now = self.clock.now().duration_since(self.origin).as_u64();
            for mut entry in self.accounts.iter_mut() {
                let account = entry.value_mut();
                let added = cells_to_add(steps, &*account, now);
                account.insert(added);
                apply(steps, &*account, now);
            }
        })
    }

    /// Returns how many calls to `operation` were admitted, waited and
    /// rejected, over every account.
    pub fn counts(&self, operation: O) -> Counts {
        self.counters[operation.index()].read()
    }

    /// Returns the strict quotas enforced for `operation` in every account,
    /// its pool's last.
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

/// A waiter's hold on its account's queue. Dropping it leaves the queue, lets
/// the account be evicted again, and removes the queue when it empties.
struct QueuePlace<'a, O: Operation, K: Hash + Eq + Clone, C: Clock> {
    limiter: &'a KeyedLimiter<O, K, C>,
    account: &'a K,
    index: usize,
    queue: Arc<WaitQueue>,
}

impl<O: Operation, K: Hash + Eq + Clone, C: Clock> Drop for QueuePlace<'_, O, K, C> {
    fn drop(&mut self) {
        let mut queues = self.limiter.lock_queues();
        let key = (self.account.clone(), self.index);
        if let Some(entry) = queues.get_mut(&key) {
            entry.holders -= 1;
            if entry.holders == 0 {
                queues.remove(&key);
            }
        }
        drop(queues);
        if let Some(entry) = self.limiter.accounts.get(self.account) {
            entry.remove_waiter();
        }
    }
}

fn operation_name<O: Operation>(index: usize) -> &'static str {
    O::table().operations()[index].name()
}
