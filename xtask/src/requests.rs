//! Operations build requests; they do not send them.
//!
//! progenitor writes each operation as an `async fn` that builds a `reqwest::Request`, sends it,
//! and matches the exact status codes the spec documents. Sending is the facade's job (auth, rate
//! limits, retries, one error type, decoding), so this pass keeps only the building: every
//! operation becomes a plain `fn` returning `crate::Request<T>`, the request plus its operation id
//! and what a success carries (a JSON `T`, or nothing for `T = ()`). The facade sends it through
//! one path and decodes the body itself. Also dropped: the `api-version` header progenitor adds to
//! every request, which Spotify does not document.

use anyhow::{Result, bail};
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{Expr, ImplItem, Item, Stmt, parse_quote};

/// Rewrites every operation method of `impl Client`. Fails if an operation does not have the shape
/// this pass expects (a newer progenitor may write them differently).
pub fn apply(file: &mut syn::File) -> Result<usize> {
    let mut rewritten = 0;
    for item in &mut file.items {
        let Item::Impl(imp) = item else { continue };
        let self_ty = &imp.self_ty;
        let is_client = imp.trait_.is_none() && quote!(#self_ty).to_string() == "Client";
        if !is_client {
            continue;
        }
        for item in &mut imp.items {
            if let ImplItem::Fn(f) = item
                && f.sig.asyncness.is_some()
            {
                rewrite(f)?;
                rewritten += 1;
            }
        }
    }
    Ok(rewritten)
}

fn rewrite(f: &mut syn::ImplItemFn) -> Result<()> {
    let name = f.sig.ident.to_string();
    let syn::ReturnType::Type(_, output) = &f.sig.output else {
        bail!("{name}: no return type");
    };
    let Some(success) = success_type(output) else {
        bail!("{name}: expected `Result<ResponseValue<T>, Error<E>>`");
    };
    let mut operation_id = None;
    let mut empty = None;
    let mut kept: Vec<Stmt> = Vec::new();
    let mut built = false;
    for stmt in &f.block.stmts {
        let text = quote!(#stmt).to_string();
        if let Some(id) = operation_info(stmt) {
            operation_id = Some(id);
        } else if text.contains("match response . status ()") {
            empty = Some(text.contains("ResponseValue :: empty"));
        } else if operation_id.is_none() && text.contains("let mut request") {
            let mut stmt = stmt.clone();
            strip_request(&mut stmt)?;
            kept.push(stmt);
            built = true;
        } else if operation_id.is_none() && !text.contains("header_map") {
            kept.push(stmt.clone());
        }
    }
    let (Some(operation_id), Some(empty), true) = (operation_id, empty, built) else {
        bail!("{name}: could not find the request, the operation id and the success response");
    };
    let constructor = if empty {
        quote!(crate::Request::empty(request, #operation_id))
    } else {
        quote!(crate::Request::json(request, #operation_id))
    };
    kept.push(Stmt::Expr(syn::parse2(constructor)?, None));
    f.block.stmts = kept;
    f.sig.asyncness = None;
    f.sig.output = parse_quote!(-> crate::Request<#success>);
    Ok(())
}

/// `T` of `Result<ResponseValue<T>, Error<E>>`.
fn success_type(output: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(path) = output else {
        return None;
    };
    let result = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &result.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(value))) = args.args.first() else {
        return None;
    };
    let value = value.path.segments.last()?;
    if value.ident != "ResponseValue" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(inner) = &value.arguments else {
        return None;
    };
    match inner.args.first()? {
        syn::GenericArgument::Type(ty) => Some(ty.clone()),
        _ => None,
    }
}

/// The operation id of `let info = OperationInfo { operation_id: "..." };`.
fn operation_info(stmt: &Stmt) -> Option<String> {
    let Stmt::Local(local) = stmt else {
        return None;
    };
    let Expr::Struct(s) = &*local.init.as_ref()?.expr else {
        return None;
    };
    if !s.path.is_ident("OperationInfo") {
        return None;
    }
    s.fields.iter().find_map(|field| match &field.expr {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(id),
            ..
        }) => Some(id.value()),
        _ => None,
    })
}

/// `let mut request = <builder>.headers(header_map).build()?;` -> `let request =
/// <builder>.build();` (a build error travels inside the `Request`, reported when it is sent).
fn strip_request(stmt: &mut Stmt) -> Result<()> {
    struct DropHeaders;
    impl VisitMut for DropHeaders {
        fn visit_expr_mut(&mut self, expr: &mut Expr) {
            if let Expr::MethodCall(call) = expr
                && call.method == "headers"
                && call.args.len() == 1
                && matches!(&call.args[0], Expr::Path(p) if p.path.is_ident("header_map"))
            {
                *expr = (*call.receiver).clone();
                self.visit_expr_mut(expr);
                return;
            }
            syn::visit_mut::visit_expr_mut(self, expr);
        }
    }
    let Stmt::Local(local) = stmt else {
        bail!("the request is not a `let`");
    };
    local.attrs.clear();
    local.pat = parse_quote!(request);
    let init = local.init.as_mut().expect("`let request = ...`");
    let Expr::Try(tried) = &*init.expr else {
        bail!("the request is not built with `?`");
    };
    let mut expr = (*tried.expr).clone();
    DropHeaders.visit_expr_mut(&mut expr);
    if quote!(#expr).to_string().contains("header_map") {
        bail!("the request still sends `header_map`");
    }
    *init.expr = expr;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(method: syn::ImplItemFn) -> syn::File {
        parse_quote! { impl Client { #method } }
    }

    #[test]
    fn an_operation_becomes_a_request_builder_without_the_api_version_header() {
        let mut file = client(parse_quote! {
            pub async fn get_track<'a>(&'a self, id: &'a str)
                -> Result<ResponseValue<types::TrackObject>, Error<types::GetTrackResponse>> {
                let url = format!("{}/tracks/{}", self.baseurl, encode_path(&id.to_string()),);
                let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
                header_map.append("api-version", Self::api_version());
                #[allow(unused_mut)]
                let mut request = self.client.get(url)
                    .header(ACCEPT, "json")
                    .headers(header_map)
                    .build()?;
                let info = OperationInfo { operation_id: "get-track" };
                self.pre(&mut request, &info).await?;
                let result = self.exec(request, &info).await;
                let response = result?;
                match response.status().as_u16() {
                    200u16 => ResponseValue::from_response(response).await,
                    _ => Err(Error::UnexpectedResponse(response)),
                }
            }
        });
        assert_eq!(apply(&mut file).unwrap(), 1);
        let text = prettyplease::unparse(&file);
        assert!(
            text.contains(
                "pub fn get_track<'a>(&'a self, id: &'a str) -> crate::Request<types::TrackObject>"
            ),
            "{text}"
        );
        assert!(
            text.contains("let request = self.client.get(url).header(ACCEPT, \"json\").build();"),
            "{text}"
        );
        assert!(
            text.contains("crate::Request::json(request, \"get-track\")"),
            "{text}"
        );
        for gone in [
            "header_map",
            "api_version",
            "send",
            "exec",
            "await",
            "match",
        ] {
            assert!(!text.contains(gone), "{gone} left in {text}");
        }
    }

    #[test]
    fn an_operation_without_a_body_builds_an_empty_request() {
        let mut file = client(parse_quote! {
            pub async fn pause<'a>(&'a self)
                -> Result<ResponseValue<()>, Error<types::PauseResponse>> {
                let url = format!("{}/me/player/pause", self.baseurl,);
                let mut request = self.client.put(url).build()?;
                let info = OperationInfo { operation_id: "pause" };
                let response = result?;
                match response.status().as_u16() {
                    204u16 => Ok(ResponseValue::empty(response)),
                    _ => Err(Error::UnexpectedResponse(response)),
                }
            }
        });
        apply(&mut file).unwrap();
        let text = prettyplease::unparse(&file);
        assert!(text.contains("-> crate::Request<()>"), "{text}");
        assert!(
            text.contains("crate::Request::empty(request, \"pause\")"),
            "{text}"
        );
    }

    #[test]
    fn an_operation_of_another_shape_is_an_error() {
        let mut file = client(parse_quote! {
            pub async fn odd(&self) -> Result<ResponseValue<()>, Error<()>> { todo!() }
        });
        let err = apply(&mut file).unwrap_err().to_string();
        assert!(err.contains("odd"), "{err}");
    }
}
