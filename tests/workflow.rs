//! The three workflows as specifications: an editor checking a batch (config discovery, flags
//! over config), a writer checking a draft against the published corpus, and a CI job
//! (`--changed-from`, facts, inline markers, baselines, exit codes).

mod common;
use common::run;
use std::fs;
use std::path::Path;

/// A project folder with `files` (path, contents), folders created as needed.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        write(dir.path(), name, contents);
    }
    dir
}

fn write(root: &Path, name: &str, contents: &str) {
    let p = root.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, contents).unwrap();
}

/// Two rules: countries with diplomatic relations, and UN member states.
const RULES: &str = r#"
[[claim]]
id = "relations"
title = "Countries with diplomatic relations"
unit = "number"
period = "none"
patterns = ['relations\s+with\s+{quantity}\s+countries']

[[claim]]
id = "members"
title = "UN member states"
unit = "number"
period = "none"
patterns = ['{quantity}\s+member\s+states']
"#;

const CONFIG: &str = "rules = [\"rules\"]\ndocuments = [\"articles\"]\n";

fn relations(n: u32) -> String {
    format!("Vietnam has diplomatic relations with {n} countries.\n")
}

/// Paths of the documents findings are reported on, from the JSON report.
fn reported(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect(stdout);
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["locations"][0]["path"].as_str().unwrap().to_string())
        .collect()
}

fn summary(stdout: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(stdout).expect(stdout);
    v["summary"].clone()
}

#[test]
fn config_is_found_from_a_subfolder_and_its_paths_are_relative_to_it() {
    let dir = project(&[
        ("crosscheck.toml", CONFIG),
        ("rules/r.toml", RULES),
        ("articles/a.txt", &relations(193)),
        ("articles/b.txt", &relations(193)),
        ("articles/deep/c.txt", &relations(139)),
    ]);
    let (code, out, err) = run(
        &dir.path().join("articles/deep"),
        &["check", "--format", "json"],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(reported(&out), ["../../articles/deep/c.txt"]);
    assert_eq!(summary(&out)["documents"], 3);
    // A dotted name is found too.
    fs::rename(
        dir.path().join("crosscheck.toml"),
        dir.path().join(".crosscheck.toml"),
    )
    .unwrap();
    let (code, out, _) = run(&dir.path().join("articles"), &["check", "--format", "json"]);
    assert_eq!(
        (code, reported(&out)),
        (1, vec!["../articles/deep/c.txt".to_string()])
    );
}

#[test]
fn flags_override_the_config() {
    let config = format!("{CONFIG}format = \"json\"\nfail_on = \"never\"\n");
    let dir = project(&[
        ("crosscheck.toml", &config),
        ("rules/r.toml", RULES),
        (
            "other-rules/r.toml",
            &RULES.replace("relations\\s+with", "ties\\s+with"),
        ),
        ("articles/a.txt", &relations(193)),
        ("articles/b.txt", &relations(139)),
        ("articles/c.txt", &relations(193)),
        ("elsewhere/d.txt", &relations(193)),
    ]);
    // The config's format and fail level.
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!(code, 0);
    assert_eq!(reported(&out), ["articles/b.txt"]);
    // Flags win over each.
    let (code, out, _) = run(
        dir.path(),
        &["check", "--format", "human", "--fail-on", "error"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("× conflict") || out.contains("typo"), "{out}");
    assert!(
        out.ends_with("3 documents, 3 claims: 1 error, 0 warnings, 0 notes, 0 suppressed\n"),
        "{out}"
    );
    // Paths on the command line replace the config's documents; --rules replaces its rules.
    let (code, out, _) = run(dir.path(), &["check", "elsewhere", "articles/b.txt"]);
    assert_eq!((code, summary(&out)["documents"].as_u64()), (0, Some(2)));
    let (_, out, _) = run(dir.path(), &["check", "--rules", "other-rules"]);
    assert_eq!(summary(&out)["claims"], 0);
    // --no-config ignores it: no documents, a usage error.
    let (code, _, err) = run(dir.path(), &["check", "--no-config"]);
    assert_eq!(code, 2);
    assert!(err.contains("no documents to check"), "{err}");
}

/// `check DRAFT --corpus published --format json`: exit code and report.
fn check_draft(dir: &Path, draft: &str) -> (i32, String) {
    let (code, out, err) = run(
        dir,
        &["check", draft, "--corpus", "published", "--format", "json"],
    );
    assert!(code != 2, "{err}");
    (code, out)
}

#[test]
fn a_draft_checked_against_the_corpus_reports_only_the_drafts_findings() {
    let dir = project(&[
        ("rules/r.toml", RULES),
        ("published/a.txt", &relations(193)),
        ("published/b.txt", &relations(193)),
        // An old error in the published corpus: not the writer's business.
        ("published/old.txt", &relations(198)),
        ("draft.txt", &relations(139)),
        ("good-draft.txt", &relations(193)),
    ]);
    let (code, out) = check_draft(dir.path(), "draft.txt");
    assert_eq!(code, 1);
    assert_eq!(reported(&out), ["draft.txt"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sources: Vec<&str> = v["findings"][0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["draft.txt", "published/a.txt", "published/b.txt"]);
    assert_eq!(summary(&out)["documents"], 1);

    let (code, out) = check_draft(dir.path(), "good-draft.txt");
    assert_eq!((code, reported(&out)), (0, Vec::<String>::new()));

    // A draft that ties with one published source: the published text is the consensus.
    let dir = project(&[
        ("rules/r.toml", RULES),
        ("published/a.txt", &relations(193)),
        ("draft.txt", &relations(139)),
    ]);
    let (code, out) = check_draft(dir.path(), "draft.txt");
    assert_eq!((code, reported(&out)), (1, vec!["draft.txt".to_string()]));
}

#[test]
fn a_verified_fact_overrides_a_two_source_consensus() {
    let facts = r#"
[[fact]]
rule = "relations"
value = 193
source = "Ministry of Foreign Affairs, list of diplomatic relations"
"#;
    let dir = project(&[
        ("rules/r.toml", RULES),
        ("facts.toml", facts),
        ("a.txt", &relations(139)),
        ("b.txt", &relations(139)),
        ("c.txt", &relations(193)),
    ]);
    let docs = ["a.txt", "b.txt", "c.txt"];
    // Without facts, the two agreeing sources win and c.txt is the outlier.
    let (_, out, _) = run(
        dir.path(),
        &[&["check", "--format", "json"][..], &docs].concat(),
    );
    assert_eq!(reported(&out), ["c.txt"]);
    // With the fact, both of them contradict it, and c.txt is right.
    let args = [
        &["check", "--format", "json", "--facts", "facts.toml"][..],
        &docs,
    ]
    .concat();
    let (code, out, err) = run(dir.path(), &args);
    assert_eq!(code, 1, "{err}");
    assert_eq!(reported(&out), ["a.txt", "b.txt"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for f in v["findings"].as_array().unwrap() {
        assert_eq!(f["kind"], "fact");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["suggestion"], "193");
        assert_eq!(f["fact"]["path"], "facts.toml");
        assert_eq!(f["fact"]["line"], 3);
        assert!(f["fact"]["source"].as_str().unwrap().contains("Ministry"));
    }
    // Human output cites the fact.
    let args = [&["check", "--facts", "facts.toml"][..], &docs].concat();
    let (_, out, _) = run(dir.path(), &args);
    assert!(out.contains("verified fact: \"193\""), "{out}");
}

#[test]
fn a_facts_file_with_problems_is_reported_at_each_line_and_exits_2() {
    let facts = r#"[[fact]]
rule = "no-such-rule"
value = 1
source = "x"

[[fact]]
rule = "relations"
value = "14.8%"
source = "x"

[[fact]]
rule = "relations"
key = "Laos"
value = 193
source = "x"
"#;
    let dir = project(&[
        ("rules/r.toml", RULES),
        ("facts.toml", facts),
        ("a.txt", &relations(1)),
    ]);
    let (code, _, err) = run(dir.path(), &["check", "a.txt", "--facts", "facts.toml"]);
    assert_eq!(code, 2);
    for (line, what) in [
        (2, "unknown rule `no-such-rule`"),
        (8, "reads as percent"),
        (13, "has no keys"),
    ] {
        assert!(err.contains(what), "{what}: {err}");
        assert!(
            err.contains(&format!("facts.toml:{line}:")),
            "line {line}: {err}"
        );
    }
    assert!(err.contains("3 problems in the facts file"), "{err}");
}

#[test]
fn an_inline_marker_suppresses_exactly_the_rule_it_names() {
    let text = "Vietnam has relations with 139 countries and counts 139 member states. \
                <!-- crosscheck-ignore relations -- quoting the 1990 report -->\n";
    let agree = "Relations with 193 countries; 193 member states.\n";
    let dir = project(&[
        ("rules/r.toml", RULES),
        ("a.md", agree),
        ("b.md", agree),
        ("c.md", text),
    ]);
    let (code, out, _) = run(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["members"]);
    assert_eq!(summary(&out)["suppressed"], 1);

    // A misspelt rule id suppresses nothing, and says so.
    write(
        dir.path(),
        "c.md",
        &text.replace("ignore relations", "ignore relation"),
    );
    let (_, out, err) = run(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(reported(&out).len(), 2);
    assert!(
        err.contains("c.md:1: crosscheck-ignore names `relation`, which is not a loaded rule"),
        "{err}"
    );

    // Alone on its line, with no rule named, it covers the next paragraph: both findings.
    write(
        dir.path(),
        "c.md",
        &format!(
            "<!-- crosscheck-ignore -->\n{}\nOther paragraph.\n",
            text.lines().next().unwrap()
        ),
    );
    let (code, out, _) = run(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!((code, reported(&out).len()), (0, 0));
    assert_eq!(summary(&out)["suppressed"], 2);
}

#[test]
fn a_baseline_suppresses_the_findings_it_lists_even_after_lines_are_inserted_above() {
    let dir = project(&[
        ("crosscheck.toml", CONFIG),
        ("rules/r.toml", RULES),
        (
            "articles/a.txt",
            "Relations with 193 countries; 193 member states.\n",
        ),
        (
            "articles/b.txt",
            "Relations with 193 countries; 193 member states.\n",
        ),
        ("articles/c.txt", &relations(139)),
    ]);
    // Accept today's finding.
    let (code, _, err) = run(dir.path(), &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 1 finding to baseline.json"), "{err}");
    let (code, out, _) = run(
        dir.path(),
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!((code, reported(&out).len()), (0, 0));
    assert_eq!(summary(&out)["suppressed"], 1);

    // Lines inserted above, and a new wrong figure below: only the new one is reported.
    write(
        dir.path(),
        "articles/c.txt",
        &format!(
            "A new introduction.\n\nAnother paragraph.\n\n{}\nThe UN has 190 member states.\n",
            relations(139)
        ),
    );
    let (code, out, _) = run(
        dir.path(),
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["rule"], "members");
    assert_eq!(summary(&out)["suppressed"], 1);

    // The same baseline named in the config, used from a subfolder.
    write(
        dir.path(),
        "crosscheck.toml",
        &format!("{CONFIG}baseline = \"baseline.json\"\nformat = \"json\"\n"),
    );
    let (_, out, _) = run(&dir.path().join("articles"), &["check"]);
    assert_eq!(summary(&out)["suppressed"], 1);

    // Changing the accepted figure itself makes it a new finding.
    write(dir.path(), "articles/c.txt", &relations(138));
    let (code, out, _) = run(dir.path(), &["check"]);
    assert_eq!((code, summary(&out)["suppressed"].as_u64()), (1, Some(0)));
}

#[test]
fn exit_codes() {
    let dir = project(&[
        ("rules/r.toml", RULES),
        ("a.txt", &relations(193)),
        ("b.txt", &relations(193)),
        ("c.txt", &relations(139)),
        ("bad.toml", "fail_on = \"sometimes\"\n"),
    ]);
    let code = |args: &[&str]| run(dir.path(), args).0;
    // 0: nothing at or above the fail level.
    assert_eq!(code(&["check", "a.txt", "b.txt"]), 0);
    assert_eq!(code(&["check", ".", "--fail-on", "never"]), 0);
    // 1: a finding at or above it.
    assert_eq!(code(&["check", "."]), 1);
    // 2: usage, config, facts, baseline and git problems, and unreadable documents.
    assert_eq!(code(&["check", ".", "--format", "xml"]), 2);
    assert_eq!(code(&["check", ".", "--config", "bad.toml"]), 2);
    assert_eq!(code(&["check", ".", "--facts", "missing.toml"]), 2);
    assert_eq!(code(&["check", ".", "--baseline", "missing.json"]), 2);
    assert_eq!(code(&["check", "a.txt", "missing.txt"]), 2);
    assert_eq!(code(&["check", "--no-config"]), 2);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn changed_from_checks_what_changed_against_the_rest() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = project(&[
        ("crosscheck.toml", CONFIG),
        ("rules/r.toml", RULES),
        ("articles/a.txt", &relations(193)),
        ("articles/b.txt", &relations(193)),
        // Published long ago with a wrong figure; accepted, not this pull request's business.
        ("articles/old.txt", &relations(198)),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "published"]);
    git(dir.path(), &["checkout", "-q", "-b", "draft"]);
    write(dir.path(), "articles/new.txt", &relations(139));
    write(
        dir.path(),
        "articles/b.txt",
        &format!("Updated.\n\n{}", relations(193)),
    );
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "draft"]);

    let (code, out, err) = run(
        dir.path(),
        &["check", "--changed-from", "master", "--format", "json"],
    );
    let (code, out, err) = if err.contains("not a commit") {
        run(
            dir.path(),
            &["check", "--changed-from", "HEAD~1", "--format", "json"],
        )
    } else {
        (code, out, err)
    };
    assert_eq!(code, 1, "{err}");
    assert_eq!(reported(&out), ["articles/new.txt"]);
    assert_eq!(summary(&out)["documents"], 2, "new.txt and b.txt changed");

    // An uncommitted fix is seen (the working tree is compared).
    write(dir.path(), "articles/new.txt", &relations(193));
    let (code, out, _) = run(
        dir.path(),
        &["check", "--changed-from", "HEAD~1", "--format", "json"],
    );
    assert_eq!((code, reported(&out).len()), (0, 0));

    // A ref that does not exist is an error.
    let (code, _, err) = run(dir.path(), &["check", "--changed-from", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a commit"), "{err}");
}

#[test]
fn init_writes_a_working_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["init"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("crosscheck.toml").is_file());
    let (code, out, err) = run(dir.path(), &["rules", "test"]);
    assert_eq!(code, 0, "{out}{err}");
    write(
        dir.path(),
        "articles/a.txt",
        "The ministry has 1,200 staff.\n",
    );
    write(
        dir.path(),
        "articles/b.txt",
        "About 1,200 employees work there.\n",
    );
    // Within a factor of two of the others: a conflict at the rule's severity (a figure more
    // than twice as far, "3,400", would be a warning: it may be about something else).
    write(dir.path(), "articles/c.txt", "It has 1,750 staff.\n");
    let (code, out, _) = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["locations"][0]["path"].as_str().unwrap(),
                f["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("articles/b.txt", "approximation"),
            ("articles/c.txt", "conflict")
        ]
    );
    // A second init leaves everything as it was.
    write(dir.path(), "crosscheck.toml", "rules = [\"rules\"]\n");
    let (code, _, err) = run(dir.path(), &["init"]);
    assert_eq!(code, 2);
    assert!(err.contains("never overwrites"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("crosscheck.toml")).unwrap(),
        "rules = [\"rules\"]\n"
    );
}

#[test]
fn folders_are_walked_with_gitignore_and_config_globs_respected() {
    let dir = project(&[
        ("crosscheck.toml", "rules = [\"rules\"]\ndocuments = [\"articles\"]\nexclude = [\"articles/archive/**\"]\n"),
        ("rules/r.toml", RULES),
        ("articles/.gitignore", "scratch/\n"),
        ("articles/a.md", &relations(193)),
        ("articles/b.md", &relations(193)),
        ("articles/scratch/c.md", &relations(139)),
        ("articles/archive/d.md", &relations(138)),
        ("articles/notes.rtf", &relations(137)),
    ]);
    let (code, out, _) = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!((code, summary(&out)["documents"].as_u64()), (0, Some(2)));
    // A file named on the command line is read even where ignored.
    let (code, out, _) = run(
        dir.path(),
        &[
            "check",
            "articles",
            "articles/scratch/c.md",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        (code, reported(&out)),
        (1, vec!["articles/scratch/c.md".to_string()])
    );
}
