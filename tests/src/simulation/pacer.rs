//! What makes a client call wait for its turn: the strict limiter of
//! qps-limits, or plain governor limiters for comparison.

use core::future::Future;
use core::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use qps_limits::mps::{Limiter, Operation};
use qps_limits::{Unit, Window};

/// Waits until a call to an operation may be sent.
///
/// `#[rate_limited(.., limiter = &self.pacer)]` calls [`Pacer::until_ready`]
/// before the annotated method's body runs.
pub trait Pacer: Send + Sync {
    /// Returns when a call to `operation` may be sent.
    fn until_ready(&self, operation: Operation) -> impl Future<Output = ()> + Send;
}

impl<P: Pacer + ?Sized> Pacer for &P {
    fn until_ready(&self, operation: Operation) -> impl Future<Output = ()> + Send {
        (**self).until_ready(operation)
    }
}

/// The strict limiter: never more than the documented count in any window.
impl Pacer for Limiter {
    fn until_ready(&self, operation: Operation) -> impl Future<Output = ()> + Send {
        Limiter::until_ready(self, operation)
    }
}

/// One plain governor limiter per operation, with the quota a governor user
/// would write for the documented limit, such as `Quota::per_second(100)`.
///
/// Such a quota allows a burst of the whole count, so from idle it admits
/// nearly twice the count in the first window, and the server throttles the
/// excess.
pub struct PlainLimiter {
    limiters: Vec<Option<DefaultDirectRateLimiter>>,
}

impl PlainLimiter {
    /// Builds a limiter for every MPS operation from its first window. An
    /// operation without windows is not limited.
    pub fn for_table() -> PlainLimiter {
        let limiters = Operation::ALL
            .iter()
            .map(|operation| {
                operation
                    .limit()
                    .windows()
                    .first()
                    .map(|window| RateLimiter::direct(plain_quota(*window)))
            })
            .collect();
        PlainLimiter { limiters }
    }
}

impl Pacer for PlainLimiter {
    async fn until_ready(&self, operation: Operation) {
        if let Some(limiter) = &self.limiters[operation.index()] {
            limiter.until_ready().await;
        }
    }
}

/// Returns governor's quota for `window`: the count as the burst, replenished
/// evenly over the window.
fn plain_quota(window: Window) -> Quota {
    let count = NonZeroU32::new(window.count()).expect("a valid window admits at least one call");
    match window.unit() {
        Unit::Second => Quota::per_second(count),
        Unit::Minute => Quota::per_minute(count),
        Unit::Hour => Quota::per_hour(count),
        Unit::Day => Quota::with_period(window.duration() / count.get())
            .expect("a day divided by a u32 count is at least one nanosecond")
            .allow_burst(count),
    }
}
