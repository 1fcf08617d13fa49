//! Reloading limits from a table read by qps-limits-codegen (feature `table`).
#![cfg(feature = "table")]

mod common;

use common::every::{Limiter, Operation};
use qps_limits::{Config, FakeClock, LimitSet};

#[test]
fn reload_from_new_table() {
    let mut text = std::fs::read_to_string("tests/fixtures/every_feature.yaml").unwrap();
    text = text.replace("PerSecond: 20", "PerSecond: 7").replace(
        "- name: SharedQueries\n    count: 100",
        "- name: SharedQueries\n    count: 40",
    );
    let table = qps_limits_codegen::parse_table(&text, "every_feature.yaml").unwrap();
    let limiter = Limiter::with_clock(
        Config::default().region("cn-shanghai"),
        FakeClock::default(),
    )
    .unwrap();

    limiter
        .reload(LimitSet::from_table(&table, Some("cn-shanghai")))
        .unwrap();

    assert_eq!(limiter.quotas(Operation::PerSecond)[0].count, 7);
    assert_eq!(limiter.quotas(Operation::QueryA)[0].count, 40);
    assert_eq!(limiter.quotas(Operation::Regional)[0].count, 120);
    assert_eq!(limiter.quotas(Operation::TwoWindows).len(), 2);
    assert!(limiter.is_unlimited(Operation::NotLimited));
}
