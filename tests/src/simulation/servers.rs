//! The throttling servers of a simulation: one per simulated table, as each
//! Alibaba Cloud service has its own endpoint.

use qps_limits::mps;

use crate::live;
use crate::server::{Accounts, Server, ServerHandle};
use crate::simulation::SimulationError;
use crate::simulation::mode::Mode;

/// The running servers of the MPS table and of the Live excerpt.
pub(crate) struct Servers {
    pub(crate) mps: ServerHandle<mps::Operation>,
    pub(crate) live: ServerHandle<live::Operation>,
}

impl Servers {
    /// Starts both servers with an account per mode. The MPS server binds
    /// `port` and the Live server the next one, or both free ports when
    /// `port` is 0.
    pub(crate) async fn start(port: u16) -> Result<Servers, SimulationError> {
        let accounts = Mode::ALL.iter().fold(Accounts::new(), |accounts, mode| {
            accounts.with_account(mode.account(), [mode.access_key_id()])
        });
        let live_port = match port {
            0 => 0,
            port => port
                .checked_add(1)
                .ok_or(SimulationError::InvalidOption(LAST_PORT))?,
        };

        let mps = Server::<mps::Operation>::new(accounts.clone())
            .port(port)
            .start()
            .await
            .map_err(|source| SimulationError::ServerStart { port, source })?;
        let live = match Server::<live::Operation>::new(accounts)
            .port(live_port)
            .start()
            .await
        {
            Ok(live) => live,
            Err(source) => {
                // The bind error is the one to report, so a failure to stop
                // the MPS server is ignored.
                let _ = mps.shutdown().await;
                let port = live_port;
                return Err(SimulationError::ServerStart { port, source });
            }
        };
        Ok(Servers { mps, live })
    }

    /// Stops both servers and waits until their connections close.
    pub(crate) async fn shutdown(self) -> Result<(), SimulationError> {
        let mps = self.mps.shutdown().await;
        let live = self.live.shutdown().await;
        mps.and(live).map_err(SimulationError::ServerStop)
    }
}

/// The error for `--port 65535`, which leaves no port for the Live server.
const LAST_PORT: &str =
    "port 65535 leaves no next port for the Live server; choose a lower port, or 0 for free ones";
