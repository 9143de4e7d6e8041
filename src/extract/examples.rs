//! Rule tests declared next to the rule: `[[claim.example]]` texts it must match (with the key,
//! interval and item count expected) and `[[claim.counterexample]]` texts it must not.

use super::{match_text, TextMatch};
use crate::diagnostic::FileError;
use crate::rules::Rule;
use miette::SourceSpan;

/// One example that did not behave as declared.
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub rule: String,
    pub span: SourceSpan,
    pub message: String,
}

impl ExampleFailure {
    /// As a diagnostic pointing at the example in its rule file.
    pub fn diagnostic(&self, rule: &Rule) -> FileError {
        let mut e = FileError::new(
            &rule.source,
            Some(self.span.offset()..self.span.offset() + self.span.len()),
            format!("rule `{}`: {}", self.rule, self.message),
        );
        e.label = "this example".into();
        e
    }
}

fn describe(m: &TextMatch) -> String {
    let mut s = format!("\"{}\" {}", m.quantity.text, m.quantity.interval);
    if let Some(k) = &m.key {
        s.push_str(&format!(" key \"{k}\""));
    }
    if let Some(items) = &m.items {
        s.push_str(&format!(" listing {}", items.len()));
    }
    s
}

/// Runs every example and counterexample of `rule`; returns the failures.
pub fn run_examples(rule: &Rule) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    let fail = |span: SourceSpan, message: String| ExampleFailure {
        rule: rule.id.to_string(),
        span,
        message,
    };
    for ex in &rule.examples {
        let (found, rejected) = match_text(rule, &ex.text);
        if found.is_empty() {
            let why = rejected
                .first()
                .map(|r| format!(" ({r:?})"))
                .unwrap_or_default();
            failures.push(fail(ex.span, format!("example does not match{why}")));
            continue;
        }
        let ok = found.iter().any(|m| {
            ex.interval
                .is_none_or(|iv| iv.approx_eq(&m.quantity.interval))
                && ex.key.as_ref().is_none_or(|k| m.key.as_ref() == Some(k))
                && ex
                    .items
                    .is_none_or(|n| m.items.as_ref().map(Vec::len) == Some(n))
        });
        if !ok {
            let mut want = Vec::new();
            if let Some(iv) = ex.interval {
                want.push(format!("interval {iv}"));
            }
            if let Some(k) = &ex.key {
                want.push(format!("key \"{k}\""));
            }
            if let Some(n) = ex.items {
                want.push(format!("{n} listed items"));
            }
            let got: Vec<String> = found.iter().map(describe).collect();
            failures.push(fail(
                ex.span,
                format!("expected {}, found {}", want.join(", "), got.join("; ")),
            ));
        }
    }
    for cx in &rule.counterexamples {
        let (found, _) = match_text(rule, &cx.text);
        if !found.is_empty() {
            let got: Vec<String> = found.iter().map(describe).collect();
            failures.push(fail(
                cx.span,
                format!("counterexample matches: {}", got.join("; ")),
            ));
        }
    }
    failures
}
