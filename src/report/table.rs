//! The claims table printed by `crosscheck extract`, and its JSON form.

use crate::extract::Claim;
use crate::rules::RuleSet;
use serde::Serialize;

/// Version of the claim format; bumped on incompatible changes.
pub const CLAIM_FORMAT_VERSION: u32 = 1;

fn period(c: &Claim) -> String {
    c.period.map_or("-".into(), |p| p.to_string())
}

/// An aligned text table: rule, key, period, place, figure as written, interval.
pub fn render(claims: &[Claim], rules: &RuleSet) -> String {
    let header = ["RULE", "KEY", "PERIOD", "LOCATION", "TEXT", "INTERVAL"].map(String::from);
    let rows: Vec<[String; 6]> = claims
        .iter()
        .map(|c| {
            let mut interval = c.quantity.interval.to_string();
            if let Some(items) = &c.items {
                interval.push_str(&format!(" ({} listed)", items.len()));
            }
            [
                c.rule_id(rules).to_string(),
                c.key.as_deref().unwrap_or("-").to_string(),
                period(c),
                format!("{}:{}:{}", c.path, c.line, c.column),
                c.quantity.text.replace(['\n', '\r'], " "),
                interval,
            ]
        })
        .collect();
    let mut widths = header.clone().map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for r in std::iter::once(&header).chain(&rows) {
        let line: Vec<String> = r
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// One claim as JSON (also the line format of `extract --format jsonl`).
#[derive(Serialize)]
pub struct JsonClaim<'a> {
    pub rule: &'a str,
    pub key: Option<&'a str>,
    /// The entity the figure is about, when the rule's subject mode found one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'a str>,
    pub period: Option<i32>,
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    #[serde(flatten)]
    pub quantity: &'a crate::quantity::Quantity,
    pub items: Option<&'a [String]>,
}

impl<'a> JsonClaim<'a> {
    pub fn new(c: &'a Claim, rules: &'a RuleSet) -> Self {
        JsonClaim {
            rule: c.rule_id(rules),
            key: c.key.as_deref(),
            subject: c.subject.as_deref(),
            period: c.period,
            path: &c.path,
            line: c.line as usize,
            column: c.column as usize,
            quantity: &c.quantity,
            items: c.items.as_deref(),
        }
    }
}

/// `{"version": 1, "claims": [...]}`, pretty-printed.
pub fn render_json(claims: &[Claim], rules: &RuleSet) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        claims: Vec<JsonClaim<'a>>,
    }
    let out = Out {
        version: CLAIM_FORMAT_VERSION,
        claims: claims.iter().map(|c| JsonClaim::new(c, rules)).collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
