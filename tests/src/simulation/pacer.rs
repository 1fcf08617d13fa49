//! What makes a client call wait for its turn: the strict limiter of
//! qps-limits, or plain governor limiters for comparison.

use core::future::Future;
use core::marker::PhantomData;
use core::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use qps_limits::{Limiter, Operation, Unit, Window};

use crate::simulation::operation::first_window;

/// Waits until a call to an operation of table `O` may be sent.
///
/// `#[rate_limited(.., limiter = &self.pacer)]` calls [`Pacer::until_ready`]
/// before the annotated method's body runs.
pub trait Pacer<O: Operation>: Send + Sync {
    /// Returns when a call to `operation` may be sent.
    fn until_ready(&self, operation: O) -> impl Future<Output = ()> + Send;
}

impl<O: Operation, P: Pacer<O> + ?Sized> Pacer<O> for &P {
    fn until_ready(&self, operation: O) -> impl Future<Output = ()> + Send {
        (**self).until_ready(operation)
    }
}

/// The strict limiter: never more than the documented count in any window,
/// of an operation or of the pool it shares.
impl<O: Operation> Pacer<O> for Limiter<O> {
    fn until_ready(&self, operation: O) -> impl Future<Output = ()> + Send {
        Limiter::until_ready(self, operation)
    }
}

/// One plain governor limiter per operation of table `O`, with the quota a
/// governor user would write for the documented limit, such as
/// `Quota::per_second(100)` or `Quota::per_minute(1000)`.
///
/// Such a quota allows a burst of the whole count, so from idle it admits
/// nearly twice the count in the first window, and the server throttles the
/// excess. Each member of a pool gets the pool's quota to itself, as if the
/// pool's count were its own, so together the members exceed the pool too.
pub struct PlainLimiter<O> {
    limiters: Vec<Option<DefaultDirectRateLimiter>>,
    operations: PhantomData<fn(O)>,
}

impl<O: Operation> PlainLimiter<O> {
    /// Builds a limiter for every operation of `O`'s table from its first
    /// window, or its pool's first window when it has none of its own. An
    /// operation the table does not limit is not limited here either.
    pub fn for_table() -> PlainLimiter<O> {
        let limiters = (0..O::COUNT)
            .map(|index| {
                O::from_index(index)
                    .and_then(first_window)
                    .map(|window| RateLimiter::direct(plain_quota(window)))
            })
            .collect();
        PlainLimiter {
            limiters,
            operations: PhantomData,
        }
    }
}

impl<O: Operation> Pacer<O> for PlainLimiter<O> {
    async fn until_ready(&self, operation: O) {
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
