//! The command line's contract: exit codes, diagnostics that name the file and line, notices
//! for skipped files, and the quantity command's JSON.

mod common;
use assert_cmd::Command;
use common::run;
use std::fs;

/// A folder holding `files` (name, contents).
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        fs::write(dir.path().join(name), contents).unwrap();
    }
    dir
}

const GOOD_RULE: &str = r#"
[[claim]]
id = "relations"
title = "Countries with diplomatic relations"
unit = "number"
patterns = ['relations\s+with\s+{quantity}\s+countries']
"#;

#[test]
fn every_problem_in_the_rule_files_is_reported_at_its_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    fs::write(
        dir.path().join("rules/a.toml"),
        r#"[[claim]]
id = "growth"
title = "Growth"
unit = "percentage"
patterns = ['grew (by {quantity}']

[[claim]]
id = "relations"
title = "Relations"
unit = "number"
patterns = ['relations with 193 countries']
"#,
    )
    .unwrap();
    fs::write(dir.path().join("rules/b.toml"), GOOD_RULE).unwrap();
    fs::write(dir.path().join("doc.txt"), "Relations with 193 countries.").unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "doc.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stdout.is_empty(),
        "no report when rules are invalid: {stdout}"
    );
    for want in [
        "unknown unit `percentage`",
        "a.toml:4:",
        "pattern does not compile",
        "a.toml:5:",
        "pattern has no `{quantity}` placeholder",
        "a.toml:11:",
        "duplicate",
        "b.toml:",
    ] {
        assert!(stderr.contains(want), "missing {want:?} in:\n{stderr}");
    }
}

#[test]
fn an_unknown_field_is_reported_with_the_fields_allowed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("r.toml"),
        format!("{GOOD_RULE}pattern = ['typo for patterns']\n"),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["rules", "--rules", "r.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown field `pattern`"), "{stderr}");
    assert!(stderr.contains("r.toml:7:"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(dir.path(), &["check"]).0, 2);
    assert_eq!(run(dir.path(), &["check", "--format", "yaml", "x"]).0, 2);
    assert_eq!(run(dir.path(), &["frobnicate"]).0, 2);
}

#[test]
fn a_missing_document_is_an_error_but_the_others_are_still_checked() {
    let dir = folder(&[
        ("r.toml", GOOD_RULE.as_bytes()),
        ("a.txt", b"It has relations with 193 countries."),
        ("b.txt", b"It has relations with 139 countries."),
        ("c.txt", b"It has relations with 193 countries."),
    ]);
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "check", "--rules", "r.toml", "--format", "json", "a.txt", "gone.txt", "b.txt", "c.txt",
        ],
    );
    assert_eq!(code, 2, "an unreadable input makes the exit code 2");
    assert!(stderr.contains("gone.txt"), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["summary"]["documents"], 3);
    assert_eq!(v["findings"][0]["kind"], "typo");
}

#[test]
fn a_file_that_is_not_text_is_skipped_with_a_notice() {
    let dir = folder(&[
        ("r.toml", GOOD_RULE.as_bytes()),
        ("a.txt", b"It has relations with 193 countries."),
        ("photo.png", &[0x89, b'P', b'N', b'G', 0, 0, 1]),
    ]);
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "--rules", "r.toml", "a.txt", "photo.png"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("skipped photo.png"), "{stderr}");
}

#[test]
fn quantity_json_has_exactly_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(
        dir.path(),
        &["quantity", "--json", "nearly 700 billion USD"],
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let q = &v.as_array().unwrap()[0];
    let mut fields: Vec<&str> = q.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "currency",
            "end",
            "hedge",
            "hi",
            "hi_inclusive",
            "lo",
            "lo_inclusive",
            "start",
            "text",
            "unit",
            "value"
        ]
    );
    assert_eq!(q["unit"], "money");
    assert_eq!(q["currency"], "USD");
    assert_eq!(q["lo"].as_f64(), Some(665e9));
    assert_eq!(q["hi"].as_f64(), Some(7e11));
    assert_eq!(q["hi_inclusive"], false);
    assert_eq!(q["hedge"], "nearly");
}

#[test]
fn quantity_reads_standard_input() {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["quantity", "-"])
        .write_stdin("over 30 items")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "over 30 -> number (30, inf), hedge over\n"
    );
}
