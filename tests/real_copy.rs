//! False alarms seen on real news (../shared/corpus, issue 20), each cause with a test of its
//! own. The sentences are the corpus's own (ECB+ cluster files and BBC articles named in each
//! case), run through the library pipeline with a news rule pack written as a user would.

use crosscheck::document::Document;
use crosscheck::extract::{extract_document, match_text, Rejection, Scanner};
use crosscheck::rules::{load_str, RuleSet};

const RULES: &str = r#"
[[claim]]
id = "death-toll"
title = "Number of people killed"
unit = "number"
cumulative = true
patterns = [
  '\bkill(?:ed|ing|s)?\s+{quantity}',
  '{quantity}\s+(?:\w+\s+){0,2}?(?:were\s+|have\s+been\s+)?(?:killed|dead|died)\b',
  '\bdeath\s+toll\s+(?:\w+\s+){0,6}?(?:to|of|at)\s+{quantity}',
  '\bbodies\s+of\s+{quantity}',
]

[[claim]]
id = "injured"
title = "Number of people injured"
unit = "number"
patterns = ['{quantity}\s+(?:\w+\s+){0,2}?(?:were\s+)?(?:injured|hurt|wounded)\b']

[[claim]]
id = "quake-magnitude"
title = "Magnitude of the earthquake"
unit = "number"
patterns = ['\bmagnitude(?:\s+of|\s*-)?\s*{quantity}', '{quantity}\s*-?\s*magnitude\b', '\bmeasuring\s+{quantity}']

[[claim]]
id = "age"
title = "Age of a person"
unit = "number"
subject = "required"
patterns = ['{quantity}[-\s]year[-\s]old\b']

[[claim]]
id = "gdp-growth"
title = "Growth of an economy"
unit = "percent"
patterns = ['\b(?:economy|GDP)\b[^.;]{0,40}?\b(?:grew|expanded)\s+(?:by\s+)?{quantity}']

[[claim]]
id = "deal-value"
title = "Price of a deal"
unit = "money"
patterns = ['\bfor\s+{quantity}']
"#;

fn rules() -> RuleSet {
    RuleSet {
        rules: load_str("news.toml", RULES).expect("the news pack loads"),
        ..RuleSet::default()
    }
}

/// (rule, kind, severity, outlier text) of every claim finding of `docs`.
fn findings(docs: &[(&str, &str)]) -> Vec<(String, String, String, String)> {
    let docs: Vec<Document> = docs
        .iter()
        .map(|(p, t)| Document::new(*p, t.to_string()))
        .collect();
    crosscheck::check(&docs, &rules())
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.kind.as_str().to_string(),
                f.severity.as_str().to_string(),
                f.locations[0].text.to_string(),
            )
        })
        .collect()
}

/// Why `rule` takes no claim from `text`: the readings of its rejected matches.
fn rejections(rule: &str, text: &str) -> (usize, Vec<String>) {
    let rules = rules();
    let (found, rejected) = match_text(rules.get(rule).expect("rule"), text);
    let why = rejected
        .iter()
        .map(|r| match r {
            Rejection::NotWhole { reading, .. } => reading.as_str().to_string(),
            Rejection::NoSubject { .. } => "no subject".to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    (found.len(), why)
}

#[test]
fn a_recalled_event_is_not_compared_with_todays() {
    // t37-ecbplus: the 2004 tsunami recalled in reports of the 2013 Aceh quake.
    let f = findings(&[
        (
            "37_10.txt",
            "AN EARTHQUAKE killed six children, bringing the confirmed death toll from the disaster to 11.",
        ),
        (
            "37_1.txt",
            "The catastrophe four years ago devastated Indian Ocean community and killed more than 230,000 people.",
        ),
    ]);
    assert!(
        f.iter().all(|(_, _, _, text)| text != "more than 230,000"),
        "{f:?}"
    );
    assert_eq!(
        rejections(
            "death-toll",
            "The catastrophe four years ago devastated Indian Ocean community and killed more than 230,000 people."
        )
        .1,
        ["recalled from another time"]
    );
}

#[test]
fn the_period_is_the_time_the_figures_own_clause_names() {
    let scanner_rules = rules();
    let scanner = Scanner::new(&scanner_rules);
    let period = |text: &str| -> Vec<Option<i32>> {
        extract_document(0, &Document::new("a.txt", text.to_string()), &scanner)
            .iter()
            .map(|c| c.period)
            .collect()
    };
    // BBC business: "last year", not the 2003 of the clause after "after".
    assert_eq!(
        period("date 2005-02-15\nGermany's economy grew 1.6% last year after shrinking in 2003."),
        [Some(2004)]
    );
    // t20-ecb: a clock time is not a year.
    assert_eq!(
        period("date 2005-11-27\nA strong 5.6 -magnitude earthquake jolted part of Qeshm island at 17:06 pm (1336 GMT) on Sunday."),
        [Some(2005)]
    );
    // t37-ecbplus: the tsunami's year is in another clause than the injured.
    assert_eq!(
        period("date 2013-07-03\nThe strong 6.1-magnitude quake left hundreds more injured as it rocked a region that was devastated by the quake-triggered tsunami of 2004."),
        [Some(2013)]
    );
}

#[test]
fn other_people_in_the_same_story_are_other_subjects() {
    // t36-ecbplus: Jeffs's own age and his victims' ages.
    let f = findings(&[
        (
            "36_9.txt",
            "The 54-year-old Jeffs was not asked to enter a plea, Strickland said.",
        ),
        (
            "36_3.txt",
            "Prosecutors showed Jeffs fathered a child with a 15-year-old girl and played a recording of him assaulting a 12-year-old girl.",
        ),
        (
            "36_5.txt",
            "Warren Jeffs, the 55-year-old leader, was sentenced on Tuesday.",
        ),
    ]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(
        rejections("age", "a recording of him assaulting a 12-year-old girl").1,
        ["no subject"]
    );
}

#[test]
fn parts_increments_and_generic_statements_are_not_totals() {
    for (rule, text, why) in [
        // t08-ecbplus
        (
            "death-toll",
            "Police said two women and one man died at a branch of the Marfin bank.",
            "part of a breakdown",
        ),
        // t20-ecbplus
        (
            "death-toll",
            "The new death toll came after the bodies of two more victims were found in the village.",
            "an increment",
        ),
        (
            "quake-magnitude",
            "A magnitude 6 quake can cause severe damage.",
            "a generic statement",
        ),
        (
            "quake-magnitude",
            "Two quakes, measuring 7.6 and 7.4, struck the province.",
            "part of a breakdown",
        ),
    ] {
        let (found, why_not) = rejections(rule, text);
        assert_eq!(found, 0, "{text}");
        assert!(why_not.iter().any(|w| w == why), "{text}: {why_not:?}");
    }
}

#[test]
fn an_exact_figure_inside_every_hedged_statement_agrees_with_them() {
    // t37-ecb: "five" and "at least five", with an open-ended figure that reaches both.
    let f = findings(&[
        ("37_2.txt", "Five people were killed in the quake."),
        (
            "37_1.txt",
            "At least five people were killed, according to the UN.",
        ),
        ("37_7.txt", "The quake killed more than 230,000 people."),
    ]);
    assert!(f.iter().all(|(_, _, _, t)| t != "Five"), "{f:?}");
}

#[test]
fn a_typo_needs_evidence_and_round_figures_are_read_as_meant() {
    // Short figures one digit apart are different figures: a conflict, not a typo.
    let f = findings(&[
        ("a.txt", "At least 12 people were injured on Sunday."),
        ("b.txt", "Officials said 12 people were injured."),
        ("c.txt", "Some 18 people were injured in Aceh."),
        ("d.txt", "Police said 12 people were injured."),
        ("e.txt", "The governor said 18 people were injured."),
    ]);
    assert!(f.iter().all(|(_, kind, _, _)| kind != "typo"), "{f:?}");
    assert!(f.iter().any(|(_, kind, _, _)| kind == "conflict"), "{f:?}");
    // Magnitudes 6.1 and 6.0 may both round 6.05: no error either way.
    let f = findings(&[
        ("a.txt", "The quake had a magnitude of 6.1 on Sunday."),
        ("b.txt", "The quake had a magnitude of 6.0 in Aceh."),
    ]);
    assert!(f.iter().all(|(_, _, sev, _)| sev != "error"), "{f:?}");
    // Both roundings of $9.35bn: a warning that they are a rounding apart, never an error or
    // a typo. A round figure and the figure it rounds agree: at most an approximation.
    let f = findings(&[
        ("a.txt", "HP bought it for $9.3bn."),
        ("b.txt", "HP bought it for $9.4bn."),
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].1.as_str(), f[0].2.as_str()), ("conflict", "warning"));
    let f = findings(&[
        ("a.txt", "They paid for 100,000 shares."),
        ("b.txt", "They paid for 104,000 shares."),
    ]);
    assert!(
        f.iter().all(|(_, kind, _, _)| kind == "approximation"),
        "{f:?}"
    );
    // Three digits, one swapped: a typo.
    let f = findings(&[
        ("a.txt", "The economy grew 1.63% in 2004."),
        ("b.txt", "The economy grew 1.63% in 2004, the office said."),
        ("c.txt", "The economy grew 1.36% in 2004."),
    ]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].1.as_str(), f[0].3.as_str()), ("typo", "1.36%"));
}

#[test]
fn a_running_count_that_rose_is_an_update_not_a_conflict() {
    // t37-ecbplus: the Aceh toll as reports came in.
    let f = findings(&[
        ("37_1.txt", "Five dead, dozens injured in Indonesia quake."),
        (
            "37_10.txt",
            "The quake killed six children, bringing the confirmed death toll from the disaster to 11.",
        ),
        ("37_12.txt", "The death toll rose to 11 on Wednesday."),
    ]);
    let tolls: Vec<_> = f.iter().filter(|x| x.0 == "death-toll").collect();
    assert!(!tolls.is_empty(), "{f:?}");
    assert!(
        tolls
            .iter()
            .all(|(_, kind, sev, _)| kind == "updated" && sev == "note"),
        "{f:?}"
    );
}
