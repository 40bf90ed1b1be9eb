//! Lenient, honest decoding, applied to progenitor's output as a syntax-tree pass so that it holds
//! for every type of its shape (see `openapi/README.md`, "Where leniency lives"). The generated
//! code calls the handwritten helpers of `models/src/lenient.rs`.
//!
//! - **Open string enums**: every string enum gains `Unknown(String)` for values the spec does not
//!   list, and matches its listed values in any letter case (`"ALBUM"` is `Album`), through a
//!   generated `Deserialize` that does not buffer (serde's `untagged` would buffer every value).
//! - **Discriminated unions** (`PlayableItem`): variants named after their tag (`Track`,
//!   `Episode`), decoded by their tag through a generated `Deserialize` that reads the object once
//!   as raw JSON (serde's internally tagged enums buffer it into a generic tree, then decode it
//!   again). The first kind is decoded at once and kept when its own tag confirms it; others are
//!   probed for the tag first. An unlisted tag is `Unknown(raw JSON)`; a listed kind that fails to
//!   decode is an error with its path.
//! - **Integers accept integral floats** (`640.0`, `4.9022656E7`, sent by Spotify in early 2024)
//!   and still refuse `640.5`; **lists accept `null`** as empty.

use std::collections::HashMap;

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;
use syn::visit_mut::VisitMut;
use syn::{Fields, Item, ItemEnum, parse_quote};

/// For each schema named as a `oneOf` variant under a discriminator: (property name, tag value).
pub type Discriminators = HashMap<String, (String, String)>;

/// For each schema: its (primary, deprecated duplicate) property pairs.
pub type Duplicates = HashMap<String, Vec<(String, String)>>;

/// What the pass needs to know of the spec.
#[derive(Default)]
pub struct Facts {
    pub discriminators: Discriminators,
    pub duplicates: Duplicates,
}

impl Facts {
    pub fn of(spec: &Value) -> Self {
        Self {
            discriminators: discriminators(spec),
            duplicates: duplicates(spec),
        }
    }
}

/// Properties that Spotify renamed and still sends under both names (February 2026: a playlist's
/// `tracks` became `items`, an entry's `track` became `item`): a deprecated property whose
/// description says ``Use `other` instead`` of a sibling with the same schema.
pub fn duplicates(spec: &Value) -> Duplicates {
    let mut out = Duplicates::new();
    let Some(schemas) = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return out;
    };
    let shape = |v: &Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            o.retain(|k, _| k != "description" && k != "deprecated");
        }
        v
    };
    for (name, schema) in schemas {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        for (prop, value) in props {
            let deprecated = value.get("deprecated") == Some(&Value::Bool(true));
            let description = value
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            let primary = description
                .split_once("Use `")
                .and_then(|(_, rest)| rest.split_once("` instead"))
                .map(|(p, _)| p);
            if let (true, Some(primary)) = (deprecated, primary)
                && let Some(other) = props.get(primary)
                && shape(other) == shape(value)
            {
                out.entry(name.clone())
                    .or_default()
                    .push((primary.to_string(), prop.clone()));
            }
        }
    }
    out
}

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

/// The items of progenitor's `types` module (the models), which the passes over them rewrite.
pub(crate) fn types_module(file: &mut syn::File) -> anyhow::Result<&mut Vec<Item>> {
    file.items
        .iter_mut()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
            _ => None,
        })
        .ok_or_else(|| anyhow::anyhow!("the generated file has no `types` module"))
}

/// The structs whose `Deserialize` merges duplicates or drains the object after a failure, by
/// name (see [`merge_duplicates`]).
pub type Merges = HashMap<String, Merge>;

/// Applies every rule to the `types` module of the generated file; returns what `deserialize.rs`
/// needs to write the `Deserialize` of the structs that hold a union or duplicates.
pub fn apply(file: &mut syn::File, facts: &Facts) -> anyhow::Result<Merges> {
    let types = types_module(file)?;
    let discriminators = &facts.discriminators;
    let shapes = struct_fields(types);
    let mut added = Vec::new();
    let mut merges = Merges::new();
    let mut renames: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for item in types.iter_mut() {
        match item {
            Item::Enum(e) if is_string_enum(e) => added.extend(open_enum(e)),
            Item::Enum(e) => {
                if let Some((impl_item, renamed)) = tagged_union(e, discriminators, &shapes) {
                    added.push(impl_item);
                    renames.insert(e.ident.to_string(), renamed);
                }
            }
            _ => {}
        }
    }
    for item in types.iter_mut() {
        if let Item::Struct(s) = item {
            lenient_fields(s);
            let pairs = facts.duplicates.get(&s.ident.to_string());
            if pairs.is_some() || holds_union(s, &renames) {
                let pairs = pairs.map_or(&[][..], Vec::as_slice);
                added.extend(merge_duplicates(s, pairs)?);
                let duplicates = pairs.to_vec();
                merges.insert(s.ident.to_string(), Merge { duplicates });
            }
        }
    }
    for item in types.iter_mut() {
        if let Item::Impl(imp) = item {
            fix_impl(imp, &renames);
        }
    }
    for item in types.iter_mut().chain(added.iter_mut()) {
        if let Item::Struct(s) = item {
            key_union_fields(s, &renames);
        }
    }
    types.extend(added);
    Ok(merges)
}

/// An optional field holding a union (see [`tagged_union`]) is decoded by `lenient::in_field`,
/// which puts the field's name into the union's errors (``in `item.album.name`: ...``). The union
/// reads its object whole before it can fail, so serde_json places its error at the end of the
/// enclosing object (see [`merge_duplicates`]), where the JSON path cannot tell which field it
/// came from (see `models/src/error_path.rs`). A list of unions is decoded by
/// `lenient::union_list`, which puts the index into them. `in_field` also takes the field's name:
/// its `deserialize_with` is read by `deserialize.rs`, which passes the name, not by serde.
fn key_union_fields(s: &mut syn::ItemStruct, unions: &HashMap<String, Vec<(String, String)>>) {
    if !derives(&s.attrs, "Deserialize") {
        return;
    }
    for field in s.fields.iter_mut() {
        let function = match union_field(&field.ty, unions) {
            None => continue,
            Some(UnionField::List) => "crate::lenient::union_list",
            Some(UnionField::Optional) => "crate::lenient::in_field",
        };
        field
            .attrs
            .retain(|a| !is_serde_attr(a, "deserialize_with"));
        for attr in field
            .attrs
            .iter_mut()
            .filter(|a| is_serde_attr(a, "default"))
        {
            remove_serde_word(attr, "default");
        }
        field
            .attrs
            .push(parse_quote!(#[serde(default, deserialize_with = #function)]));
    }
}

/// How a field holds a union.
enum UnionField {
    /// `Vec<Union>`.
    List,
    /// `Option<Union>`.
    Optional,
}

/// Whether the type `ty` holds one of `unions`, and how.
fn union_field(
    ty: &syn::Type,
    unions: &HashMap<String, Vec<(String, String)>>,
) -> Option<UnionField> {
    let is_union = |inner: syn::Type| unions.contains_key(&quote!(#inner).to_string());
    if vec_inner(ty).is_some_and(is_union) {
        Some(UnionField::List)
    } else if option_inner(ty).is_some_and(is_union) {
        Some(UnionField::Optional)
    } else {
        None
    }
}

/// Whether a field of `s` holds a union, alone or in a list.
fn holds_union(s: &syn::ItemStruct, unions: &HashMap<String, Vec<(String, String)>>) -> bool {
    s.fields
        .iter()
        .any(|field| union_field(&field.ty, unions).is_some())
}

/// A struct with duplicate properties (see [`duplicates`]) or a union field is decoded by a
/// `Deserialize` that `deserialize.rs` writes from its [`Merge`]; returns the deprecated accessors
/// named after the duplicates, if any. Of a duplicate pair it
/// keeps only the primary field; the duplicate is read as raw JSON (not decoded), and only when the
/// primary has not been read yet; it is decoded only when the primary is absent. A deprecated
/// method named after the duplicate returns the primary, so old code still compiles. On a failure
/// the rest of the object is read (`lenient::drained`), so that serde_json places every failure of
/// a union at the object's end (see `models/src/error_path.rs`).
fn merge_duplicates(
    s: &mut syn::ItemStruct,
    pairs: &[(String, String)],
) -> anyhow::Result<Option<Item>> {
    let name = s.ident.clone();
    let Fields::Named(public) = &mut s.fields else {
        anyhow::bail!("{name}: expected named fields");
    };
    let mut accessors = Vec::new();
    for (primary, duplicate) in pairs {
        let Some(ty) = public
            .named
            .iter()
            .find(|f| f.ident.as_ref().is_some_and(|i| i == primary))
            .map(|f| f.ty.clone())
        else {
            anyhow::bail!("{name} has no field `{primary}`");
        };
        let inner = option_inner(&ty)
            .ok_or_else(|| anyhow::anyhow!("{name}.{primary} is not an `Option`"))?;
        public
            .named
            .retain(|f| f.ident.as_ref().is_none_or(|i| i != duplicate));
        let (primary_ident, duplicate_ident) =
            (format_ident!("{primary}"), format_ident!("{duplicate}"));
        let note = format!(
            "Spotify renamed `{duplicate}` to `{primary}` in February 2026 and sends both with \
                the same value: use `{primary}`"
        );
        accessors.push(quote! {
            #[deprecated(note = #note)]
            pub fn #duplicate_ident(&self) -> ::std::option::Option<&#inner> {
                self.#primary_ident.as_ref()
            }
        });
    }
    Ok((!accessors.is_empty()).then(|| {
        parse_quote! {
            impl #name {
                #(#accessors)*
            }
        }
    }))
}

/// How `deserialize.rs` decodes a struct of [`merge_duplicates`].
pub struct Merge {
    /// (primary field, duplicate property) pairs; the duplicate is not a field of the struct.
    pub duplicates: Vec<(String, String)>,
}

/// `T` of `::std::option::Option<T>`.
pub(crate) fn option_inner(ty: &syn::Type) -> Option<syn::Type> {
    generic_inner(ty, "Option")
}

/// `T` of `::std::vec::Vec<T>`.
fn vec_inner(ty: &syn::Type) -> Option<syn::Type> {
    generic_inner(ty, "Vec")
}

/// `T` of `outer<T>`.
fn generic_inner(ty: &syn::Type, outer: &str) -> Option<syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != outer {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner.clone()),
        _ => None,
    }
}

fn is_string_enum(e: &ItemEnum) -> bool {
    e.variants.iter().all(|v| matches!(v.fields, Fields::Unit)) && derives(&e.attrs, "Deserialize")
}

/// Opens a string enum (see the module docs) and returns the items it needs: the matcher and the
/// `Deserialize` impl. The `Serialize` derive stays, so values serialize as the spec spells them.
fn open_enum(e: &mut ItemEnum) -> Vec<Item> {
    drop_derives(e, &["Copy", "Deserialize"]);
    let name = e.ident.clone();
    let mut exact = Vec::new();
    let mut folded = Vec::new();
    for variant in &e.variants {
        let ident = &variant.ident;
        let wire = serde_rename(&variant.attrs).unwrap_or_else(|| ident.to_string());
        exact.push(quote!(#wire => Self::#ident,));
        folded.push(quote!(_ if value.eq_ignore_ascii_case(#wire) => Self::#ident,));
    }
    e.variants.push(parse_quote! {
        /// A value this version of the spec does not list, kept as Spotify sent it.
        #[serde(untagged)]
        Unknown(::std::string::String)
    });
    // A later spec may list a value that is `Unknown` today: a match needs a wildcard arm.
    e.attrs.push(parse_quote!(#[non_exhaustive]));
    vec![
        parse_quote! {
            impl #name {
                /// The listed variant spelled `value`, in any letter case (Spotify sends `ALBUM` as
                /// well as `album`).
                fn known(value: &str) -> ::std::option::Option<Self> {
                    ::std::option::Option::Some(match value {
                        #(#exact)*
                        #(#folded)*
                        _ => return ::std::option::Option::None,
                    })
                }
            }
        },
        parse_quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
                where
                    D: ::serde::Deserializer<'de>,
                {
                    crate::lenient::open_enum(deserializer, Self::known, Self::Unknown)
                }
            }
        },
    ]
}

/// Turns a discriminated union into its lenient form (see the module docs). Returns its
/// `Deserialize` impl and the variant renames (old, new), or `None` for any other enum.
fn tagged_union(
    e: &mut ItemEnum,
    discriminators: &Discriminators,
    shapes: &Shapes,
) -> Option<(Item, Vec<(String, String)>)> {
    let is_untagged = e.attrs.iter().any(|a| is_serde_attr(a, "untagged"));
    if !is_untagged || !derives(&e.attrs, "Deserialize") {
        return None;
    }
    let mut property = None;
    let mut tags = Vec::new();
    for variant in &e.variants {
        let (prop, tag) = discriminators.get(&variant.ident.to_string())?;
        if *property.get_or_insert(prop) != prop {
            return None;
        }
        tags.push(tag.clone());
    }
    let property = property?;
    // Serialize stays untagged: the inner struct writes its own tag property.
    drop_derives(e, &["Deserialize"]);
    let first = speculate(e.variants.first()?, &tags, property, shapes);
    let mut renamed = Vec::new();
    let mut arms: Vec<TokenStream> = Vec::new();
    for (variant, tag) in e.variants.iter_mut().zip(&tags) {
        let new = format_ident!("{}", tag.to_upper_camel_case());
        renamed.push((variant.ident.to_string(), new.to_string()));
        variant.ident = new.clone();
        arms.push(quote!(::std::option::Option::Some(#tag) => item.decode().map(Self::#new),));
    }
    let doc = format!(
        "An object whose `{property}` this version of the spec does not list (or that says it is \
         shaped as another kind), kept as raw JSON."
    );
    e.variants.push(parse_quote! {
        #[doc = #doc]
        Unknown(::serde_json::Value)
    });
    e.attrs.push(parse_quote!(#[non_exhaustive]));
    let name = &e.ident;
    let impl_item = parse_quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let kinds = &[#(#tags),*];
                let item = crate::lenient::Tagged::capture(deserializer)?;
                #first
                match item.kind(#property, kinds)? {
                    #(#arms)*
                    _ => item.decode().map(Self::Unknown),
                }
            }
        }
    };
    Some((impl_item, renamed))
}

/// Each struct's fields: (name in JSON, field ident, type as text).
type Shapes = HashMap<String, Vec<(String, syn::Ident, String)>>;

fn struct_fields(types: &[Item]) -> Shapes {
    let mut shapes = Shapes::new();
    for item in types {
        let Item::Struct(s) = item else { continue };
        let fields = s.fields.iter().filter_map(|field| {
            let ident = field.ident.clone()?;
            let renamed = field.attrs.iter().find_map(|a| {
                let text = quote!(#a).to_string();
                let rest = text.split_once("rename = \"")?.1;
                Some(rest.split_once('"')?.0.to_string())
            });
            let ty = &field.ty;
            let ty = quote!(#ty).to_string().replace(' ', "");
            Some((renamed.unwrap_or_else(|| ident.to_string()), ident, ty))
        });
        shapes.insert(s.ident.to_string(), fields.collect());
    }
    shapes
}

/// The fast way for a union's first kind (a track, in playlists almost every item): decode the
/// object as that kind at once and keep it if its tag says so and no flag names another kind
/// (`"episode": true`); anything else goes the careful way, tag first. Nothing when the struct has
/// no plain tag field to check.
fn speculate(
    first: &syn::Variant,
    tags: &[String],
    property: &str,
    shapes: &Shapes,
) -> Option<TokenStream> {
    let struct_name = first.ident.to_string();
    let fields = shapes.get(&struct_name)?;
    let (_, tag_field, tag_type) = fields.iter().find(|(json, _, _)| json == property)?;
    if tag_type.starts_with("::std::option::Option<") {
        return None;
    }
    let tag = &tags[0];
    let flags = fields
        .iter()
        .filter(|(json, _, ty)| tags[1..].contains(json) && ty == "::std::option::Option<bool>")
        .map(|(_, ident, _)| quote!(&& value.#ident != ::std::option::Option::Some(true)));
    let ty = format_ident!("{struct_name}");
    let variant = format_ident!("{}", tag.to_upper_camel_case());
    // The tag's open enum (`open_enum`) names its variant for `tag`; comparing variants, not
    // `to_string()`s, allocates nothing per item.
    let tag_type: syn::Type = syn::parse_str(tag_type).ok()?;
    Some(quote! {
        let confirmed = |value: &#ty| {
            #tag_type::known(#tag).as_ref() == ::std::option::Option::Some(&value.#tag_field)
                #(#flags)*
        };
        if let ::std::option::Option::Some(value) = item.decode_if(confirmed) {
            return ::std::result::Result::Ok(Self::#variant(value));
        }
    })
}

/// Field rules: integer fields (`i64`, `Option<i64>`, and the field of an `i64` newtype) decode
/// through `crate::lenient::int` / `option_int`; list fields accept `null` and absence as empty
/// (`crate::lenient::vec_or_null`: Spotify sends `"images": null` for a playlist without images,
/// and older answers leave out lists it added later, such as a simplified album's `artists`).
fn lenient_fields(s: &mut syn::ItemStruct) {
    for field in s.fields.iter_mut() {
        let ty = &field.ty;
        let text = quote!(#ty).to_string().replace(' ', "");
        let helper = if text == "i64" {
            "crate::lenient::int"
        } else if text == "::std::option::Option<i64>" {
            "crate::lenient::option_int"
        } else if text.starts_with("::std::vec::Vec<") {
            "crate::lenient::vec_or_null"
        } else {
            continue;
        };
        // A field that may be absent needs `default` once it has a `deserialize_with`: optional
        // `Option`s (serde defaults them only without one) and every list (an absent list is
        // empty, whatever the spec says). A required `Option` (present, possibly null) has a
        // `deserialize_with` of its own to replace.
        let had_default = field.attrs.iter().any(|a| is_serde_attr(a, "default"));
        let required_option = field
            .attrs
            .iter()
            .any(|a| is_serde_attr(a, "deserialize_with"));
        field
            .attrs
            .retain(|a| !is_serde_attr(a, "deserialize_with"));
        for attr in field
            .attrs
            .iter_mut()
            .filter(|a| is_serde_attr(a, "default"))
        {
            remove_serde_word(attr, "default");
        }
        let optional_option = helper.ends_with("option_int") && !required_option;
        let list = helper.ends_with("vec_or_null");
        if had_default || optional_option || list {
            field
                .attrs
                .push(parse_quote!(#[serde(default, deserialize_with = #helper)]));
        } else {
            field
                .attrs
                .push(parse_quote!(#[serde(deserialize_with = #helper)]));
        }
    }
}

/// Removes the bare word `word` from a `#[serde(..)]` attribute (`default, skip_serializing_if =
/// ".."` -> `skip_serializing_if = ".."`), keeping the rest.
fn remove_serde_word(attr: &mut syn::Attribute, word: &str) {
    let Ok(metas) = serde_metas(attr) else {
        return;
    };
    let kept: Vec<_> = metas
        .into_iter()
        .filter(|m| !matches!(m, syn::Meta::Path(p) if p.is_ident(word)))
        .collect();
    *attr = parse_quote!(#[serde(#(#kept),*)]);
}

/// The comma-separated items of a `#[serde(..)]` attribute (`default`, `rename = ".."`, ...).
pub(crate) fn serde_metas(
    attr: &syn::Attribute,
) -> syn::Result<syn::punctuated::Punctuated<syn::Meta, syn::Token![,]>> {
    attr.parse_args_with(syn::punctuated::Punctuated::parse_terminated)
}

/// Adapts the impls typify writes for an enum we changed: `Display` and `FromStr` of open enums
/// handle `Unknown`, and paths to renamed union variants follow the rename.
fn fix_impl(imp: &mut syn::ItemImpl, renames: &HashMap<String, Vec<(String, String)>>) {
    let syn::Type::Path(self_ty) = &*imp.self_ty else {
        return;
    };
    let Some(type_name) = self_ty.path.segments.last().map(|s| s.ident.to_string()) else {
        return;
    };
    let trait_name = imp
        .trait_
        .as_ref()
        .and_then(|(p, _)| p.segments.last())
        .map(|s| s.ident.to_string());
    if let Some(renamed) = renames.get(&type_name) {
        RenameVariants(renamed).visit_item_impl_mut(imp);
        return;
    }
    match trait_name.as_deref() {
        Some("Display") if has_unit_match(imp) => {
            let arm: syn::Arm = parse_quote!(Self::Unknown(ref value) => f.write_str(value),);
            add_arm(imp, arm);
        }
        Some("FromStr") if has_unit_match(imp) => {
            for item in imp.items.iter_mut() {
                if let syn::ImplItem::Fn(f) = item {
                    f.block = parse_quote!({
                        ::std::result::Result::Ok(
                            Self::known(value).unwrap_or_else(|| Self::Unknown(value.to_string())),
                        )
                    });
                }
            }
        }
        _ => {}
    }
}

/// Whether the impl matches over `Self::Variant` unit paths (typify's `Display`/`FromStr` of string
/// enums), as opposed to a newtype's delegating impl.
fn has_unit_match(imp: &syn::ItemImpl) -> bool {
    quote!(#imp).to_string().contains("match")
}

struct RenameVariants<'a>(&'a [(String, String)]);

impl VisitMut for RenameVariants<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.segments.len() == 2 && path.segments[0].ident == "Self" {
            let last = &mut path.segments[1].ident;
            if let Some((_, new)) = self.0.iter().find(|(old, _)| last == old) {
                *last = format_ident!("{new}");
            }
        }
        syn::visit_mut::visit_path_mut(self, path);
    }
}

/// Adds `arm` to the (single) `match` in the impl's method.
fn add_arm(imp: &mut syn::ItemImpl, arm: syn::Arm) {
    struct AddArm(Option<syn::Arm>);
    impl VisitMut for AddArm {
        fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
            if let Some(arm) = self.0.take() {
                m.arms.push(arm);
            }
        }
    }
    AddArm(Some(arm)).visit_item_impl_mut(imp);
}

/// The value of `#[serde(rename = "...")]` among `attrs`.
pub(crate) fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        if !attr.path().is_ident("serde") {
            return None;
        }
        let mut rename = None;
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
        rename
    })
}

pub(crate) fn is_serde_attr(attr: &syn::Attribute, word: &str) -> bool {
    attr.path().is_ident("serde") && quote!(#attr).to_string().contains(word)
}

/// Whether `attrs` derive `name` (an enum's or a struct's).
pub(crate) fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("derive") && quote!(#a).to_string().contains(name))
}

pub(crate) fn drop_struct_derive(s: &mut syn::ItemStruct, name: &str) {
    drop_derives_in(&mut s.attrs, &[name]);
}

/// Removes derives by their last path segment (`Copy` cannot hold the `String` of an unknown
/// value; `Deserialize` is replaced by a generated impl).
fn drop_derives(e: &mut ItemEnum, names: &[&str]) {
    drop_derives_in(&mut e.attrs, names);
}

pub(crate) fn drop_derives_in(attrs: &mut [syn::Attribute], names: &[&str]) {
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        let kept: Vec<_> = paths
            .into_iter()
            .filter(|p| {
                !p.segments
                    .last()
                    .is_some_and(|s| names.iter().any(|n| s.ident == n))
            })
            .collect();
        *attr = parse_quote!(#[derive(#(#kept),*)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn types(items: TokenStream) -> syn::File {
        parse_quote!(pub mod types { #items })
    }

    fn text(file: &syn::File) -> String {
        prettyplease::unparse(file)
    }

    #[test]
    fn reads_tag_values_through_all_of() {
        let spec = json!({
            "components": {"schemas": {
                "Holder": {"properties": {"item": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/T"},
                        {"$ref": "#/components/schemas/E"}
                    ],
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
    fn string_enums_become_open_and_case_insensitive_without_a_derived_deserialize() {
        let mut file = types(quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Copy, Debug)]
            pub enum Kind { #[serde(rename = "album")] Album }
            impl ::std::fmt::Display for Kind {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match *self { Self::Album => f.write_str("album") }
                }
            }
            impl ::std::str::FromStr for Kind {
                type Err = String;
                fn from_str(value: &str) -> Result<Self, String> {
                    match value { "album" => Ok(Self::Album), _ => Err("invalid value".into()) }
                }
            }
        });
        apply(&mut file, &Facts::default()).unwrap();
        let text = text(&file);
        assert!(text.contains("Unknown(::std::string::String)"), "{text}");
        assert!(text.contains("#[non_exhaustive]"), "{text}");
        assert!(
            !text.contains("Copy") && !text.contains("::serde::Deserialize,"),
            "{text}"
        );
        assert!(text.contains("\"album\" => Self::Album"), "{text}");
        assert!(
            text.contains("value.eq_ignore_ascii_case(\"album\")"),
            "{text}"
        );
        assert!(
            text.contains("crate::lenient::open_enum(deserializer, Self::known, Self::Unknown)")
        );
        assert!(
            text.contains("Self::Unknown(ref value) => f.write_str(value)"),
            "{text}"
        );
        assert!(text.contains("Self::known(value)"), "{text}");
        assert!(!text.contains("invalid value"), "{text}");
    }

    #[test]
    fn discriminated_unions_are_decoded_by_tag_with_variants_named_after_it() {
        let mut file = types(quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize)]
            #[serde(untagged)]
            pub enum Item { TrackObject(TrackObject), EpisodeObject(EpisodeObject) }
            impl ::std::convert::From<TrackObject> for Item {
                fn from(value: TrackObject) -> Self { Self::TrackObject(value) }
            }
            #[derive(::serde::Deserialize)]
            #[serde(untagged)]
            pub enum Other { TrackObject(TrackObject), X(X) }
            pub struct TrackObject {
                pub episode: ::std::option::Option<bool>,
                pub name: ::std::string::String,
                #[serde(rename = "type")]
                pub type_: TrackObjectType,
            }
        });
        let mut d = Discriminators::new();
        d.insert("TrackObject".into(), ("type".into(), "track".into()));
        d.insert("EpisodeObject".into(), ("type".into(), "episode".into()));
        let facts = Facts {
            discriminators: d,
            ..Facts::default()
        };
        apply(&mut file, &facts).unwrap();
        let text = text(&file);
        let item = &text[..text.find("pub enum Other").unwrap()];
        assert!(item.contains("Track(TrackObject)") && item.contains("Episode(EpisodeObject)"));
        assert!(item.contains("Unknown(::serde_json::Value)"), "{text}");
        assert!(item.contains("#[non_exhaustive]"), "{text}");
        assert!(item.contains("Self::Track(value)"), "{text}");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("match item.kind(\"type\", kinds)?"), "{flat}");
        // The first kind is decoded at once, kept when its tag and flags confirm it.
        assert!(
            flat.contains(
                "let confirmed = |value: &TrackObject| { \
                 TrackObjectType::known(\"track\").as_ref() == \
                 ::std::option::Option::Some(&value.type_) && value.episode != \
                 ::std::option::Option::Some(true) };"
            ),
            "{flat}"
        );
        assert!(flat.contains("item.decode_if(confirmed)"), "{flat}");
        assert!(
            flat.contains("Some(\"episode\") => { item.decode().map(Self::Episode) }"),
            "{text}"
        );
        // A union with a variant outside the discriminated set is left alone.
        let other = &text[text.find("pub enum Other").unwrap()..];
        let other = &other[..other.find('}').unwrap()];
        assert!(
            other.contains("TrackObject(TrackObject)") && !other.contains("Unknown"),
            "{other}"
        );
    }

    #[test]
    fn integer_fields_accept_integral_floats() {
        let mut file = types(quote! {
            pub struct S {
                pub a: i64,
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                pub b: ::std::option::Option<i64>,
                #[serde(deserialize_with = "::std::option::Option::deserialize")]
                pub c: ::std::option::Option<i64>,
                pub d: f64,
            }
            #[serde(transparent)]
            pub struct Key(pub i64);
        });
        apply(&mut file, &Facts::default()).unwrap();
        let text = text(&file);
        assert!(
            text.contains("#[serde(deserialize_with = \"crate::lenient::int\")]\n        pub a")
        );
        assert!(text.contains(
            "#[serde(default, deserialize_with = \"crate::lenient::option_int\")]\n        pub b"
        ));
        assert!(text.contains(
            "#[serde(deserialize_with = \"crate::lenient::option_int\")]\n        pub c"
        ));
        assert!(
            !text.contains("::std::option::Option::deserialize"),
            "{text}"
        );
        assert!(
            text.contains("Key(#[serde(deserialize_with = \"crate::lenient::int\")] pub i64)"),
            "{text}"
        );
    }
}
