use qps_limits::rate_limited;

#[rate_limited(SubmitJobs, timeout = 5)]
async fn submit_jobs() {}

fn main() {}
