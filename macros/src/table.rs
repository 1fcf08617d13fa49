//! The MPS table as the macros see it, and the `limits!` macro.

use std::path::PathBuf;
use std::sync::OnceLock;

use proc_macro2::TokenStream;
use qps_limits_codegen::{Table, TableError, generate, load_table, names, parse_table};
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
            let message = "expected the path of a limits.yaml file, such as `limits!(\"vod.yaml\")`";
            return syn::Error::new(error.span(), message).to_compile_error();
        }
    };
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let full_path = base.join(path.value());
    let table = match load_table(&full_path) {
        Ok(table) => table,
        Err(error) => {
            let errors = error.diagnostics().iter().map(|diagnostic| {
                syn::Error::new(path.span(), diagnostic.to_string()).to_compile_error()
            });
            return quote! { #(#errors)* };
        }
    };
    let items = generate::module_tokens(&table, &path.value());
    let tracked = full_path.display().to_string();
    quote! {
        #items
        const _: &str = ::core::include_str!(#tracked);
    }
}
