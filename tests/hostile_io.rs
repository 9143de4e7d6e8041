//! An attacker with write access to a content repository (or to a pull request that CI checks)
//! controls its file names, its documents, its ignore files, the config and rule files, and
//! what lies in the cache and output folders. Each test is a defect found that way (issue 21),
//! reproduced: files written and read, output escaped, exit codes.

#![cfg(unix)]

mod common;

use common::run;
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

const RULE: &str = r#"
[[claim]]
id = "partners"
title = "Strategic partners"
unit = "number"
patterns = ['has {quantity} strategic partners']
"#;

/// A folder with a rule file and three articles, one disagreeing: `check` finds one error.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("rule.toml"), RULE).unwrap();
    std::fs::create_dir(d.join("articles")).unwrap();
    for (name, n) in [("a.txt", 19), ("b.txt", 19), ("c.txt", 91)] {
        std::fs::write(
            d.join("articles").join(name),
            format!("Viet Nam has {n} strategic partners.\n"),
        )
        .unwrap();
    }
    tmp
}

fn check(d: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "--no-config", "--rules", "rule.toml"];
    args.extend_from_slice(extra);
    run(d, &args)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn written_files_never_follow_planted_links() {
    let tmp = project();
    let d = tmp.path();
    std::fs::write(d.join("victim.txt"), "precious").unwrap();
    // The baseline, the report and init's files, each a link to the victim.
    symlink(d.join("victim.txt"), d.join("baseline.json")).unwrap();
    symlink(d.join("victim.txt"), d.join("report.json")).unwrap();
    let (code, _, err) = check(d, &["articles", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = check(d, &["articles", "--format", "json", "-o", "report.json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("victim.txt")).unwrap(),
        "precious"
    );
    for written in ["baseline.json", "report.json"] {
        let meta = std::fs::symlink_metadata(d.join(written)).unwrap();
        assert!(meta.is_file(), "{written} is replaced, not written through");
    }
    // init never writes through a link, even a dangling one.
    std::fs::create_dir(d.join("new")).unwrap();
    symlink(d.join("elsewhere.toml"), d.join("new/crosscheck.toml")).unwrap();
    let (code, _, err) = run(d, &["init", "new"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("init never overwrites"), "{err}");
    assert!(!d.join("elsewhere.toml").exists());
    // No temporary file is left anywhere.
    assert!(
        names(d).iter().all(|n| !n.ends_with(".tmp")),
        "{:?}",
        names(d)
    );
}

#[test]
fn a_report_that_cannot_be_written_leaves_the_previous_one_and_names_the_file() {
    let tmp = project();
    let d = tmp.path();
    std::fs::write(d.join("report.json"), "previous report").unwrap();
    // A report into a folder that does not exist: the error names the file.
    let (code, _, err) = check(d, &["articles", "-o", "missing/report.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write missing/report.json"), "{err}");
    // A report that is written replaces the old one whole.
    let (code, _, err) = check(d, &["articles", "--format", "json", "-o", "report.json"]);
    assert_eq!(code, 1, "{err}");
    let report = std::fs::read_to_string(d.join("report.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&report).expect("a whole report");
    assert!(names(d).iter().all(|n| !n.ends_with(".tmp")));
}

#[test]
fn inputs_that_are_not_bounded_regular_files_are_refused_at_once() {
    let tmp = project();
    let d = tmp.path();
    let fifo = d.join("rules.fifo.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["check", "--no-config", "--rules", "/dev/zero", "articles"],
            "/dev/zero",
        ),
        (
            vec![
                "check",
                "--no-config",
                "--rules",
                "rule.toml",
                "--facts",
                "/dev/zero",
                "articles",
            ],
            "/dev/zero",
        ),
        (
            vec![
                "check",
                "--no-config",
                "--rules",
                "rule.toml",
                "--baseline",
                "/dev/zero",
                "articles",
            ],
            "/dev/zero",
        ),
        (
            vec!["check", "--config", "/dev/zero", "articles"],
            "/dev/zero",
        ),
        (
            vec![
                "compare",
                "--no-config",
                "--rules",
                "rule.toml",
                "/dev/zero",
            ],
            "/dev/zero",
        ),
    ];
    for (args, named) in &cases {
        let (code, _, err) = run(d, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(named), "{args:?}: {err}");
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
    if made {
        let (code, _, err) = run(
            d,
            &[
                "check",
                "--no-config",
                "--rules",
                "rules.fifo.toml",
                "articles",
            ],
        );
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("not a regular file"), "{err}");
    }
    // A rule file over the size limit is named, not read.
    let big = std::fs::File::create(d.join("big.toml")).unwrap();
    big.set_len(crosscheck::fsio::MAX_INPUT_BYTES + 1).unwrap();
    let (code, _, err) = check(d, &["--rules", "big.toml", "articles"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("big.toml") && err.contains("over the limit"),
        "{err}"
    );
}

#[test]
fn a_cache_entry_linked_to_a_device_is_a_miss_not_a_hang() {
    let tmp = project();
    let d = tmp.path();
    let (code, _, err) = check(d, &["articles", "--cache", "cache"]);
    assert_eq!(code, 1, "{err}");
    // Every entry replaced by a link to /dev/zero.
    let mut entries = Vec::new();
    let mut stack = vec![d.join("cache")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                entries.push(p);
            }
        }
    }
    assert!(!entries.is_empty());
    for p in &entries {
        std::fs::remove_file(p).unwrap();
        symlink("/dev/zero", p).unwrap();
    }
    let (code, out, err) = check(d, &["articles", "--cache", "cache", "--format", "json"]);
    assert_eq!(code, 1, "scanned again, the same finding: {err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["summary"]["documents"], 3);
}

#[test]
fn a_large_binary_document_is_skipped_before_it_is_read() {
    let tmp = project();
    let d = tmp.path();
    // 2 GiB of zeros, sparse: reading it whole would take 2 GiB of memory.
    let f = std::fs::File::create(d.join("articles/disk.img.txt")).unwrap();
    f.set_len(2 << 30).unwrap();
    let (code, _, err) = check(d, &["articles", "--max-file-size", "4G"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("skipped articles/disk.img.txt: not a text file (binary content)"),
        "{err}"
    );
    // The largest size there is reads every file, without overflow.
    let (code, _, err) = check(
        d,
        &[
            "articles/a.txt",
            "articles/b.txt",
            "--max-file-size",
            "18446744073709551615",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("skipped"), "{err}");
}

#[test]
fn ignore_files_and_hidden_files_exclude_files_whatever_the_globs() {
    let tmp = project();
    let d = tmp.path();
    let a = d.join("articles");
    for name in ["secret.txt", "notes.md", ".hidden.txt", "draft.txt"] {
        std::fs::write(a.join(name), "Viet Nam has 91 strategic partners.\n").unwrap();
    }
    std::fs::write(a.join(".gitignore"), "secret.txt\n*.md\n").unwrap();
    std::fs::write(a.join(".crosscheckignore"), "draft.txt\n").unwrap();
    let (code, out, err) = check(d, &["articles", "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    // a, b and c only: the 91 of c.txt is the one disagreeing figure.
    assert_eq!(report["summary"]["documents"], 3, "{out}");
    assert!(!out.contains("secret") && !out.contains("hidden") && !out.contains("draft"));
    // Include globs choose among what the ignore rules leave.
    std::fs::write(
        d.join("crosscheck.toml"),
        "rules = [\"rule.toml\"]\ndocuments = [\"articles\"]\ninclude = [\"*.txt\", \"*.md\"]\n",
    )
    .unwrap();
    let (_, out, err) = run(d, &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["summary"]["documents"], 3, "{out} {err}");
}

#[test]
fn file_names_and_documents_cannot_inject_output() {
    let tmp = project();
    let d = tmp.path();
    let a = d.join("articles");
    let evil = "x\n::error file=ci.yml::pwned\n# Heading <img src=x> | cell |.txt";
    std::fs::write(a.join(evil), "Viet Nam has 19 strategic partners.\n").unwrap();
    std::fs::write(a.join("y\n::warning::bin.txt"), b"\0binary").unwrap();
    std::fs::write(
        a.join("c.txt"),
        "Viet Nam \u{1b}]0;pwned\u{7}\u{1b}[2J has 18 strategic partners.\n",
    )
    .unwrap();
    for format in ["human", "github", "markdown", "sarif", "json"] {
        let (code, out, err) = check(d, &["articles", "--format", format]);
        assert_eq!(code, 1, "{format}: {err}");
        for line in out.lines().chain(err.lines()) {
            assert!(
                !line.starts_with("::error file=ci.yml") && !line.starts_with("::warning::bin"),
                "{format}: a file name started a line: {line:?}"
            );
            assert!(
                !line.contains('\u{1b}') && !line.contains('\u{7}'),
                "{format}: a control character reached the output: {line:?}"
            );
        }
        if format == "markdown" {
            assert!(
                out.lines().all(|l| !l.starts_with("# Heading")),
                "{format}: {out}"
            );
            // Every table row keeps its seven cells.
            for row in out.lines().filter(|l| l.starts_with("| ")) {
                let cells = row.replace("\\|", "").matches('|').count();
                assert_eq!(cells, 8, "{row}");
            }
        }
    }
}

#[test]
fn exit_codes_say_what_happened() {
    let tmp = project();
    let d = tmp.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    let (code, _, err) = check(d, &["empty"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no document was read"), "{err}");
    let (code, _, err) = check(d, &["empty", "--allow-empty"]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(d.join("empty/only.bin.txt"), b"\0").unwrap();
    let (code, _, err) = check(d, &["empty"]);
    assert_eq!(code, 2, "every file skipped is nothing checked: {err}");
    let (code, _, err) = check(d, &["articles", "--threads", "100000"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--threads must be at most"), "{err}");
}

#[test]
fn a_closed_pipe_does_not_turn_findings_into_success() {
    let tmp = project();
    let d = tmp.path();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
        .current_dir(d)
        .args(["check", "--no-config", "--rules", "rule.toml", "articles"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the report is written (`crosscheck check | head -0`).
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
}

#[test]
fn a_figure_past_the_range_of_a_double_still_asserts_an_interval() {
    let text = format!("0.{}1 percent", "0".repeat(400));
    let q = crosscheck::quantity::parse(&text);
    assert_eq!(q.len(), 1);
    assert!(!q[0].interval.is_empty(), "{}", q[0].interval);
    assert!(q[0].interval.contains(0.0));
}

#[test]
fn the_conformance_specs_ship_with_the_crate() {
    for model in [
        "NumberModel",
        "NumberRangeModel",
        "PercentModel",
        "OrdinalModel",
        "CurrencyModel",
    ] {
        let p = Path::new(ROOT).join(format!("tests/data/recognizers-text/{model}.json"));
        let cases: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert!(cases.as_array().is_some_and(|c| !c.is_empty()), "{model}");
    }
}

#[test]
fn quantity_reads_any_length_of_standard_input_in_batches() {
    // More than two batches of paragraphs, one long line among them: every figure is found once,
    // at its offsets in the whole input.
    let paragraph = "FDI grew 14.8% in 2023, to $3.2 billion; about 1,500 firms invested.\n\n";
    let mut input = paragraph.repeat(40_000);
    input.push_str(&"Exports rose 6%. ".repeat(100_000));
    input.push('\n');
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("crosscheck"))
        .args(["quantity", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feed = input.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(feed.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.len(), 40_000 * 4 + 100_000);
    for q in &found {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[s..e], q["text"].as_str().unwrap());
    }
}

#[test]
fn a_repository_cannot_make_crosscheck_quote_a_file_outside_it() {
    // A file of the machine that runs CI, in TOML-like syntax: a rule diagnostic would print
    // its lines.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("credentials");
    std::fs::write(&secret, "aws_secret_access_key = \"AKIASECRET\"\n").unwrap();
    let tmp = project();
    let d = tmp.path();
    // A rule file linked out of the rules folder.
    std::fs::create_dir(d.join("rules")).unwrap();
    std::fs::write(d.join("rules/partners.toml"), RULE).unwrap();
    symlink(&secret, d.join("rules/x.toml")).unwrap();
    let (code, _, err) = run(d, &["check", "--no-config", "articles"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a link out of the rules folder"), "{err}");
    // The config naming it, directly or through `..`; or as the facts file.
    for config in [
        format!("rules = [{:?}]\n", secret.display().to_string()),
        "rules = [\"../outside.toml\"]\n".to_string(),
        format!(
            "rules = [\"rule.toml\"]\nfacts = {:?}\n",
            secret.display().to_string()
        ),
    ] {
        std::fs::write(d.join("outside.toml"), "").unwrap();
        let sub = d.join("repo");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("rule.toml"), RULE).unwrap();
        std::fs::write(sub.join("crosscheck.toml"), &config).unwrap();
        let (code, _, err) = run(&sub, &["check", "../articles"]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains("outside its folder"), "{config}: {err}");
        assert!(!err.contains("AKIASECRET"), "{config}: {err}");
    }
    // Given on the command line, the path is the user's choice.
    let (code, _, err) = run(
        d,
        &[
            "check",
            "--no-config",
            "--rules",
            "rules/partners.toml",
            "articles",
        ],
    );
    assert_eq!(code, 1, "{err}");
}
