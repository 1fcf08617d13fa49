//! The MPS client of the simulation, whose methods are rate limited with
//! `#[qps_limits::rate_limited]`.

use qps_limits::mps::Operation;
use qps_limits::rate_limited;

use crate::server::SuccessBody;
use crate::simulation::client::{CallError, RpcClient};
use crate::simulation::operation::UnsupportedOperation;
use crate::simulation::pacer::Pacer;

/// The API version MPS RPC calls name.
const API_VERSION: &str = "2014-06-18";

/// An MPS client for one access key, paced by `P`.
pub struct MpsClient<P> {
    rpc: RpcClient,
    pacer: P,
}

impl<P: Pacer<Operation>> MpsClient<P> {
    /// Builds a client that sends calls to `endpoint`, such as
    /// `http://127.0.0.1:40123/`, signed with `access_key_id`.
    ///
    /// # Errors
    ///
    /// Returns reqwest's error when the HTTP client cannot be built.
    pub fn new(endpoint: &str, access_key_id: &str, pacer: P) -> Result<Self, reqwest::Error> {
        let rpc = RpcClient::new(endpoint, access_key_id, API_VERSION)?;
        Ok(MpsClient { rpc, pacer })
    }

    /// Calls `SubmitJobs`.
    #[rate_limited(SubmitJobs, limiter = &self.pacer)]
    pub async fn submit_jobs(&self) -> Result<SuccessBody, CallError> {
        self.rpc.send(Operation::SubmitJobs.name()).await
    }

    /// Calls `ListAllMediaBucket`.
    #[rate_limited(ListAllMediaBucket, limiter = &self.pacer)]
    pub async fn list_all_media_bucket(&self) -> Result<SuccessBody, CallError> {
        self.rpc.send(Operation::ListAllMediaBucket.name()).await
    }

    /// Calls `QueryMediaList`.
    #[rate_limited(QueryMediaList, limiter = &self.pacer)]
    pub async fn query_media_list(&self) -> Result<SuccessBody, CallError> {
        self.rpc.send(Operation::QueryMediaList.name()).await
    }

    /// Calls `QueryJobList`.
    #[rate_limited(QueryJobList, limiter = &self.pacer)]
    pub async fn query_job_list(&self) -> Result<SuccessBody, CallError> {
        self.rpc.send(Operation::QueryJobList.name()).await
    }

    /// Calls `SubmitSnapshotJob`.
    #[rate_limited(SubmitSnapshotJob, limiter = &self.pacer)]
    pub async fn submit_snapshot_job(&self) -> Result<SuccessBody, CallError> {
        self.rpc.send(Operation::SubmitSnapshotJob.name()).await
    }

    /// Calls `operation` through its rate-limited method.
    ///
    /// # Errors
    ///
    /// Returns [`CallError::Unsupported`] for an operation the client has no
    /// method for, and the call's error otherwise.
    pub async fn call(&self, operation: Operation) -> Result<SuccessBody, CallError> {
        match operation {
            Operation::SubmitJobs => self.submit_jobs().await,
            Operation::ListAllMediaBucket => self.list_all_media_bucket().await,
            Operation::QueryMediaList => self.query_media_list().await,
            Operation::QueryJobList => self.query_job_list().await,
            Operation::SubmitSnapshotJob => self.submit_snapshot_job().await,
            other => Err(CallError::Unsupported(UnsupportedOperation(other.into()))),
        }
    }
}
