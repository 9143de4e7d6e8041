//! Comparison as a specification: small corpora written in the test, one rule pack, and the
//! findings each must produce (or not). Runs the library pipeline without the CLI.

use crosscheck::compare::{compare, MAX_SOURCES};
use crosscheck::document::Document;
use crosscheck::extract::{extract_document, Claim, Scanner};
use crosscheck::facts::{self, Facts};
use crosscheck::finding::Finding;
use crosscheck::rules::{load_str, RuleSet};
use std::collections::{BTreeMap, BTreeSet};

const RULES: &str = r#"
[[claim]]
id = "relations"
title = "Countries with diplomatic relations"
unit = "number"
patterns = ['relations\s+with\s+{quantity}\s+countries']

[[claim]]
id = "exports"
title = "Export value"
unit = "money"
patterns = ['exports\s+(?:reached|hit|of)\s+{quantity}']

[[claim]]
id = "growth"
title = "GDP growth"
unit = "percent"
document_context = ['\bRuritania\b']
patterns = ['GDP\s+grew\s+(?:by\s+)?{quantity}']

[[claim]]
id = "partners"
title = "Strategic partners"
unit = "number"
enumeration = true
patterns = ['strategic\s+partnerships\s+with\s+{quantity}\s+countries']
"#;

fn rules() -> RuleSet {
    RuleSet {
        rules: load_str("spec.toml", RULES).expect("spec rules load"),
    }
}

/// (rule, kind, severity, outlier text, suggestion, paths of every location)
type Seen = (String, String, String, String, Option<String>, Vec<String>);

/// Runs the pipeline on (path, text) documents; returns what each finding says.
fn findings(docs: &[(&str, &str)]) -> Vec<Seen> {
    let docs: Vec<Document> = docs
        .iter()
        .map(|(p, t)| Document::new(*p, t.to_string()))
        .collect();
    let out = crosscheck::check(&docs, &rules());
    out.findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.kind.as_str().to_string(),
                f.severity.as_str().to_string(),
                f.locations[0].text.to_string(),
                f.suggestion.clone(),
                f.locations.iter().map(|l| l.path.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn the_majority_wins_and_the_outlier_is_a_typo() {
    let f = findings(&[
        ("a.txt", "It has relations with 193 countries."),
        ("b.txt", "It has diplomatic relations with 193 countries."),
        ("c.txt", "It now has relations with 139 countries."),
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    let (rule, kind, sev, text, sugg, paths) = &f[0];
    assert_eq!(
        (rule.as_str(), kind.as_str(), sev.as_str()),
        ("relations", "typo", "error")
    );
    assert_eq!(text, "139");
    assert_eq!(sugg.as_deref(), Some("193"));
    assert_eq!(paths, &["c.txt", "a.txt", "b.txt"]);
}

#[test]
fn a_disjoint_figure_far_from_the_consensus_is_a_conflict() {
    let f = findings(&[
        ("a.txt", "It has relations with 193 countries."),
        ("b.txt", "It has relations with 193 countries."),
        ("c.txt", "It has relations with 150 countries."),
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].1.as_str(), f[0].3.as_str()), ("conflict", "150"));
    assert_eq!(f[0].4.as_deref(), Some("193"));
}

#[test]
fn two_sources_split_one_against_one_get_no_suggestion() {
    let f = findings(&[
        ("a.txt", "It has relations with 193 countries."),
        ("b.txt", "It has relations with 150 countries."),
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "conflict");
    assert_eq!(f[0].4, None, "no majority, no suggestion");
}

#[test]
fn hedged_figures_that_overlap_agree() {
    let f = findings(&[
        ("a.txt", "It has relations with 193 countries."),
        ("b.txt", "It has relations with more than 190 countries."),
        ("c.txt", "It has relations with nearly 200 countries."),
        ("d.txt", "It has relations with about 190 countries."),
    ]);
    assert!(f.iter().all(|x| x.1 == "approximation"), "{f:?}");
}

#[test]
fn claims_within_one_document_are_compared() {
    let f = findings(&[(
        "a.txt",
        "It has relations with 193 countries. Later it says: relations with 193 countries. \
         And at the end: relations with 139 countries.",
    )]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].1.as_str(), f[0].3.as_str()), ("typo", "139"));
    assert_eq!(f[0].5, vec!["a.txt"; 3]);
}

#[test]
fn amounts_in_different_currencies_are_not_compared() {
    let f = findings(&[
        ("a.txt", "Exports reached $55.5bn."),
        ("b.txt", "Exports reached 20,479.5bn yen."),
    ]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn figures_for_different_years_are_not_compared() {
    let f = findings(&[
        ("a.txt", "In 2022, exports reached $300 billion."),
        ("b.txt", "In 2023, exports reached $370 billion."),
        (
            "c.txt",
            "date 2023-12-01\nExports hit $370 billion this year.",
        ),
    ]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_rule_applies_only_to_documents_with_its_document_context() {
    let f = findings(&[
        ("a.txt", "Ruritania's GDP grew 5.2% last year."),
        ("b.txt", "In Ruritania, GDP grew by 5.2 percent."),
        ("c.txt", "Elsewhere, GDP grew 1.1% in the same year."),
    ]);
    assert!(f.is_empty(), "{f:?}");
    let f = findings(&[
        ("a.txt", "Ruritania's GDP grew 5.2% last year."),
        ("b.txt", "Ruritania: GDP grew 1.1% in the same year."),
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn a_list_shorter_than_its_count_is_a_finding() {
    let f = findings(&[(
        "a.txt",
        "It has strategic partnerships with four countries: France, Japan and India.",
    )]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].1.as_str(), f[0].4.as_deref()),
        ("list_count", Some("3"))
    );
    let f = findings(&[(
        "a.txt",
        "It has strategic partnerships with three countries: France, Japan and India.",
    )]);
    assert!(f.is_empty(), "{f:?}");
}

/// A large corpus, built as claims rather than texts: `n` documents ("000000.txt", ...) that
/// each state one GDP growth figure. Every 100th document states the next of `outliers` in
/// turn; all the others say 14.8%.
fn growth_claims(n: usize, outliers: &[&str], rules: &RuleSet) -> Vec<Claim> {
    let scanner = Scanner::new(rules);
    let said = |figure: &str| {
        let text = format!("Ruritania's GDP grew {figure} last year.");
        let mut claims = extract_document(0, &Document::new("t.txt", text), &scanner);
        assert_eq!(claims.len(), 1, "{figure}: {claims:?}");
        claims.remove(0)
    };
    let consensus = said("14.8%");
    let outliers: Vec<Claim> = outliers.iter().map(|o| said(o)).collect();
    (0..n)
        .map(|doc| {
            let mut c = match doc % 100 {
                99 => outliers[doc / 100 % outliers.len()].clone(),
                _ => consensus.clone(),
            };
            c.doc = u32::try_from(doc).unwrap();
            c.path = format!("{doc:06}.txt").into();
            c
        })
        .collect()
}

/// The 1,000 outliers of a 100,000-document corpus: six in ten are one digit edit from 14.8%
/// (a digit changed, two digits swapped, the decimal point dropped, a digit added), the rest
/// are simply another figure.
const OUTLIERS: [&str; 10] = [
    "14.3%", "14.3%", "41.8%", "41.8%", "148%", "14.88%", "20.5%", "20.5%", "20.5%", "20.5%",
];

/// How many findings of each kind.
fn kinds(findings: &[Finding]) -> Vec<(&'static str, usize)> {
    let mut kinds = BTreeMap::new();
    for f in findings {
        *kinds.entry(f.kind.as_str()).or_insert(0) += 1;
    }
    kinds.into_iter().collect()
}

#[test]
fn a_group_of_100000_claims_reports_each_outlier_against_at_most_max_sources() {
    let rules = rules();
    let claims = growth_claims(100_000, &OUTLIERS, &rules);
    let found = compare(&claims, &rules, &Facts::default());
    assert_eq!(kinds(&found), [("conflict", 400), ("typo", 600)]);
    // The first sources that agree, in the order of the run, stand for all 99,000.
    let first_sources: Vec<String> = (0..MAX_SOURCES).map(|d| format!("{d:06}.txt")).collect();
    for f in &found {
        assert!(f.locations[0].path.ends_with("99.txt"), "{}", f.message);
        assert!(f.locations.len() <= 1 + MAX_SOURCES, "{}", f.message);
        let cited: Vec<&str> = f.locations[1..].iter().map(|l| &*l.path).collect();
        assert_eq!(cited, first_sources, "{}", f.message);
        assert!(
            f.message.contains("stated by 99000 other sources"),
            "{}",
            f.message
        );
        assert!(!f.message.contains("no majority"), "{}", f.message);
        assert_eq!(f.suggestion.as_deref(), Some("14.8%"), "{}", f.message);
    }
    let kinds_for = |text: &str| {
        found
            .iter()
            .filter(|f| f.locations[0].text == text)
            .map(|f| f.kind.as_str())
            .collect::<BTreeSet<_>>()
    };
    for typo in ["14.3%", "41.8%", "148%", "14.88%"] {
        assert_eq!(kinds_for(typo), ["typo"].into(), "{typo}");
    }
    assert_eq!(kinds_for("20.5%"), ["conflict"].into());
}

#[test]
fn against_a_verified_fact_a_large_group_lists_at_most_max_sources_that_agree() {
    let rules = rules();
    let facts = facts::load_str(
        "facts.toml",
        "[[fact]]\nrule = \"growth\"\nvalue = \"14.8%\"\nsource = \"Statistics office\"\n",
        &rules,
    )
    .expect("facts load");
    let claims = growth_claims(100_000, &OUTLIERS, &rules);
    let found = compare(&claims, &rules, &facts);
    assert_eq!(kinds(&found), [("fact", 1000)]);
    for f in &found {
        assert_eq!(f.locations.len(), 1 + MAX_SOURCES, "{}", f.message);
    }
}
