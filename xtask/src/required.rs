//! `openapi/required.yml`: the response fields Spotify always sends, which the models expose as
//! plain values (`track.name: String`) instead of `Option`s.
//!
//! The spec's own `required` lists are removed first (`normalize::optional_response_fields`): they
//! are wrong both ways. This file is the one place that decides, grouped by reason, each group with
//! its evidence. A listed field that a response lacks is a decode error naming its JSON path, so a
//! field Spotify stops sending is one line to delete here, then `cargo xtask gen`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::{Value, json};

pub const FILE: &str = "openapi/required.yml";

/// The whole file: groups of fields, each with why they are always sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub groups: Vec<Group>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Why Spotify sends these fields every time.
    pub reason: String,
    /// What shows it: real responses, peer clients' models, the spec's descriptions.
    pub evidence: String,
    /// Schema name -> the fields of that schema that are always sent.
    pub fields: BTreeMap<String, Vec<String>>,
}

impl Policy {
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(FILE);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let policy: Policy =
            serde_yaml_ng::from_str(&text).with_context(|| format!("parsing {FILE}"))?;
        for group in &policy.groups {
            if group.reason.trim().is_empty() || group.evidence.trim().is_empty() {
                bail!("{FILE}: every group needs a reason and its evidence");
            }
        }
        Ok(policy)
    }

    /// Every (schema, field) pair, in file order.
    fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.groups.iter().flat_map(|g| {
            g.fields.iter().flat_map(|(schema, fields)| {
                fields.iter().map(move |f| (schema.as_str(), f.as_str()))
            })
        })
    }

    /// Adds each listed field to the `required` list of its schema (the schema's top level, which
    /// also works for `allOf` compositions such as `AlbumObject`). Fails, naming the line to fix,
    /// on a schema or field the spec does not have, on a field listed twice, on a field the spec
    /// declares `nullable` (a value that may be `null` cannot be plain), and on a list (every list
    /// decodes as empty when absent, so listing one would have no effect).
    pub fn apply(&self, spec: &mut Value) -> Result<()> {
        let mut seen = std::collections::BTreeSet::new();
        for (schema, field) in self.pairs() {
            if !seen.insert((schema, field)) {
                bail!("{FILE}: {schema}.{field} is listed twice");
            }
            let Some(property) = find_property(spec, schema, field)? else {
                bail!(
                    "{FILE}: {schema} has no property `{field}` in this spec; remove it from the \
                        list"
                );
            };
            if property.get("nullable") == Some(&Value::Bool(true)) {
                bail!(
                    "{FILE}: {schema}.{field} is declared nullable, so it cannot be a plain field"
                );
            }
            if property.get("type").and_then(Value::as_str) == Some("array") {
                bail!(
                    "{FILE}: {schema}.{field} is a list, and a list is never required (absent or \
                        `null` decodes as empty); remove it from the list"
                );
            }
            let target = spec
                .pointer_mut(&format!("/components/schemas/{schema}"))
                .and_then(Value::as_object_mut)
                .expect("found above");
            let required = target.entry("required").or_insert_with(|| json!([]));
            required
                .as_array_mut()
                .context("`required` is not a list")?
                .push(json!(field));
        }
        Ok(())
    }
}

/// The property `field` of the schema `schema`, looking through `allOf` parts and `$ref`s.
fn find_property<'a>(spec: &'a Value, schema: &str, field: &str) -> Result<Option<&'a Value>> {
    let Some(root) = spec.pointer(&format!("/components/schemas/{schema}")) else {
        bail!("{FILE}: the spec has no schema `{schema}`; remove it from the list");
    };
    let mut stack = vec![root];
    let mut steps = 0;
    while let Some(node) = stack.pop() {
        steps += 1;
        if steps > 64 {
            bail!("{FILE}: {schema}: too many nested allOf/$ref levels");
        }
        if let Some(target) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            stack.extend(spec.pointer(target));
            continue;
        }
        if let Some(property) = node.pointer(&format!("/properties/{field}")) {
            return Ok(Some(property));
        }
        if let Some(parts) = node.get("allOf").and_then(Value::as_array) {
            stack.extend(parts.iter().rev());
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(fields: &[(&str, &[&str])]) -> Policy {
        Policy {
            groups: vec![Group {
                reason: "r".into(),
                evidence: "e".into(),
                fields: fields
                    .iter()
                    .map(|(s, f)| (s.to_string(), f.iter().map(|f| f.to_string()).collect()))
                    .collect(),
            }],
        }
    }

    fn spec() -> Value {
        json!({"components": {"schemas": {
            "Base": {"properties": {
                "id": {"type": "string"},
                "note": {"type": "string", "nullable": true},
                "tags": {"type": "array", "items": {"type": "string"}}
            }},
            "Full": {"allOf": [{"$ref": "#/components/schemas/Base"},
                               {"properties": {"name": {"type": "string"}}}]}
        }}})
    }

    #[test]
    fn fields_found_through_all_of_become_required_at_the_top() {
        let mut spec = spec();
        policy(&[("Full", &["id", "name"])])
            .apply(&mut spec)
            .unwrap();
        assert_eq!(
            spec["components"]["schemas"]["Full"]["required"],
            json!(["id", "name"])
        );
        assert!(
            spec["components"]["schemas"]["Base"]
                .get("required")
                .is_none()
        );
    }

    #[test]
    fn unknown_schemas_fields_duplicates_nullable_fields_and_lists_are_refused() {
        for (fields, expected) in [
            (&[("Nope", &["id"][..])][..], "no schema `Nope`"),
            (&[("Full", &["gone"][..])][..], "no property `gone`"),
            (&[("Full", &["id", "id"][..])][..], "listed twice"),
            (&[("Base", &["note"][..])][..], "nullable"),
            (&[("Full", &["tags"][..])][..], "is a list"),
        ] {
            let err = policy(fields).apply(&mut spec()).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }
}
