//! Expansion of `#[rate_limited(..)]`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{AttrStyle, Expr, Item, ItemFn, Path, ReturnType};

use crate::args::Args;
use crate::table::{mps, unknown_operation};

pub fn rate_limited(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args, item.clone()) {
        Ok(tokens) => tokens,
        // The item is emitted unchanged next to the error, so the only error
        // the user sees is this one, and the IDE still resolves the function.
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

    let admit = match &args.account {
        Some(account) => keyed_admission(&args, account, &function, &operation)?,
        None => admission(&args, &function, &operation)?,
    };

    // The body's statements follow the admission directly: wrapping the body
    // in a block of its own would trip `unused_braces` on one-line bodies.
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
        ..
    } = &function;
    let (inner, outer): (Vec<_>, Vec<_>) = attrs
        .iter()
        .partition(|attribute| matches!(attribute.style, AttrStyle::Inner(_)));
    let statements = &block.stmts;
    Ok(quote! {
        #(#outer)*
        #vis #sig {
            #(#inner)*
            #admit
            #(#statements)*
        }
    })
}

/// Expands the wait or rejection before the body, on a limiter of one account.
fn admission(args: &Args, function: &ItemFn, operation: &TokenStream) -> syn::Result<TokenStream> {
    let limiter = match &args.limiter {
        Some(limiter) => quote! { (#limiter) },
        None => quote! { ::qps_limits::__private::default_limiter_of(#operation) },
    };
    if let Some(span) = args.reject {
        let reason = "`reject` returns the rate-limit error from the function";
        require_result(function, span, reason, "qps_limits::Rejected")?;
        return Ok(return_error(
            span,
            quote! { #limiter.try_acquire(#operation) },
        ));
    }
    if function.sig.asyncness.is_some() {
        Ok(quote! { #limiter.until_ready(#operation).await; })
    } else {
        Ok(quote! { #limiter.until_ready_blocking(#operation); })
    }
}

/// Expands the wait or rejection before the body, on a keyed limiter that
/// keeps one budget per account. A keyed limiter can be full, so the function
/// returns that error too.
fn keyed_admission(
    args: &Args,
    account: &Expr,
    function: &ItemFn,
    operation: &TokenStream,
) -> syn::Result<TokenStream> {
    let span = account.span();
    let Some(limiter) = &args.limiter else {
        return Err(syn::Error::new(
            span,
            "`account` needs `limiter = <expr>`: a `qps_limits::KeyedLimiter`, which keeps one budget per account",
        ));
    };
    let limiter = quote! { (#limiter) };
    let account = quote! { &(#account) };
    if let Some(reject) = args.reject {
        let reason = "`reject` with `account` returns the rate-limit error from the function";
        require_result(function, reject, reason, "qps_limits::KeyedRejected")?;
        let result = quote! { #limiter.try_acquire(#account, #operation) };
        return Ok(return_error(reject, result));
    }
    let reason = "with `account`, a keyed limiter that tracks its maximum of accounts returns an error from the function";
    require_result(function, span, reason, "qps_limits::AccountsFull")?;
    let wait = if function.sig.asyncness.is_some() {
        quote! { #limiter.until_ready(#account, #operation).await }
    } else {
        quote! { #limiter.until_ready_blocking(#account, #operation) }
    };
    Ok(return_error(span, wait))
}

/// Fails unless the function returns a value, so that an error can be returned.
fn require_result(function: &ItemFn, span: Span, reason: &str, error: &str) -> syn::Result<()> {
    if !matches!(function.sig.output, ReturnType::Default) {
        return Ok(());
    }
    Err(syn::Error::new(
        span,
        format!(
            "{reason}, so the function must return a `Result` whose error converts from `{error}`"
        ),
    ))
}

/// Returns early with the error of `result`, converted to the function's error type.
fn return_error(span: Span, result: TokenStream) -> TokenStream {
    quote_spanned! {span=>
        if let ::core::result::Result::Err(error) = #result {
            // The error type may be the limiter's own.
            #[allow(clippy::useless_conversion)]
            return ::core::result::Result::Err(::core::convert::From::from(error));
        }
    }
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
