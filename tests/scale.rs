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
fn one_large_document_is_read_the_same_on_one_thread_and_on_eight() {
    // Over 1 MiB: scanned by runs of sentences in parallel, joined in order.
    let dir = tempfile::tempdir().unwrap();
    let mut seeds: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let mut rng = Lcg(7);
    let mut big = String::new();
    while big.len() < 1_300_000 {
        for seed in &seeds {
            big.push_str(&vary(&std::fs::read_to_string(seed).unwrap(), &mut rng, 12));
            big.push('\n');
        }
    }
    std::fs::write(dir.path().join("big.txt"), &big).unwrap();
    let args = ["extract", "big.txt", "--format", "jsonl"];
    let one = cc(dir.path(), &[&args[..], &["--threads", "1"]].concat());
    let eight = cc(dir.path(), &[&args[..], &["--threads", "8"]].concat());
    assert_eq!(one.0, 0, "{}", one.2);
    assert!(
        one.1.lines().count() > 1000,
        "claims from every part of the file"
    );
    assert_eq!(one, eight);
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
    let corpus = crosscheck::Corpus::extract(&docs, &rules, &Default::default());
    let options = crosscheck::Options::default();
    let (before, _) = crosscheck::judge(&corpus, &rules, &options);
    assert!(
        before.len() > 5,
        "the seeds disagree: {} findings",
        before.len()
    );
    rules.release_patterns();
    let (after, _) = crosscheck::judge(&corpus, &rules, &options);
    assert_eq!(after, before);
    let json = |rules| {
        let input = crosscheck::report::ReportInput {
            summary: crosscheck::report::Summary::new(docs.len(), corpus.claims.len(), &after, 0),
            findings: &after,
            rules,
            checks: &Default::default(),
            corpus: Some(&corpus),
            groups: &[],
        };
        let mut out = Vec::new();
        crosscheck::report::json::write(&input, &mut out).unwrap();
        out
    };
    let full = crosscheck::rules::load(&[Path::new(ROOT).join("rules")]).unwrap();
    assert_eq!(json(&rules), json(&full));
    // Released rules still scan as before: their patterns compile again on first use.
    assert_eq!(
        crosscheck::Corpus::extract(&docs, &rules, &Default::default()),
        corpus
    );
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
        let mut corpus = crosscheck::Corpus::extract(&docs, &rules, &Default::default());
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

/// Sectors, markets and measures a newsroom's pack of generated rules is made of: 40 × 5 × 5
/// distinct rules.
const SECTORS: [&str; 40] = [
    "rice",
    "coffee",
    "seafood",
    "textile",
    "garment",
    "steel",
    "cement",
    "electronics",
    "smartphone",
    "footwear",
    "furniture",
    "timber",
    "rubber",
    "pepper",
    "cashew",
    "tea",
    "fruit",
    "vegetable",
    "shrimp",
    "catfish",
    "crude oil",
    "coal",
    "fertiliser",
    "plastics",
    "chemical",
    "paper",
    "automobile",
    "motorbike",
    "solar panel",
    "wind turbine",
    "cocoa",
    "sugar",
    "dairy",
    "pork",
    "poultry",
    "cotton",
    "silk",
    "ceramics",
    "glass",
    "aluminium",
];
/// (in a pattern, in prose, in an id); the first is no market.
const MARKETS: [(&str, &str, &str); 5] = [
    ("", "", ""),
    (r"China|Chinese\s+market", "China", "-china"),
    (
        r"(?:the\s+)?(?:US|United\s+States)",
        "the United States",
        "-us",
    ),
    (
        r"(?:the\s+)?(?:EU|European\s+Union)",
        "the European Union",
        "-eu",
    ),
    ("Japan", "Japan", "-japan"),
];

/// One generated rule: its TOML, its id, and a sentence stating its figure with `{v}` where
/// the figure's number goes.
struct GeneratedRule {
    toml: String,
    id: String,
    sentence: String,
}

/// The `n`th rule of the generated pack (`n` < 1,000): every measure of every sector for
/// every market, each with its own id, title and patterns, by turns with a `{key}` table, an
/// `exclude`, a `context` or a `document_context`, two examples and a counterexample that
/// `rules test` runs.
fn generated_rule(n: usize) -> GeneratedRule {
    let sector = SECTORS[n % SECTORS.len()];
    let measure = n / SECTORS.len() % 5;
    let (m_pat, m_prose, m_id) = MARKETS[n / (SECTORS.len() * 5)];
    let s = sector.replace(' ', r"\s+");
    let cap = format!("{}{}", sector[..1].to_uppercase(), &sector[1..]);
    let slug = sector.replace(' ', "-");
    // The market after a word of the pattern, in a pattern and in prose.
    let after = |word: &str| {
        if m_pat.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(r"\s+{word}\s+(?:{m_pat})"),
                format!(" {word} {m_prose}"),
            )
        }
    };
    let v = 2 + n % 7;
    let (id, title, unit, patterns, extra, examples, counter, sentence);
    match measure {
        0 => {
            let (mp, to) = after("to");
            id = format!("{slug}-export-value{m_id}");
            title = format!("Value of {sector} exports{to}");
            unit = "money";
            patterns = vec![
                format!(
                    r"\b{s}\s+exports?{mp}\s+(?:reached|totalled|hit|stood\s+at)\s+{{quantity}}"
                ),
                format!(
                    r"{{quantity}}\s+(?:worth\s+)?of\s+{s}\s+exports{mp}\s+(?:last|this)\s+year"
                ),
            ];
            extra =
                r"exclude = ['\b(?:forecast|expected|target)\b[^.;]{0,60}{quantity}']".to_string();
            examples = vec![
                (
                    format!("{cap} exports{to} reached US${v}.4 billion."),
                    format!("[{v}350000000, {v}450000000)"),
                    None,
                ),
                (
                    format!(
                        "Buyers paid US${v}.2 billion worth of {sector} exports{to} this year."
                    ),
                    format!("[{v}150000000, {v}250000000)"),
                    None,
                ),
            ];
            counter = format!("Traders expected {sector} exports{to} hit US$9.9 billion.");
            sentence = format!("{cap} exports{to} reached US${{v}}.4 billion.");
        }
        1 => {
            let (mp, to) = after("to");
            id = format!("{slug}-export-growth{m_id}");
            title = format!("Growth of {sector} exports{to}");
            unit = "percent";
            patterns = vec![
                format!(
                    r"\b{s}\s+exports?{mp}\s+(?:grew|rose|climbed|increased)\s+(?:by\s+)?{{quantity}}"
                ),
                format!(
                    r"{{quantity}}\s+(?:rise|growth|increase)\s+in\s+{s}\s+exports{mp}\s+(?:last|this)\s+year"
                ),
            ];
            extra = r"document_context = ['\bViet\s?Nam\b']".to_string();
            examples = vec![
                (
                    format!("{cap} exports{to} grew by {v}.5 percent."),
                    format!("[{v}.45, {v}.55)"),
                    None,
                ),
                (
                    format!("Traders saw a {v}.3% rise in {sector} exports{to} this year."),
                    format!("[{v}.25, {v}.35)"),
                    None,
                ),
            ];
            counter = format!("{cap} imports{to} grew by {v}.5 percent.");
            sentence = format!("{cap} exports{to} grew by {{v}}.5 percent.");
        }
        2 => {
            let (mp, fr) = after("for");
            id = format!("{slug}-output{m_id}");
            title = format!("Annual {sector} output in tonnes{fr}");
            unit = "number";
            patterns = vec![
                format!(
                    r"\b{s}\s+(?:output|production){mp}\s+(?:reached|totalled|was)\s+{{quantity}}\s+tonnes\b"
                ),
                format!(
                    r"\bproduced\s+{{quantity}}\s+tonnes\s+of\s+{s}{mp}\s+(?:last|this)\s+season"
                ),
            ];
            extra = "period = \"document\"".to_string();
            let t = 1000 + 37 * n;
            examples = vec![
                (
                    format!("{cap} output{fr} reached {t} tonnes."),
                    format!("[{t}, {t}]"),
                    None,
                ),
                (
                    format!(
                        "Farms produced {} tonnes of {sector}{fr} this season.",
                        t + 5
                    ),
                    format!("[{}, {}]", t + 5, t + 5),
                    None,
                ),
            ];
            counter = format!("{cap} output{fr} reached {t} hectares.");
            sentence = format!("{cap} output{fr} reached {{v}}000 tonnes.");
        }
        3 => {
            let (mp, to) = after("to");
            let (mp, to) = if m_pat.is_empty() {
                (
                    r"\s+(?:operate|are\s+active)\b".to_string(),
                    " are active".to_string(),
                )
            } else {
                (
                    format!(r"\s+(?:selling|exporting){mp}\b"),
                    format!(" selling{to}"),
                )
            };
            id = format!("{slug}-firms{m_id}");
            title = format!("Number of {sector} firms by kind{to}");
            unit = "number";
            patterns = vec![format!(r"{{quantity}}\s+{{key}}{mp}")];
            extra = format!(
                "subject = \"none\"\n[claim.keys]\n\"{sector} exporters\" = [\"{sector} exporters\", \"{sector} exporting firms\"]\n\"{sector} processors\" = [\"{sector} processors\", \"{sector} processing plants\"]"
            );
            let k = 20 + n % 50;
            examples = vec![
                (
                    format!("Officials said {k} {sector} exporting firms{to}."),
                    format!("[{k}, {k}]"),
                    Some(format!("{sector} exporters")),
                ),
                (
                    format!("Officials said {} {sector} processing plants{to}.", k + 2),
                    format!("[{}, {}]", k + 2, k + 2),
                    Some(format!("{sector} processors")),
                ),
            ];
            counter = format!("Officials said {k} {sector} importers{to}.");
            sentence = format!("Officials said {{v}}0 {sector} exporters{to}.");
        }
        _ => {
            let (mp, to) = after("to");
            id = format!("{slug}-price-change{m_id}");
            title = format!("Change in the {sector} export price{to}");
            unit = "percent";
            patterns = vec![format!(
                r"\b{s}\s+(?:export\s+)?prices?{mp}\s+(?:rose|fell|climbed|slipped)\s+(?:by\s+)?{{quantity}}"
            )];
            extra = "context = ['\\b(?:month|quarter|week|year)\\b']\nseverity = \"warning\""
                .to_string();
            examples = vec![(
                format!("{cap} export prices{to} rose by {v}.5% this month."),
                format!("[{v}.45, {v}.55)"),
                None,
            )];
            counter = format!("{cap} export prices{to} rose by {v}.5% on Monday.");
            sentence = format!("{cap} export prices{to} rose by {{v}}.5% this month.");
        }
    }
    let mut toml =
        format!("[[claim]]\nid = \"{id}\"\ntitle = \"{title}\"\nunit = \"{unit}\"\npatterns = [\n");
    for p in &patterns {
        toml.push_str(&format!("  '{p}',\n"));
    }
    toml.push_str(&format!("]\n{extra}\n"));
    for (text, interval, key) in examples {
        toml.push_str(&format!(
            "\n[[claim.example]]\ntext = \"{text}\"\ninterval = \"{interval}\"\n"
        ));
        if let Some(k) = key {
            toml.push_str(&format!("key = \"{k}\"\n"));
        }
    }
    toml.push_str(&format!(
        "\n[[claim.counterexample]]\ntext = \"{counter}\"\n\n"
    ));
    GeneratedRule { toml, id, sentence }
}

/// Writes the first `n` generated rules to `dir`, 50 a file.
fn write_generated_pack(dir: &Path, n: usize) -> Vec<GeneratedRule> {
    let rules: Vec<GeneratedRule> = (0..n).map(generated_rule).collect();
    for (i, chunk) in rules.chunks(50).enumerate() {
        let text: String = chunk.iter().map(|r| r.toml.as_str()).collect();
        std::fs::write(dir.join(format!("pack-{i:02}.toml")), text).unwrap();
    }
    rules
}

/// A newsroom's pack of 1,000 rules loads, each rule checked as the language says, and
/// matches what it describes: the rules a document states figures of, and no other. (How long
/// loading takes is measured by scripts/bench-rules.sh, never here.)
#[test]
fn a_pack_of_a_thousand_rules_loads_and_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let pack = tmp.path().join("rules");
    std::fs::create_dir(&pack).unwrap();
    let generated = write_generated_pack(&pack, 1000);

    let rules = crosscheck::rules::load_path(&pack).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rules.rules.len(), 1000);
    let ids: std::collections::BTreeSet<&str> = rules.rules.iter().map(|r| &*r.id).collect();
    assert_eq!(ids.len(), 1000, "distinct ids");
    for (r, g) in rules.rules.iter().zip(&generated) {
        assert_eq!(&*r.id, g.id, "load order is file order, then rule order");
    }
    // Loading checks each pattern with the figure grammar's stand-in; the gate's relaxed form
    // is the one the expanded pattern gives, and the examples (which compile the patterns)
    // pass. A rule in seven, across every measure and market.
    for r in rules.rules.iter().step_by(7) {
        for p in &r.patterns {
            let relaxed = crosscheck::rules::relax::relax(&p.expanded, !r.case_sensitive);
            assert_eq!(relaxed.as_deref(), Some(p.relaxed.as_str()), "{}", r.id);
        }
        let failures = crosscheck::extract::examples::run_examples(r);
        assert!(failures.is_empty(), "{}: {failures:?}", r.id);
    }

    // Two reports state the figures of 40 rules across the pack, differently: each of those
    // rules, and no other, makes a claim in each, and each disagrees.
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let stated: Vec<&GeneratedRule> = generated.iter().skip(3).step_by(25).collect();
    for (d, v) in [("report-1.txt", "3"), ("report-2.txt", "6")] {
        let mut text = String::from("Viet Nam trade figures.\n\n");
        for g in &stated {
            text.push_str(&g.sentence.replace("{v}", v));
            text.push_str("\n\n");
        }
        std::fs::write(docs.join(d), text).unwrap();
    }
    let pack = pack.to_string_lossy().into_owned();
    let docs = docs.to_string_lossy().into_owned();
    let (code, out, err) = run(
        tmp.path(),
        &[
            "extract",
            &docs,
            "--format",
            "jsonl",
            "--no-config",
            "--rules",
            &pack,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let mut claimed: Vec<String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["claim"]["rule"].as_str().map(String::from))
        .collect();
    claimed.sort();
    let mut want: Vec<String> = stated
        .iter()
        .flat_map(|g| [g.id.clone(), g.id.clone()])
        .collect();
    want.sort();
    assert_eq!(claimed, want);
    let (code, out, err) = run(
        tmp.path(),
        &[
            "check",
            &docs,
            "--format",
            "json",
            "--no-config",
            "--rules",
            &pack,
        ],
    );
    assert_eq!(code, 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut disagreeing: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .filter(|r| ids.contains(r))
        .collect();
    disagreeing.sort();
    disagreeing.dedup();
    let mut want: Vec<&str> = stated.iter().map(|g| g.id.as_str()).collect();
    want.sort();
    assert_eq!(disagreeing, want);
}
