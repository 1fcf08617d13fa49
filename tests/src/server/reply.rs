//! Responses in the shape of Alibaba Cloud's RPC API: JSON bodies with a
//! request id, and the error codes the throttling server sends.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The error code of a call over the account's limit.
pub const THROTTLING_USER: &str = "Throttling.User";

/// The message Alibaba Cloud sends with [`THROTTLING_USER`].
pub const THROTTLING_USER_MESSAGE: &str = "Request was denied due to user flow control.";

/// The error code of a call signed with an access key id no account has.
pub const ACCESS_KEY_NOT_FOUND: &str = "InvalidAccessKeyId.NotFound";

/// The error code of a call that lacks a required parameter.
pub const MISSING_PARAMETER: &str = "MissingParameter";

/// The error code of a call whose parameters cannot be decoded.
pub const INVALID_PARAMETER: &str = "InvalidParameter";

/// The body of a successful call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SuccessBody {
    /// The id the server gave the call.
    pub request_id: String,
}

/// The body of a failed call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ErrorBody {
    /// The id the server gave the call.
    pub request_id: String,
    /// The host that handled the call.
    pub host_id: String,
    /// The error code, such as [`THROTTLING_USER`].
    pub code: String,
    /// The error message.
    pub message: String,
}

impl ErrorBody {
    /// Returns true when the code is one Alibaba Cloud uses for calls over a
    /// rate limit: one containing `Throttling`, or `ServiceUnavailable`.
    pub fn is_throttling(&self) -> bool {
        self.code.contains("Throttling") || self.code == "ServiceUnavailable"
    }
}

/// A source of unique request ids in the UUID text format.
///
/// Each id is a counter mixed into a seed taken from the start time, which is
/// enough for ids to differ between calls and between server runs.
#[derive(Debug)]
pub(crate) struct RequestIds {
    seed: u64,
    next: AtomicU64,
}

impl RequestIds {
    pub(crate) fn new() -> RequestIds {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let seed = u64::try_from(now.as_nanos() & u128::from(u64::MAX)).unwrap_or_default();
        RequestIds {
            seed,
            next: AtomicU64::new(1),
        }
    }

    /// Returns a new id such as `1A2B3C4D-0000-4000-8000-00000000002A`.
    pub(crate) fn next(&self) -> String {
        let count = self.next.fetch_add(1, Ordering::Relaxed);
        let high = self.seed;
        format!(
            "{:08X}-{:04X}-4{:03X}-8{:03X}-{:012X}",
            high >> 32,
            (high >> 16) & 0xFFFF,
            (high >> 4) & 0xFFF,
            (count >> 48) & 0xFFF,
            count & 0xFFFF_FFFF_FFFF,
        )
    }
}

/// Builds the response of a successful call.
pub(crate) fn success(request_id: String) -> Response {
    (StatusCode::OK, Json(SuccessBody { request_id })).into_response()
}

/// Builds an error response with Alibaba Cloud's body fields.
pub(crate) fn error(
    status: StatusCode,
    request_id: String,
    host_id: &str,
    code: &str,
    message: &str,
) -> Response {
    let body = ErrorBody {
        request_id,
        host_id: host_id.to_owned(),
        code: code.to_owned(),
        message: message.to_owned(),
    };
    (status, Json(body)).into_response()
}
