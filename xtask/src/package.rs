//! `cargo xtask package`: packages the four library crates as the registry would receive them,
//! and builds each from its `.crate` alone (`cargo package`'s verification), so that a missing
//! file, a path-only dependency or an unpackaged include fails here and not at release time.
//!
//! The crates say `publish = false` until a person decides to publish them, and `cargo package`
//! resolves crates packaged together only when they may be published. So the check runs on a copy
//! of `HEAD` (under `target/package-check`) whose workspace says `publish = true`; the repository
//! itself is untouched.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::build_cost::export_head;

const CRATES: [&str; 4] = [
    "spotify-sdk-models",
    "spotify-sdk-generated",
    "spotify-sdk",
    "spotify-sdk-mock",
];

pub fn run(root: &Path, target: &Path) -> Result<()> {
    let copy = target.join("package-check/src");
    let _ = std::fs::remove_dir_all(&copy);
    export_head(root, &copy)?;
    let manifest = copy.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)?;
    let publishable = text.replacen("\npublish = false\n", "\npublish = true\n", 1);
    if publishable == text {
        bail!("the workspace manifest has no `publish = false` line to lift for the check");
    }
    std::fs::write(&manifest, publishable)?;
    forget_earlier_extractions()?;
    // The registry has no `../shared`: the copy lacks it too, as the packaged crates will.
    let mut command = crate::cargo();
    command
        .current_dir(&copy)
        .env("CARGO_TARGET_DIR", target.join("package-check/target"))
        .arg("package");
    for name in CRATES {
        command.args(["-p", name]);
    }
    let status = command.status().context("running cargo package")?;
    if !status.success() {
        bail!("cargo package failed ({status})");
    }
    println!(
        "packaged and built from their .crate files: {}",
        CRATES.join(", ")
    );
    Ok(())
}

/// Removes what an earlier run left of our crates in Cargo's source cache.
///
/// `cargo package` publishes the crates to a temporary local registry and unpacks each `.crate`
/// under `$CARGO_HOME/registry/src/-<hash of the registry's path>/<name>-<version>`, and it
/// reuses a directory that is already there. Our versions do not change from commit to commit,
/// so a second run from the same path would build the sources of the first one (CI did: it
/// verified a stale `spotify-sdk-generated` and failed). Only our crates are removed, and
/// only from the path-named (`-<hash>`) caches that local registries use.
fn forget_earlier_extractions() -> Result<()> {
    let Some(cargo_home) = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
    else {
        return Ok(());
    };
    let Ok(caches) = std::fs::read_dir(cargo_home.join("registry/src")) else {
        return Ok(());
    };
    for cache in caches {
        let cache = cache?.path();
        let local = cache
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('-'));
        if !local {
            continue;
        }
        for unpacked in std::fs::read_dir(&cache)? {
            let unpacked = unpacked?.path();
            let name = unpacked
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let ours = CRATES.iter().any(|krate| {
                name.strip_prefix(krate)
                    .and_then(|rest| rest.strip_prefix('-'))
                    .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
            });
            if ours {
                std::fs::remove_dir_all(&unpacked)
                    .with_context(|| format!("removing {}", unpacked.display()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// What `cargo tree --offline --prefix none` prints with `args` (it reads the lock file and
    /// needs no network), a line each.
    fn cargo_tree(args: &[&str]) -> Vec<String> {
        let output = crate::cargo()
            .current_dir(crate::workspace_root())
            .args(["tree", "--offline", "--prefix", "none"])
            .args(args)
            .output()
            .expect("running cargo tree");
        assert!(
            output.status.success(),
            "cargo tree failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).expect("cargo tree prints UTF-8");
        text.lines().map(str::to_string).collect()
    }

    /// The packages `package` needs to build (normal and build dependencies, every feature on, for
    /// this platform).
    fn build_closure(package: &str) -> BTreeSet<String> {
        let args = [
            "--all-features",
            "--edges",
            "normal,build",
            "--format",
            "{p}",
        ];
        cargo_tree(&[&args[..], &["--package", package]].concat())
            .iter()
            .filter_map(|line| line.split_whitespace().next())
            .map(str::to_string)
            .collect()
    }

    /// The models compile while a user's build is busy with reqwest only if they do not need it
    /// (BENCHMARKS.md, "The models in a crate of their own"): no HTTP, TLS or runtime crate may
    /// creep into their build.
    #[test]
    fn the_models_build_without_an_http_client() {
        let closure = build_closure("spotify-sdk-models");
        assert!(closure.contains("serde_json"), "{closure:?}");
        for http in [
            "reqwest",
            "hyper",
            "rustls",
            "tokio",
            "progenitor-client",
            "http",
        ] {
            assert!(
                !closure.contains(http),
                "spotify-sdk-models now builds {http}: {closure:?}"
            );
        }
        // The check sees HTTP where it is.
        assert!(build_closure("spotify-sdk-generated").contains("reqwest"));
    }

    /// The features of tokio that a build of spotify-sdk with `features` turns on (normal and build
    /// dependencies).
    fn tokio_features(features: &[&str]) -> BTreeSet<String> {
        let mut args = vec![
            "--package",
            "spotify-sdk",
            "--edges",
            "normal,build,features",
        ];
        args.extend(["--invert", "tokio"]);
        args.extend(features.iter().flat_map(|feature| ["--features", feature]));
        cargo_tree(&args)
            .iter()
            .filter_map(|line| line.strip_prefix("tokio feature \""))
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect()
    }

    /// A program on a current-thread runtime does not compile tokio's multi-threaded scheduler for
    /// us: only the `blocking` feature, which runs one, asks for it.
    #[test]
    fn only_the_blocking_client_needs_a_multi_threaded_runtime() {
        let default = tokio_features(&[]);
        assert!(default.contains("rt"), "{default:?}");
        assert!(!default.contains("rt-multi-thread"), "{default:?}");
        assert!(tokio_features(&["blocking"]).contains("rt-multi-thread"));
    }
}
