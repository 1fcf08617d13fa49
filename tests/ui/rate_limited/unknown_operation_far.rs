use qps_limits::rate_limited;

#[rate_limited(DescribeRegions)]
fn describe_regions() {}

fn main() {}
