//! The throttling server over HTTP on 127.0.0.1: status codes and Alibaba
//! Cloud's JSON bodies. The server's clock is a manual one, so every call of
//! a test falls in the same window.

use std::time::Duration;

use qps_limits::mps::Operation;
use qps_limits_tests::server::{
    ACCESS_KEY_NOT_FOUND, Accounts, ErrorBody, MISSING_PARAMETER, ManualClock, Server,
    ServerHandle, SuccessBody, THROTTLING_USER, THROTTLING_USER_MESSAGE,
};
use reqwest::StatusCode;

/// 0.5 s into a whole second.
const START: Duration = Duration::from_millis(1_700_000_000_500);

async fn start_server(clock: &ManualClock) -> ServerHandle<Operation> {
    let accounts = Accounts::new()
        .with_account("shared", ["ram-user-1", "ram-user-2"])
        .with_account("other", ["other-key"]);
    Server::<Operation>::new(accounts)
        .clock(clock.clone())
        .start()
        .await
        .expect("the server binds an ephemeral port on 127.0.0.1")
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("the HTTP client builds")
}

async fn get(server: &ServerHandle<Operation>, action: &str, key: &str) -> reqwest::Response {
    http()
        .get(server.url())
        .query(&[("Action", action), ("AccessKeyId", key)])
        .send()
        .await
        .expect("the local server answers")
}

/// Returns true when `id` has the UUID text layout: 8-4-4-4-12 hex digits.
fn is_uuid_like(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|group| group.chars().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn success_returns_request_id() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    let first = get(&server, "SubmitJobs", "ram-user-1").await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: SuccessBody = first.json().await.expect("a success body");
    let second: SuccessBody = get(&server, "SubmitJobs", "ram-user-1")
        .await
        .json()
        .await
        .expect("a success body");

    assert!(
        is_uuid_like(&first.request_id),
        "request id {}",
        first.request_id
    );
    assert_ne!(first.request_id, second.request_id);
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn over_limit_returns_throttling_user() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    for call in 0..10 {
        let response = get(&server, "ListAllMediaBucket", "ram-user-1").await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "call {call} of 10 allowed"
        );
    }
    let response = get(&server, "ListAllMediaBucket", "ram-user-1").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: ErrorBody = response.json().await.expect("an error body");

    assert_eq!(body.code, THROTTLING_USER);
    assert_eq!(body.message, THROTTLING_USER_MESSAGE);
    assert!(
        is_uuid_like(&body.request_id),
        "request id {}",
        body.request_id
    );
    assert_eq!(body.host_id, server.address().to_string());
    assert!(body.is_throttling());
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn throttled_body_has_alibaba_fields() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;
    for _ in 0..10 {
        get(&server, "ListAllMediaBucket", "other-key").await;
    }

    let body: serde_json::Value = get(&server, "ListAllMediaBucket", "other-key")
        .await
        .json()
        .await
        .expect("JSON");
    let fields: Vec<&str> = body
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(fields.len(), 4, "fields {fields:?}");
    for field in ["RequestId", "HostId", "Code", "Message"] {
        assert!(fields.contains(&field), "missing {field} in {fields:?}");
    }
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn next_window_admits_again() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;
    for _ in 0..10 {
        get(&server, "ListAllMediaBucket", "other-key").await;
    }
    assert_eq!(
        get(&server, "ListAllMediaBucket", "other-key")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );

    clock.advance(Duration::from_millis(500));
    assert_eq!(
        get(&server, "ListAllMediaBucket", "other-key")
            .await
            .status(),
        StatusCode::OK
    );
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn keys_of_one_account_share_limit() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    for call in 0..10 {
        let key = if call % 2 == 0 {
            "ram-user-1"
        } else {
            "ram-user-2"
        };
        assert_eq!(
            get(&server, "ListAllMediaBucket", key).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        get(&server, "ListAllMediaBucket", "ram-user-2")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&server, "ListAllMediaBucket", "other-key")
            .await
            .status(),
        StatusCode::OK
    );

    let shared = server
        .ledger()
        .totals("shared", Operation::ListAllMediaBucket);
    assert_eq!((shared.received, shared.throttled), (11, 1));
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn post_form_body_is_counted() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    let response = http()
        .post(server.url())
        .form(&[
            ("Action", "SubmitJobs"),
            ("AccessKeyId", "other-key"),
            ("Format", "JSON"),
        ])
        .send()
        .await
        .expect("the local server answers");
    assert_eq!(response.status(), StatusCode::OK);

    let totals = server.ledger().totals("other", Operation::SubmitJobs);
    assert_eq!((totals.received, totals.throttled), (1, 0));
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn unknown_key_returns_not_found() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    let response = get(&server, "SubmitJobs", "no-such-key").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, ACCESS_KEY_NOT_FOUND);
    assert!(!body.is_throttling());
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn missing_action_is_rejected() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    let response = http()
        .get(server.url())
        .query(&[("AccessKeyId", "other-key")])
        .send()
        .await
        .expect("the local server answers");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: ErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, MISSING_PARAMETER);
    assert!(
        body.message.contains("\"Action\""),
        "message {}",
        body.message
    );
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn unknown_operation_not_throttled() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;

    for call in 0..50 {
        let status = get(&server, "DescribeSomethingElse", "other-key")
            .await
            .status();
        assert_eq!(status, StatusCode::OK, "call {call}");
    }
    server.shutdown().await.expect("the server stops");
}

#[tokio::test]
async fn shutdown_closes_port() {
    let clock = ManualClock::new(START);
    let server = start_server(&clock).await;
    let url = server.url();
    assert_eq!(
        get(&server, "SubmitJobs", "other-key").await.status(),
        StatusCode::OK
    );

    server.shutdown().await.expect("the server stops");
    let after = http()
        .get(&url)
        .query(&[("Action", "SubmitJobs"), ("AccessKeyId", "other-key")])
        .send()
        .await;
    assert!(
        after.is_err(),
        "the server still answers after shutdown: {after:?}"
    );
}

#[tokio::test]
async fn port_in_use_fails_to_start() {
    let clock = ManualClock::new(START);
    let first = start_server(&clock).await;

    let second = Server::<Operation>::new(Accounts::new())
        .port(first.address().port())
        .start()
        .await;
    let error = second
        .err()
        .expect("a second server on the same port fails to start");
    assert_eq!(error.kind(), std::io::ErrorKind::AddrInUse);
    first.shutdown().await.expect("the server stops");
}
