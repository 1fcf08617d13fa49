//! The cost of one check through the generated limiters against one bare
//! governor check, all on the default clock, admitted and rejected.
//!
//! Run with `cargo bench -p qps-limits --bench check`; BENCHMARKS.md records
//! the figures.

use std::hint::black_box;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{Criterion, criterion_group, criterion_main};
use governor::{Quota, RateLimiter};
use qps_limits::mps::{Limiter, Operation};
use qps_limits::{Config, KeyedLimiter, Unit, Window};

mod every {
    qps_limits::limits!("tests/fixtures/every_feature.yaml");
}

/// A per-second count so large that every check in the benchmark is admitted.
const HUGE: u32 = u32::MAX;

/// Accounts the keyed benchmarks spread their calls over.
const ACCOUNTS: u64 = 100_000;

fn huge_quota() -> Quota {
    Quota::per_second(NonZeroU32::new(HUGE).unwrap())
}

/// Returns a quota of one call per hour, so every check after the first is rejected.
fn tiny_quota() -> Quota {
    Quota::per_hour(NonZeroU32::MIN).allow_burst(NonZeroU32::MIN)
}

fn admitted(c: &mut Criterion) {
    let mut group = c.benchmark_group("admitted");

    let governor = RateLimiter::direct(huge_quota());
    group.bench_function("governor direct", |b| {
        b.iter(|| black_box(governor.check()).is_ok())
    });

    let limiter = Limiter::strict();
    limiter
        .set_limit(Operation::SubmitJobs, &[Window::new(HUGE, Unit::Second)])
        .unwrap();
    assert!(limiter.check(Operation::SubmitJobs).is_ok());
    group.bench_function("mps limiter", |b| {
        b.iter(|| black_box(limiter.check(black_box(Operation::SubmitJobs))).is_ok())
    });

    let two_windows = every::Limiter::strict();
    let huge = [
        Window::new(HUGE, Unit::Second),
        Window::new(HUGE, Unit::Day),
    ];
    two_windows
        .set_limit(every::Operation::TwoWindows, &huge)
        .unwrap();
    group.bench_function("two windows, one transaction", |b| {
        b.iter(|| black_box(two_windows.check(black_box(every::Operation::TwoWindows))).is_ok())
    });

    let counter = AtomicU64::new(0);
    group.bench_function("counter increment alone", |b| {
        b.iter(|| black_box(&counter).fetch_add(1, Ordering::Relaxed))
    });
    group.finish();
}

fn rejected(c: &mut Criterion) {
    let mut group = c.benchmark_group("rejected");

    let governor = RateLimiter::direct(tiny_quota());
    assert!(governor.check().is_ok());
    group.bench_function("governor direct", |b| {
        b.iter(|| black_box(governor.check()).is_err())
    });

    let limiter = Limiter::strict();
    limiter
        .set_limit(Operation::SubmitJobs, &[Window::new(1, Unit::Hour)])
        .unwrap();
    assert!(limiter.check(Operation::SubmitJobs).is_ok());
    group.bench_function("mps limiter", |b| {
        b.iter(|| black_box(limiter.check(black_box(Operation::SubmitJobs))).is_err())
    });
    group.finish();
}

fn keyed(c: &mut Criterion) {
    let mut group = c.benchmark_group("keyed, admitted");

    let governor = RateLimiter::direct(huge_quota());
    group.bench_function("governor direct", |b| {
        b.iter(|| black_box(governor.check()).is_ok())
    });

    let governor_keyed = RateLimiter::keyed(huge_quota());
    let mut next = 0u64;
    group.bench_function("governor keyed, 100000 accounts", |b| {
        b.iter(|| {
            next = (next + 1) % ACCOUNTS;
            black_box(governor_keyed.check_key(&next)).is_ok()
        })
    });

    let limiter = KeyedLimiter::<Operation, u64>::new(Config::default()).unwrap();
    limiter
        .set_limit(Operation::SubmitJobs, &[Window::new(HUGE, Unit::Second)])
        .unwrap();
    group.bench_function("mps keyed limiter, 1 account", |b| {
        b.iter(|| black_box(limiter.check(black_box(&7), Operation::SubmitJobs)).is_ok())
    });
    let mut next = 0u64;
    group.bench_function("mps keyed limiter, 100000 accounts", |b| {
        b.iter(|| {
            next = (next + 1) % ACCOUNTS;
            black_box(limiter.check(&next, Operation::SubmitJobs)).is_ok()
        })
    });
    group.finish();
}

criterion_group!(benches, admitted, rejected, keyed);

fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("parts");
    let swap = arc_swap::ArcSwap::from_pointee(5u64);
    group.bench_function("arc-swap load", |b| b.iter(|| **black_box(&swap).load()));
    group.finish();
}
criterion_group!(extra, parts);
criterion_main!(benches, extra);
