//! Hostile input: documents and rule files a content repository really holds, each with the
//! message and exit code crosscheck must give. Nothing panics, every problem names its file
//! (and line), and the rest of the work goes on.

mod common;

use common::{crosscheck, run};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DOCS: &str = "tests/hostile/docs";

/// A claim as `extract --format jsonl` writes it: (rule, line, column, text).
type Claim = (String, u64, u64, String);

fn claims_of(jsonl: &str) -> Vec<Claim> {
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("claim").cloned())
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_string(),
                c["line"].as_u64().unwrap(),
                c["column"].as_u64().unwrap(),
                c["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every claim's span must hold its text in the file as it is on disk.
fn spans_point_into_the_file(jsonl: &str) {
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
        let Some(c) = v.get("claim") else { continue };
        let path = Path::new(ROOT).join(c["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&bytes[s..e]),
            c["text"].as_str().unwrap(),
            "{l}"
        );
    }
}

/// A claim expected: (rule, line, column, the figure as written in the file).
type Expected = (&'static str, u64, u64, &'static str);

/// (file, exit code of `extract`, what stderr must say, the claims found).
const DOCUMENTS: &[(&str, i32, &str, &[Expected])] = &[
    (
        // A byte-order mark and CRLF line ends: columns as an editor shows them.
        "crlf_bom.txt",
        0,
        "",
        &[
            ("diplomatic-relations", 1, 39, "193"),
            ("fdi-growth", 2, 19, "14.8%"),
        ],
    ),
    (
        // Entities inside figures and around them; tags read as spaces. Spans are the file's.
        "entities.html",
        0,
        "",
        &[
            ("diplomatic-relations", 1, 65, "19&#51;"),
            ("fdi-growth", 2, 37, "14&#46;8&nbsp;percent"),
        ],
    ),
    (
        // Latin-1 bytes in a UTF-8 world: each read as `?` (spans stay the file's), the place said.
        "latin1.txt",
        0,
        "latin1.txt:1:25: not valid UTF-8: 1 byte read as `?`",
        &[("diplomatic-relations", 1, 81, "193")],
    ),
    (
        "empty.txt",
        0,
        "skipped tests/hostile/docs/empty.txt: empty file",
        &[],
    ),
    (
        "binary.txt",
        0,
        "skipped tests/hostile/docs/binary.txt: not a text file (binary content)",
        &[],
    ),
    (
        // Figures at the edges: 10^400, 10^-30, 300 digits, a minus sign, 3,000 numbers in a row.
        "edge_numbers.txt",
        0,
        "",
        &[
            (
                "diplomatic-relations",
                2,
                39,
                "0.000000000000000000000000000001",
            ),
            ("diplomatic-relations", 5, 39, "\u{2212}193"),
        ],
    ),
];

#[test]
fn hostile_documents_give_their_messages_and_claims() {
    for (file, code, message, expected) in DOCUMENTS {
        let path = format!("{DOCS}/{file}");
        let (got, out, err) = crosscheck(&["extract", &path, "--format", "jsonl"]);
        assert_eq!(got, *code, "{file}: {err}");
        assert!(err.contains(message), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        spans_point_into_the_file(&out);
        let claims = claims_of(&out);
        for (rule, line, column, text) in *expected {
            assert!(
                claims
                    .iter()
                    .any(|c| (c.0.as_str(), c.1, c.2, c.3.as_str())
                        == (*rule, *line, *column, *text)),
                "{file}: expected {rule} at {line}:{column} \"{text}\" in {claims:?}"
            );
        }
    }
}

/// A claim with its period: (rule, line, column, text, period).
type Dated = (String, u64, u64, String, Option<i64>);

fn dated_claims(file: &str) -> (Vec<Dated>, serde_json::Value) {
    let path = format!("{DOCS}/{file}");
    let (code, out, err) = crosscheck(&["extract", &path, "--format", "jsonl"]);
    assert_eq!(code, 0, "{file}: {err}");
    assert_eq!(err, "", "{file}");
    spans_point_into_the_file(&out);
    let mut document = serde_json::Value::Null;
    let mut claims = Vec::new();
    for l in out.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
        if let Some(d) = v.get("document") {
            document = d.clone();
        }
        if let Some(c) = v.get("claim") {
            claims.push((
                c["rule"].as_str().unwrap().to_string(),
                c["line"].as_u64().unwrap(),
                c["column"].as_u64().unwrap(),
                c["text"].as_str().unwrap().to_string(),
                c["period"].as_i64(),
            ));
        }
    }
    (claims, document)
}

fn dated(expected: &[(&str, u64, u64, &str, Option<i64>)]) -> Vec<Dated> {
    expected
        .iter()
        .map(|&(r, l, c, t, p)| (r.to_string(), l, c, t.to_string(), p))
        .collect()
}

/// Issue 21 (7): figures in code, raw HTML, comments, front matter, link destinations and
/// titles, reference definitions, images, attribute values, script, style and template were
/// claims. Each of those holds a "diplomatic relations with N countries" that is not 193; only
/// the prose figures are claims, at the file's line and column.
#[test]
fn only_prose_is_read_in_markdown_and_html() {
    let (claims, document) = dated_claims("markup.md");
    assert_eq!(
        claims,
        dated(&[
            // In emphasis: `*193*` reads as 193.
            ("diplomatic-relations", 8, 40, "193", Some(2023)),
            // In a raw HTML block: its text is prose, its attributes are not.
            ("fdi-growth", 28, 18, "14.8%", Some(2023)),
            ("fdi-growth", 32, 29, "nearly 15 percent", Some(2023)),
        ])
    );
    // The `+++` front matter dates the document; the marker comment still works, its reason
    // (which quotes 14.8%) is not a claim.
    assert_eq!(document["date"], "2023-12-19");
    assert_eq!(
        document["markers"],
        serde_json::json!([{"start": 1032, "end": 1079, "line": 31, "rules": ["fdi-growth"]}])
    );

    let (claims, _) = dated_claims("markup.html");
    assert_eq!(
        claims,
        dated(&[
            ("diplomatic-relations", 7, 106, "193", None),
            ("fdi-growth", 11, 37, "14.8 percent", Some(2023)),
        ])
    );
}

/// Issue 21 (8): a sentence ending in `."`, `.'`, `.”`, `.’`, `.)` or a period and a no-break
/// space ran on into the next, and its figure took the next sentence's year.
#[test]
fn closing_quotes_and_no_break_spaces_end_sentences() {
    let (claims, _) = dated_claims("sentences.txt");
    assert_eq!(
        claims,
        dated(&[
            ("fdi-growth", 2, 10, "14.8%", None),
            ("fdi-growth", 3, 10, "5.5%", None),
            ("fdi-growth", 4, 10, "6.5%", None),
            ("fdi-growth", 5, 10, "8.8%", None),
            ("fdi-growth", 6, 11, "9.9%", None),
            ("fdi-growth", 7, 10, "11.2%", None),
            ("fdi-growth", 8, 10, "10.1%", None),
            // "U.S.", "Mr." and "J." end no sentence: the year is this sentence's.
            ("fdi-growth", 9, 41, "4.4%", Some(2014)),
        ])
    );
}

#[test]
fn markup_that_is_not_read_is_skipped_with_a_notice() {
    let path = format!("{DOCS}/notes.rst");
    let (code, out, err) = crosscheck(&["extract", &path, "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "skipped {path}: reStructuredText is not read: its markup would be read as prose"
        )),
        "{err}"
    );
    assert!(claims_of(&out).is_empty(), "{out}");
}

#[test]
fn huge_and_tiny_figures_never_make_invalid_json() {
    let (code, out, err) = crosscheck(&["check", DOCS, "--format", "json"]);
    assert_eq!(code, 1, "the edge figures disagree with the others: {err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(!out.contains("NaN") && !out.contains("Infinity"), "{out}");
    // Every document that could be read was checked despite the others.
    assert_eq!(report["summary"]["documents"], 7, "{}", report["summary"]);
    let (code, out, _) = crosscheck(&["check", DOCS, "--format", "sarif"]);
    assert_eq!(code, 1);
    serde_json::from_str::<serde_json::Value>(&out).expect("valid SARIF JSON");
}

#[cfg(unix)]
#[test]
fn links_pipes_and_large_files_are_named_and_the_rest_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("good.txt"),
        "Vietnam has diplomatic relations with 193 countries.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("other.txt"),
        "Vietnam has diplomatic relations with 139 countries.\n",
    )
    .unwrap();
    std::fs::write(d.join("big.txt"), "Vietnam. ".repeat(200)).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("broken.txt")).unwrap();
    std::fs::create_dir(d.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("loop/up")).unwrap();
    std::os::unix::fs::symlink("good.txt", d.join("linked.txt")).unwrap();
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());

    let (code, out, err) = run(
        d,
        &[
            "check",
            ".",
            "--no-config",
            "--rules",
            &format!("{ROOT}/rules"),
            "--max-file-size",
            "1K",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        code, 2,
        "errors end the run with 2, after the report: {err}"
    );
    assert!(
        err.contains("broken.txt: broken link: its target does not exist"),
        "{err}"
    );
    assert!(err.contains("link loop"), "{err}");
    assert!(
        err.contains("skipped big.txt: 1800 bytes, over the 1024-byte limit"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_str(&out).expect("a report despite errors");
    // good, other and the link to good: the files that could be read were all checked.
    assert_eq!(report["summary"]["documents"], 3, "{err}");
    assert!(report["summary"]["errors"].as_u64().unwrap() > 0, "{out}");

    if made {
        // Named explicitly, a pipe is refused at once rather than read forever.
        let (code, _, err) = run(
            d,
            &[
                "check",
                "pipe.txt",
                "good.txt",
                "--no-config",
                "--rules",
                &format!("{ROOT}/rules"),
            ],
        );
        assert_eq!(code, 2);
        assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    }
}

/// (rule file, line:column of the problem, what the diagnostic says).
const RULE_FILES: &[(&str, &str, &str)] = &[
    (
        "malformed.toml",
        "3:17",
        "invalid rule file: invalid basic string",
    ),
    ("unknown_field.toml", "5:1", "unknown field `pattern`"),
    ("bad_regex.toml", "5:13", "error: unclosed group"),
    ("too_big.toml", "5:13", "exceeds size limit"),
    (
        "no_quantity.toml",
        "5:13",
        "pattern has no `{quantity}` placeholder",
    ),
    ("empty_match.toml", "5:13", "matches the empty string"),
    ("unknown_unit.toml", "4:8", "unknown unit `percentage`"),
    ("negative_drift.toml", "5:9", "drift -1 is out of range"),
    ("duplicate_id.toml", "8:6", "duplicate rule id `fdi-growth`"),
    (
        "alias_cycle.toml",
        "8:27",
        "alias cycle: `UNHRC` is an alias of",
    ),
];

#[test]
fn every_rule_problem_is_a_diagnostic_at_its_line() {
    for (file, at, message) in RULE_FILES {
        let path = format!("tests/hostile/rules/{file}");
        let (code, _, err) = crosscheck(&["rules", "--no-config", "--rules", &path]);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(&format!("{path}:{at}")), "{file}: {err}");
        assert!(err.contains(message), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
    }
}

#[test]
fn all_rule_problems_are_collected_before_exiting() {
    let path = "tests/hostile/rules/many_problems.toml";
    let (code, _, err) = crosscheck(&["check", "seeds", "--no-config", "--rules", path]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown unit `furlongs`"), "{err}");
    assert!(
        err.contains("pattern has no `{quantity}` placeholder"),
        "{err}"
    );
    assert!(err.contains("2 problems in rule files"), "{err}");
    // The whole folder: every file's problems, each named.
    let (code, _, err) = crosscheck(&["rules", "--no-config", "--rules", "tests/hostile/rules"]);
    assert_eq!(code, 2);
    for (file, _, _) in RULE_FILES {
        assert!(err.contains(file), "{file} missing from: {err}");
    }
}

#[test]
fn documents_are_never_written() {
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(Path::new(ROOT).join(DOCS))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let baseline = tmp.path().join("baseline.json");
    let cache = tmp.path().join("cache");
    let (code, _, err) = crosscheck(&[
        "check",
        DOCS,
        "--write-baseline",
        baseline.to_str().unwrap(),
        "--cache",
        cache.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    for (p, bytes) in before {
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{p} changed");
    }
}

mod never_panics {
    //! The library on any text: pieces a hostile document is made of (figures, scale words,
    //! hedges, entities, tags, dashes, odd spaces, invalid-looking bytes as U+FFFD, long digit
    //! runs), strung together at random. CI-sized runs; `cargo fuzz` (fuzz/) goes further.

    use crosscheck::document::Document;
    use crosscheck::report::{json, ReportInput, Summary};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn rules() -> &'static crosscheck::rules::RuleSet {
        static RULES: OnceLock<crosscheck::rules::RuleSet> = OnceLock::new();
        RULES.get_or_init(|| {
            crosscheck::rules::load_path(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/rules"
            )))
            .expect("the bundled rules load")
        })
    }

    const PIECES: &[&str] = &[
        "Vietnam has diplomatic relations with ",
        " countries. ",
        "FDI grew ",
        "14.8%",
        "nearly 15 percent",
        "US$ 700 million",
        "US&#36; 700",
        "1&nbsp;000",
        "&minus;5%",
        "3\u{2013}5",
        "\u{2212}",
        "1e400",
        "10^400",
        "99999999999999999999999999999999999999",
        "0.000000000000000000000000001",
        "between 3 and ",
        "billion",
        "<b>",
        "</b>",
        "<!-- crosscheck-ignore -->",
        "\r\n",
        "\n",
        "\u{feff}",
        "\u{fffd}",
        "\u{a0}",
        "\u{202f}",
        "&#",
        ";",
        "&",
        "<",
        ".",
        " ",
        "in 2023",
        "the 13th",
        "2021-2025",
        "date: 2023-13-45\n",
        "---\ndate: 2023-10-26\n---\n",
        "+++\ndate = 2023-10-26\n+++\n",
        "```\n",
        "`",
        "    ",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<p title=\"",
        "\">",
        "[a](<https://x.y/1 2> \"",
        ")",
        "![",
        "](",
        "|",
        "> ",
        "* ",
        "\\",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(str::to_string),
                1 => "\\PC{0,12}",
                1 => "[0-9,. ]{1,40}",
            ],
            0..60,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_text_is_checked_without_panic_and_reports_valid_json(a in text(), b in text()) {
            let docs = vec![
                Document::new("a.html", a.clone()),
                Document::new("b.txt", b.clone()),
                Document::new("c.md", b),
            ];
            let outcome = crosscheck::check(&docs, rules());
            let claims: usize = outcome.claims.len();
            let summary = Summary::new(3, claims, &outcome.findings, 0);
            let report = json::render(&ReportInput { findings: &outcome.findings, rules: rules(), checks: &Default::default(), summary, corpus: None, groups: &[] });
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&report);
            prop_assert!(parsed.is_ok(), "invalid JSON: {report}");
            for c in &outcome.claims {
                let source = docs[c.doc as usize].source();
                prop_assert!(c.quantity.start <= c.quantity.end && c.quantity.end <= source.len());
                prop_assert_eq!(&source[c.quantity.start..c.quantity.end], c.quantity.text.as_str());
            }
        }

        /// The prose of any Markdown or HTML text has its length and line breaks, and each of
        /// its bytes is the text's or a space.
        #[test]
        fn prose_keeps_every_offset_and_line_break(a in text()) {
            use crosscheck::markup::{prose, Markup};
            for markup in [Markup::Markdown, Markup::Html] {
                let p = prose(&a, markup, 0).expect("markup is read as prose");
                prop_assert_eq!(p.len(), a.len());
                for (x, y) in a.bytes().zip(p.bytes()) {
                    prop_assert!(x == y || (y == b' ' && x != b'\n'), "{:?} -> {:?}", a, p);
                }
            }
        }
    }
}
