//! The suite covers the whole surface: every operation of the spec appears in a snapshotted
//! request, and every public method of every resource group has a snapshot. Both read the
//! checked-in `.snap` files (CI also rejects pending and unreferenced ones, so they are exactly
//! what the tests assert).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use spotify_sdk::operations::OPERATIONS;

const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/facade/snapshots");
const RESOURCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../facade/src/resources");

/// Methods that only start a request builder; the builder's own methods have the snapshots.
const ENTRY_POINTS: [(&str, &str); 1] = [("search", "query")];

/// The checked-in snapshots: (name without the `facade__` prefix, JSON body).
fn snapshots() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(SNAPSHOTS).expect("the snapshots folder") {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".snap") else {
            continue;
        };
        let text = fs::read_to_string(&path).unwrap();
        // `---` header `---` body
        let body = text
            .splitn(3, "---\n")
            .nth(2)
            .unwrap_or_else(|| panic!("{name}: no snapshot body"));
        let json = serde_json::from_str(body).unwrap_or_else(|e| panic!("{name}: {e}"));
        let stem = stem.strip_prefix("facade__").unwrap_or(stem);
        out.push((stem.to_string(), json));
    }
    assert!(!out.is_empty(), "no snapshots in {SNAPSHOTS}");
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_operation_is_snapshotted() {
    let mut seen = BTreeSet::new();
    for (name, json) in snapshots() {
        for request in json["requests"].as_array().into_iter().flatten() {
            match request["operation"].as_str() {
                Some(op) => {
                    seen.insert(op.to_string());
                }
                None => panic!("{name}: a request matched no operation of the spec: {request}"),
            }
        }
    }
    let known: BTreeSet<String> = OPERATIONS.iter().map(|op| op.id.to_string()).collect();
    let missing: Vec<_> = known.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "{} of {} operations appear in no snapshot (add a facade method and its snapshot): {missing:#?}",
        missing.len(),
        known.len()
    );
    let unknown: Vec<_> = seen.difference(&known).collect();
    assert!(
        unknown.is_empty(),
        "snapshots name operations the spec no longer has: {unknown:#?}"
    );
}

#[test]
fn every_method_is_snapshotted() {
    let names: Vec<String> = snapshots().into_iter().map(|(name, _)| name).collect();
    let methods = methods();
    assert!(
        methods.len() > 100,
        "found only {} methods in {RESOURCES}",
        methods.len()
    );
    let missing: Vec<String> = methods
        .iter()
        .filter(|(group, method)| !ENTRY_POINTS.contains(&(group.as_str(), method.as_str())))
        .map(|(group, method)| format!("{group}__{method}"))
        .filter(|key| {
            !names
                .iter()
                .any(|n| n == key || n.starts_with(&format!("{key}__")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "methods without a snapshot (name it <group>__<method>): {missing:#?}"
    );
}

/// Every public method of the resource groups as (group, method): those of the `impl` blocks of
/// borrowing types (the groups, `impl Browse<'_>`, and search's request builder, `impl<'a>
/// SearchRequest<'a>`), except setters returning `Self`. Trait impls and option structs are not
/// methods of a group. The catalog kinds (`catalog.rs`) share generic impls: a method of
/// `impl<K: InMarket> Catalog<'_, K>` is a method of every group whose kind implements `InMarket`.
fn methods() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for path in rust_files(Path::new(RESOURCES)) {
        let relative = path.strip_prefix(RESOURCES).unwrap();
        let group = relative
            .iter()
            .next()
            .unwrap()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        if group == "mod" {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        if group == "catalog" {
            out.extend(catalog_methods(&text));
            continue;
        }
        for (header, method) in impl_methods(&text) {
            if header.contains("<'_>") || header.contains("<'a>") || header.contains("Catalog<'_") {
                out.insert((group.clone(), method));
            }
        }
    }
    out
}

/// The catalog's methods, per group: `Albums = Catalog<Album> => albums,` names the group of a
/// kind; its traits are the flags of its row of the `kinds!` table (`..., in_market, images;`)
/// or, for a kind written out, `impl InMarket for Show {}`.
fn catalog_methods(text: &str) -> BTreeSet<(String, String)> {
    let mut groups = Vec::new();
    let mut traits: Vec<(String, String)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some((kind, method)) = line
            .split_once(" = Catalog<")
            .and_then(|(_, rest)| rest.split_once("> => "))
        {
            groups.push((kind.to_string(), method.trim_end_matches(',').to_string()));
        }
        if let Some((name, kind)) = line
            .strip_prefix("impl ")
            .and_then(|rest| rest.split_once(" for "))
        {
            traits.push((
                name.to_string(),
                kind.trim_end_matches(" {}")
                    .trim_end_matches(" {")
                    .to_string(),
            ));
        }
    }
    traits.extend(table_traits(text));
    assert!(
        groups.len() >= 7,
        "found only {} catalog groups",
        groups.len()
    );
    let mut out = BTreeSet::new();
    for (header, method) in impl_methods(text) {
        let bound = header
            .strip_prefix("impl<K: ")
            .or_else(|| header.strip_prefix("impl<'a, K: "))
            .and_then(|rest| rest.split_once('>'))
            .map(|(bound, _)| bound.to_string());
        for (kind, group) in &groups {
            let applies = match &bound {
                Some(bound) => traits.iter().any(|(t, k)| t == bound && k == kind),
                None => header.contains(&format!("Catalog<'_, {kind}>")),
            };
            if applies {
                out.insert((group.clone(), method.clone()));
            }
        }
    }
    out
}

/// The (trait, kind) pairs of the `kinds! { Album: ... (20), in_market, images; ... }` table.
fn table_traits(text: &str) -> Vec<(String, String)> {
    let table = text
        .split_once("\nkinds! {\n")
        .and_then(|(_, rest)| rest.split_once("\n}\n"))
        .map(|(table, _)| table)
        .expect("the kinds! table in catalog.rs");
    let mut out = Vec::new();
    for row in table.split(';').filter(|row| !row.trim().is_empty()) {
        let (kind, rest) = row.split_once(':').expect("`Kind: ...`");
        let (_, flags) = rest.rsplit_once(')').expect("`(chunk), flags`");
        for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            let name = match flag {
                "in_market" => "InMarket",
                "images" => "WithImages",
                other => panic!("unknown flag {other} in the kinds! table"),
            };
            out.push((name.to_string(), kind.trim().to_string()));
        }
    }
    assert!(out.len() >= 8, "read only {out:?} from the kinds! table");
    out
}

/// Every public method of the inherent `impl` blocks of a file that does not return `Self`, with
/// the `impl` line it is in.
fn impl_methods(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut header: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("impl") && !line.contains(" for ") {
            header = Some(line);
        } else if *line == "}" {
            header = None;
        } else if let Some(header) = header {
            let trimmed = line.trim_start();
            let rest = trimmed
                .strip_prefix("pub async fn ")
                .or_else(|| trimmed.strip_prefix("pub fn "));
            let Some(name) = rest.and_then(|r| r.split(['(', '<']).next()) else {
                continue;
            };
            // The signature runs to the line that opens the body.
            let signature: String = lines[i..]
                .iter()
                .take_while(|l| !l.ends_with('{'))
                .chain(lines[i..].iter().find(|l| l.ends_with('{')))
                .copied()
                .collect();
            if !signature.contains("-> Self") {
                out.push((header.to_string(), name.to_string()));
            }
        }
    }
    out
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}
