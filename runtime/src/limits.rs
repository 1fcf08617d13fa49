//! Limits that replace a table's documented ones at run time.

use core::fmt;
use core::marker::PhantomData;

use crate::config::Config;
use crate::error::ConfigError;
use crate::limit::Window;
use crate::operation::Operation;

/// The windows a limiter enforces in place of the table's, per operation and
/// per pool. Operations and pools without an entry keep their documented
/// limit, in the configured region.
///
/// Use one to reload a whole table at run time with
/// [`Limiter::reload`](crate::Limiter::reload), or change one operation with
/// [`Limiter::set_limit`](crate::Limiter::set_limit).
///
/// ```
/// use qps_limits::mps::Operation;
/// use qps_limits::{LimitSet, Unit, Window};
///
/// // The account's quota for SubmitJobs was raised to 300 per second.
/// let mut limits = LimitSet::<Operation>::documented();
/// limits.set(Operation::SubmitJobs, &[Window::new(300, Unit::Second)]);
/// assert_eq!(limits.get(Operation::SubmitJobs), Some(&[Window::new(300, Unit::Second)][..]));
/// ```
pub struct LimitSet<O: Operation> {
    operations: Box<[Option<Vec<Window>>]>,
    pools: Box<[Option<Vec<Window>>]>,
    table: PhantomData<fn(O)>,
}

impl<O: Operation> LimitSet<O> {
    /// Builds a set with no replacements: every operation keeps its
    /// documented limit.
    pub fn documented() -> Self {
        LimitSet {
            operations: vec![None; O::COUNT].into_boxed_slice(),
            pools: vec![None; O::table().pools().len()].into_boxed_slice(),
            table: PhantomData,
        }
    }

    /// Replaces the windows of `operation`. An empty list removes its own
    /// limit; the operation's pool, if any, still applies.
    pub fn set(&mut self, operation: O, windows: &[Window]) -> &mut Self {
        if let Some(entry) = self.operations.get_mut(operation.index()) {
            *entry = Some(windows.to_vec());
        }
        self
    }

    /// Returns a copy with the windows of `operation` replaced.
    pub(crate) fn with(&self, operation: O, windows: &[Window]) -> Self {
        let mut changed = self.clone();
        changed.set(operation, windows);
        changed
    }

    /// Returns a copy with the documented limit of `operation` restored.
    pub(crate) fn without(&self, operation: O) -> Self {
        let mut changed = self.clone();
        changed.clear(operation);
        changed
    }

    /// Restores the documented limit of `operation`.
    pub fn clear(&mut self, operation: O) -> &mut Self {
        if let Some(entry) = self.operations.get_mut(operation.index()) {
            *entry = None;
        }
        self
    }

    /// Replaces the windows of the pool named `pool`.
    pub fn set_pool(&mut self, pool: &str, windows: &[Window]) -> Result<&mut Self, ConfigError> {
        let pools = O::table().pools();
        let Some(index) = pools.iter().position(|known| known.name() == pool) else {
            return Err(ConfigError::NoSuchPool {
                pool: pool.to_owned(),
                service: O::table().service(),
            });
        };
        self.pools[index] = Some(windows.to_vec());
        Ok(self)
    }

    /// Returns the windows that replace those of `operation`, if any.
    pub fn get(&self, operation: O) -> Option<&[Window]> {
        self.operations.get(operation.index())?.as_deref()
    }

    /// Returns the windows `operation` is limited by under `config`: the
    /// replacement, or the documented windows in the configured region.
    pub(crate) fn operation_windows(&self, index: usize, config: &Config) -> Vec<Window> {
        match self.operations.get(index) {
            Some(Some(windows)) => windows.clone(),
            _ => O::table().operations()[index]
                .limit()
                .windows_in(config.region_id()),
        }
    }

    /// Returns the windows of the pool at `index`.
    pub(crate) fn pool_windows(&self, index: usize) -> Vec<Window> {
        match self.pools.get(index) {
            Some(Some(windows)) => windows.clone(),
            _ => O::table().pools()[index].windows().to_vec(),
        }
    }
}

impl<O: Operation> Clone for LimitSet<O> {
    fn clone(&self) -> Self {
        LimitSet {
            operations: self.operations.clone(),
            pools: self.pools.clone(),
            table: PhantomData,
        }
    }
}

impl<O: Operation> PartialEq for LimitSet<O> {
    fn eq(&self, other: &Self) -> bool {
        self.operations == other.operations && self.pools == other.pools
    }
}

impl<O: Operation> Eq for LimitSet<O> {}

impl<O: Operation> Default for LimitSet<O> {
    fn default() -> Self {
        Self::documented()
    }
}

impl<O: Operation> fmt::Debug for LimitSet<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operations = O::table().operations().iter().zip(self.operations.iter());
        let pools = O::table().pools().iter().zip(self.pools.iter());
        let mut map = f.debug_map();
        for (spec, windows) in operations {
            if let Some(windows) = windows {
                map.entry(&spec.name(), windows);
            }
        }
        for (spec, windows) in pools {
            if let Some(windows) = windows {
                map.entry(&spec.name(), windows);
            }
        }
        map.finish()
    }
}

#[cfg(feature = "table")]
impl<O: Operation> LimitSet<O> {
    /// Builds the set that makes a limiter enforce `table`, a newer version of
    /// the compiled table read with `qps_limits_codegen::load_table`, with the
    /// counts of `region` (the smallest regional count when `None`).
    ///
    /// Rows are matched by operation name. A row the compiled table lacks is
    /// skipped, and an operation the new table lacks keeps its compiled limit;
    /// both are logged as warnings. Pool membership stays as compiled.
    pub fn from_table(table: &qps_limits_codegen::Table, region: Option<&str>) -> Self {
        let mut limits = Self::documented();
        for row in table.operations() {
            match crate::operation::parse_operation::<O>(&row.name) {
                Ok(operation) => {
                    limits.set(operation, &table_windows(&row.limit, region));
                }
                Err(_) => tracing::warn!(
                    operation = %row.name,
                    service = O::table().service(),
                    "operation is not in the compiled table; its new limit is ignored"
                ),
            }
        }
        for spec in O::table().operations() {
            if table.operation(spec.name()).is_none() {
                tracing::warn!(
                    operation = spec.name(),
                    "operation is missing from the new table; it keeps its compiled limit"
                );
            }
        }
        for pool in &table.pools {
            if limits
                .set_pool(&pool.name, &table_windows(&pool.limit, None))
                .is_err()
            {
                tracing::warn!(pool = %pool.name, "pool is not in the compiled table; its new limit is ignored");
            }
        }
        limits
    }
}

/// Converts a codegen limit's windows, applying the count of `region`.
#[cfg(feature = "table")]
fn table_windows(limit: &qps_limits_codegen::Limit, region: Option<&str>) -> Vec<Window> {
    use qps_limits_codegen::Unit as TableUnit;

    let mut windows: Vec<Window> = limit
        .windows
        .iter()
        .map(|window| {
            let unit = match window.unit {
                TableUnit::Second => crate::limit::Unit::Second,
                TableUnit::Minute => crate::limit::Unit::Minute,
                TableUnit::Hour => crate::limit::Unit::Hour,
                TableUnit::Day => crate::limit::Unit::Day,
            };
            Window::new(window.count, unit)
        })
        .collect();
    if let Some(first) = windows.first_mut() {
        let regional = limit.regions.iter();
        let count = match region {
            Some(region) => limit.count_in(region).unwrap_or(first.count()),
            None => regional
                .map(|entry| entry.count)
                .fold(first.count(), u32::min),
        };
        *first = Window::new(count, first.unit());
    }
    windows
}
