//! The load of one run: concurrent callers per operation that call as fast as
//! their pacer lets them until the run ends, and their progress.

use core::fmt;
use core::time::Duration;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use qps_limits::mps;
use serde::Serialize;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::live;
use crate::server::SuccessBody;
use crate::simulation::client::{CallError, Clients};
use crate::simulation::mode::Mode;
use crate::simulation::operation::SimulatedOperation;
use crate::simulation::pacer::Pacer;

/// How long after a whole second of the wall clock a run starts.
///
/// The server's windows start on whole seconds, so a fixed offset makes the
/// first window of every run equally long, and runs comparable. It also keeps
/// minute boundaries out of a run's first 0.9 s, so the burst that a plain
/// per-minute limiter sends at the start usually lands in one server window.
pub const START_OFFSET: Duration = Duration::from_millis(100);

/// The responses the callers of one operation received.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Responses {
    /// Calls that got HTTP 200.
    pub admitted: u64,
    /// Calls rejected with a throttling error.
    pub throttled: u64,
    /// Calls that failed otherwise: another error code, or a failed exchange.
    pub failed: u64,
}

/// The state of a run after each of its seconds.
#[derive(Clone, Debug)]
pub struct Progress {
    /// The mode of the run.
    pub mode: Mode,
    /// Whole seconds since the run started.
    pub elapsed: u64,
    /// The run's length in seconds.
    pub seconds: u64,
    /// The responses so far, per operation.
    pub operations: Vec<(SimulatedOperation, Responses)>,
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<6} {:>3}/{} s", self.mode, self.elapsed, self.seconds)?;
        for (operation, responses) in &self.operations {
            write!(
                f,
                "  {operation}: {} admitted, {} throttled",
                responses.admitted, responses.throttled
            )?;
            if responses.failed > 0 {
                write!(f, ", {} failed", responses.failed)?;
            }
        }
        Ok(())
    }
}

/// The counts one operation's callers update.
#[derive(Debug, Default)]
struct Counters {
    admitted: AtomicU64,
    throttled: AtomicU64,
    failed: AtomicU64,
    /// Whether a failure was logged; later ones are only counted.
    warned: AtomicBool,
}

impl Counters {
    fn count(&self, operation: SimulatedOperation, result: &Result<SuccessBody, CallError>) {
        let counter = match result {
            Ok(_) => &self.admitted,
            Err(error) if error.is_throttling() => &self.throttled,
            Err(error) => {
                if !self.warned.swap(true, Ordering::Relaxed) {
                    tracing::warn!(%operation, %error, "a simulated call failed; further failures are only counted");
                }
                &self.failed
            }
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn responses(&self) -> Responses {
        Responses {
            admitted: self.admitted.load(Ordering::Relaxed),
            throttled: self.throttled.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
        }
    }
}

/// What one run does: which operations, how many callers each, how long.
pub(crate) struct Load<'a> {
    pub(crate) mode: Mode,
    pub(crate) operations: &'a [SimulatedOperation],
    pub(crate) callers: usize,
    pub(crate) seconds: u64,
}

impl Load<'_> {
    /// Runs the load through `clients`, starting [`START_OFFSET`] after the
    /// next whole second, and returns the responses per operation in the
    /// order of `operations`. Calls `progress` once per second.
    pub(crate) async fn run<M, L>(
        &self,
        clients: Clients<M, L>,
        progress: &(dyn Fn(&Progress) + Sync),
    ) -> Vec<Responses>
    where
        M: Pacer<mps::Operation> + 'static,
        L: Pacer<live::Operation> + 'static,
    {
        let clients = Arc::new(clients);
        let counters: Vec<Arc<Counters>> = self.operations.iter().map(|_| Arc::default()).collect();
        tokio::time::sleep(until_next_start()).await;

        let started = Instant::now();
        let deadline = started + Duration::from_secs(self.seconds);
        let mut callers = JoinSet::new();
        for (&operation, counters) in self.operations.iter().zip(&counters) {
            for _ in 0..self.callers {
                callers.spawn(call_until(
                    Arc::clone(&clients),
                    operation,
                    deadline,
                    Arc::clone(counters),
                ));
            }
        }

        for elapsed in 1..self.seconds {
            tokio::time::sleep_until(started + Duration::from_secs(elapsed)).await;
            progress(&self.progress(elapsed, &counters));
        }
        while let Some(joined) = callers.join_next().await {
            if let Err(error) = joined {
                tracing::warn!(%error, "a simulated caller panicked");
            }
        }
        progress(&self.progress(self.seconds, &counters));
        counters
            .iter()
            .map(|counters| counters.responses())
            .collect()
    }

    fn progress(&self, elapsed: u64, counters: &[Arc<Counters>]) -> Progress {
        let operations = self
            .operations
            .iter()
            .zip(counters)
            .map(|(&operation, counters)| (operation, counters.responses()));
        Progress {
            mode: self.mode,
            elapsed,
            seconds: self.seconds,
            operations: operations.collect(),
        }
    }
}

/// Calls `operation` again and again until `deadline`. A call still waiting
/// for its turn or its response at the deadline is dropped and not counted.
async fn call_until<M, L>(
    clients: Arc<Clients<M, L>>,
    operation: SimulatedOperation,
    deadline: Instant,
    counters: Arc<Counters>,
) where
    M: Pacer<mps::Operation>,
    L: Pacer<live::Operation>,
{
    while Instant::now() < deadline {
        let Ok(result) = tokio::time::timeout_at(deadline, clients.call(operation)).await else {
            break;
        };
        counters.count(operation, &result);
    }
}

/// Returns the time from now until [`START_OFFSET`] after the next whole
/// second of the wall clock.
fn until_next_start() -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let into_second = Duration::from_nanos(u64::from(now.subsec_nanos()));
    Duration::from_secs(1) - into_second + START_OFFSET
}
