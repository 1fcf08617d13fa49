//! Runs MPS client functions annotated with `#[qps_limits::rate_limited]`
//! against a local throttling server, first paced by the strict limiter, then
//! by plain governor limiters, and prints the admitted rate and the throttled
//! calls of each.
//!
//! Progress and logs go to stderr, filtered by `RUST_LOG` (`info` by default).
//! The figures go to stdout, as a table or, with `--json`, as one JSON object.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use qps_limits::mps::Operation;
use qps_limits_tests::simulation::{self, Options, UnsupportedOperation};
use tracing_subscriber::EnvFilter;

/// Measures the strict limiter against plain governor quotas on a local
/// server that throttles like MPS.
#[derive(Debug, Parser)]
#[command(name = "simulate")]
struct Arguments {
    /// Length of each mode's run, in seconds.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    seconds: u64,

    /// Concurrent callers per operation.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=1024))]
    callers: u64,

    /// Operations to call, separated by commas.
    #[arg(long, value_delimiter = ',', value_parser = parse_operation, default_value = "SubmitJobs,ListAllMediaBucket")]
    operations: Vec<Operation>,

    /// Port of the throttling server on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,

    /// Print the figures as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// Parses an operation name with the generated `FromStr`, and rejects the
/// operations the simulation client has no method for.
fn parse_operation(name: &str) -> Result<Operation, String> {
    let operation: Operation = name.trim().parse().map_err(|error| format!("{error}"))?;
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
