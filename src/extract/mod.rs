//! Extraction: rules + quantity model -> claims with spans.
//!
//! Each document is split into sentences. The [`gate`] runs over each sentence once, for all
//! rules together, and names the rules that may match there; only those run their exact
//! patterns. The `{quantity}` group of a match is read by the quantity model (the parser's
//! reading is authoritative: the pattern only says where the figure stands), and a claim
//! records the rule, key, period, place, the interval the figure asserts and the snippet a
//! report shows.

pub mod clause;
pub mod examples;
pub mod gate;

use crate::document::{Date, Document};
use crate::finding::{Location, Place};
use crate::quantity::{self, ParseOptions, Quantity, Unit};
use crate::rules::{matcher, PeriodMode, Rule, RuleSet};
use crate::text::Snippet;
use regex::Regex;
use std::sync::{Arc, OnceLock};

/// One statement of a figure that a rule describes.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the rule in the rule set ([`Claim::rule_id`] names it).
    pub rule: u32,
    /// Interned: claims with the same key share it.
    pub key: Option<Arc<str>>,
    /// The entity the figure is about (the proper-noun phrase of its clause, lowercased), when
    /// the rule's `subject` mode finds one: claims about different subjects are not compared.
    pub subject: Option<Arc<str>>,
    /// The year the figure refers to.
    pub period: Option<i32>,
    /// The period was read off the figure's own clause ("the 2004 tsunami killed 168,000") and
    /// is not its document's year: such a claim is never pooled with undated statements.
    pub anchored: bool,
    /// The document's date, `YYYYMMDD`, when it has one: how far apart in time two reports are.
    pub date: Option<i32>,
    /// Index of the document in the run.
    pub doc: u32,
    /// Shared by the claims of a document and the findings about them.
    pub path: Arc<str>,
    /// 1-based line and column (characters) of the figure; 32-bit to keep claims small (a
    /// line or column past 4 billion is held as `u32::MAX`).
    pub line: u32,
    pub column: u32,
    /// The figure, with offsets into the document.
    pub quantity: Quantity,
    /// The sentence around the figure, for reports.
    pub snippet: Snippet,
    /// Items of the enumeration that follows the figure, for rules with `enumeration = true`.
    pub items: Option<Box<[String]>>,
}

impl Claim {
    /// The claim's place and figure, as findings and reports show it.
    pub fn location(&self) -> Location {
        Location::new(Place {
            doc: self.doc as usize,
            path: self.path.clone(),
            line: self.line,
            column: self.column,
            start: self.quantity.start,
            end: self.quantity.end,
            text: self.quantity.text.clone(),
            interval: self.quantity.interval,
            snippet: self.snippet.clone(),
        })
    }

    /// The id of the claim's rule in `rules` (the set it was extracted with or read against);
    /// not kept in the claim, which a large run holds by the hundred thousand.
    pub fn rule_id<'r>(&self, rules: &'r RuleSet) -> &'r str {
        rules.rules.get(self.rule as usize).map_or("", |r| &r.id)
    }
}

/// Why a pattern match did not become a claim (for `rules explain`).
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// The quantity model found no figure in the `{quantity}` group.
    NoFigure { text: String },
    /// The figure is of another unit than the rule's.
    WrongUnit { text: String, unit: Unit },
    /// An `exclude` pattern covers the figure.
    Excluded { text: String, pattern: String },
    /// The figure's clause does not state the whole figure of the document's present: a part
    /// of a breakdown, an increment, a generic statement, or a figure recalled from another
    /// time ([`clause::Reading`]).
    NotWhole {
        text: String,
        reading: clause::Reading,
    },
    /// The rule requires a subject (`subject = "required"`) and the figure's clause names none.
    NoSubject { text: String },
}

/// A rule set ready to scan documents: the rules and their [`gate::Gate`]. Build it once per
/// run; it is shared by every thread.
#[derive(Debug)]
pub struct Scanner<'r> {
    pub rules: &'r RuleSet,
    gate: gate::Gate,
    keys: Interner,
}

/// One shared copy of each string: claims repeat a few keys many times.
#[derive(Debug, Default)]
pub struct Interner(
    std::sync::Mutex<
        std::collections::HashSet<
            Arc<str>,
            std::hash::BuildHasherDefault<xxhash_rust::xxh3::Xxh3Default>,
        >,
    >,
);

impl Interner {
    pub fn intern(&self, s: &str) -> Arc<str> {
        // A poisoned lock still holds a valid set.
        let mut set = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match set.get(s) {
            Some(a) => a.clone(),
            None => {
                let a: Arc<str> = Arc::from(s);
                set.insert(a.clone());
                a
            }
        }
    }
}

impl<'r> Scanner<'r> {
    pub fn new(rules: &'r RuleSet) -> Scanner<'r> {
        Scanner {
            rules,
            gate: gate::Gate::new(rules),
            keys: Interner::default(),
        }
    }

    /// A scanner without the gate: every rule's exact patterns run on every sentence. Slow;
    /// it finds the same claims, which is what it is for (tests, and ruling the gate out when
    /// a rule seems to miss something).
    pub fn exhaustive(rules: &'r RuleSet) -> Scanner<'r> {
        Scanner {
            rules,
            gate: gate::Gate::open(rules),
            keys: Interner::default(),
        }
    }
}

/// A document at least this large is scanned by runs of sentences in parallel.
const PARALLEL_BYTES: usize = 1 << 20;

/// Sentences per run of a large document: enough that a run's work dwarfs its scheduling.
const PARALLEL_SENTENCES: usize = 2048;

/// Extracts the claims of one document, in order of position.
pub fn extract_document<'r>(doc_index: usize, doc: &Document, scanner: &Scanner<'r>) -> Vec<Claim> {
    let rules = scanner.rules;
    // Rules whose document context this document has. Rule packs tend to repeat one context
    // ("the document mentions Viet Nam") on every rule: each distinct pattern runs once.
    let mut seen: Vec<(&str, bool)> = Vec::new();
    let mut has_context = |c: &'r Regex| match seen.iter().find(|(s, _)| *s == c.as_str()) {
        Some(&(_, m)) => m,
        None => {
            let m = c.is_match(&doc.text);
            seen.push((c.as_str(), m));
            m
        }
    };
    let applicable: Vec<bool> = rules
        .rules
        .iter()
        .map(|r| r.document_context.iter().all(&mut has_context))
        .collect();
    if !applicable.contains(&true) {
        return Vec::new();
    }
    let path: Arc<str> = Arc::from(doc.path.as_str());
    let place = |m: TextMatch, ri: usize, offset: usize| -> Claim {
        let mut q = shift(m.quantity, offset);
        let (line, column) = doc.line_col(q.start);
        // Spans, snippets and the figure as written are the file's, not the decoded text's.
        let (start, end) = doc.source_span(q.start, q.end);
        if (start, end) != (q.start, q.end) {
            q.start = start;
            q.end = end;
            q.text = doc.source()[start..end].into();
        }
        Claim {
            rule: crate::text::saturating_u32(ri),
            key: m.key.as_deref().map(|k| scanner.keys.intern(k)),
            subject: m.subject.as_deref().map(|k| scanner.keys.intern(k)),
            period: m.period,
            anchored: m.anchored,
            date: doc.date.map(date_code),
            doc: crate::text::saturating_u32(doc_index),
            path: path.clone(),
            line: crate::text::saturating_u32(line),
            column: crate::text::saturating_u32(column),
            quantity: q,
            // Filled below, once the document's claims are known.
            snippet: Snippet::default(),
            items: m.items.map(Vec::into_boxed_slice),
        }
    };
    // The claims of a run of sentences, with the day of the week each claim's clause names.
    let scan = |sentences: &[crate::document::Sentence]| -> (Vec<Claim>, Vec<Option<u8>>) {
        let mut claims = Vec::new();
        let mut weekdays = Vec::new();
        let mut candidates = Vec::new();
        for sentence in sentences {
            let text = &doc.text[sentence.start..sentence.end];
            scanner.gate.candidates(text, &mut candidates);
            let mut cache = None;
            for (ri, rule) in rules.rules.iter().enumerate() {
                let gated = &candidates[scanner.gate.patterns_of(ri)];
                if !applicable[ri] || !gated.contains(&true) {
                    continue;
                }
                let cache = cache.get_or_insert_with(|| ParseCache::new(text));
                let (found, _) = match_rule(rule, gated, cache, doc.date);
                for m in found {
                    weekdays.push(m.weekday);
                    claims.push(place(m, ri, sentence.start));
                }
            }
        }
        (claims, weekdays)
    };
    let sentences = doc.sentences();
    // A large document is cut into runs of sentences for the thread pool, so that one 50 MB
    // file uses every core as many small files do; the runs' claims are joined in order, so
    // the result is the same whatever the number of threads.
    let (claims, weekdays) = if doc.text.len() >= PARALLEL_BYTES && rayon::current_num_threads() > 1
    {
        use rayon::prelude::*;
        let parts: Vec<(Vec<Claim>, Vec<Option<u8>>)> =
            sentences.par_chunks(PARALLEL_SENTENCES).map(scan).collect();
        let mut claims = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut weekdays = Vec::with_capacity(claims.capacity());
        for (c, w) in parts {
            claims.extend(c);
            weekdays.extend(w);
        }
        (claims, weekdays)
    } else {
        scan(&sentences)
    };
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| (claims[i].quantity.start, claims[i].rule));
    let keep = other_days(&claims, &weekdays, &order, rules);
    let mut slots: Vec<Option<Claim>> = claims.into_iter().map(Some).collect();
    let mut claims: Vec<Claim> = order
        .into_iter()
        .filter(|&i| keep[i])
        .filter_map(|i| slots[i].take())
        .collect();
    inherit_subjects(&mut claims, rules);
    let figures: Vec<_> = claims
        .iter()
        .map(|c| {
            (
                c.quantity.start,
                c.quantity.end,
                c.line as usize,
                c.column as usize,
            )
        })
        .collect();
    for (c, s) in claims
        .iter_mut()
        .zip(Snippet::all_around(doc.source(), &figures))
    {
        // The figure as written is a piece of its snippet's buffer too.
        let q = &c.quantity;
        if let Some(t) = s.text.slice(q.start - s.start, q.end - s.start) {
            c.quantity.text = t;
        }
        c.snippet = s;
    }
    claims
}

/// Which claims to keep: a document that states a rule's figure for one day ("rocked by a
/// magnitude-5.9 earthquake early Sunday afternoon") and then for another ("a quake measuring
/// 3.8 ... on Monday") tells of two events, an aftershock after the quake; the story is the
/// first day's, and a figure its clause dates to another day is not compared as the story's.
/// A running count (`cumulative`) is the same count on a later day, and stays.
fn other_days(
    claims: &[Claim],
    weekdays: &[Option<u8>],
    order: &[usize],
    rules: &RuleSet,
) -> Vec<bool> {
    let mut keep = vec![true; claims.len()];
    // The first day named for each rule and subject: two people's ages may be told of
    // different days ("Rait died on Friday ... On Saturday, 32-year-old Buckley fell").
    let mut first: std::collections::HashMap<(u32, Option<&str>), u8> =
        std::collections::HashMap::new();
    for &i in order {
        let c = &claims[i];
        if rules.rules[c.rule as usize].cumulative {
            continue;
        }
        let Some(d) = weekdays.get(i).copied().flatten() else {
            continue;
        };
        let f = *first.entry((c.rule, c.subject.as_deref())).or_insert(d);
        keep[i] = f == d;
    }
    keep
}

/// A figure whose clause names no subject is about the subject its document last named for the
/// same rule ("Germany's economy grew 1.6% last year ... it grew 0.2% in the fourth quarter"):
/// the nearest earlier claim of the rule in the document with a subject lends it. Rules with
/// `subject = "none"` and keyed claims are left as they are.
fn inherit_subjects(claims: &mut [Claim], rules: &RuleSet) {
    let mut last: Vec<Option<Arc<str>>> = vec![None; rules.rules.len()];
    for c in claims.iter_mut() {
        let r = c.rule as usize;
        if rules.rules[r].subject == crate::rules::SubjectMode::None || c.key.is_some() {
            continue;
        }
        match &c.subject {
            Some(s) => last[r] = Some(s.clone()),
            None => c.subject = last[r].clone(),
        }
    }
}

/// A claim found in one text, before it is placed in a document.
#[derive(Debug, Clone)]
pub struct TextMatch {
    pub quantity: Quantity,
    pub key: Option<String>,
    pub items: Option<Vec<String>>,
    /// The entity the figure is about, by the rule's `subject` mode.
    pub subject: Option<String>,
    /// The period the figure refers to, by the rule's `period` mode.
    pub period: Option<i32>,
    /// The period comes from the figure's clause, not the document's date.
    pub anchored: bool,
    /// The day of the week its clause names (0 Monday), if one.
    pub weekday: Option<u8>,
}

/// Matches one rule against a text (a sentence, or an example) of an undated document: the
/// claims it makes and the pattern matches that were rejected, with why.
pub fn match_text(rule: &Rule, text: &str) -> (Vec<TextMatch>, Vec<Rejection>) {
    let mut cache = ParseCache::new(text);
    match_rule(rule, &vec![true; rule.patterns.len()], &mut cache, None)
}

/// Quantities of one sentence, parsed once per tolerance and shared by the rules.
struct ParseCache<'a> {
    text: &'a str,
    /// Every word character of the text is ASCII: rule patterns run as their ASCII twins
    /// ([`matcher`]).
    ascii: bool,
    parsed: Vec<(u64, std::rc::Rc<[Quantity]>)>,
}

impl<'a> ParseCache<'a> {
    fn new(text: &'a str) -> Self {
        ParseCache {
            text,
            ascii: matcher::words_are_ascii(text),
            parsed: Vec::new(),
        }
    }
    fn get(&mut self, tolerance: f64) -> std::rc::Rc<[Quantity]> {
        let bits = tolerance.to_bits();
        let idx = match self.parsed.iter().position(|(b, _)| *b == bits) {
            Some(i) => i,
            None => {
                self.parsed.push((
                    bits,
                    quantity::parse_with(self.text, ParseOptions { tolerance }).into(),
                ));
                self.parsed.len() - 1
            }
        };
        self.parsed[idx].1.clone()
    }
}

/// Matches `rule`'s patterns that the gate let through (`gated`, a flag per pattern) against
/// the text of `cache`.
fn match_rule(
    rule: &Rule,
    gated: &[bool],
    cache: &mut ParseCache,
    date: Option<Date>,
) -> (Vec<TextMatch>, Vec<Rejection>) {
    let text = cache.text;
    let ascii = cache.ascii;
    let mut found: Vec<TextMatch> = Vec::new();
    let mut rejected = Vec::new();
    if !rule.context.iter().all(|c| c.is_match(text)) {
        return (found, rejected);
    }
    // The sentence is parsed when a pattern first matches in it.
    let mut quantities: Option<std::rc::Rc<[Quantity]>> = None;
    for (p, _) in rule.patterns.iter().zip(gated).filter(|(_, g)| **g) {
        for caps in matcher::captures(p.matcher(ascii), text) {
            let Some(g) = caps.group("quantity") else {
                continue;
            };
            let quantities: &[Quantity] =
                quantities.get_or_insert_with(|| cache.get(rule.tolerance));
            let best = quantities
                .iter()
                .filter(|q| q.start < g.end && g.start < q.end)
                .max_by_key(|q| q.end.min(g.end) - q.start.max(g.start));
            if best.is_none() {
                rejected.push(Rejection::NoFigure {
                    text: text[g.range()].to_string(),
                });
                continue;
            }
            // The figure grammar reads "7.6 and 7.4" as one span (it must, for "between 7.6
            // and 7.4"): when the reader found two figures there, each is a figure of its own.
            let inside: Vec<&Quantity> = quantities
                .iter()
                .filter(|q| g.start <= q.start && q.end <= g.end)
                .collect();
            let picks = if inside.len() >= 2 {
                inside
            } else {
                best.into_iter().collect()
            };
            for q in picks {
                let Some(q) = coerce(q, rule.unit) else {
                    rejected.push(Rejection::WrongUnit {
                        text: q.text.to_string(),
                        unit: q.unit,
                    });
                    continue;
                };
                if let Some(x) = rule.exclude.iter().find(|x| {
                    x.matcher(ascii)
                        .find_iter(text)
                        .any(|m| m.start() <= q.start && q.end <= m.end())
                }) {
                    rejected.push(Rejection::Excluded {
                        text: q.text.to_string(),
                        pattern: x.source.clone(),
                    });
                    continue;
                }
                if found.iter().any(|f| f.quantity.start == q.start) {
                    continue;
                }
                let all = quantities;
                let mut reading = clause::reading(text, all, &q);
                let (period, anchored) = match period_of(rule, date, text, all, &q) {
                    Ok(p) => p,
                    Err(r) => {
                        reading = r;
                        (None, false)
                    }
                };
                if reading != clause::Reading::Whole {
                    rejected.push(Rejection::NotWhole {
                        text: q.text.to_string(),
                        reading,
                    });
                    continue;
                }
                // A rule with keys names its entities itself: the key is the subject.
                let keyed = !rule.keys.is_empty()
                    || rule.default_key.is_some()
                    || caps.group("key").is_some();
                let subject = caps
                    .group("subject")
                    .map(|s| clause::normalise_subject(&text[s.range()]))
                    .or_else(|| {
                        (rule.subject != crate::rules::SubjectMode::None && !keyed)
                            .then(|| clause::subject(text, &q))
                            .flatten()
                    });
                if subject.is_none()
                    && !keyed
                    && rule.subject == crate::rules::SubjectMode::Required
                {
                    rejected.push(Rejection::NoSubject {
                        text: q.text.to_string(),
                    });
                    continue;
                }
                let key = caps
                    .group("key")
                    .map(|k| rule.keys.normalise(&text[k.range()]))
                    .or_else(|| rule.default_key.clone());
                let items = rule
                    .enumeration
                    .then(|| enumeration(&text[q.end..]))
                    .flatten();
                let weekday = clause::weekday(text, &q);
                found.push(TextMatch {
                    quantity: q,
                    key,
                    items,
                    subject,
                    period,
                    anchored,
                    weekday,
                });
            }
        }
    }
    found.sort_by_key(|m| m.quantity.start);
    (found, rejected)
}

/// Reads the figure as the rule's unit: a count may be written like a year ("1500 troops") and a
/// year like a count. Other units must match.
pub(crate) fn coerce(q: &Quantity, unit: Unit) -> Option<Quantity> {
    let ok = q.unit == unit
        || matches!((q.unit, unit), (Unit::Year, Unit::Number))
        || (q.unit == Unit::Number
            && unit == Unit::Year
            && q.hedge == quantity::Hedge::None
            && q.value.is_some_and(|v| v.fract() == 0.0));
    ok.then(|| Quantity { unit, ..q.clone() })
}

fn shift(mut q: Quantity, by: usize) -> Quantity {
    q.start += by;
    q.end += by;
    q
}

/// The period a claim refers to, by the rule's period mode: the time its own clause names, or
/// the document's, and whether the clause named it. `Err` when the clause dates it to another time that has no year to compare it
/// under (a recalled figure).
fn period_of(
    rule: &Rule,
    date: Option<Date>,
    text: &str,
    quantities: &[Quantity],
    own: &Quantity,
) -> Result<(Option<i32>, bool), clause::Reading> {
    let doc_year = date.map(|d| d.year);
    match rule.period {
        PeriodMode::None => Ok((None, false)),
        PeriodMode::Document => Ok((doc_year, false)),
        PeriodMode::Sentence => match clause::when(text, quantities, own, date) {
            // A year its document is dated in is the document's present ("as of September
            // 2023" in an article of 2023-10-26); any other year dates the figure elsewhere.
            clause::When::Year(y) => Ok((Some(y), Some(y) != doc_year)),
            clause::When::Present => Ok((doc_year, false)),
            clause::When::Elsewhere => Err(clause::Reading::Recalled),
        },
        PeriodMode::Date => match clause::when(text, quantities, own, date) {
            clause::When::Present => Ok((date.map(date_code), false)),
            clause::When::Year(y) if Some(y) == doc_year => Ok((date.map(date_code), false)),
            _ => Err(clause::Reading::Recalled),
        },
    }
}

/// A date as the period of a `period = "date"` claim: `YYYYMMDD`.
pub fn date_code(d: Date) -> i32 {
    d.year * 10_000 + d.month as i32 * 100 + d.day as i32
}

/// The items of an enumeration introduced by a colon (or "namely") right after a figure:
/// "six countries to date: China, Russia, Japan, India, the Republic of Korea, and the US".
/// `None` when there is no such list, or it is open-ended ("among others", "etc.").
pub fn enumeration(after: &str) -> Option<Vec<String>> {
    static INTRO: OnceLock<Regex> = OnceLock::new();
    let intro = INTRO.get_or_init(|| {
        Regex::new(r"(?i)^[^:;.]{0,80}?(?::|\bnamely\b|—|–)\s*").expect("valid regex")
    });
    let m = intro.find(after)?;
    let list = after[m.end()..]
        .trim_end()
        .trim_end_matches(['.', '!', '?', ';']);
    let lower = list.to_lowercase();
    if ["etc", "among others", "and others", "and more"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    static SEP: OnceLock<Regex> = OnceLock::new();
    let sep = SEP.get_or_init(|| {
        Regex::new(r"\s*(?:,|;)\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+").expect("valid regex")
    });
    let items: Vec<String> = sep
        .split(list)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (items.len() >= 2).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerations_are_counted() {
        let l = enumeration(
            " countries to date: China, Russia, Japan, India, the Republic of Korea, and the US.",
        )
        .unwrap();
        assert_eq!(
            l,
            [
                "China",
                "Russia",
                "Japan",
                "India",
                "the Republic of Korea",
                "the US"
            ]
        );
        assert_eq!(enumeration(": France and Italy").unwrap().len(), 2);
        assert_eq!(enumeration(": France, Italy, among others"), None);
        assert_eq!(enumeration(" countries, including France"), None);
    }
}
