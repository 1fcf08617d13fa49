//! Runs MPS and ApsaraVideo Live client functions annotated with
//! `#[qps_limits::rate_limited]` against local throttling servers, first paced
//! by the strict limiter, then by plain governor limiters, and prints the
//! admitted rate and the throttled calls of each operation and pool.
//!
//! Progress and logs go to stderr, filtered by `RUST_LOG` (`info` by default).
//! The figures go to stdout, as a table or, with `--json`, as one JSON object.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use qps_limits_tests::simulation::{
    self, Options, SUPPORTED_OPERATIONS, SimulatedOperation, UnsupportedOperation,
};
use tracing_subscriber::EnvFilter;

/// Measures the strict limiter against plain governor quotas on local
/// servers that throttle like MPS and ApsaraVideo Live.
#[derive(Debug, Parser)]
#[command(name = "simulate")]
struct Arguments {
    /// Length of each mode's run, in seconds.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    seconds: u64,

    /// Concurrent callers per operation.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=1024))]
    callers: u64,

    /// Operations to call, separated by commas: MPS operations, Live
    /// operations, or both.
    #[arg(
        long,
        value_delimiter = ',',
        value_parser = parse_operation,
        default_values_t = Options::default().operations,
        hide_default_value = true,
        long_help = operations_help()
    )]
    operations: Vec<SimulatedOperation>,

    /// Port of the MPS throttling server on 127.0.0.1. The Live server takes
    /// the next port. 0 picks free ports.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=65534))]
    port: u16,

    /// Print the figures as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// Returns the help of `--operations`: the default and every supported name,
/// separated by commas as the option takes them.
fn operations_help() -> String {
    let names = |operations: &[SimulatedOperation]| {
        let names: Vec<&str> = operations
            .iter()
            .map(|operation| operation.name())
            .collect();
        names.join(",")
    };
    format!(
        "Operations to call, separated by commas: MPS operations, Live operations, or both.\n\
         [default: {}]\n[supported: {}]",
        names(&Options::default().operations),
        names(&SUPPORTED_OPERATIONS)
    )
}

/// Finds an operation by name in the MPS table or the Live excerpt, and
/// rejects the operations the simulation clients have no method for.
fn parse_operation(name: &str) -> Result<SimulatedOperation, String> {
    let operation: SimulatedOperation = name.trim().parse().map_err(|error| format!("{error}"))?;
    UnsupportedOperation::check(&[operation]).map_err(|error| error.to_string())?;
    Ok(operation)
}

#[tokio::main]
async fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    let options = Options {
        seconds: arguments.seconds,
        callers: usize::try_from(arguments.callers).expect("clap limits callers to 1024"),
        operations: arguments.operations,
        port: arguments.port,
        ..Options::default()
    };
    let report = match simulation::run(&options, &|progress| eprintln!("{progress}")).await {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };

    if arguments.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("error: failed to write the report as JSON: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{report}");
    }
    ExitCode::SUCCESS
}
