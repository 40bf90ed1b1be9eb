//! `cargo xtask api [--check]`: the public API of each library crate, one item per line, in
//! `<crate dir>/public-api.txt`, so that a change of the public surface shows in review and CI
//! fails when it changes without the listing.
//!
//! The listing comes from rustdoc's JSON output (unstable, so `RUSTC_BOOTSTRAP=1`, in a target
//! directory of its own so the normal builds keep their cache), read by the `public-api` crate in
//! `xtask/public-api/`, a workspace of its own (see its `Cargo.toml` for why).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::workspace_root;

/// (package, its directory, its library's name, extra `cargo rustdoc` arguments). Listings are of
/// every feature: an item behind a feature is as much a promise as one without.
const CRATES: &[(&str, &str, &str, &[&str])] = &[
    ("spotify-sdk", "facade", "spotify_sdk", &["--all-features"]),
    ("spotify-sdk-mock", "mock", "spotify_sdk_mock", &[]),
    (
        "spotify-sdk-generated",
        "generated",
        "spotify_sdk_generated",
        &["--all-features"],
    ),
    (
        "spotify-sdk-models",
        "models",
        "spotify_sdk_models",
        &["--all-features"],
    ),
];

/// The rustdoc JSON format the pinned `public-api` reads.
const FORMAT_VERSION: u64 = 57;

pub const LISTING: &str = "public-api.txt";

pub fn run(check: bool) -> Result<()> {
    let root = workspace_root();
    let target = root.join("target/public-api");
    let lister = build_lister(&root, &target)?;
    let mut stale = Vec::new();
    for (package, dir, lib, args) in CRATES {
        let json = rustdoc_json(&root, &target, package, lib, args)?;
        let listing = list(&lister, &json)?;
        let path = root.join(dir).join(LISTING);
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old == listing {
            continue;
        }
        if check {
            stale.push(format!("{dir}/{LISTING}:\n{}", difference(&old, &listing)));
        } else {
            std::fs::write(&path, &listing).with_context(|| format!("writing {dir}/{LISTING}"))?;
            println!("wrote {dir}/{LISTING} ({} items)", listing.lines().count());
        }
    }
    if !stale.is_empty() {
        bail!(
            "the public API changed; if that is intended, run `cargo xtask api` and commit the \
             listing:\n{}",
            stale.join("\n")
        );
    }
    if check {
        println!(
            "the public API listings are up to date ({} crates)",
            CRATES.len()
        );
    }
    Ok(())
}

fn build_lister(root: &Path, target: &Path) -> Result<std::path::PathBuf> {
    let manifest = root.join("xtask/public-api/Cargo.toml");
    let tool_target = target.join("lister");
    let status = crate::cargo()
        .args(["build", "--quiet", "--locked", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&tool_target)
        .status()
        .context("building xtask/public-api")?;
    if !status.success() {
        bail!("building xtask/public-api failed");
    }
    Ok(tool_target.join("debug/public-api-listing"))
}

/// Runs rustdoc's JSON backend over one library and returns the file it wrote.
fn rustdoc_json(
    root: &Path,
    target: &Path,
    package: &str,
    lib: &str,
    args: &[&str],
) -> Result<std::path::PathBuf> {
    let status = crate::cargo()
        .current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["rustdoc", "--quiet", "--lib", "-p", package])
        .args(args)
        .arg("--target-dir")
        .arg(target)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .status()
        .with_context(|| format!("running cargo rustdoc for {package}"))?;
    if !status.success() {
        bail!("cargo rustdoc --output-format json failed for {package}");
    }
    let path = target.join("doc").join(format!("{lib}.json"));
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let format: serde_json::Value = serde_json::from_str(&text)?;
    let version = format["format_version"].as_u64().unwrap_or(0);
    if version != FORMAT_VERSION {
        bail!(
            "rustdoc wrote JSON format {version}, and the lister reads format {FORMAT_VERSION} \
             (rustc 1.95): build with that toolchain, or move `public-api` in \
             xtask/public-api/Cargo.toml to the version that reads {version}"
        );
    }
    Ok(path)
}

fn list(lister: &Path, json: &Path) -> Result<String> {
    let output = Command::new(lister)
        .arg(json)
        .output()
        .with_context(|| format!("running {}", lister.display()))?;
    if !output.status.success() {
        bail!("{}", String::from_utf8_lossy(&output.stderr));
    }
    String::from_utf8(output.stdout).context("the listing is not UTF-8")
}

/// The lines only in `old` (`-`) and only in `new` (`+`): both listings are sorted sets of items.
fn difference(old: &str, new: &str) -> String {
    let old_lines: std::collections::BTreeSet<&str> = old.lines().collect();
    let new_lines: std::collections::BTreeSet<&str> = new.lines().collect();
    let removed = old_lines.difference(&new_lines).map(|l| format!("- {l}"));
    let added = new_lines.difference(&old_lines).map(|l| format!("+ {l}"));
    removed.chain(added).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_difference_names_removed_and_added_items() {
        let old = "pub fn a()\npub fn b()\n";
        let new = "pub fn b()\npub fn c()\n";
        assert_eq!(difference(old, new), "- pub fn a()\n+ pub fn c()");
        assert_eq!(difference(new, new), "");
    }
}
