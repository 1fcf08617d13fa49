//! The two ways the simulation paces its callers.

use core::fmt;

use serde::Serialize;

/// How the callers of a run are paced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The process-wide strict limiter of each table, such as
    /// `qps_limits::mps::default_limiter()`.
    Strict,
    /// Plain governor limiters, one per operation with the quota of its
    /// documented window, such as `Quota::per_second(count)`.
    Plain,
}

impl Mode {
    /// Both modes, strict first.
    pub const ALL: [Mode; 2] = [Mode::Strict, Mode::Plain];

    /// Returns the mode's name as reports print it.
    pub const fn name(self) -> &'static str {
        match self {
            Mode::Strict => "strict",
            Mode::Plain => "plain",
        }
    }

    /// Returns the server account the mode's calls are charged to, on every
    /// server. Each mode has its own, so runs do not share windows.
    pub const fn account(self) -> &'static str {
        match self {
            Mode::Strict => "simulation-strict",
            Mode::Plain => "simulation-plain",
        }
    }

    /// Returns the access key id the mode's client signs with.
    pub const fn access_key_id(self) -> &'static str {
        match self {
            Mode::Strict => "strict-caller-key",
            Mode::Plain => "plain-caller-key",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
