use qps_limits::rate_limited;

#[rate_limited(SubmitJobs, account = "tenant-1".to_owned())]
async fn submit_jobs() -> Result<(), qps_limits::AccountsFull> {
    Ok(())
}

fn main() {}
