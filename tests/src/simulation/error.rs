//! The error of a simulation that did not run to the end.

use core::fmt;
use std::io;

use crate::simulation::operation::UnsupportedOperation;

/// Why a simulation did not run to the end.
#[derive(Debug)]
pub enum SimulationError {
    /// An option is out of range.
    InvalidOption(&'static str),
    /// An operation has no method in the client.
    Unsupported(UnsupportedOperation),
    /// A throttling server could not bind its port.
    ServerStart {
        /// The port requested, 0 for any.
        port: u16,
        /// The binding error.
        source: io::Error,
    },
    /// The HTTP client could not be built.
    Client(reqwest::Error),
    /// A throttling server failed while shutting down.
    ServerStop(io::Error),
}

impl fmt::Display for SimulationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimulationError::InvalidOption(message) => f.write_str(message),
            SimulationError::Unsupported(error) => error.fmt(f),
            SimulationError::ServerStart { port, source } => write!(
                f,
                "failed to start the throttling server on 127.0.0.1:{port}: {source}; \
                 choose another port, or 0 for a free one"
            ),
            SimulationError::Client(error) => write!(f, "failed to build the HTTP client: {error}"),
            SimulationError::ServerStop(error) => {
                write!(f, "the throttling server failed while stopping: {error}")
            }
        }
    }
}

impl std::error::Error for SimulationError {}
