//! A local HTTP server that throttles Alibaba Cloud RPC calls the way the
//! service does: per account and operation, in fixed windows aligned to the
//! wall clock, with the limits of a generated table.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use qps_limits::mps::Operation;
//! use qps_limits_tests::server::{Accounts, Server};
//!
//! let accounts = Accounts::new().with_account("account-1", ["key-a", "key-b"]);
//! let server = Server::<Operation>::new(accounts).start().await?;
//! // Send `GET {server.url()}?Action=SubmitJobs&AccessKeyId=key-a`.
//! server.shutdown().await
//! # }
//! ```

mod account;
mod budget;
mod clock;
mod endpoint;
mod ledger;
mod reply;
mod window;

use core::marker::PhantomData;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use qps_limits::Operation;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use account::Accounts;
pub use clock::{ManualClock, SystemClock, WallClock};
pub use ledger::{Breach, Ledger, Verdict};
pub use reply::{
    ACCESS_KEY_NOT_FOUND, ErrorBody, INVALID_PARAMETER, MISSING_PARAMETER, SuccessBody,
    THROTTLING_USER, THROTTLING_USER_MESSAGE,
};
pub use window::{Tally, WindowKey, window_start};

use endpoint::Endpoint;
use reply::RequestIds;

/// The settings of a throttling server for the operations of table `O`.
pub struct Server<O> {
    accounts: Accounts,
    clock: Arc<dyn WallClock>,
    region: Option<String>,
    port: u16,
    operations: PhantomData<fn(O)>,
}

impl<O: Operation> Server<O> {
    /// Builds a server for `accounts` on the system clock and an ephemeral port.
    pub fn new(accounts: Accounts) -> Server<O> {
        Server {
            accounts,
            clock: Arc::new(SystemClock),
            region: None,
            port: 0,
            operations: PhantomData,
        }
    }

    /// Sets the clock the server aligns its windows to.
    pub fn clock(mut self, clock: impl WallClock) -> Server<O> {
        self.clock = Arc::new(clock);
        self
    }

    /// Applies the counts the table lists for `region`, such as `cn-shanghai`.
    pub fn region(mut self, region: impl Into<String>) -> Server<O> {
        self.region = Some(region.into());
        self
    }

    /// Sets the port on 127.0.0.1. 0, the default, lets the system pick a free one.
    pub fn port(mut self, port: u16) -> Server<O> {
        self.port = port;
        self
    }

    /// Binds 127.0.0.1 and starts serving on the current Tokio runtime.
    ///
    /// # Errors
    ///
    /// Returns the error of binding the port, such as when it is in use.
    pub async fn start(self) -> io::Result<ServerHandle<O>> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let address = listener.local_addr()?;
        let ledger = Arc::new(Ledger::new(self.clock, self.region.as_deref()));
        let endpoint = Endpoint {
            accounts: self.accounts,
            ledger: Arc::clone(&ledger),
            request_ids: RequestIds::new(),
            host_id: address.to_string(),
        };
        let router = Router::new()
            .route("/", get(endpoint::handle::<O>).post(endpoint::handle::<O>))
            .with_state(Arc::new(endpoint));

        let (stop, stopped) = oneshot::channel::<()>();
        let service = O::table().service();
        let task = tokio::spawn(async move {
            let result = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    // A dropped handle stops the server too.
                    let _ = stopped.await;
                })
                .await;
            tracing::info!(%address, service, "throttling server stopped");
            result
        });
        tracing::info!(%address, service, "throttling server started");
        Ok(ServerHandle {
            address,
            ledger,
            stop,
            task,
        })
    }
}

/// A running throttling server. Dropping the handle stops the server too, but
/// only [`ServerHandle::shutdown`] waits for open connections to finish.
pub struct ServerHandle<O> {
    address: SocketAddr,
    ledger: Arc<Ledger<O>>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl<O: Operation> ServerHandle<O> {
    /// Returns the address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Returns the endpoint's URL, such as `http://127.0.0.1:40123/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Returns the ledger that counts the server's calls.
    pub fn ledger(&self) -> &Arc<Ledger<O>> {
        &self.ledger
    }

    /// Stops accepting connections and waits until the open ones close.
    ///
    /// # Errors
    ///
    /// Returns the server's I/O error, or an error when its task panicked.
    pub async fn shutdown(self) -> io::Result<()> {
        let ServerHandle { stop, task, .. } = self;
        // The server may have stopped on its own after an error, which the
        // task returns below.
        let _ = stop.send(());
        task.await.map_err(io::Error::other)?
    }
}
