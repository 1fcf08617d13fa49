//! Expansion of `#[rate_limited(..)]`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Item, ItemFn, Path, ReturnType};

use crate::args::Args;
use crate::table::{mps, unknown_operation};

pub fn rate_limited(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args, item.clone()) {
        Ok(tokens) => tokens,
        // The item is emitted unchanged next to the error, so the only error
        // the user sees is this one, and the IDE still knows the function.
        Err(error) => {
            let error = error.to_compile_error();
            quote! { #error #item }
        }
    }
}

fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let function = function(item)?;
    let args: Args = syn::parse2(args)?;
    let operation = operation_path(&args.operation)?;

    let limiter = match &args.limiter {
        Some(limiter) => quote! { (#limiter) },
        None => quote! { ::qps_limits::__private::default_limiter_of(#operation) },
    };
    let admit = if let Some(span) = args.reject {
        if matches!(function.sig.output, ReturnType::Default) {
            return Err(syn::Error::new(
                span,
                "`reject` returns the rate-limit error from the function, \
                 so the function must return a `Result` whose error converts from `qps_limits::Rejected`",
            ));
        }
        quote_spanned! {span=>
            if let ::core::result::Result::Err(rejected) = #limiter.try_acquire(#operation) {
                // The error type may be `Rejected` itself.
                #[allow(clippy::useless_conversion)]
                return ::core::result::Result::Err(::core::convert::From::from(rejected));
            }
        }
    } else if function.sig.asyncness.is_some() {
        quote! { #limiter.until_ready(#operation).await; }
    } else {
        quote! { #limiter.until_ready_blocking(#operation); }
    };

    let ItemFn {
        attrs,
        vis,
        sig,
        block,
        ..
    } = &function;
    Ok(quote! {
        #(#attrs)*
        #vis #sig {
            #admit
            #block
        }
    })
}

/// Parses the annotated item, accepting functions and methods with a body.
fn function(item: TokenStream) -> syn::Result<ItemFn> {
    let item: Item = syn::parse2(item)?;
    let (span, kind) = match item {
        Item::Fn(function) => return Ok(function),
        Item::Struct(item) => (item.struct_token.span(), "a struct"),
        Item::Enum(item) => (item.enum_token.span(), "an enum"),
        Item::Impl(item) => (
            item.impl_token.span(),
            "an impl block; annotate its methods",
        ),
        Item::Trait(item) => (item.trait_token.span(), "a trait"),
        Item::Mod(item) => (item.mod_token.span(), "a module"),
        Item::Const(item) => (item.const_token.span(), "a constant"),
        Item::Static(item) => (item.static_token.span(), "a static"),
        other => (other.span(), "this item"),
    };
    Err(syn::Error::new(
        span,
        format!("`#[rate_limited]` applies to functions and methods, not to {kind}"),
    ))
}

/// Resolves the operation argument: a bare name is an MPS operation, checked
/// against the table; a longer path is left for the compiler to resolve.
fn operation_path(operation: &Path) -> syn::Result<TokenStream> {
    let Some(name) = operation.get_ident() else {
        return Ok(quote! { #operation });
    };
    let table = mps().as_ref().map_err(|error| {
        syn::Error::new(
            Span::call_site(),
            format!("the MPS table is invalid:\n{error}"),
        )
    })?;
    let text = name.to_string();
    if table.operation(&text).is_none() {
        return Err(syn::Error::new(
            name.span(),
            unknown_operation(table, &text),
        ));
    }
    Ok(quote! { ::qps_limits::mps::Operation::#name })
}
