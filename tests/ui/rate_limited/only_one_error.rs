// The function is still emitted after the macro's error, so its callers
// compile and the macro's error is the only one.
use qps_limits::rate_limited;

#[rate_limited(SubmitJob)]
fn submit_jobs() -> u32 {
    7
}

fn main() {
    let jobs: u32 = submit_jobs();
    let _ = jobs;
}
