//! The operations the simulation can call: those of the MPS table and those of
//! the Live excerpt, and the errors for names it cannot call.

use core::fmt;
use core::str::FromStr;

use qps_limits::{Operation, UnknownOperation, Window, mps};
use serde::{Serialize, Serializer};

use crate::live;

/// An operation of one of the simulated tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SimulatedOperation {
    /// An operation of the MPS table, `qps_limits::mps`.
    Mps(mps::Operation),
    /// An operation of the Live excerpt, [`crate::live`].
    Live(live::Operation),
}

/// The operations the simulation clients have a method for, MPS first.
pub const SUPPORTED_OPERATIONS: [SimulatedOperation; 8] = [
    SimulatedOperation::Mps(mps::Operation::SubmitJobs),
    SimulatedOperation::Mps(mps::Operation::ListAllMediaBucket),
    SimulatedOperation::Mps(mps::Operation::QueryMediaList),
    SimulatedOperation::Mps(mps::Operation::QueryJobList),
    SimulatedOperation::Mps(mps::Operation::SubmitSnapshotJob),
    SimulatedOperation::Live(live::Operation::DescribeLiveStreamsOnlineList),
    SimulatedOperation::Live(live::Operation::ForbidLiveStream),
    SimulatedOperation::Live(live::Operation::ResumeLiveStream),
];

impl SimulatedOperation {
    /// Returns the operation's name, such as `SubmitJobs`.
    pub fn name(self) -> &'static str {
        match self {
            SimulatedOperation::Mps(operation) => operation.name(),
            SimulatedOperation::Live(operation) => operation.name(),
        }
    }

    /// Returns the service id of the operation's table, such as `mps`.
    pub fn service(self) -> &'static str {
        match self {
            SimulatedOperation::Mps(_) => mps::TABLE.service(),
            SimulatedOperation::Live(_) => live::TABLE.service(),
        }
    }

    /// Returns the name of the pool the operation shares, if any.
    pub fn pool(self) -> Option<&'static str> {
        match self {
            SimulatedOperation::Mps(operation) => operation.limit().pool(),
            SimulatedOperation::Live(operation) => operation.limit().pool(),
        }
    }

    /// Returns the window the simulation measures the operation against: its
    /// own first window or, for an operation limited only by a pool, the
    /// pool's first window. `None` means the table does not limit it.
    pub fn window(self) -> Option<Window> {
        match self {
            SimulatedOperation::Mps(operation) => first_window(operation),
            SimulatedOperation::Live(operation) => first_window(operation),
        }
    }
}

/// Returns the first window of `operation`, or of its pool when it has none.
pub(crate) fn first_window<O: Operation>(operation: O) -> Option<Window> {
    let limit = operation.spec().limit();
    if let Some(window) = limit.windows().first() {
        return Some(*window);
    }
    let pool = limit.pool()?;
    let spec = O::table().pools().iter().find(|spec| spec.name() == pool)?;
    spec.windows().first().copied()
}

impl From<mps::Operation> for SimulatedOperation {
    fn from(operation: mps::Operation) -> Self {
        SimulatedOperation::Mps(operation)
    }
}

impl From<live::Operation> for SimulatedOperation {
    fn from(operation: live::Operation) -> Self {
        SimulatedOperation::Live(operation)
    }
}

impl fmt::Display for SimulatedOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl Serialize for SimulatedOperation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl FromStr for SimulatedOperation {
    type Err = OperationNotFound;

    /// Finds the operation with exactly this name in the MPS table, then in
    /// the Live excerpt.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let in_mps = match name.parse::<mps::Operation>() {
            Ok(operation) => return Ok(operation.into()),
            Err(error) => error,
        };
        let in_live = match name.parse::<live::Operation>() {
            Ok(operation) => return Ok(operation.into()),
            Err(error) => error,
        };
        Err(OperationNotFound {
            name: name.to_owned(),
            closest: closer(name, &in_mps, &in_live),
        })
    }
}

/// Returns the closer of the closest names the two tables offered for `name`.
fn closer(name: &str, first: &UnknownOperation, second: &UnknownOperation) -> Option<&'static str> {
    let distance = |candidate: &str| {
        strsim::damerau_levenshtein(&name.to_ascii_lowercase(), &candidate.to_ascii_lowercase())
    };
    match (first.closest, second.closest) {
        (Some(a), Some(b)) if distance(b) < distance(a) => Some(b),
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Returns the names of [`SUPPORTED_OPERATIONS`], separated by commas.
fn supported_names() -> String {
    let names: Vec<&str> = SUPPORTED_OPERATIONS
        .iter()
        .map(|operation| operation.name())
        .collect();
    names.join(", ")
}

/// A name that is in none of the simulated tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationNotFound {
    /// The name that was looked up.
    pub name: String,
    /// The operation of either table whose name is closest, when one is close.
    pub closest: Option<&'static str>,
}

impl fmt::Display for OperationNotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an operation of the {} or {} table",
            self.name,
            mps::TABLE.service(),
            live::TABLE.service()
        )?;
        if let Some(closest) = self.closest {
            write!(f, ", and the closest operation is `{closest}`")?;
        }
        write!(f, ". The simulation supports {}", supported_names())
    }
}

impl std::error::Error for OperationNotFound {}

/// An operation the simulation clients have no method for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnsupportedOperation(pub SimulatedOperation);

impl UnsupportedOperation {
    /// Checks that the clients have a method for each of `operations`, and
    /// returns an error naming the first they lack.
    pub fn check(operations: &[SimulatedOperation]) -> Result<(), UnsupportedOperation> {
        match operations
            .iter()
            .find(|operation| !SUPPORTED_OPERATIONS.contains(operation))
        {
            Some(&operation) => Err(UnsupportedOperation(operation)),
            None => Ok(()),
        }
    }
}

impl fmt::Display for UnsupportedOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the simulation client has no method for `{}`; the supported operations are {}",
            self.0,
            supported_names()
        )
    }
}

impl std::error::Error for UnsupportedOperation {}
