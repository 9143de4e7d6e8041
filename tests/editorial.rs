//! The editorial checks as specifications: which copies of a sentence are reported as edited,
//! which repeated paragraphs are reported, and how the config turns them off or retunes them.

use crosscheck::document::Document;
use crosscheck::editorial::Checks;
use crosscheck::finding::Severity;
use crosscheck::rules::{self, RuleSet};
use crosscheck::{Corpus, Options};

fn rules() -> RuleSet {
    RuleSet {
        rules: rules::load_str(
            "trade.toml",
            r#"
[[claim]]
id = "trade-agreements"
title = "Trade agreements signed"
unit = "number"
patterns = ['{quantity}\s+trade\s+agreements']
"#,
        )
        .unwrap(),
    }
}

/// (rule, path of the finding, figure, suggestion, paths of the other locations)
type Seen = (String, String, String, Option<String>, Vec<String>);

fn editorial(docs: &[(&str, &str)], checks: Checks) -> Vec<Seen> {
    let rules = rules();
    let docs: Vec<Document> = docs
        .iter()
        .map(|(p, t)| Document::new(*p, t.to_string()))
        .collect();
    let corpus = Corpus::extract(&docs, &rules, &checks);
    let options = Options {
        checks,
        ..Options::default()
    };
    let (findings, _) = crosscheck::judge(&corpus, &rules, &options);
    findings
        .into_iter()
        .filter(|f| &*f.rule == "edited-copy" || &*f.rule == "repeated-paragraph")
        .map(|f| {
            (
                f.rule.to_string(),
                f.locations[0].path.to_string(),
                f.locations[0].text.to_string(),
                f.suggestion.clone(),
                f.locations[1..]
                    .iter()
                    .map(|l| l.path.to_string())
                    .collect(),
            )
        })
        .collect()
}

const WIRE: &str = "According to the ministry's annual report released on Monday, the country \
                    signed 15 trade agreements and welcomed 12 state visits in 2023.";

fn seen(rule: &str, path: &str, figure: &str, suggestion: &str, others: &[&str]) -> Seen {
    (
        rule.to_string(),
        path.to_string(),
        figure.to_string(),
        Some(suggestion.to_string()).filter(|s| !s.is_empty()),
        others.iter().map(|s| s.to_string()).collect(),
    )
}

#[test]
fn a_copy_edited_in_one_place_is_reported_against_the_version_most_documents_give() {
    let edited = WIRE.replace("12 state visits", "14 state visits");
    let got = editorial(
        &[("a.txt", WIRE), ("b.txt", &edited), ("c.txt", WIRE)],
        Checks::default(),
    );
    assert_eq!(
        got,
        [seen(
            "edited-copy",
            "b.txt",
            "14",
            "12",
            &["a.txt", "c.txt"]
        )]
    );
}

#[test]
fn every_figure_counts_not_only_the_claims_and_the_message_names_each_change() {
    // The claim (15 trade agreements) is the same; the year and the visits differ.
    let edited = WIRE
        .replace("12 state visits", "13 state visits")
        .replace("2023", "2022");
    let rules = rules();
    let docs = [
        Document::new("a.txt", WIRE.to_string()),
        Document::new("b.txt", edited),
    ];
    let corpus = Corpus::extract(&docs, &rules, &Checks::default());
    let (findings, _) = crosscheck::judge(&corpus, &rules, &Options::default());
    let f = findings
        .iter()
        .find(|f| &*f.rule == "edited-copy")
        .expect("an edited-copy finding");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.locations[0].text, "13");
    assert_eq!(f.locations[0].line, 1);
    assert_eq!(
        f.message,
        "this sentence is also in a.txt:1, with \"13\" where it says \"12\", \
         \"2022\" where it says \"2023\""
    );
}

#[test]
fn with_two_versions_in_two_documents_the_later_document_is_reported() {
    let edited = WIRE.replace("15 trade", "16 trade");
    let got = editorial(&[("a.txt", WIRE), ("b.txt", &edited)], Checks::default());
    assert_eq!(got, [seen("edited-copy", "b.txt", "16", "15", &["a.txt"])]);
}

#[test]
fn short_sentences_one_documents_restatements_and_agreeing_copies_are_not_reported() {
    let short = "It signed 15 trade agreements.";
    let short_edited = "It signed 16 trade agreements.";
    assert_eq!(
        editorial(
            &[("a.txt", short), ("b.txt", short_edited)],
            Checks::default()
        ),
        []
    );
    // b.txt states both versions: it restates itself; a.txt is not an edited copy of it.
    let both = format!("{WIRE}\n\n{}\n", WIRE.replace("2023", "2024"));
    let got = editorial(
        &[("a.txt", &WIRE.replace("2023", "2024")), ("b.txt", &both)],
        Checks::default(),
    );
    // (Its second paragraph is a near repeat of its first, which the other check reports.)
    let rules: Vec<&str> = got.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(rules, ["repeated-paragraph"]);
    assert_eq!(
        editorial(&[("a.txt", WIRE), ("b.txt", WIRE)], Checks::default()),
        []
    );
}

#[test]
fn a_mask_character_in_the_text_is_not_a_figure() {
    // U+0001 is what figures are masked with: a sentence holding one must not pass for a
    // copy of a sentence with a figure in its place.
    let a = "Officials said 15 trade agreements were signed, \u{1} of them with 20 partners in the wider region this year.";
    let b = "Officials said 15 trade agreements were signed, 4 of them with 20 partners in the wider region this year.";
    assert_eq!(
        editorial(&[("a.txt", a), ("b.txt", b)], Checks::default()),
        []
    );
    assert_eq!(
        editorial(&[("b.txt", b), ("a.txt", a)], Checks::default()),
        []
    );
}

#[test]
fn the_config_sets_severity_thresholds_or_turns_a_check_off() {
    let edited = WIRE.replace("12 state visits", "14 state visits");
    let docs = [("a.txt", WIRE), ("b.txt", edited.as_str())];
    let mut off = Checks::default();
    off.edited_copy.severity = None;
    assert_eq!(editorial(&docs, off), []);
    let mut long = Checks::default();
    long.edited_copy.min_words = 40;
    assert_eq!(editorial(&docs, long), []);

    let para =
        "The delegation met the prime minister and signed 15 trade agreements in Hanoi on Monday.";
    let near =
        "The delegation met the prime minister and signed 15 trade agreements in Hue on Monday.";
    let text = format!("{para}\n\nSomething else entirely.\n\n{near}\n");
    let docs = [("a.txt", text.as_str())];
    // 14 of 15 words alike (a ratio of 28/30): a near repeat at 0.9, not at 0.95.
    let got = editorial(&docs, Checks::default());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "repeated-paragraph");
    let mut strict = Checks::default();
    strict.repeated_paragraph.similarity = 0.95;
    assert_eq!(editorial(&docs, strict), []);
}

#[test]
fn the_config_file_names_the_checks_and_rejects_bad_settings_at_their_line() {
    let path = std::path::Path::new("crosscheck.toml");
    let c = crosscheck::config::load_str(
        path,
        "[checks.repeated-paragraph]\nseverity = \"error\"\nsimilarity = 1\n\
         [checks.edited-copy]\nseverity = \"off\"\nmin_words = 20\n",
    )
    .unwrap();
    assert_eq!(c.checks.repeated_paragraph.severity, Some(Severity::Error));
    assert_eq!(c.checks.repeated_paragraph.similarity, 1.0);
    assert_eq!(c.checks.edited_copy.severity, None);
    assert_eq!(c.checks.edited_copy.min_words, 20);

    let errs = crosscheck::config::load_str(
        path,
        "[checks.repeated-paragraph]\nseverity = \"loud\"\nsimilarity = 2.0\nmin_words = 0\n\
         [checks.edited-copy]\nsimilarity = 0.9\n",
    )
    .unwrap_err();
    let got: Vec<(usize, String)> = errs.iter().map(|e| (e.line, e.message.clone())).collect();
    assert_eq!(
        got,
        [
            (2, "unknown severity \"loud\"".to_string()),
            (4, "min_words must be at least 1".to_string()),
            (3, "similarity out of range".to_string()),
            (
                6,
                "`similarity` is not a setting of edited-copy".to_string()
            ),
        ]
    );
    let errs = crosscheck::config::load_str(path, "[checks.typo-check]\nseverity = \"note\"\n")
        .unwrap_err();
    assert!(
        errs[0].message.contains("unknown field"),
        "{}",
        errs[0].message
    );
}

#[test]
fn a_claim_rule_may_not_take_an_editorial_checks_id() {
    let errs = rules::load_str(
        "r.toml",
        "[[claim]]\nid = \"edited-copy\"\ntitle = \"t\"\nunit = \"number\"\npatterns = ['{quantity} x']\n",
    )
    .unwrap_err();
    assert_eq!(errs[0].line, 2);
    assert!(
        errs[0].message.contains("editorial check"),
        "{}",
        errs[0].message
    );
}
