//! Limiter configuration: burst, safety margin, share and region.

use core::time::Duration;

use crate::error::ConfigError;

/// The default safety margin added to every window.
///
/// A call admitted at time `t` reaches the server at `t` plus the network
/// delay. When that delay varies by up to the margin, the server still never
/// counts more than the documented count in one of its windows. 5 ms costs 0.5%
/// of a per-second limit, so a saturated limiter still reaches 99% of the
/// documented rate, and nothing measurable of longer windows. Raise it with
/// [`Config::margin`] on a network whose delay varies more.
pub const DEFAULT_MARGIN: Duration = Duration::from_millis(5);

/// The settings a limiter derives its quotas from, next to the documented limits.
///
/// The default is strict: burst 1, a margin of [`DEFAULT_MARGIN`], the whole
/// budget for this process, and the smallest count any region has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub(crate) burst: u32,
    pub(crate) margin: Duration,
    pub(crate) processes: u32,
    pub(crate) region: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            burst: 1,
            margin: DEFAULT_MARGIN,
            processes: 1,
            region: None,
        }
    }
}

impl Config {
    /// Sets how many calls may go at once from idle. The replenish interval
    /// grows with it, so no window ever admits more than its count. A burst
    /// larger than a window's count is clamped to the count.
    pub fn burst(mut self, burst: u32) -> Config {
        self.burst = burst;
        self
    }

    /// Sets the safety margin added to every window's length, to absorb the
    /// variation in time between admitting a call and the server counting it.
    pub fn margin(mut self, margin: Duration) -> Config {
        self.margin = margin;
        self
    }

    /// Gives this process `1 / processes` of every count, for a static split of
    /// one account's budget among that many processes.
    pub fn share_of(mut self, processes: u32) -> Config {
        self.processes = processes;
        self
    }

    /// Applies the counts of `region`, such as `cn-shanghai`. Operations with
    /// no count for the region use their default count.
    pub fn region(mut self, region: impl Into<String>) -> Config {
        self.region = Some(region.into());
        self
    }

    /// Returns the burst.
    pub fn burst_size(&self) -> u32 {
        self.burst
    }

    /// Returns the safety margin.
    pub fn safety_margin(&self) -> Duration {
        self.margin
    }

    /// Returns the number of processes sharing the budget.
    pub fn processes(&self) -> u32 {
        self.processes
    }

    /// Returns the region, if one is set.
    pub fn region_id(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Rejects a burst or share of 0 and a malformed region id.
    pub(crate) fn validate(&self) -> Result<(), ConfigError> {
        if self.burst == 0 {
            return Err(ConfigError::ZeroBurst);
        }
        if self.processes == 0 {
            return Err(ConfigError::ZeroProcesses);
        }
        if let Some(region) = &self.region
            && !is_region_id(region)
        {
            return Err(ConfigError::InvalidRegion {
                region: region.clone(),
            });
        }
        Ok(())
    }
}

/// Returns true for ids such as `cn-shanghai` or `ap-southeast-1`: lowercase
/// ASCII letters and digits in at least two parts joined by hyphens.
fn is_region_id(region: &str) -> bool {
    let mut parts = 0;
    for part in region.split('-') {
        if part.is_empty()
            || !part
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
        {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}
