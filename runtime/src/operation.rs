//! The trait that generated operation enums implement, and the process-wide
//! default limiter of each table.

use core::fmt;
use core::hash::Hash;
use std::sync::OnceLock;

use crate::limiter::Limiter;
use crate::table::{OperationSpec, TableSpec};

/// An operation of a generated table.
///
/// Generated code implements this for each table's `Operation` enum; the
/// limiter is generic over it, so one runtime serves every table.
pub trait Operation: Copy + Eq + Hash + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// The number of operations in the table.
    const COUNT: usize;

    /// Returns the table the operation belongs to.
    fn table() -> &'static TableSpec;

    /// Returns the operation's position in the table, below [`Operation::COUNT`].
    fn index(self) -> usize;

    /// Returns the operation at `index` in the table.
    fn from_index(index: usize) -> Option<Self>;

    /// Returns the table's process-wide limiter.
    fn default_limiter() -> &'static Limiter<Self>;

    /// Returns the operation's row in the table.
    fn spec(self) -> &'static OperationSpec {
        &Self::table().operations()[self.index()]
    }
}

/// The process-wide limiter of one table, built on first use.
pub struct DefaultLimiter<O: Operation> {
    cell: OnceLock<Limiter<O>>,
}

impl<O: Operation> DefaultLimiter<O> {
    /// Builds an empty slot.
    pub const fn new() -> Self {
        DefaultLimiter {
            cell: OnceLock::new(),
        }
    }

    /// Returns the limiter, building it with the default configuration on
    /// first use unless one was installed.
    pub fn get(&self) -> &Limiter<O> {
        self.cell.get_or_init(Limiter::strict)
    }

    /// Installs `limiter` as the default. Fails, returning it, when a default
    /// was already built or installed.
    pub fn install(&self, limiter: Limiter<O>) -> Result<(), Limiter<O>> {
        self.cell.set(limiter)
    }
}

impl<O: Operation> Default for DefaultLimiter<O> {
    fn default() -> Self {
        Self::new()
    }
}

/// A name that is not an operation of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownOperation {
    /// The name that was looked up.
    pub name: String,
    /// The table's service id.
    pub service: &'static str,
    /// The operation whose name is closest, when one is close.
    pub closest: Option<&'static str>,
}

impl fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an operation of the {} table",
            self.name, self.service
        )?;
        match self.closest {
            Some(closest) => write!(f, "; the closest operation is `{closest}`"),
            None => f.write_str("; operations not in the table are not limited by it"),
        }
    }
}

impl std::error::Error for UnknownOperation {}

/// Looks up an operation by exact name, naming the closest one on failure.
pub(crate) fn parse_operation<O: Operation>(name: &str) -> Result<O, UnknownOperation> {
    let table = O::table();
    let index = table
        .operations()
        .iter()
        .position(|spec| spec.name() == name);
    if let Some(operation) = index.and_then(O::from_index) {
        return Ok(operation);
    }
    Err(UnknownOperation {
        name: name.to_owned(),
        service: table.service(),
        closest: closest_name(name, table.operations().iter().map(OperationSpec::name)),
    })
}

/// Returns the candidate closest to `name` when it is near enough to be a
/// misspelling: an edit distance of at most a third of the name, and at least 2.
fn closest_name(
    name: &str,
    candidates: impl Iterator<Item = &'static str>,
) -> Option<&'static str> {
    let lowercase = name.to_ascii_lowercase();
    let allowed = (lowercase.chars().count() / 3).max(2);
    candidates
        .map(|candidate| {
            (
                strsim::damerau_levenshtein(&lowercase, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}
