//! Compile errors of `#[rate_limited]` and of generated limits, checked
//! against the `.stderr` files in tests/ui. After an intended change to a
//! message, regenerate them with `TRYBUILD=overwrite cargo test --test ui`
//! and review the diff. The messages depend on the toolchain (Rust 1.95).

#[test]
fn rate_limited_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/rate_limited/*.rs");
    cases.compile_fail("ui/limit/*.rs");
}
