//! The throttling server's counting, on a manual clock: fixed windows aligned
//! to the wall clock, per-account budgets, several windows and pools.

use std::sync::Arc;
use std::time::Duration;

use qps_limits::Unit;
use qps_limits::mps::Operation;
use qps_limits_tests::server::{
    Accounts, Ledger, ManualClock, Tally, Verdict, WindowKey, window_start,
};

mod sample {
    qps_limits::limits!("tests/tables/sample.yaml");
}

fn secs(seconds: f64) -> Duration {
    Duration::from_secs_f64(seconds)
}

fn ledger<O: qps_limits::Operation>(clock: &ManualClock) -> Ledger<O> {
    Ledger::new(Arc::new(clock.clone()), None)
}

/// Records `calls` calls and returns how many were admitted.
fn admitted<O: qps_limits::Operation>(
    ledger: &Ledger<O>,
    account: &str,
    operation: O,
    calls: usize,
) -> usize {
    (0..calls)
        .filter(|_| ledger.record(account, operation) == Verdict::Admitted)
        .count()
}

#[test]
fn window_start_aligns_to_units() {
    assert_eq!(window_start(secs(1000.9), Unit::Second), secs(1000.0));
    assert_eq!(window_start(secs(1000.0), Unit::Second), secs(1000.0));
    assert_eq!(window_start(secs(125.5), Unit::Minute), secs(120.0));
    assert_eq!(window_start(secs(7_199.0), Unit::Hour), secs(3_600.0));
    assert_eq!(
        window_start(secs(86_400.0 * 3.0 + 5.0), Unit::Day),
        secs(86_400.0 * 3.0)
    );
}

#[test]
fn second_window_starts_on_whole_second() {
    // The first call comes 0.9 s into second 1000. A window that started with
    // that call would stay full until 1001.9, but an aligned one resets at 1001.
    let clock = ManualClock::new(secs(1000.9));
    let ledger = ledger::<Operation>(&clock);

    assert_eq!(
        admitted(&ledger, "account", Operation::ListAllMediaBucket, 12),
        10
    );
    clock.set(secs(1001.0));
    assert_eq!(
        admitted(&ledger, "account", Operation::ListAllMediaBucket, 1),
        1
    );

    let first = ledger.tally_at(
        "account",
        Operation::ListAllMediaBucket,
        Unit::Second,
        secs(1000.0),
    );
    assert_eq!(
        first,
        Tally {
            received: 12,
            throttled: 2
        }
    );
    let second = ledger.tally_at(
        "account",
        Operation::ListAllMediaBucket,
        Unit::Second,
        secs(1001.0),
    );
    assert_eq!(
        second,
        Tally {
            received: 1,
            throttled: 0
        }
    );
}

#[test]
fn count_resets_at_boundary() {
    let clock = ManualClock::new(secs(5.0));
    let ledger = ledger::<Operation>(&clock);
    assert_eq!(
        admitted(&ledger, "account", Operation::SubmitJobs, 100),
        100
    );

    clock.set(Duration::from_nanos(5_999_999_999));
    assert!(matches!(
        ledger.record("account", Operation::SubmitJobs),
        Verdict::Throttled(_)
    ));

    clock.advance(Duration::from_nanos(1));
    assert_eq!(
        admitted(&ledger, "account", Operation::SubmitJobs, 101),
        100
    );
}

#[test]
fn throttle_names_the_full_window() {
    let clock = ManualClock::new(secs(42.5));
    let ledger = ledger::<Operation>(&clock);
    admitted(&ledger, "account", Operation::ListAllMediaBucket, 10);

    let Verdict::Throttled(breach) = ledger.record("account", Operation::ListAllMediaBucket) else {
        panic!("the 11th call in one second was admitted");
    };
    assert_eq!(breach.window.count(), 10);
    assert_eq!(breach.window.unit(), Unit::Second);
    assert_eq!(breach.start, secs(42.0));
    assert_eq!(breach.pool, None);
}

#[test]
fn accounts_have_separate_budgets() {
    let clock = ManualClock::new(secs(10.0));
    let ledger = ledger::<Operation>(&clock);

    assert_eq!(
        admitted(&ledger, "first", Operation::ListAllMediaBucket, 15),
        10
    );
    assert_eq!(
        admitted(&ledger, "second", Operation::ListAllMediaBucket, 15),
        10
    );
    assert_eq!(
        ledger.totals("first", Operation::ListAllMediaBucket),
        Tally {
            received: 15,
            throttled: 5
        }
    );
    assert_eq!(
        ledger.totals("second", Operation::ListAllMediaBucket),
        Tally {
            received: 15,
            throttled: 5
        }
    );
}

#[test]
fn operations_have_separate_budgets() {
    let clock = ManualClock::new(secs(10.0));
    let ledger = ledger::<Operation>(&clock);

    assert_eq!(
        admitted(&ledger, "account", Operation::ListAllMediaBucket, 11),
        10
    );
    assert_eq!(
        admitted(&ledger, "account", Operation::SubmitJobs, 100),
        100
    );
    assert_eq!(
        admitted(&ledger, "account", Operation::SubmitMediaInfoJob, 60),
        50
    );
}

#[test]
fn keys_of_one_account_share_budget() {
    let accounts = Accounts::new()
        .with_account("shared", ["ram-user-1", "ram-user-2", "ram-user-3"])
        .with_account("other", ["other-key"]);
    let clock = ManualClock::new(secs(10.0));
    let ledger = ledger::<Operation>(&clock);

    let keys = ["ram-user-1", "ram-user-2", "ram-user-3"];
    let verdicts: Vec<Verdict> = (0..12)
        .map(|call| {
            let account = accounts
                .account_of(keys[call % keys.len()])
                .expect("the key is in the map");
            ledger.record(account, Operation::ListAllMediaBucket)
        })
        .collect();
    let admitted_calls = verdicts
        .iter()
        .filter(|verdict| **verdict == Verdict::Admitted)
        .count();
    assert_eq!(admitted_calls, 10);

    let other = accounts
        .account_of("other-key")
        .expect("the key is in the map");
    assert_eq!(
        ledger.record(other, Operation::ListAllMediaBucket),
        Verdict::Admitted
    );
    assert_eq!(accounts.account_of("unknown-key"), None);
}

#[test]
fn minute_window_starts_on_whole_minute() {
    let clock = ManualClock::new(secs(119.0));
    let ledger = ledger::<sample::Operation>(&clock);
    let operation = sample::Operation::GetUploadDetails;

    assert_eq!(admitted(&ledger, "account", operation, 4), 3);
    clock.set(secs(120.0));
    assert_eq!(admitted(&ledger, "account", operation, 3), 3);
    clock.set(secs(179.9));
    assert_eq!(admitted(&ledger, "account", operation, 1), 0);
    clock.set(secs(180.0));
    assert_eq!(admitted(&ledger, "account", operation, 1), 1);

    let tally = ledger.tally_at("account", operation, Unit::Minute, secs(120.0));
    assert_eq!(
        tally,
        Tally {
            received: 4,
            throttled: 1
        }
    );
}

#[test]
fn every_window_must_admit() {
    // DescribeReports: 2 per second and 5 per minute.
    let clock = ManualClock::new(secs(60.0));
    let ledger = ledger::<sample::Operation>(&clock);
    let operation = sample::Operation::DescribeReports;

    assert_eq!(admitted(&ledger, "account", operation, 4), 2);
    clock.set(secs(61.0));
    assert_eq!(admitted(&ledger, "account", operation, 2), 2);
    clock.set(secs(62.0));
    assert_eq!(ledger.record("account", operation), Verdict::Admitted);

    // The second is fresh, but the minute has admitted its 5.
    let Verdict::Throttled(breach) = ledger.record("account", operation) else {
        panic!("the 6th call in one minute was admitted");
    };
    assert_eq!(breach.window.unit(), Unit::Minute);
    assert_eq!(breach.start, secs(60.0));
}

#[test]
fn throttled_call_consumes_nothing() {
    // 2 per second and 5 per minute: 10 throttled calls in the first second
    // must not use up the minute.
    let clock = ManualClock::new(secs(0.0));
    let ledger = ledger::<sample::Operation>(&clock);
    let operation = sample::Operation::DescribeReports;

    assert_eq!(admitted(&ledger, "account", operation, 12), 2);
    clock.set(secs(1.0));
    assert_eq!(admitted(&ledger, "account", operation, 2), 2);
    clock.set(secs(2.0));
    assert_eq!(admitted(&ledger, "account", operation, 2), 1);
}

#[test]
fn tallies_kept_per_unit() {
    let clock = ManualClock::new(secs(60.5));
    let ledger = ledger::<sample::Operation>(&clock);
    let operation = sample::Operation::DescribeReports;
    admitted(&ledger, "account", operation, 3);

    let second = WindowKey {
        account: "account".to_owned(),
        operation,
        unit: Unit::Second,
        start: secs(60.0),
    };
    let minute = WindowKey {
        unit: Unit::Minute,
        ..second.clone()
    };
    assert_eq!(
        ledger.tally(&second),
        Tally {
            received: 3,
            throttled: 1
        }
    );
    assert_eq!(
        ledger.tally(&minute),
        Tally {
            received: 3,
            throttled: 1
        }
    );
    assert_eq!(
        ledger.tallies(),
        vec![
            (
                second,
                Tally {
                    received: 3,
                    throttled: 1
                }
            ),
            (
                minute,
                Tally {
                    received: 3,
                    throttled: 1
                }
            )
        ]
    );
}

#[test]
fn pool_counts_members_together() {
    // Uploads: 3 per second, shared by CreateUploadVideo and UploadMediaByURL.
    let clock = ManualClock::new(secs(30.0));
    let ledger = ledger::<sample::Operation>(&clock);

    assert_eq!(
        admitted(&ledger, "account", sample::Operation::CreateUploadVideo, 2),
        2
    );
    assert_eq!(
        admitted(&ledger, "account", sample::Operation::UploadMediaByURL, 1),
        1
    );

    for operation in [
        sample::Operation::CreateUploadVideo,
        sample::Operation::UploadMediaByURL,
    ] {
        let Verdict::Throttled(breach) = ledger.record("account", operation) else {
            panic!("{operation} was admitted past the pool's 3 calls");
        };
        assert_eq!(breach.pool, Some("Uploads"));
        assert_eq!(breach.window.count(), 3);
    }

    // Another account has its own pool.
    assert_eq!(
        admitted(&ledger, "other", sample::Operation::CreateUploadVideo, 3),
        3
    );
}

#[test]
fn member_window_and_pool_both_apply() {
    // UploadMediaByURL: 2 per second of its own, inside the pool's 3.
    let clock = ManualClock::new(secs(30.0));
    let ledger = ledger::<sample::Operation>(&clock);

    assert_eq!(
        admitted(&ledger, "account", sample::Operation::UploadMediaByURL, 2),
        2
    );
    let Verdict::Throttled(breach) = ledger.record("account", sample::Operation::UploadMediaByURL)
    else {
        panic!("UploadMediaByURL was admitted past its own 2 calls");
    };
    assert_eq!(breach.pool, None);

    // The throttled call took no pool slot, so one is left.
    assert_eq!(
        admitted(&ledger, "account", sample::Operation::CreateUploadVideo, 2),
        1
    );
}

#[test]
fn unlimited_operation_never_throttled() {
    let clock = ManualClock::new(secs(3.0));
    let ledger = ledger::<sample::Operation>(&clock);
    let operation = sample::Operation::DescribePlayTopVideos;

    assert_eq!(admitted(&ledger, "account", operation, 1_000), 1_000);
    let tally = ledger.tally_at("account", operation, Unit::Second, secs(3.0));
    assert_eq!(
        tally,
        Tally {
            received: 1_000,
            throttled: 0
        }
    );
}

#[test]
fn region_replaces_documented_count() {
    let clock = ManualClock::new(secs(3.0));
    let default = ledger::<sample::Operation>(&clock);
    let shanghai = Ledger::<sample::Operation>::new(Arc::new(clock.clone()), Some("cn-shanghai"));
    let beijing = Ledger::<sample::Operation>::new(Arc::new(clock.clone()), Some("cn-beijing"));
    let operation = sample::Operation::GetPlayInfo;

    assert_eq!(admitted(&default, "account", operation, 10), 2);
    assert_eq!(admitted(&shanghai, "account", operation, 10), 4);
    assert_eq!(admitted(&beijing, "account", operation, 10), 2);
}
