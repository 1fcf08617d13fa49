//! A simulation of MPS clients against the local throttling server: the same
//! load paced by the strict limiter and by plain governor limiters, with the
//! admitted rate and the throttled calls of each.
//!
//! The strict limiter never lets more than the documented count reach the
//! server in one of its windows, so its runs see no throttling. A plain
//! `Quota::per_second(n)` admits a burst of `n` on top of its steady rate, so
//! its first window from idle receives up to `2n - 1` calls.

mod client;
mod load;
mod mode;
mod pacer;
mod report;

use core::fmt;
use std::io;

use qps_limits::mps::{self, Operation};

use crate::server::{Accounts, Server};

pub use client::{CallError, MpsClient, SUPPORTED_OPERATIONS, UnsupportedOperation};
pub use load::{Progress, Responses, START_OFFSET};
pub use mode::Mode;
pub use pacer::{Pacer, PlainLimiter};
pub use report::{Figures, Report};

use load::Load;

/// What a simulation runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The length of each mode's run, in seconds.
    pub seconds: u64,
    /// Concurrent callers per operation.
    pub callers: usize,
    /// The operations called, all at once in each run.
    pub operations: Vec<Operation>,
    /// The modes to run, one after the other.
    pub modes: Vec<Mode>,
    /// The server's port on 127.0.0.1; 0 lets the system pick a free one.
    pub port: u16,
}

impl Default for Options {
    /// 16 callers each for `SubmitJobs` (100/s) and `ListAllMediaBucket`
    /// (10/s), 5 seconds in each mode.
    fn default() -> Self {
        Options {
            seconds: 5,
            callers: 16,
            operations: vec![Operation::SubmitJobs, Operation::ListAllMediaBucket],
            modes: Mode::ALL.to_vec(),
            port: 0,
        }
    }
}

/// Why a simulation did not run to the end.
#[derive(Debug)]
pub enum SimulationError {
    /// An option is out of range.
    InvalidOption(&'static str),
    /// An operation has no method in the client.
    Unsupported(UnsupportedOperation),
    /// The throttling server could not bind its port.
    ServerStart {
        /// The port requested, 0 for any.
        port: u16,
        /// The binding error.
        source: io::Error,
    },
    /// The HTTP client could not be built.
    Client(reqwest::Error),
    /// The throttling server failed while shutting down.
    ServerStop(io::Error),
}

impl fmt::Display for SimulationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimulationError::InvalidOption(message) => f.write_str(message),
            SimulationError::Unsupported(error) => error.fmt(f),
            SimulationError::ServerStart { port, source } => write!(
                f,
                "failed to start the throttling server on 127.0.0.1:{port}: {source}; \
                 choose another port, or 0 for a free one"
            ),
            SimulationError::Client(error) => write!(f, "failed to build the HTTP client: {error}"),
            SimulationError::ServerStop(error) => {
                write!(f, "the throttling server failed while stopping: {error}")
            }
        }
    }
}

impl std::error::Error for SimulationError {}

/// Starts the throttling server, runs each mode of `options` against it in
/// turn, and returns the figures. Calls `progress` once per second of each run.
///
/// The strict mode uses the process-wide default MPS limiter, so other calls
/// of the process to the same operations share its budget and slow it down.
///
/// # Errors
///
/// Returns an error for invalid options, before anything starts, and when the
/// server cannot start or stop.
pub async fn run(
    options: &Options,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<Report, SimulationError> {
    validate(options)?;
    let accounts = Mode::ALL.iter().fold(Accounts::new(), |accounts, mode| {
        accounts.with_account(mode.account(), [mode.access_key_id()])
    });
    let server = Server::<Operation>::new(accounts)
        .port(options.port)
        .start()
        .await
        .map_err(|source| SimulationError::ServerStart {
            port: options.port,
            source,
        })?;
    let url = server.url();

    let mut results = Vec::new();
    for &mode in &options.modes {
        let load = Load {
            mode,
            operations: &options.operations,
            callers: options.callers,
            seconds: options.seconds,
        };
        let key = mode.access_key_id();
        let responses = match mode {
            Mode::Strict => {
                let client = MpsClient::new(&url, key, mps::default_limiter())
                    .map_err(SimulationError::Client)?;
                load.run(client, progress).await
            }
            Mode::Plain => {
                let client = MpsClient::new(&url, key, PlainLimiter::for_table())
                    .map_err(SimulationError::Client)?;
                load.run(client, progress).await
            }
        };
        for (&operation, responses) in options.operations.iter().zip(responses) {
            results.push(Figures::new(
                operation,
                mode,
                options.seconds,
                responses,
                server.ledger(),
            ));
        }
    }

    server
        .shutdown()
        .await
        .map_err(SimulationError::ServerStop)?;
    Ok(Report {
        seconds: options.seconds,
        callers: options.callers,
        results,
    })
}

fn validate(options: &Options) -> Result<(), SimulationError> {
    if options.seconds == 0 {
        return Err(SimulationError::InvalidOption(
            "the run length is 0 seconds; run for at least 1 second",
        ));
    }
    if options.callers == 0 {
        return Err(SimulationError::InvalidOption(
            "there are 0 callers per operation; use at least 1",
        ));
    }
    if options.operations.is_empty() {
        return Err(SimulationError::InvalidOption(
            "no operation is selected; name at least one",
        ));
    }
    UnsupportedOperation::check(&options.operations).map_err(SimulationError::Unsupported)
}
