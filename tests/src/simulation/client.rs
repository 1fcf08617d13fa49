//! A small MPS client whose methods are rate limited with
//! `#[qps_limits::rate_limited]`.

use core::fmt;
use core::time::Duration;

use qps_limits::mps::Operation;
use qps_limits::rate_limited;

use crate::server::{ErrorBody, SuccessBody};
use crate::simulation::pacer::Pacer;

/// The operations [`MpsClient`] has a method for.
pub const SUPPORTED_OPERATIONS: [Operation; 5] = [
    Operation::SubmitJobs,
    Operation::ListAllMediaBucket,
    Operation::QueryMediaList,
    Operation::QueryJobList,
    Operation::SubmitSnapshotJob,
];

/// The API version MPS RPC calls name.
const API_VERSION: &str = "2014-06-18";

/// How long one HTTP exchange may take before it fails.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// An MPS client for one access key, paced by `P`.
pub struct MpsClient<P> {
    http: reqwest::Client,
    endpoint: String,
    access_key_id: String,
    pacer: P,
}

impl<P: Pacer> MpsClient<P> {
    /// Builds a client that sends calls to `endpoint`, such as
    /// `http://127.0.0.1:40123/`, signed with `access_key_id`.
    ///
    /// # Errors
    ///
    /// Returns reqwest's error when the HTTP client cannot be built.
    pub fn new(endpoint: &str, access_key_id: &str, pacer: P) -> Result<Self, reqwest::Error> {
        // The server is local, so proxy settings from the environment must not apply.
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(REQUEST_TIMEOUT)
            .build()?;
        Ok(MpsClient {
            http,
            endpoint: endpoint.to_owned(),
            access_key_id: access_key_id.to_owned(),
            pacer,
        })
    }

    /// Calls `SubmitJobs`.
    #[rate_limited(SubmitJobs, limiter = &self.pacer)]
    pub async fn submit_jobs(&self) -> Result<SuccessBody, CallError> {
        self.send(Operation::SubmitJobs).await
    }

    /// Calls `ListAllMediaBucket`.
    #[rate_limited(ListAllMediaBucket, limiter = &self.pacer)]
    pub async fn list_all_media_bucket(&self) -> Result<SuccessBody, CallError> {
        self.send(Operation::ListAllMediaBucket).await
    }

    /// Calls `QueryMediaList`.
    #[rate_limited(QueryMediaList, limiter = &self.pacer)]
    pub async fn query_media_list(&self) -> Result<SuccessBody, CallError> {
        self.send(Operation::QueryMediaList).await
    }

    /// Calls `QueryJobList`.
    #[rate_limited(QueryJobList, limiter = &self.pacer)]
    pub async fn query_job_list(&self) -> Result<SuccessBody, CallError> {
        self.send(Operation::QueryJobList).await
    }

    /// Calls `SubmitSnapshotJob`.
    #[rate_limited(SubmitSnapshotJob, limiter = &self.pacer)]
    pub async fn submit_snapshot_job(&self) -> Result<SuccessBody, CallError> {
        self.send(Operation::SubmitSnapshotJob).await
    }

    /// Calls `operation` through its rate-limited method.
    ///
    /// # Errors
    ///
    /// Returns [`CallError::Unsupported`] for an operation outside
    /// [`SUPPORTED_OPERATIONS`], and the call's error otherwise.
    pub async fn call(&self, operation: Operation) -> Result<SuccessBody, CallError> {
        match operation {
            Operation::SubmitJobs => self.submit_jobs().await,
            Operation::ListAllMediaBucket => self.list_all_media_bucket().await,
            Operation::QueryMediaList => self.query_media_list().await,
            Operation::QueryJobList => self.query_job_list().await,
            Operation::SubmitSnapshotJob => self.submit_snapshot_job().await,
            other => Err(CallError::Unsupported(UnsupportedOperation(other))),
        }
    }

    /// Sends one RPC call as a GET request, without waiting for the limiter.
    async fn send(&self, operation: Operation) -> Result<SuccessBody, CallError> {
        let parameters = [
            ("Action", operation.name()),
            ("AccessKeyId", &self.access_key_id),
            ("Format", "JSON"),
            ("Version", API_VERSION),
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

/// An operation [`MpsClient`] has no method for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnsupportedOperation(pub Operation);

impl UnsupportedOperation {
    /// Checks that the client has a method for each of `operations`, and
    /// returns an error naming the first it lacks.
    pub fn check(operations: &[Operation]) -> Result<(), UnsupportedOperation> {
        match operations
            .iter()
            .find(|operation| !SUPPORTED_OPERATIONS.contains(operation))
        {
            Some(&operation) => Err(UnsupportedOperation(operation)),
            None => Ok(()),
        }
    }
}

impl fmt::Display for UnsupportedOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let supported: Vec<&str> = SUPPORTED_OPERATIONS
            .iter()
            .map(|operation| operation.name())
            .collect();
        write!(
            f,
            "the simulation client has no method for `{}`; the supported operations are {}",
            self.0,
            supported.join(", ")
        )
    }
}

impl std::error::Error for UnsupportedOperation {}
