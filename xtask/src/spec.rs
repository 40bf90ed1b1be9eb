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
    /// Where the spec comes from.
    pub upstream: String,
    /// The upstream file `cargo xtask spec fetch` downloads.
    pub url: String,
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
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if override_path.is_none() && e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{} is missing: the spec is third-party data this repository does not copy. It is {} \
             version {} (sha256 {}). Run `cargo xtask spec fetch` to download it from {}, or put \
             ../shared beside the checkout.",
            path.display(),
            lock.upstream,
            lock.version,
            lock.sha256,
            lock.url
        ),
        Err(e) => return Err(e).with_context(|| format!("reading the spec at {}", path.display())),
    };
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

/// `cargo xtask spec fetch`: downloads the locked spec from `url` (default: the lock's), checks its
/// sha256 against the lock, and writes it to the lock's `path` (atomically; nothing is written when
/// the check fails).
pub fn fetch(root: &Path, url: Option<&str>) -> Result<PathBuf> {
    let http = reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(120))
        .build()?;
    fetch_with(&http, root, url)
}

fn fetch_with(http: &reqwest::blocking::Client, root: &Path, url: Option<&str>) -> Result<PathBuf> {
    let lock = Lock::load(root)?;
    let url = url.unwrap_or(&lock.url);
    let response = http
        .get(url)
        .send()
        .and_then(reqwest::blocking::Response::error_for_status)
        .with_context(|| format!("downloading {url}"))?;
    let bytes = response
        .bytes()
        .with_context(|| format!("downloading {url}"))?;
    let digest = hex(&Sha256::digest(&bytes));
    if digest != lock.sha256 {
        bail!(
            "{url} served a file with sha256 {digest}, but openapi/spec.lock pins {} (version {}): \
             not written",
            lock.sha256,
            lock.version
        );
    }
    let path = root.join(&lock.path);
    let dir = path.parent().context("the lock's path has no directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let temp = path.with_extension("yml.part");
    std::fs::write(&temp, &bytes).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;

    /// A one-request HTTP server on 127.0.0.1 answering `body`; returns its URL.
    fn serve_once(body: &'static [u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/spec.yml", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(body).unwrap();
        });
        url
    }

    /// A workspace root with a lock pinning `pinned`'s sha256.
    fn root_pinning(name: &str, pinned: &[u8]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("xtask-fetch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("openapi")).unwrap();
        let lock = format!(
            "path = \"shared/spec.yml\"\nupstream = \"test\"\nurl = \"http://127.0.0.1:9/\"\n\
             version = \"1\"\nsha256 = \"{}\"\n",
            hex(&Sha256::digest(pinned))
        );
        std::fs::write(root.join("openapi/spec.lock"), lock).unwrap();
        root
    }

    #[test]
    fn fetch_writes_the_pinned_file_and_refuses_any_other() {
        const SPEC: &[u8] = b"openapi: 3.0.3\ninfo: {version: '1'}\n";
        // No proxy from the environment: the server is on 127.0.0.1.
        let http = reqwest::blocking::Client::builder()
            .no_proxy()
            .build()
            .unwrap();
        let fetch = |root: &Path, url: &str| fetch_with(&http, root, Some(url));
        let root = root_pinning("ok", SPEC);
        let path = fetch(&root, &serve_once(SPEC)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), SPEC);
        assert_eq!(path, root.join("shared/spec.yml"));

        let root = root_pinning("other", SPEC);
        let error = fetch(&root, &serve_once(b"something else")).unwrap_err();
        assert!(format!("{error:#}").contains("not written"), "{error:#}");
        assert!(!root.join("shared/spec.yml").exists());
        assert!(!root.join("shared/spec.yml.part").exists());
    }

    #[test]
    fn a_missing_spec_says_where_it_comes_from() {
        let root = root_pinning("missing", b"x");
        let error = load(&root, None).err().unwrap();
        let text = format!("{error:#}");
        assert!(text.contains("cargo xtask spec fetch"), "{text}");
        assert!(text.contains(&hex(&Sha256::digest(b"x"))), "{text}");
    }

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
