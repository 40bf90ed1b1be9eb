//! Data the facade and the mock need from the spec, derived at generation time and checked in (the
//! spec itself is not in the repo):
//!
//! - `generated/src/operations.rs`: every operation's id, method, path template, tag, deprecation,
//!   success status and page-size limits (so each endpoint pages by its own maximum, not a global
//!   constant).
//! - `mock/data/examples.json`: a realistic response body per operation, built from the spec's
//!   examples.

use anyhow::{Context, Result};
use serde_json::{Map, Value, json};

use crate::generate::Output;

pub const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

pub fn outputs(spec: &Value, values: &Values, header: &str) -> Result<Vec<Output>> {
    let ops = operations(spec, values)?;
    let mut examples = Map::new();
    for op in &ops {
        examples.insert(op.id.clone(), op.example.clone());
    }
    Ok(vec![
        Output {
            path: "generated/src/operations.rs",
            contents: format!("{header}{}", operations_rs(&ops)),
        },
        Output {
            path: "mock/data/examples.json",
            contents: serde_json::to_string_pretty(&Value::Object(examples))? + "\n",
        },
    ])
}

pub struct Op {
    pub id: String,
    pub method: String,
    pub path: String,
    pub tag: String,
    pub deprecated: bool,
    pub success: u16,
    pub limit: Option<(i64, i64)>,
    pub example: Value,
}

pub fn operations(spec: &Value, values: &Values) -> Result<Vec<Op>> {
    let synthesizer = Synthesizer { spec, values };
    let mut out = Vec::new();
    let paths = spec["paths"].as_object().context("spec has no paths")?;
    for (path, item) in paths {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let id = op["operationId"]
                .as_str()
                .context("operation without operationId")?;
            let responses = op["responses"]
                .as_object()
                .context("operation without responses")?;
            let (status, response) = responses
                .iter()
                .find(|(code, _)| code.starts_with('2'))
                .with_context(|| format!("{id} has no success response"))?;
            let response = resolve(spec, response);
            let example = response
                .pointer("/content/application~1json/schema")
                .map(|schema| synthesizer.value(schema, None, None, 0))
                .unwrap_or(Value::Null);
            let limit = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| resolve(spec, p))
                .find(|p| p["name"] == "limit" && p["in"] == "query")
                .and_then(|p| {
                    Some((
                        p["schema"]["default"].as_i64()?,
                        p["schema"]["maximum"].as_i64()?,
                    ))
                });
            out.push(Op {
                id: id.to_string(),
                method: method.to_uppercase(),
                path: path.clone(),
                tag: op["tags"][0].as_str().unwrap_or("").to_string(),
                deprecated: op["deprecated"] == Value::Bool(true),
                success: status
                    .parse()
                    .with_context(|| format!("{id}: status {status}"))?,
                limit,
                example,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    let mut v = value;
    for _ in 0..8 {
        match v
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => v = spec.pointer(pointer).unwrap_or(&Value::Null),
            None => break,
        }
    }
    v
}

/// `mock/data/values.yml`: the values the examples use where the spec has none worth sending.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    /// Properties left out (`name`, or `Schema.name` for one schema's).
    omit: Vec<String>,
    /// Values by property (`name`, or `Schema.name`).
    values: Map<String, Value>,
}

impl Values {
    pub const FILE: &'static str = "mock/data/values.yml";

    pub fn load(root: &std::path::Path) -> Result<Self> {
        let path = root.join(Self::FILE);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        serde_yaml_ng::from_str(&text).with_context(|| format!("parsing {}", Self::FILE))
    }

    fn key(schema: Option<&str>, prop: &str) -> [Option<String>; 2] {
        [
            schema.map(|s| format!("{s}.{prop}")),
            Some(prop.to_string()),
        ]
    }

    fn omits(&self, schema: Option<&str>, prop: &str) -> bool {
        Self::key(schema, prop)
            .into_iter()
            .flatten()
            .any(|k| self.omit.contains(&k))
    }

    fn value(&self, schema: Option<&str>, prop: &str) -> Option<&Value> {
        Self::key(schema, prop)
            .into_iter()
            .flatten()
            .find_map(|k| self.values.get(&k))
    }
}

/// Builds example values from schemas: a property's value from [`Values`] first, else the spec's
/// example, else one built from the schema (an enum's first value, an object's properties, an array
/// of one item).
pub struct Synthesizer<'a> {
    pub spec: &'a Value,
    pub values: &'a Values,
}

impl Synthesizer<'_> {
    /// A JSON value for `schema` (a property of the schema `owner`, named `prop`, if any).
    pub fn value(
        &self,
        schema: &Value,
        owner: Option<&str>,
        prop: Option<&str>,
        depth: usize,
    ) -> Value {
        if let Some(value) = prop.and_then(|p| self.values.value(owner, p)) {
            return value.clone();
        }
        self.build(schema, None, depth)
    }

    fn build(&self, schema: &Value, name: Option<&str>, depth: usize) -> Value {
        if depth > 24 {
            return Value::Null;
        }
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            let name = target.strip_prefix("#/components/schemas/");
            return self.build(resolve(self.spec, schema), name, depth + 1);
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            if let [only] = parts.as_slice() {
                return self.build(only, name, depth + 1);
            }
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(o) = self.build(part, name, depth + 1) {
                    merged.extend(o);
                }
            }
            if schema.get("properties").is_some()
                && let Value::Object(own) = self.object(schema, name, depth)
            {
                merged.extend(own);
            }
            return Value::Object(merged);
        }
        if let Some(first) = ["oneOf", "anyOf"].iter().find_map(|k| {
            schema
                .get(*k)
                .and_then(Value::as_array)
                .and_then(|v| v.first())
        }) {
            return self.build(first, name, depth + 1);
        }
        if let Some(example) = schema.get("example") {
            return trimmed(example.clone());
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|v| v.first())
        {
            return first.clone();
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("array") => match self.build(&schema["items"], None, depth + 1) {
                Value::Null => json!([]),
                item => json!([item]),
            },
            Some("string") => match schema.get("format").and_then(Value::as_str) {
                Some("date-time") => json!("2025-11-02T18:04:11Z"),
                Some("date") => json!("2025-11-02"),
                _ => json!("string"),
            },
            Some("integer") => json!(schema.get("default").cloned().unwrap_or(json!(0))),
            Some("number") => json!(0.5),
            Some("boolean") => json!(false),
            _ if schema.get("properties").is_some() => self.object(schema, name, depth),
            _ => Value::Null,
        }
    }

    fn object(&self, schema: &Value, name: Option<&str>, depth: usize) -> Value {
        let mut out = Map::new();
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (prop, value) in props {
                if !self.values.omits(name, prop) {
                    out.insert(prop.clone(), self.value(value, name, Some(prop), depth + 1));
                }
            }
        }
        Value::Object(out)
    }
}

/// Examples written as YAML block scalars end in a newline (`url: |` ...); real values do not.
fn trimmed(value: Value) -> Value {
    match value {
        Value::String(s) => Value::String(s.trim_end().to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(trimmed).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, trimmed(v))).collect())
        }
        other => other,
    }
}

fn operations_rs(ops: &[Op]) -> String {
    let rows = ops.iter().map(|op| {
        let (id, method, path, tag, deprecated, success) = (
            &op.id,
            &op.method,
            &op.path,
            &op.tag,
            op.deprecated,
            op.success,
        );
        let limit = match op.limit {
            Some((default, max)) => {
                let (default, max) = (default as u32, max as u32);
                quote::quote!(Some(PageLimit { default: #default, max: #max }))
            }
            None => quote::quote!(None),
        };
        quote::quote! {
            Operation {
                id: #id, method: #method, path: #path, tag: #tag,
                deprecated: #deprecated, success_status: #success, page_limit: #limit,
            }
        }
    });
    let count = ops.len();
    let file: syn::File = syn::parse_quote! {
        //! Every operation of the spec, as data (derived by `cargo xtask gen`).

        /// The `limit` query parameter of a paged operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct PageLimit {
            /// What Spotify uses when `limit` is not sent.
            pub default: u32,
            /// The largest `limit` Spotify accepts for this operation.
            pub max: u32,
        }

        /// One operation of the spec.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Operation {
            /// The spec's `operationId` (also what progenitor passes to the hooks).
            pub id: &'static str,
            /// HTTP method, upper case.
            pub method: &'static str,
            /// Path template relative to the API base, e.g. `/tracks/{id}`.
            pub path: &'static str,
            /// The spec's first tag (the resource group).
            pub tag: &'static str,
            /// Marked deprecated by Spotify.
            pub deprecated: bool,
            /// The documented success status.
            pub success_status: u16,
            /// Page size limits, for paged operations.
            pub page_limit: Option<PageLimit>,
        }

        /// All operations, sorted by id.
        pub const OPERATIONS: [Operation; #count] = [#(#rows),*];

        /// Looks up an operation by its `operationId`.
        pub fn operation(id: &str) -> Option<&'static Operation> {
            OPERATIONS
                .binary_search_by(|op| op.id.cmp(id))
                .ok()
                .map(|i| &OPERATIONS[i])
        }
    };
    prettyplease::unparse(&file)
}
