//! Generates the `mps` module from the workspace's limits.yaml.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let table = manifest_dir.join("..").join("limits.yaml");
    let table = table.canonicalize().unwrap_or(table);
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("mps.rs");

    println!("cargo::rerun-if-changed={}", table.display());
    println!("cargo::rerun-if-changed=build.rs");

    match qps_limits_codegen::generate::write_module(&table, &out) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            for line in error.to_string().lines() {
                println!("cargo::error={line}");
            }
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
