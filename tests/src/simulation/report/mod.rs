//! The figures of a simulation: per operation and mode, and per pool and
//! mode, the limit, the calls sent, the admitted rate and the throttled calls.

mod figures;

use core::fmt;

use qps_limits::Unit;
use serde::Serialize;

use crate::simulation::load::Responses;
use crate::simulation::mode::Mode;
use crate::simulation::operation::SimulatedOperation;
use crate::simulation::servers::Servers;

pub(crate) use figures::Run;
pub use figures::{Figures, Subject};

/// The figures of a whole simulation. Its `Display` is a table with one row
/// per operation and mode, then one per pool and mode.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The length of each run, in seconds.
    pub seconds: u64,
    /// Concurrent callers per operation.
    pub callers: usize,
    /// For each mode, one entry per operation in the order requested, then
    /// one per pool whose members ran.
    pub results: Vec<Figures>,
}

impl Report {
    /// Returns the figures of `operation` in `mode`, if it ran.
    pub fn figures(
        &self,
        operation: impl Into<SimulatedOperation>,
        mode: Mode,
    ) -> Option<&Figures> {
        let operation = operation.into();
        self.results.iter().find(|figures| {
            figures.mode == mode
                && matches!(figures.subject, Subject::Operation { operation: ran, .. } if ran == operation)
        })
    }

    /// Returns the combined figures of the pool named `pool` in `mode`, if
    /// any of its members ran.
    pub fn pool_figures(&self, pool: &str, mode: Mode) -> Option<&Figures> {
        self.results.iter().find(|figures| {
            figures.mode == mode
                && matches!(figures.subject, Subject::Pool { pool: name, .. } if name == pool)
        })
    }
}

/// Measures each operation of `ran` in `mode`, in the order of `ran`, then
/// each pool whose members are among them, from the callers' responses and
/// the servers' ledgers.
pub(crate) fn measure(
    run: Run,
    ran: &[(SimulatedOperation, Responses)],
    servers: &Servers,
) -> Vec<Figures> {
    let mut rows: Vec<Figures> = ran
        .iter()
        .map(|&(operation, responses)| match operation {
            SimulatedOperation::Mps(operation) => {
                run.operation(operation, responses, servers.mps.ledger())
            }
            SimulatedOperation::Live(operation) => {
                run.operation(operation, responses, servers.live.ledger())
            }
        })
        .collect();

    let mps_ran: Vec<_> = ran
        .iter()
        .filter_map(|&(operation, responses)| match operation {
            SimulatedOperation::Mps(operation) => Some((operation, responses)),
            SimulatedOperation::Live(_) => None,
        })
        .collect();
    let live_ran: Vec<_> = ran
        .iter()
        .filter_map(|&(operation, responses)| match operation {
            SimulatedOperation::Live(operation) => Some((operation, responses)),
            SimulatedOperation::Mps(_) => None,
        })
        .collect();
    rows.extend(run.pools(&mps_ran, servers.mps.ledger()));
    rows.extend(run.pools(&live_ran, servers.live.ledger()));
    rows
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} s per mode, {} callers per operation",
            self.seconds, self.callers
        )?;
        let mut subjects: Vec<&Subject> = Vec::new();
        for figures in &self.results {
            if !subjects.contains(&&figures.subject) {
                subjects.push(&figures.subject);
            }
        }
        let width = subjects
            .iter()
            .map(|subject| subject.label().len())
            .chain(["operation".len()])
            .max()
            .unwrap_or_default();

        writeln!(
            f,
            "{:<width$} {:<6} {:>8} {:>6} {:>10} {:>10} {:>9} {:>6} {:>11}",
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
        for &subject in &subjects {
            for figures in self
                .results
                .iter()
                .filter(|figures| &figures.subject == subject)
            {
                write_row(f, figures, width)?;
            }
        }
        writeln!(
            f,
            "throttled: answered with Throttling.User; failed: no answer, or an unexpected one; \
             peak/window: most calls the server counted in one of its windows"
        )?;
        for subject in subjects {
            if let Subject::Pool { pool, members, .. } = subject {
                write_pool_note(f, pool, members)?;
            }
        }
        Ok(())
    }
}

fn write_row(f: &mut fmt::Formatter<'_>, figures: &Figures, width: usize) -> fmt::Result {
    writeln!(
        f,
        "{:<width$} {:<6} {:>8} {:>6} {:>10.1} {:>9.1}% {:>9} {:>6} {:>11}",
        figures.subject.label(),
        figures.mode.name(),
        format!("{}/{}", figures.limit, short_unit(figures.unit)),
        figures.sent,
        figures.admitted_per_second,
        figures.percent_of_limit,
        figures.throttled,
        figures.failed,
        figures.peak_window_calls,
    )
}

/// Writes a line under the table saying which rows share the pool.
fn write_pool_note(
    f: &mut fmt::Formatter<'_>,
    pool: &str,
    members: &[SimulatedOperation],
) -> fmt::Result {
    let names: Vec<&str> = members.iter().map(|member| member.name()).collect();
    writeln!(
        f,
        "{pool} (pool): shared by {}, whose rows use its limit",
        names.join(" and ")
    )
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
