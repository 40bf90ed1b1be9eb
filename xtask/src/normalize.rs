//! General, structural transforms of the spec that make the generated bindings match what Spotify
//! really sends and accepts. Unlike `openapi/patches/` (one fix each, for one place), each rule
//! here applies to every place of its shape; `openapi/README.md` explains why each lives here.

use serde_json::{Map, Value, json};

/// Applies every rule, in order.
pub fn normalize(spec: &mut Value) {
    success_responses_only(spec);
    comma_join_unexploded_arrays(spec);
    optional_response_fields(spec);
    nullable_collection_items(spec);
    open_number_enums(spec);
    name_shared_enums(spec);
}

/// Operations keep only their success responses. The facade reads every error itself (Spotify's
/// `{"error": {"status", "message"}}` body, `Retry-After`, the status), so the types the spec
/// declares per operation and status for the error bodies (about a hundred copies of one shape)
/// would be generated and never used.
pub fn success_responses_only(spec: &mut Value) {
    let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (_, operation) in item.iter_mut() {
            if let Some(responses) = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut)
            {
                responses.retain(|status, _| status.starts_with('2'));
            }
        }
    }
}

/// `explode: false` array query parameters (`GET /search?type=album,track`) become one
/// comma-separated string: progenitor would send `type=album&type=track`, which Spotify rejects.
/// The facade joins typed values; the permitted values stay in the parameter's description.
pub fn comma_join_unexploded_arrays(spec: &mut Value) {
    for param in all_parameters(spec) {
        let unexploded = param.get("explode") == Some(&Value::Bool(false));
        let is_array = param.pointer("/schema/type") == Some(&json!("array"));
        if !(unexploded && is_array && param.get("in") == Some(&json!("query"))) {
            continue;
        }
        let schema = param["schema"].as_object_mut().expect("checked above");
        let allowed = schema
            .get("items")
            .and_then(|i| i.get("enum"))
            .and_then(Value::as_array)
            .map(|values| {
                let names: Vec<_> = values.iter().filter_map(Value::as_str).collect();
                format!("\n\nComma-separated; allowed values: {}.", names.join(", "))
            })
            .unwrap_or_default();
        let description = format!(
            "{}{allowed}",
            schema
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .trim_end()
        );
        schema.remove("items");
        schema.insert("type".into(), json!("string"));
        schema.insert("description".into(), json!(description));
        param.as_object_mut().unwrap().remove("explode");
    }
}

/// Every property of every response model becomes optional. Spotify drops fields it documents as
/// required (February 2026: `popularity`, `followers`, `genres`, `available_markets`, `label`, ...)
/// and sends `null` for others; a missing field must not fail a whole page.
pub fn optional_response_fields(spec: &mut Value) {
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            visit_schemas(schema, &mut |s| {
                s.remove("required");
            });
        }
    }
    if let Some(responses) = spec
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut)
    {
        for response in responses.values_mut() {
            visit_schemas(response, &mut |s| {
                s.remove("required");
            });
        }
    }
}

/// The items of collection arrays — `items` of paging objects and the arrays of multi-get responses
/// (`GET /tracks?ids=` answers `null` at the position of an unknown ID) — may be `null`, so they
/// become `Vec<Option<T>>`. Positions are kept: a multi-get result still lines up with the IDs
/// asked for.
pub fn nullable_collection_items(spec: &mut Value) {
    let paging = |name: &str| name.starts_with("Paging") || name.starts_with("CursorPaging");
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in schemas.iter_mut() {
            if paging(name) {
                visit_schemas(schema, &mut |s| {
                    if let Some(items) = s.get_mut("properties").and_then(|p| p.get_mut("items")) {
                        make_items_nullable(items);
                    }
                });
            }
        }
    }
    if let Some(responses) = spec
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut)
    {
        for (name, response) in responses.iter_mut() {
            if !name.starts_with("Many") {
                continue;
            }
            if let Some(props) = response
                .pointer_mut("/content/application~1json/schema/properties")
                .and_then(Value::as_object_mut)
            {
                for prop in props.values_mut() {
                    make_items_nullable(prop);
                }
            }
        }
    }
}

/// Number enums (the audio analysis `mode`: -1, 0, 1) become plain numbers whose description lists
/// the known values: a value Spotify adds later must not fail a response, as with string enums
/// (which stay enums with an `Unknown` variant; an integer cannot carry one). A number enum of
/// integral values becomes an integer.
pub fn open_number_enums(spec: &mut Value) {
    for section in ["schemas", "responses"] {
        if let Some(map) = spec
            .pointer_mut(&format!("/components/{section}"))
            .and_then(Value::as_object_mut)
        {
            for schema in map.values_mut() {
                visit_schemas(schema, &mut open_number_enum);
            }
        }
    }
}

fn open_number_enum(schema: &mut Map<String, Value>) {
    let numeric = matches!(
        schema.get("type").and_then(Value::as_str),
        Some("number" | "integer")
    );
    let Some(Value::Array(values)) = schema.get("enum").filter(|_| numeric).cloned() else {
        return;
    };
    schema.remove("enum");
    if values
        .iter()
        .all(|v| v.as_f64().is_some_and(|f| f.fract() == 0.0))
    {
        schema.insert("type".into(), json!("integer"));
        schema.remove("format");
    }
    let known: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end()
        .to_string();
    let description = format!("{description}\n\nKnown values: {}.", known.join(", "));
    schema.insert("description".into(), json!(description.trim_start()));
}

/// A string enum declared inline on a property (`album_type`, `release_date_precision`) becomes one
/// named schema, `AlbumType`, used wherever the property has the same values. Otherwise the
/// generator makes one enum per schema that inherits the property through `allOf`
/// (`AlbumObjectAlbumType`, `SimplifiedAlbumObjectAlbumType`, ...), and code matching an album's
/// type would need to know which kind of album it holds. `type` properties (one value per object
/// kind) and names already taken by a different schema are left inline.
pub fn name_shared_enums(spec: &mut Value) {
    use heck::ToUpperCamelCase;
    let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mut named: Vec<(String, Value)> = Vec::new();
    let existing: Vec<String> = schemas.keys().cloned().collect();
    for schema in schemas.values_mut() {
        visit_schemas(schema, &mut |s| {
            let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) else {
                return;
            };
            for (prop, value) in props.iter_mut() {
                let is_string_enum = value.get("type") == Some(&json!("string"))
                    && value.get("enum").is_some_and(Value::is_array);
                if prop == "type" || !is_string_enum {
                    continue;
                }
                let name = prop.to_upper_camel_case();
                let values = &value["enum"];
                let taken = existing.contains(&name)
                    || named
                        .iter()
                        .any(|(n, d)| *n == name && d["enum"] != *values);
                if taken {
                    continue;
                }
                if !named.iter().any(|(n, _)| *n == name) {
                    let mut definition = json!({"type": "string", "enum": values.clone()});
                    if let Some(description) = value.get("description") {
                        definition["description"] = description.clone();
                    }
                    named.push((name.clone(), definition));
                }
                let mut reference =
                    json!({"allOf": [{"$ref": format!("#/components/schemas/{name}")}]});
                for key in ["description", "deprecated", "nullable"] {
                    if let Some(v) = value.get(key) {
                        reference[key] = v.clone();
                    }
                }
                *value = reference;
            }
        });
    }
    for (name, definition) in named {
        schemas.insert(name, definition);
    }
}

fn make_items_nullable(array_schema: &mut Value) {
    if array_schema.get("type") != Some(&json!("array")) {
        return;
    }
    if let Some(items) = array_schema.get_mut("items") {
        let inner = std::mem::take(items);
        *items = if inner.get("$ref").is_some() {
            json!({ "nullable": true, "allOf": [inner] })
        } else {
            let mut inner = inner;
            if let Some(o) = inner.as_object_mut() {
                o.insert("nullable".into(), json!(true));
            }
            inner
        };
    }
}

/// Calls `f` on every schema object reachable from `value` without following `$ref`s.
fn visit_schemas(value: &mut Value, f: &mut impl FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            let is_schema = map.contains_key("type")
                || map.contains_key("properties")
                || map.contains_key("allOf")
                || map.contains_key("oneOf")
                || map.contains_key("anyOf");
            if is_schema {
                f(map);
            }
            for (key, child) in map.iter_mut() {
                // Examples are data, not schemas.
                if key != "example" && key != "examples" {
                    visit_schemas(child, f);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| visit_schemas(v, f)),
        _ => {}
    }
}

/// Every parameter object, inline in operations and paths, or shared under `components/parameters`.
fn all_parameters(spec: &mut Value) -> Vec<&mut Value> {
    let mut out = Vec::new();
    let (paths, components) = match spec.as_object_mut() {
        Some(root) => {
            let mut paths = None;
            let mut components = None;
            for (k, v) in root.iter_mut() {
                match k.as_str() {
                    "paths" => paths = Some(v),
                    "components" => components = Some(v),
                    _ => {}
                }
            }
            (paths, components)
        }
        None => return out,
    };
    if let Some(params) = components
        .and_then(|c| c.get_mut("parameters"))
        .and_then(Value::as_object_mut)
    {
        out.extend(params.values_mut());
    }
    if let Some(paths) = paths.and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (key, value) in item.iter_mut() {
                let list = if key == "parameters" {
                    value.as_array_mut()
                } else {
                    value.get_mut("parameters").and_then(Value::as_array_mut)
                };
                if let Some(list) = list {
                    out.extend(list.iter_mut().filter(|p| p.get("$ref").is_none()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unexploded_array_becomes_a_comma_separated_string() {
        let mut spec = json!({"paths": {"/search": {"get": {"parameters": [
            {"name": "type", "in": "query", "explode": false,
             "schema": {"type": "array", "items": {"type": "string", "enum": ["album", "track"]}}},
            {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
        ]}}}});
        comma_join_unexploded_arrays(&mut spec);
        let params = &spec["paths"]["/search"]["get"]["parameters"];
        assert_eq!(params[0]["schema"]["type"], "string");
        assert!(params[0].get("explode").is_none());
        assert!(
            params[0]["schema"]["description"]
                .as_str()
                .unwrap()
                .contains("album, track")
        );
        // An exploded array is left alone.
        assert_eq!(params[1]["schema"]["type"], "array");
    }

    #[test]
    fn response_models_lose_required_lists_but_examples_are_untouched() {
        let mut spec = json!({"components": {"schemas": {"T": {
            "type": "object", "required": ["popularity"],
            "properties": {
                "popularity": {"type": "integer"},
                "nested": {
                    "type": "object",
                    "required": ["a"],
                    "properties": {"a": {"type": "string"}}
                }
            },
            "example": {"required": ["kept"]}
        }}}});
        optional_response_fields(&mut spec);
        let t = &spec["components"]["schemas"]["T"];
        assert!(t.get("required").is_none());
        assert!(t["properties"]["nested"].get("required").is_none());
        assert_eq!(t["example"]["required"][0], "kept");
    }

    #[test]
    fn paging_items_and_multi_get_arrays_become_nullable() {
        let mut spec = json!({"components": {
            "schemas": {
                "PagingTrackObject": {"allOf": [
                    {"$ref": "#/components/schemas/PagingObject"},
                    {"type": "object", "properties": {"items": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/TrackObject"}
                    }}}
                ]},
                "TrackObject": {"type": "object", "properties": {
                    "artists": {"type": "array", "items": {"$ref": "#/x"}}
                }}
            },
            "responses": {"ManyTracks": {"content": {"application/json": {"schema": {
                "type": "object",
                "properties": {"tracks": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/TrackObject"}
                }}
            }}}}}
        }});
        nullable_collection_items(&mut spec);
        let paging = &spec["components"]["schemas"]["PagingTrackObject"];
        let paging_items = &paging["allOf"][1]["properties"]["items"]["items"];
        assert_eq!(paging_items["nullable"], true);
        let many = &spec["components"]["responses"]["ManyTracks"]["content"];
        let many = &many["application/json"]["schema"]["properties"]["tracks"]["items"];
        assert_eq!(many["nullable"], true);
        // Arrays inside models are not collections.
        assert!(
            spec["components"]["schemas"]["TrackObject"]["properties"]["artists"]["items"]
                .get("nullable")
                .is_none()
        );
    }
}
