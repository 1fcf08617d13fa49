//! Cross-crate tests of qps-limits: a local HTTP server that throttles calls
//! the way Alibaba Cloud does, and a simulation that runs rate-limited client
//! functions against it and measures the admitted rate and the throttled calls.

pub mod server;
pub mod simulation;

/// The limits of an ApsaraVideo Live excerpt made for the simulation: one
/// operation limited per minute and a pool shared by two operations,
/// generated from `tables/live.yaml`.
pub mod live {
    qps_limits::limits!("tables/live.yaml");
}
