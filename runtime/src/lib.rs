//! Per-account API rate limits of Alibaba Cloud services, enforced so that
//! calls are never throttled.
//!
//! TODO: user guide.

extern crate self as qps_limits;

mod account;
mod clock;
mod config;
mod counters;
mod error;
mod keyed;
mod limit;
mod limiter;
mod limits;
mod operation;
mod plan;
mod queue;
pub mod quota;
mod reload;
mod reservation;
mod table;
mod versions;
mod window;

pub use clock::{Clock, DefaultClock, FakeClock};
pub use config::{Config, DEFAULT_MARGIN};
pub use counters::Counts;
pub use error::{AccountsFull, ConfigError, Denied, KeyedRejected, NotUntil, Rejected};
pub use keyed::{DEFAULT_MAX_ACCOUNTS, KeyedLimiter};

pub use limit::{Limit, RegionCount, Unit, Window};
pub use limiter::Limiter;
pub use limits::LimitSet;
pub use operation::{DefaultLimiter, Operation, UnknownOperation};
pub use qps_limits_macros::{limits, rate_limited};
pub use table::{OperationSpec, PoolSpec, TableSpec};

/// The limits of ApsaraVideo Media Processing (MPS), generated from limits.yaml.
pub mod mps {
    include!(concat!(env!("OUT_DIR"), "/mps.rs"));
}

/// Support for generated code and macro expansions. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;

    use crate::limiter::Limiter;
    use crate::operation::{Operation, UnknownOperation};

    /// Looks up an operation by name, for generated `FromStr` impls.
    pub fn parse_operation<O: Operation>(name: &str) -> Result<O, UnknownOperation> {
        crate::operation::parse_operation(name)
    }

    /// Deserializes an operation from its name.
    pub fn deserialize_operation<'de, O, D>(deserializer: D) -> Result<O, D::Error>
    where
        O: Operation,
        D: serde::Deserializer<'de>,
    {
        let name = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        parse_operation(&name).map_err(serde::de::Error::custom)
    }

    /// Returns the default limiter of the operation's table.
    pub fn default_limiter_of<O: Operation>(_operation: O) -> &'static Limiter<O> {
        O::default_limiter()
    }
}
