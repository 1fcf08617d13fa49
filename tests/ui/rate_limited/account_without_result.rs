use qps_limits::{KeyedLimiter, rate_limited};
use qps_limits::mps::Operation;

struct Client {
    limiter: KeyedLimiter<Operation, String>,
    account: String,
}

impl Client {
    #[rate_limited(SubmitJobs, limiter = &self.limiter, account = self.account)]
    async fn submit_jobs(&self) {}
}

fn main() {}
