//! The `simulate` binary: option errors, server start failure, and JSON
//! output for MPS operations, Live operations and the Live pool.

use std::net::TcpListener;
use std::process::{Command, Output};

fn simulate(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_simulate"))
        .args(arguments)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the simulate binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn unsupported_operation_names_supported_ones() {
    let output = simulate(&["--operations", "SubmitJobs,CancelJob"]);
    let message = stderr(&output);

    assert!(!output.status.success());
    assert!(message.contains("`CancelJob`"), "stderr: {message}");
    assert!(
        message.contains("SubmitJobs, ListAllMediaBucket, QueryMediaList"),
        "stderr: {message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn misspelled_operation_names_closest() {
    let output = simulate(&["--operations", "SubmitJob"]);
    let message = stderr(&output);

    assert!(!output.status.success());
    assert!(message.contains("`SubmitJobs`"), "stderr: {message}");
}

#[test]
fn port_in_use_exits_with_message() {
    let occupied = TcpListener::bind("127.0.0.1:0").expect("an ephemeral port on 127.0.0.1");
    let port = occupied
        .local_addr()
        .expect("a bound address")
        .port()
        .to_string();
    let output = simulate(&["--port", &port, "--seconds", "1"]);
    let message = stderr(&output);

    assert_eq!(output.status.code(), Some(1), "stderr: {message}");
    assert!(
        message.contains("failed to start the throttling server"),
        "stderr: {message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn json_prints_one_object() {
    let output = simulate(&[
        "--json",
        "--seconds",
        "1",
        "--callers",
        "4",
        "--operations",
        "ListAllMediaBucket",
    ]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));

    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON value");
    let results = report["results"].as_array().expect("a results array");
    let modes: Vec<&str> = results
        .iter()
        .map(|figures| figures["mode"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(modes, ["strict", "plain"]);
    for figures in results {
        assert_eq!(figures["operation"], "ListAllMediaBucket");
        assert_eq!(figures["limit"], 10);
        assert!(
            figures["admitted_per_second"].is_number(),
            "figures {figures}"
        );
        assert!(figures["throttled"].is_u64(), "figures {figures}");
    }
    assert_eq!(results[0]["throttled"], 0, "strict figures {}", results[0]);
    assert!(
        stderr(&output).contains("strict"),
        "progress goes to stderr"
    );
}

#[test]
fn live_names_parse_and_report_pool() {
    let output = simulate(&[
        "--json",
        "--seconds",
        "1",
        "--callers",
        "2",
        "--operations",
        "DescribeLiveStreamsOnlineList, ForbidLiveStream",
    ]);
    assert!(output.status.success(), "stderr: {}", stderr(&output));

    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON value");
    let results = report["results"].as_array().expect("a results array");
    let rows: Vec<(&str, &str, &str)> = results
        .iter()
        .map(|figures| {
            let name = figures["operation"]
                .as_str()
                .or(figures["pool"].as_str())
                .unwrap_or("");
            let kind = figures["kind"].as_str().unwrap_or("");
            let mode = figures["mode"].as_str().unwrap_or("");
            (kind, name, mode)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("operation", "DescribeLiveStreamsOnlineList", "strict"),
            ("operation", "ForbidLiveStream", "strict"),
            ("pool", "StreamBlocking", "strict"),
            ("operation", "DescribeLiveStreamsOnlineList", "plain"),
            ("operation", "ForbidLiveStream", "plain"),
            ("pool", "StreamBlocking", "plain"),
        ]
    );

    let minute = &results[0];
    assert_eq!(minute["service"], "live", "figures {minute}");
    assert_eq!(minute["limit"], 1000, "figures {minute}");
    assert_eq!(minute["unit"], "minute", "figures {minute}");
    let pool = &results[2];
    assert_eq!(pool["members"], serde_json::json!(["ForbidLiveStream"]));
    assert_eq!(pool["limit"], 100, "figures {pool}");
    for figures in &results[..3] {
        assert_eq!(figures["throttled"], 0, "strict figures {figures}");
    }
}

#[test]
fn table_prints_pool_row() {
    let output = simulate(&[
        "--seconds",
        "1",
        "--callers",
        "2",
        "--operations",
        "ResumeLiveStream",
    ]);
    let table = String::from_utf8_lossy(&output.stdout);

    assert!(output.status.success(), "stderr: {}", stderr(&output));
    assert!(table.contains("ResumeLiveStream "), "stdout: {table}");
    assert!(
        table.contains("StreamBlocking (pool) strict"),
        "stdout: {table}"
    );
    assert!(
        table.contains("StreamBlocking (pool): shared by ResumeLiveStream"),
        "stdout: {table}"
    );
}

#[test]
fn unknown_name_names_closest_across_tables() {
    let output = simulate(&["--operations", "SubmitJobs,ResumeLiveStrem"]);
    let message = stderr(&output);

    assert!(!output.status.success());
    assert!(message.contains("`ResumeLiveStrem`"), "stderr: {message}");
    assert!(
        message.contains("the closest operation is `ResumeLiveStream`"),
        "stderr: {message}"
    );
    assert!(
        message.contains("DescribeLiveStreamsOnlineList, ForbidLiveStream, ResumeLiveStream"),
        "stderr: {message}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn last_port_is_rejected() {
    let output = simulate(&["--port", "65535"]);
    let message = stderr(&output);

    assert!(!output.status.success());
    assert!(message.contains("65535"), "stderr: {message}");
    assert!(output.stdout.is_empty());
}
