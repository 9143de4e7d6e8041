//! The gate: one pass over each sentence that says which rules may match there.
//!
//! A rule pattern is an exact regex, and exact regexes with Unicode word boundaries (`\b`) are
//! slow on text that is not pure ASCII: the lazy DFA cannot decide a Unicode word boundary
//! and the regex engine falls back to its NFA simulation, an order of magnitude slower. Most
//! news copy has a curly quote or an accented name somewhere, so this is the common case.
//!
//! The gate relaxes every pattern into one that matches a *superset* of what the pattern
//! matches (word-boundary assertions removed, captures dropped, large classes and long counted
//! repetitions widened) and compiles all of them into one [`RegexSet`] (several for a pack too
//! large for one), which the lazy DFA runs over a sentence in a single pass. Only the rules
//! whose relaxed pattern matched run their exact patterns, so the expensive engines see a
//! handful of sentences per document instead of every sentence times every rule.

use crate::rules::RuleSet;
use regex::{RegexSet, RegexSetBuilder};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// Largest compiled size of the gate (all relaxed patterns together).
const GATE_SIZE_LIMIT: usize = 64 << 20;
/// Cache of the gate's lazy DFA (each set's).
const GATE_DFA_LIMIT: usize = 16 << 20;
/// Most patterns in one set. A set's lazy DFA state holds every pattern alive at a point of
/// the sentence; with thousands of patterns the states outgrow the cache, the DFA gives up
/// and the set runs in the NFA simulation, hundreds of times slower (2,000 relaxed patterns:
/// 50 s on 300 KB of news where 4 sets of 500 take 10 ms once their caches are warm).
const MAX_SET_PATTERNS: usize = 512;

/// The relaxed form of an expanded pattern: the same regex with word-boundary assertions and
/// capture groups removed, large Unicode classes and long counted repetitions widened (see
/// [`relax_hir`]). Every text the pattern matches, the relaxed form matches. `None` when the
/// pattern does not parse (rule loading reports that).
pub fn relax(expanded: &str, case_insensitive: bool) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(expanded)
        .ok()?;
    Some(relax_hir(hir))
}

/// The relaxed form of a translated pattern, printed (case folding is already applied to the
/// classes of `hir`, so the printed form carries it).
///
/// Besides dropping assertions and captures, it widens what makes a gate of many rules large:
/// a class with many ranges outside ASCII (`\w`, `\s`, `[^.;]`: hundreds of UTF-8 states
/// each, and kilobytes of text printed) keeps its ASCII ranges and takes any other character;
/// a repetition of more than [`MAX_COUNTED`] (`[^.;]{0,40}`: forty copies) has no upper bound.
/// The gate of 1,000 rules was over its 64 MiB limit before, so every rule ran on every
/// sentence; widened, it is a few MiB.
pub fn relax_hir(hir: Hir) -> String {
    strip(hir).to_string()
}

fn strip(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) if !is_line_anchor(look) => Hir::empty(),
        // The figure's grammar is large and its lazy DFA slow to build; any text will do here.
        HirKind::Capture(Capture { name, .. }) if name.as_deref() == Some("quantity") => any_text(),
        HirKind::Capture(Capture { sub, .. }) => strip(*sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(strip(*r.sub)),
            max: r.max.filter(|&m| m <= MAX_COUNTED),
            ..r
        }),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(widen(c))),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(strip).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(strip).collect()),
        kind => hir_of(kind),
    }
}

/// A counted repetition up to this many copies is kept as it is in the gate.
const MAX_COUNTED: u32 = 3;
/// A class with more ranges outside ASCII than this takes every non-ASCII character.
const MAX_WIDE_RANGES: usize = 3;

/// `class` with its ranges outside ASCII replaced by all of them, when it has many.
fn widen(class: ClassUnicode) -> ClassUnicode {
    let wide = class
        .ranges()
        .iter()
        .filter(|r| !r.end().is_ascii())
        .count();
    if wide <= MAX_WIDE_RANGES {
        return class;
    }
    let mut ranges: Vec<ClassUnicodeRange> = class
        .ranges()
        .iter()
        .filter(|r| r.start().is_ascii())
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
        .collect();
    ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
    ClassUnicode::new(ranges)
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
    /// The relaxed patterns, each set with the rule index of each of its patterns: one set,
    /// or several for a pack of more than [`MAX_SET_PATTERNS`] patterns or one over
    /// [`GATE_SIZE_LIMIT`].
    sets: Vec<(RegexSet, Vec<usize>)>,
    /// Rules that run on every sentence: a relaxed pattern of theirs does not compile.
    always: Vec<usize>,
    /// Every rule runs on every sentence.
    open: bool,
    rules: usize,
}

impl Gate {
    pub fn new(rules: &RuleSet) -> Gate {
        let patterns: Vec<(&str, usize)> = rules
            .rules
            .iter()
            .enumerate()
            .flat_map(|(ri, rule)| rule.patterns.iter().map(move |p| (p.relaxed.as_str(), ri)))
            .collect();
        let mut gate = Gate {
            sets: Vec::new(),
            always: Vec::new(),
            open: false,
            rules: rules.rules.len(),
        };
        for chunk in patterns.chunks(MAX_SET_PATTERNS) {
            gate.add(chunk);
        }
        gate.always.sort_unstable();
        gate.always.dedup();
        gate
    }

    /// Compiles `patterns` into one set; when that fails, each half into its own. A pattern
    /// that does not compile on its own gates nothing: its rule always runs.
    fn add(&mut self, patterns: &[(&str, usize)]) {
        let built = RegexSetBuilder::new(patterns.iter().map(|p| p.0))
            .size_limit(GATE_SIZE_LIMIT)
            .dfa_size_limit(GATE_DFA_LIMIT)
            .build();
        match built {
            Ok(set) => self
                .sets
                .push((set, patterns.iter().map(|p| p.1).collect())),
            Err(_) if patterns.len() <= 1 => self.always.extend(patterns.iter().map(|p| p.1)),
            Err(_) => {
                let (a, b) = patterns.split_at(patterns.len() / 2);
                self.add(a);
                self.add(b);
            }
        }
    }

    /// A gate that lets every rule through.
    pub fn open(rules: &RuleSet) -> Gate {
        Gate {
            sets: Vec::new(),
            always: Vec::new(),
            open: true,
            rules: rules.rules.len(),
        }
    }

    /// Marks in `out` (one flag per rule) the rules that may match in `text`.
    pub fn candidates(&self, text: &str, out: &mut Vec<bool>) {
        out.clear();
        if self.open {
            out.resize(self.rules, true);
            return;
        }
        out.resize(self.rules, false);
        for &r in &self.always {
            out[r] = true;
        }
        for (set, rule_of) in &self.sets {
            for i in set.matches(text).iter() {
                out[rule_of[i]] = true;
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

    #[test]
    fn large_classes_and_long_counts_are_widened() {
        let pattern = r"(?i)\bexports?\b[^.;%]{0,30}?\b(?:reach\w*|was)\s+\d{2}";
        let relaxed = relax(pattern, true).unwrap();
        // `\w`, `\s` and `[^.;%]` print as thousands of characters of ranges otherwise.
        assert!(relaxed.len() < 300, "{relaxed}");
        assert!(!relaxed.contains("{0,30}"), "{relaxed}");
        let (exact, relaxed) = (Regex::new(pattern).unwrap(), Regex::new(&relaxed).unwrap());
        for text in [
            "Exports reached 12",
            "Exports of Việt Nam’s rice to the EU reachéd 12",
            "exports were said to be worth a great deal, more than anyone thought, and reached 12",
        ] {
            assert!(!exact.is_match(text) || relaxed.is_match(text), "{text}");
        }
        assert!(relaxed.is_match(
            "exports were said to be worth a great deal, more than anyone thought, and reached 12"
        ));
        assert!(!relaxed.is_match("imports reached 12"));
        // Small classes stay as they are: `[Ssſ]`, the dashes.
        assert!(relax("(?i)s[–—]", true).unwrap().contains('ſ'));
    }

    #[test]
    fn a_large_pack_has_a_gate_of_several_sets() {
        let mut toml = String::new();
        for i in 0..1200 {
            toml.push_str(&format!(
                "[[claim]]\nid = \"r{i}\"\ntitle = \"t\"\nunit = \"number\"\n\
                 patterns = ['\\bwidget{i}\\s+count\\s+(?:reached|was)\\s+{{quantity}}']\n"
            ));
        }
        let rules = crate::rules::RuleSet {
            rules: crate::rules::load_str("pack.toml", &toml).unwrap(),
            ..Default::default()
        };
        let gate = super::Gate::new(&rules);
        assert_eq!(gate.sets.len(), 3);
        assert!(gate.always.is_empty() && !gate.open);
        let mut out = Vec::new();
        gate.candidates("The widget1100 count reached 5.", &mut out);
        let hits: Vec<usize> = (0..out.len()).filter(|&i| out[i]).collect();
        assert_eq!(hits, [1100]);
    }
}
