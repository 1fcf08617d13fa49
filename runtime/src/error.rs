//! Outcomes that are not admissions: "not yet" values and configuration errors.

use core::fmt;
use core::time::Duration;

use governor::clock::Reference;

use crate::limit::Unit;

/// A call that is not admitted now, with the earliest time it could be.
///
/// This is a value, not a failure: wait until [`NotUntil::earliest_possible`]
/// or use [`Limiter::until_ready`](crate::Limiter::until_ready).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUntil<I> {
    operation: &'static str,
    earliest: I,
    wait: Duration,
}

impl<I: Reference> NotUntil<I> {
    /// Builds the outcome of a check made at `now`.
    pub(crate) fn new(operation: &'static str, earliest: I, now: I) -> Self {
        NotUntil {
            operation,
            earliest,
            wait: earliest.duration_since(now).into(),
        }
    }

    /// Returns the operation that was not admitted.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Returns the earliest time at which the call could be admitted, if no
    /// other call takes the slot first.
    pub fn earliest_possible(&self) -> I {
        self.earliest
    }

    /// Returns how long to wait from `now`, or zero when that time has passed.
    pub fn wait_time_from(&self, now: I) -> Duration {
        self.earliest.duration_since(now).into()
    }

    /// Returns how long the call had to wait when it was checked.
    pub fn wait_time(&self) -> Duration {
        self.wait
    }
}

impl<I> fmt::Display for NotUntil<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is at its rate limit; the next call is admitted {:?} after the check",
            self.operation, self.wait
        )
    }
}

/// A call rejected because its operation is at its rate limit, for callers
/// that return an error rather than wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The operation that was not admitted.
    pub operation: &'static str,
    /// How long until the call could be admitted.
    pub retry_after: Duration,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is at its rate limit; retry after {:?} or wait for the limiter",
            self.operation, self.retry_after
        )
    }
}

impl std::error::Error for Rejected {}

/// A configuration that cannot be applied to a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The burst is 0.
    ZeroBurst,
    /// The budget is shared among 0 processes.
    ZeroProcesses,
    /// Sharing leaves an operation less than one call per window.
    ShareTooSmall {
        /// The operation or pool whose window is too small to share.
        operation: &'static str,
        /// The window's count before sharing.
        count: u32,
        /// The number of processes sharing it.
        processes: u32,
    },
    /// A window of an operation has a count of 0.
    ZeroCount {
        /// The operation or pool with the empty window.
        operation: &'static str,
    },
    /// An operation names a pool the table does not declare.
    UnknownPool {
        /// The operation that names the pool.
        operation: &'static str,
        /// The pool's name.
        pool: &'static str,
    },
    /// An override names a pool the table does not declare.
    NoSuchPool {
        /// The pool's name as given.
        pool: String,
        /// The table's service id.
        service: &'static str,
    },
    /// An operation or pool has two windows of the same unit.
    RepeatedUnit {
        /// The operation or pool.
        operation: &'static str,
        /// The unit that appears twice.
        unit: Unit,
    },
    /// The configured region is not an Alibaba Cloud region id.
    InvalidRegion {
        /// The region as configured.
        region: String,
    },
    /// The limiter already keeps a plan for each of 2^32 - 1 distinct sets of limits.
    TooManyLimitSets,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::ZeroBurst => f.write_str("the burst is 0; set a burst of at least 1"),
            ConfigError::ZeroProcesses => {
                f.write_str("the budget is shared among 0 processes; set at least 1")
            }
            ConfigError::ShareTooSmall {
                operation,
                count,
                processes,
            } => write!(
                f,
                "`{operation}` allows {count} calls per window, less than one for each of \
                 {processes} processes; share among fewer processes or use a shared backend"
            ),
            ConfigError::ZeroCount { operation } => write!(
                f,
                "a window of `{operation}` has a count of 0; every window must admit at least 1 call"
            ),
            ConfigError::UnknownPool { operation, pool } => write!(
                f,
                "`{operation}` names pool `{pool}`, which the table does not declare; declare the pool"
            ),
            ConfigError::NoSuchPool { pool, service } => write!(
                f,
                "pool `{pool}` is not declared in the {service} table; name one of the table's pools"
            ),
            ConfigError::RepeatedUnit { operation, unit } => write!(
                f,
                "`{operation}` has two windows per {unit}; keep one window per unit"
            ),
            ConfigError::TooManyLimitSets => f.write_str(
                "the limiter already keeps a plan for each of 2^32 - 1 distinct sets of limits; \
                 build a new limiter",
            ),
            ConfigError::InvalidRegion { region } => write!(
                f,
                "`{region}` is not a region id; write an Alibaba Cloud region id such as `cn-shanghai`"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A new account that a full keyed limiter cannot track: every tracked
/// account has state that evicting it would lose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountsFull {
    /// The maximum number of accounts the limiter tracks.
    pub max_accounts: usize,
}

impl fmt::Display for AccountsFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the keyed limiter tracks its maximum of {} accounts and none is idle; \
             raise the maximum with `KeyedLimiter::with_max_accounts` or retry once accounts go idle",
            self.max_accounts
        )
    }
}

impl std::error::Error for AccountsFull {}

/// A call a keyed limiter does not admit now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied<I> {
    /// The account is at its rate limit; a value, not a failure.
    NotUntil(NotUntil<I>),
    /// The account is new and the limiter is full.
    AccountsFull(AccountsFull),
}

impl<I: fmt::Debug> fmt::Display for Denied<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denied::NotUntil(not_until) => not_until.fmt(f),
            Denied::AccountsFull(full) => full.fmt(f),
        }
    }
}

/// A call rejected by a keyed limiter, for callers that return an error
/// rather than wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyedRejected {
    /// The account is at its rate limit.
    Rejected(Rejected),
    /// The account is new and the limiter is full.
    AccountsFull(AccountsFull),
}

impl fmt::Display for KeyedRejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyedRejected::Rejected(rejected) => rejected.fmt(f),
            KeyedRejected::AccountsFull(full) => full.fmt(f),
        }
    }
}

impl std::error::Error for KeyedRejected {}

impl From<Rejected> for KeyedRejected {
    fn from(rejected: Rejected) -> Self {
        KeyedRejected::Rejected(rejected)
    }
}

impl From<AccountsFull> for KeyedRejected {
    fn from(full: AccountsFull) -> Self {
        KeyedRejected::AccountsFull(full)
    }
}
