//! Suppression: findings an editor has accepted, marked inline in the document or listed in a
//! baseline file. Suppressed findings are not reported, only counted.
//!
//! An inline marker is the word `crosscheck-ignore`, usually in a comment
//! (`<!-- crosscheck-ignore fdi-growth -->`), optionally followed by rule ids and then
//! `-- a reason`. On a line with other text it covers that line; alone on its line it covers
//! the next paragraph (up to the next blank line). `crosscheck-ignore-file` covers the whole
//! document. Without rule ids a marker covers every rule.
//!
//! A baseline lists accepted findings by fingerprint ([`Finding::fingerprint`]): rule, key,
//! period, the figure's interval and the file relative to the baseline, so an entry survives
//! edits elsewhere in the file. Each entry suppresses one finding.

use crate::document::Document;
use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use crate::ids::MARKER;

/// A stretch of a document where some or all rules are silenced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// Byte range covered.
    pub start: usize,
    pub end: usize,
    /// 1-based line of the marker itself.
    pub line: usize,
    /// Rule ids named; empty means every rule.
    pub rules: Vec<String>,
}

impl Marker {
    fn covers(&self, f: &Finding) -> bool {
        let p = &f.locations[0];
        self.start <= p.start
            && p.end <= self.end
            && (self.rules.is_empty() || self.rules.iter().any(|r| **r == *f.rule))
    }
}

/// Every marker in a document.
pub fn markers(doc: &Document) -> Vec<Marker> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for (at, _) in text.match_indices(MARKER) {
        let after = &text[at + MARKER.len()..];
        let whole_file = after.starts_with("-file");
        let rest_start = at + MARKER.len() + if whole_file { 5 } else { 0 };
        // Any other continuation ("crosscheck-ignored") is not a marker.
        if text[rest_start..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            continue;
        }
        let (line_start, line_end) = doc.line_span(at);
        let line = doc.line_col(at).0;
        // The marker runs to the end of its comment, or of its line.
        let tail = &text[rest_start..line_end];
        let close = ["-->", "*/"]
            .iter()
            .filter_map(|c| tail.find(c).map(|i| (i, c.len())))
            .min();
        let body = &tail[..close.map_or(tail.len(), |(i, _)| i)];
        let marker_end = rest_start + close.map_or(tail.len(), |(i, n)| i + n);
        let ids = body.split(" --").next().unwrap_or("");
        let rules: Vec<String> = ids
            .trim_start_matches(':')
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let before = &text[line_start..at];
        let marker_start = before.rfind("<!--").map_or(at, |i| line_start + i);
        let alone = text[line_start..marker_start].trim().is_empty()
            && text[marker_end..line_end].trim().is_empty();
        let (start, end) = if whole_file {
            (0, text.len())
        } else if alone {
            next_paragraph(text, line_end)
        } else {
            (line_start, line_end)
        };
        out.push(Marker {
            start,
            end,
            line,
            rules,
        });
    }
    out
}

/// The byte range of the first paragraph (run of non-blank lines) after `from`.
fn next_paragraph(text: &str, from: usize) -> (usize, usize) {
    let mut offset = from;
    let mut start = None;
    for line in text[from..].split_inclusive('\n') {
        match (start, line.trim().is_empty()) {
            (None, false) => start = Some(offset),
            (Some(s), true) => return (s, offset),
            _ => {}
        }
        offset += line.len();
    }
    start.map_or((from, from), |s| (s, text.len()))
}

/// Accepted findings, by fingerprint, with how many of each.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// The folder paths in the baseline are relative to (canonical), when it exists.
    root: Option<PathBuf>,
    counts: BTreeMap<String, usize>,
}

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<BaselineEntry>,
}

/// Why a baseline file could not be used; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {0}: {1}")]
    Read(String, std::io::Error),
    #[error("invalid baseline {0}: {1}")]
    Invalid(String, serde_json::Error),
    #[error("baseline {0} has version {1}, this crosscheck reads version {BASELINE_VERSION}")]
    Version(String, u32),
}

/// One accepted finding. Only `fingerprint` is used for matching; the rest is for people
/// reviewing the file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineEntry {
    fingerprint: String,
    rule: String,
    path: String,
    text: String,
    message: String,
}

impl Baseline {
    /// An empty baseline whose paths are relative to `path`'s folder.
    pub fn for_file(path: &Path) -> Baseline {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
        let root = dir.unwrap_or(Path::new(".")).canonicalize().ok();
        Baseline {
            root,
            counts: BTreeMap::new(),
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = || path.display().to_string();
        let text = crate::fsio::read_text(path, crate::fsio::MAX_INPUT_BYTES)
            .map_err(|e| BaselineError::Read(shown(), e))?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| BaselineError::Invalid(shown(), e))?;
        if file.version != BASELINE_VERSION {
            return Err(BaselineError::Version(shown(), file.version));
        }
        let mut b = Baseline::for_file(path);
        for e in file.findings {
            *b.counts.entry(e.fingerprint).or_default() += 1;
        }
        Ok(b)
    }

    /// The finding's file as the baseline names it: relative to the baseline's folder when the
    /// file is under it, else as given.
    pub fn path_of(&self, display: &str) -> String {
        let rel = self.root.as_ref().and_then(|root| {
            let abs = Path::new(display).canonicalize().ok()?;
            Some(abs.strip_prefix(root).ok()?.to_path_buf())
        });
        let p = rel.map_or_else(|| display.to_string(), |r| r.to_string_lossy().into_owned());
        p.replace('\\', "/")
    }

    /// The fingerprint of a finding as this baseline records it.
    pub fn fingerprint(&self, f: &Finding) -> String {
        f.fingerprint(&self.path_of(&f.locations[0].path))
    }

    /// The baseline file for `findings`, as JSON text (sorted, one entry per finding).
    pub fn render(&self, findings: &[Finding]) -> String {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: self.fingerprint(f),
                rule: f.rule.to_string(),
                path: self.path_of(&f.locations[0].path),
                text: f.locations[0].text.to_string(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint, &a.text).cmp(&(
                &b.path,
                &b.rule,
                &b.fingerprint,
                &b.text,
            ))
        });
        let file = BaselineFile {
            version: BASELINE_VERSION,
            findings: entries,
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Splits findings into those reported and those suppressed by an inline marker in their
/// document or by the baseline (each baseline entry suppresses one finding).
pub fn apply(
    mut findings: Vec<Finding>,
    markers: &[&[Marker]],
    baseline: Option<&Baseline>,
) -> (Vec<Finding>, Vec<Finding>) {
    let mut remaining = baseline.map(|b| b.counts.clone()).unwrap_or_default();
    // In place: the findings of a large run are not copied to a second vector.
    let suppressed = findings
        .extract_if(.., |f| {
            let inline = markers
                .get(f.locations[0].doc)
                .is_some_and(|m| m.iter().any(|m| m.covers(f)));
            inline
                || baseline.is_some_and(|b| match remaining.get_mut(&b.fingerprint(f)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                })
        })
        .collect();
    (findings, suppressed)
}

/// Markers in checked documents that name a rule no rule file declares (most likely a typo,
/// which would leave the finding it meant unsuppressed): `path:line: ...` messages.
pub fn unknown_marker_rules<'a>(
    checked: impl IntoIterator<Item = (&'a str, &'a [Marker])>,
    rules: &crate::rules::RuleSet,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, markers) in checked {
        for m in markers {
            let known = |id: &&String| {
                rules.get(id).is_some() || crate::ids::EDITORIAL.contains(&id.as_str())
            };
            for id in m.rules.iter().filter(|id| !known(id)) {
                out.push(format!(
                    "{}:{}: {MARKER} names `{id}`, which is not a loaded rule",
                    path, m.line
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> Vec<(String, Vec<String>)> {
        let d = Document::new("t.md", text.to_string());
        markers(&d)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.rules))
            .collect()
    }

    #[test]
    fn marker_on_a_line_covers_that_line() {
        let t = "First 139 countries. <!-- crosscheck-ignore diplomatic-relations -->\nNext 12.\n";
        assert_eq!(
            marked(t),
            [(
                "First 139 countries. <!-- crosscheck-ignore diplomatic-relations -->".to_string(),
                vec!["diplomatic-relations".to_string()]
            )]
        );
    }

    #[test]
    fn marker_alone_covers_the_next_paragraph() {
        let t = "Intro.\n\n<!-- crosscheck-ignore: a, b -- quoted from 1995 -->\n\nPara one\nstill one.\n\nPara two.\n";
        assert_eq!(
            marked(t),
            [(
                "Para one\nstill one.\n".to_string(),
                vec!["a".to_string(), "b".to_string()]
            )]
        );
    }

    #[test]
    fn plain_text_marker_and_whole_file() {
        let t = "crosscheck-ignore\r\nThe paragraph.\r\n\r\nAnother.";
        assert_eq!(marked(t), [("The paragraph.\r\n".to_string(), vec![])]);
        let t = "x <!-- crosscheck-ignore-file -->\nbody";
        assert_eq!(marked(t), [(t.to_string(), vec![])]);
        assert!(marked("crosscheck-ignored is not a marker").is_empty());
    }
}
