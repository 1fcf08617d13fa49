use qps_limits::rate_limited;

#[rate_limited(SubmitJobs)]
struct Client;

fn main() {
    let _ = Client;
}
