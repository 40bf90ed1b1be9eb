//! `cargo xtask package`: packages the three library crates as the registry would receive them,
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

const CRATES: [&str; 3] = ["spotify-sdk-generated", "spotify-sdk", "spotify-sdk-mock"];

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
