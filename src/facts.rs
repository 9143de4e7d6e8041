//! Canonical facts: values a newsroom has verified, each settling one rule, key and period.
//!
//! A facts file holds `[[fact]]` tables (see docs/facts.md). Where a fact applies to a claim
//! group, it outranks the consensus of the articles: a claim that contradicts it is an error
//! citing the fact, whatever the other sources say. Groups with no fact are judged as before.
//! Loading validates every fact against the loaded rules (rule id, key, unit, one value) and
//! collects all problems as diagnostics at their TOML lines.

use crate::diagnostic::{toml_error, FileError, FileKind, SourceFile};
use crate::finding::FactCitation;
use crate::quantity::{self, Interval, ParseOptions};
use crate::rules::RuleSet;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    #[serde(default)]
    fact: Vec<RawFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    rule: Spanned<String>,
    #[serde(default)]
    key: Option<Spanned<String>>,
    #[serde(default)]
    period: Option<Spanned<i32>>,
    #[serde(default)]
    value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    interval: Option<Spanned<String>>,
    source: Spanned<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// The diagnostic code of problems in a facts file.
const KIND: FileKind = FileKind::Facts;

/// One verified value.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Index of the rule in the rule set.
    pub rule: usize,
    pub key: Option<String>,
    /// The year it holds for; `None` holds for every period.
    pub period: Option<i32>,
    /// For money: the currency the value is in.
    pub currency: Option<&'static str>,
    /// Stated exactly (a value without a hedge, or a one-point interval): claims that agree
    /// only approximately are reported as approximations.
    pub exact: bool,
    pub citation: FactCitation,
}

/// Every loaded fact.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
}

impl Facts {
    /// The fact for a claim group: same rule, key and currency, and the group's period, else a
    /// fact for every period. A group whose period is unknown takes the fact when exactly one
    /// is recorded for its rule, key and currency (as undated claims join the one known period).
    pub fn lookup(
        &self,
        rule: usize,
        key: Option<&str>,
        currency: Option<&str>,
        period: Option<i32>,
    ) -> Option<&Fact> {
        let mut same = self
            .facts
            .iter()
            .filter(|f| f.rule == rule && f.key.as_deref() == key && f.currency == currency);
        match period {
            Some(p) => {
                let candidates: Vec<&Fact> = same.collect();
                candidates
                    .iter()
                    .find(|f| f.period == Some(p))
                    .or_else(|| candidates.iter().find(|f| f.period.is_none()))
                    .copied()
            }
            None => {
                let first = same.next()?;
                same.next().is_none().then_some(first)
            }
        }
    }
}

/// Loads and validates a facts file against the rules.
pub fn load(path: &Path, rules: &RuleSet) -> Result<Facts, Vec<FileError>> {
    let display = crate::printable::path(path);
    match crate::fsio::read_text(path, crate::fsio::MAX_INPUT_BYTES) {
        Ok(text) => load_str(&display, &text, rules),
        Err(e) => Err(vec![FileError::new(
            &SourceFile {
                path: display.clone(),
                text: String::new(),
            },
            None,
            format!("cannot read facts file {display}: {e}"),
        )
        .in_file_kind(KIND)]),
    }
}

/// Parses and validates a facts file's text; `path` names it in diagnostics and citations.
pub fn load_str(path: &str, text: &str, rules: &RuleSet) -> Result<Facts, Vec<FileError>> {
    parse(path, text, rules)
        .map_err(|errors| errors.into_iter().map(|e| e.in_file_kind(KIND)).collect())
}

fn parse(path: &str, text: &str, rules: &RuleSet) -> Result<Facts, Vec<FileError>> {
    let file = SourceFile {
        path: path.to_string(),
        text: text.to_string(),
    };
    let raw: RawFacts = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => return Err(vec![toml_error(&file, &e, "facts file", "docs/facts.md")]),
    };
    let mut facts = Facts::default();
    let mut errors = Vec::new();
    // (rule, key, currency, period) -> line of the first fact for it.
    type Scope<'a> = (usize, Option<String>, Option<&'a str>, Option<i32>);
    let mut seen: HashMap<Scope, usize> = HashMap::new();
    for f in raw.fact {
        match validate(&file, f, rules) {
            Ok(fact) => {
                let id = (fact.rule, fact.key.clone(), fact.currency, fact.period);
                if let Some(first) = seen.get(&id) {
                    let what = format!(
                        "a second fact for rule `{}`{}{}",
                        rules.rules[fact.rule].id,
                        fact.key
                            .as_deref()
                            .map(|k| format!(", key \"{k}\""))
                            .unwrap_or_default(),
                        fact.period
                            .map(|p| format!(", period {p}"))
                            .unwrap_or_default()
                    );
                    errors.push(
                        FileError::new(&file, Some(line_span(text, fact.citation.line)), what)
                            .help(format!(
                                "the first is at line {first}; a rule, key and period have one verified value"
                            )),
                    );
                } else {
                    seen.insert(id, fact.citation.line);
                    facts.facts.push(fact);
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(errors)
    }
}

fn line_span(text: &str, line: usize) -> std::ops::Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn validate(file: &SourceFile, f: RawFact, rules: &RuleSet) -> Result<Fact, Vec<FileError>> {
    let mut errors = Vec::new();
    let err = |span: std::ops::Range<usize>, msg: String| FileError::new(file, Some(span), msg);
    let rule_id = f.rule.get_ref().trim();
    let Some(rule_idx) = rules.rules.iter().position(|r| &*r.id == rule_id) else {
        return Err(vec![err(
            f.rule.span(),
            format!("unknown rule `{rule_id}`"),
        )
        .help(
            "a fact names the id of a loaded rule; `crosscheck rules list` shows them",
        )]);
    };
    let rule = &rules.rules[rule_idx];
    let key = match (&f.key, rule.keys.is_empty()) {
        (None, _) => rule.default_key.clone(),
        (Some(k), true) => {
            errors.push(
                err(k.span(), format!("rule `{rule_id}` has no keys"))
                    .help("remove `key`, or add a `keys` table to the rule"),
            );
            None
        }
        (Some(k), false) => match rule.keys.canonical(k.get_ref()) {
            Some(c) => Some(c.to_string()),
            None => {
                errors.push(
                    err(
                        k.span(),
                        format!("rule `{rule_id}` has no key \"{}\"", k.get_ref()),
                    )
                    .help("use one of the rule's keys or aliases (`crosscheck rules explain ID`)"),
                );
                None
            }
        },
    };
    let (value, interval, currency, exact) = match (&f.value, &f.interval) {
        (Some(v), None) => {
            let text = match v.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(x) => x.to_string(),
                _ => {
                    errors.push(err(
                        v.span(),
                        "`value` is a number or a figure as text".into(),
                    ));
                    return Err(errors);
                }
            };
            let opts = ParseOptions {
                tolerance: rule.tolerance,
            };
            let found = quantity::parse_with(&text, opts);
            match found.as_slice() {
                [q] => match crate::extract::coerce(q, rule.unit) {
                    Some(q) => (
                        q.text.to_string(),
                        q.interval,
                        q.currency,
                        q.hedge == quantity::Hedge::None,
                    ),
                    None => {
                        errors.push(err(
                            v.span(),
                            format!(
                                "\"{text}\" reads as {}, but rule `{rule_id}` is about {}",
                                q.unit.as_str(),
                                rule.unit.as_str()
                            ),
                        ));
                        return Err(errors);
                    }
                },
                [] => {
                    errors.push(err(v.span(), format!("no figure in \"{text}\"")));
                    return Err(errors);
                }
                _ => {
                    errors.push(err(
                        v.span(),
                        format!("\"{text}\" holds {} figures; a fact has one", found.len()),
                    ));
                    return Err(errors);
                }
            }
        }
        (None, Some(iv)) => match Interval::from_notation(iv.get_ref()) {
            Some(i) => (
                iv.get_ref().clone(),
                i,
                None,
                i.lo.is_some() && i.lo == i.hi,
            ),
            None => {
                errors.push(
                    err(
                        iv.span(),
                        format!("cannot read interval \"{}\"", iv.get_ref()),
                    )
                    .help("write it as \"[14.8, 14.8]\", \"(100, inf)\" or \"[10, 20)\""),
                );
                return Err(errors);
            }
        },
        (Some(v), Some(_)) => {
            errors.push(err(
                v.span(),
                "a fact has `value` or `interval`, not both".into(),
            ));
            return Err(errors);
        }
        (None, None) => {
            errors.push(
                err(f.rule.span(), "a fact needs `value` or `interval`".into()).label("this fact"),
            );
            return Err(errors);
        }
    };
    if f.source.get_ref().trim().is_empty() {
        errors.push(
            err(f.source.span(), "`source` is empty".into())
                .help("say who verified the value and where it is published"),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut source = f.source.get_ref().trim().to_string();
    if let Some(url) = f.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        source.push_str(&format!(" <{url}>"));
    }
    let _ = f.note;
    Ok(Fact {
        rule: rule_idx,
        key,
        period: f.period.map(|p| *p.get_ref()),
        currency,
        exact,
        citation: FactCitation {
            value,
            interval,
            source,
            path: file.path.clone(),
            line: line_of(&file.text, f.rule.span().start),
        },
    })
}
