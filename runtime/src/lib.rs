//! Per-account API rate limits of Alibaba Cloud services, enforced so that
//! calls are never throttled and still go as fast as the limits allow.
//!
//! The limits come from the documentation: `limits.yaml` at the root of the
//! workspace transcribes the "QPS limits" page of ApsaraVideo Media Processing
//! (MPS), and the build script turns it into the [`mps`] module. One limit
//! covers an Alibaba Cloud account and all its RAM users together, per API
//! operation.
//!
//! # Annotate client functions
//!
//! ```
//! use qps_limits::rate_limited;
//!
//! struct MpsClient;
//!
//! impl MpsClient {
//!     /// Waits until the call fits within 100 calls per second, then runs.
//!     #[rate_limited(SubmitJobs)]
//!     async fn submit_jobs(&self, input: &str) -> String {
//!         format!("submitted {input}")
//!     }
//!
//!     /// Blocking functions block the thread instead.
//!     #[rate_limited(ListAllMediaBucket)]
//!     fn list_all_media_bucket(&self) -> Vec<String> {
//!         Vec::new()
//!     }
//! }
//! ```
//!
//! The operation is checked when the crate compiles, and a near miss names the
//! closest operation. The options are:
//!
//! - `limiter = <expr>`: a limiter other than the table's process-wide default
//!   ([`mps::default_limiter`]), such as one with another [`Config`] or a
//!   [`FakeClock`] in tests.
//! - `account = <expr>`: the account whose budget the call draws from, with
//!   `limiter` set to a [`KeyedLimiter`]. The function returns a `Result` whose
//!   error converts from [`AccountsFull`].
//! - `reject`: return `Err(From::from(`[`Rejected`]`))` instead of waiting.
//! - A path such as `vod::Operation::GetPlayInfo` in place of a bare name
//!   selects an operation of another table, generated with [`limits!`].
//!
//! # Call a limiter directly
//!
//! ```
//! use qps_limits::mps::{Limiter, Operation};
//!
//! # async fn run() {
//! let limiter = Limiter::strict();
//! limiter.until_ready(Operation::SubmitJobs).await;
//! if let Err(not_until) = limiter.check(Operation::SubmitJobs) {
//!     // Not now: `not_until.earliest_possible()` gives the earliest time.
//! }
//! # }
//! ```
//!
//! [`Limiter::check`] admits a call now or returns a [`NotUntil`]: not yet is a
//! value, not an error. [`Limiter::until_ready`] waits asynchronously (it needs
//! a Tokio runtime with time enabled), [`Limiter::until_ready_blocking`] blocks
//! the thread. Waiters are admitted in arrival order, and a dropped wait
//! consumes nothing.
//!
//! # The guarantee
//!
//! In every window of a limit's length, anywhere in time, the calls admitted
//! for one operation never exceed the documented count. governor's
//! `Quota::per_second(n)` admits up to `2n - 1` calls in the first second from
//! idle; the [`quota`] module explains the strict quota used instead. Each
//! window is stretched by a safety margin ([`DEFAULT_MARGIN`], 5 ms) for the
//! variation in delay between admitting a call and the server counting it.
//! Raise it with [`Config::margin`] when calls cross a slow or distant network.
//!
//! Operations that the table does not list are not limited by it. Extra
//! windows (20 per second and 200,000 per day), regional counts
//! ([`Config::region`]), and pools shared by several operations are enforced
//! together: a call rejected by one window consumes nothing from the others.
//!
//! # Configure
//!
//! ```
//! use std::time::Duration;
//! use qps_limits::Config;
//! use qps_limits::mps::{Limiter, Operation};
//!
//! let config = Config::default()
//!     .margin(Duration::from_millis(20)) // a network whose delay varies more
//!     .share_of(4) // one of four processes on the same account
//!     .region("cn-shanghai");
//! let limiter = Limiter::new(config).unwrap();
//! assert_eq!(limiter.quotas(Operation::SubmitJobs)[0].count, 25);
//! ```
//!
//! Limits can change while the limiter runs, for an account whose quota was
//! raised or a lower limit of the caller's own: [`Limiter::set_limit`],
//! [`Limiter::clear_limit`] and [`Limiter::reload`]. A change never grants a
//! fresh burst. [`Limiter::counts`] returns how many calls were admitted,
//! waited for and rejected per operation.
//!
//! # Many accounts
//!
//! A service that calls on behalf of many Alibaba Cloud accounts keeps one
//! budget per account in a [`KeyedLimiter`]. It adds accounts on their first
//! call, evicts accounts whose windows are fully replenished (so eviction
//! never admits an extra call), and stops at a maximum number of accounts with
//! [`AccountsFull`] rather than forget the state of an active one.
//!
//! # Other services
//!
//! [`limits!`] generates the same API from another table inside any crate; the
//! path is relative to that crate's `Cargo.toml`:
//!
//! ```ignore
//! mod vod {
//!     qps_limits::limits!("vod.yaml");
//! }
//!
//! #[qps_limits::rate_limited(vod::Operation::GetPlayInfo)]
//! async fn get_play_info(video_id: &str) { /* ... */ }
//! ```
//!
//! Tables are read and validated by the `qps-limits-codegen` crate, whose
//! `qps-limits` command also imports documentation pages and checks them
//! against a table.

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
/// Generates a table's API (`Operation`, one constant per operation, `TABLE`,
/// `Limiter`, `default_limiter`) from a limits.yaml file, inside the module
/// that calls it.
///
/// The path is relative to the calling crate's `Cargo.toml`. The table is
/// validated when the crate compiles: each problem is a compile error with
/// the file, line and column, and a change to the file rebuilds the crate.
///
/// ```ignore
/// mod vod {
///     qps_limits::limits!("vod.yaml");
/// }
///
/// #[qps_limits::rate_limited(vod::Operation::GetPlayInfo)]
/// async fn get_play_info(video_id: &str) { /* ... */ }
/// ```
pub use qps_limits_macros::limits;
/// Admits a call before the function body runs: waits for the operation's
/// rate limit, or returns an error with `reject`.
///
/// The first argument is the operation: a bare MPS operation name, checked
/// against limits.yaml when the crate compiles, or a path to another table's
/// operation, such as `vod::Operation::GetPlayInfo`. The options:
///
/// - `limiter = <expr>`: the limiter to use, in place of the table's
///   process-wide default limiter.
/// - `account = <expr>`: the account whose budget the call draws from. The
///   limiter must be a [`KeyedLimiter`], and the function returns a `Result`
///   whose error converts from [`AccountsFull`].
/// - `reject`: return `Err(From::from(`[`Rejected`]`))` (or a
///   [`KeyedRejected`] with `account`) instead of waiting.
///
/// Async functions wait with [`Limiter::until_ready`], others with
/// [`Limiter::until_ready_blocking`].
///
/// ```
/// use std::time::Duration;
/// use qps_limits::mps::{Limiter, Operation};
/// use qps_limits::{Config, FakeClock, Rejected, rate_limited};
///
/// struct Client {
///     limiter: Limiter<FakeClock>,
/// }
///
/// impl Client {
///     #[rate_limited(ListAllMediaBucket, limiter = &self.limiter, reject)]
///     fn list_buckets(&self) -> Result<Vec<String>, Rejected> {
///         Ok(Vec::new())
///     }
/// }
///
/// let limiter = Limiter::with_clock(Config::default(), FakeClock::default()).unwrap();
/// let client = Client { limiter };
/// assert!(client.list_buckets().is_ok());
/// let rejected = client.list_buckets().unwrap_err();
/// assert!(rejected.retry_after > Duration::from_millis(99));
/// ```
pub use qps_limits_macros::rate_limited;
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
