//! `docs/facts.md` shows a facts file; it loads against the bundled rule pack, and each fact
//! lands on the rule, key and period the guide says.

use crosscheck::quantity::Interval;
use std::path::PathBuf;

#[test]
fn the_facts_guide_example_loads_against_the_rule_pack() {
    let doc = include_str!("../docs/facts.md");
    let start = doc.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let block = &doc[start..start + doc[start..].find("```").unwrap()];
    let rules =
        crosscheck::rules::load(&[PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))])
            .unwrap();
    let facts = crosscheck::facts::load_str("docs/facts.md", block, &rules)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let got: Vec<(&str, Option<&str>, Option<i32>, Interval)> = facts
        .facts
        .iter()
        .map(|f| {
            (
                rules.rules[f.rule].id.as_ref(),
                f.key.as_deref(),
                f.period,
                f.citation.interval,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("diplomatic-relations", None, None, Interval::point(193.0)),
            ("fdi-growth", None, Some(2023), got[1].3),
            (
                "partnerships",
                Some("strategic partnership"),
                Some(2023),
                Interval::closed(12.0, 12.0)
            ),
        ]
    );
    // "14.8%" is read as the quantity model reads it in an article.
    assert!(got[1].3.contains(14.8) && !got[1].3.contains(15.0));
}
