//! Arbitrary bytes, read as lossy UTF-8, as one article checked against a bundled seed article
//! with the bundled rule pack; the findings are rendered as the JSON report. The rules, their
//! scanner and the seed's claims are built once, so each run costs one extraction and one
//! comparison (`crosscheck::check` would compile the gate again on every run).
//!
//! Checks: no panic anywhere; every claim's and every finding location's span lies inside its
//! document, on char boundaries, and its text is `text[start..end]`; interval ends are finite;
//! the JSON report parses and carries no non-finite number (serialised as `null` with an
//! inclusive flag set).
#![no_main]

use crosscheck::document::Document;
use crosscheck::extract::{extract_document, Claim, Scanner};
use crosscheck::quantity::Interval;
use crosscheck::report::{ReportInput, Summary};
use crosscheck::rules::RuleSet;
use crosscheck::{Corpus, Options};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

const SEED: &str = include_str!("../../seeds/vov-expanded-diplomacy-2023.txt");

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        crosscheck::rules::load_path(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../rules")))
            .expect("bundled rules load")
    })
}

fn scanner() -> &'static Scanner<'static> {
    static SCANNER: OnceLock<Scanner<'static>> = OnceLock::new();
    SCANNER.get_or_init(|| Scanner::new(rules()))
}

fn seed() -> &'static (Document, Vec<Claim>) {
    static SEED_DOC: OnceLock<(Document, Vec<Claim>)> = OnceLock::new();
    SEED_DOC.get_or_init(|| {
        let doc = Document::new("seed.txt", SEED.to_string());
        let claims = extract_document(1, &doc, scanner());
        (doc, claims)
    })
}

fn check_span(docs: &[&Document], path: &str, start: usize, end: usize, text: &str) {
    let doc = docs
        .iter()
        .find(|d| d.path == path)
        .unwrap_or_else(|| panic!("span in unknown document {path:?}"));
    // Spans are the file's: they index the text as read, before entities are decoded.
    let t = doc.source();
    assert!(
        start <= end && end <= t.len(),
        "span {start}..{end} outside {path} ({} bytes)",
        t.len()
    );
    assert!(
        t.is_char_boundary(start),
        "start {start} not on a char boundary in {path}"
    );
    assert!(
        t.is_char_boundary(end),
        "end {end} not on a char boundary in {path}"
    );
    assert_eq!(
        &t[start..end],
        text,
        "figure text differs from {path}[{start}..{end}]"
    );
}

fn check_interval(i: &Interval) {
    if let Some(b) = i.lo {
        assert!(b.value.is_finite(), "lo {} not finite", b.value);
    }
    if let Some(b) = i.hi {
        assert!(b.value.is_finite(), "hi {} not finite", b.value);
    }
    if let (Some(lo), Some(hi)) = (i.lo, i.hi) {
        assert!(lo.value <= hi.value, "lo {} > hi {}", lo.value, hi.value);
    }
}

fn check_json(v: &serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for end in ["lo", "hi"] {
                if m.get(end).is_some_and(|x| x.is_null()) {
                    let flag = format!("{end}_inclusive");
                    assert_ne!(
                        m.get(&flag),
                        Some(&serde_json::Value::Bool(true)),
                        "{end} is null but {flag} is true: a non-finite number was written"
                    );
                }
            }
            m.values().for_each(check_json);
        }
        serde_json::Value::Array(a) => a.iter().for_each(check_json),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document::new("fuzz.txt", text);
    let (seed_doc, seed_claims) = seed();
    let docs = [&doc, seed_doc];
    let rules = rules();
    let claims = extract_document(0, &doc, scanner());
    let corpus = Corpus {
        documents: vec![doc.info(), seed_doc.info()],
        claims: claims.iter().chain(seed_claims).cloned().collect(),
        quiet: Default::default(),
    };
    let (findings, suppressed) = crosscheck::judge(&corpus, rules, &Options::default());
    let outcome = crosscheck::Outcome {
        claims: corpus.claims,
        findings,
        suppressed,
    };
    for c in &outcome.claims {
        let q = &c.quantity;
        check_span(&docs, &c.path, q.start, q.end, &q.text);
        check_interval(&q.interval);
        if let Some(v) = q.value {
            assert!(v.is_finite(), "value {v} not finite");
        }
    }
    for f in outcome.findings.iter().chain(&outcome.suppressed) {
        for l in &f.locations {
            check_span(&docs, &l.path, l.start, l.end, &l.text);
            check_interval(&l.interval);
        }
    }
    let input = ReportInput {
        findings: &outcome.findings,
        rules,
        summary: Summary::new(
            docs.len(),
            outcome.claims.len(),
            &outcome.findings,
            outcome.suppressed.len(),
        ),
        corpus: None,
    };
    let json = crosscheck::report::json::render(&input);
    let value: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("JSON report does not parse: {e}\n{json}"));
    check_json(&value);
});
