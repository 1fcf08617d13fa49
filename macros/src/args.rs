//! Arguments of `#[rate_limited(..)]`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, Ident, Path, Token};

const OPTIONS: &str = "`limiter = <expr>`, `account = <expr>` and `reject`";

/// The parsed arguments: an operation and options.
pub struct Args {
    /// The operation: a bare MPS operation name, or a path to any table's variant.
    pub operation: Path,
    /// The limiter to use in place of the table's default.
    pub limiter: Option<Expr>,
    /// The account whose budget the call draws from, for a keyed limiter.
    pub account: Option<Expr>,
    /// Return an error instead of waiting when the call is over the limit.
    pub reject: Option<Span>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "missing operation: name the API operation this function calls, \
                 such as `#[rate_limited(SubmitJobs)]`",
            ));
        }
        if input.peek(Ident) && input.peek2(Token![=]) {
            let option: Ident = input.parse()?;
            return Err(syn::Error::new(
                option.span(),
                format!(
                    "missing operation: the first argument is the API operation, \
                     such as `#[rate_limited(SubmitJobs, {option} = ..)]`"
                ),
            ));
        }
        let operation: Path = input.parse()?;
        let mut args = Args {
            operation,
            limiter: None,
            account: None,
            reject: None,
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            args.option(input)?;
        }
        Ok(args)
    }
}

impl Args {
    fn option(&mut self, input: ParseStream<'_>) -> syn::Result<()> {
        let name: Ident = input.parse()?;
        match name.to_string().as_str() {
            "limiter" => {
                input.parse::<Token![=]>()?;
                let limiter: Expr = input.parse()?;
                if self.limiter.is_some() {
                    return Err(syn::Error::new(
                        limiter.span(),
                        "`limiter` is set twice; keep one",
                    ));
                }
                self.limiter = Some(limiter);
            }
            "account" => {
                input.parse::<Token![=]>()?;
                let account: Expr = input.parse()?;
                if self.account.is_some() {
                    return Err(syn::Error::new(
                        account.span(),
                        "`account` is set twice; keep one",
                    ));
                }
                self.account = Some(account);
            }
            "reject" => {
                if self.reject.is_some() {
                    return Err(syn::Error::new(
                        name.span(),
                        "`reject` is set twice; keep one",
                    ));
                }
                self.reject = Some(name.span());
            }
            other => {
                return Err(syn::Error::new(
                    name.span(),
                    format!("unknown option `{other}`; the options are {OPTIONS}"),
                ));
            }
        }
        Ok(())
    }
}
