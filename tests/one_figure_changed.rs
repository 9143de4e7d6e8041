//! Corpora built from the seeds with one figure changed at a time. A change that makes a claim's
//! interval disjoint from the other sources is an error naming both files; a change that keeps
//! the intervals overlapping is not an error.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const BAMBOO: &str = "2023-10-26-bamboo-diplomacy-principles.txt";
const INTERVIEW: &str = "minister-bui-thanh-son-interview-2023.txt";
const SGGP: &str = "sggp-2023-12-19-vietnam-diplomatic-achievements.txt";
const VNA: &str = "vna-2023-successful-year-for-diplomacy.txt";
const VOV: &str = "vov-expanded-diplomacy-2023.txt";

/// Copies the seeds into a fresh folder, replacing the first `from` in `file` with `to`, and
/// returns the JSON report of `check` on it.
fn check_with_change(file: &str, from: &str, to: &str) -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if !name.ends_with(".txt") {
            continue;
        }
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        if name == file {
            assert!(text.contains(from), "{from:?} not in {file}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            ".",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--rules",
        ])
        .arg(Path::new(ROOT).join("rules"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = serde_json::from_slice(&out.stdout).unwrap();
    (dir, v)
}

/// Error-level findings other than the seeds' own "2003" typo, as (rule, kind, outlier file,
/// files of the other locations).
fn new_errors(v: &Value) -> Vec<(String, String, String, Vec<String>)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .filter(|f| !(f["rule"] == "year-under-review" && f["locations"][0]["text"] == "2003"))
        .map(|f| {
            let locs = f["locations"].as_array().unwrap();
            let file = |l: &Value| {
                let p = l["path"].as_str().unwrap();
                p.rsplit('/').next().unwrap().to_string()
            };
            (
                f["rule"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                file(&locs[0]),
                locs[1..].iter().map(file).collect(),
            )
        })
        .collect()
}

/// (file, from, to, rule, kind, the other file the error must name)
const DISJOINT: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "vov-expanded-diplomacy-2023.txt",
        "with 193 countries",
        "with 139 countries",
        "diplomatic-relations",
        "typo",
        BAMBOO,
    ),
    (
        VOV,
        "with 193 countries",
        "with 150 countries",
        "diplomatic-relations",
        "conflict",
        BAMBOO,
    ),
    (
        BAMBOO,
        "with 193 countries",
        "with 198 countries",
        "diplomatic-relations",
        "typo",
        VOV,
    ),
    (
        INTERVIEW,
        "increasing by 14.8%",
        "increasing by 16.2%",
        "fdi-growth",
        "conflict",
        SGGP,
    ),
    (
        SGGP,
        "nearly 15 percent",
        "nearly 12 percent",
        "fdi-growth",
        "conflict",
        INTERVIEW,
    ),
    (
        SGGP,
        "US$700 billion",
        "US$550 billion",
        "trade-value",
        "conflict",
        INTERVIEW,
    ),
    (
        VOV,
        "2023 to 2025 term",
        "2023 to 2026 term",
        "un-body-term",
        "typo",
        VNA,
    ),
    (
        VNA,
        "2021-25 term",
        "2020-24 term",
        "un-body-term",
        "conflict",
        VOV,
    ),
    (
        VOV,
        "32nd National Diplomatic",
        "33rd National Diplomatic",
        "conference-ordinal",
        // Two digits, one apart, in different sentences: no evidence of a slip (a typo needs three
        // digits or the same statement around them), so a conflict.
        "conflict",
        INTERVIEW,
    ),
    (
        VOV,
        "six with a comprehensive",
        "seven with a comprehensive",
        "partnerships",
        "conflict",
        VNA,
    ),
];

#[test]
fn a_disjoint_change_is_an_error_naming_both_files() {
    for (file, from, to, rule, kind, other) in DISJOINT {
        let (_dir, v) = check_with_change(file, from, to);
        let errors = new_errors(&v);
        assert!(
            errors.iter().any(|(r, k, outlier, others)| {
                r == rule
                    && k == kind
                    && ((outlier == file && others.iter().any(|o| o == other))
                        || (outlier == other && others.iter().any(|o| o == file)))
            }),
            "{file}: {from:?} -> {to:?}: expected {rule} {kind} between {file} and {other}, got {errors:?}"
        );
    }
}

/// (file, from, to): changes that keep every interval overlapping its counterparts.
const COMPATIBLE: &[(&str, &str, &str)] = &[
    (VOV, "with 193 countries", "with more than 190 countries"),
    (BAMBOO, "with 193 countries", "with nearly 200 countries"),
    (SGGP, "nearly 15 percent", "about 15 percent"),
    (SGGP, "nearly 15 percent", "almost 15%"),
    (
        INTERVIEW,
        "increasing by 14.8%",
        "increasing by around 14.8%",
    ),
    (
        SGGP,
        "can reach US$700 billion",
        "can reach about $690 billion",
    ),
    (VOV, "2023 to 2025 term", "2023-25 term"),
];

#[test]
fn a_compatible_change_is_not_an_error() {
    for (file, from, to) in COMPATIBLE {
        let (_dir, v) = check_with_change(file, from, to);
        let errors = new_errors(&v);
        assert!(errors.is_empty(), "{file}: {from:?} -> {to:?}: {errors:?}");
    }
}

#[test]
fn an_enumeration_that_lists_fewer_items_than_it_counts_is_a_finding() {
    let (_dir, v) = check_with_change(VNA, "China, Russia, ", "China, ");
    let found = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "partnerships" && f["kind"] == "list_count");
    assert!(found, "{v:#}");
}
