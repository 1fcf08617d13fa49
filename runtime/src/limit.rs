//! Documented limits as constant data: what generated tables are made of.

use core::fmt;
use core::time::Duration;

/// The unit of time a count applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// Calls per second.
    Second,
    /// Calls per minute.
    Minute,
    /// Calls per hour.
    Hour,
    /// Calls per day.
    Day,
}

impl Unit {
    /// Returns the name limits.yaml uses for the unit.
    pub const fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }

    /// Returns the length of one window of this unit.
    pub const fn duration(self) -> Duration {
        match self {
            Unit::Second => Duration::from_secs(1),
            Unit::Minute => Duration::from_secs(60),
            Unit::Hour => Duration::from_secs(3_600),
            Unit::Day => Duration::from_secs(86_400),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A count of calls allowed in every window of one unit's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    count: u32,
    unit: Unit,
}

impl Window {
    /// Builds a window of `count` calls per `unit`. A count of 0 is invalid:
    /// [`Window::is_valid`] reports it and limiters reject it.
    pub const fn new(count: u32, unit: Unit) -> Window {
        Window { count, unit }
    }

    /// Returns the number of calls allowed per window.
    pub const fn count(&self) -> u32 {
        self.count
    }

    /// Returns the unit of the window.
    pub const fn unit(&self) -> Unit {
        self.unit
    }

    /// Returns the window's length.
    pub const fn duration(&self) -> Duration {
        self.unit.duration()
    }

    /// Returns true when the window admits at least one call.
    pub const fn is_valid(&self) -> bool {
        self.count > 0
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} per {}", self.count, self.unit)
    }
}

/// A count that replaces the first window's count in one region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RegionCount {
    region: &'static str,
    count: u32,
}

impl RegionCount {
    /// Builds a regional count, such as 120 in `cn-shanghai`.
    pub const fn new(region: &'static str, count: u32) -> RegionCount {
        RegionCount { region, count }
    }

    /// Returns the region id, such as `cn-shanghai`.
    pub const fn region(&self) -> &'static str {
        self.region
    }

    /// Returns the count that applies in the region.
    pub const fn count(&self) -> u32 {
        self.count
    }
}

/// The documented limit of one operation.
///
/// An operation is admitted only when every window admits it and, if it is a
/// member of a pool, the pool admits it too. A limit with no windows and no
/// pool means the documentation lists the operation as not limited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limit {
    windows: &'static [Window],
    regions: &'static [RegionCount],
    pool: Option<&'static str>,
}

impl Limit {
    /// A limit that admits every call.
    pub const UNLIMITED: Limit = Limit::new(&[], &[], None);

    /// Builds a limit from its windows (the documented one first), regional
    /// counts for the first window, and the name of a shared pool.
    pub const fn new(
        windows: &'static [Window],
        regions: &'static [RegionCount],
        pool: Option<&'static str>,
    ) -> Limit {
        Limit {
            windows,
            regions,
            pool,
        }
    }

    /// Returns the windows, the documented one first.
    pub const fn windows(&self) -> &'static [Window] {
        self.windows
    }

    /// Returns the counts that replace the first window's count per region.
    pub const fn regions(&self) -> &'static [RegionCount] {
        self.regions
    }

    /// Returns the name of the pool the operation shares, if any.
    pub const fn pool(&self) -> Option<&'static str> {
        self.pool
    }

    /// Returns true when the documentation lists the operation as not limited.
    pub const fn is_unlimited(&self) -> bool {
        self.windows.is_empty() && self.pool.is_none()
    }

    /// Returns true when every window and regional count admits at least one call.
    pub const fn is_valid(&self) -> bool {
        let mut index = 0;
        while index < self.windows.len() {
            if !self.windows[index].is_valid() {
                return false;
            }
            index += 1;
        }
        let mut index = 0;
        while index < self.regions.len() {
            if self.regions[index].count == 0 {
                return false;
            }
            index += 1;
        }
        true
    }

    /// Returns the windows that apply in `region`.
    ///
    /// With no region, the first window takes the smallest count the table
    /// lists for any region, so the limit is kept wherever the caller runs.
    pub fn windows_in(&self, region: Option<&str>) -> Vec<Window> {
        let mut windows = self.windows.to_vec();
        let Some(first) = windows.first_mut() else {
            return windows;
        };
        let regional = self.regions.iter();
        first.count = match region {
            Some(region) => regional
                .filter(|entry| entry.region == region)
                .map(|entry| entry.count)
                .next()
                .unwrap_or(first.count),
            None => regional
                .map(|entry| entry.count)
                .fold(first.count, u32::min),
        };
        windows
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_unlimited() {
            return f.write_str("not limited");
        }
        let mut first = true;
        let mut separator = |f: &mut fmt::Formatter<'_>| {
            let text = if first { "" } else { ", " };
            first = false;
            f.write_str(text)
        };
        for window in self.windows {
            separator(f)?;
            write!(f, "{window}")?;
        }
        for entry in self.regions {
            separator(f)?;
            write!(f, "{} in {}", entry.count, entry.region)?;
        }
        if let Some(pool) = self.pool {
            separator(f)?;
            write!(f, "pool {pool}")?;
        }
        Ok(())
    }
}
