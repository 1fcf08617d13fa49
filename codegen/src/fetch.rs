//! Fetching a documentation page over HTTP or HTTPS, with a timeout and a
//! size limit, for `qps-limits import URL` and `qps-limits check URL`.

use std::fmt;
use std::time::Duration;

use ureq::Agent;

/// Limits on one fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Time allowed for the whole fetch: connecting, the response and its body.
    pub timeout: Duration,
    /// Largest body accepted, in bytes. The default is 8 MiB.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 8 * 1024 * 1024,
        }
    }
}

/// A fetched page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The response body, as sent.
    pub body: Vec<u8>,
    /// The `Content-Type` header, such as `text/html; charset=utf-8`.
    pub content_type: Option<String>,
}

/// A failed fetch, naming the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The server returned a status other than 2xx.
    Status {
        /// The URL fetched.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The body is larger than [`FetchOptions::max_bytes`].
    TooLarge {
        /// The URL fetched.
        url: String,
        /// The limit the body exceeded, in bytes.
        max_bytes: u64,
    },
    /// The fetch took longer than [`FetchOptions::timeout`].
    TimedOut {
        /// The URL fetched.
        url: String,
        /// The time allowed.
        timeout: Duration,
    },
    /// Any other failure: the address, the connection or TLS.
    Failed {
        /// The URL fetched.
        url: String,
        /// The HTTP client's description of the failure.
        cause: String,
    },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Status { url, status } => {
                write!(
                    f,
                    "failed to fetch {url}: the server returned HTTP status {status}; check the address"
                )
            }
            FetchError::TooLarge { url, max_bytes } => write!(
                f,
                "failed to fetch {url}: the page is larger than {max_bytes} bytes; save the page and import the file"
            ),
            FetchError::TimedOut { url, timeout } => write!(
                f,
                "failed to fetch {url}: timed out after {} s; try again, or save the page and import the file",
                timeout.as_secs_f64()
            ),
            FetchError::Failed { url, cause } => write!(f, "failed to fetch {url}: {cause}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// Fetches `url` with a GET request, following redirects. Proxies named in
/// the environment (`ALL_PROXY`, `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`)
/// apply, as ureq 3 reads them.
pub fn fetch_page(url: &str, options: &FetchOptions) -> Result<Fetched, FetchError> {
    let agent: Agent = Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("qps-limits/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let failed = |error: ureq::Error| classify(url, options, error);
    let mut response = agent.get(url).call().map_err(failed)?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response
        .body_mut()
        .with_config()
        .limit(options.max_bytes)
        .read_to_vec()
        .map_err(failed)?;
    Ok(Fetched { body, content_type })
}

fn classify(url: &str, options: &FetchOptions, error: ureq::Error) -> FetchError {
    let url = url.to_owned();
    match error {
        ureq::Error::Timeout(_) => FetchError::TimedOut {
            url,
            timeout: options.timeout,
        },
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => FetchError::TimedOut {
            url,
            timeout: options.timeout,
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url,
            max_bytes: options.max_bytes,
        },
        other => FetchError::Failed {
            url,
            cause: other.to_string(),
        },
    }
}
