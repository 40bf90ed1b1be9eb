//! Maintainer tasks for the workspace.
//!
//! - `cargo xtask gen [--check] [--spec PATH]`: apply `openapi/patches/` to Spotify's spec and
//!   regenerate `models/src/` and `generated/src/` (and the derived data) with progenitor.
//! - `cargo xtask spec fetch [URL]`: download the spec `openapi/spec.lock` names, for maintainers
//!   without `../shared`.
//! - `cargo xtask diff OLD NEW`: what a new spec changes, as Markdown.
//! - `cargo xtask package`: `cargo package` of the library crates, verified, on a copy of `HEAD`.
//! - `cargo xtask api [--check]`: list the public API of the library crates (`public-api.txt`
//!   beside each), or check that the listings are current.
//! - `cargo xtask bench [--quick] [--build-cost | --build-cost-only]`: benchmarks against raw
//!   reqwest and rspotify, one table.

mod api;
mod bench;
mod build_cost;
mod derive;
mod deserialize;
mod diff;
mod docs;
mod generate;
mod lenient;
mod normalize;
mod package;
mod requests;
mod required;
mod spec;
mod twins;

use std::path::PathBuf;

use anyhow::{Result, bail};

/// Hand-rolled argument parsing: two flags do not justify a CLI framework in the build graph of
/// every `cargo xtask` invocation.
fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("gen") => {
            let mut check = false;
            let mut spec = None;
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--check" => check = true,
                    "--spec" => match args.next() {
                        Some(path) => spec = Some(PathBuf::from(path)),
                        None => bail!("--spec needs a path"),
                    },
                    other => bail!("unknown argument to `gen`: {other}\n{USAGE}"),
                }
            }
            generate::run(&generate::Options { check, spec })
        }
        Some("api") => {
            let mut check = false;
            for arg in args {
                match arg.as_str() {
                    "--check" => check = true,
                    other => bail!("unknown argument to `api`: {other}\n{USAGE}"),
                }
            }
            api::run(check)
        }
        Some("spec") => match (args.next().as_deref(), args.next()) {
            (Some("fetch"), url) => {
                let path = spec::fetch(&workspace_root(), url.as_deref())?;
                println!(
                    "wrote {} (sha256 matches openapi/spec.lock)",
                    path.display()
                );
                Ok(())
            }
            _ => bail!("usage: cargo xtask spec fetch [URL]\n{USAGE}"),
        },
        Some("diff") => match (args.next(), args.next()) {
            (Some(old), Some(new)) => {
                let report = diff::run(&workspace_root(), old.as_ref(), new.as_ref())?;
                print!("{report}");
                Ok(())
            }
            _ => bail!("usage: cargo xtask diff OLD.yml NEW.yml\n{USAGE}"),
        },
        Some("package") => {
            let root = workspace_root();
            package::run(&root, &root.join("target"))
        }
        Some("bench") => {
            let mut options = bench::Options::default();
            for arg in args {
                match arg.as_str() {
                    "--quick" => options.quick = true,
                    "--build-cost" => options.build_cost = true,
                    "--build-cost-only" => options.build_cost_only = true,
                    other => bail!("unknown argument to `bench`: {other}\n{USAGE}"),
                }
            }
            bench::run(&options)
        }
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown task `{other}`\n{USAGE}"),
    }
}

const USAGE: &str = "usage:
  cargo xtask gen              regenerate models/ and generated/ from the locked spec + patches
  cargo xtask gen --check      fail, naming the files, when they are stale
  cargo xtask gen --spec PATH  generate from another spec file (skips the lock's checksum)
  cargo xtask spec fetch [URL] download the locked spec to the lock's path, checking its sha256
  cargo xtask diff OLD NEW     what a new spec changes (Markdown): operations, parameters, fields
  cargo xtask package          cargo package the library crates (on a copy of HEAD made publishable)
  cargo xtask api              list the public API of the library crates (<crate>/public-api.txt)
  cargo xtask api --check      fail, showing the change, when a listing is out of date
  cargo xtask bench            benchmarks against raw reqwest and rspotify, peak memory; one table
  cargo xtask bench --quick    the same, short (a smoke run)
  cargo xtask bench --build-cost       also a cold app build, ours and rspotify's (10 minutes)
  cargo xtask bench --build-cost-only  only those";

/// A `cargo` command: the cargo running this xtask (`$CARGO`), else the one on the `PATH`.
pub fn cargo() -> std::process::Command {
    std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The workspace root (the parent of this crate's manifest directory).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The handwritten sources stay within rustfmt's width: rustfmt wraps code but not comments,
    /// so this checks what it cannot (characters, not bytes: `→` is one).
    #[test]
    fn handwritten_lines_fit_in_100_characters() {
        fn check(dir: &Path, long: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    check(&path, long);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (n, line) in text.lines().enumerate() {
                        if line.chars().count() > 100 {
                            long.push(format!("{}:{}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        let root = super::workspace_root();
        let mut long = Vec::new();
        for dir in ["facade/src", "mock/src", "xtask/src"] {
            check(&root.join(dir), &mut long);
        }
        assert!(long.is_empty(), "lines over 100 characters: {long:#?}");
    }
}
