//! Lenient decoding, applied to progenitor's output as a syntax-tree pass so that it holds for every type
//! of its shape (see `openapi/README.md`, "Where leniency lives"):
//!
//! - Every string enum gains `#[serde(untagged)] Unknown(String)`: a value Spotify adds later decodes
//!   (and re-serializes) as itself instead of failing the whole response.
//! - Every `oneOf` with a `discriminator` (track-or-episode items) becomes internally tagged on that
//!   property, with `#[serde(untagged)] Unknown(serde_json::Value)` for kinds the spec does not list.
//!   progenitor emits these as untagged enums, and since all fields are optional any object would decode
//!   as the first variant: an episode would come back as a track.

use std::collections::HashMap;

use quote::{format_ident, quote};
use serde_json::Value;
use syn::visit_mut::VisitMut;
use syn::{Fields, Item, ItemEnum, parse_quote};

/// For each schema named as a `oneOf` variant under a discriminator: (property name, tag value).
pub type Discriminators = HashMap<String, (String, String)>;

/// Reads the discriminated unions of the spec.
pub fn discriminators(spec: &Value) -> Discriminators {
    let mut out = Discriminators::new();
    let mut stack = vec![spec];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let (Some(Value::Array(variants)), Some(prop)) = (
                    map.get("oneOf"),
                    map.get("discriminator")
                        .and_then(|d| d.get("propertyName"))
                        .and_then(Value::as_str),
                ) {
                    for variant in variants {
                        let Some(name) = variant
                            .get("$ref")
                            .and_then(Value::as_str)
                            .and_then(|r| r.strip_prefix("#/components/schemas/"))
                        else {
                            continue;
                        };
                        if let Some(tag) = tag_value(spec, name, prop) {
                            out.insert(name.to_string(), (prop.to_string(), tag));
                        }
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// The single enum value of `schemas/<name>/.../properties/<prop>`, following `allOf` and `$ref`s.
fn tag_value(spec: &Value, name: &str, prop: &str) -> Option<String> {
    let schema = spec.pointer(&format!("/components/schemas/{name}"))?;
    find_tag(spec, schema, prop, 0)
}

fn find_tag(spec: &Value, schema: &Value, prop: &str, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = spec.pointer(r.strip_prefix('#')?)?;
        return find_tag(spec, target, prop, depth + 1);
    }
    if let Some(values) = schema
        .pointer(&format!("/properties/{prop}/enum"))
        .and_then(Value::as_array)
        && let [Value::String(only)] = values.as_slice()
    {
        return Some(only.clone());
    }
    schema
        .get("allOf")?
        .as_array()?
        .iter()
        .find_map(|part| find_tag(spec, part, prop, depth + 1))
}

/// Applies both rules to the `types` module of the generated file.
pub fn apply(file: &mut syn::File, discriminators: &Discriminators) {
    let mut pass = Pass {
        discriminators,
        string_enums: Vec::new(),
    };
    pass.visit_file_mut(file);
    let string_enums = pass.string_enums;
    // Second walk: the impls typify writes for string enums match exhaustively on the variants.
    ImplFixer {
        string_enums: &string_enums,
    }
    .visit_file_mut(file);
}

struct Pass<'a> {
    discriminators: &'a Discriminators,
    string_enums: Vec<String>,
}

impl VisitMut for Pass<'_> {
    fn visit_item_enum_mut(&mut self, e: &mut ItemEnum) {
        let all_unit = e.variants.iter().all(|v| matches!(v.fields, Fields::Unit));
        let is_untagged = e.attrs.iter().any(|a| is_serde_attr(a, "untagged"));
        if all_unit && derives(e, "Deserialize") {
            drop_derive(e, "Copy");
            e.variants.push(parse_quote! {
                /// A value this version of the spec does not list, kept as Spotify sent it.
                #[serde(untagged)]
                Unknown(::std::string::String)
            });
            self.string_enums.push(e.ident.to_string());
        } else if is_untagged && let Some(prop) = self.discriminated_property(e) {
            e.attrs.retain(|a| !is_serde_attr(a, "untagged"));
            e.attrs.push(parse_quote!(#[serde(tag = #prop)]));
            for variant in e.variants.iter_mut() {
                let name = variant.ident.to_string();
                let tag = &self.discriminators[&name].1;
                variant.attrs.push(parse_quote!(#[serde(rename = #tag)]));
            }
            let doc = format!(
                "An item whose `{prop}` this version of the spec does not list, kept as raw JSON."
            );
            e.variants.push(parse_quote! {
                #[doc = #doc]
                #[serde(untagged)]
                Unknown(::serde_json::Value)
            });
        }
    }
}

impl Pass<'_> {
    /// The discriminator property, when every variant is `Name(Name)` of one discriminated union.
    fn discriminated_property(&self, e: &ItemEnum) -> Option<String> {
        let mut property = None;
        for variant in &e.variants {
            let (prop, _) = self.discriminators.get(&variant.ident.to_string())?;
            match &property {
                None => property = Some(prop.clone()),
                Some(p) if p == prop => {}
                Some(_) => return None,
            }
        }
        property
    }
}

struct ImplFixer<'a> {
    string_enums: &'a [String],
}

impl VisitMut for ImplFixer<'_> {
    fn visit_item_mut(&mut self, item: &mut Item) {
        if let Item::Impl(imp) = item
            && let syn::Type::Path(self_ty) = &*imp.self_ty
            && let Some(last) = self_ty.path.segments.last()
            && self.string_enums.contains(&last.ident.to_string())
        {
            let trait_name = imp
                .trait_
                .as_ref()
                .and_then(|(p, _)| p.segments.last())
                .map(|s| s.ident.to_string());
            match trait_name.as_deref() {
                Some("Display") => {
                    let arm: syn::Arm =
                        parse_quote!(Self::Unknown(ref value) => f.write_str(value),);
                    add_arm(imp, arm, false);
                }
                Some("FromStr") => {
                    let unknown = format_ident!("Unknown");
                    let arm: syn::Arm = parse_quote!(_ => Ok(Self::#unknown(value.to_string())),);
                    add_arm(imp, arm, true);
                }
                _ => {}
            }
        }
        syn::visit_mut::visit_item_mut(self, item);
    }
}

/// Adds `arm` to the (single) `match` in the impl's method; `replace_wildcard` swaps out a `_ =>` arm.
fn add_arm(imp: &mut syn::ItemImpl, arm: syn::Arm, replace_wildcard: bool) {
    struct AddArm {
        arm: Option<syn::Arm>,
        replace_wildcard: bool,
    }
    impl VisitMut for AddArm {
        fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
            if self.replace_wildcard {
                m.arms.retain(|a| !matches!(a.pat, syn::Pat::Wild(_)));
            }
            if let Some(arm) = self.arm.take() {
                m.arms.push(arm);
            }
        }
    }
    AddArm {
        arm: Some(arm),
        replace_wildcard,
    }
    .visit_item_impl_mut(imp);
}

fn is_serde_attr(attr: &syn::Attribute, word: &str) -> bool {
    attr.path().is_ident("serde") && quote!(#attr).to_string().contains(word)
}

fn derives(e: &ItemEnum, name: &str) -> bool {
    e.attrs
        .iter()
        .any(|a| a.path().is_ident("derive") && quote!(#a).to_string().contains(name))
}

/// Removes one derive (`Copy` cannot hold the `String` of an unknown value).
fn drop_derive(e: &mut ItemEnum, name: &str) {
    for attr in e.attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        let kept: Vec<_> = paths.into_iter().filter(|p| !p.is_ident(name)).collect();
        *attr = parse_quote!(#[derive(#(#kept),*)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_tag_values_through_all_of() {
        let spec = json!({
            "components": {"schemas": {
                "Holder": {"properties": {"item": {
                    "oneOf": [{"$ref": "#/components/schemas/T"}, {"$ref": "#/components/schemas/E"}],
                    "discriminator": {"propertyName": "type"}}}},
                "T": {"properties": {"type": {"enum": ["track"]}}},
                "E": {"allOf": [{"$ref": "#/components/schemas/EBase"}]},
                "EBase": {"properties": {"type": {"enum": ["episode"]}}}
            }}
        });
        let d = discriminators(&spec);
        assert_eq!(d["T"], ("type".to_string(), "track".to_string()));
        assert_eq!(d["E"], ("type".to_string(), "episode".to_string()));
    }

    #[test]
    fn string_enums_gain_an_unknown_variant_and_lose_copy() {
        let mut file: syn::File = parse_quote! {
            #[derive(::serde::Deserialize, Clone, Copy, Debug)]
            pub enum Kind { #[serde(rename = "a")] A }
            impl ::std::fmt::Display for Kind {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match *self { Self::A => f.write_str("a") }
                }
            }
            impl ::std::str::FromStr for Kind {
                type Err = String;
                fn from_str(value: &str) -> Result<Self, String> {
                    match value { "a" => Ok(Self::A), _ => Err("invalid value".into()) }
                }
            }
        };
        apply(&mut file, &Discriminators::new());
        let text = prettyplease::unparse(&file);
        assert!(text.contains("Unknown(::std::string::String)"), "{text}");
        assert!(!text.contains("Copy"), "{text}");
        assert!(
            text.contains("Self::Unknown(ref value) => f.write_str(value)"),
            "{text}"
        );
        assert!(
            text.contains("_ => Ok(Self::Unknown(value.to_string()))"),
            "{text}"
        );
        assert!(!text.contains("invalid value"), "{text}");
    }

    #[test]
    fn discriminated_unions_become_internally_tagged() {
        let mut file: syn::File = parse_quote! {
            #[derive(::serde::Deserialize)]
            #[serde(untagged)]
            pub enum Item { T(T), E(E) }
            #[derive(::serde::Deserialize)]
            #[serde(untagged)]
            pub enum Other { T(T), X(X) }
        };
        let mut d = Discriminators::new();
        d.insert("T".into(), ("type".into(), "track".into()));
        d.insert("E".into(), ("type".into(), "episode".into()));
        apply(&mut file, &d);
        let text = prettyplease::unparse(&file);
        let item = &text[..text.find("pub enum Other").unwrap()];
        assert!(item.contains("#[serde(tag = \"type\")]"), "{text}");
        assert!(item.contains("#[serde(rename = \"episode\")]"), "{text}");
        assert!(item.contains("Unknown(::serde_json::Value)"), "{text}");
        // A union with a variant outside the discriminated set is left untagged.
        let other = &text[text.find("pub enum Other").unwrap()..];
        assert!(!other.contains("tag ="), "{text}");
    }
}
