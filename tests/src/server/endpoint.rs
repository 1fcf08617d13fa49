//! The RPC endpoint: reads `Action` and `AccessKeyId` from the query string or
//! a form body, finds the account, and responds as Alibaba Cloud does.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use qps_limits::Operation;
use serde::Deserialize;

use crate::server::account::Accounts;
use crate::server::ledger::{Ledger, Verdict};
use crate::server::reply::{self, RequestIds};

/// What every call shares: the accounts, the ledger and the id source.
pub(crate) struct Endpoint<O> {
    pub(crate) accounts: Accounts,
    pub(crate) ledger: Arc<Ledger<O>>,
    pub(crate) request_ids: RequestIds,
    /// The `HostId` of error bodies: the server's own address.
    pub(crate) host_id: String,
}

/// The common RPC parameters the server reads. Others are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RpcParameters {
    action: Option<String>,
    access_key_id: Option<String>,
}

impl RpcParameters {
    /// Fills the parameters missing here from `other`.
    fn or(self, other: RpcParameters) -> RpcParameters {
        RpcParameters {
            action: self.action.or(other.action),
            access_key_id: self.access_key_id.or(other.access_key_id),
        }
    }
}

/// Handles one call, sent as GET with a query string or as POST with a form
/// body (parameters may also be split between the two).
pub(crate) async fn handle<O: Operation>(
    State(endpoint): State<Arc<Endpoint<O>>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let request_id = endpoint.request_ids.next();
    let query = serde_urlencoded::from_str::<RpcParameters>(query.as_deref().unwrap_or(""));
    let form = serde_urlencoded::from_bytes::<RpcParameters>(&body);
    let (Ok(query), Ok(form)) = (query, form) else {
        let message =
            "The request parameters are not valid application/x-www-form-urlencoded data.";
        return endpoint.error(
            StatusCode::BAD_REQUEST,
            request_id,
            reply::INVALID_PARAMETER,
            message,
        );
    };
    let parameters = query.or(form);

    let Some(access_key_id) = parameters.access_key_id else {
        return endpoint.missing(request_id, "AccessKeyId");
    };
    let Some(action) = parameters.action else {
        return endpoint.missing(request_id, "Action");
    };
    let Some(account) = endpoint.accounts.account_of(&access_key_id) else {
        let message = "Specified access key is not found.";
        return endpoint.error(
            StatusCode::NOT_FOUND,
            request_id,
            reply::ACCESS_KEY_NOT_FOUND,
            message,
        );
    };

    // Operations the table does not list are not limited by it.
    let Some(operation) = operation_named::<O>(&action) else {
        return reply::success(request_id);
    };
    match endpoint.ledger.record(account, operation) {
        Verdict::Admitted => reply::success(request_id),
        Verdict::Throttled(breach) => {
            tracing::debug!(
                account,
                %operation,
                window = %breach.window,
                window_start = ?breach.start,
                pool = breach.pool,
                request_id,
                "throttled a call"
            );
            let (code, message) = (reply::THROTTLING_USER, reply::THROTTLING_USER_MESSAGE);
            reply::error(
                StatusCode::BAD_REQUEST,
                request_id,
                &endpoint.host_id,
                code,
                message,
            )
        }
    }
}

impl<O> Endpoint<O> {
    /// Rejects an invalid call, as opposed to one over a limit.
    fn error(&self, status: StatusCode, request_id: String, code: &str, message: &str) -> Response {
        tracing::debug!(%status, code, request_id, "rejected an invalid call");
        reply::error(status, request_id, &self.host_id, code, message)
    }

    fn missing(&self, request_id: String, parameter: &str) -> Response {
        let message = format!(
            "The input parameter \"{parameter}\" that is mandatory for processing this request is not supplied."
        );
        self.error(
            StatusCode::BAD_REQUEST,
            request_id,
            reply::MISSING_PARAMETER,
            &message,
        )
    }
}

/// Finds the operation of `O`'s table with exactly this name.
fn operation_named<O: Operation>(name: &str) -> Option<O> {
    let index = O::table()
        .operations()
        .iter()
        .position(|spec| spec.name() == name)?;
    O::from_index(index)
}
