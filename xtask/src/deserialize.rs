//! A compact `Deserialize` for every struct of the models, written in place of serde's derive
//! (applied after `lenient.rs`, whose serde attributes it reads).
//!
//! Why not the derive: for each struct it writes a field enum with a visitor and a `Deserialize` of
//! its own, a `visit_seq` for structs sent as arrays (JSON never sends them) and a wrapper type per
//! `deserialize_with` field: about half of the models' code. The models' compile time is on the
//! critical path of a user's first build (BENCHMARKS.md, "Build cost"). What is written here reads
//! maps only: a key becomes the index of its field in the struct's list of names (by a `match` of
//! the struct's, through one visitor for every struct, `models/src/fields.rs`), each field is read
//! with a seed (serde's `PhantomData`, or one of `lenient.rs` for a `deserialize_with`), and the
//! messages are serde's (``missing field `x` ``, ``duplicate field `x` ``, ``expected struct
//! X``), on which the decode-error paths rely.
//!
//! The struct keeps its serde attributes but `deserialize_with`: `Serialize` reads `rename` and
//! `skip_serializing_if`, schemars reads `default` and `rename`.

use anyhow::{Context, Result, bail};
use quote::{format_ident, quote};
use syn::{Fields, Item, parse_quote};

use crate::lenient::{derives, drop_struct_derive, is_serde_attr, option_inner, serde_rename};

/// Replaces the derived `Deserialize` of every struct with named fields in the `types` module.
pub fn apply(file: &mut syn::File) -> Result<()> {
    let types = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        })
        .context("the generated file has no `types` module")?;
    let mut impls = Vec::new();
    for item in types.iter_mut() {
        let Item::Struct(s) = item else { continue };
        let transparent = s.attrs.iter().any(|a| is_serde_attr(a, "transparent"));
        if !derives(&s.attrs, "Deserialize") || transparent {
            continue;
        }
        if !matches!(s.fields, Fields::Named(_)) {
            bail!(
                "{}: a derived `Deserialize` of a struct without named fields",
                s.ident
            );
        }
        impls.push(compact(s).with_context(|| format!("{}", s.ident))?);
        drop_struct_derive(s, "Deserialize");
        // A private wire struct (`lenient.rs`) derives nothing else that reads serde attributes.
        if !derives(&s.attrs, "Serialize") {
            for field in s.fields.iter_mut() {
                field.attrs.retain(|a| !a.path().is_ident("serde"));
            }
        }
    }
    types.extend(impls);
    Ok(())
}

/// One field as the generated impl reads it.
struct Field {
    ident: syn::Ident,
    ty: syn::Type,
    json: String,
    seed: proc_macro2::TokenStream,
    default: bool,
    /// Read without `deserialize_with`.
    plain: bool,
}

fn compact(s: &mut syn::ItemStruct) -> Result<Item> {
    let name = &s.ident;
    let mut fields = Vec::new();
    for field in s.fields.iter_mut() {
        let ident = field.ident.clone().context("named fields")?;
        let json = serde_rename(&field.attrs).unwrap_or_else(|| ident.to_string());
        let default = field.attrs.iter().any(|a| is_serde_attr(a, "default"));
        let with = take_deserialize_with(&mut field.attrs)?;
        let seed = match with.as_deref() {
            None => quote!(::std::marker::PhantomData),
            Some("crate::lenient::int") => quote!(crate::lenient::Int),
            Some("crate::lenient::option_int") => quote!(crate::lenient::OptionInt),
            Some("crate::lenient::vec_or_null") => {
                quote!(crate::lenient::VecOrNull(::std::marker::PhantomData))
            }
            Some("crate::lenient::union_list") => {
                quote!(crate::lenient::UnionList(::std::marker::PhantomData))
            }
            Some("crate::lenient::in_field") => {
                quote!(crate::lenient::InField(#json, ::std::marker::PhantomData))
            }
            Some(other) => bail!("field `{ident}`: no seed for `deserialize_with = {other:?}`"),
        };
        fields.push(Field {
            ident,
            ty: field.ty.clone(),
            json,
            seed,
            default,
            plain: with.is_none(),
        });
    }
    let names = fields.iter().map(|f| &f.json);
    let keys = fields.iter().enumerate().map(|(i, f)| {
        let json = &f.json;
        quote!(#json => #i,)
    });
    let slots = fields.iter().map(|Field { ident, ty, .. }| {
        quote!(let mut #ident: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let (ident, seed) = (&f.ident, &f.seed);
        quote!(#i => crate::fields::value(&mut __map, &mut #ident, #seed, FIELDS[#i])?,)
    });
    let values = fields.iter().enumerate().map(|(i, f)| {
        let ident = &f.ident;
        // As serde's derive: an absent field is its default with `default`, `None` for an
        // `Option`, an error otherwise (serde reads an `Option` without `deserialize_with` as
        // `None` when absent, and one with it as required).
        if f.default {
            quote!(#ident: #ident.unwrap_or_default())
        } else if f.plain && option_inner(&f.ty).is_some() {
            quote!(#ident: #ident.flatten())
        } else {
            quote!(#ident: crate::fields::required::<_, A::Error>(#ident, FIELDS[#i])?)
        }
    });
    let expecting = format!("struct {name}");
    let struct_name = name.to_string();
    let visitor = format_ident!("{name}Visitor");
    Ok(parse_quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                const FIELDS: &[&str] = &[#(#names),*];
                fn __field(key: &str) -> usize {
                    match key {
                        #(#keys)*
                        _ => usize::MAX,
                    }
                }
                struct #visitor;
                impl<'de> ::serde::de::Visitor<'de> for #visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A>(self, mut __map: A) -> ::std::result::Result<#name, A::Error>
                    where
                        A: ::serde::de::MapAccess<'de>,
                    {
                        #(#slots)*
                        while let ::std::option::Option::Some(__key) =
                            __map.next_key_seed(crate::fields::Key(FIELDS, __field))?
                        {
                            match __key {
                                #(#arms)*
                                _ => crate::fields::skip(&mut __map)?,
                            }
                        }
                        ::std::result::Result::Ok(#name { #(#values),* })
                    }
                }
                deserializer.deserialize_struct(#struct_name, FIELDS, #visitor)
            }
        }
    })
}

/// Removes `deserialize_with = ".."` from a field's serde attributes and returns its path.
fn take_deserialize_with(attrs: &mut Vec<syn::Attribute>) -> Result<Option<String>> {
    let mut with = None;
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("serde")) {
        let metas = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
        )?;
        let mut kept = Vec::new();
        for meta in metas {
            match &meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("deserialize_with") => {
                    let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(path),
                        ..
                    }) = &nv.value
                    else {
                        bail!("`deserialize_with` is not a string");
                    };
                    with = Some(path.value());
                }
                _ => kept.push(meta),
            }
        }
        *attr = parse_quote!(#[serde(#(#kept),*)]);
    }
    attrs.retain(|a| {
        !(a.path().is_ident("serde") && a.meta.require_list().is_ok_and(|l| l.tokens.is_empty()))
    });
    Ok(with)
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    use super::*;

    fn apply_to(items: TokenStream) -> Result<String> {
        let mut file: syn::File = parse_quote!(pub mod types { #items });
        apply(&mut file)?;
        Ok(quote!(#file).to_string())
    }

    #[test]
    fn structs_read_each_field_with_its_seed_and_absent_fields_as_serde_does() {
        let text = apply_to(quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone)]
            pub struct Track {
                pub name: ::std::string::String,
                #[serde(rename = "type")]
                pub type_: Kind,
                #[serde(deserialize_with = "crate::lenient::int")]
                pub duration_ms: i64,
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                pub preview_url: ::std::option::Option<::std::string::String>,
                #[serde(skip_serializing_if = "::std::vec::Vec::is_empty")]
                #[serde(default, deserialize_with = "crate::lenient::vec_or_null")]
                pub artists: ::std::vec::Vec<Artist>,
                #[serde(default, deserialize_with = "crate::lenient::in_field")]
                pub item: ::std::option::Option<Item>,
                #[serde(deserialize_with = "crate::lenient::option_int")]
                pub total: ::std::option::Option<i64>,
            }
            #[derive(::serde::Deserialize, ::serde::Serialize)]
            #[serde(transparent)]
            pub struct Id(::std::string::String);
        })
        .unwrap();
        let phantom = quote!(::std::marker::PhantomData);
        for expected in [
            quote!(#[derive(::serde::Serialize, Clone)] pub struct Track),
            // Serialize and schemars still read these.
            quote!(#[serde(rename = "type")] pub type_: Kind),
            quote!(#[serde(default)] pub artists),
            // rustfmt would add a trailing comma to the list inside `quote!`.
            "const FIELDS : & [& str] = & [\"name\" , \"type\" , \"duration_ms\" , \
             \"preview_url\" , \"artists\" , \"item\" , \"total\"] ;"
                .parse()
                .unwrap(),
            quote!(0usize => crate::fields::value(
                &mut __map, &mut name, #phantom, FIELDS[0usize])?,),
            quote!(2usize => crate::fields::value(
                &mut __map, &mut duration_ms, crate::lenient::Int, FIELDS[2usize])?,),
            quote!(crate::lenient::VecOrNull(#phantom)),
            quote!(crate::lenient::InField("item", #phantom)),
            quote!(crate::lenient::OptionInt),
            quote!(
                fn __field(key: &str) -> usize {
                    match key {
                        "name" => 0usize,
                        "type" => 1usize,
                        "duration_ms" => 2usize,
                        "preview_url" => 3usize,
                        "artists" => 4usize,
                        "item" => 5usize,
                        "total" => 6usize,
                        _ => usize::MAX,
                    }
                }
            ),
            quote!(__map.next_key_seed(crate::fields::Key(FIELDS, __field))?),
            quote!(_ => crate::fields::skip(&mut __map)?,),
            quote!(name: crate::fields::required::<_, A::Error>(name, FIELDS[0usize])?),
            quote!(preview_url: preview_url.flatten()),
            quote!(artists: artists.unwrap_or_default()),
            quote!(item: item.unwrap_or_default()),
            // An `Option` read with `deserialize_with` and no default is required, as in serde.
            quote!(total: crate::fields::required::<_, A::Error>(total, FIELDS[6usize])?),
            quote!(f.write_str("struct Track")),
            quote!(deserializer.deserialize_struct("Track", FIELDS, TrackVisitor)),
            // A transparent newtype keeps serde's derive.
            quote!(#[derive(::serde::Deserialize, ::serde::Serialize)] #[serde(transparent)]
                pub struct Id),
        ] {
            let expected = expected.to_string();
            assert!(text.contains(&expected), "no `{expected}` in:\n{text}");
        }
        assert!(!text.contains("deserialize_with"), "{text}");
    }

    #[test]
    fn an_unknown_deserialize_with_is_an_error() {
        let error = apply_to(quote! {
            #[derive(::serde::Deserialize)]
            pub struct Track {
                #[serde(deserialize_with = "crate::elsewhere::odd")]
                pub name: ::std::string::String,
            }
        })
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("crate::elsewhere::odd"),
            "{error:#}"
        );
    }
}
