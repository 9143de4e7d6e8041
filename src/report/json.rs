//! The JSON report: one object with `version`, `summary` and `findings` (see docs/output.md).

use super::ReportInput;
use crate::finding::Finding;
use rayon::prelude::*;
use serde::Serialize;
use std::io;

/// Version of the JSON report format; bumped on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: &'a super::Summary,
    findings: Findings<'a>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    kind: &'static str,
    message: &'a str,
    suggestion: Option<&'a str>,
    key: Option<&'a str>,
    period: Option<i32>,
    fingerprint: String,
    locations: Vec<JsonLocation<'a>>,
    fact: Option<JsonFact<'a>>,
}

#[derive(Serialize)]
struct JsonFact<'a> {
    value: &'a str,
    lo: Option<f64>,
    hi: Option<f64>,
    lo_inclusive: bool,
    hi_inclusive: bool,
    source: &'a str,
    path: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    lo: Option<f64>,
    hi: Option<f64>,
    lo_inclusive: bool,
    hi_inclusive: bool,
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: &f.rule,
        severity: f.severity.as_str(),
        kind: f.kind.as_str(),
        message: &f.message,
        suggestion: f.suggestion.as_deref(),
        key: f.key.as_deref(),
        period: f.period,
        fingerprint: f.fingerprint(&f.locations[0].path),
        fact: f.fact.as_ref().map(|c| JsonFact {
            value: &c.value,
            lo: c.interval.lo.map(|b| b.value),
            hi: c.interval.hi.map(|b| b.value),
            lo_inclusive: c.interval.lo.is_some_and(|b| b.inclusive),
            hi_inclusive: c.interval.hi.is_some_and(|b| b.inclusive),
            source: &c.source,
            path: &c.path,
            line: c.line,
        }),
        locations: f
            .locations
            .iter()
            .map(|l| JsonLocation {
                path: &l.path,
                line: l.line as usize,
                column: l.column as usize,
                start: l.start,
                end: l.end,
                text: &l.text,
                lo: l.interval.lo.map(|b| b.value),
                hi: l.interval.hi.map(|b| b.value),
                lo_inclusive: l.interval.lo.is_some_and(|b| b.inclusive),
                hi_inclusive: l.interval.hi.is_some_and(|b| b.inclusive),
            })
            .collect(),
    }
}

/// Renders the report as pretty-printed JSON with a trailing newline.
pub fn render(input: &ReportInput) -> String {
    super::to_string(|w| write(input, w))
}

/// Writes the report as pretty-printed JSON with a trailing newline, finding by finding.
pub fn write(input: &ReportInput, out: &mut dyn io::Write) -> io::Result<()> {
    write_in_batches(input, out, BATCH, 128)
}

/// [`write`], rendering `batch` findings at a time in pieces of `piece`.
fn write_in_batches(
    input: &ReportInput,
    out: &mut dyn io::Write,
    batch: usize,
    piece: usize,
) -> io::Result<()> {
    let head = Report {
        version: FORMAT_VERSION,
        summary: &input.summary,
        findings: Findings(&[]),
    };
    let head = serde_json::to_string_pretty(&head)?;
    // serde_json's pretty output ends `"findings": []\n}`; the findings go between the
    // brackets, each rendered as serde_json would render it there.
    let Some(open) = head.strip_suffix("[]\n}") else {
        return Err(io::Error::other("unexpected JSON layout"));
    };
    if input.findings.is_empty() {
        return out.write_all(format!("{head}\n").as_bytes());
    }
    out.write_all(open.as_bytes())?;
    out.write_all(b"[\n")?;
    // Rendered in parallel, a batch at a time (the report of a large run is a gigabyte),
    // and written in order: the same bytes for any number of threads.
    for (b, batch) in input.findings.chunks(batch.max(1)).enumerate() {
        let parts: Vec<Vec<u8>> = batch
            .par_chunks(piece.max(1))
            .map(|fs| {
                let mut buf = Vec::new();
                for (i, f) in fs.iter().enumerate() {
                    if i > 0 {
                        buf.extend_from_slice(b",\n");
                    }
                    write_finding(&mut buf, &finding(f));
                }
                buf
            })
            .collect();
        for (i, part) in parts.iter().enumerate() {
            if b > 0 || i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(part)?;
        }
    }
    out.write_all(b"\n  ]\n}\n")
}

/// Writes a finding as serde_json's pretty printer writes it in the report's findings array
/// (four spaces in), field by field: the printer's generic path took most of the time of a
/// large report, which is larger than the corpus it reports on. Strings and numbers are
/// written by serde_json itself, so their escapes and digits are its own; the layout is
/// checked against serde_json's in `batches_write_what_serde_json_writes`.
fn write_finding(buf: &mut Vec<u8>, f: &JsonFinding) {
    buf.extend_from_slice(b"    {\n");
    field(buf, 6, "rule", f.rule, false);
    field(buf, 6, "severity", f.severity, false);
    field(buf, 6, "kind", f.kind, false);
    field(buf, 6, "message", f.message, false);
    field(buf, 6, "suggestion", f.suggestion, false);
    field(buf, 6, "key", f.key, false);
    field(buf, 6, "period", f.period, false);
    field(buf, 6, "fingerprint", &f.fingerprint, false);
    if f.locations.is_empty() {
        buf.extend_from_slice(b"      \"locations\": [],\n");
    } else {
        buf.extend_from_slice(b"      \"locations\": [\n");
        for (i, l) in f.locations.iter().enumerate() {
            if i > 0 {
                buf.extend_from_slice(b",\n");
            }
            buf.extend_from_slice(b"        {\n");
            field(buf, 10, "path", l.path, false);
            field(buf, 10, "line", l.line, false);
            field(buf, 10, "column", l.column, false);
            field(buf, 10, "start", l.start, false);
            field(buf, 10, "end", l.end, false);
            field(buf, 10, "text", l.text, false);
            field(buf, 10, "lo", l.lo, false);
            field(buf, 10, "hi", l.hi, false);
            field(buf, 10, "lo_inclusive", l.lo_inclusive, false);
            field(buf, 10, "hi_inclusive", l.hi_inclusive, true);
            buf.extend_from_slice(b"        }");
        }
        buf.extend_from_slice(b"\n      ],\n");
    }
    match &f.fact {
        None => field(buf, 6, "fact", None::<()>, true),
        Some(c) => {
            buf.extend_from_slice(b"      \"fact\": {\n");
            field(buf, 8, "value", c.value, false);
            field(buf, 8, "lo", c.lo, false);
            field(buf, 8, "hi", c.hi, false);
            field(buf, 8, "lo_inclusive", c.lo_inclusive, false);
            field(buf, 8, "hi_inclusive", c.hi_inclusive, false);
            field(buf, 8, "source", c.source, false);
            field(buf, 8, "path", c.path, false);
            field(buf, 8, "line", c.line, true);
            buf.extend_from_slice(b"      }\n");
        }
    }
    buf.extend_from_slice(b"    }");
}

/// `"name": value` at `indent` spaces, with a comma unless `last`, and a line break.
fn field<T: Serialize>(buf: &mut Vec<u8>, indent: usize, name: &str, value: T, last: bool) {
    buf.resize(buf.len() + indent, b' ');
    buf.push(b'"');
    buf.extend_from_slice(name.as_bytes());
    buf.extend_from_slice(b"\": ");
    // Cannot fail: plain data written to memory.
    let _ = serde_json::to_writer(&mut *buf, &value);
    buf.extend_from_slice(if last { b"\n" } else { b",\n" });
}

/// Findings rendered together before they are written: a small batch keeps the rendered text
/// held at the peak of a large run small (docs/performance.md).
const BATCH: usize = 512;

/// The findings, converted one at a time as they are serialized.
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(finding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{FactCitation, FindingKind, Location, Place, Severity};
    use crate::quantity::{Bound, Interval};
    use crate::text::{Excerpt, Snippet};

    fn findings(n: usize) -> Vec<Finding> {
        (0..n)
            .map(|i| {
                let place = |doc: usize| {
                    Location::new(Place {
                        doc,
                        path: format!("news/{doc}.txt").into(),
                        line: i as u32 + 1,
                        column: 3,
                        start: 10 * i,
                        end: 10 * i + 4,
                        text: Excerpt::new("14.8%"),
                        interval: Interval {
                            lo: Some(Bound {
                                value: 14.75,
                                inclusive: true,
                            }),
                            hi: (i % 2 == 0).then_some(Bound {
                                value: 14.85,
                                inclusive: false,
                            }),
                        },
                        snippet: Snippet {
                            start: 0,
                            line: 1,
                            column: 1,
                            text: Excerpt::new("FDI rose 14.8%"),
                        },
                    })
                };
                Finding {
                    rule: "fdi-growth".into(),
                    rule_title: "FDI growth".into(),
                    severity: [Severity::Error, Severity::Warning, Severity::Note][i % 3],
                    kind: FindingKind::Conflict,
                    // Quotes, a line break and a tab: escaped inside strings, never layout.
                    message: format!("\"{i}\" disagrees\nwith\t\"14.8%\""),
                    key: (i % 2 == 1).then(|| "Việt Nam".to_string()),
                    period: (i % 4 == 0).then_some(2023),
                    suggestion: Some("14.8%".into()),
                    locations: (0..i % 3 + 1).map(place).collect(),
                    claim: None,
                    group: None,
                    fact: (i % 5 == 0).then(|| {
                        Box::new(FactCitation {
                            value: "14.8%".into(),
                            interval: Interval { lo: None, hi: None },
                            source: "GSO".into(),
                            path: "facts.toml".into(),
                            line: 3,
                        })
                    }),
                }
            })
            .collect()
    }

    /// Rendered in parallel batches, the report is what serde_json writes in one go.
    #[test]
    fn batches_write_what_serde_json_writes() {
        let rules = crate::rules::RuleSet::default();
        for n in [0, 1, 2, 7, 600] {
            let fs = findings(n);
            let input = ReportInput {
                findings: &fs,
                rules: &rules,
                checks: &Default::default(),
                summary: super::super::Summary::new(3, 9, &fs, 0),
                corpus: None,
                groups: &[],
            };
            let mut expected = serde_json::to_vec_pretty(&Report {
                version: FORMAT_VERSION,
                summary: &input.summary,
                findings: Findings(&fs),
            })
            .unwrap();
            expected.push(b'\n');
            for (batch, piece) in [(BATCH, 256), (5, 2), (1, 1), (64, 7)] {
                let mut got = Vec::new();
                write_in_batches(&input, &mut got, batch, piece).unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(expected.clone()).unwrap(),
                    "{n} findings, batches of {batch}, pieces of {piece}"
                );
            }
        }
    }
}
