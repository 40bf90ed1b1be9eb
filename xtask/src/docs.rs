//! Rustdoc a user can read: a post-pass over the doc comments progenitor and typify copy from the
//! spec, which are written for Spotify's website. Links relative to that site become absolute,
//! `[DEPRECATED]` stops being a broken link, bare URLs become links, runs of blank lines fold, and
//! a type's doc that only repeats its name (typify's "`ActionsObject`") goes. The client's doc
//! (Spotify's welcome text for the website) is replaced by what the type is.

use syn::visit_mut::VisitMut;
use syn::{Attribute, Expr, ExprLit, Item, Lit, Meta, parse_quote};

const SITE: &str = "https://developer.spotify.com";

/// Applies every rule to `file`; `version` is the spec's `info.version`, named in the client's doc.
pub fn apply(file: &mut syn::File, version: &str) {
    for item in &mut file.items {
        match item {
            Item::Struct(s) if s.ident == "Client" => {
                let doc = format!(
                    "Builds the requests of every operation of Spotify's Web API (spec version \
                     {version}), one method per operation, without sending them: see \
                     [`Request`](crate::Request)."
                );
                s.attrs.retain(|a| !a.path().is_ident("doc"));
                s.attrs.insert(0, parse_quote!(#[doc = #doc]));
            }
            // progenitor re-exports its runtime's types; no generated signature uses them any more.
            Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                u.vis = syn::Visibility::Inherited;
            }
            _ => {}
        }
    }
    Docs.visit_file_mut(file);
}

struct Docs;

impl VisitMut for Docs {
    fn visit_item_mut(&mut self, item: &mut Item) {
        let named = match item {
            Item::Struct(s) => Some((&mut s.attrs, s.ident.to_string())),
            Item::Enum(e) => Some((&mut e.attrs, e.ident.to_string())),
            Item::Type(t) => Some((&mut t.attrs, t.ident.to_string())),
            _ => None,
        };
        if let Some((attrs, name)) = named {
            let repeat = format!("`{name}`");
            attrs.retain(|a| doc_text(a).is_none_or(|text| text.trim() != repeat));
        }
        syn::visit_mut::visit_item_mut(self, item);
    }

    fn visit_attribute_mut(&mut self, attr: &mut Attribute) {
        if let Some(text) = doc_text(attr) {
            let text = readable(&text);
            *attr = parse_quote!(#[doc = #text]);
        }
    }
}

fn doc_text(attr: &Attribute) -> Option<String> {
    match &attr.meta {
        Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

/// One doc comment, rewritten by the rules of the module docs.
pub fn readable(text: &str) -> String {
    let text = text
        .replace("](/", &format!("]({SITE}/"))
        .replace("href=\"/", &format!("href=\"{SITE}/"))
        .replace("[DEPRECATED]", "(deprecated)");
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        let is_bare_url = trimmed.starts_with("https://") && !trimmed.contains(char::is_whitespace);
        out.push(if is_bare_url {
            format!("<{trimmed}>")
        } else {
            line.to_string()
        });
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') && !joined.is_empty() {
        joined.push('\n');
    }
    joined
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn spec_text_becomes_rustdoc() {
        assert_eq!(
            readable("Get Playlist Items [DEPRECATED]\n\n\n\nSee [the guide](/documentation/x).\n"),
            "Get Playlist Items (deprecated)\n\nSee [the guide](https://developer.spotify.com/\
             documentation/x).\n"
        );
        assert_eq!(
            readable("Terms:\n\nhttps://developer.spotify.com/terms/\n\n"),
            "Terms:\n\n<https://developer.spotify.com/terms/>\n"
        );
        assert_eq!(readable("A plain line."), "A plain line.");
    }

    #[test]
    fn a_doc_that_repeats_the_name_goes_and_the_client_says_what_it_is() {
        let mut file: syn::File = syn::parse2(quote! {
            pub use progenitor_client::{Error, ResponseValue};
            /**Client for Spotify Web API with fixes

            Version: 1*/
            pub struct Client;
            pub mod types {
                ///`ActionsObject`
                pub struct ActionsObject;
                ///A track.
                pub struct TrackObject;
            }
        })
        .unwrap();
        apply(&mut file, "2026.5.31");
        let text = prettyplease::unparse(&file);
        assert!(text.starts_with("use progenitor_client"), "{text}");
        assert!(
            text.contains("every operation of Spotify's Web API (spec version 2026.5.31)"),
            "{text}"
        );
        assert!(!text.contains("fixes"), "{text}");
        assert!(!text.contains("`ActionsObject`"), "{text}");
        assert!(text.contains("A track."), "{text}");
    }
}
