//! `#[rate_limited]` on async and blocking functions and methods, with the
//! default limiter, another limiter, a path to an operation, and `reject`.
//! Limiters on a fake clock make every wait instant and its length exact.

use std::time::Duration;

use qps_limits::mps::{Limiter, Operation};
use qps_limits::{
    AccountsFull, Config, FakeClock, KeyedLimiter, KeyedRejected, Rejected, rate_limited,
};

struct Client {
    limiter: Limiter<FakeClock>,
    calls: std::sync::atomic::AtomicU32,
}

impl Client {
    fn new() -> Client {
        let limiter = Limiter::with_clock(Config::default(), FakeClock::default()).unwrap();
        Client {
            limiter,
            calls: Default::default(),
        }
    }

    /// Returns the strict replenish interval of `operation`.
    fn interval(&self, operation: Operation) -> Duration {
        self.limiter.quotas(operation)[0].interval()
    }

    fn elapsed(&self) -> Duration {
        Duration::from(governor::clock::Clock::now(self.limiter.clock()))
    }

    #[rate_limited(SubmitJobs, limiter = &self.limiter)]
    async fn submit_jobs(&self, id: u32) -> u32 {
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        id * 2
    }

    #[rate_limited(SubmitJobs, limiter = &self.limiter)]
    fn submit_jobs_blocking(&self) -> u32 {
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1
    }

    #[rate_limited(qps_limits::mps::Operation::ListAllMediaBucket, limiter = &self.limiter, reject)]
    fn list_buckets(&self) -> Result<u32, Rejected> {
        Ok(self
            .calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1)
    }
}

#[tokio::test]
async fn async_method_waits_on_its_limiter() {
    let client = Client::new();
    for id in 0..3 {
        assert_eq!(client.submit_jobs(id).await, id * 2);
    }
    assert_eq!(client.elapsed(), client.interval(Operation::SubmitJobs) * 2);
    assert!(client.interval(Operation::SubmitJobs) >= Duration::from_millis(10));
    assert_eq!(client.calls.load(std::sync::atomic::Ordering::Relaxed), 3);
}

#[test]
fn blocking_method_waits_on_its_limiter() {
    let client = Client::new();
    let results: Vec<u32> = (0..4).map(|_| client.submit_jobs_blocking()).collect();
    assert_eq!(results, [1, 2, 3, 4]);
    assert_eq!(client.elapsed(), client.interval(Operation::SubmitJobs) * 3);
}

#[test]
fn reject_returns_error_without_waiting() {
    let client = Client::new();
    assert_eq!(client.list_buckets(), Ok(1));
    let rejected = client.list_buckets().unwrap_err();
    assert_eq!(rejected.operation, "ListAllMediaBucket");
    assert_eq!(
        rejected.retry_after,
        client.interval(Operation::ListAllMediaBucket)
    );
    assert!(rejected.retry_after >= Duration::from_millis(100));
    assert_eq!(client.elapsed(), Duration::ZERO);
    assert_eq!(client.calls.load(std::sync::atomic::Ordering::Relaxed), 1);
}

#[rate_limited(CancelJob)]
async fn cancel_job(job: &str) -> String {
    format!("cancelled {job}")
}

#[rate_limited(QueryJobList)]
fn query_job_list() -> usize {
    Operation::COUNT
}

#[tokio::test]
async fn free_functions_use_default_limiter() {
    assert_eq!(cancel_job("j-1").await, "cancelled j-1");
    assert!(
        qps_limits::mps::default_limiter()
            .check(Operation::CancelJob)
            .is_err()
    );
}

#[test]
fn blocking_function_uses_default_limiter() {
    assert_eq!(query_job_list(), 52);
    assert!(
        qps_limits::mps::default_limiter()
            .check(Operation::QueryJobList)
            .is_err()
    );
}

/// A client acting for many accounts, each with its own budget.
struct TenantClient {
    limiter: KeyedLimiter<Operation, String, FakeClock>,
}

impl TenantClient {
    fn new(max_accounts: usize) -> TenantClient {
        let limiter = KeyedLimiter::with_clock(Config::default(), FakeClock::default())
            .unwrap()
            .with_max_accounts(max_accounts);
        TenantClient { limiter }
    }

    fn elapsed(&self) -> Duration {
        Duration::from(governor::clock::Clock::now(self.limiter.clock()))
    }

    #[rate_limited(SubmitJobs, limiter = &self.limiter, account = tenant.to_owned())]
    async fn submit_jobs(&self, tenant: &str) -> Result<String, AccountsFull> {
        Ok(format!("submitted for {tenant}"))
    }

    #[rate_limited(SubmitJobs, limiter = &self.limiter, account = tenant.to_owned())]
    fn submit_jobs_blocking(&self, tenant: &str) -> Result<(), AccountsFull> {
        Ok(())
    }

    #[rate_limited(ListAllMediaBucket, limiter = &self.limiter, account = tenant.to_owned(), reject)]
    fn list_buckets(&self, tenant: &str) -> Result<(), KeyedRejected> {
        Ok(())
    }
}

#[tokio::test]
async fn account_option_keeps_budgets_apart() {
    let client = TenantClient::new(10);
    assert_eq!(client.submit_jobs("a").await.unwrap(), "submitted for a");
    assert_eq!(client.submit_jobs("b").await.unwrap(), "submitted for b");
    assert_eq!(client.elapsed(), Duration::ZERO);

    client.submit_jobs("a").await.unwrap();
    let interval = client.limiter.quotas(Operation::SubmitJobs)[0].interval();
    assert_eq!(client.elapsed(), interval);
    assert_eq!(client.limiter.len(), 2);
}

#[test]
fn account_option_blocks_per_account() {
    let client = TenantClient::new(10);
    client.submit_jobs_blocking("a").unwrap();
    client.submit_jobs_blocking("a").unwrap();
    let interval = client.limiter.quotas(Operation::SubmitJobs)[0].interval();
    assert_eq!(client.elapsed(), interval);
}

#[tokio::test]
async fn full_keyed_limiter_returns_error() {
    let client = TenantClient::new(1);
    client.submit_jobs("a").await.unwrap();
    let full = client.submit_jobs("b").await.unwrap_err();
    assert_eq!(full.max_accounts, 1);
}

#[test]
fn account_option_rejects_per_account() {
    let client = TenantClient::new(10);
    assert!(client.list_buckets("a").is_ok());
    assert!(client.list_buckets("b").is_ok());
    match client.list_buckets("a") {
        Err(KeyedRejected::Rejected(rejected)) => {
            assert_eq!(rejected.operation, "ListAllMediaBucket")
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[deny(unused_braces)]
mod one_line_bodies {
    use qps_limits::rate_limited;

    #[rate_limited(DeleteTemplate)]
    fn delete_template() -> u32 {
        1
    }

    #[rate_limited(SearchTemplate)]
    async fn search_template() -> Result<(), qps_limits::Rejected> {
        Ok(())
    }

    #[rate_limited(AddTemplate)]
    fn add_template() -> u32 {
        #![allow(clippy::let_and_return)]
        let added = 2;
        added
    }

    #[test]
    fn one_line_bodies_compile_without_warnings() {
        assert_eq!(delete_template(), 1);
        assert_eq!(add_template(), 2);
    }

    #[tokio::test]
    async fn one_line_async_body_runs() {
        assert_eq!(search_template().await, Ok(()));
    }
}
