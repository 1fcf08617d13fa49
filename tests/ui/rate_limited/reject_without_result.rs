use qps_limits::rate_limited;

#[rate_limited(SubmitJobs, reject)]
fn submit_jobs() {}

fn main() {}
