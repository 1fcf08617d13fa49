//! Small clients whose methods are rate limited with
//! `#[qps_limits::rate_limited]`, one per simulated service, and the RPC call
//! they share.

mod live;
mod mps;

use core::fmt;
use core::time::Duration;

use crate::server::{ErrorBody, SuccessBody};
use crate::simulation::operation::{SimulatedOperation, UnsupportedOperation};
use crate::simulation::pacer::Pacer;

pub use live::LiveClient;
pub use mps::MpsClient;

/// How long one HTTP exchange may take before it fails.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends Alibaba Cloud RPC calls of one API version to one endpoint, signed
/// with one access key id, without any pacing.
struct RpcClient {
    http: reqwest::Client,
    endpoint: String,
    access_key_id: String,
    version: &'static str,
}

impl RpcClient {
    fn new(
        endpoint: &str,
        access_key_id: &str,
        version: &'static str,
    ) -> Result<RpcClient, reqwest::Error> {
        // The server is local, so proxy settings from the environment must not apply.
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(REQUEST_TIMEOUT)
            .build()?;
        Ok(RpcClient {
            http,
            endpoint: endpoint.to_owned(),
            access_key_id: access_key_id.to_owned(),
            version,
        })
    }

    /// Sends one call of `action` as a GET request.
    async fn send(&self, action: &str) -> Result<SuccessBody, CallError> {
        let parameters = [
            ("Action", action),
            ("AccessKeyId", &self.access_key_id),
            ("Format", "JSON"),
            ("Version", self.version),
        ];
        let response = self
            .http
            .get(&self.endpoint)
            .query(&parameters)
            .send()
            .await?;
        let status = response.status();
        if status.is_success() {
            return Ok(response.json::<SuccessBody>().await?);
        }
        let body = response.json::<ErrorBody>().await?;
        Err(CallError::Service {
            status: status.as_u16(),
            body,
        })
    }
}

/// The clients of one run: an MPS client paced by `M` and a Live client paced
/// by `L`.
pub(crate) struct Clients<M, L> {
    pub(crate) mps: MpsClient<M>,
    pub(crate) live: LiveClient<L>,
}

impl<M, L> Clients<M, L>
where
    M: Pacer<qps_limits::mps::Operation>,
    L: Pacer<crate::live::Operation>,
{
    /// Calls `operation` through the rate-limited method of its service's client.
    pub(crate) async fn call(
        &self,
        operation: SimulatedOperation,
    ) -> Result<SuccessBody, CallError> {
        match operation {
            SimulatedOperation::Mps(operation) => self.mps.call(operation).await,
            SimulatedOperation::Live(operation) => self.live.call(operation).await,
        }
    }
}

/// Why a client call failed.
#[derive(Debug)]
pub enum CallError {
    /// The server returned an error response.
    Service {
        /// The HTTP status.
        status: u16,
        /// The error body.
        body: ErrorBody,
    },
    /// The HTTP exchange failed, or the body was not the expected JSON.
    Transport(reqwest::Error),
    /// The client has no method for the operation.
    Unsupported(UnsupportedOperation),
}

impl CallError {
    /// Returns true when the server rejected the call for being over a rate limit.
    pub fn is_throttling(&self) -> bool {
        matches!(self, CallError::Service { body, .. } if body.is_throttling())
    }
}

impl From<reqwest::Error> for CallError {
    fn from(error: reqwest::Error) -> Self {
        CallError::Transport(error)
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Service { status, body } => {
                write!(
                    f,
                    "HTTP {status} {}: {} (request {})",
                    body.code, body.message, body.request_id
                )
            }
            CallError::Transport(error) => write!(f, "HTTP exchange failed: {error}"),
            CallError::Unsupported(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for CallError {}
