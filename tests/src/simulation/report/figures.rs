//! The figures of one row of a report: an operation, or a pool's members
//! together, in one mode.

use core::time::Duration;
use std::collections::BTreeMap;

use qps_limits::{Operation, Unit, Window};
use serde::Serialize;

use crate::server::{Ledger, Tally};
use crate::simulation::load::Responses;
use crate::simulation::mode::Mode;
use crate::simulation::operation::{SimulatedOperation, first_window};

/// What a row of figures measures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Subject {
    /// The calls to one operation.
    Operation {
        /// The service id of the operation's table, such as `mps`.
        service: &'static str,
        /// The operation called.
        operation: SimulatedOperation,
        /// The pool the operation shares, whose window the row measures
        /// against when the operation has none of its own.
        pool: Option<&'static str>,
    },
    /// The calls to every member of a pool that ran, counted together.
    Pool {
        /// The service id of the pool's table, such as `live`.
        service: &'static str,
        /// The pool's name.
        pool: &'static str,
        /// The members that ran, in table order.
        members: Vec<SimulatedOperation>,
    },
}

impl Subject {
    /// Returns the row's label in a report table: the operation's name, or
    /// the pool's name marked as a pool.
    pub fn label(&self) -> String {
        match self {
            Subject::Operation { operation, .. } => operation.name().to_owned(),
            Subject::Pool { pool, .. } => format!("{pool} (pool)"),
        }
    }
}

/// The figures of one operation, or of one pool, in one mode.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// The operation or pool measured.
    #[serde(flatten)]
    pub subject: Subject,
    /// How the callers were paced.
    pub mode: Mode,
    /// The documented count per window.
    pub limit: u32,
    /// The unit of the window, such as `second`.
    pub unit: &'static str,
    /// Calls the server received.
    pub sent: u64,
    /// Calls that got HTTP 200 before the run ended, as the callers counted them.
    pub admitted: u64,
    /// `admitted` per second of the run. It can exceed the limit a little,
    /// because a run that starts mid-window overlaps one more server window
    /// than it has whole seconds.
    pub admitted_per_second: f64,
    /// The admitted rate as a percentage of the documented rate.
    pub percent_of_limit: f64,
    /// Calls the server throttled.
    pub throttled: u64,
    /// Calls that failed for another reason, as the callers saw them.
    pub failed: u64,
    /// The maximum number of calls the server received in one of its windows
    /// of `unit`. For a pool, the calls of all its members in that window.
    pub peak_window_calls: u64,
}

/// What the server recorded for some operations of one account: all their
/// calls, and the most calls it received in one window.
#[derive(Clone, Copy, Debug, Default)]
struct ServerCounts {
    total: Tally,
    peak: u64,
}

impl ServerCounts {
    /// Adds up the calls of `account` to `operations` in `ledger`. Calls to
    /// several operations in the same window of `unit` count together.
    fn read<O: Operation>(
        ledger: &Ledger<O>,
        account: &str,
        operations: &[O],
        unit: Unit,
    ) -> ServerCounts {
        let mut total = Tally::default();
        for &operation in operations {
            let tally = ledger.totals(account, operation);
            total.received += tally.received;
            total.throttled += tally.throttled;
        }

        let mut windows: BTreeMap<Duration, u64> = BTreeMap::new();
        for (key, tally) in ledger.tallies() {
            if key.account == account && key.unit == unit && operations.contains(&key.operation) {
                *windows.entry(key.start).or_default() += tally.received;
            }
        }
        let peak = windows.into_values().max().unwrap_or(0);
        ServerCounts { total, peak }
    }
}

/// The parts of a run that every row of one mode shares.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    pub(crate) mode: Mode,
    pub(crate) seconds: u64,
}

impl Run {
    /// Measures one operation of table `O` against its own first window, or
    /// its pool's when it has none.
    ///
    /// # Panics
    ///
    /// Panics when the table does not limit `operation`. The simulation
    /// clients have methods only for limited operations.
    pub(crate) fn operation<O>(
        self,
        operation: O,
        responses: Responses,
        ledger: &Ledger<O>,
    ) -> Figures
    where
        O: Operation + Into<SimulatedOperation>,
    {
        let window = first_window(operation).expect("the simulated operations are all limited");
        let server = ServerCounts::read(ledger, self.mode.account(), &[operation], window.unit());
        let simulated: SimulatedOperation = operation.into();
        let subject = Subject::Operation {
            service: O::table().service(),
            operation: simulated,
            pool: simulated.pool(),
        };
        self.figures(subject, window, responses, server)
    }

    /// Measures the members of each pool of table `O` that are among `ran`,
    /// together against the pool's first window. A pool none of whose
    /// members ran has no row.
    pub(crate) fn pools<O>(self, ran: &[(O, Responses)], ledger: &Ledger<O>) -> Vec<Figures>
    where
        O: Operation + Into<SimulatedOperation>,
    {
        let mut rows = Vec::new();
        for pool in O::table().pools() {
            let mut members: Vec<(O, Responses)> = ran
                .iter()
                .copied()
                .filter(|(operation, _)| operation.spec().limit().pool() == Some(pool.name()))
                .collect();
            members.sort_by_key(|(operation, _)| operation.index());
            let Some(&window) = pool.windows().first() else {
                continue;
            };
            if members.is_empty() {
                continue;
            }

            let operations: Vec<O> = members.iter().map(|(operation, _)| *operation).collect();
            let server =
                ServerCounts::read(ledger, self.mode.account(), &operations, window.unit());
            let responses = members
                .iter()
                .fold(Responses::default(), |sum, (_, responses)| Responses {
                    admitted: sum.admitted + responses.admitted,
                    throttled: sum.throttled + responses.throttled,
                    failed: sum.failed + responses.failed,
                });
            let subject = Subject::Pool {
                service: O::table().service(),
                pool: pool.name(),
                members: operations.into_iter().map(Into::into).collect(),
            };
            rows.push(self.figures(subject, window, responses, server));
        }
        rows
    }

    /// Combines the callers' responses with what the server recorded.
    fn figures(
        self,
        subject: Subject,
        window: Window,
        responses: Responses,
        server: ServerCounts,
    ) -> Figures {
        let admitted = responses.admitted as f64;
        let seconds = self.seconds as f64;
        // Multiplying before dividing keeps whole percentages exact: 51 calls
        // in 5 s against 10 per second is 102.0, not 101.99999999999999.
        let percent_of_limit = 100.0 * admitted * window.duration().as_secs_f64()
            / (f64::from(window.count()) * seconds);
        Figures {
            subject,
            mode: self.mode,
            limit: window.count(),
            unit: window.unit().name(),
            sent: server.total.received,
            admitted: responses.admitted,
            admitted_per_second: admitted / seconds,
            percent_of_limit,
            throttled: server.total.throttled,
            failed: responses.failed,
            peak_window_calls: server.peak,
        }
    }
}
