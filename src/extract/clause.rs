//! The clause a figure stands in, and what it says about the figure: which time it is dated to,
//! and whether it states a whole at all.
//!
//! A sentence in the news often carries more than one statement: "The quake, which hit at a
//! depth of 10 km, killed 11 people in a region devastated by the tsunami of 2004." The figure
//! 11 belongs to its own clause; the year 2004 to another. What a rule compares is the figure
//! as its own clause states it:
//!
//! - **time**: the year its clause names ("the 2004 tsunami killed 168,000"), or a relative time
//!   ("last year", "a month earlier", "the previous quake") that dates it away from the
//!   document's present: such a figure is a *recalled* one, about another event;
//! - **reading**: a part of a breakdown ("two women and one man died"), an increment ("two more
//!   victims"), or a generic statement ("a magnitude 6 quake can cause severe damage") is not
//!   the total a rule describes.
//!
//! All of it is English word-level analysis of one sentence, computed only for figures that a
//! rule's pattern already matched.

use crate::document::Date;
use crate::quantity::lexicon::MONTHS;
use crate::quantity::{Quantity, Unit};
use crate::rules::matcher::WordRegex;
use std::sync::OnceLock;

/// How a figure stands in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A statement of the whole figure.
    Whole,
    /// One of several figures listed together ("two women and one man", "7.6 and 7.4").
    Part,
    /// A change or an addition ("two more victims", "another 300").
    Increment,
    /// What can, may or usually happen, not what did ("a magnitude 6 quake can cause damage").
    Generic,
    /// Dated to another time than the document's, without a year to compare it under ("in
    /// February", "a month earlier", "the previous record").
    Recalled,
}

impl Reading {
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Whole => "whole",
            Reading::Part => "part of a breakdown",
            Reading::Increment => "an increment",
            Reading::Generic => "a generic statement",
            Reading::Recalled => "recalled from another time",
        }
    }
}

/// When a figure's clause dates it, relative to the document's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Nothing in the clause dates it: the document's present.
    Present,
    /// A year: written ("in 2003", "the 2004 tsunami") or relative to the document's date.
    Year(i32),
    /// Another time with no year known ("last year" in an undated document, "a month earlier").
    Elsewhere,
}

fn re(cell: &'static OnceLock<WordRegex>, pattern: &str) -> &'static WordRegex {
    cell.get_or_init(|| WordRegex::new(pattern).expect("valid built-in regex"))
}

/// Words and marks that open a new clause: what stands beyond them is another statement.
fn boundary() -> &'static WordRegex {
    static B: OnceLock<WordRegex> = OnceLock::new();
    re(
        &B,
        r"(?i)[;()\[\]…]|:(?:\s|$)|\.\.\.|\s[—–-]{1,2}\s|,\s+(?:and|but|while|whereas)\b|\b(?:after|before|while|whereas|but|since|when|where|which|who|whom|whose|that|as|than|following|although|though|because|unlike|compared|until|whereby|then|said|says|told|added|stated)\b",
    )
}

/// The byte span of the clause around `[start, end)` in `text`.
pub fn clause_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = boundary();
    let mut lo = 0;
    let mut hi = text.len();
    for m in b.find_iter(text) {
        if m.end() <= start {
            lo = m.end();
        } else if m.start() >= end {
            hi = m.start();
            break;
        }
    }
    (lo, hi)
}

/// A four-digit figure that is a clock time, not a year: "(1336 GMT)", "at 0900 local time".
fn is_clock_time(text: &str, q: &Quantity) -> bool {
    static AFTER: OnceLock<WordRegex> = OnceLock::new();
    static BEFORE: OnceLock<WordRegex> = OnceLock::new();
    let after = re(
        &AFTER,
        r"(?i)^\s*(?:h(?:rs|ours)?\b|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|WIB|local\s+time|[ap]\.?\s?m\b)",
    );
    let before = re(&BEFORE, r"(?i)\bat\s+$");
    after.is_match(&text[q.end..]) || before.is_match(&text[..q.start])
}

/// Relative times that date a figure to another year than the document's, with the offset.
fn relative_year() -> &'static WordRegex {
    static R: OnceLock<WordRegex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(?:(this|last|next|previous|past)\s+year|a\s+year\s+(earlier|ago|before|later))\b",
    )
}

/// Times that date a figure away from the present without naming a year.
fn elsewhere() -> &'static WordRegex {
    static R: OnceLock<WordRegex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(?:previous(?:ly)?|prior|former(?:ly)?|last\s+(?:month|week|decade|century|time)|(?:a|one|two|three|four|five|six|several|some|many|\d+)\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:earlier|ago|before)|in\s+the\s+past|back\s+in|once\s+(?:killed|hit|struck)|(?:the|an)\s+earlier\b|record\s+(?:of|high|low)|all[-\s]time)\b",
    )
}

/// Years named in the clause, nearest to the figure first: not the figure itself, not a clock
/// time, not a year inside another figure.
fn years_in(text: &str, quantities: &[Quantity], own: &Quantity, span: (usize, usize)) -> Vec<i32> {
    let mut years: Vec<(usize, i32)> = quantities
        .iter()
        .filter(|q| q.unit == Unit::Year)
        .filter(|q| q.start >= span.0 && q.end <= span.1)
        .filter(|q| q.end <= own.start || q.start >= own.end)
        .filter(|q| !is_clock_time(text, q))
        .filter(|q| q.end <= own.start || dates_what_precedes(text, q))
        .filter_map(|q| Some((q.start.abs_diff(own.start), q.value? as i32)))
        .collect();
    years.sort_by_key(|&(d, _)| d);
    years.into_iter().map(|(_, y)| y).collect()
}

/// Does a year after a figure date it? Only as a time adverbial: "in 2004", "during 2003",
/// "in March 2004", "(2004)". A year that qualifies a noun after the figure ("in a region hit by
/// the 2004 tsunami", "since the 2002 Compaq purchase") dates that noun, not the figure.
fn dates_what_precedes(text: &str, year: &Quantity) -> bool {
    static TIME: OnceLock<WordRegex> = OnceLock::new();
    let time = re(
        &TIME,
        r"(?i)(?:\b(?:in|during|since|until|till|through|throughout|for|of|by\s+the\s+end\s+of)\s+(?:(?:early|late|mid)[\s-]+)?(?:[a-z]+\s+(?:\d{1,2},?\s+)?)?|\(\s*)$",
    );
    static MONTH_BEFORE: OnceLock<WordRegex> = OnceLock::new();
    let month = re(
        &MONTH_BEFORE,
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?$",
    );
    let before = &text[..year.start];
    time.is_match(before) || month.is_match(before)
}

/// When the figure `own` of `text` is dated, its clause read against the document's year.
pub fn when(text: &str, quantities: &[Quantity], own: &Quantity, date: Option<Date>) -> When {
    let doc_year = date.map(|d| d.year);
    let span = clause_span(text, own.start, own.end);
    if let Some(&y) = years_in(text, quantities, own, span).first() {
        return When::Year(y);
    }
    // A time adverbial that opens the sentence dates every clause of it: "In 2007, the gang
    // drove two cars through the window ..., and escaped with 11m euros of jewellery."
    let opening = clause_span(text, 0, 0).1;
    if let Some(&y) = years_in(text, quantities, own, (0, opening)).first() {
        static OPENS: OnceLock<WordRegex> = OnceLock::new();
        let opens = re(
            &OPENS,
            r"(?i)^\W*(?:in|during|back\s+in)\s+(?:(?:early|late|mid)[\s-]+)?(?:[a-z]+\s+)?\d{4}\b",
        );
        if opens.is_match(text) {
            return When::Year(y);
        }
    }
    // A clause opened by "when" qualifies the time just before it: "The last major quake to
    // hit southern Iran was in February, when a magnitude-6.4 temblor rocked Zarand".
    static WHEN: OnceLock<WordRegex> = OnceLock::new();
    let opened_by_when = re(&WHEN, r"(?i)\bwhen\s*$").is_match(&text[..span.0]);
    let span = if opened_by_when && span.0 > 0 {
        (clause_span(text, span.0 - 1, span.0 - 1).0, span.1)
    } else {
        span
    };
    let clause = &text[span.0..span.1];
    if let Some(c) = relative_year().captures(clause) {
        let offset = match c.get(1).or(c.get(2)).map(|m| m.as_str().to_lowercase()) {
            // "over the past year" is the twelve months to now.
            Some(w) if w == "this" || w == "past" => 0,
            Some(w) if w == "next" || w == "later" => 1,
            _ => -1,
        };
        // In an undated document "last year" names no year: the figure stays with the
        // document's other undated statements, as "this year" would.
        return match doc_year {
            Some(y) => When::Year(y + offset),
            None => When::Present,
        };
    }
    if elsewhere().is_match(clause) {
        return When::Elsewhere;
    }
    // A month its clause names, in a dated document, that is not the document's month (nor,
    // early in a month, the one before): "At the end of July, an armed man ... making off with
    // jewellery worth 103 million euros" in a report of October.
    if let Some(d) = date {
        static MONTH: OnceLock<WordRegex> = OnceLock::new();
        let month = re(
            &MONTH,
            r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b",
        );
        let named = month.captures_iter(clause).filter_map(|c| {
            MONTHS
                .iter()
                .position(|m| c[1].eq_ignore_ascii_case(m))
                .map(|i| i as u32 + 1)
        });
        let previous = if d.month == 1 { 12 } else { d.month - 1 };
        let recent = |m: u32| m == d.month || (m == previous && d.day <= 10);
        if named.into_iter().any(|m| !recent(m)) {
            return When::Elsewhere;
        }
    }
    When::Present
}

/// The day of the week the figure's clause names ("rocked by a magnitude-5.9 earthquake early
/// Sunday afternoon", "a quake measuring 3.8 ... (0440 GMT) on Monday"), 0 for Monday: a
/// bracket inside the clause does not end it here. `None` when it names none, or several.
pub fn weekday(text: &str, own: &Quantity) -> Option<u8> {
    static DAY: OnceLock<WordRegex> = OnceLock::new();
    let day = re(
        &DAY,
        r"(?i)\b(mon|tues|wednes|thurs|fri|satur|sun)day(?:'?s)?\b",
    );
    // Every name ends in "day" (no character but ASCII's folds to its letters): most
    // sentences have none, and need neither the brackets blanked nor the clause found.
    if !has_day(text.as_bytes()) {
        return None;
    }
    // Brackets blanked, offsets kept: "(0440 GMT)" is an aside, not a clause of its own.
    let masked = blank_brackets(text);
    let span = clause_span(&masked, own.start, own.end);
    let mut days = day.captures_iter(&masked[span.0..span.1]).map(|c| {
        let stem = c[1].to_ascii_lowercase();
        ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"]
            .iter()
            .position(|d| *d == stem)
            .map(|i| i as u8)
    });
    let first = days.next().flatten()?;
    days.all(|d| d == Some(first)).then_some(first)
}

/// Whether `text` has "day" in it, in any case.
fn has_day(text: &[u8]) -> bool {
    memchr::memchr2_iter(b'y', b'Y', text)
        .any(|i| i >= 2 && text[i - 2..i].eq_ignore_ascii_case(b"da"))
}

/// `text` with every bracketed aside, brackets included, blanked byte for byte (offsets kept;
/// a `)` with no `(` is blanked too).
fn blank_brackets(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['(', ')']) {
        return text.into();
    }
    let mut depth = 0usize;
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| {
            let inside = depth > 0 || b == b'(';
            match b {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if inside || b == b')' {
                b' '
            } else {
                b
            }
        })
        .collect();
    // Only whole characters are blanked: a bracket is one byte, and every byte of a character
    // lies on the same side of it.
    String::from_utf8(bytes)
        .map(Into::into)
        .unwrap_or_else(|_| text.into())
}

/// Whether the figure `own` states a whole, or a part, an increment, a generic statement.
/// Figures of a rule's own unit listed next to it make it a part.
pub fn reading(text: &str, quantities: &[Quantity], own: &Quantity) -> Reading {
    static INCREMENT_AFTER: OnceLock<WordRegex> = OnceLock::new();
    static INCREMENT_BEFORE: OnceLock<WordRegex> = OnceLock::new();
    static GENERIC: OnceLock<WordRegex> = OnceLock::new();
    static LISTED: OnceLock<WordRegex> = OnceLock::new();
    let after = &text[own.end..];
    let before = &text[..own.start];
    // "$281 million of the purchase price", "15 of them on Qeshm": a part of a whole.
    static PART_OF: OnceLock<WordRegex> = OnceLock::new();
    if re(
        &PART_OF,
        r"(?i)^\s+of\s+(?:the|its|his|her|their|them|those|these|which|whom)\b",
    )
    .is_match(after)
    {
        return Reading::Part;
    }
    if re(
        &INCREMENT_AFTER,
        r"(?i)^\s*(?:more|additional|further|extra|new)\b",
    )
    .is_match(after)
        || re(
            &INCREMENT_BEFORE,
            r"(?i)\b(?:another|a\s+further|an\s+additional|an\s+extra|(?:by|of)\s+(?:a\s+)?(?:further|additional))\s+$",
        )
        .is_match(before)
    {
        return Reading::Increment;
    }
    // Two figures joined by "and", "or", "plus" or a comma, with at most one word after the
    // first: "two women and one man", "magnitudes 7.6 and 7.4", "3, 5 and 7" (not "12
    // strategic partners and 3 countries", two counts of two things).
    let listed = re(
        &LISTED,
        r"(?i)^[\s-]*(?:[a-z][\w'-]*\s+)??(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|plus\s+|&\s+)$",
    );
    // A measure with a fraction is not a count of a total's parts: "7.6 and 7.5 magnitude
    // quakes" are two quakes, each stated whole.
    let fractional = |q: &Quantity| q.value.is_some_and(|v| v.fract() != 0.0);
    let joined = !fractional(own)
        && quantities.iter().filter(|q| q.unit == own.unit).any(|q| {
            (q.start >= own.end && listed.is_match(&text[own.end..q.start]))
                || (q.end <= own.start && listed.is_match(&text[q.end..own.start]))
        });
    if joined {
        return Reading::Part;
    }
    // The clause without the figure: a hedge the quantity model read as part of it ("can reach
    // US$700 billion") is the figure's, not the clause's.
    let span = clause_span(text, own.start, own.end);
    let clause = format!("{} {}", &text[span.0..own.start], &text[own.end..span.1]);
    if re(
        &GENERIC,
        r"(?i)\b(?:can|cannot|could|may|might|typically|usually|generally|normally|often|commonly|rarely|seldom|(?:are|is)\s+(?:common|rare|typical|frequent))\b",
    )
    .is_match(&clause)
    {
        return Reading::Generic;
    }
    Reading::Whole
}

/// Capitalised words that do not name an entity: sentence openers, pronouns, titles, days,
/// and words of attribution (months are the lexicon's [`MONTHS`]). Compared lowercased.
const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "by",
    "for",
    "of",
    "to",
    "from",
    "with",
    "and",
    "or",
    "but",
    "so",
    "if",
    "as",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "then",
    "now",
    "today",
    "yesterday",
    "tonight",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "prof",
    "gen",
    "lt",
    "sgt",
    "capt",
    "col",
    "rep",
    "sen",
    "gov",
    "president",
    "police",
    "officials",
    "authorities",
    "some",
    "all",
    "many",
    "most",
    "both",
    "each",
    "every",
    "no",
    "not",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "about",
    "around",
    "nearly",
    "almost",
    "more",
    "less",
    "over",
    "under",
    "up",
    "down",
    "after",
    "before",
    "when",
    "while",
    "since",
    "until",
    "during",
    "what",
    "who",
    "which",
    "where",
    "why",
    "how",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "updated",
    "posted",
    "published",
    "last",
    "breaking",
    "news",
    "according",
    "richter",
    "gmt",
    "utc",
    "am",
    "pm",
    "however",
    "meanwhile",
    "also",
    "still",
    "yet",
    "earlier",
    "later",
    "quake",
    "earthquake",
    "magnitude",
];

fn is_not_name(w: &str) -> bool {
    NOT_NAMES.contains(&w) || MONTHS.contains(&w)
}

/// The entity a figure is about: the first proper-noun phrase of its clause before the figure
/// (the clause's subject), else the nearest after it; not a source of attribution ("the USGS
/// said", "according to Reuters") nor a place ("in Aceh", "struck Qeshm"). Words lowercased,
/// joined by single spaces; `None` when the clause names no entity.
pub fn subject(text: &str, own: &Quantity) -> Option<String> {
    static NAME: OnceLock<WordRegex> = OnceLock::new();
    static SAID_AFTER: OnceLock<WordRegex> = OnceLock::new();
    static SAID_BEFORE: OnceLock<WordRegex> = OnceLock::new();
    let name = re(
        &NAME,
        r"\b[A-Z][\w&.-]*(?:['’]s\b)?(?:\s+(?:of|de|del|da|van|von|der|du|al|bin|le|la|&)\s+[A-Z][\w&.-]*|\s+[A-Z][\w&.-]*(?:['’]s\b)?)*",
    );
    let said_after = re(
        &SAID_AFTER,
        r"(?i)^\W{0,3}(?:[\w'-]+,?\s+){0,2}(?:said|says|told|reported|reports|announced|added|stated|confirmed|estimated|quoted|spokes\w*)\b",
    );
    let said_before = re(
        &SAID_BEFORE,
        r"(?i)\b(?:according\s+to|said|says|told|reported\s+by|quoted\s+by|by)\s+(?:[a-z]+\s+){0,3}$",
    );
    // A place where something happened is not whose figure it is: "killed 11 in Aceh", "the
    // quake off Qeshm island", "shook a remote area of eastern Sonoma County" name where, and
    // reports name the same event's place at different scales (Iran, Hormozgan, Qeshm).
    static PLACE_BEFORE: OnceLock<WordRegex> = OnceLock::new();
    let place_before = re(
        &PLACE_BEFORE,
        r"(?i)\b(?:in|on|at|near|off|of|during|across|from|outside|inside|into|around|throughout|within|along|over|under|between|hit|hits|struck|strikes|rocked|rocks|jolted|jolts|shook|shakes)\s+(?:[a-z]+\s+){0,4}$",
    );
    // A figure written as a modifier ("a 15-year-old girl", "the 54-year-old Jeffs", "a
    // 6.1-magnitude quake") describes the noun after it: that noun's name is the subject, and
    // a common noun ("girl") has none, whatever names stand elsewhere in the clause.
    static MODIFIER: OnceLock<WordRegex> = OnceLock::new();
    // "-year-old", " year old", "-magnitude": the figure is part of a compound; a name right
    // after it is what it describes ("the 54-year-old Jeffs"), and anything else ("the 15 year
    // old.", "a 15-year-old girl") names no one.
    let modifier = re(
        &MODIFIER,
        r"^(?:[-\s]+(?:years?|months?|weeks?|days?)[-\s]+old\b|(?:-[A-Za-z]+)+\b)\s*",
    );
    if let Some(m) = modifier.find(&text[own.end..]) {
        let head = own.end + m.end();
        return name
            .find_at(text, head)
            .filter(|n| n.start() == head)
            .map(|n| normalise_subject(n.as_str()))
            .filter(|s| s.split(' ').next().is_some_and(|w| !is_not_name(w)));
    }
    let span = clause_span(text, own.start, own.end);
    let mut best: Option<(bool, usize, String)> = None;
    for m in name.find_iter(&text[span.0..span.1]) {
        let (start, end) = (span.0 + m.start(), span.0 + m.end());
        if start < own.end && own.start < end {
            continue;
        }
        if said_after.is_match(&text[end..])
            || said_before.is_match(&text[..start])
            || place_before.is_match(&text[..start])
        {
            continue;
        }
        let words: Vec<String> = normalise_subject(m.as_str())
            .split(' ')
            .map(String::from)
            .collect();
        // Shouting capitals ("AN EARTHQUAKE KILLED") name nothing; acronyms (GM, USGS) do.
        let shouted = m
            .as_str()
            .split_whitespace()
            .any(|w| w.len() > 5 && !w.chars().any(|c| c.is_lowercase()));
        // The first word of a sentence is capitalised whatever it is: it names an entity only
        // with the words after it ("Economic growth" names nothing; "Bank of England" does).
        let opens_sentence = text[..start]
            .trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘(".contains(c))
            .is_empty();
        let skip = usize::from(opens_sentence && words.len() == 1);
        let words: Vec<String> = words
            .into_iter()
            .skip(skip)
            .skip_while(|w| is_not_name(w))
            .filter(|w| crate::quantity::currency_code(&w.to_uppercase()).is_none())
            .collect();
        if shouted || words.is_empty() || words.iter().all(|w| is_not_name(w)) {
            continue;
        }
        let before = end <= own.start;
        let distance = if before {
            own.start - end
        } else {
            start - own.end
        };
        // Before the figure, the first name of the clause is its subject ("The Nationals have
        // offered Mark Teixeira $160 million"); after it, the nearest.
        let rank = |before: bool, d: usize| {
            if before {
                (1, d as i64)
            } else {
                (0, -(d as i64))
            }
        };
        let better = match &best {
            None => true,
            Some((b, d, _)) => rank(before, distance) > rank(*b, *d),
        };
        if better {
            best = Some((before, distance, words.join(" ")));
        }
    }
    best.map(|(_, _, s)| s)
}

/// A subject as captured by a rule's `(?P<subject>...)` group: words lowercased, possessives
/// and punctuation dropped, joined by single spaces.
pub fn normalise_subject(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches("'s").trim_end_matches("’s");
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_boundaries() {
        let t = "The quake left hundreds injured as it rocked a region devastated by the tsunami of 2004.";
        let (s, e) = clause_span(t, 15, 23);
        assert_eq!(&t[s..e], "The quake left hundreds injured ");
    }

    #[test]
    fn a_weekday_is_read_only_where_day_is_written() {
        // The case-insensitive pattern's "day" matches ASCII letters only: the quick test
        // turns away no text it could match in.
        let hir = regex_syntax::parse("(?i)[day]").unwrap();
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("{hir:?}");
        };
        assert!(
            class.ranges().iter().all(|r| r.end().is_ascii()),
            "{class:?}"
        );
        let q = |text: &str, figure: &str| {
            let start = text.find(figure).unwrap();
            crate::quantity::parse(&text[start..])
                .into_iter()
                .next()
                .map(|q| Quantity {
                    start: q.start + start,
                    end: q.end + start,
                    ..q
                })
                .unwrap()
        };
        for (text, day) in [
            ("A quake of 12 struck early SUNDAY afternoon", Some(6)),
            ("Sundays saw 12 visitors", Some(6)),
            ("On Friday 12 people died", Some(4)),
            ("On Friday 12 people died; on Monday", Some(4)),
            ("12 people died on Friday or Monday", None),
            ("Today 12 people died", None),
            ("12 people died (on Monday)", None),
            ("12 people died", None),
        ] {
            assert_eq!(weekday(text, &q(text, "12")), day, "{text}");
            assert_eq!(
                has_day(text.as_bytes()),
                text.to_lowercase().contains("day")
            );
        }
    }

    #[test]
    fn asides_are_blanked_byte_for_byte() {
        // "(Việt Nam)" is 12 bytes: 12 spaces.
        for (text, masked) in [
            (
                "a quake (0440 GMT) on Monday",
                "a quake            on Monday",
            ),
            ("no aside", "no aside"),
            ("Hà Nội (Việt Nam) – 3", "Hà Nội              – 3"),
            ("nested (a (b) c) d", "nested           d"),
            ("stray ) and (open", "stray   and      "),
        ] {
            let got = blank_brackets(text);
            assert_eq!(got, masked, "{text}");
            assert_eq!(got.len(), text.len(), "{text}");
        }
    }
}
