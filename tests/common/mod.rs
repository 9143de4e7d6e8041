//! Running the `crosscheck` binary from the integration tests. Each test file is its own crate
//! and uses part of this, hence `allow(dead_code)`.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;

/// Runs crosscheck in `dir` with NO_COLOR set; returns (exit code, stdout, stderr), which
/// must be UTF-8.
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("crosscheck writes UTF-8 to stdout"),
        String::from_utf8(out.stderr).expect("crosscheck writes UTF-8 to stderr"),
    )
}

/// Runs crosscheck in the crate's root (where `seeds/` and `rules/` are).
pub fn crosscheck(args: &[&str]) -> (i32, String, String) {
    run(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}
