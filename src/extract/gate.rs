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
//! whose relaxed pattern matched run their exact patterns, and of those only the patterns whose
//! relaxed form matched, so the exact engines see a handful of sentences per document instead
//! of every sentence times every pattern.

use crate::rules::RuleSet;
use regex::{RegexSet, RegexSetBuilder};

/// Largest compiled size of the gate (all relaxed patterns together).
const GATE_SIZE_LIMIT: usize = 64 << 20;
/// Cache of the gate's lazy DFA (each set's).
const GATE_DFA_LIMIT: usize = 16 << 20;
/// Most patterns in one set. A set's lazy DFA state holds every pattern alive at a point of
/// the sentence; with thousands of patterns the states outgrow the cache, the DFA gives up
/// and the set runs in the NFA simulation, hundreds of times slower (docs/performance.md,
/// "Eighth pass").
const MAX_SET_PATTERNS: usize = 512;
/// The gate of a rule set. Patterns are numbered across the set, rule by rule, each rule's
/// in its order ([`Gate::patterns_of`]).
#[derive(Debug)]
pub struct Gate {
    /// The relaxed patterns, each set with the number of each of its patterns: one set, or
    /// several for a pack of more than [`MAX_SET_PATTERNS`] patterns or one over
    /// [`GATE_SIZE_LIMIT`].
    sets: Vec<(RegexSet, Vec<usize>)>,
    /// Patterns that run on every sentence: their relaxed form does not compile.
    always: Vec<usize>,
    /// Every pattern runs on every sentence.
    open: bool,
    /// The number of each rule's first pattern, and after them the number of patterns.
    first: Vec<usize>,
}

impl Gate {
    pub fn new(rules: &RuleSet) -> Gate {
        let patterns: Vec<(&str, usize)> = rules
            .rules
            .iter()
            .flat_map(|rule| &rule.patterns)
            .enumerate()
            .map(|(i, p)| (p.relaxed.as_str(), i))
            .collect();
        let mut gate = Gate {
            sets: Vec::new(),
            always: Vec::new(),
            open: false,
            first: first_patterns(rules),
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

    /// A gate that lets every pattern through.
    pub fn open(rules: &RuleSet) -> Gate {
        Gate {
            sets: Vec::new(),
            always: Vec::new(),
            open: true,
            first: first_patterns(rules),
        }
    }

    /// Marks in `out` (one flag per pattern, numbered as [`Gate::patterns_of`] says) the
    /// patterns that may match in `text`.
    pub fn candidates(&self, text: &str, out: &mut Vec<bool>) {
        out.clear();
        let patterns = self.first.last().copied().unwrap_or(0);
        if self.open {
            out.resize(patterns, true);
            return;
        }
        out.resize(patterns, false);
        for &p in &self.always {
            out[p] = true;
        }
        for (set, number) in &self.sets {
            // Most sentences match no pattern: the plain search says so faster than the
            // overlapping one, which must run to the end of the sentence.
            if !set.is_match(text) {
                continue;
            }
            for i in set.matches(text).iter() {
                out[number[i]] = true;
            }
        }
    }

    /// The patterns of rule `rule` in the numbering of [`Gate::candidates`].
    pub fn patterns_of(&self, rule: usize) -> std::ops::Range<usize> {
        self.first[rule]..self.first[rule + 1]
    }
}

/// The number of each rule's first pattern, then the number of patterns.
fn first_patterns(rules: &RuleSet) -> Vec<usize> {
    let mut first = Vec::with_capacity(rules.rules.len() + 1);
    let mut n = 0;
    for rule in &rules.rules {
        first.push(n);
        n += rule.patterns.len();
    }
    first.push(n);
    first
}

#[cfg(test)]
mod tests {
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
        };
        let gate = super::Gate::new(&rules);
        assert_eq!(gate.sets.len(), 3);
        assert!(gate.always.is_empty() && !gate.open);
        let mut out = Vec::new();
        gate.candidates("The widget1100 count reached 5.", &mut out);
        let hits: Vec<usize> = (0..out.len()).filter(|&i| out[i]).collect();
        assert_eq!(hits, [1100]);
        assert_eq!(gate.patterns_of(1100), 1100..1101);
    }

    #[test]
    fn only_the_patterns_whose_relaxed_form_matched_pass() {
        let toml = "[[claim]]\nid = \"a\"\ntitle = \"t\"\nunit = \"number\"\n\
                    patterns = ['\\bexports\\s+of\\s+{quantity}', '\\bimports\\s+of\\s+{quantity}']\n\
                    [[claim]]\nid = \"b\"\ntitle = \"t\"\nunit = \"number\"\n\
                    patterns = ['\\bvisits\\s+to\\s+{quantity}']\n";
        let rules = crate::rules::RuleSet {
            rules: crate::rules::load_str("pack.toml", toml).unwrap(),
        };
        let gate = super::Gate::new(&rules);
        assert_eq!((gate.patterns_of(0), gate.patterns_of(1)), (0..2, 2..3));
        let mut out = Vec::new();
        gate.candidates("Imports of 5 rose and visits to 3 countries.", &mut out);
        assert_eq!(out, [false, true, true]);
        let open = super::Gate::open(&rules);
        open.candidates("nothing", &mut out);
        assert_eq!(out, [true, true, true]);
    }
}
