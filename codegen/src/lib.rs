//! The table model of qps-limits: reading and validating limits.yaml,
//! generating Rust code from it, and writing it back.
//!
//! This crate is the one place that reads a table. The runtime crate's build
//! script, the `qps-limits-macros` crate and the `qps-limits` command-line tool
//! all call it, so a table means the same thing everywhere.
//!
//! ```
//! let text = "
//! service: mps
//! title: ApsaraVideo Media Processing
//! groups:
//!   - name: Transcoding APIs
//!     limits:
//!       SubmitJobs: 100
//! ";
//! let table = qps_limits_codegen::parse_table(text, "limits.yaml").unwrap();
//! assert_eq!(table.operation("SubmitJobs").unwrap().limit.windows[0].count, 100);
//! ```
//!
//! Errors name the file, line and column, and give the fix:
//!
//! ```
//! let text = "service: mps\ntitle: MPS\ngroups:\n  - name: G\n    limits:\n      SubmitJobs: 0\n";
//! let error = qps_limits_codegen::parse_table(text, "limits.yaml").unwrap_err();
//! assert!(error.to_string().starts_with("limits.yaml:6:19: the limit of `SubmitJobs` is 0"));
//! ```

mod check;
mod diagnostic;
pub mod diff;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod generate;
#[cfg(feature = "import")]
pub mod import;
mod limit;
mod load;
pub mod names;
mod table;
mod write;
pub mod yaml;

pub use check::parse_table;
pub use diagnostic::{Diagnostic, TableError};
pub use limit::{Limit, RegionCount, Unit, Window};
pub use load::load_table;
pub use table::{Group, Operation, Pool, SUPPORTED_SCHEMAS, Scope, Table};
pub use write::table_to_yaml;
