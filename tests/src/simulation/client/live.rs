//! The ApsaraVideo Live client of the simulation, whose methods are rate
//! limited with `#[qps_limits::rate_limited]` against the Live excerpt.

use qps_limits::rate_limited;

use crate::live;
use crate::server::SuccessBody;
use crate::simulation::client::{CallError, RpcClient};
use crate::simulation::pacer::Pacer;

/// The API version Live RPC calls name.
const API_VERSION: &str = "2016-11-01";

/// A Live client for one access key, paced by `P`.
pub struct LiveClient<P> {
    rpc: RpcClient,
    pacer: P,
}

impl<P: Pacer<live::Operation>> LiveClient<P> {
    /// Builds a client that sends calls to `endpoint`, such as
    /// `http://127.0.0.1:40124/`, signed with `access_key_id`.
    ///
    /// # Errors
    ///
    /// Returns reqwest's error when the HTTP client cannot be built.
    pub fn new(endpoint: &str, access_key_id: &str, pacer: P) -> Result<Self, reqwest::Error> {
        let rpc = RpcClient::new(endpoint, access_key_id, API_VERSION)?;
        Ok(LiveClient { rpc, pacer })
    }

    /// Calls `DescribeLiveStreamsOnlineList`, limited per minute.
    #[rate_limited(live::Operation::DescribeLiveStreamsOnlineList, limiter = &self.pacer)]
    pub async fn describe_live_streams_online_list(&self) -> Result<SuccessBody, CallError> {
        let operation = live::Operation::DescribeLiveStreamsOnlineList;
        self.rpc.send(operation.name()).await
    }

    /// Calls `ForbidLiveStream`, which shares its pool with `ResumeLiveStream`.
    #[rate_limited(live::Operation::ForbidLiveStream, limiter = &self.pacer)]
    pub async fn forbid_live_stream(&self) -> Result<SuccessBody, CallError> {
        self.rpc
            .send(live::Operation::ForbidLiveStream.name())
            .await
    }

    /// Calls `ResumeLiveStream`, which shares its pool with `ForbidLiveStream`.
    #[rate_limited(live::Operation::ResumeLiveStream, limiter = &self.pacer)]
    pub async fn resume_live_stream(&self) -> Result<SuccessBody, CallError> {
        self.rpc
            .send(live::Operation::ResumeLiveStream.name())
            .await
    }

    /// Calls `operation` through its rate-limited method.
    ///
    /// # Errors
    ///
    /// Returns the call's error.
    pub async fn call(&self, operation: live::Operation) -> Result<SuccessBody, CallError> {
        match operation {
            live::Operation::DescribeLiveStreamsOnlineList => {
                self.describe_live_streams_online_list().await
            }
            live::Operation::ForbidLiveStream => self.forbid_live_stream().await,
            live::Operation::ResumeLiveStream => self.resume_live_stream().await,
        }
    }
}
