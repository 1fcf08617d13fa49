//! Outcomes that are not admissions: "not yet" values and configuration errors.

use core::fmt;
use core::time::Duration;

use governor::clock::Reference;

/// A call that is not admitted now, with the earliest time it could be.
///
/// This is a value, not a failure: wait until [`NotUntil::earliest_possible`]
/// or use [`Limiter::until_ready`](crate::Limiter::until_ready).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUntil<I> {
    operation: &'static str,
    earliest: I,
}

impl<I: Reference> NotUntil<I> {
    pub(crate) fn new(operation: &'static str, earliest: I) -> Self {
        NotUntil { operation, earliest }
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
}

impl<I: fmt::Debug> fmt::Display for NotUntil<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is at its rate limit until {:?}", self.operation, self.earliest)
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
        operation: &'static str,
        count: u32,
        processes: u32,
    },
    /// A window of an operation has a count of 0.
    ZeroCount { operation: &'static str },
    /// An operation names a pool the table does not declare.
    UnknownPool { operation: &'static str, pool: &'static str },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::ZeroBurst => f.write_str("the burst is 0; set a burst of at least 1"),
            ConfigError::ZeroProcesses => {
                f.write_str("the budget is shared among 0 processes; set at least 1")
            }
            ConfigError::ShareTooSmall { operation, count, processes } => write!(
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
        }
    }
}

impl std::error::Error for ConfigError {}
