//! A token cache file: the refresh token (and last access token) survive restarts.
//!
//! The file holds secrets, so it is created with mode 0600 and replaced atomically (a temporary
//! file in the same directory, synced, then renamed over the old one): a crash mid-write leaves the
//! old file. A crash between writing the temporary and renaming it leaves the temporary, which
//! holds a refresh token: temporaries are named after the cache (`.tokens.json.tmp-XXXXXX`) and
//! removed by the next load or store.
//!
//! Written with std rather than the `tempfile` crate: for this one create, write, rename, tempfile
//! brought rustix, linux-raw-sys and fastrand into every user's first build (about 2 s of its CPU
//! time, BENCHMARKS.md "Build cost").

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Error;

/// Where [`AuthorizationCode`](super::AuthorizationCode) keeps its tokens between runs.
#[derive(Clone, Debug)]
pub struct TokenCache {
    path: PathBuf,
}

/// What the cache file holds.
#[derive(Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct CachedTokens {
    pub refresh_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl TokenCache {
    /// A cache at `path` (created on first write).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The cache file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, source: std::io::Error) -> Error {
        Error::TokenCache {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Reads the cache; a missing file is `Ok(None)`, a corrupt one an error (never silently
    /// dropped).
    pub(crate) fn load(&self) -> Result<Option<CachedTokens>, Error> {
        self.remove_stale_temporaries();
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
                self.error(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("not a token cache ({})", e.classify_name()),
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Replaces the cache atomically.
    pub(crate) fn store(&self, tokens: &CachedTokens) -> Result<(), Error> {
        self.remove_stale_temporaries();
        let temp = self.prepare(tokens)?;
        temp.rename_to(&self.path).map_err(|e| self.error(e))
    }

    /// The directory of the cache file.
    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// `.tokens.json.tmp-`: how the temporaries of this cache's writes start.
    fn temporary_prefix(&self) -> String {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        format!(".{name}.tmp-")
    }

    /// Removes temporaries that a writer killed before its rename left behind (they hold a refresh
    /// token). Best effort: a directory that cannot be read has nothing to clean.
    fn remove_stale_temporaries(&self) {
        let prefix = self.temporary_prefix();
        let Ok(entries) = std::fs::read_dir(self.dir()) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Writes the new contents to a synced temporary file (mode 0600) beside the cache.
    fn prepare(&self, tokens: &CachedTokens) -> Result<Temporary, Error> {
        let dir = self.dir();
        std::fs::create_dir_all(dir).map_err(|e| self.error(e))?;
        let (temp, mut file) =
            Temporary::create(dir, &self.temporary_prefix()).map_err(|e| self.error(e))?;
        // Created 0600, but the umask may have taken bits away: say the mode exactly.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| self.error(e))?;
        }
        let json = serde_json::to_vec(tokens).map_err(|e| self.error(std::io::Error::other(e)))?;
        file.write_all(&json).map_err(|e| self.error(e))?;
        file.sync_all().map_err(|e| self.error(e))?;
        Ok(temp)
    }
}

/// A new file beside the cache, removed when dropped unless it was renamed over the cache: an
/// error between creating and renaming it leaves no refresh token behind.
struct Temporary {
    path: PathBuf,
    renamed: bool,
}

impl Temporary {
    /// Creates `dir/{prefix}{random suffix}` (mode 0600 from the start on Unix), never opening a
    /// file that exists.
    fn create(dir: &Path, prefix: &str) -> std::io::Result<(Self, File)> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        for _ in 0..8 {
            let path = dir.join(format!("{prefix}{:016x}", rand::random::<u64>()));
            match options.open(&path) {
                Ok(file) => {
                    return Ok((
                        Self {
                            path,
                            renamed: false,
                        },
                        file,
                    ));
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::new(
            ErrorKind::AlreadyExists,
            "eight random temporary names were all taken",
        ))
    }

    /// Renames the file over `target` (atomically: readers see the old file or the new one).
    fn rename_to(mut self, target: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, target)?;
        self.renamed = true;
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    /// The kind of JSON error, without the position text (which can quote the file's contents).
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "I/O error",
            serde_json::error::Category::Syntax => "invalid JSON",
            serde_json::error::Category::Data => "unexpected fields",
            serde_json::error::Category::Eof => "truncated",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_left_by_a_killed_writer_is_removed_by_the_next_load() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path().join("tokens.json"));
        // What a writer killed between its write and its rename leaves behind.
        let stale = dir.path().join(".tokens.json.tmp-AbC123");
        std::fs::write(&stale, br#"{"refresh_token":"secret"}"#).unwrap();
        let unrelated = dir.path().join(".other.json.tmp-AbC123");
        std::fs::write(&unrelated, b"not ours").unwrap();
        assert!(cache.load().unwrap().is_none());
        assert!(!stale.exists(), "the stale temporary is gone");
        assert!(
            unrelated.exists(),
            "another file's temporaries are not touched"
        );

        std::fs::write(&stale, b"again").unwrap();
        let tokens = CachedTokens {
            refresh_token: "r".into(),
            scope: None,
        };
        cache.store(&tokens).unwrap();
        assert!(!stale.exists(), "store cleans up too");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    fn tokens(refresh: &str) -> CachedTokens {
        CachedTokens {
            refresh_token: refresh.into(),
            scope: Some("user-read-private".into()),
        }
    }

    #[test]
    fn round_trip_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path().join("nested/tokens.json"));
        assert!(cache.load().unwrap().is_none());
        cache.store(&tokens("r1")).unwrap();
        assert!(cache.load().unwrap() == Some(tokens("r1")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(cache.path())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        cache.store(&tokens("r2")).unwrap();
        assert!(cache.load().unwrap() == Some(tokens("r2")));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("nested"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("tokens.json")]);
    }

    #[test]
    fn an_interrupted_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::new(dir.path().join("tokens.json"));
        cache.store(&tokens("old")).unwrap();
        // The process dies after writing the temporary file but before the rename.
        std::mem::forget(cache.prepare(&tokens("new")).unwrap());
        assert!(cache.load().unwrap() == Some(tokens("old")));
    }

    #[test]
    fn a_failed_store_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the cache file should be: the rename over it fails.
        let path = dir.path().join("tokens.json");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("keep"), b"").unwrap();
        let err = TokenCache::new(&path).store(&tokens("r")).unwrap_err();
        assert!(matches!(err, Error::TokenCache { .. }), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("tokens.json")]);
    }

    #[test]
    fn a_corrupt_cache_is_an_error_that_does_not_quote_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens.json");
        std::fs::write(&path, "{\"refresh_token\": \"SECRETVALUE").unwrap();
        let err = TokenCache::new(&path).load().err().unwrap().to_string();
        assert!(err.contains("truncated"), "{err}");
        assert!(!err.contains("SECRETVALUE"), "{err}");
    }
}
