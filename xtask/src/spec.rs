//! Loading the spec named by `openapi/spec.lock` and applying `openapi/patches/` in order.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// `openapi/spec.lock`: which third-party spec the patches were written against.
#[derive(Debug, Deserialize)]
pub struct Lock {
    /// Path of the spec, relative to the workspace root.
    pub path: String,
    /// Where the spec comes from (informational).
    #[allow(dead_code)]
    pub upstream: String,
    /// The spec's `info.version`.
    pub version: String,
    /// Lower-case hex SHA-256 of the spec file's bytes.
    pub sha256: String,
}

impl Lock {
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join("openapi/spec.lock");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }
}

/// The spec as JSON, with the path it came from (relative to the root when it is the locked one).
pub struct LoadedSpec {
    pub value: Value,
    pub source: String,
}

/// Reads the locked spec, verifying its checksum and version, or `override_path` unchecked.
pub fn load(root: &Path, override_path: Option<&Path>) -> Result<LoadedSpec> {
    let lock = Lock::load(root)?;
    let (path, source): (PathBuf, String) = match override_path {
        Some(p) => (p.to_path_buf(), p.display().to_string()),
        None => (root.join(&lock.path), lock.path.clone()),
    };
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "reading the spec at {} (the repo does not copy it; ../shared must be beside the \
                checkout)",
            path.display()
        )
    })?;
    let value: Value = serde_yaml_ng::from_slice(&bytes)
        .with_context(|| format!("parsing {} as YAML", path.display()))?;
    if override_path.is_none() {
        let digest = hex(&Sha256::digest(&bytes));
        if digest != lock.sha256 {
            bail!(
                "{} has sha256 {digest}, but openapi/spec.lock pins {}: update the lock (and \
                    review the patches) deliberately",
                path.display(),
                lock.sha256
            );
        }
        let version = value.pointer("/info/version").and_then(Value::as_str);
        if version != Some(lock.version.as_str()) {
            bail!(
                "{} is version {version:?}, the lock says {}",
                path.display(),
                lock.version
            );
        }
    }
    Ok(LoadedSpec { value, source })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The patch files, sorted by name (they are numbered `NN-name.yml`).
pub fn patch_files(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join("openapi/patches");
    let mut files = std::fs::read_dir(&dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"));
    files.sort();
    Ok(files)
}

/// Applies one RFC 6902 JSON Patch (written in YAML so it can start with a comment saying why).
///
/// Every patch must start with a `#` comment; an operation that does not apply fails naming the
/// file.
pub fn apply_patch(spec: &mut Value, file: &Path) -> Result<()> {
    let name = file.display();
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {name}"))?;
    if !text.trim_start().starts_with('#') {
        bail!("{name}: a patch must start with a comment saying why it exists");
    }
    let ops: json_patch::Patch =
        serde_yaml_ng::from_str(&text).with_context(|| format!("{name}: not a JSON Patch"))?;
    json_patch::patch(spec, &ops)
        .with_context(|| format!("{name} no longer applies to this spec"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_that_does_not_apply_names_its_file() {
        let dir = std::env::temp_dir().join(format!("xtask-patch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("01-missing.yml");
        std::fs::write(&file, "# why\n- op: remove\n  path: /paths/~1nope\n").unwrap();
        let mut spec = serde_json::json!({"paths": {}});
        let err = format!("{:#}", apply_patch(&mut spec, &file).unwrap_err());
        assert!(err.contains("01-missing.yml no longer applies"), "{err}");
    }

    #[test]
    fn a_patch_without_a_reason_is_refused() {
        let dir = std::env::temp_dir().join(format!("xtask-why-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("01-silent.yml");
        std::fs::write(&file, "- op: add\n  path: /x\n  value: 1\n").unwrap();
        let mut spec = serde_json::json!({});
        let err = apply_patch(&mut spec, &file).unwrap_err().to_string();
        assert!(err.contains("must start with a comment"), "{err}");
    }
}
