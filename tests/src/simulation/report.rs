//! The figures of a simulation: per operation and mode, the limit, the calls
//! sent, the admitted rate and the throttled calls.

use core::fmt;

use qps_limits::Unit;
use qps_limits::mps::Operation;
use serde::Serialize;

use crate::server::Ledger;
use crate::simulation::load::Responses;
use crate::simulation::mode::Mode;

/// The figures of one operation in one mode.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// The operation called.
    pub operation: Operation,
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
    /// of `unit`.
    pub peak_window_calls: u64,
}

impl Figures {
    /// Combines the callers' responses with what the server recorded for the
    /// mode's account over a run of `seconds`.
    pub(crate) fn new(
        operation: Operation,
        mode: Mode,
        seconds: u64,
        responses: Responses,
        ledger: &Ledger<Operation>,
    ) -> Figures {
        let window = operation.limit().windows()[0];
        let server = ledger.totals(mode.account(), operation);
        let peak_window_calls = ledger
            .tallies()
            .into_iter()
            .filter(|(key, _)| {
                key.account == mode.account()
                    && key.operation == operation
                    && key.unit == window.unit()
            })
            .map(|(_, tally)| tally.received)
            .max()
            .unwrap_or(0);

        let admitted = responses.admitted as f64;
        let seconds = seconds as f64;
        // Multiplying before dividing keeps whole percentages exact: 51 calls
        // in 5 s against 10 per second is 102.0, not 101.99999999999999.
        let percent_of_limit = 100.0 * admitted * window.duration().as_secs_f64()
            / (f64::from(window.count()) * seconds);
        Figures {
            operation,
            mode,
            limit: window.count(),
            unit: window.unit().name(),
            sent: server.received,
            admitted: responses.admitted,
            admitted_per_second: admitted / seconds,
            percent_of_limit,
            throttled: server.throttled,
            failed: responses.failed,
            peak_window_calls,
        }
    }
}

/// The figures of a whole simulation. Its `Display` is a table with one row
/// per operation and mode.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The length of each run, in seconds.
    pub seconds: u64,
    /// Concurrent callers per operation.
    pub callers: usize,
    /// One entry per operation and mode, operations in the order requested.
    pub results: Vec<Figures>,
}

impl Report {
    /// Returns the figures of `operation` in `mode`, if it ran.
    pub fn figures(&self, operation: Operation, mode: Mode) -> Option<&Figures> {
        self.results
            .iter()
            .find(|figures| figures.operation == operation && figures.mode == mode)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} s per mode, {} callers per operation",
            self.seconds, self.callers
        )?;
        writeln!(
            f,
            "{:<20} {:<6} {:>8} {:>6} {:>10} {:>10} {:>9} {:>6} {:>11}",
            "operation",
            "mode",
            "limit",
            "sent",
            "admitted/s",
            "% of limit",
            "throttled",
            "failed",
            "peak/window"
        )?;
        let mut operations: Vec<Operation> = Vec::new();
        for figures in &self.results {
            if !operations.contains(&figures.operation) {
                operations.push(figures.operation);
            }
        }
        for operation in operations {
            for figures in self
                .results
                .iter()
                .filter(|figures| figures.operation == operation)
            {
                writeln!(
                    f,
                    "{:<20} {:<6} {:>8} {:>6} {:>10.1} {:>9.1}% {:>9} {:>6} {:>11}",
                    figures.operation.name(),
                    figures.mode.name(),
                    format!("{}/{}", figures.limit, short_unit(figures.unit)),
                    figures.sent,
                    figures.admitted_per_second,
                    figures.percent_of_limit,
                    figures.throttled,
                    figures.failed,
                    figures.peak_window_calls,
                )?;
            }
        }
        Ok(())
    }
}

/// Returns the usual abbreviation of a unit's name, such as `s` for `second`.
fn short_unit(unit: &str) -> &str {
    match unit {
        name if name == Unit::Second.name() => "s",
        name if name == Unit::Minute.name() => "min",
        name if name == Unit::Hour.name() => "h",
        name if name == Unit::Day.name() => "d",
        other => other,
    }
}
