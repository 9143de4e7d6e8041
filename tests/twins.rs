//! A rule pattern and its ASCII twin (`rules::matcher`) find the same matches, with the same
//! groups, on every text whose word characters are all ASCII: the extractor runs the twin on
//! such sentences, and its claims must be the pattern's.
//!
//! Checked for every pattern of the bundled pack and the two bench packs, on the seed articles
//! with their non-ASCII letters made ASCII (their curly quotes and dashes kept), and on
//! sentences strung together at random from rule words, figures and punctuation.

use crosscheck::rules::matcher::{self, Regex};
use crosscheck::rules::{self, Pattern, RuleSet};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

fn packs() -> &'static [RuleSet] {
    static PACKS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    PACKS.get_or_init(|| {
        [
            "rules",
            "bench/precision/rules/news",
            "bench/precision/rules/bbc",
        ]
        .iter()
        .map(|dir| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
            rules::load(&[path]).unwrap_or_else(|e| panic!("{dir}: {e:?}"))
        })
        .collect()
    })
}

fn patterns() -> impl Iterator<Item = &'static Pattern> {
    packs()
        .iter()
        .flat_map(|set| &set.rules)
        .flat_map(|rule| rule.patterns.iter().chain(&rule.exclude))
}

/// Every match of `regex` in `text` with its named groups, as byte ranges.
type Found = Vec<[Option<std::ops::Range<usize>>; 4]>;

fn found(regex: &Regex, text: &str) -> Found {
    matcher::captures(regex, text)
        .map(|m| {
            let g = |name| m.group(name).map(|s| s.range());
            [
                m.span().map(|s| s.range()),
                g("quantity"),
                g("key"),
                g("subject"),
            ]
        })
        .collect()
}

/// Returns how many matches the pattern and its twin agreed on.
fn agree(text: &str) -> usize {
    assert!(matcher::words_are_ascii(text), "{text}");
    let mut matches = 0;
    for p in patterns() {
        let (unicode, twin) = (found(p.regex(), text), found(p.matcher(true), text));
        assert_eq!(unicode, twin, "pattern {}\ntext {text}", p.source);
        matches += unicode.len();
    }
    matches
}

/// The seed articles, every non-ASCII word character replaced by an ASCII letter.
fn seed_paragraphs() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let ascii: String = text
                .chars()
                .map(|c| {
                    if !c.is_ascii() && c.is_alphanumeric() {
                        'e'
                    } else {
                        c
                    }
                })
                .collect();
            ascii.split("\n\n").map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[test]
fn the_twin_finds_what_the_pattern_finds_in_the_seeds() {
    let paragraphs = seed_paragraphs();
    assert!(paragraphs.len() > 50);
    // Some of them must have curly quotes or dashes, where the two assertions could part.
    assert!(paragraphs.iter().filter(|p| !p.is_ascii()).count() > 10);
    let matches: usize = paragraphs.iter().map(|p| agree(p)).sum();
    // The seeds are what the bundled pack was written for: the comparison covers real matches.
    assert!(matches > 40, "{matches} matches");
}

const PIECES: &[&str] = &[
    "Viet Nam",
    "Vietnam's",
    "exports",
    "grew",
    "rose",
    "by",
    "to",
    "of",
    "the",
    "countries",
    "diplomatic relations",
    "with",
    "FDI",
    "reached",
    "USD",
    "billion",
    "million",
    "percent",
    "%",
    "14.8",
    "nearly",
    "about",
    "193",
    "1,500",
    "2023",
    "in",
    "year",
    "killed",
    "people",
    "magnitude",
    "6.1",
    "earthquake",
    "aged",
    "years old",
    "“",
    "”",
    "’s",
    "–",
    "—",
    "€",
    "£",
    "(",
    ")",
    ",",
    ".",
    ":",
    ";",
    "-",
    "_",
    "x2",
    "ten",
    "twenty-five",
    "a",
    "half",
    "Ms",
    "Mr",
    "\u{a0}",
    "…",
    "°C",
    "km",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_twin_finds_what_the_pattern_finds_in_generated_text(
        words in proptest::collection::vec((0..PIECES.len(), 0..3usize), 1..40)
    ) {
        let mut text = String::new();
        for (i, gap) in words {
            text.push_str(PIECES[i]);
            text.push_str(["", " ", "  "][gap]);
        }
        agree(&text);
    }
}
