//! A compact `Deserialize` for every struct of the models, written in place of serde's derive
//! (applied after `lenient.rs`, whose serde attributes it reads).
//!
//! Why not the derive: for each struct it writes a field enum with a visitor and a `Deserialize` of
//! its own, a `visit_seq` for structs sent as arrays (JSON never sends them) and a wrapper type per
//! `deserialize_with` field: about half of the models' code. The models' compile time is on the
//! critical path of a user's first build (BENCHMARKS.md, "A generated `Deserialize` for the models'
//! structs"). What is written here reads
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

use crate::lenient::{
    Merge, Merges, derives, drop_struct_derive, is_serde_attr, option_inner, serde_metas,
    types_module,
};

/// Replaces the derived `Deserialize` of every struct with named fields in the `types` module;
/// `merges` names the structs that hold a union or duplicates (`lenient.rs`).
pub fn apply(file: &mut syn::File, merges: &Merges) -> Result<()> {
    let types = types_module(file)?;
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
        if let Some(attr) = s.attrs.iter().find(|a| a.path().is_ident("serde")) {
            bail!(
                "{}: `{}` is not read by the generated `Deserialize`",
                s.ident,
                quote!(#attr)
            );
        }
        let merge = merges.get(&s.ident.to_string());
        impls.push(compact(s, merge).with_context(|| format!("{}", s.ident))?);
        drop_struct_derive(s, "Deserialize");
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

fn compact(s: &mut syn::ItemStruct, merge: Option<&Merge>) -> Result<Item> {
    let name = &s.ident;
    let mut fields = Vec::new();
    for field in s.fields.iter_mut() {
        let ident = field.ident.clone().context("named fields")?;
        let Serde {
            rename,
            default,
            with,
        } = take_serde(&mut field.attrs).with_context(|| format!("field `{ident}`"))?;
        let json = rename.unwrap_or_else(|| ident.to_string());
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
    // A deprecated duplicate (`lenient.rs`, `merge_duplicates`) has an index after the fields.
    let duplicates = merge.map_or(&[][..], |m| m.duplicates.as_slice());
    let duplicate_slot = |duplicate: &str| format_ident!("__duplicate_{duplicate}");
    let names = fields
        .iter()
        .map(|f| f.json.as_str())
        .chain(duplicates.iter().map(|(_, d)| d.as_str()));
    let keys = names
        .clone()
        .enumerate()
        .map(|(i, json)| quote!(#json => #i,));
    let slots = fields.iter().map(|Field { ident, ty, .. }| {
        quote!(let mut #ident: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let duplicate_slots = duplicates.iter().map(|(_, duplicate)| {
        let slot = duplicate_slot(duplicate);
        quote!(let mut #slot = ::std::option::Option::None;)
    });
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let (ident, seed) = (&f.ident, &f.seed);
        quote!(#i => crate::fields::value(&mut __map, &mut #ident, #seed, FIELDS[#i])?,)
    });
    let duplicate_arms = duplicates
        .iter()
        .enumerate()
        .map(|(j, (primary, duplicate))| {
            let (i, slot) = (fields.len() + j, duplicate_slot(duplicate));
            let primary = format_ident!("{primary}");
            let some = quote!(::std::option::Option::Some);
            quote! {
                #i => crate::fields::duplicate(
                    &mut __map,
                    &mut #slot,
                    ::std::matches!(#primary, #some(#some(_))),
                    FIELDS[#i],
                )?,
            }
        });
    let values = fields.iter().enumerate().map(|(i, f)| {
        let ident = &f.ident;
        // As serde's derive: an absent field is its default with `default`, `None` for an
        // `Option`, an error otherwise (serde reads an `Option` without `deserialize_with` as
        // `None` when absent, and one with it as required).
        let value = if f.default {
            quote!(#ident.unwrap_or_default())
        } else if f.plain && option_inner(&f.ty).is_some() {
            quote!(#ident.flatten())
        } else {
            quote!(crate::fields::required::<_, A::Error>(#ident, FIELDS[#i])?)
        };
        match duplicates.iter().find(|(primary, _)| ident == primary) {
            Some((_, duplicate)) => {
                let slot = duplicate_slot(duplicate);
                quote! {
                    #ident: crate::lenient::primary_or_duplicate::<_, A::Error>(
                        #value,
                        #slot.flatten(),
                        #duplicate,
                    )?
                }
            }
            None => quote!(#ident: #value),
        }
    });
    let read = quote! {
        #(#slots)*
        #(#duplicate_slots)*
        while let ::std::option::Option::Some(__key) =
            __map.next_key_seed(crate::fields::Key(FIELDS, __field))?
        {
            match __key {
                #(#arms)*
                #(#duplicate_arms)*
                _ => crate::fields::skip(&mut __map)?,
            }
        }
        ::std::result::Result::Ok(#name { #(#values),* })
    };
    // A struct holding a union reads the rest of the object after a failure (`lenient::drained`),
    // so that serde_json places the failure at the object's end, where the union's own path,
    // which its message carries, is joined on (`models/src/error_path.rs`).
    let body = match merge {
        None => read,
        Some(_) => quote! {
            let mut __read = || -> ::std::result::Result<#name, A::Error> { #read };
            __read().map_err(|error| crate::lenient::drained(&mut __map, error))
        },
    };
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
                        #body
                    }
                }
                deserializer.deserialize_struct(#struct_name, FIELDS, #visitor)
            }
        }
    })
}

/// What a field's serde attributes say about reading it.
struct Serde {
    rename: Option<String>,
    default: bool,
    with: Option<String>,
}

/// Reads a field's serde attributes and removes `deserialize_with` from them (nothing else reads
/// it once the derive is gone). An attribute this pass does not implement is an error, so that
/// nothing serde's derive would have done is silently dropped.
fn take_serde(attrs: &mut Vec<syn::Attribute>) -> Result<Serde> {
    let mut serde = Serde {
        rename: None,
        default: false,
        with: None,
    };
    let text = |value: &syn::Expr| match value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Ok(text.value()),
        _ => bail!("`{}` is not a string", quote!(#value)),
    };
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("serde")) {
        let metas = serde_metas(attr)?;
        let mut kept = Vec::new();
        for meta in metas {
            match &meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("deserialize_with") => {
                    serde.with = Some(text(&nv.value)?);
                    continue;
                }
                syn::Meta::NameValue(nv) if nv.path.is_ident("rename") => {
                    serde.rename = Some(text(&nv.value)?);
                }
                syn::Meta::Path(path) if path.is_ident("default") => serde.default = true,
                // Serialization only.
                syn::Meta::NameValue(nv) if nv.path.is_ident("skip_serializing_if") => {}
                other => bail!(
                    "`#[serde({})]` is not read by the generated `Deserialize`",
                    quote!(#other)
                ),
            }
            kept.push(meta);
        }
        *attr = parse_quote!(#[serde(#(#kept),*)]);
    }
    attrs.retain(|a| {
        !(a.path().is_ident("serde") && a.meta.require_list().is_ok_and(|l| l.tokens.is_empty()))
    });
    Ok(serde)
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    use super::*;

    fn apply_to(items: TokenStream) -> Result<String> {
        apply_merging(items, Merges::new())
    }

    fn apply_merging(items: TokenStream, merges: Merges) -> Result<String> {
        let mut file: syn::File = parse_quote!(pub mod types { #items });
        apply(&mut file, &merges)?;
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
        // Only a struct holding a union drains its object after a failure.
        assert!(!text.contains("drained"), "{text}");
    }

    /// A playlist entry: `track` duplicates `item` (not a field any more, `lenient.rs`), and a
    /// failure drains the object.
    #[test]
    fn duplicates_are_skipped_after_their_primary_and_failures_drain_the_object() {
        let merges = Merges::from([(
            "Entry".to_string(),
            Merge {
                duplicates: vec![("item".to_string(), "track".to_string())],
            },
        )]);
        let text = apply_merging(
            quote! {
                #[derive(::serde::Deserialize)]
                pub struct Entry {
                    pub added_at: ::std::string::String,
                    #[serde(default, deserialize_with = "crate::lenient::in_field")]
                    pub item: ::std::option::Option<Item>,
                }
            },
            merges,
        )
        .unwrap();
        let some = quote!(::std::option::Option::Some);
        for expected in [
            quote!("added_at" => 0usize, "item" => 1usize, "track" => 2usize,),
            quote!(let mut __duplicate_track = ::std::option::Option::None;),
            quote!(2usize => crate::fields::duplicate(
                &mut __map,
                &mut __duplicate_track,
                ::std::matches!(item, #some(#some(_))),
                FIELDS[2usize],
            )?,),
            quote!(item: crate::lenient::primary_or_duplicate::<_, A::Error>(
                item.unwrap_or_default(),
                __duplicate_track.flatten(),
                "track",
            )?),
            quote!(__read().map_err(|error| crate::lenient::drained(&mut __map, error))),
        ] {
            let expected = expected.to_string();
            assert!(text.contains(&expected), "no `{expected}` in:\n{text}");
        }
    }

    #[test]
    fn serde_attributes_the_pass_does_not_read_are_errors() {
        for attrs in [
            quote!(#[serde(alias = "title")]),
            quote!(#[serde(default = "crate::elsewhere::name")]),
            quote!(#[serde(flatten)]),
        ] {
            let error = apply_to(quote! {
                #[derive(::serde::Deserialize)]
                pub struct Track { #attrs pub name: ::std::string::String }
            })
            .unwrap_err();
            assert!(format!("{error:#}").contains("is not read by"), "{error:#}");
        }
        let error = apply_to(quote! {
            #[derive(::serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct Track { pub name: ::std::string::String }
        })
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("deny_unknown_fields"),
            "{error:#}"
        );
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
