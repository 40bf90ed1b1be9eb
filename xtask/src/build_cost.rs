//! `cargo xtask bench --build-cost`: what a user's first build costs. The same small app (build a
//! client, get one track) is written twice, on spotify-sdk (`HEAD` of this repository, by path)
//! and on rspotify 0.16 (async, reqwest, rustls: what a user would pick), and each is built from
//! scratch in a fresh target directory, debug then release, each app twice per profile in the
//! order ours, rspotify, rspotify, ours, in one run and with the same registry cache, after an
//! untimed check of each (so that the first timed build does not warm the host alone). The answer
//! is a Markdown table, and the slowest units of our first debug build (from `cargo build
//! --timings`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::Value;

const OURS_MAIN: &str = r#"#[tokio::main]
async fn main() -> Result<(), spotify_sdk::Error> {
    let client = spotify_sdk::Client::from_env()?;
    let track = client.tracks().get("4uLU6hMCjMI75M1A2tKUQC").await?;
    println!("{}", track.name);
    Ok(())
}
"#;

const RSPOTIFY_MAIN: &str = r#"use rspotify::model::TrackId;
use rspotify::prelude::*;
use rspotify::{ClientCredsSpotify, Credentials};

#[tokio::main]
async fn main() {
    let spotify = ClientCredsSpotify::new(Credentials::from_env().expect("credentials"));
    spotify.request_token().await.expect("a token");
    let id = TrackId::from_id("4uLU6hMCjMI75M1A2tKUQC").expect("an ID");
    let track = spotify.track(id, None).await.expect("the track");
    println!("{}", track.name);
}
"#;

/// Runs the comparison under `target/build-cost` and returns the report.
pub fn run(root: &Path, target: &Path) -> Result<String> {
    let work = target.join("build-cost");
    let _ = std::fs::remove_dir_all(&work);
    let source = work.join("spotify-sdk");
    export_head(root, &source)?;
    let facade = source.join("facade");
    let ours = format!(
        "spotify-sdk = {{ path = {:?} }}\ntokio = {{ version = \"1\", features = [\"macros\", \
         \"rt-multi-thread\"] }}\n",
        facade.display().to_string()
    );
    let rspotify = "rspotify = { version = \"0.16\", default-features = false, features = \
                    [\"client-reqwest\", \"reqwest-rustls-tls\"] }\ntokio = { version = \"1\", \
                    features = [\"macros\", \"rt-multi-thread\"] }\n";
    write_app(&work.join("app-ours"), &ours, OURS_MAIN)?;
    write_app(&work.join("app-rspotify"), rspotify, RSPOTIFY_MAIN)?;

    // Untimed, first: a check of each app, so that the first timed build (always ours) does not pay
    // alone for what a host's first build pays (rustc's own libraries and the registry's sources
    // read from disk, build scripts compiled): in ten runs without this, the first build was the
    // slower of ours eight times, by up to 13 s.
    for app in ["app-ours", "app-rspotify"] {
        let scratch = work.join(format!("target-{app}-warm-up"));
        let status = cargo_in(&work.join(app), &scratch)
            .args(["check", "--quiet"])
            .status()
            .with_context(|| format!("checking {app}"))?;
        if !status.success() {
            bail!("checking {app} failed ({status})");
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }

    let mut rows = Vec::new();
    let mut slowest = String::new();
    for (profile, release) in [("debug", false), ("release", true)] {
        // Each app twice, in the order ours, rspotify, rspotify, ours: a drift of the host's
        // speed during the four builds (or a cold file cache for the first) weighs on both alike.
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for (round, app) in ORDER.iter().enumerate() {
            let dir = work.join(app);
            let fresh = work.join(format!("target-{app}-{profile}-{round}"));
            let seconds = build(&dir, &fresh, release)?;
            if *app == "app-ours" {
                if ours.is_empty() && !release {
                    slowest = slowest_units(&fresh, 6).unwrap_or_default();
                }
                ours.push(seconds);
            } else {
                theirs.push(seconds);
            }
            let _ = std::fs::remove_dir_all(&fresh);
        }
        rows.push((profile, ours, theirs));
    }
    let mut out = String::new();
    writeln!(
        out,
        "| cold build of the app | spotify-sdk | rspotify 0.16 | ours ÷ rspotify (means) |\n\
         |---|---:|---:|---:|"
    )?;
    for (profile, ours, theirs) in rows {
        writeln!(
            out,
            "| {profile} | {} | {} | {:.2} |",
            seconds_list(&ours),
            seconds_list(&theirs),
            mean(&ours) / mean(&theirs)
        )?;
    }
    writeln!(
        out,
        "\nBuilt in the order ours, rspotify, rspotify, ours for each profile.\n\n\
         Slowest units of ours (debug):\n{slowest}"
    )?;
    let _ = std::fs::remove_dir_all(&work);
    Ok(out)
}

/// The order of the builds of one profile (ABBA).
const ORDER: [&str; 4] = ["app-ours", "app-rspotify", "app-rspotify", "app-ours"];

fn mean(seconds: &[f64]) -> f64 {
    seconds.iter().sum::<f64>() / seconds.len() as f64
}

/// `45.7 s, 43.0 s`.
fn seconds_list(seconds: &[f64]) -> String {
    let each: Vec<String> = seconds.iter().map(|s| format!("{s:.1} s")).collect();
    each.join(", ")
}

/// `git archive HEAD` of the repository, unpacked at `dest`: what is committed, not the work tree.
pub fn export_head(root: &Path, dest: &Path) -> Result<()> {
    std::fs::create_dir_all(dest)?;
    let archive = Command::new("git")
        .current_dir(root)
        .args(["archive", "--format=tar", "HEAD"])
        .output()
        .context("git archive HEAD")?;
    if !archive.status.success() {
        bail!(
            "git archive HEAD failed: {}",
            String::from_utf8_lossy(&archive.stderr)
        );
    }
    let tar = dest.join("head.tar");
    std::fs::write(&tar, &archive.stdout)?;
    let status = Command::new("tar")
        .current_dir(dest)
        .args(["-xf", "head.tar"])
        .status()?;
    if !status.success() {
        bail!("tar -x failed");
    }
    std::fs::remove_file(&tar)?;
    Ok(())
}

/// A binary crate of its own (`[workspace]`: it is under this repository's `target/`).
fn write_app(dir: &Path, dependencies: &str, main: &str) -> Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[workspace]\n\n[dependencies]\n{dependencies}"
        ),
    )?;
    std::fs::write(dir.join("src/main.rs"), main)?;
    Ok(())
}

/// `cargo` in `dir`, building into `target` as a user's first build would.
fn cargo_in(dir: &Path, target: &Path) -> Command {
    let mut command = crate::cargo();
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        // Cargo builds path dependencies (ours here) incrementally in debug, registry ones
        // (rspotify, and ours once a user takes it from a registry) not: without this our crates
        // would pay for incremental state a user's first build never writes.
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// Wall time of a clean `cargo build` of `dir` into `target`.
fn build(dir: &Path, target: &Path, release: bool) -> Result<f64> {
    let mut command = cargo_in(dir, target);
    command.args(["build", "--quiet", "--timings"]);
    if release {
        command.arg("--release");
    }
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("building {}", dir.display()))?;
    if !status.success() {
        bail!("building {} failed ({status})", dir.display());
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The `n` longest units of the newest `cargo-timing.html` under `target`, as a Markdown list.
fn slowest_units(target: &Path, n: usize) -> Option<String> {
    let html = std::fs::read_to_string(target.join("cargo-timings/cargo-timing.html")).ok()?;
    let start = html.find("const UNIT_DATA = ")? + "const UNIT_DATA = ".len();
    let end = start + html[start..].find(";\n")?;
    let units: Value = serde_json::from_str(&html[start..end]).ok()?;
    let mut units: Vec<(String, f64)> = units
        .as_array()?
        .iter()
        .filter_map(|u| {
            let name = u["name"].as_str()?;
            let target = u["target"].as_str().unwrap_or("");
            Some((format!("{name}{target}"), u["duration"].as_f64()?))
        })
        .collect();
    units.sort_by(|a, b| b.1.total_cmp(&a.1));
    Some(
        units
            .iter()
            .take(n)
            .map(|(name, seconds)| format!("- {name}: {seconds:.1} s\n"))
            .collect(),
    )
}
