//! Reports: one finding model, several renderers.
//!
//! `human` renders miette diagnostics (the outlier's snippet, then each other source as a
//! related diagnostic with its own file); `json` writes the documented JSON object (miette's own
//! JSON lacks lines and columns, so it is written here). Renderers only read findings: no
//! comparison logic lives here.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod table;

use crate::finding::{Finding, Location, Severity};
use crate::rules::RuleSet;

/// Runs a renderer that writes into a buffer, and returns what it wrote. Writing into memory
/// cannot fail, and renderers only write UTF-8.
pub(crate) fn to_string(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> String {
    let mut buf = Vec::new();
    let _ = write(&mut buf);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

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

/// Everything a renderer may read. Locations carry their own snippets, so rendering needs no
/// document text: a report from a claims file is the same as one from the documents.
pub struct ReportInput<'a> {
    pub findings: &'a [Finding],
    /// The rules loaded (SARIF lists them all).
    pub rules: &'a RuleSet,
    /// The editorial checks' settings (SARIF lists the checks that are on).
    pub checks: &'a crate::settings::Checks,
    pub summary: Summary,
    /// The documents and claims compared: the HTML report draws every claim group from them.
    /// Other formats report findings only and ignore it.
    pub corpus: Option<&'a crate::pipeline::Corpus>,
    /// The groups the comparison made of the corpus's claims (`compare::claim_groups`), which
    /// the findings' `group` ids index: the HTML report draws them. Reports never compare.
    pub groups: &'a [crate::finding::ClaimGroup],
}

impl ReportInput<'_> {
    /// 1-based line and column (characters) of the end of a location's figure.
    pub fn end_line_col(&self, l: &Location) -> (usize, usize) {
        l.snippet
            .line_col(l.end)
            .unwrap_or((l.line as usize, l.column as usize + l.text.chars().count()))
    }

    /// The sentence around a location's figure, split as (before, figure, after).
    pub fn context<'l>(&self, l: &'l Location) -> Option<(&'l str, &'l str, &'l str)> {
        l.snippet.parts(l.start, l.end)
    }
}
