//! Macros of qps-limits: `#[rate_limited(..)]` for client functions and
//! `limits!(..)` for tables of other services. Use them through the
//! `qps-limits` crate, which re-exports both.

mod args;
mod expand;
mod table;

use proc_macro::TokenStream;

/// Waits for (or rejects a call over) the rate limit of an operation before
/// the function body runs.
#[proc_macro_attribute]
pub fn rate_limited(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::rate_limited(args.into(), item.into()).into()
}

/// Generates the `Operation` enum, constants, table and limiter type of a
/// limits.yaml file, at the call site.
#[proc_macro]
pub fn limits(input: TokenStream) -> TokenStream {
    table::limits(input.into()).into()
}
