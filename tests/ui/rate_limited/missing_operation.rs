use qps_limits::rate_limited;

#[rate_limited]
async fn submit_jobs() {}

#[rate_limited()]
fn cancel_job() {}

fn main() {}
