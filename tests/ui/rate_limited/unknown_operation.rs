use qps_limits::rate_limited;

#[rate_limited(SubmitJob)]
async fn submit_jobs() {}

fn main() {}
