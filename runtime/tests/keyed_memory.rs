//! Memory per account of a keyed limiter, measured by counting allocations.
//!
//! Run with `cargo test -p qps-limits --test keyed_memory -- --nocapture` to
//! print the figures that BENCHMARKS.md records.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

use common::advance_to;
use qps_limits::mps::Operation;
use qps_limits::{Config, FakeClock, KeyedLimiter};

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static ALLOCATED: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const ACCOUNTS: u64 = 100_000;

fn allocated() -> isize {
    ALLOCATED.load(Ordering::Relaxed)
}

/// Returns the bytes per account after `ACCOUNTS` accounts called each of `operations`.
fn bytes_per_account(operations: &[Operation]) -> f64 {
    let clock = FakeClock::default();
    let limiter =
        KeyedLimiter::<Operation, u64, FakeClock>::with_clock(Config::default(), clock.clone())
            .unwrap();
    let before = allocated();
    for account in 0..ACCOUNTS {
        for operation in operations {
            assert!(limiter.check(&account, *operation).is_ok());
        }
    }
    let per_account = (allocated() - before) as f64 / ACCOUNTS as f64;

    advance_to(&clock, Duration::from_secs(1));
    assert_eq!(limiter.evict_idle(), ACCOUNTS as usize);
    let left = allocated() - before;
    assert!(
        left < 64 * 1024,
        "{left} bytes remain after evicting every account"
    );
    per_account
}

#[test]
fn memory_per_account() {
    let one_operation = bytes_per_account(&[Operation::SubmitJobs]);
    let four_operations = bytes_per_account(&[
        Operation::SubmitJobs,
        Operation::CancelJob,
        Operation::QueryJobList,
        Operation::ListJob,
    ]);
    println!(
        "keyed limiter, u64 accounts: {one_operation:.0} bytes per account calling 1 operation, {four_operations:.0} calling 4"
    );

    assert!(
        one_operation < 160.0,
        "{one_operation:.0} bytes per account"
    );
    // Each further operation adds one 16-byte cell, plus reallocation slack.
    assert!(
        four_operations - one_operation < 3.0 * 32.0,
        "{four_operations:.0} bytes per account with 4 operations"
    );
}
