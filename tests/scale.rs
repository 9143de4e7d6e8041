//! The engine at scale, as a specification: `check` and `extract | compare` agree, sharded or
//! not; the output does not depend on the number of threads; the cache changes nothing but the
//! time, and a new rule pack does not reuse it. (Speed itself is measured by scripts/bench.sh,
//! never here.)

mod common;

use common::{crosscheck, run};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A deterministic generator (64-bit LCG), so the corpus is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// `text` with about one digit run in `one_in` changed (its last digit moved by one), keeping a
/// leading `date YYYY-MM-DD` line as it is.
fn vary(text: &str, rng: &mut Lcg, one_in: u64) -> String {
    let keep = if text.trim_start().starts_with("date ") {
        text.find('\n').unwrap_or(text.len())
    } else {
        0
    };
    let mut out = String::from(&text[..keep]);
    let mut chars = text[keep..].chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_digit() {
            out.push(c);
            continue;
        }
        let mut run = String::from(c);
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            run.push(d);
        }
        if rng.next().is_multiple_of(one_in) {
            let last = run.pop().and_then(|d| d.to_digit(10)).unwrap_or(0);
            run.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        }
        out.push_str(&run);
    }
    out
}

/// A corpus built from the seeds: `corpus/` holds one copy of each seed, `drafts/1` and
/// `drafts/2` hold varied copies (some figures changed, so groups disagree), and one draft
/// carries an inline suppression marker.
fn generated_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut seeds: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    let mut rng = Lcg(42);
    for sub in ["corpus", "drafts/1", "drafts/2"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for (i, seed) in seeds.iter().enumerate() {
        let text = std::fs::read_to_string(seed).unwrap();
        let name = seed.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::write(dir.path().join("corpus").join(&name), &text).unwrap();
        for copy in 0..4 {
            let mut varied = vary(&text, &mut rng, 12);
            if i == 0 && copy == 0 {
                varied.push_str("\n<!-- crosscheck-ignore -- accepted -->\nVietnam now has diplomatic relations with 194 countries.\n");
            }
            let shard = if copy % 2 == 0 {
                "drafts/1"
            } else {
                "drafts/2"
            };
            let path = dir.path().join(shard).join(format!("{copy}-{name}"));
            std::fs::write(path, varied).unwrap();
        }
    }
    // Documents without a claim are counted, not kept: they must still count the same way.
    let quiet = "A note with no figure that any rule describes.\n";
    std::fs::write(dir.path().join("drafts/2/quiet.txt"), quiet).unwrap();
    std::fs::write(dir.path().join("corpus/quiet.txt"), quiet).unwrap();
    dir
}

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");

/// Runs crosscheck in `dir` with the bundled rules and no config.
fn cc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(dir, &[args, &["--no-config", "--rules", RULES]].concat())
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn check_and_extract_then_compare_give_the_same_report_on_the_seeds() {
    let (code, claims, err) = crosscheck(&["extract", "seeds", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert!(claims.starts_with("{\"crosscheck_claims\":1,"), "{claims}");
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "seeds.jsonl", &claims);
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let checked = crosscheck(&["check", "seeds", "--format", format]);
        let compared = crosscheck(&["compare", &file, "--format", format]);
        assert_eq!(checked.0, 1, "the seeds hold a typo");
        assert_eq!(checked, compared, "format {format}");
    }
}

#[test]
fn a_sharded_extraction_compares_like_one_check() {
    let dir = generated_corpus();
    let d = dir.path();
    let (code, whole, err) = cc(
        d,
        &["check", "drafts", "--corpus", "corpus", "--format", "json"],
    );
    assert_eq!(code, 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&whole).unwrap();
    assert_eq!(
        report["summary"]["documents"], 21,
        "20 varied copies and a quiet draft"
    );
    assert!(report["summary"]["errors"].as_u64().unwrap() > 0, "{whole}");
    assert_eq!(report["summary"]["suppressed"], 1, "the marker's finding");

    // One claim file for everything.
    let (code, all, err) = cc(
        d,
        &[
            "extract", "drafts", "--corpus", "corpus", "--format", "jsonl",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let all = write(d, "all.jsonl", &all);
    assert_eq!(cc(d, &["compare", &all, "--format", "json"]).1, whole);

    // Two shards, as two machines would extract them; the corpus goes with the second.
    let (_, one, _) = cc(d, &["extract", "drafts/1", "--format", "jsonl"]);
    let (_, two, _) = cc(
        d,
        &[
            "extract", "drafts/2", "--corpus", "corpus", "--format", "jsonl",
        ],
    );
    let one = write(d, "one.jsonl", &one);
    let two = write(d, "two.jsonl", &two);
    let (code, sharded, err) = cc(d, &["compare", &one, &two, "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(sharded, whole);
    // Standard input works as a claim file.
    let merged = std::fs::read_to_string(&all).unwrap();
    let out = assert_cmd::Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(d)
        .args([
            "compare",
            "--no-config",
            "--rules",
            RULES,
            "-",
            "--format",
            "json",
        ])
        .write_stdin(merged)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), whole);
}

#[test]
fn output_is_byte_identical_with_one_and_with_eight_threads() {
    let dir = generated_corpus();
    let d = dir.path();
    for args in [
        &["check", "drafts", "--corpus", "corpus", "--format", "json"][..],
        &["check", "drafts", "--corpus", "corpus", "--format", "human"],
        &[
            "extract", "drafts", "--corpus", "corpus", "--format", "jsonl",
        ],
    ] {
        let one = cc(d, &[args, &["--threads", "1"]].concat());
        let eight = cc(d, &[args, &["--threads", "8"]].concat());
        assert!(!one.1.is_empty());
        assert_eq!(one, eight, "{args:?}");
    }
    assert_eq!(cc(d, &["check", "drafts", "--threads", "0"]).0, 2);
}

#[test]
fn a_cache_hit_and_a_miss_give_the_same_findings() {
    let dir = generated_corpus();
    let d = dir.path();
    let base = ["check", "drafts", "--corpus", "corpus", "--format", "json"];
    let uncached = cc(d, &base);
    let cached = [&base[..], &["--cache", "cache"]].concat();
    assert_eq!(cc(d, &cached), uncached, "cold: every document a miss");
    let entries = files_under(&d.join("cache"), "json");
    // Identical copies (the corpus and drafts whose figures were left alone) share an entry.
    assert!(
        entries.len() > 5 && entries.len() <= 25,
        "{}",
        entries.len()
    );
    assert_eq!(cc(d, &cached), uncached, "warm: every document a hit");

    // One document edited: its entry is new, the others are hits, and the report follows it.
    let edited = d.join("drafts/1/0-vov-expanded-diplomacy-2023.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replacen("193", "139", 1)).unwrap();
    let after = cc(d, &cached);
    assert_ne!(after, uncached);
    assert_eq!(after, cc(d, &base));
    assert_eq!(
        files_under(&d.join("cache"), "json").len(),
        entries.len() + 1
    );
}

#[test]
fn the_cache_is_read_on_a_hit() {
    // Proof that a warm run takes claims from the cache: an entry altered by hand shows.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.txt"),
        "date 2023-12-19 Vietnam has diplomatic relations with 193 countries.\n",
    )
    .unwrap();
    let args = ["extract", "a.txt", "--format", "json", "--cache", "c"];
    let (code, cold, _) = cc(d, &args);
    assert_eq!(code, 0);
    assert!(
        cold.contains("\"193 countries\"") || cold.contains("\"193\""),
        "{cold}"
    );
    let entries = files_under(&d.join("c"), "json");
    assert_eq!(entries.len(), 1);
    let entry = std::fs::read_to_string(&entries[0]).unwrap();
    std::fs::write(
        &entries[0],
        entry.replace("\"text\":\"193", "\"text\":\"CACHED"),
    )
    .unwrap();
    let (_, warm, _) = cc(d, &args);
    assert!(warm.contains("CACHED"), "{warm}");
    // A damaged entry is a miss, and is written again.
    std::fs::write(&entries[0], "{not json").unwrap();
    assert_eq!(cc(d, &args).1, cold);
    assert!(std::fs::read_to_string(&entries[0])
        .unwrap()
        .starts_with('{'));
}

#[test]
fn a_changed_rule_pack_does_not_reuse_the_cache() {
    let dir = generated_corpus();
    let d = dir.path();
    let rules = d.join("rules");
    std::fs::create_dir(&rules).unwrap();
    for e in std::fs::read_dir(RULES).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), rules.join(e.file_name())).unwrap();
    }
    let args = [
        "check",
        "drafts",
        "--format",
        "json",
        "--no-config",
        "--rules",
        "rules",
        "--cache",
        "c",
    ];
    let (code, before, err) = run(d, &args);
    assert_eq!(code, 1, "{err}");
    // The relations rule now speaks of zebras: its claims about relations are gone.
    let path = rules.join("relations.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let narrowed = text.replace("relations|ties", "zebras|giraffes");
    assert_ne!(text, narrowed);
    std::fs::write(&path, &narrowed).unwrap();
    let (code, after, err) = run(d, &args);
    assert_ne!(code, 2, "{err}");
    let uncached = run(d, &args[..args.len() - 2]).1;
    assert_eq!(after, uncached, "{err}");
    assert_ne!(after, before);
    let folders = std::fs::read_dir(d.join("c/claims-v1")).unwrap().count();
    assert_eq!(folders, 2, "one folder per rule-pack hash");
}

#[test]
fn compare_refuses_claim_files_it_cannot_trust() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let (_, claims, _) = crosscheck(&["extract", "seeds", "--format", "jsonl"]);

    // Claims extracted with another rule pack.
    let other = claims.replacen("\"rules_hash\":\"", "\"rules_hash\":\"0", 1);
    let f = write(t, "other.jsonl", &other);
    let (code, _, err) = crosscheck(&["compare", &f]);
    assert_eq!(code, 2);
    assert!(err.contains("another rule pack"), "{err}");

    // A future format version.
    let future = claims.replacen("{\"crosscheck_claims\":1", "{\"crosscheck_claims\":2", 1);
    let (code, _, err) = crosscheck(&["compare", &write(t, "v2.jsonl", &future)]);
    assert_eq!(code, 2);
    assert!(err.contains("version 2"), "{err}");

    // A damaged line is named by file and line.
    let mut lines: Vec<&str> = claims.lines().collect();
    lines[3] = "{\"claim\": 12}";
    let (code, _, err) = crosscheck(&["compare", &write(t, "bad.jsonl", &lines.join("\n"))]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.jsonl:4:"), "{err}");

    // The same document twice (overlapping shards).
    let twice = write(t, "twice.jsonl", &claims);
    let (code, _, err) = crosscheck(&["compare", &twice, &twice]);
    assert_eq!(code, 2);
    assert!(err.contains("already in an earlier claim file"), "{err}");

    // The same document twice, even one without claims (kept only as a count).
    let quiet_doc = write(t, "quiet.txt", "Nothing to count here.\n");
    let (code, quiet, err) = crosscheck(&["extract", &quiet_doc, "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        quiet.lines().count(),
        2,
        "a header and the document: {quiet}"
    );
    let q = write(t, "quiet.jsonl", &quiet);
    let (code, _, err) = crosscheck(&["compare", &q, &q]);
    assert_eq!(code, 2);
    assert!(err.contains("already in an earlier claim file"), "{err}");

    // Not a claim file at all.
    let (code, _, err) = crosscheck(&["compare", "README.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a crosscheck claim file"), "{err}");
}

#[test]
fn export_regex_prints_standalone_patterns_for_other_tools() {
    let (code, out, _) = crosscheck(&["rules", "export-regex"]);
    assert_eq!(code, 0);
    let (_, list, _) = crosscheck(&["rules", "list"]);
    let patterns: Vec<&str> = out.lines().collect();
    assert!(patterns.len() >= list.lines().count() - 2);
    for p in &patterns {
        assert!(!p.contains("(?P<"), "groups are made non-capturing: {p}");
        regex::Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    }
    // Joined into one alternation (what rg does with -f), they still compile.
    regex::RegexBuilder::new(&patterns.join("|"))
        .size_limit(1 << 28)
        .build()
        .unwrap();
    // The gate's patterns match every sentence a rule's pattern matches.
    let (_, gate, _) = crosscheck(&["rules", "export-regex", "--gate"]);
    assert_eq!(gate.lines().count(), patterns.len());
    let sentence = "Vietnam has established diplomatic relations with 193 countries.";
    for (exact, relaxed) in patterns.iter().zip(gate.lines()) {
        let exact = regex::RegexBuilder::new(exact)
            .size_limit(1 << 26)
            .build()
            .unwrap();
        let relaxed = regex::RegexBuilder::new(relaxed)
            .size_limit(1 << 26)
            .build()
            .unwrap();
        assert!(!exact.is_match(sentence) || relaxed.is_match(sentence));
    }
}

#[test]
fn the_gate_loses_no_claim() {
    // Every claim the exact patterns find on every sentence, the gated scan finds too: on the
    // seeds and on the generated corpus with its varied figures.
    let rules = crosscheck::rules::load_path(Path::new(RULES)).unwrap();
    let gated = crosscheck::extract::Scanner::new(&rules);
    let exhaustive = crosscheck::extract::Scanner::exhaustive(&rules);
    let dir = generated_corpus();
    let loaded = crosscheck::document::load_paths(&[
        Path::new(ROOT).join("seeds"),
        dir.path().to_path_buf(),
    ]);
    assert_eq!(
        loaded.documents.len(),
        5 + 25 + 2,
        "the seeds, their copies, two quiet files"
    );
    let mut total = 0;
    for (i, doc) in loaded.documents.iter().enumerate() {
        let fast = crosscheck::extract::extract_document(i, doc, &gated);
        let slow = crosscheck::extract::extract_document(i, doc, &exhaustive);
        assert_eq!(fast, slow, "{}", doc.path);
        total += fast.len();
    }
    assert!(total > 5 * 43, "{total}");
}

/// Every file under `dir` (any depth) whose name ends in `.EXT`, sorted.
fn files_under(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `check` drops the compiled patterns once the scan is done (they and their caches are most of
/// a large run's fixed memory): judging and reporting must not need them.
#[test]
fn judging_needs_no_compiled_pattern() {
    use crosscheck::document::Document;
    let seeds = Path::new(ROOT).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let docs: Vec<Document> = paths
        .iter()
        .map(|p| Document::new(p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let mut rules = crosscheck::rules::load(&[Path::new(ROOT).join("rules")]).unwrap();
    let corpus = crosscheck::Corpus::extract(&docs, &rules);
    let options = crosscheck::Options::default();
    let (before, _) = crosscheck::judge(&corpus, &rules, &options);
    assert!(
        before.len() > 5,
        "the seeds disagree: {} findings",
        before.len()
    );
    rules.release_patterns();
    crosscheck::release_free_memory();
    let (after, _) = crosscheck::judge(&corpus, &rules, &options);
    assert_eq!(after, before);
    let json = |rules| {
        let input = crosscheck::report::ReportInput {
            summary: crosscheck::report::Summary::new(docs.len(), corpus.claims.len(), &after, 0),
            findings: &after,
            rules,
            corpus: Some(&corpus),
        };
        let mut out = Vec::new();
        crosscheck::report::json::write(&input, &mut out).unwrap();
        out
    };
    let full = crosscheck::rules::load(&[Path::new(ROOT).join("rules")]).unwrap();
    assert_eq!(json(&rules), json(&full));
    // Released rules scan nothing (and do not fail).
    assert!(crosscheck::Corpus::extract(&docs, &rules).claims.is_empty());
}

/// Every `.txt` file under `dir`, in sorted order, as documents.
fn documents_under(dir: &Path) -> Vec<crosscheck::document::Document> {
    files_under(dir, "txt")
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            crosscheck::document::Document::new(p.display().to_string(), text)
        })
        .collect()
}

/// A report that lists findings only lets judging drop the claims once the checks that read
/// them are done: the findings, and what they quote, must be the same as with the claims kept.
#[test]
fn judging_without_the_claims_gives_the_same_findings() {
    let generated = generated_corpus();
    let rules = crosscheck::rules::load(&[Path::new(ROOT).join("rules")]).unwrap();
    for dir in [
        Path::new(ROOT).join("seeds"),
        generated.path().to_path_buf(),
    ] {
        let docs = documents_under(&dir);
        let mut corpus = crosscheck::Corpus::extract(&docs, &rules);
        // The generated corpus's `corpus/` is compared against, not reported on.
        for d in &mut corpus.documents {
            d.corpus = d.path.contains("/corpus/");
        }
        let options = crosscheck::Options::default();
        let kept = crosscheck::judge(&corpus, &rules, &options);
        let kinds: std::collections::BTreeSet<_> = kept.0.iter().map(|f| f.kind).collect();
        assert!(kinds.len() >= 2, "{}: kinds {kinds:?}", dir.display());
        let released = crosscheck::judge_releasing_claims(&mut corpus, &rules, &options);
        assert!(corpus.claims.is_empty());
        assert_eq!(released, kept, "{}", dir.display());
    }
}
