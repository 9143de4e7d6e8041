//! The gate: one pass over each sentence that says which rules may match there.
//!
//! A rule pattern is an exact regex, and exact regexes with Unicode word boundaries (`\b`) are
//! slow on text that is not pure ASCII: the lazy DFA cannot decide a Unicode word boundary
//! and the regex engine falls back to its NFA simulation, an order of magnitude slower. Most
//! news copy has a curly quote or an accented name somewhere, so this is the common case.
//!
//! The gate relaxes every pattern into one that matches a *superset* of what the pattern
//! matches (word-boundary assertions removed, captures dropped) and compiles all of them into
//! one [`RegexSet`], which the lazy DFA runs over a sentence in a single pass. Only the rules
//! whose relaxed pattern matched run their exact patterns, so the expensive engines see a
//! handful of sentences per document instead of every sentence times every rule.

use crate::rules::RuleSet;
use regex::{RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

/// Largest compiled size of the gate (all relaxed patterns together).
const GATE_SIZE_LIMIT: usize = 64 << 20;
/// Cache of the gate's lazy DFA.
const GATE_DFA_LIMIT: usize = 16 << 20;

/// The relaxed form of an expanded pattern: the same regex with word-boundary assertions and
/// capture groups removed. Every text the pattern matches, the relaxed form matches. `None`
/// when the pattern does not parse (rule loading reports that).
pub fn relax(expanded: &str, case_insensitive: bool) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(expanded)
        .ok()?;
    // Case folding is already applied to the classes of `hir`, so the printed form carries it.
    Some(strip(hir).to_string())
}

fn strip(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) if !is_line_anchor(look) => Hir::empty(),
        // The figure's grammar is large and its lazy DFA slow to build; any text will do here.
        HirKind::Capture(Capture { name, .. }) if name.as_deref() == Some("quantity") => any_text(),
        HirKind::Capture(Capture { sub, .. }) => strip(*sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(strip(*r.sub)),
            ..r
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(strip).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(strip).collect()),
        kind => hir_of(kind),
    }
}

/// `(?s:.*)`: every string, the empty one included.
fn any_text() -> Hir {
    Hir::repetition(Repetition {
        min: 0,
        max: None,
        greedy: true,
        sub: Box::new(Hir::dot(regex_syntax::hir::Dot::AnyChar)),
    })
}

fn hir_of(kind: HirKind) -> Hir {
    match kind {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
        // The recursive kinds are handled by `strip`.
        HirKind::Repetition(r) => Hir::repetition(r),
        HirKind::Capture(c) => Hir::capture(c),
        HirKind::Concat(v) => Hir::concat(v),
        HirKind::Alternation(v) => Hir::alternation(v),
    }
}

/// Line anchors are kept: the lazy DFA handles them, and they keep the gate selective.
fn is_line_anchor(look: Look) -> bool {
    matches!(
        look,
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF
    )
}

/// The gate of a rule set.
#[derive(Debug)]
pub struct Gate {
    /// All relaxed patterns; `None` when the set could not be built (every rule then runs).
    set: Option<RegexSet>,
    /// Rule index of each pattern in the set.
    rule_of: Vec<usize>,
    rules: usize,
}

impl Gate {
    pub fn new(rules: &RuleSet) -> Gate {
        let mut sources = Vec::new();
        let mut rule_of = Vec::new();
        for (ri, rule) in rules.rules.iter().enumerate() {
            for p in &rule.patterns {
                // A relaxed pattern that does not compile on its own gates nothing: the empty
                // regex matches every sentence, so its rule always runs.
                let ok = regex::RegexBuilder::new(&p.relaxed)
                    .size_limit(GATE_SIZE_LIMIT)
                    .build()
                    .is_ok();
                sources.push(if ok { p.relaxed.clone() } else { String::new() });
                rule_of.push(ri);
            }
        }
        let set = RegexSetBuilder::new(&sources)
            .size_limit(GATE_SIZE_LIMIT)
            .dfa_size_limit(GATE_DFA_LIMIT)
            .build()
            .ok();
        Gate {
            set,
            rule_of,
            rules: rules.rules.len(),
        }
    }

    /// A gate that lets every rule through.
    pub fn open(rules: &RuleSet) -> Gate {
        Gate {
            set: None,
            rule_of: Vec::new(),
            rules: rules.rules.len(),
        }
    }

    /// Marks in `out` (one flag per rule) the rules that may match in `text`.
    pub fn candidates(&self, text: &str, out: &mut Vec<bool>) {
        out.clear();
        match &self.set {
            None => out.resize(self.rules, true),
            Some(set) => {
                out.resize(self.rules, false);
                for i in set.matches(text).iter() {
                    out[self.rule_of[i]] = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::relax;
    use regex::Regex;

    #[test]
    fn the_relaxed_pattern_matches_everything_the_pattern_matches() {
        for (pattern, texts) in [
            (
                r"\brelations\s+with\s+(?P<q>\d+)\s+countries\b",
                &[
                    "relations with 193 countries",
                    "Quan hệ: relations with 193 countries ở",
                ][..],
            ),
            (
                r"(?i)\bViet\s?Nam\b",
                &["Việt Nam and VIET NAM", "“Viet Nam”"],
            ),
            (r"^\d+\b", &["15 đ"]),
        ] {
            let exact = Regex::new(pattern).unwrap();
            let relaxed = Regex::new(&relax(pattern, false).unwrap()).unwrap();
            for t in texts {
                assert!(exact.is_match(t), "{pattern} on {t}");
                assert!(relaxed.is_match(t), "{pattern} relaxed on {t}");
            }
        }
        // Case folding survives printing.
        let relaxed = Regex::new(&relax("fdi", true).unwrap()).unwrap();
        assert!(relaxed.is_match("FDI"));
        // A boundary removed widens the match; nothing else changes.
        let relaxed = Regex::new(&relax(r"\bcat\b", false).unwrap()).unwrap();
        assert!(relaxed.is_match("concatenate") && !relaxed.is_match("dog"));
    }
}
