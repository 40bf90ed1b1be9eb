//! End-to-end tests of `cargo xtask gen` over the locked spec (read from `../shared`, like the
//! task).
//!
//! A full generation runs progenitor over the whole spec, so the one with every patch is computed
//! once per test binary and shared; only the tests that need a different input generate again.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use heck::ToPascalCase;

use super::*;

/// The spec from before Spotify's February 2026 changes were all in: no `/me/library` endpoints.
const OLDER_SPEC: &str = "../shared/openapi/history/fixed-2026.02.10.yml";

/// Whether Spotify's spec is beside the checkout (`../shared`, third-party data the repository
/// does not copy). Without it a test says, in one line, that it skipped; under `CI=true` its
/// absence is a failure, so CI always runs these tests.
fn spec_available(test: &str) -> bool {
    use std::io::Write as _;
    let path = workspace_root().join(spec::Lock::load(&workspace_root()).expect("spec.lock").path);
    if path.is_file() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: {} is missing; CI must run with ../shared beside the checkout",
        path.display()
    );
    // Straight to stderr: the test harness would hide a print of a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: no spec at {} (see README \"What ../shared holds\")",
        path.display()
    );
    false
}

fn patches() -> Vec<PathBuf> {
    spec::patch_files(&workspace_root()).expect("listing openapi/patches")
}

/// The outputs of `cargo xtask gen` (locked spec, every patch), generated once.
fn baseline() -> &'static [Output] {
    static OUTPUTS: OnceLock<Vec<Output>> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        generate(&workspace_root(), None, &patches()).expect("generating with every patch")
    })
}

/// The locked spec with every patch and normalization applied: what progenitor was given.
fn prepared_spec() -> &'static openapiv3::OpenAPI {
    static SPEC: OnceLock<openapiv3::OpenAPI> = OnceLock::new();
    SPEC.get_or_init(|| {
        let root = workspace_root();
        let value = prepare(&root, spec::load(&root, None).unwrap().value, &patches()).unwrap();
        serde_json::from_value(value).unwrap()
    })
}

fn contents<'a>(outputs: &'a [Output], path: &str) -> &'a str {
    &outputs
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no output {path}"))
        .contents
}

/// Each output without the `// @generated ... with <patches>` header, which names the patches
/// applied and so always differs when the list does.
fn bodies(outputs: &[Output]) -> Vec<(&'static str, &str)> {
    outputs
        .iter()
        .map(|o| {
            let body = match o.contents.strip_prefix("// @generated") {
                Some(rest) => rest.split_once("\n\n").map_or(rest, |(_, body)| body),
                None => &o.contents,
            };
            (o.path, body)
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn generation_is_deterministic() {
    if !spec_available("generation_is_deterministic") {
        return;
    }
    let again = generate(&workspace_root(), None, &patches()).unwrap();
    let paths = |outputs: &[Output]| outputs.iter().map(|o| o.path).collect::<Vec<_>>();
    assert_eq!(paths(baseline()), paths(&again));
    for (first, second) in baseline().iter().zip(&again) {
        // Not assert_eq!: a diff of two 1.6 MB strings is no help.
        assert!(
            first.contents == second.contents,
            "{} differs between two generations from the same input",
            first.path
        );
    }
}

#[test]
fn the_header_names_the_spec_and_every_patch() {
    if !spec_available("the_header_names_the_spec_and_every_patch") {
        return;
    }
    let generated = contents(baseline(), "generated/src/generated.rs");
    let header = generated.lines().take(2).collect::<Vec<_>>().join("\n");
    assert!(
        header.contains("from ../shared/openapi/spotify-web-api.yml"),
        "{header}"
    );
    for patch in patches() {
        assert!(
            header.contains(&format!("openapi/patches/{}", file_name(&patch))),
            "{header}"
        );
    }
}

/// Each patch is still needed: without it progenitor fails, or the bindings (or the derived data)
/// change. The patches are listed from the directory, so a new patch is covered without touching
/// this test.
#[test]
fn every_patch_applies_and_matters() {
    if !spec_available("every_patch_applies_and_matters") {
        return;
    }
    let all = patches();
    assert!(!all.is_empty(), "openapi/patches/ is empty");
    let expected = bodies(baseline());
    for skipped in &all {
        let name = file_name(skipped);
        let rest: Vec<PathBuf> = all.iter().filter(|p| *p != skipped).cloned().collect();
        match generate(&workspace_root(), None, &rest) {
            Err(e) => {
                let message = format!("{e:#}");
                eprintln!("without {name}: {message}");
                assert!(
                    message.starts_with("progenitor failed"),
                    "without {name}, generation fails, but not in progenitor: {message}"
                );
            }
            Ok(outputs) => {
                eprintln!("without {name}: the outputs differ");
                assert!(
                    bodies(&outputs) != expected,
                    "without {name} the outputs are the same: the patch no longer does anything"
                )
            }
        }
    }
}

/// The methods of `impl Client` blocks and the `operation_id`s the builders pass to the hooks.
fn client_methods_and_hook_ids(file: &syn::File) -> (BTreeSet<String>, BTreeSet<String>) {
    struct Collect {
        methods: BTreeSet<String>,
        hook_ids: BTreeSet<String>,
    }
    impl<'ast> syn::visit::Visit<'ast> for Collect {
        fn visit_item_impl(&mut self, imp: &'ast syn::ItemImpl) {
            if imp.trait_.is_none()
                && let syn::Type::Path(ty) = &*imp.self_ty
                && ty.path.is_ident("Client")
            {
                for item in &imp.items {
                    if let syn::ImplItem::Fn(f) = item {
                        self.methods.insert(f.sig.ident.to_string());
                    }
                }
            }
            syn::visit::visit_item_impl(self, imp);
        }
        /// `crate::Request::json(request, "get-track")`: the id each request is built with.
        fn visit_expr_call(&mut self, e: &'ast syn::ExprCall) {
            if let syn::Expr::Path(func) = &*e.func
                && func.path.segments.iter().any(|s| s.ident == "Request")
                && let Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                })) = e.args.iter().nth(1)
            {
                self.hook_ids.insert(s.value());
            }
            syn::visit::visit_expr_call(self, e);
        }
    }
    let mut collect = Collect {
        methods: BTreeSet::new(),
        hook_ids: BTreeSet::new(),
    };
    syn::visit::Visit::visit_file(&mut collect, file);
    (collect.methods, collect.hook_ids)
}

/// The generated Rust file at `path`, parsed.
fn parsed(path: &str) -> syn::File {
    syn::parse_file(contents(baseline(), path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_operation_is_a_client_method_reporting_its_spec_id() {
    if !spec_available("every_operation_is_a_client_method_reporting_its_spec_id") {
        return;
    }
    let ids: BTreeSet<String> = prepared_spec()
        .operations()
        .map(|(path, method, op)| {
            op.operation_id
                .clone()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"))
        })
        .collect();
    let count = prepared_spec().operations().count();
    assert_eq!(ids.len(), count, "operationIds are not unique");

    let (methods, hook_ids) = client_methods_and_hook_ids(&parsed("generated/src/generated.rs"));
    let missing: Vec<_> = ids
        .iter()
        .filter(|id| !methods.contains(&method_name(id)))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a `Client` method: {missing:?}"
    );
    let expected: BTreeSet<String> = ids.iter().map(|id| method_name(id)).collect();
    let constructors = BTreeSet::from(["new".to_string(), "new_with_client".to_string()]);
    let extra: Vec<_> = methods
        .difference(&expected)
        .filter(|m| !constructors.contains(*m))
        .collect();
    assert!(
        extra.is_empty(),
        "`Client` methods that are no operation of the spec: {extra:?}"
    );
    // What each request is built with is the spec's id, as `operations::operation` expects.
    assert_eq!(hook_ids, ids);

    let derived = contents(baseline(), "generated/src/operations.rs");
    assert!(
        derived.contains(&format!("[Operation; {count}usize]")),
        "operations.rs lists {count} operations"
    );
}

#[test]
fn method_names_follow_progenitor() {
    assert_eq!(method_name("get-track"), "get_track");
    assert_eq!(
        method_name("get-an-artists-top-tracks"),
        "get_an_artists_top_tracks"
    );
    assert_eq!(
        method_name("getCurrentUsersProfile"),
        "get_current_users_profile"
    );
    assert_eq!(method_name("type"), "type_");
}

#[test]
fn every_schema_is_a_type() {
    if !spec_available("every_schema_is_a_type") {
        return;
    }
    let file = parsed("models/src/generated.rs");
    let [syn::Item::Mod(module)] = &file.items[..] else {
        panic!("models/src/generated.rs holds one item, `mod types`");
    };
    assert_eq!(module.ident, "types");
    let types = module.content.as_ref().expect("`mod types` has a body");
    let names: BTreeSet<String> = types
        .1
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Type(t) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect();
    let schemas = &prepared_spec()
        .components
        .as_ref()
        .expect("components")
        .schemas;
    assert!(!schemas.is_empty());
    let missing: Vec<_> = schemas
        .keys()
        .filter(|name| !names.contains(&name.to_pascal_case()))
        .collect();
    assert!(
        missing.is_empty(),
        "schemas without a type in `types`: {missing:?}"
    );
}

#[test]
fn checked_in_outputs_are_current() {
    if !spec_available("checked_in_outputs_are_current") {
        return;
    }
    let stale = stale(&workspace_root(), baseline());
    assert!(stale.is_empty(), "stale (run `cargo xtask gen`): {stale:?}");
}

#[test]
fn check_reports_modified_and_missing_files() {
    let dir = temp_dir("stale");
    let outputs = vec![
        Output {
            path: "generated/src/generated.rs",
            contents: "pub struct A;\n".into(),
        },
        Output {
            path: "mock/data/examples.json",
            contents: "{}\n".into(),
        },
    ];
    for o in &outputs {
        let path = dir.join(o.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &o.contents).unwrap();
    }
    assert!(stale(&dir, &outputs).is_empty());

    std::fs::write(dir.join("generated/src/generated.rs"), "pub struct B;\n").unwrap();
    assert_eq!(stale(&dir, &outputs), ["generated/src/generated.rs"]);

    std::fs::remove_file(dir.join("mock/data/examples.json")).unwrap();
    assert_eq!(
        stale(&dir, &outputs),
        ["generated/src/generated.rs", "mock/data/examples.json"]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// `--spec` with a spec that lacks what a patch fixes fails naming that patch (the first that does
/// not fit); with the patches that do fit, progenitor generates from the older spec.
#[test]
fn an_older_spec_fails_naming_the_patch_that_no_longer_applies() {
    if !spec_available("an_older_spec_fails_naming_the_patch_that_no_longer_applies") {
        return;
    }
    let root = workspace_root();
    let older = root.join(OLDER_SPEC);
    let all = patches();
    let raw = spec::load(&root, Some(&older)).unwrap().value;
    let (fitting, failing): (Vec<PathBuf>, Vec<PathBuf>) = all
        .iter()
        .cloned()
        .partition(|p| spec::apply_patch(&mut raw.clone(), p).is_ok());
    assert!(
        !failing.is_empty(),
        "every patch applies to {OLDER_SPEC}, which has no /me/library: was the history spec \
            replaced?"
    );

    let message = format!("{:#}", generate(&root, Some(&older), &all).err().unwrap());
    assert!(
        message.contains(&format!("{} no longer applies", failing[0].display())),
        "{message}"
    );

    let outputs = generate(&root, Some(&older), &fitting).expect("the fitting patches generate");
    let generated = contents(&outputs, "generated/src/generated.rs");
    assert!(generated.starts_with(&format!(
        "// @generated by `cargo xtask gen` from {}",
        older.display()
    )));
    assert!(generated.contains("pub fn get_track<'a>("));
    assert!(!generated.contains("pub fn save_library_items<'a>("));
}
