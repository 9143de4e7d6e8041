//! Conformance of the quantity model against Microsoft Recognizers-Text's English specs.
//!
//! The specs ship with the crate, in `tests/data/recognizers-text/` (copied unchanged, MIT
//! license beside them; see its `SOURCE.md`: schema, character offsets with an inclusive `End`,
//! and where their semantics differ from ours), so the tests run on any fresh clone. A missing
//! spec file fails the test: a conformance test that passes by skipping measures nothing.
//! `scripts/conformance.sh` runs the tests with the full report on stderr.
//!
//! For each model (number, range, percent, ordinal, currency) a case is either excluded, by a
//! named family of phrasing that our model deliberately does not read the way the spec does
//! (see each family's `EXCLUDE_*` table, one line of reason per family), or in scope. An
//! in-scope case agrees when [`crosscheck::quantity::parse`] finds exactly the expected set of
//! figures of that family: same span (their character offsets converted to our byte offsets)
//! and same value. Deliberate differences that are compared rather than excluded:
//!
//! * our span of a hedged figure includes the hedge ("about $ 14 million"); for point values
//!   (number, percent, ordinal, currency) the figure's own span, without the hedge, is compared;
//! * their two-sided ranges are half-open ("between 20 and 30" is `[20,30)`), ours are closed
//!   (`[20,30]`): for our `Hedge::Range` figures an open upper end of theirs is read as closed;
//! * values are compared after `tidy`, to the precision our model keeps;
//! * a result with a null value (a bare "dollar" or "percent" with no figure) is not a
//!   quantity for us: such results are dropped from the expectation, and a case made only of
//!   them is excluded.
//!
//! Measured on 2026-11-23 (`scripts/conformance.sh`):
//!
//! | model            | cases | in scope | agreed | rate  | excluded | threshold |
//! |------------------|------:|---------:|-------:|------:|---------:|----------:|
//! | NumberModel      |   235 |       80 |     68 | 85.0% |      155 |       84% |
//! | NumberRangeModel |    87 |       43 |     32 | 74.4% |       44 |       73% |
//! | PercentModel     |    20 |       13 |     10 | 76.9% |        7 |       75% |
//! | OrdinalModel     |    54 |       22 |     18 | 81.8% |       32 |       80% |
//! | CurrencyModel    |   180 |      120 |     99 | 82.5% |       60 |       81% |
//!
//! Thresholds are the measured rate rounded down to a whole percent, minus one: a regression
//! fails the test, an improvement should raise the threshold and the table above. Each family
//! lists its first 15 disagreements (`CONFORMANCE_SHOW=N` for more) and its excluded cases.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use crosscheck::quantity::interval::tidy;
use crosscheck::quantity::{parse, Hedge, Interval, Quantity, Unit};
use regex::Regex;
use serde_json::Value;

const SPECS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/recognizers-text");

/// Disagreements listed per family; the environment variable `CONFORMANCE_SHOW` overrides it.
const SHOWN: usize = 15;

/// ISO 4217 codes our currency lexicon (`src/quantity/lexicon.rs`, crate-private) produces.
/// Keep in step with `CURRENCY_PREFIXES` and `CURRENCY_SUFFIXES` there.
const OUR_ISO: [&str; 14] = [
    "USD", "AUD", "CAD", "HKD", "SGD", "NZD", "EUR", "GBP", "JPY", "VND", "INR", "CNY", "CHF",
    "KRW",
];

// ---------------------------------------------------------------------------------------------
// The specs.

/// One case of a spec file.
struct Case {
    index: usize,
    input: String,
    /// Their `NotSupported`: the implementations (dotnet, java, javascript, python) that fail it.
    not_supported: String,
    by_design: bool,
    results: Vec<Expected>,
}

/// One expected result, with its span converted to byte offsets (`end` exclusive).
struct Expected {
    type_name: String,
    start: usize,
    end: usize,
    resolution: Value,
    /// `input[start..end]`, and the text around it.
    src: String,
    before: String,
    after: String,
}

impl Expected {
    /// The resolved value as written in the spec; `None` when null.
    fn value_str(&self) -> Option<&str> {
        match self.resolution.get("value") {
            Some(Value::String(s)) if s != "null" => Some(s),
            _ => None,
        }
    }

    /// The resolved value as a number ("100%" reads 100).
    fn value(&self) -> Option<f64> {
        self.value_str()?.trim_end_matches('%').parse().ok()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.resolution.get(name).and_then(Value::as_str)
    }

    /// A unit word without a figure: "dollar" in "a multibillion - dollar deal".
    fn is_bare_unit(&self) -> bool {
        self.value_str().is_none()
    }

    fn describe(&self) -> String {
        let mut s = format!(
            "{:?}@{}..{} = {}",
            self.src,
            self.start,
            self.end,
            self.value_str().unwrap_or("null")
        );
        if let Some(u) = self.field("unit") {
            s.push_str(&format!(" {u}"));
        }
        if let Some(iso) = self.field("isoCurrency") {
            s.push_str(&format!(" ({iso})"));
        }
        s
    }
}

impl Case {
    fn any_result(&self, f: impl Fn(&Expected) -> bool) -> bool {
        self.results.iter().any(f)
    }

    /// What our parser must find: the results that carry a figure.
    fn expected(&self) -> impl Iterator<Item = &Expected> {
        self.results.iter().filter(|e| !e.is_bare_unit())
    }
}

fn load(dir: &Path, model: &str) -> Vec<Case> {
    let path = dir.join(format!("{model}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let cases = json.as_array().expect("a spec file is a JSON array");
    cases
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let input = c["Input"].as_str().expect("Input").to_string();
            // Byte offset of every character, and of the end of the text.
            let offsets: Vec<usize> = input
                .char_indices()
                .map(|(b, _)| b)
                .chain([input.len()])
                .collect();
            let results = c["Results"]
                .as_array()
                .expect("Results")
                .iter()
                .map(|r| {
                    let char_at = |k: &str| r[k].as_u64().expect("Start/End") as usize;
                    let start = offsets[char_at("Start")];
                    let end = offsets[char_at("End") + 1];
                    let src = input[start..end].to_string();
                    let text = r["Text"].as_str().expect("Text");
                    assert_eq!(
                        src.to_lowercase(),
                        text.to_lowercase(),
                        "{model} case {index}: offsets do not frame {text:?}"
                    );
                    Expected {
                        type_name: r["TypeName"].as_str().unwrap_or("").to_string(),
                        start,
                        end,
                        resolution: r["Resolution"].clone(),
                        src,
                        before: input[..start].to_string(),
                        after: input[end..].to_string(),
                    }
                })
                .collect();
            Case {
                index,
                not_supported: c["NotSupported"].as_str().unwrap_or("").to_lowercase(),
                by_design: c.get("NotSupportedByDesign").is_some(),
                input,
                results,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Families of phrasing kept out of scope. Each predicate looks at the phrasing of a case (its
// expected results and their context), never at a particular input.

/// A named family of phrasing excluded from a model's scope.
struct Exclusion {
    name: &'static str,
    applies: fn(&Case) -> bool,
}

macro_rules! regex {
    ($re:literal) => {{
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).unwrap());
        &*RE
    }};
}

fn reference_unsupported(c: &Case) -> bool {
    c.not_supported.contains("dotnet")
}

fn by_design(c: &Case) -> bool {
    c.by_design
}

fn bare_unit_only(c: &Case) -> bool {
    !c.results.is_empty() && c.results.iter().all(Expected::is_bare_unit)
}

fn fraction(c: &Case) -> bool {
    let words = regex!(
        r"(?i)\b(half|halves|quarters?|thirds|fourths|fifths|sixths|sevenths|eighths|ninths|tenths)\b|\d\s*/\s*\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|\d\s+(in|out of|over)\s+\d"
    );
    // An ordinal after "and a" is a denominator ("forty two and a third"); a number before an
    // ordinal denominator is a numerator ("two millionth").
    let and_a = regex!(r"(?i)\band an?\s+$");
    let denominator = regex!(
        r"(?i)^\s*-?\s*(thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|\w+teenths?|\w+tieths?|(hundred|thousand|million|billion|trillion)ths?)\b"
    );
    c.any_result(|e| {
        e.resolution.get("subtype").and_then(Value::as_str) == Some("fraction")
            || words.is_match(&e.src)
            || (e.type_name == "ordinal" && and_a.is_match(&e.before))
            || (e.type_name == "number" && denominator.is_match(&e.after))
    })
}

fn spelled_decimal(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\bpoint\b").is_match(&e.src))
}

fn scientific(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\d\s*e[+-]?\d|\^|\d\s*x\s*10").is_match(&e.src))
}

fn joined_digit_runs(c: &Case) -> bool {
    regex!(r"\d[./-]\d+[./-]\d").is_match(&c.input)
}

fn decimal_comma(c: &Case) -> bool {
    c.any_result(|e| regex!(r"\d,\d{1,2}\b|\d\.\d{3},\d").is_match(&e.src))
}

fn inside_money(c: &Case) -> bool {
    let mark_before = regex!(r"([$€£¥₹]|\b[A-Z]{3})\s*$");
    let word_after =
        regex!(r"^\s*([A-Z]{3}\b|(?i:dollars?|euros?|pounds?|yen|yuan|rupees?|francs?)\b)");
    c.any_result(|e| mark_before.is_match(&e.before) || word_after.is_match(&e.after))
}

fn indian_numbering(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\b(lakh|crore)s?\b").is_match(&e.src))
}

fn spaced_letter_scale(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\d\s+[kmgbt]$").is_match(&e.src))
}

fn giga_letter(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\dg$").is_match(&e.src))
}

fn dozens(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\b(dozens|dozs?|dzs?)\b").is_match(&e.src))
}

fn digits_with_hundred(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\d\s+hundred").is_match(&e.src))
}

fn code_label(c: &Case) -> bool {
    c.any_result(|e| regex!(r"\b[A-Z][A-Za-z]*-$").is_match(&e.before))
}

fn symbolic_comparison(c: &Case) -> bool {
    regex!(r"[<>=]|\d\s*~\s*\d").is_match(&c.input)
}

fn equality_phrasing(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\bequal").is_match(&e.src))
}

fn ordinal_bounds(c: &Case) -> bool {
    let ordinal = regex!(
        r"(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth|hundredth|thousandth|millionth|\d+(st|nd|rd|th))\b"
    );
    c.any_result(|e| ordinal.is_match(&e.src))
}

fn percent_word_first(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)^per").is_match(&e.src))
}

fn relative_ordinal(c: &Case) -> bool {
    c.any_result(|e| e.type_name == "ordinal.relative")
}

/// The ISO code of an expected currency result, when it names one we could produce.
fn their_iso(e: &Expected) -> Option<&str> {
    match (e.field("isoCurrency"), e.field("unit")) {
        (Some(iso), _) => Some(iso),
        // Generic names without a code: "$" and "dollar" read USD for us, "£" GBP.
        (None, Some("Dollar")) => Some("USD"),
        (None, Some("Pound")) => Some("GBP"),
        (None, Some("Rupee")) => Some("INR"),
        _ => None,
    }
}

fn unmapped_currency(c: &Case) -> bool {
    c.expected()
        .any(|e| their_iso(e).is_none_or(|iso| !OUR_ISO.contains(&iso)))
}

fn non_latin_script(c: &Case) -> bool {
    c.any_result(|e| e.src.chars().any(|ch| ch.is_alphabetic() && !ch.is_ascii()))
}

fn compound_subunits(c: &Case) -> bool {
    c.expected()
        .any(|e| e.value().is_some_and(|v| v.fract() != 0.0) && !regex!(r"\d\.\d").is_match(&e.src))
}

fn million_code(c: &Case) -> bool {
    c.any_result(|e| regex!(r"(?i)\bm(usd|eur|gbp|aud|cad|chf|sek|nok|dkk)\b").is_match(&e.src))
}

const EXCLUDE_COMMON: [Exclusion; 3] = [
    // Every implementation fails it, the reference (dotnet) included: the expectation is a wish.
    Exclusion {
        name: "unsupported by the reference implementation",
        applies: reference_unsupported,
    },
    // The spec's authors mark it optional (regional formats, ambiguous readings).
    Exclusion {
        name: "NotSupportedByDesign",
        applies: by_design,
    },
    // A unit word with no figure ("a small percent", "multibillion - dollar") asserts no quantity.
    Exclusion {
        name: "bare unit word, no figure",
        applies: bare_unit_only,
    },
];

// Fractions ("two thirds", "1/3", "half", "one over three", "two millionth"): our model has no
// fractions; "3/4" is skipped like a date, and "a third" is prose an editor would not check.
const FRACTION: Exclusion = Exclusion {
    name: "fraction",
    applies: fraction,
};

const EXCLUDE_NUMBER: [Exclusion; 12] = [
    // Dates, phone numbers, IP addresses ("5/17/2018", "+1-222-2222/2222", "192.168.1.2"): our
    // tokenizer deliberately reads such digit runs as non-figures.
    Exclusion {
        name: "date, phone or address digit run",
        applies: joined_digit_runs,
    },
    FRACTION,
    // Spelled-out decimals ("two hundred point zero three"): editors write decimals in digits.
    Exclusion {
        name: "spelled-out decimal",
        applies: spelled_decimal,
    },
    // Scientific and power notation ("1e10", "1.1^23", "1.3x10^6"): not news style.
    Exclusion {
        name: "scientific notation",
        applies: scientific,
    },
    // Decimal comma ("5,00", "1.111,11", "1,3"): in English a comma groups thousands.
    Exclusion {
        name: "decimal comma",
        applies: decimal_comma,
    },
    // A number inside a money amount ("$20", "2mil SEK"): they report the bare number, we the
    // amount as money, which the currency family checks.
    Exclusion {
        name: "number inside a money amount",
        applies: inside_money,
    },
    // Indian numbering (lakh, crore): regional scale words outside our lexicon.
    Exclusion {
        name: "Indian numbering",
        applies: indian_numbering,
    },
    // A scale letter apart from the digits ("2.33 k", "1,674.5 G"): a spaced letter is a unit
    // ("5 m" is five metres) or a label, so we read k/m/b only when glued ("$5m").
    Exclusion {
        name: "spaced scale letter",
        applies: spaced_letter_scale,
    },
    // "G" for giga ("10G"): engineering notation; news writes "bn".
    Exclusion {
        name: "giga letter",
        applies: giga_letter,
    },
    // Plural or abbreviated dozens ("3 dozens", "5 dozs"): editors write "three dozen".
    Exclusion {
        name: "plural or abbreviated dozens",
        applies: dozens,
    },
    // Digits with "hundred" ("322 hundred", "3 hundred and 21"): editors write 32,200 or 321.
    Exclusion {
        name: "digits with hundred",
        applies: digits_with_hundred,
    },
    // A number inside a code or name ("SCP-173"): labels are not figures, by design.
    Exclusion {
        name: "number in a code",
        applies: code_label,
    },
];

const EXCLUDE_RANGE: [Exclusion; 4] = [
    FRACTION,
    // Symbolic comparisons ("x>10", "<= 30", "20~100"): query or maths notation, not prose.
    Exclusion {
        name: "symbolic comparison",
        applies: symbolic_comparison,
    },
    // Equality phrasing ("less than or equal to 100", "equals 20", "bigger or equal than"):
    // query register; news writes "at most", "no more than", "at least".
    Exclusion {
        name: "equality phrasing",
        applies: equality_phrasing,
    },
    // Ranks as bounds ("between the tenth and the fifteenth"): ranks are not amounts, and our
    // model never makes an ordinal the end of an interval, by design.
    Exclusion {
        name: "ordinal bounds",
        applies: ordinal_bounds,
    },
];

const EXCLUDE_PERCENT: [Exclusion; 1] = [
    // Percent word first ("percent of 10", "per cent of twenty-two"): a calque of another
    // language's word order; English writes the number first.
    Exclusion {
        name: "percent word before the number",
        applies: percent_word_first,
    },
];

const EXCLUDE_ORDINAL: [Exclusion; 2] = [
    // Relative ordinals ("last", "next", "penultimate", "the one before the last"): positions
    // in a list, not figures.
    Exclusion {
        name: "relative ordinal",
        applies: relative_ordinal,
    },
    FRACTION,
];

const EXCLUDE_CURRENCY: [Exclusion; 6] = [
    FRACTION,
    // Currencies we do not map to an ISO code: subunits (cents, pence), obsolete (francs,
    // markka, guilders, pesetas), crypto (bitcoin, satoshi) and codes missing from our lexicon.
    Exclusion {
        name: "currency we don't map to ISO",
        applies: unmapped_currency,
    },
    // Non-English script in the amount ("100元", "100,000 ரூ"): English text only.
    Exclusion {
        name: "non-English script",
        applies: non_latin_script,
    },
    // Amounts with spoken subunits ("3 dollars 50 cents", "15 dollars and 50", "17 USD 25"):
    // spoken-price style; editors write "$3.50".
    Exclusion {
        name: "compound amount with subunits",
        applies: compound_subunits,
    },
    // Million-prefixed codes ("30 MUSD", "MAUD 60"): Nordic corporate-report shorthand.
    Exclusion {
        name: "million-prefixed currency code",
        applies: million_code,
    },
    // Indian numbering ("35 lakh rupees"): regional scale words outside our lexicon.
    Exclusion {
        name: "Indian numbering",
        applies: indian_numbering,
    },
];

// ---------------------------------------------------------------------------------------------
// Comparison.

/// One spec file and how our figures are compared with its results.
struct Family {
    model: &'static str,
    /// Minimum agreement rate of in-scope cases, in percent.
    threshold: f64,
    exclusions: &'static [Exclusion],
    /// Which of our figures belong to the family; the others are ignored.
    counts: fn(&Quantity) -> bool,
    /// Does our figure state the expected value? (Spans are compared apart.)
    same_value: fn(&Quantity, &Expected) -> bool,
    /// Point values: a hedged figure is compared by its own span, without the hedge.
    point: bool,
}

fn same_number(ours: Option<f64>, theirs: Option<f64>) -> bool {
    match (ours, theirs) {
        (Some(a), Some(b)) => tidy(a) == tidy(b),
        _ => false,
    }
}

fn same_stated_value(q: &Quantity, e: &Expected) -> bool {
    same_number(q.value, e.value())
}

fn same_amount(q: &Quantity, e: &Expected) -> bool {
    same_number(q.value, e.value()) && q.currency.is_some() && q.currency == their_iso(e)
}

/// Their interval notation against ours; their half-open two-sided ranges read as closed.
fn same_interval(q: &Quantity, e: &Expected) -> bool {
    let Some(mut theirs) = e.value_str().and_then(Interval::from_notation) else {
        return false;
    };
    if q.hedge == Hedge::Range {
        if let (Some(lo), Some(hi)) = (theirs.lo, theirs.hi.as_mut()) {
            if lo.inclusive && !hi.inclusive {
                hi.inclusive = true;
            }
        }
    }
    q.interval.approx_eq(&theirs)
}

/// The span of a hedged figure without its hedge ("about $ 14 million" -> "$ 14 million"): the
/// longest tail of our text, starting at a word, that reads alone as the same unhedged figure.
fn figure_span(q: &Quantity) -> Option<(usize, usize)> {
    if matches!(q.hedge, Hedge::None | Hedge::Range | Hedge::Vague) {
        return None;
    }
    let text = q.text.as_str();
    text.char_indices()
        .filter(|&(k, ch)| {
            k > 0
                && !ch.is_whitespace()
                && text[..k].ends_with(|p: char| p.is_whitespace() || p == '~')
        })
        .find_map(|(k, _)| {
            let tail = &text[k..];
            match parse(tail).as_slice() {
                [f] if f.hedge == Hedge::None
                    && (f.start, f.end) == (0, tail.len())
                    && f.unit == q.unit
                    && f.value == q.value =>
                {
                    Some((q.start + k, q.end))
                }
                _ => None,
            }
        })
}

fn same_span(q: &Quantity, e: &Expected, point: bool) -> bool {
    (q.start, q.end) == (e.start, e.end) || (point && figure_span(q) == Some((e.start, e.end)))
}

fn overlaps(q: &Quantity, e: &Expected) -> bool {
    q.start < e.end && e.start < q.end
}

fn describe(q: &Quantity) -> String {
    let value = q.value.map_or("-".to_string(), |v| v.to_string());
    let currency = q.currency.map(|c| format!(" {c}")).unwrap_or_default();
    format!(
        "{:?}@{}..{} = {value} {}{currency} {} {}",
        q.text,
        q.start,
        q.end,
        q.unit.as_str(),
        q.interval,
        q.hedge.as_str()
    )
}

/// Compares one in-scope case; returns the kinds of disagreement (empty when it agrees).
fn compare(f: &Family, case: &Case, all: &[Quantity]) -> Vec<&'static str> {
    let ours: Vec<&Quantity> = all.iter().filter(|q| (f.counts)(q)).collect();
    let expected: Vec<&Expected> = case.expected().collect();
    let mut used = vec![false; ours.len()];
    let mut unmatched = Vec::new();
    let mut kinds = Vec::new();
    for e in &expected {
        let hit = (0..ours.len())
            .find(|&k| !used[k] && same_span(ours[k], e, f.point) && (f.same_value)(ours[k], e));
        match hit {
            Some(k) => used[k] = true,
            None => {
                unmatched.push(*e);
                kinds.push(if ours.iter().any(|q| same_span(q, e, f.point)) {
                    "same span, other value"
                } else if ours.iter().any(|q| overlaps(q, e)) {
                    "other span"
                } else {
                    "missed"
                });
            }
        }
    }
    for (k, q) in ours.iter().enumerate() {
        if !used[k] && !unmatched.iter().any(|e| overlaps(q, e)) {
            kinds.push("extra figure");
        }
    }
    kinds
}

fn specs_dir() -> &'static Path {
    let dir = Path::new(SPECS);
    assert!(
        dir.is_dir(),
        "the Recognizers-Text specs are missing from {SPECS}: they ship with the crate"
    );
    dir
}

/// Measures one family, prints its report to stderr and checks the threshold.
fn run(f: &Family) {
    let dir = specs_dir();
    let cases = load(dir, f.model);
    let show = std::env::var("CONFORMANCE_SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SHOWN);
    let exclusions: Vec<&Exclusion> = EXCLUDE_COMMON.iter().chain(f.exclusions).collect();
    let mut excluded: Vec<Vec<usize>> = vec![Vec::new(); exclusions.len()];
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut in_scope, mut agreed, mut dropped) = (0usize, 0usize, 0usize);
    let mut shown = Vec::new();
    for case in &cases {
        if let Some(k) = exclusions.iter().position(|x| (x.applies)(case)) {
            excluded[k].push(case.index);
            continue;
        }
        in_scope += 1;
        dropped += case.results.iter().filter(|e| e.is_bare_unit()).count();
        let all = parse(&case.input);
        let case_kinds = compare(f, case, &all);
        if case_kinds.is_empty() {
            agreed += 1;
            continue;
        }
        let mut distinct = case_kinds.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for k in distinct {
            *kinds.entry(k).or_default() += 1;
        }
        if shown.len() < show {
            let expected: Vec<String> = case.expected().map(Expected::describe).collect();
            let (counted, other): (Vec<&Quantity>, Vec<&Quantity>) =
                all.iter().partition(|q| (f.counts)(q));
            let mut s = format!(
                "  #{} {:?}\n      expected: [{}]\n      got:      [{}]\n",
                case.index,
                case.input,
                expected.join("; "),
                counted
                    .iter()
                    .map(|q| describe(q))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            if !other.is_empty() {
                s.push_str(&format!(
                    "      ignored:  [{}]\n",
                    other
                        .iter()
                        .map(|q| describe(q))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
            s.push_str(&format!("      kinds:    {}\n", case_kinds.join(", ")));
            shown.push(s);
        }
    }
    assert!(in_scope > 0, "{}: no case in scope", f.model);
    let rate = 100.0 * agreed as f64 / in_scope as f64;
    let n_excluded: usize = excluded.iter().map(Vec::len).sum();
    let mut report = format!(
        "\n== {}: {} cases; in scope {in_scope}, agreed {agreed}, rate {rate:.1}% \
         (threshold {}%), excluded {n_excluded}\n",
        f.model,
        cases.len(),
        f.threshold
    );
    for (x, cases) in exclusions.iter().zip(&excluded) {
        let list: Vec<String> = cases.iter().map(|i| format!("#{i}")).collect();
        report.push_str(&format!(
            "  excluded {:>3}  {}: {}\n",
            cases.len(),
            x.name,
            list.join(" ")
        ));
    }
    if dropped > 0 {
        report.push_str(&format!(
            "  dropped {dropped} bare unit word result(s) (no figure) from in-scope cases\n"
        ));
    }
    if !kinds.is_empty() {
        let mut by_count: Vec<_> = kinds.into_iter().collect();
        by_count.sort_by_key(|k| std::cmp::Reverse(k.1));
        let list: Vec<String> = by_count.iter().map(|(k, n)| format!("{k} {n}")).collect();
        report.push_str(&format!(
            "  disagreement kinds (cases showing each): {}\n",
            list.join(", ")
        ));
        report.push_str(&format!(
            "  first {} of {} disagreements:\n",
            shown.len(),
            in_scope - agreed
        ));
        for s in &shown {
            report.push_str(s);
        }
    }
    eprint!("{report}");
    assert!(
        rate >= f.threshold,
        "{}: agreement {rate:.1}% fell below the threshold {}%",
        f.model,
        f.threshold
    );
}

// ---------------------------------------------------------------------------------------------
// The families.

#[test]
fn number_model() {
    run(&Family {
        model: "NumberModel",
        threshold: 84.0,
        exclusions: &EXCLUDE_NUMBER,
        counts: |q| matches!(q.unit, Unit::Number | Unit::Year),
        same_value: same_stated_value,
        point: true,
    });
}

#[test]
fn number_range_model() {
    run(&Family {
        model: "NumberRangeModel",
        threshold: 73.0,
        exclusions: &EXCLUDE_RANGE,
        // Comparatives and two-sided ranges; "about 20" is no range in their model.
        counts: |q| {
            matches!(
                q.hedge,
                Hedge::Over | Hedge::AtLeast | Hedge::Under | Hedge::AtMost | Hedge::Range
            )
        },
        same_value: same_interval,
        point: false,
    });
}

#[test]
fn percent_model() {
    run(&Family {
        model: "PercentModel",
        threshold: 75.0,
        exclusions: &EXCLUDE_PERCENT,
        counts: |q| matches!(q.unit, Unit::Percent | Unit::PercentagePoints),
        same_value: same_stated_value,
        point: true,
    });
}

#[test]
fn ordinal_model() {
    run(&Family {
        model: "OrdinalModel",
        threshold: 80.0,
        exclusions: &EXCLUDE_ORDINAL,
        counts: |q| q.unit == Unit::Ordinal,
        same_value: same_stated_value,
        point: true,
    });
}

#[test]
fn currency_model() {
    run(&Family {
        model: "CurrencyModel",
        threshold: 81.0,
        exclusions: &EXCLUDE_CURRENCY,
        counts: |q| q.unit == Unit::Money,
        same_value: same_amount,
        point: true,
    });
}
