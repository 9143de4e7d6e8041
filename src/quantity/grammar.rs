//! The surface grammar of figures as a regular expression, for the rule language.
//!
//! A rule's `{quantity}` placeholder expands to [`regex_for`] its unit. The expression is built
//! from the same word tables as the parser and deliberately over-approximates: it finds where a
//! figure of that unit may stand; the parser then reads the matched text and decides what it
//! says (and whether it is a figure of that unit at all).

use super::lexicon as lx;
use super::Unit;

fn alt<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut v: Vec<String> = words
        .into_iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    // Longest first, so that alternation prefers "just over" to "over".
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v.join("|")
}

fn number_words() -> String {
    let mut w: Vec<&str> = lx::SMALL.iter().map(|(w, _)| *w).collect();
    w.extend([
        "hundred", "thousand", "million", "billion", "trillion", "dozen",
    ]);
    alt(w)
}

fn ordinal_words() -> String {
    alt(lx::ORDINAL_WORDS.iter().map(|(w, _)| *w))
}

/// A number in digits or words, with an optional sign and scale. Digits are ASCII digits,
/// the only ones the parser reads (`\d` would take any script's: a larger automaton in every
/// pattern, and "19٣" read as 19).
fn number() -> String {
    let digits = r"(?:[0-9]{1,3}(?:[,\u{a0}\u{202f}\u{2009}][0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)";
    let words = number_words();
    let scales = alt(lx::SCALES.iter().map(|s| s.word));
    format!(
        r"(?:(?:[-−+]|(?:minus|negative)\s+)?(?:{digits}|(?:an?\s+)?(?:{words})(?:(?:\s+and\s+|[\s-]+)(?:{words}))*)(?:\s*(?:{scales})\b)?)"
    )
}

fn hedge() -> String {
    format!(r"(?:(?:{})\s*)?", alt(lx::HEDGES.iter().map(|(h, _)| *h)))
}

/// An optional hedge after the figure: "30 or more".
fn post_hedge() -> String {
    format!(
        r"(?:\s+(?:{}))?",
        alt(lx::POST_HEDGES.iter().map(|(h, _)| *h))
    )
}

fn currency_prefix() -> String {
    alt(lx::CURRENCY_PREFIXES.iter().map(|(c, _)| *c))
}

fn currency_suffix() -> String {
    alt(lx::CURRENCY_SUFFIXES.iter().map(|(c, _)| *c))
}

fn year() -> &'static str {
    r"(?:1[0-9]{3}|2[01][0-9]{2})"
}

/// [`regex_for`] `unit`, built once: every pattern of the unit embeds it.
pub fn cached(unit: Unit) -> &'static str {
    static BUILT: [std::sync::OnceLock<String>; Unit::ALL.len()] =
        [const { std::sync::OnceLock::new() }; Unit::ALL.len()];
    let i = Unit::ALL.iter().position(|u| *u == unit).unwrap_or(0);
    BUILT[i].get_or_init(|| regex_for(unit))
}

/// The expression for figures of `unit`, without a capture group.
pub fn regex_for(unit: Unit) -> String {
    let n = number();
    let h = hedge();
    let range_tail = format!(r"(?:\s*(?:[-–—]|to|through|thru)\s*{n})?");
    let post = post_hedge();
    let body = match unit {
        Unit::Number => {
            let vague = alt(lx::VAGUE.iter().map(|(w, _, _)| *w));
            format!(r"(?:{vague}|{h}(?:between\s+)?{n}(?:\s+and\s+{n}|{range_tail}){post})")
        }
        Unit::Percent | Unit::PercentagePoints => {
            let marks = if unit == Unit::Percent {
                alt(lx::PERCENT_SUFFIXES.iter().copied())
            } else {
                alt(lx::POINT_SUFFIXES.iter().copied())
            };
            format!(
                r"(?:{h}(?:between\s+|from\s+)?{n}\s*(?:{marks})?(?:\s*(?:[-–—]|to|and)\s*{n})?\s*(?:{marks}){post})"
            )
        }
        Unit::Money => {
            let pre = currency_prefix();
            let suf = currency_suffix();
            let vague = alt(lx::VAGUE.iter().map(|(w, _, _)| *w));
            format!(
                r"(?:(?:{vague})\s*(?:{suf})|{h}(?:between\s+|from\s+)?(?:(?:{pre})\s*)?{n}(?:\s*(?:[-–—]|to|and)\s*(?:(?:{pre})\s*)?{n})?(?:\s+(?:{suf})\b)?{post})"
            )
        }
        Unit::Year => format!(r"\b{}\b", year()),
        Unit::YearRange => {
            let y = year();
            format!(
                r"(?:(?:between|from)\s+{y}\s+(?:and|to)\s+{y}|\(?\b{y}\s*(?:[-–—]|to)\s*(?:{y}|[0-9]{{2}})\b\)?)"
            )
        }
        Unit::Ordinal => {
            let ow = ordinal_words();
            let tens = alt(lx::SMALL.iter().filter(|(_, v)| *v >= 20).map(|(w, _)| *w));
            format!(r"(?:\b[0-9]+(?:st|nd|rd|th)\b|\b(?:(?:{tens})[\s-])?(?:{ow})\b)")
        }
    };
    format!("(?i:{body})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn every_unit_grammar_compiles_and_finds_its_figures() {
        let cases = [
            (Unit::Number, "with 193 countries", "193"),
            (Unit::Number, "over 30 items", "over 30"),
            (Unit::Number, "hundreds of agreements", "hundreds of"),
            (Unit::Number, "30 or more products", "30 or more"),
            (Unit::Percent, "by 5% or less.", "5% or less"),
            (
                Unit::Percent,
                "grew by nearly 15 percent",
                "nearly 15 percent",
            ),
            (Unit::Percent, "rose 6-7% in", "6-7%"),
            (
                Unit::Money,
                "can reach US$700 billion.",
                "can reach US$700 billion",
            ),
            (
                Unit::Money,
                "nearly 700 billion USD in",
                "nearly 700 billion USD",
            ),
            (Unit::Year, "The year 2003 has", "2003"),
            (Unit::YearRange, "for the 2023 to 2025 term", "2023 to 2025"),
            (Unit::YearRange, "Commission (2023-2027)", "(2023-2027)"),
            (Unit::Ordinal, "the 32nd Diplomatic", "32nd"),
            (Unit::Ordinal, "the twenty-first century", "twenty-first"),
        ];
        for (unit, text, want) in cases {
            let re = Regex::new(&regex_for(unit)).unwrap();
            let got = re.find(text).map(|m| m.as_str());
            assert_eq!(got, Some(want), "{unit:?} in {text:?}");
        }
    }

    /// The parser reads ASCII digits only, so the grammar matches no other digits: when it
    /// took `\d` (any script's digits), "19٣" (193 with an Arabic-Indic three) became a claim
    /// of 19, and every pattern carried the large Unicode digit class.
    #[test]
    fn figures_are_ascii_digits_as_the_parser_reads_them() {
        let text = "19٣ countries, ١٩٣ countries, 1٤.8%, US$٧00 million, the 3٢nd congress, \
                    the year 20٢3, the term 202٣-2025, with 193 countries";
        for unit in Unit::ALL {
            let re = Regex::new(&regex_for(unit)).unwrap();
            for m in re.find_iter(text) {
                assert!(
                    m.as_str()
                        .chars()
                        .all(|c| !c.is_numeric() || c.is_ascii_digit()),
                    "{unit:?} matched {:?}",
                    m.as_str()
                );
            }
            // A rule's pattern goes on after the figure: "19" of "19٣" is not a figure.
            let rule = Regex::new(&format!(r"{}\s+countries", regex_for(unit))).unwrap();
            let found: Vec<&str> = rule.find_iter(text).map(|m| m.as_str()).collect();
            if unit == Unit::Number {
                assert_eq!(found, ["193 countries"]);
            }
        }
    }
}
