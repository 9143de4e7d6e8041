//! The JSON report: one object with `version`, `summary` and `findings` (see docs/output.md).

use super::ReportInput;
use crate::finding::Finding;
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
                line: l.line,
                column: l.column,
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
    let report = Report {
        version: FORMAT_VERSION,
        summary: &input.summary,
        findings: Findings(input.findings),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}

/// The findings, converted one at a time as they are serialized.
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(finding))
    }
}
