//! SARIF 2.1.0, as GitHub code scanning reads it: the tool driver with every loaded rule,
//! one result per finding with its rule, level, message and the figure's region, the other
//! sources (and the verified fact) as related locations, and a fingerprint that survives edits
//! elsewhere in the file. Columns count Unicode code points (`columnKind`).

use super::ReportInput;
use crate::finding::{Finding, Location, Severity};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The schema a SARIF log names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A SARIF URI reference for a path: forward slashes, reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn physical(input: &ReportInput, l: &Location) -> Value {
    let (end_line, end_column) = input.end_line_col(l);
    let mut region = json!({
        "startLine": l.line.max(1),
        "startColumn": l.column.max(1),
        "endLine": end_line.max(l.line.max(1) as usize),
        "endColumn": end_column.max(1),
        "snippet": { "text": l.text },
    });
    if let Some((before, figure, after)) = input.context(l) {
        region["snippet"] = json!({ "text": figure });
        let context = format!("{before}{figure}{after}");
        return json!({
            "artifactLocation": { "uri": uri(&l.path) },
            "region": region,
            "contextRegion": {
                "startLine": l.line.max(1),
                "snippet": { "text": context },
            },
        });
    }
    json!({
        "artifactLocation": { "uri": uri(&l.path) },
        "region": region,
    })
}

fn result(input: &ReportInput, f: &Finding, rule_index: Option<usize>) -> Value {
    let primary = &f.locations[0];
    let mut related: Vec<Value> = f.locations[1..]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(input, l),
                "message": { "text": format!("compared with \"{}\" {}", l.text, l.interval) },
            })
        })
        .collect();
    if let Some(c) = &f.fact {
        related.push(json!({
            "id": related.len() + 1,
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&c.path) },
                "region": { "startLine": c.line.max(1) },
            },
            "message": { "text": format!("verified fact \"{}\" {}, source: {}", c.value, c.interval, c.source) },
        }));
    }
    let mut message = f.message.clone();
    if let Some(s) = &f.suggestion {
        message.push_str(&format!(". Suggested: \"{s}\""));
    }
    let mut properties = Map::new();
    properties.insert("kind".into(), json!(f.kind.as_str()));
    if let Some(k) = &f.key {
        properties.insert("key".into(), json!(k));
    }
    if let Some(p) = f.period {
        properties.insert("period".into(), json!(p));
    }
    if let Some(s) = &f.suggestion {
        properties.insert("suggestion".into(), json!(s));
    }
    let mut r = json!({
        "ruleId": &*f.rule,
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{ "physicalLocation": physical(input, primary) }],
        "partialFingerprints": { "crosscheck/v1": f.fingerprint(&primary.path) },
        "properties": properties,
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if !related.is_empty() {
        r["relatedLocations"] = Value::Array(related);
    }
    r
}

/// Renders the SARIF log, pretty-printed, with a trailing newline.
pub fn render(input: &ReportInput) -> String {
    super::to_string(|w| write(input, w))
}

/// Writes the SARIF log, pretty-printed, with a trailing newline. Results are built one at a
/// time as they are written. Keys are in the byte order `serde_json` gives a `Value`'s.
pub fn write(input: &ReportInput, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut rules: Vec<Value> = input
        .rules
        .rules
        .iter()
        .map(|r| {
            let mut v = json!({
                "id": &*r.id,
                "name": &*r.title,
                "shortDescription": { "text": &*r.title },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "unit": r.unit.as_str() },
            });
            if let Some(d) = &r.description {
                v["fullDescription"] = json!({ "text": d });
            }
            v
        })
        .collect();
    // A finding from a rule that is not loaded (not expected, but never drop a finding).
    let mut ids: Vec<String> = input.rules.rules.iter().map(|r| r.id.to_string()).collect();
    for (id, title, severity) in input.checks.enabled() {
        ids.push(id.to_string());
        rules.push(json!({
            "id": id,
            "shortDescription": { "text": title },
            "defaultConfiguration": { "level": level(severity) },
            "properties": { "editorial": true },
        }));
    }
    for f in input.findings {
        if !ids.iter().any(|id| **id == *f.rule) {
            ids.push(f.rule.to_string());
            rules.push(json!({ "id": &*f.rule, "shortDescription": { "text": &*f.rule_title } }));
        }
    }
    let log = Log {
        schema: SCHEMA,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            properties: json!({
                "documents": input.summary.documents,
                "claims": input.summary.claims,
                "suppressed": input.summary.suppressed,
            }),
            results: Results { input, ids: &ids },
            tool: json!({
                "driver": {
                    "name": "crosscheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            }),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
struct Run<'a> {
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    properties: Value,
    results: Results<'a>,
    tool: Value,
}

/// The results, each built as it is serialized.
struct Results<'a> {
    input: &'a ReportInput<'a>,
    ids: &'a [String],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.input.findings.iter().map(|f| {
            result(
                self.input,
                f,
                self.ids.iter().position(|id| **id == *f.rule),
            )
        }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_relative_references() {
        assert_eq!(super::uri("seeds/a b.txt"), "seeds/a%20b.txt");
        assert_eq!(super::uri("dir\\x#1.md"), "dir/x%231.md");
    }
}
