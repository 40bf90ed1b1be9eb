//! `cargo xtask bench`: runs the criterion benchmarks of `benches/` (the facade against raw reqwest
//! and rspotify on one local server), the peak-memory binary at 10,000 and 100,000 items, the
//! cost of coordinating through Redis, optionally the build-cost measurements, and prints one
//! table. Results are read from criterion's
//! `<target>/criterion/<group>/<function>/new/estimates.json`, never from its text output.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::workspace_root;

/// What `cargo xtask bench` does.
#[derive(Debug, Default)]
pub struct Options {
    /// Short runs (criterion `--quick`, 2,000 paging items, memory at 2,000 and 20,000): a smoke
    /// run.
    pub quick: bool,
    /// Also measure build cost (cold debug and release builds of one app, ours and rspotify's,
    /// four of each profile: about ten minutes).
    pub build_cost: bool,
    /// Measure build cost only (no benchmarks).
    pub build_cost_only: bool,
}

const BENCHES: [&str; 3] = ["http", "paging", "decode"];

/// Rows of the table: (group, label, our function, baseline (a) function, rspotify function).
const ROWS: &[(&str, &str, &str, &str, &str)] = &[
    ("c1_track", "1 get one track", "ours", "reqwest", "rspotify"),
    (
        "c2_page",
        "2 one 50-item page",
        "ours",
        "reqwest",
        "rspotify",
    ),
    (
        "c3_paging",
        "3 all items, sequential",
        "ours_seq",
        "reqwest_seq",
        "rspotify_seq",
    ),
    (
        "c3_paging",
        "3 all items, default prefetch (4)",
        "ours_default",
        "reqwest_default",
        "rspotify_default",
    ),
    (
        "c3_paging",
        "3 all items, 8 in flight",
        "ours_8",
        "reqwest_8",
        "rspotify_8",
    ),
    (
        "c4_concurrent",
        "4 100 concurrent tracks",
        "ours",
        "reqwest",
        "rspotify",
    ),
    (
        "c5_decode_track",
        "5 decode track (a = floor*)",
        "ours",
        "floor",
        "rspotify",
    ),
    (
        "c5_decode_page",
        "5 decode 50-item page (a = floor*)",
        "ours",
        "floor",
        "rspotify",
    ),
    (
        "c5_decode_fixtures",
        "5 decode 26 fixtures (a = floor*)",
        "ours",
        "floor",
        "rspotify",
    ),
];

/// Runs everything and prints the table.
pub fn run(options: &Options) -> Result<()> {
    let root = workspace_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    if options.build_cost_only {
        println!("\nBuild cost:\n{}", crate::build_cost::run(&root, &target)?);
        return Ok(());
    }
    let criterion = target.join("criterion");
    for (group, ..) in ROWS {
        let _ = std::fs::remove_dir_all(criterion.join(group));
    }
    let (paging_items, memory_sizes) = if options.quick {
        (2_000, [2_000, 20_000])
    } else {
        (10_000, [10_000, 100_000])
    };

    let mut cargo = crate::cargo();
    cargo
        .current_dir(&root)
        .args(["bench", "-p", "spotify-sdk-benches"])
        .args(BENCHES.iter().flat_map(|b| ["--bench", b]))
        .env("CRITERION_HOME", &criterion)
        .env("SPOTIFY_BENCH_ITEMS", paging_items.to_string())
        .arg("--");
    if options.quick {
        cargo.arg("--quick");
    }
    run_checked(&mut cargo, "cargo bench")?;

    let mut memory = Vec::new();
    for items in memory_sizes {
        let lines = run_bin(&root, "memory", &["--items", &items.to_string()])?;
        memory.extend(lines.into_iter().last());
    }
    let rounds = if options.quick { "10" } else { "60" };
    let interleaved = run_bin(&root, "interleaved", &["--rounds", rounds])?;
    let coordination = run_bin(&root, "coordination", &["--rounds", rounds])?;

    let build = if options.build_cost {
        Some(crate::build_cost::run(&root, &target)?)
    } else {
        None
    };

    let table = table(
        &criterion,
        paging_items,
        &memory,
        &interleaved,
        coordination.first(),
        build.as_deref(),
    )?;
    println!("\n{table}");
    Ok(())
}

/// Runs a binary of the benches crate (release) and parses each line of its output as JSON.
fn run_bin(root: &Path, bin: &str, args: &[&str]) -> Result<Vec<Value>> {
    let output = crate::cargo()
        .current_dir(root)
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "spotify-sdk-benches",
            "--bin",
            bin,
            "--",
        ])
        .args(args)
        .output()
        .with_context(|| format!("running the {bin} binary"))?;
    if !output.status.success() {
        bail!(
            "the {bin} binary failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).with_context(|| format!("{bin} output {line:?}")))
        .collect()
}

fn run_checked(command: &mut Command, what: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("starting {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Criterion's median estimate of `group/function`, in nanoseconds.
fn median_ns(criterion: &Path, group: &str, function: &str) -> Option<f64> {
    let path = criterion
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn duration(ns: Option<f64>) -> String {
    match ns {
        None => "-".into(),
        Some(ns) if ns >= 1e9 => format!("{:.3} s", ns / 1e9),
        Some(ns) if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        Some(ns) if ns >= 1e3 => format!("{:.1} µs", ns / 1e3),
        Some(ns) => format!("{ns:.0} ns"),
    }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "-".into(),
    }
}

fn table(
    criterion: &Path,
    paging_items: usize,
    memory: &[Value],
    interleaved: &[Value],
    coordination: Option<&Value>,
    build: Option<&str>,
) -> Result<String> {
    let mut out = String::new();
    writeln!(
        out,
        "| case | ours | (a) reqwest | rspotify | ours ÷ (a) | ours ÷ rspotify \
            |\n|---|---:|---:|---:|---:|---:|"
    )?;
    for (group, label, ours, baseline, theirs) in ROWS {
        let label = label.replace("all items", &format!("{paging_items} items"));
        let (o, a, r) = (
            median_ns(criterion, group, ours),
            median_ns(criterion, group, baseline),
            median_ns(criterion, group, theirs),
        );
        writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} |",
            duration(o),
            duration(a),
            duration(r),
            ratio(o, a),
            ratio(o, r)
        )?;
    }
    writeln!(
        out,
        "\nTimes are criterion medians; ratios are time ÷ time (below 1: ours is faster).\n\
         * decode rows: (a) is serde_json into IgnoredAny (reads the JSON, builds nothing), the \
         floor for any typed decoder."
    )?;
    let speedup = |group: &str, function: &str| {
        ratio(
            median_ns(criterion, group, &format!("{function}_seq")),
            median_ns(criterion, group, &format!("{function}_8")),
        )
    };
    let speedup_default = |function: &str| {
        ratio(
            median_ns(criterion, "c3_paging", &format!("{function}_seq")),
            median_ns(criterion, "c3_paging", &format!("{function}_default")),
        )
    };
    writeln!(
        out,
        "\nCase 3 speed-up over sequential (ours): default prefetch {}x, 8 in flight {}x \
            (reqwest: {}x, {}x; rspotify: {}x, {}x)",
        speedup_default("ours"),
        speedup("c3_paging", "ours"),
        speedup_default("reqwest"),
        speedup("c3_paging", "reqwest"),
        speedup_default("rspotify"),
        speedup("c3_paging", "rspotify"),
    )?;
    writeln!(
        out,
        "\nCases 1, 2, 4 and case 5's page decode interleaved (every client timed in each round, \
         rotating order; median of rounds; for c5_decode_page, (a) is IgnoredAny):\n\n\
         | case | ours | (a) reqwest | (a) with ours' timeouts | rspotify | generated | ours ÷ (a) \
         | ours ÷ (a) with timeouts | ours ÷ rspotify |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    for line in interleaved {
        let get = |client: &str| line[client].as_f64();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            line["case"].as_str().unwrap_or("?"),
            duration(get("ours")),
            duration(get("reqwest")),
            duration(get("reqwest_timeouts")),
            duration(get("rspotify")),
            duration(get("generated")),
            ratio(get("ours"), get("reqwest")),
            ratio(get("ours"), get("reqwest_timeouts")),
            ratio(get("ours"), get("rspotify")),
        )?;
    }
    writeln!(out, "\nDiagnostics (not in the targets):")?;
    if let Some(decode) = interleaved.iter().find(|l| l["case"] == "c5_decode_page") {
        let get = |decoder: &str| decode[decoder].as_f64();
        writeln!(
            out,
            "- c5_decode_page, every item read straight as a track (a bound: no `type` check), \
             interleaved: {} (ours ÷ it {}, it ÷ IgnoredAny {})",
            duration(get("tracks_only")),
            ratio(get("ours"), get("tracks_only")),
            ratio(get("tracks_only"), get("reqwest")),
        )?;
    }
    let diagnostics: [(&str, &[&str]); 3] = [
        (
            "the generated client without the facade",
            &["c1_track", "c2_page", "c4_concurrent"],
        ),
        (
            "reqwest with the facade's timeouts (30 s, connect 10 s)",
            &["c1_track", "c4_concurrent"],
        ),
        (
            "ours through `Client::call` instead of the stream",
            &["c2_page"],
        ),
    ];
    for ((what, groups), function) in
        diagnostics
            .iter()
            .zip(["generated", "reqwest_timeouts", "ours_call"])
    {
        let times: Vec<String> = groups
            .iter()
            .map(|group| {
                format!(
                    "{group} {}",
                    duration(median_ns(criterion, group, function))
                )
            })
            .collect();
        writeln!(out, "- {what}: {}", times.join(", "))?;
    }

    writeln!(
        out,
        "\nPeak memory of case 3 (ours, default prefetch, one process per size, VmHWM):"
    )?;
    let peaks: Vec<f64> = memory
        .iter()
        .filter_map(|m| m["peak_rss_kib"].as_f64())
        .collect();
    for m in memory {
        writeln!(
            out,
            "- {} items: peak {:.1} MiB (RSS before paging {:.1} MiB), {} s",
            m["items"],
            m["peak_rss_kib"].as_f64().unwrap_or(0.0) / 1024.0,
            m["rss_before_kib"].as_f64().unwrap_or(0.0) / 1024.0,
            m["seconds"]
        )?;
    }
    if let [small, large] = peaks[..] {
        writeln!(
            out,
            "- growth from the smaller to the larger size: {:+.1}%",
            (large / small - 1.0) * 100.0
        )?;
    }
    match coordination {
        Some(c) => writeln!(
            out,
            "\nCoordination through Redis (feature `redis`), `GET /tracks/{{id}}` median of {} \
             calls each, interleaved: local {}, through Redis {} ({}x)",
            c["calls"],
            duration(c["local"].as_f64()),
            duration(c["redis"].as_f64()),
            ratio(c["redis"].as_f64(), c["local"].as_f64()),
        )?,
        None => writeln!(
            out,
            "\nCoordination through Redis: not measured (redis-server is not installed)"
        )?,
    }
    if let Some(build) = build {
        writeln!(out, "\nBuild cost:\n{build}")?;
    }
    Ok(out)
}
