//! The editorial checks' settings (`[checks]` in crosscheck.toml; docs/config.md): plain data,
//! read by the config, carried with the rule pack (its hash covers them, since cached
//! documents hold what was found with them) and applied by `editorial`.

use crate::finding::Severity;
use crate::ids::{title, EDITED_COPY, REPEATED_PARAGRAPH};

/// The editorial checks' settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Checks {
    pub repeated_paragraph: RepeatedParagraph,
    pub edited_copy: EditedCopy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RepeatedParagraph {
    /// `None`: the check is off.
    pub severity: Option<Severity>,
    /// Lowest word-level similarity (0.5 to 1) for a near repeat; 1 reports exact repeats only.
    pub similarity: f64,
    /// Paragraphs with fewer words are not compared (short lines repeat by nature).
    pub min_words: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditedCopy {
    /// `None`: the check is off.
    pub severity: Option<Severity>,
    /// Sentences with fewer words (figures included) are not compared: short formulas such as
    /// "Shares rose 3% to 120p." repeat with other figures without being copies.
    pub min_words: usize,
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            repeated_paragraph: RepeatedParagraph {
                severity: Some(Severity::Warning),
                similarity: 0.9,
                min_words: 8,
            },
            edited_copy: EditedCopy {
                severity: Some(Severity::Warning),
                min_words: 12,
            },
        }
    }
}

impl Checks {
    /// A stable description of the settings, for the rule-pack hash: the cache and claim files
    /// hold what was found with them.
    pub fn describe(&self) -> String {
        let sev = |s: Option<Severity>| s.map_or("off", Severity::as_str);
        format!(
            "{REPEATED_PARAGRAPH} {} {} {}\n{EDITED_COPY} {} {}\n",
            sev(self.repeated_paragraph.severity),
            self.repeated_paragraph.similarity,
            self.repeated_paragraph.min_words,
            sev(self.edited_copy.severity),
            self.edited_copy.min_words,
        )
    }

    /// The enabled checks: (id, title, severity).
    pub fn enabled(&self) -> Vec<(&'static str, &'static str, Severity)> {
        let mut out = Vec::new();
        if let Some(s) = self.repeated_paragraph.severity {
            out.push((REPEATED_PARAGRAPH, title(REPEATED_PARAGRAPH), s));
        }
        if let Some(s) = self.edited_copy.severity {
            out.push((EDITED_COPY, title(EDITED_COPY), s));
        }
        out
    }
}
