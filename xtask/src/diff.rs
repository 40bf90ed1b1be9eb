//! `cargo xtask diff OLD NEW`: what a new spec changes, as Markdown, before anything is
//! regenerated: operations added, removed and newly deprecated; parameters added, removed or
//! changed; schemas and their properties added, removed or retyped; enum values added or removed.
//! What breaks code using the facade is marked **breaking**; new operations without a facade method
//! (per `facade/OPERATIONS.md`) are listed as work to do.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

const BREAKING: &str = " **breaking**";

/// Reads both specs and the facade's operation table under `root`, and returns the report.
pub fn run(root: &Path, old: &Path, new: &Path) -> Result<String> {
    let load = |path: &Path| -> Result<Value> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        serde_yaml_ng::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    };
    let operations_md = root.join("facade/OPERATIONS.md");
    let facade = std::fs::read_to_string(&operations_md)
        .with_context(|| format!("reading {}", operations_md.display()))?;
    Ok(report(
        &load(old)?,
        &load(new)?,
        &facade_operations(&facade),
        (&old.display().to_string(), &new.display().to_string()),
    ))
}

/// The operation ids of the first column of `facade/OPERATIONS.md`'s table.
fn facade_operations(markdown: &str) -> BTreeSet<String> {
    markdown
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// One operation: method, path, whether deprecated, and its parameters (`in:name` -> description).
struct Operation {
    method: String,
    path: String,
    deprecated: bool,
    parameters: BTreeMap<String, String>,
}

fn operations(spec: &Value) -> BTreeMap<String, Operation> {
    let mut out = BTreeMap::new();
    let Some(paths) = spec["paths"].as_object() else {
        return out;
    };
    for (path, item) in paths {
        let shared = item["parameters"].as_array().cloned().unwrap_or_default();
        for method in ["get", "put", "post", "delete", "patch"] {
            let op = &item[method];
            let Some(id) = op["operationId"].as_str() else {
                continue;
            };
            let own = op["parameters"].as_array().cloned().unwrap_or_default();
            let parameters = shared
                .iter()
                .chain(&own)
                .map(|p| resolve(spec, p))
                .filter_map(|p| {
                    let name = p["name"].as_str()?;
                    let place = p["in"].as_str().unwrap_or("?");
                    let required = if p["required"] == Value::Bool(true) {
                        "required"
                    } else {
                        "optional"
                    };
                    let description = format!("{place}, {required}, {}", shape(&p["schema"]));
                    Some((format!("{place}:{name}"), description))
                })
                .collect();
            out.insert(
                id.to_string(),
                Operation {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    deprecated: op["deprecated"] == Value::Bool(true),
                    parameters,
                },
            );
        }
    }
    out
}

/// `value`, or what its `$ref` points at.
fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    value["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| spec.pointer(pointer))
        .unwrap_or(value)
}

/// A schema in a few words: `string`, `integer`, `array of TrackObject`, `TrackObject`, with
/// `nullable` when it is.
fn shape(schema: &Value) -> String {
    let nullable = if schema["nullable"] == Value::Bool(true) {
        " (nullable)"
    } else {
        ""
    };
    let base = if let Some(name) = schema["$ref"].as_str() {
        name.rsplit('/').next().unwrap_or(name).to_string()
    } else if let Some(parts) = schema["allOf"].as_array().filter(|p| p.len() == 1) {
        shape(&parts[0])
    } else if schema["type"] == "array" {
        format!("array of {}", shape(&schema["items"]))
    } else if let Some(kind) = schema["type"].as_str() {
        kind.to_string()
    } else if schema["oneOf"].is_array() {
        "one of several".to_string()
    } else {
        "any".to_string()
    };
    format!("{base}{nullable}")
}

/// Schema -> property -> its shape.
type Properties = BTreeMap<String, BTreeMap<String, String>>;
/// `Schema` or `Schema.property` -> its enum values.
type Enums = BTreeMap<String, Vec<String>>;

/// Every schema's own properties (those of its `allOf` parts included) -> their shape, and every
/// enum (a schema's, or `Schema.property`'s) -> its values.
fn schemas(spec: &Value) -> (Properties, Enums) {
    let mut properties = BTreeMap::new();
    let mut enums = BTreeMap::new();
    let Some(all) = spec["components"]["schemas"].as_object() else {
        return (properties, enums);
    };
    let values = |schema: &Value| -> Option<Vec<String>> {
        let list = schema["enum"]
            .as_array()
            .or_else(|| schema["items"]["enum"].as_array())?;
        Some(
            list.iter()
                .map(|v| v.to_string().trim_matches('"').to_string())
                .collect(),
        )
    };
    for (name, schema) in all {
        if let Some(list) = values(schema) {
            enums.insert(name.clone(), list);
        }
        let parts = schema["allOf"].as_array().cloned().unwrap_or_default();
        let mut own = BTreeMap::new();
        for part in std::iter::once(schema).chain(&parts) {
            for (prop, value) in part["properties"].as_object().into_iter().flatten() {
                own.insert(prop.clone(), shape(value));
                if let Some(list) = values(value) {
                    enums.insert(format!("{name}.{prop}"), list);
                }
            }
        }
        properties.insert(name.clone(), own);
    }
    (properties, enums)
}

/// The report of the changes from `old` to `new`; `facade` is the operations the facade covers,
/// `names` the two specs' names for the heading.
pub fn report(old: &Value, new: &Value, facade: &BTreeSet<String>, names: (&str, &str)) -> String {
    let version = |spec: &Value| spec["info"]["version"].as_str().unwrap_or("?").to_string();
    let mut out = format!(
        "# Spec changes: {} ({}) → {} ({})\n",
        names.0,
        version(old),
        names.1,
        version(new)
    );
    let (before, after) = (operations(old), operations(new));

    let mut lines = Vec::new();
    for (id, op) in &after {
        let endpoint = format!("`{} {}`", op.method, op.path);
        match before.get(id) {
            None => {
                let todo = if facade.contains(id) {
                    ""
                } else {
                    " — no facade method yet"
                };
                lines.push(format!("- added `{id}` {endpoint}{todo}"));
            }
            Some(old) if op.deprecated && !old.deprecated => lines.push(format!(
                "- newly deprecated `{id}` {endpoint}: its facade method should say so and name \
                 the replacement"
            )),
            Some(_) => {}
        }
    }
    for (id, op) in &before {
        if !after.contains_key(id) {
            lines.push(format!(
                "- removed `{id}` `{} {}`{BREAKING}",
                op.method, op.path
            ));
        }
    }
    section(&mut out, "Operations", &lines);

    let mut lines = Vec::new();
    for (id, op) in &after {
        let Some(old) = before.get(id) else { continue };
        for (key, now) in &op.parameters {
            match old.parameters.get(key) {
                None if now.contains("required") => {
                    lines.push(format!("- `{id}`: added `{key}` ({now}){BREAKING}"));
                }
                None => lines.push(format!("- `{id}`: added `{key}` ({now})")),
                Some(was) if was != now => lines.push(format!(
                    "- `{id}`: `{key}` changed from {was} to {now}{BREAKING}"
                )),
                Some(_) => {}
            }
        }
        for key in old.parameters.keys() {
            if !op.parameters.contains_key(key) {
                lines.push(format!("- `{id}`: removed `{key}`{BREAKING}"));
            }
        }
    }
    section(&mut out, "Parameters", &lines);

    let ((props_before, enums_before), (props_after, enums_after)) = (schemas(old), schemas(new));
    let mut lines = Vec::new();
    for (name, props) in &props_after {
        let Some(was) = props_before.get(name) else {
            lines.push(format!("- added schema `{name}`"));
            continue;
        };
        for (prop, now) in props {
            match was.get(prop) {
                None => lines.push(format!("- `{name}`: added `{prop}` ({now})")),
                Some(then) if then != now => lines.push(format!(
                    "- `{name}`: `{prop}` retyped from {then} to {now}{BREAKING}"
                )),
                Some(_) => {}
            }
        }
        for prop in was.keys().filter(|p| !props.contains_key(*p)) {
            lines.push(format!("- `{name}`: removed `{prop}`{BREAKING}"));
        }
    }
    for name in props_before
        .keys()
        .filter(|n| !props_after.contains_key(*n))
    {
        lines.push(format!("- removed schema `{name}`{BREAKING}"));
    }
    section(&mut out, "Schemas and properties", &lines);

    let mut lines = Vec::new();
    for (name, values) in &enums_after {
        let was = enums_before.get(name).cloned().unwrap_or_default();
        let added: Vec<_> = values.iter().filter(|v| !was.contains(v)).collect();
        let removed: Vec<_> = was.iter().filter(|v| !values.contains(v)).collect();
        if !added.is_empty() && !was.is_empty() {
            lines.push(format!("- `{name}`: added {}", quoted(&added)));
        }
        if !removed.is_empty() {
            lines.push(format!(
                "- `{name}`: removed {} (still decoded, as `Unknown`; code matching the variant \
                 stops seeing it){BREAKING}",
                quoted(&removed)
            ));
        }
    }
    section(&mut out, "Enum values", &lines);
    out
}

fn quoted(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn section(out: &mut String, title: &str, lines: &[String]) {
    let _ = writeln!(out, "\n## {title}\n");
    if lines.is_empty() {
        let _ = writeln!(out, "No changes.");
    }
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec(operations: Value, schemas: Value) -> Value {
        json!({"info": {"version": "1"}, "paths": operations, "components": {"schemas": schemas}})
    }

    #[test]
    fn each_kind_of_change_is_reported_and_breaking_ones_marked() {
        let old = spec(
            json!({
                "/a": {"get": {"operationId": "get-a", "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "gone", "in": "query", "schema": {"type": "string"}}
                ]}},
                "/b": {"get": {"operationId": "get-b"}},
                "/c": {"delete": {"operationId": "delete-c"}}
            }),
            json!({
                "Track": {"properties": {
                    "name": {"type": "string"},
                    "old": {"type": "string"},
                    "kind": {"type": "string", "enum": ["a", "b"]}
                }},
                "Old": {"type": "object"}
            }),
        );
        let new = spec(
            json!({
                "/a": {"get": {"operationId": "get-a", "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "string"}},
                    {"name": "market", "in": "query", "schema": {"type": "string"}}
                ]}},
                "/b": {"get": {"operationId": "get-b", "deprecated": true}},
                "/d": {"put": {"operationId": "put-d"}},
                "/e": {"put": {"operationId": "put-e"}}
            }),
            json!({
                "Track": {"allOf": [{"properties": {
                    "name": {"type": "integer"},
                    "item": {"$ref": "#/components/schemas/Item"},
                    "kind": {"type": "string", "enum": ["a", "c"]}
                }}]},
                "Item": {"type": "object"}
            }),
        );
        let facade = BTreeSet::from(["put-e".to_string()]);
        let text = report(&old, &new, &facade, ("old.yml", "new.yml"));
        for expected in [
            "- added `put-d` `PUT /d` — no facade method yet",
            "- added `put-e` `PUT /e`\n",
            "- newly deprecated `get-b` `GET /b`",
            "- removed `delete-c` `DELETE /c` **breaking**",
            "- `get-a`: added `query:market` (query, optional, string)",
            "- `get-a`: `query:limit` changed from query, optional, integer to query, optional, \
             string **breaking**",
            "- `get-a`: removed `query:gone` **breaking**",
            "- added schema `Item`",
            "- removed schema `Old` **breaking**",
            "- `Track`: added `item` (Item)",
            "- `Track`: `name` retyped from string to integer **breaking**",
            "- `Track`: removed `old` **breaking**",
            "- `Track.kind`: added `c`",
            "- `Track.kind`: removed `b`",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
        assert!(
            report(&old, &old, &facade, ("a", "a"))
                .matches("No changes.")
                .count()
                == 4
        );
    }

    /// The history spec from before February 2026 against the locked one (both in `../shared`).
    #[test]
    fn from_2026_02_10_to_the_locked_spec() {
        let root = crate::workspace_root();
        let old = root.join("../shared/openapi/history/fixed-2026.02.10.yml");
        let lock = crate::spec::Lock::load(&root).unwrap();
        let new = root.join(&lock.path);
        if !old.is_file() || !new.is_file() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "the specs of ../shared are missing; CI must run with ../shared beside the checkout"
            );
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "skipped from_2026_02_10_to_the_locked_spec: no {} (see README \"What ../shared \
                 holds\")",
                old.display()
            );
            return;
        }
        let text = run(&root, &old, &new).unwrap();
        // Every operation added, every one newly deprecated and every property added, by name.
        let added = [
            "`add-items-to-playlist` `POST /playlists/{playlist_id}/items`",
            "`check-library-contains` `GET /me/library/contains`",
            "`get-playlists-items` `GET /playlists/{playlist_id}/items`",
            "`remove-items-playlist` `DELETE /playlists/{playlist_id}/items`",
            "`remove-library-items` `DELETE /me/library`",
            "`reorder-or-replace-playlists-items` `PUT /playlists/{playlist_id}/items`",
            "`save-library-items` `PUT /me/library`",
        ];
        let deprecated = [
            "add-tracks-to-playlist",
            "check-current-user-follows",
            "check-if-user-follows-playlist",
            "check-users-saved-albums",
            "check-users-saved-audiobooks",
            "check-users-saved-episodes",
            "check-users-saved-shows",
            "check-users-saved-tracks",
            "follow-artists-users",
            "follow-playlist",
            "get-playlists-tracks",
            "remove-tracks-playlist",
            "reorder-or-replace-playlists-tracks",
            "unfollow-artists-users",
            "unfollow-playlist",
        ];
        let properties = [
            "- `PlaylistObject`: added `items`",
            "- `PlaylistTrackObject`: added `item`",
            "- `PrivateUserObject`: added `account_id`",
            "- `SimplifiedPlaylistObject`: added `items`",
        ];
        for expected in added.iter().map(|op| format!("- added {op}\n")) {
            assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
        }
        for expected in deprecated
            .iter()
            .map(|op| format!("- newly deprecated `{op}` "))
        {
            assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
        }
        for expected in properties {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
        assert_eq!(text.matches("\n- added `").count(), added.len(), "{text}");
        assert_eq!(text.matches("- newly deprecated").count(), 15, "{text}");
        assert!(!text.contains("no facade method yet"), "{text}");
    }
}
