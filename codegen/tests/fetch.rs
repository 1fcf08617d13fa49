//! Fetching pages by URL, against a small HTTP server on 127.0.0.1 that
//! each test starts: success, an error status, a body over the size limit,
//! a server that never responds, and a refused connection.

#![cfg(feature = "fetch")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use qps_limits_codegen::fetch::{FetchError, FetchOptions, fetch_page};

/// Serves one connection on 127.0.0.1: reads the request, then lets
/// `respond` write the response. Returns the server's base URL.
fn serve(respond: impl FnOnce(&mut TcpStream) + Send + 'static) -> (String, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        read_request(&mut stream);
        respond(&mut stream);
    });
    (url, handle)
}

/// Reads a request up to the blank line after its headers.
fn read_request(stream: &mut TcpStream) {
    let mut request = Vec::new();
    let mut buffer = [0; 1024];
    while !request.windows(4).any(|window| window == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(read) => request.extend_from_slice(&buffer[..read]),
        }
    }
}

fn answer(
    status: &str,
    content_type: &str,
    body: &[u8],
) -> impl FnOnce(&mut TcpStream) + Send + 'static {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    move |stream| {
        let _ = stream.write_all(&response);
    }
}

fn options(timeout: Duration, max_bytes: u64) -> FetchOptions {
    FetchOptions { timeout, max_bytes }
}

#[test]
fn page_is_fetched() {
    let page = "Transcoding APIs\n\nAPI | QPS limit\nSubmitJobs | 100\n";
    let (url, server) = serve(answer(
        "200 OK",
        "text/plain; charset=utf-8",
        page.as_bytes(),
    ));
    let fetched = fetch_page(&format!("{url}/qps-limits"), &FetchOptions::default()).unwrap();
    assert_eq!(fetched.body, page.as_bytes());
    assert_eq!(
        fetched.content_type.as_deref(),
        Some("text/plain; charset=utf-8")
    );
    server.join().unwrap();
}

#[test]
fn error_status_names_the_url() {
    let (url, server) = serve(answer("404 Not Found", "text/plain", b"not found"));
    let url = format!("{url}/missing");
    let error = fetch_page(&url, &FetchOptions::default()).unwrap_err();
    assert_eq!(
        error,
        FetchError::Status {
            url: url.clone(),
            status: 404
        }
    );
    assert_eq!(
        error.to_string(),
        format!("failed to fetch {url}: the server returned HTTP status 404; check the address")
    );
    server.join().unwrap();
}

#[test]
fn body_over_the_limit_is_rejected() {
    let body = vec![b'x'; 64 * 1024];
    let (url, server) = serve(answer("200 OK", "text/html", &body));
    let error = fetch_page(&url, &options(Duration::from_secs(10), 1024)).unwrap_err();
    assert_eq!(
        error,
        FetchError::TooLarge {
            url: url.clone(),
            max_bytes: 1024
        }
    );
    assert!(
        error
            .to_string()
            .contains("the page is larger than 1024 bytes")
    );
    server.join().unwrap();
}

#[test]
fn silent_server_times_out() {
    let (url, server) = serve(|stream| {
        // Wait, without responding, until the client gives up and closes.
        let _ = stream.read(&mut [0; 1]);
    });
    let started = Instant::now();
    let error = fetch_page(&url, &options(Duration::from_millis(300), 1024)).unwrap_err();
    assert_eq!(
        error,
        FetchError::TimedOut {
            url: url.clone(),
            timeout: Duration::from_millis(300)
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        error.to_string().contains("timed out after 0.3 s"),
        "{error}"
    );
    server.join().unwrap();
}

#[test]
fn refused_connection_names_the_url() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/qps-limits");
    let error = fetch_page(&url, &options(Duration::from_secs(5), 1024)).unwrap_err();
    assert!(
        matches!(&error, FetchError::Failed { url: failed, .. } if *failed == url),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("failed to fetch {url}: ")),
        "{error}"
    );
}
