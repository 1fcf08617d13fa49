//! The MPS table as the macros see it, and the `limits!` macro.

use std::path::PathBuf;
use std::sync::OnceLock;

use proc_macro2::TokenStream;
use qps_limits_codegen::{Table, TableError, generate, names, parse_table};
use quote::quote;
use syn::LitStr;

/// The workspace's limits.yaml, read when this crate compiles so that a change
/// to the table rebuilds the macros too.
const MPS_TABLE: &str = include_str!("../../limits.yaml");

/// Returns the MPS table, or the error that makes it invalid.
pub fn mps() -> &'static Result<Table, TableError> {
    static TABLE: OnceLock<Result<Table, TableError>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(MPS_TABLE, "limits.yaml"))
}

/// Describes why `name` is not an MPS operation, naming the closest one.
pub fn unknown_operation(table: &Table, name: &str) -> String {
    match names::closest(name, table.operation_names()) {
        Some(closest) => format!(
            "unknown operation `{name}`; the closest operation in the {} table is `{closest}`",
            table.service
        ),
        None => format!(
            "unknown operation `{name}`: it is not in the {} table (limits.yaml); \
             for another service's table, write the path of its operation, such as \
             `vod::Operation::GetPlayInfo`",
            table.service
        ),
    }
}

pub fn limits(input: TokenStream) -> TokenStream {
    let path: LitStr = match syn::parse2(input) {
        Ok(path) => path,
        Err(error) => {
            let message =
                "expected the path of a limits.yaml file, such as `limits!(\"vod.yaml\")`";
            return syn::Error::new(error.span(), message).to_compile_error();
        }
    };
    let written = path.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let full_path = base.join(&written);
    let text = match std::fs::read_to_string(&full_path) {
        Ok(text) => text,
        Err(error) => {
            let message = format!(
                "failed to read the table {}: {error}; the path is relative to the crate's Cargo.toml",
                full_path.display()
            );
            return syn::Error::new(path.span(), message).to_compile_error();
        }
    };
    let table = match parse_table(&text, &written) {
        Ok(table) => table,
        Err(error) => {
            let errors = error.diagnostics().iter().map(|diagnostic| {
                syn::Error::new(path.span(), diagnostic.to_string()).to_compile_error()
            });
            return quote! { #(#errors)* };
        }
    };
    let items = generate::module_tokens(&table, &written);
    let tracked = full_path.display().to_string();
    quote! {
        #items
        const _: &str = ::core::include_str!(#tracked);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(path: &str) -> String {
        limits(quote! { #path }).to_string()
    }

    #[test]
    fn missing_table_names_path() {
        let output = expand("tests/no-such-table.yaml");
        assert!(output.contains("compile_error"), "{output}");
        assert!(output.contains("no-such-table.yaml"), "{output}");
        assert!(
            output.contains("relative to the crate's Cargo.toml"),
            "{output}"
        );
    }

    #[test]
    fn invalid_table_reports_each_problem() {
        let output = expand("tests/fixtures/two_errors.yaml");
        assert_eq!(output.matches("compile_error").count(), 2, "{output}");
        assert!(
            output.contains("tests/fixtures/two_errors.yaml:6:19: the limit of `SubmitJobs` is 0"),
            "{output}"
        );
        assert!(
            output.contains("tests/fixtures/two_errors.yaml:7:7: operation name `cancel_job`"),
            "{output}"
        );
    }

    #[test]
    fn valid_table_generates_items() {
        let output = expand("../limits.yaml");
        assert!(output.contains("pub enum Operation"), "{output}");
        assert!(output.contains("include_str"), "{output}");
    }

    #[test]
    fn non_string_argument_is_rejected() {
        let output = limits(quote! { vod }).to_string();
        assert!(
            output.contains("expected the path of a limits.yaml file"),
            "{output}"
        );
    }
}
