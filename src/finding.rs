//! The finding model shared by every report format: what disagrees, how badly, and where.

use crate::quantity::Interval;
use crate::text::{Excerpt, Snippet};
use serde::Serialize;

/// How serious a finding is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn from_name(s: &str) -> Option<Severity> {
        match s {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What kind of disagreement a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The claim's interval is disjoint from what other sources assert.
    Conflict,
    /// A conflict whose digits are one edit away from the consensus: a probable typo.
    Typo,
    /// Compatible, but stated less precisely or with a hedge where another source is exact.
    Approximation,
    /// An enumeration lists a different number of items than the figure says.
    ListCount,
    /// The claim contradicts a verified fact from the facts file.
    Fact,
    /// A paragraph repeated within a document (an editorial check).
    RepeatedParagraph,
    /// A sentence stated in two documents with different figures (an editorial check).
    EditedCopy,
    /// A running count (a rule with `cumulative = true`, such as a death toll) stated lower
    /// than another source's: an earlier count that a later report revised, not a conflict.
    Updated,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Conflict => "conflict",
            FindingKind::Typo => "typo",
            FindingKind::Approximation => "approximation",
            FindingKind::ListCount => "list_count",
            FindingKind::Fact => "fact",
            FindingKind::RepeatedParagraph => "repeated_paragraph",
            FindingKind::EditedCopy => "edited_copy",
            FindingKind::Updated => "updated",
        }
    }
}

/// A place in a document, with the figure found there: a shared handle on a [`Place`].
/// Findings in one claim group list the same agreeing sources; a clone is a pointer, so a
/// large run holds each listed source once, not once per finding that lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Location(std::sync::Arc<Place>);

impl Location {
    pub fn new(place: Place) -> Location {
        Location(std::sync::Arc::new(place))
    }
}

impl std::ops::Deref for Location {
    type Target = Place;
    fn deref(&self) -> &Place {
        &self.0
    }
}

/// What a [`Location`] points at.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Index of the document in the run (for rendering snippets).
    pub doc: usize,
    pub path: std::sync::Arc<str>,
    /// 1-based line and column (column in characters).
    pub line: u32,
    pub column: u32,
    /// Byte offsets of the figure in the document.
    pub start: usize,
    pub end: usize,
    /// The figure as written.
    pub text: Excerpt,
    pub interval: Interval,
    /// The sentence around the figure, for rendering (shared with the claim: a finding in a
    /// large group lists many sources, and copies would multiply the memory).
    pub snippet: Snippet,
}

/// One reported disagreement. `locations[0]` is the claim reported on; the rest are the sources
/// it was compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Shared with the rule and the other findings of the rule.
    pub rule: std::sync::Arc<str>,
    pub rule_title: std::sync::Arc<str>,
    pub severity: Severity,
    pub kind: FindingKind,
    pub message: String,
    pub key: Option<String>,
    pub period: Option<i32>,
    /// The suggested value as text.
    pub suggestion: Option<String>,
    pub locations: Vec<Location>,
    /// The verified fact the claim was judged against, when one applies.
    pub fact: Option<Box<FactCitation>>,
    /// The claim reported on (`locations[0]`), as its index in the run's claims, for findings
    /// about a claim; `None` for the editorial checks' findings.
    pub claim: Option<u32>,
    /// The group of claims it was compared in, as its index in the run's [`ClaimGroup`]s.
    pub group: Option<u32>,
}

/// Claims compared together (one rule, key, currency, period and subject), with what most of
/// them agree on: what the HTML report draws for each fact. Made by the comparison, so that
/// reports render groups without comparing.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup {
    /// Index of the rule in the rule set.
    pub rule: usize,
    /// Indices of the claims, in the run's claims.
    pub members: Vec<usize>,
    /// The members that state the consensus.
    pub supporters: Vec<usize>,
    /// What the supporters' intervals have in common.
    pub band: Option<Interval>,
    /// No figure has a clear majority.
    pub contested: bool,
}

/// A verified fact as a finding cites it: the value, where it is recorded, and its source.
#[derive(Debug, Clone, PartialEq)]
pub struct FactCitation {
    /// The value as written in the facts file.
    pub value: String,
    pub interval: Interval,
    /// The citation: who verified it, where it was published.
    pub source: String,
    /// The facts file and the line of the fact's entry.
    pub path: String,
    pub line: usize,
}

impl Finding {
    /// Sort key: primary location, then rule and kind, so output does not depend on the order
    /// in which work was done.
    pub fn sort_key(&self) -> (std::sync::Arc<str>, usize, std::sync::Arc<str>, FindingKind) {
        let p = &self.locations[0];
        (p.path.clone(), p.start, self.rule.clone(), self.kind)
    }

    /// A fingerprint that survives edits elsewhere in the file: rule, key, period, the figure's
    /// interval and the file, never line numbers or offsets. `path` is the file as the caller
    /// names it (a baseline uses paths relative to itself). 16 hex digits of FNV-1a/64, stable
    /// across versions and platforms.
    pub fn fingerprint(&self, path: &str) -> String {
        let p = &self.locations[0];
        let key = self.key.as_deref().unwrap_or("");
        let period = self.period.map(|y| y.to_string()).unwrap_or_default();
        let parts = [&self.rule, key, &period, &p.interval.to_string(), path];
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in parts {
            for b in part.bytes().chain([0x1f]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}
