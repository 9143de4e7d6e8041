//! Regression tests from fuzzing (`fuzz/`): inputs the fuzz targets found or the nastiest inputs
//! tried by hand, run through the public API exactly as the targets do, with the same checks.
//!
//! A test marked `#[ignore = "fuzz crash: ..."]` reproduces a crash that is not fixed yet; remove
//! the `ignore` once it is.

use crosscheck::document::Document;
use crosscheck::quantity::Quantity;
use crosscheck::report::{ReportInput, Summary};
use crosscheck::rules::RuleSet;
use std::path::Path;
use std::sync::OnceLock;

const SEED: &str = include_str!("../seeds/vov-expanded-diplomacy-2023.txt");

/// The `quantity` target: parse, then check every figure's span and numbers.
fn quantity_target(data: &[u8]) -> Vec<Quantity> {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let qs = crosscheck::quantity::parse(text);
    for q in &qs {
        assert!(q.start <= q.end && q.end <= text.len(), "span {q:?}");
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(v) = q.value {
            assert!(v.is_finite(), "value not finite: {q:?}");
        }
        for b in [q.interval.lo, q.interval.hi].into_iter().flatten() {
            assert!(b.value.is_finite(), "bound not finite: {q:?}");
        }
        if let (Some(lo), Some(hi)) = (q.interval.lo, q.interval.hi) {
            assert!(lo.value <= hi.value, "lo > hi: {q:?}");
        }
    }
    qs
}

/// The `rules` target: load; every error must render, every pattern accepted must compile.
fn rules_target(data: &[u8]) -> usize {
    use std::fmt::Write as _;
    let text = String::from_utf8_lossy(data);
    match crosscheck::rules::load_str("fuzz.toml", &text) {
        Ok(rules) => {
            for r in &rules {
                for p in r.patterns.iter().chain(&r.exclude) {
                    let _ = p.regex();
                }
            }
            rules.len()
        }
        Err(errors) => {
            let handler = miette::GraphicalReportHandler::new_themed(
                miette::GraphicalTheme::unicode_nocolor(),
            )
            .with_links(false)
            .with_width(100);
            for e in &errors {
                let mut s = String::new();
                let _ = write!(s, "{e}");
                let _ = write!(s, "{e:?}");
                let _ = handler.render_report(&mut s, e);
            }
            0
        }
    }
}

fn bundled_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        crosscheck::rules::load_path(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")))
            .expect("bundled rules load")
    })
}

fn check_span(docs: &[Document], path: &str, start: usize, end: usize, text: &str) {
    // Spans are the file's: they index the text as read, before entities are decoded.
    let t = docs
        .iter()
        .find(|d| d.path == path)
        .expect("known doc")
        .source();
    assert!(
        start <= end && end <= t.len(),
        "span {start}..{end} in {path}"
    );
    assert!(t.is_char_boundary(start) && t.is_char_boundary(end));
    assert_eq!(&t[start..end], text);
}

/// The `pipeline` target: check against the seed, render JSON, parse it back.
fn pipeline_target(data: &[u8]) -> serde_json::Value {
    let docs = vec![
        Document::new("fuzz.txt", String::from_utf8_lossy(data).into_owned()),
        Document::new("seed.txt", SEED.to_string()),
    ];
    let rules = bundled_rules();
    let outcome = crosscheck::check(&docs, rules);
    for c in &outcome.claims {
        check_span(
            &docs,
            &c.path,
            c.quantity.start,
            c.quantity.end,
            &c.quantity.text,
        );
    }
    for f in outcome.findings.iter().chain(&outcome.suppressed) {
        for l in &f.locations {
            check_span(&docs, &l.path, l.start, l.end, &l.text);
            for b in [l.interval.lo, l.interval.hi].into_iter().flatten() {
                assert!(b.value.is_finite());
            }
        }
    }
    let input = ReportInput {
        findings: &outcome.findings,
        rules,
        checks: &Default::default(),
        summary: Summary::new(
            docs.len(),
            outcome.claims.len(),
            &outcome.findings,
            outcome.suppressed.len(),
        ),
        corpus: None,
        groups: &[],
    };
    let json = crosscheck::report::json::render(&input);
    serde_json::from_str(&json).expect("JSON report parses")
}

// ---- Nasty inputs tried by hand (not crashes) ----

#[test]
fn quantity_huge_exponent() {
    quantity_target(b"10^400");
    quantity_target(b"GDP of US$ 10^400 billion, up 1e400 percent");
}

#[test]
fn quantity_five_thousand_figures_in_one_sentence() {
    let s: Vec<String> = (0..5000).map(|i| format!("{i}.5%")).collect();
    let qs = quantity_target(s.join(", ").as_bytes());
    assert!(!qs.is_empty());
}

#[test]
fn quantity_200kb_line_of_digits() {
    quantity_target("9".repeat(200_000).as_bytes());
    quantity_target(format!("US$ {} billion", "9".repeat(400)).as_bytes());
}

#[test]
fn rules_deeply_nested_regex() {
    let pattern = format!("{}{{quantity}}{}", "(?:".repeat(500), ")".repeat(500));
    let toml = format!(
        "[[claim]]\nid = \"nested\"\ntitle = \"t\"\nunit = \"number\"\npatterns = ['{pattern}']\n"
    );
    rules_target(toml.as_bytes());
    let unbalanced = "[[claim]]\nid = \"x\"\ntitle = \"t\"\nunit = \"number\"\npatterns = ['((((((((((({quantity}']\n";
    assert_eq!(rules_target(unbalanced.as_bytes()), 0);
}

#[test]
fn pipeline_many_figures_in_one_sentence() {
    // 1,000 matching claims in one sentence (5,000 is covered by the quantity test; here the
    // comparison would make a debug build too slow).
    let s: Vec<String> = (0..1000)
        .map(|i| format!("Vietnam made {i} overseas visits"))
        .collect();
    pipeline_target(s.join(", ").as_bytes());
}

#[test]
fn pipeline_huge_numbers() {
    let text = format!(
        "Vietnam's trade reached US$ {} billion and 10^400 overseas visits by key leaders.",
        "9".repeat(400)
    );
    pipeline_target(text.as_bytes());
}
