use qps_limits::rate_limited;

#[rate_limited(limiter = qps_limits::mps::default_limiter())]
async fn submit_jobs() {}

fn main() {}
