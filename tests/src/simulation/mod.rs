//! A simulation of MPS and ApsaraVideo Live clients against local throttling
//! servers: the same load paced by the strict limiter and by plain governor
//! limiters, with the admitted rate and the throttled calls of each.
//!
//! The strict limiter never lets more than the documented count reach the
//! server in one of its windows, so its runs see no throttling, also for an
//! operation limited per minute and for a pool shared by two operations. A
//! plain `Quota::per_second(n)` admits a burst of `n` on top of its steady
//! rate, so its first window from idle receives up to `2n - 1` calls. Plain
//! limiters for the members of a pool each admit the pool's whole count.

mod client;
mod error;
mod load;
mod mode;
mod operation;
mod pacer;
mod report;
mod servers;

use qps_limits::mps;

use crate::live;

pub use client::{CallError, LiveClient, MpsClient};
pub use error::SimulationError;
pub use load::{Progress, Responses, START_OFFSET};
pub use mode::Mode;
pub use operation::{
    OperationNotFound, SUPPORTED_OPERATIONS, SimulatedOperation, UnsupportedOperation,
};
pub use pacer::{Pacer, PlainLimiter};
pub use report::{Figures, Report, Subject};

use client::Clients;
use load::Load;
use report::Run;
use servers::Servers;

/// What a simulation runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The length of each mode's run, in seconds.
    pub seconds: u64,
    /// Concurrent callers per operation.
    pub callers: usize,
    /// The operations called, all at once in each run.
    pub operations: Vec<SimulatedOperation>,
    /// The modes to run, one after the other.
    pub modes: Vec<Mode>,
    /// The MPS server's port on 127.0.0.1. The Live server takes the next
    /// one, and 0 lets the system pick free ports for both.
    pub port: u16,
}

impl Default for Options {
    /// 16 callers each for `SubmitJobs` (100/s), `ListAllMediaBucket` (10/s),
    /// `DescribeLiveStreamsOnlineList` (1000/min), and `ForbidLiveStream` and
    /// `ResumeLiveStream` (100/s together), 5 seconds in each mode.
    fn default() -> Self {
        Options {
            seconds: 5,
            callers: 16,
            operations: vec![
                mps::Operation::SubmitJobs.into(),
                mps::Operation::ListAllMediaBucket.into(),
                live::Operation::DescribeLiveStreamsOnlineList.into(),
                live::Operation::ForbidLiveStream.into(),
                live::Operation::ResumeLiveStream.into(),
            ],
            modes: Mode::ALL.to_vec(),
            port: 0,
        }
    }
}

/// Starts the throttling servers, runs each mode of `options` against them
/// in turn, and returns the figures. Calls `progress` once per second of each
/// run.
///
/// The strict mode uses the process-wide default limiter of each table, so
/// other calls of the process to the same operations share its budget and
/// slow it down.
///
/// # Errors
///
/// Returns an error for invalid options, before anything starts, and when a
/// server cannot start or stop.
pub async fn run(
    options: &Options,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<Report, SimulationError> {
    validate(options)?;
    let servers = Servers::start(options.port).await?;

    let mut results = Vec::new();
    for &mode in &options.modes {
        let load = Load {
            mode,
            operations: &options.operations,
            callers: options.callers,
            seconds: options.seconds,
        };
        let responses = run_mode(&load, &servers, progress).await?;
        let ran: Vec<(SimulatedOperation, Responses)> =
            options.operations.iter().copied().zip(responses).collect();
        let run = Run {
            mode,
            seconds: options.seconds,
        };
        results.extend(report::measure(run, &ran, &servers));
    }

    servers.shutdown().await?;
    Ok(Report {
        seconds: options.seconds,
        callers: options.callers,
        results,
    })
}

/// Builds the clients of the load's mode and runs the load through them.
async fn run_mode(
    load: &Load<'_>,
    servers: &Servers,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<Vec<Responses>, SimulationError> {
    let (mps_url, live_url) = (servers.mps.url(), servers.live.url());
    let key = load.mode.access_key_id();
    let responses = match load.mode {
        Mode::Strict => {
            let mps_client = MpsClient::new(&mps_url, key, mps::default_limiter());
            let live_client = LiveClient::new(&live_url, key, live::default_limiter());
            let clients = Clients {
                mps: mps_client.map_err(SimulationError::Client)?,
                live: live_client.map_err(SimulationError::Client)?,
            };
            load.run(clients, progress).await
        }
        Mode::Plain => {
            let mps_client = MpsClient::new(&mps_url, key, PlainLimiter::for_table());
            let live_client = LiveClient::new(&live_url, key, PlainLimiter::for_table());
            let clients = Clients {
                mps: mps_client.map_err(SimulationError::Client)?,
                live: live_client.map_err(SimulationError::Client)?,
            };
            load.run(clients, progress).await
        }
    };
    Ok(responses)
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
