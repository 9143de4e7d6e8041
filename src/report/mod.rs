//! Reports: one finding model, several renderers.
//!
//! `human` renders miette diagnostics (the outlier's snippet, then each other source as a
//! related diagnostic with its own file); `json` writes the documented JSON object (miette's own
//! JSON lacks lines and columns, so it is written here). Renderers only read findings: no
//! comparison logic lives here.

pub mod human;
pub mod json;
pub mod table;

use crate::document::Document;
use crate::finding::{Finding, Severity};

/// Counts for the closing summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub claims: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Summary {
    pub fn new(documents: usize, claims: usize, findings: &[Finding]) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Summary {
            documents,
            claims,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}: {}, {}, {}",
            plural(self.documents, "document"),
            plural(self.claims, "claim"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note"),
        )
    }
}

/// Everything a renderer may read.
pub struct ReportInput<'a> {
    pub findings: &'a [Finding],
    pub documents: &'a [Document],
    pub summary: Summary,
}
