//! Limits as the documentation states them: counts per unit of time, extra
//! windows, regional counts and pools.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The unit of time a count applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
}

impl Unit {
    /// Every unit, shortest first.
    pub const ALL: [Unit; 4] = [Unit::Second, Unit::Minute, Unit::Hour, Unit::Day];

    /// Returns the name used in limits.yaml.
    pub const fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }

    /// Returns the length of the window this unit stands for.
    pub const fn duration(self) -> Duration {
        match self {
            Unit::Second => Duration::from_secs(1),
            Unit::Minute => Duration::from_secs(60),
            Unit::Hour => Duration::from_secs(3600),
            Unit::Day => Duration::from_secs(86_400),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Unit {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        Unit::ALL
            .into_iter()
            .find(|unit| unit.name() == text)
            .ok_or(())
    }
}

/// A count of calls allowed in every window of one unit's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    pub count: u32,
    pub unit: Unit,
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} per {}", self.count, self.unit)
    }
}

/// A count that replaces the first window's count in one region.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegionCount {
    /// Region id as Alibaba Cloud writes it, for example `cn-shanghai`.
    pub region: String,
    pub count: u32,
}

/// The documented limit of one operation or pool.
///
/// An operation with no windows and no pool is listed as not limited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Limit {
    /// Windows that must all admit a call, the documented one first.
    pub windows: Vec<Window>,
    /// Counts that replace `windows[0].count` in the regions named.
    pub regions: Vec<RegionCount>,
    /// Name of the pool whose budget this operation also draws from.
    pub pool: Option<String>,
}

impl Limit {
    /// Builds a limit of one window.
    pub fn new(count: u32, unit: Unit) -> Limit {
        Limit {
            windows: vec![Window { count, unit }],
            ..Limit::default()
        }
    }

    /// Returns true when the operation is listed as not limited.
    pub fn is_unlimited(&self) -> bool {
        self.windows.is_empty() && self.pool.is_none()
    }

    /// Returns the count that applies in `region` to the first window.
    pub fn count_in(&self, region: &str) -> Option<u32> {
        let regional = self.regions.iter().find(|entry| entry.region == region);
        regional
            .map(|entry| entry.count)
            .or_else(|| self.windows.first().map(|window| window.count))
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_unlimited() {
            return f.write_str("not limited");
        }
        let mut parts: Vec<String> = self.windows.iter().map(Window::to_string).collect();
        for entry in &self.regions {
            parts.push(format!("{} in {}", entry.count, entry.region));
        }
        if let Some(pool) = &self.pool {
            parts.push(format!("pool {pool}"));
        }
        f.write_str(&parts.join(", "))
    }
}
