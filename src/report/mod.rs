//! Reports: one finding model, several renderers.
//!
//! `human` renders miette diagnostics (the outlier's snippet, then each other source as a
//! related diagnostic with its own file); `json` writes the documented JSON object (miette's own
//! JSON lacks lines and columns, so it is written here). Renderers only read findings: no
//! comparison logic lives here.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod table;

use crate::document::Document;
use crate::finding::{Finding, Location, Severity};
use crate::rules::RuleSet;

/// Counts for the closing summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Findings silenced by an inline marker or the baseline.
    pub suppressed: usize,
}

impl Summary {
    pub fn new(
        documents: usize,
        claims: usize,
        findings: &[Finding],
        suppressed: usize,
    ) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            documents,
            claims,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            suppressed,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}: {}, {}, {}, {} suppressed",
            plural(self.documents, "document"),
            plural(self.claims, "claim"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note"),
            self.suppressed,
        )
    }
}

/// Everything a renderer may read.
pub struct ReportInput<'a> {
    pub findings: &'a [Finding],
    pub documents: &'a [Document],
    /// The rules loaded (SARIF lists them all).
    pub rules: &'a RuleSet,
    pub summary: Summary,
}

impl ReportInput<'_> {
    /// The document a location points into, when it is part of the run.
    pub fn document(&self, l: &Location) -> Option<&Document> {
        self.documents.get(l.doc).filter(|d| d.path == l.path)
    }

    /// 1-based line and column (characters) of the end of a location's figure.
    pub fn end_line_col(&self, l: &Location) -> (usize, usize) {
        self.document(l)
            .map_or((l.line, l.column + l.text.chars().count()), |d| {
                d.line_col(l.end)
            })
    }

    /// The sentence around a location's figure, split as (before, figure, after).
    pub fn context(&self, l: &Location) -> Option<(&str, &str, &str)> {
        let text = self.document(l)?.text.as_str();
        if l.end > text.len() || !text.is_char_boundary(l.start) || !text.is_char_boundary(l.end) {
            return None;
        }
        let (ws, we) = window(text, l.start, l.end);
        Some((&text[ws..l.start], &text[l.start..l.end], &text[l.end..we]))
    }
}

/// How far a snippet reaches either side of a figure, in bytes.
pub(crate) const WINDOW: usize = 100;

/// Byte range of the sentence around `start..end` in `text`: at most [`WINDOW`] bytes each
/// side, stopping at a line break or a sentence end, cut at whitespace.
pub(crate) fn window(text: &str, start: usize, end: usize) -> (usize, usize) {
    let t = text.as_bytes();
    let stops_line = |b: u8| b == b'\n' || b == b'\r';
    let mut ws = start;
    while ws > 0 && !stops_line(t[ws - 1]) && start - ws < WINDOW {
        // A sentence starts after ". " (or "? ", "! ").
        if ws >= 2 && t[ws - 1] == b' ' && matches!(t[ws - 2], b'.' | b'?' | b'!') {
            break;
        }
        ws -= 1;
    }
    if ws > 0 && !stops_line(t[ws - 1]) && start - ws >= WINDOW {
        // Cut at a word boundary rather than mid-word.
        while ws < start && !t[ws - 1].is_ascii_whitespace() {
            ws += 1;
        }
    }
    let mut we = end;
    while we < t.len() && !stops_line(t[we]) && we - end < WINDOW {
        we += 1;
        if matches!(t[we - 1], b'.' | b'?' | b'!') && t.get(we).is_none_or(|b| *b == b' ') {
            break;
        }
    }
    if we < t.len() && !stops_line(t[we]) && we - end >= WINDOW {
        while we > end && !t[we].is_ascii_whitespace() {
            we -= 1;
        }
    }
    while !text.is_char_boundary(ws) {
        ws -= 1;
    }
    while !text.is_char_boundary(we) {
        we += 1;
    }
    (ws, we)
}
