//! The blocking client's methods, generated from the async ones (`facade/src/resources/`) so that
//! every endpoint is written once and the twins cannot drift: `cargo xtask gen` writes
//! `facade/gen/twins.rs` (included by `facade/src/blocking/mod.rs`: generated code is kept out of
//! the handwritten `src/`), `--check` fails when it is stale.
//!
//! Every `pub` method of a resource group (a `group!` type) or of a request builder listed in
//! [`BUILDERS`] gets a twin on `Blocking<'a, T>`, with the same arguments and attributes (docs
//! replaced by a link to the async method):
//!
//! - `async fn` → the same result, awaited on the blocking client's runtime;
//! - `fn .. -> Paginator<M>` → `PageIter<M>`, an iterator;
//! - `fn .. -> Self` and `fn .. -> Builder<'a>` (a builder of [`BUILDERS`]) → its blocking twin.
//!
//! A method of any other shape is an error, so a new kind of method is twinned on purpose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;
use syn::{FnArg, ImplItem, Item, ReturnType, Type, parse_quote};

use crate::generate::Output;

/// Where the resources are, and where the twins go.
const RESOURCES: &str = "facade/src/resources";
pub const OUTPUT: &str = "facade/gen/twins.rs";

/// Request builders returned by group methods, twinned like the groups.
const BUILDERS: &[&str] = &["SearchRequest"];

/// Generic groups, whose impls (generic, or for one kind) are twinned with their generics.
const GENERIC_GROUPS: &[&str] = &["Catalog"];

/// Names every resource file may use without importing them.
const PRELUDE: &[&str] = &[
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
    "Self",
    "str",
    "bool",
    "u8",
    "u16",
    "u32",
    "u64",
    "i32",
    "i64",
    "f64",
    "usize",
    "Into",
    "IntoIterator",
    "AsRef",
];

/// The twins file, generated from the resource files under `root`.
pub fn output(root: &Path, header: &str) -> Result<Output> {
    let mut files = Vec::new();
    collect(&root.join(RESOURCES), &mut files)?;
    files.sort();
    let mut parsed = Vec::new();
    for path in &files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let file = syn::parse_file(&text).with_context(|| format!("parsing {}", path.display()))?;
        parsed.push((path, module_path(root, path)?, file));
    }
    // A group's methods may be in other files than its `group!` (`playlists/edit.rs`).
    let mut groups = BTreeSet::new();
    for (_, module, file) in &parsed {
        groups.extend(Names::of(file, module).groups);
    }
    let mut impls = Vec::new();
    for (path, module, file) in &parsed {
        impls.extend(
            twins(file, module, &groups).with_context(|| format!("in {}", path.display()))?,
        );
    }
    // Included into `mod twins` of `blocking/mod.rs`, which holds its imports and attributes.
    let file: syn::File = parse_quote! {
        #(#impls)*
    };
    Ok(Output {
        path: OUTPUT,
        contents: format!("{header}{}", prettyplease::unparse(&file)),
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// `crate::resources::playlists` for `facade/src/resources/playlists/edit.rs`'s parent module
/// `playlists::edit` (`mod.rs` files name their directory).
fn module_path(root: &Path, path: &Path) -> Result<Vec<String>> {
    let relative = path.strip_prefix(root.join("facade/src"))?;
    let mut segments: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    Ok(segments)
}

/// The twin impls of one resource file.
fn twins(
    file: &syn::File,
    module: &[String],
    groups: &BTreeSet<String>,
) -> Result<Vec<syn::ItemImpl>> {
    let names = Names::of(file, module);
    let mut out = Vec::new();
    for item in &file.items {
        let Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        let Some(type_name) = type_name(&imp.self_ty) else {
            continue;
        };
        let twinned = groups.contains(&type_name)
            || BUILDERS.contains(&type_name.as_str())
            || GENERIC_GROUPS.contains(&type_name.as_str());
        if !twinned {
            continue;
        }
        let path = names.absolute(&type_name);
        let (generics, self_ty) = twin_header(imp, &names);
        let mut methods = Vec::new();
        for item in &imp.items {
            let ImplItem::Fn(f) = item else { continue };
            if !matches!(f.vis, syn::Visibility::Public(_)) {
                continue;
            }
            methods.push(twin(f, &type_name, &path, &names)?);
        }
        if !methods.is_empty() {
            let mut generics = generics;
            let has_a = generics.lifetimes().any(|l| l.lifetime.ident == "a");
            if !has_a {
                generics.params.insert(0, parse_quote!('a));
            }
            let (params, _, where_clause) = generics.split_for_impl();
            out.push(parse_quote! {
                impl #params Blocking<'a, #self_ty> #where_clause {
                    #(#methods)*
                }
            });
        }
    }
    Ok(out)
}

/// The twin impl's generics (the group impl's own, names made absolute) and the type it wraps:
/// the group's type with absolute names and its elided lifetime named `'a`
/// (`Catalog<'_, Album>` → `crate::resources::catalog::Catalog<'a, crate::...::Album>`).
fn twin_header(imp: &syn::ItemImpl, names: &Names) -> (syn::Generics, Type) {
    struct NameLifetimes;
    impl VisitMut for NameLifetimes {
        fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
            if lifetime.ident == "_" {
                *lifetime = parse_quote!('a);
            }
        }
    }
    let mut generics = imp.generics.clone();
    Qualify(names).visit_generics_mut(&mut generics);
    let mut self_ty = (*imp.self_ty).clone();
    names.qualify(&mut self_ty);
    NameLifetimes.visit_type_mut(&mut self_ty);
    (generics, self_ty)
}

fn twin(
    f: &syn::ImplItemFn,
    type_name: &str,
    type_path: &syn::Path,
    names: &Names,
) -> Result<syn::ImplItemFn> {
    let name = &f.sig.ident;
    let mut sig = f.sig.clone();
    sig.asyncness = None;
    names.qualify_signature(&mut sig);
    // `mut self` in a builder setter mutates its own copy; the twin passes it on.
    for input in sig.inputs.iter_mut() {
        if let FnArg::Receiver(receiver) = input
            && matches!(receiver.kind, syn::ReceiverKind::Value)
        {
            receiver.mutability = None;
        }
    }
    let args: Vec<_> = f
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(arg) => Some(&arg.pat),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let call = quote!(self.inner.#name(#(#args),*));
    let output = match &f.sig.output {
        ReturnType::Type(_, ty) => (**ty).clone(),
        ReturnType::Default => bail!("{type_name}::{name} returns nothing"),
    };
    let returned = type_name_of(&output);
    let body: syn::Block = if f.sig.asyncness.is_some() {
        parse_quote!({ self.runtime.run(#call) })
    } else if returned.as_deref() == Some("Paginator") {
        let mut model = paginator_model(&output)
            .with_context(|| format!("{type_name}::{name}: Paginator without a model"))?;
        names.qualify(&mut model);
        sig.output = parse_quote!(-> PageIter<#model>);
        parse_quote!({ self.runtime.iter(#call) })
    } else if returned.as_deref() == Some("Self") {
        parse_quote!({ Blocking { inner: #call, runtime: self.runtime } })
    } else if let Some(builder) = returned.filter(|r| BUILDERS.contains(&r.as_str())) {
        let builder = names.absolute(&builder);
        sig.output = parse_quote!(-> Blocking<'a, #builder<'a>>);
        parse_quote!({ Blocking { inner: #call, runtime: self.runtime } })
    } else {
        bail!("{type_name}::{name}: no blocking twin for a method of this shape");
    };
    let doc = format!(
        " Blocking twin of [`{type_name}::{name}`]({}::{name}) (same arguments and result).",
        quote!(#type_path).to_string().replace(' ', "")
    );
    let attrs = f.attrs.iter().filter(|a| !a.path().is_ident("doc"));
    Ok(parse_quote! {
        #[doc = #doc]
        #(#attrs)*
        pub #sig #body
    })
}

/// The last segment of a type's path (`Paginator` of `Paginator<M>`).
fn type_name_of(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn type_name(ty: &Type) -> Option<String> {
    type_name_of(ty)
}

/// `M` of `Paginator<M>`.
fn paginator_model(ty: &Type) -> Option<Type> {
    let Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(model) => Some(model.clone()),
        _ => None,
    }
}

/// What the names of one resource file stand for: its imports, and the items it defines.
struct Names {
    module: Vec<String>,
    imports: BTreeMap<String, syn::Path>,
    local: BTreeSet<String>,
    modules: BTreeSet<String>,
    groups: BTreeSet<String>,
}

impl Names {
    fn of(file: &syn::File, module: &[String]) -> Self {
        let mut names = Names {
            module: module.to_vec(),
            imports: BTreeMap::new(),
            local: BTreeSet::new(),
            modules: BTreeSet::new(),
            groups: BTreeSet::new(),
        };
        // Child modules first: a `use` may name one (`pub use play::Play`).
        for item in &file.items {
            if let Item::Mod(m) = item {
                names.modules.insert(m.ident.to_string());
            }
        }
        for item in &file.items {
            match item {
                // A `pub use` re-exports the name here, where it is public (its own module may
                // not be).
                Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                    names.reexport(&u.tree)
                }
                Item::Use(u) => names.import(&u.tree, Vec::new()),
                Item::Struct(s) => {
                    names.local.insert(s.ident.to_string());
                }
                Item::Enum(e) => {
                    names.local.insert(e.ident.to_string());
                }
                Item::Type(t) => {
                    names.local.insert(t.ident.to_string());
                }
                Item::Trait(t) => {
                    names.local.insert(t.ident.to_string());
                }
                Item::Macro(m) if m.mac.path.is_ident("group") => {
                    // `group! { /// docs \n Albums => albums }` (or `Albums = Catalog<Album> =>
                    // albums, /// docs \n Artists = ...`): the first name after the doc
                    // attributes of each comma-separated entry.
                    let mut entry_start = true;
                    for token in m.mac.tokens.clone() {
                        match token {
                            proc_macro2::TokenTree::Ident(ident) if entry_start => {
                                entry_start = false;
                                names.local.insert(ident.to_string());
                                names.groups.insert(ident.to_string());
                            }
                            proc_macro2::TokenTree::Punct(p) if p.as_char() == ',' => {
                                entry_start = true;
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        names
    }

    /// Records the names a `use` tree brings in, as absolute paths.
    fn import(&mut self, tree: &syn::UseTree, prefix: Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                let mut prefix = prefix;
                prefix.push(p.ident.to_string());
                self.import(&p.tree, prefix);
            }
            syn::UseTree::Name(n) => {
                let mut full = prefix;
                full.push(n.ident.to_string());
                let path = self.resolve(&full);
                self.imports.insert(n.ident.to_string(), path);
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix;
                full.push(r.ident.to_string());
                let path = self.resolve(&full);
                self.imports.insert(r.rename.to_string(), path);
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.import(tree, prefix.clone());
                }
            }
            syn::UseTree::Glob(_) => {}
        }
    }

    /// Records the names a `pub use` tree brings in as names of this module.
    fn reexport(&mut self, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => self.reexport(&p.tree),
            syn::UseTree::Name(n) => {
                self.local.insert(n.ident.to_string());
            }
            syn::UseTree::Rename(r) => {
                self.local.insert(r.rename.to_string());
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.reexport(t)),
            syn::UseTree::Glob(_) => {}
        }
    }

    /// `super::X` and `self::X` relative to this module, as `crate::...`.
    fn resolve(&self, segments: &[String]) -> syn::Path {
        let mut module = self.module.clone();
        let mut rest = segments;
        match segments.first().map(String::as_str) {
            Some("crate") => {
                module.clear();
                rest = &segments[1..];
            }
            Some("super") => {
                while rest.first().is_some_and(|s| s == "super") {
                    module.pop();
                    rest = &rest[1..];
                }
            }
            Some("self") => rest = &segments[1..],
            Some(child) if self.modules.contains(child) => {}
            _ => {
                // An external crate (`futures::..`, `serde::..`).
                let segments = segments.iter().map(|s| format_ident!("{s}"));
                return parse_quote!(::#(#segments)::*);
            }
        }
        let segments = module.iter().chain(rest).map(|s| format_ident!("{s}"));
        parse_quote!(crate::#(#segments)::*)
    }

    /// The absolute path of a name used in this file.
    fn absolute(&self, name: &str) -> syn::Path {
        if let Some(path) = self.imports.get(name) {
            return path.clone();
        }
        self.resolve(&["self".to_string(), name.to_string()])
    }

    /// Rewrites the names of a signature (arguments, result, bounds) into absolute paths, so the
    /// twins file needs no imports.
    fn qualify_signature(&self, sig: &mut syn::Signature) {
        let mut visitor = Qualify(self);
        visitor.visit_signature_mut(sig);
    }

    /// Rewrites the type's names into absolute paths.
    fn qualify(&self, ty: &mut Type) {
        Qualify(self).visit_type_mut(ty);
    }
}

struct Qualify<'n>(&'n Names);

impl VisitMut for Qualify<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        syn::visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_some() {
            return;
        }
        let first = path.segments[0].ident.to_string();
        if PRELUDE.contains(&first.as_str()) || first == "crate" || first == "std" {
            return;
        }
        let names = self.0;
        let known = names.imports.contains_key(&first) || names.local.contains(&first);
        if !known {
            return;
        }
        let mut qualified = names.absolute(&first);
        let last = qualified.segments.len() - 1;
        qualified.segments[last].arguments = path.segments[0].arguments.clone();
        qualified
            .segments
            .extend(path.segments.iter().skip(1).cloned());
        *path = qualified;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn twin_text(source: &str, module: &[&str]) -> Result<String> {
        let file = syn::parse_file(source)?;
        let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
        let impls = twins(&file, &module, &Names::of(&file, &module).groups)?;
        let file: syn::File = parse_quote!(#(#impls)*);
        Ok(prettyplease::unparse(&file))
    }

    #[test]
    fn each_method_shape_gets_its_twin_with_absolute_paths() {
        let text = twin_text(
            r#"
            use super::{group, offset_stream};
            use crate::ids::{AlbumId, IntoId};
            use crate::types::{AlbumObject, PagingSimplifiedTrackObject};
            use crate::{Error, Paginator};
            group! { /// Albums.
                Albums => albums }
            pub struct Options;
            impl Albums<'_> {
                /// One album.
                pub async fn get(&self, id: impl IntoId<AlbumId>) -> Result<AlbumObject, Error> {
                    todo!()
                }
                #[deprecated(note = "old")]
                pub fn tracks(
                    &self,
                    id: impl IntoId<AlbumId>,
                    o: Options,
                ) -> Paginator<PagingSimplifiedTrackObject> {
                    todo!()
                }
                fn private(&self) {}
            }
            "#,
            &["resources", "albums"],
        )
        .unwrap();
        assert!(
            text.contains("impl<'a> Blocking<'a, crate::resources::albums::Albums<'a>>"),
            "{text}"
        );
        assert!(
            text.contains("id: impl crate::ids::IntoId<crate::ids::AlbumId>"),
            "{text}"
        );
        assert!(
            text.contains("-> Result<crate::types::AlbumObject, crate::Error>"),
            "{text}"
        );
        assert!(
            text.contains("self.runtime.run(self.inner.get(id))"),
            "{text}"
        );
        assert!(
            text.contains("o: crate::resources::albums::Options"),
            "{text}"
        );
        assert!(
            text.contains("-> PageIter<crate::types::PagingSimplifiedTrackObject>"),
            "{text}"
        );
        assert!(
            text.contains("self.runtime.iter(self.inner.tracks(id, o))"),
            "{text}"
        );
        assert!(text.contains("#[deprecated(note = \"old\")]"), "{text}");
        assert!(
            text.contains(
                "Blocking twin of [`Albums::get`](crate::resources::albums::Albums::get)"
            ),
            "{text}"
        );
        assert!(
            !text.contains("private") && !text.contains("One album"),
            "{text}"
        );
    }

    #[test]
    fn builders_are_twinned_and_other_shapes_refused() {
        let text = twin_text(
            r#"
            use super::group;
            group! { Search => search }
            pub struct SearchRequest<'a>(&'a ());
            impl<'a> Search<'a> {
                pub fn query(&self, q: impl Into<String>) -> SearchRequest<'a> { todo!() }
            }
            impl<'a> SearchRequest<'a> {
                pub fn market(self, m: impl Into<String>) -> Self { todo!() }
            }
            "#,
            &["resources", "search"],
        )
        .unwrap();
        assert!(
            text.contains("-> Blocking<'a, crate::resources::search::SearchRequest<'a>>"),
            "{text}"
        );
        assert!(
            text.contains("Blocking {\n            inner: self.inner.market(m),"),
            "{text}"
        );

        let err = twin_text(
            "use super::group; group! { A => a } impl A<'_> { pub fn odd(&self) -> u32 { 1 } }",
            &["resources", "a"],
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("A::odd"), "{err}");
    }
}
