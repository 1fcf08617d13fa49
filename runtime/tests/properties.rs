//! Property tests on a fake clock, for every row of limits.yaml and of the
//! every-feature table. Random arrival patterns never get more than a
//! window's count admitted in any window of its length. A saturated limiter
//! reaches at least 99% of the limit.

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use common::{advance_to, at, every, greedy_until, max_in_any_window, runtime};
use proptest::prelude::*;
use qps_limits::{Clock as _, Config, FakeClock, Limiter, Operation};

/// One stretch of an arrival pattern.
#[derive(Clone, Debug)]
enum Segment {
    /// This many calls at one instant.
    Burst(u32),
    /// No call for this fraction of the row's longest window.
    Idle(f64),
    /// Calls spaced by this multiple of the row's shortest interval.
    Steady { calls: u32, spacing: f64 },
}

fn segment() -> impl Strategy<Value = Segment> {
    prop_oneof![
        (1u32..40).prop_map(Segment::Burst),
        (0.0f64..2.0).prop_map(Segment::Idle),
        (1u32..100, 0.1f64..3.0).prop_map(|(calls, spacing)| Segment::Steady { calls, spacing }),
    ]
}

fn pattern() -> impl Strategy<Value = Vec<Segment>> {
    prop::collection::vec(segment(), 1..30)
}

fn config(burst: u32, margin_ms: u64) -> Config {
    Config::default()
        .burst(burst)
        .margin(Duration::from_millis(margin_ms))
}

/// Returns the windows enforced for `operation` as (count, length without margin).
fn windows<O: Operation>(limiter: &Limiter<O, FakeClock>, operation: O) -> Vec<(u32, Duration)> {
    let margin = limiter.config().safety_margin();
    limiter
        .quotas(operation)
        .iter()
        .map(|quota| (quota.count, quota.window - margin))
        .collect()
}

/// Plays `pattern` against `operations` in turn and returns each one's
/// admission times.
fn play<O: Operation>(
    limiter: &Limiter<O, FakeClock>,
    clock: &FakeClock,
    operations: &[O],
    pattern: &[Segment],
) -> Vec<Vec<Duration>> {
    let all: Vec<(u32, Duration)> = operations
        .iter()
        .flat_map(|operation| windows(limiter, *operation))
        .collect();
    let longest = all
        .iter()
        .map(|window| window.1)
        .max()
        .unwrap_or(Duration::from_secs(1));
    let shortest = limiter
        .quotas(operations[0])
        .iter()
        .map(|quota| quota.interval())
        .min()
        .unwrap_or(Duration::from_millis(1));
    let mut admitted = vec![Vec::new(); operations.len()];
    let mut turn = 0;
    let mut call = |admitted: &mut Vec<Vec<Duration>>| {
        let index = turn % operations.len();
        turn += 1;
        if limiter.check(operations[index]).is_ok() {
            admitted[index].push(at(clock));
        }
    };
    for segment in pattern {
        match *segment {
            Segment::Burst(calls) => (0..calls).for_each(|_| call(&mut admitted)),
            Segment::Idle(fraction) => advance_to(clock, at(clock) + longest.mul_f64(fraction)),
            Segment::Steady { calls, spacing } => {
                for _ in 0..calls {
                    call(&mut admitted);
                    advance_to(clock, at(clock) + shortest.mul_f64(spacing));
                }
            }
        }
    }
    admitted
}

fn assert_within_windows<O: Operation>(
    limiter: &Limiter<O, FakeClock>,
    operation: O,
    times: &[Duration],
) {
    for (count, window) in windows(limiter, operation) {
        let max = max_in_any_window(times, window);
        assert!(
            max <= count as usize,
            "{operation}: {max} calls in a window of {window:?} allowing {count}"
        );
    }
}

fn check_row<O: Operation>(index: usize, pattern: &[Segment], burst: u32, margin_ms: u64) {
    let clock = FakeClock::default();
    let limiter =
        Limiter::<O, FakeClock>::with_clock(config(burst, margin_ms), clock.clone()).unwrap();
    let operation = O::from_index(index % O::COUNT).unwrap();
    let admitted = play(&limiter, &clock, &[operation], pattern);
    assert_within_windows(&limiter, operation, &admitted[0]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mps_rows_within_count(index in 0usize..1_000, pattern in pattern(), burst in 1u32..12, margin_ms in 0u64..30) {
        check_row::<qps_limits::mps::Operation>(index, &pattern, burst, margin_ms);
    }

    #[test]
    fn every_feature_rows_within_count(index in 0usize..1_000, pattern in pattern(), burst in 1u32..12, margin_ms in 0u64..30) {
        check_row::<every::Operation>(index, &pattern, burst, margin_ms);
    }

    #[test]
    fn pool_members_together_within_pool(pattern in pattern(), burst in 1u32..12, exports in any::<bool>()) {
        let clock = FakeClock::default();
        let limiter = every::Limiter::with_clock(config(burst, 0), clock.clone()).unwrap();
        let members = if exports {
            [every::Operation::ExportSmall, every::Operation::ExportLarge]
        } else {
            [every::Operation::QueryA, every::Operation::QueryB]
        };
        let admitted = play(&limiter, &clock, &members, &pattern);

        assert_within_windows(&limiter, members[0], &admitted[0]);
        let together: Vec<Duration> = admitted.concat();
        // The last windows of a pooled operation are its pool's.
        assert_within_windows(&limiter, members[1], &together);
    }

    #[test]
    fn many_tasks_within_count(index in 0usize..1_000, tasks in 1usize..8, calls in 1usize..25, gaps in prop::collection::vec(0u64..400, 1..10)) {
        let clock = FakeClock::default();
        let limiter = Rc::new(every::Limiter::with_clock(Config::default(), clock.clone()).unwrap());
        let operation = every::Operation::ALL[index % every::Operation::COUNT];
        let times = Rc::new(RefCell::new(Vec::new()));

        runtime().block_on(async {
            let local = tokio::task::LocalSet::new();
            for task in 0..tasks {
                let (limiter, clock, times, gaps) = (limiter.clone(), clock.clone(), times.clone(), gaps.clone());
                local.spawn_local(async move {
                    for call in 0..calls {
                        let gap = gaps[(task + call) % gaps.len()];
                        clock.sleep(Duration::from_millis(gap)).await;
                        limiter.until_ready(operation).await;
                        times.borrow_mut().push(at(&clock));
                    }
                });
            }
            local.await;
        });

        let times = times.borrow();
        prop_assert_eq!(times.len(), tasks * calls);
        assert_within_windows(&limiter, operation, &times);
    }
}

/// Checks that a greedy caller gets at least 99% of the tightest window's
/// rate over three of the row's longest windows, with burst 1 and the default
/// margin.
fn saturates<O: Operation>() {
    for operation in (0..O::COUNT).filter_map(O::from_index) {
        let clock = FakeClock::default();
        let limiter =
            Limiter::<O, FakeClock>::with_clock(Config::default(), clock.clone()).unwrap();
        let windows = windows(&limiter, operation);
        let Some(longest) = windows.iter().map(|window| window.1).max() else {
            continue;
        };
        let span = 3 * longest;

        let times = greedy_until(&clock, span, || {
            limiter
                .check(operation)
                .map_err(|not_until| not_until.earliest_possible())
        });

        let rate = windows
            .iter()
            .map(|(count, window)| f64::from(*count) / window.as_secs_f64())
            .fold(f64::INFINITY, f64::min);
        let achieved = times.len() as f64 / span.as_secs_f64();
        assert!(
            achieved >= 0.99 * rate,
            "{operation}: {achieved:.3} calls per second of {rate:.3}"
        );
        assert_within_windows(&limiter, operation, &times);
    }
}

#[test]
fn mps_rows_saturate() {
    saturates::<qps_limits::mps::Operation>();
}

#[test]
fn every_feature_rows_saturate() {
    saturates::<every::Operation>();
}
