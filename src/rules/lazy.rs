//! Checking a pattern at load without compiling the figure grammar into it.
//!
//! Every `{quantity}` expands to its unit's figure grammar, thousands of NFA states once case
//! folding is applied. Compiling it into each pattern at load made a pack of a thousand rules
//! take tens of seconds and a gigabyte to load (docs/performance.md, "Eighth pass"),
//! though a run compiles only the patterns whose rule the gate lets through. So a pattern is
//! compiled on first use ([`super::Pattern::regex`]), and what loading must still report (the
//! pattern does not compile, its compiled program is over [`super::REGEX_SIZE_LIMIT`], it
//! matches the empty string) is decided here from the pattern with a one-character stand-in for
//! the grammar: parsed and translated, which takes microseconds.
//!
//! The stand-in decides what compiling the expanded pattern would decide when:
//! - the placeholder's group, `(?P<quantity>...)`, is a group where it stands (not inside a
//!   character class or after a backslash): its span in the parsed pattern is the one inserted;
//! - no inline flag but `i` is set anywhere, so the grammar (whose only flag is its own `(?i:`)
//!   parses and translates in the same mode as on its own;
//! - the group is under no repetition that copies it (`{2}`, `{1,3}`...), so the grammar is
//!   compiled once;
//! - the pattern parses with room for the grammar's nesting ([`GRAMMAR_DEPTH`]);
//! - a bound on the compiled size of the pattern around the stand-in ([`size_bound`]) plus the
//!   grammar's size ([`GRAMMAR_SIZE`], checked by a test) stays under the limit.
//!
//! The grammar never matches the empty string (tested), so the expanded pattern matches it
//! exactly when the pattern around the stand-in does. Anything else, an error included, is
//! compiled in full at load, as before, and reported with the regex crate's own message.

use regex_syntax::ast::{self, Ast, GroupKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use std::ops::Range;

/// What `{quantity}` becomes in the pattern that is checked: a private-use character.
pub(crate) const STAND_IN: &str = r"(?P<quantity>\x{E000})";
/// The regex crate's default nesting limit, which the expanded pattern is parsed with.
const NEST_LIMIT: u32 = 250;
/// How deep the grammar nests, at most, inside its group (checked by a test).
pub(crate) const GRAMMAR_DEPTH: u32 = 24;
/// The compiled size of any unit's grammar in its group, either direction, at most (checked
/// by a test).
pub(crate) const GRAMMAR_SIZE: usize = 1 << 20;

/// The translated pattern, when the stand-in decides: it compiles, it is within the size
/// limit and it does not match the empty string. `None`: compile it in full to find out.
/// `group` is the span of [`STAND_IN`] in `pattern`.
pub(crate) fn check(pattern: &str, group: Range<usize>, case_insensitive: bool) -> Option<Hir> {
    let ast = ast::parse::ParserBuilder::new()
        .nest_limit(NEST_LIMIT - GRAMMAR_DEPTH)
        .build()
        .parse(pattern)
        .ok()?;
    let mut found = false;
    if !plain(&ast, &group, &mut found) || !found {
        return None;
    }
    let hir = regex_syntax::hir::translate::TranslatorBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .translate(pattern, &ast)
        .ok()?;
    if quantity_copies(&hir) != Some(1) || matches_empty(&hir) {
        return None;
    }
    let limit = super::REGEX_SIZE_LIMIT.checked_sub(GRAMMAR_SIZE)?;
    (size_bound(&hir).saturating_add(TOP_LEVEL) <= limit).then_some(hir)
}

/// No flag but `i` is set in `ast`; `found` is set when the quantity group is at `group`.
fn plain(ast: &Ast, group: &Range<usize>, found: &mut bool) -> bool {
    let only_i = |flags: &ast::Flags| {
        flags.items.iter().all(|f| {
            matches!(
                f.kind,
                ast::FlagsItemKind::Negation | ast::FlagsItemKind::Flag(ast::Flag::CaseInsensitive)
            )
        })
    };
    match ast {
        Ast::Flags(set) => only_i(&set.flags),
        Ast::Group(g) => {
            match &g.kind {
                GroupKind::NonCapturing(flags) if !only_i(flags) => return false,
                GroupKind::CaptureName { name, .. } if name.name == "quantity" => {
                    *found = g.span.start.offset == group.start && g.span.end.offset == group.end;
                }
                _ => {}
            }
            plain(&g.ast, group, found)
        }
        Ast::Repetition(r) => plain(&r.ast, group, found),
        Ast::Alternation(a) => a.asts.iter().all(|x| plain(x, group, found)),
        Ast::Concat(c) => c.asts.iter().all(|x| plain(x, group, found)),
        _ => true,
    }
}

/// How many times the compiler copies the quantity group (0 when there is none; `None` when
/// a repetition copies it).
fn quantity_copies(hir: &Hir) -> Option<u32> {
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("quantity") => Some(1),
        HirKind::Capture(c) => quantity_copies(&c.sub),
        HirKind::Repetition(r) => match quantity_copies(&r.sub)? {
            0 => Some(0),
            // `?`, `*`, `+` and `{1}` compile their expression once.
            n if matches!((r.min, r.max), (0 | 1, None) | (0 | 1, Some(1))) => Some(n),
            _ => None,
        },
        HirKind::Concat(v) | HirKind::Alternation(v) => v
            .iter()
            .try_fold(0u32, |n, h| n.checked_add(quantity_copies(h)?)),
        _ => Some(0),
    }
}

/// Whether `hir` matches the empty string. On an empty text every assertion is tested at the
/// one position there is, so an assertion holds or fails whatever surrounds it.
pub(crate) fn matches_empty(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(_) | HirKind::Class(_) => false,
        HirKind::Look(look) => !matches!(
            look,
            Look::WordAscii
                | Look::WordUnicode
                | Look::WordStartAscii
                | Look::WordEndAscii
                | Look::WordStartUnicode
                | Look::WordEndUnicode
        ),
        HirKind::Repetition(r) => r.min == 0 || matches_empty(&r.sub),
        HirKind::Capture(c) => matches_empty(&c.sub),
        HirKind::Concat(v) => v.iter().all(matches_empty),
        HirKind::Alternation(v) => v.iter().any(matches_empty),
    }
}

/// Bytes of one state of the compiler's NFA builder (`regex_automata`'s
/// `nfa::thompson::builder::State`, 32 on 64-bit targets), a transition of a sparse state,
/// and an alternative of a union state: what its size limit counts.
const STATE: usize = 32;
const TRANSITION: usize = 8;
const ALTERNATIVE: usize = 4;
/// What the compiler adds around a pattern: the unanchored prefix `(?s-u:.)*?`, the implicit
/// group, the match state.
const TOP_LEVEL: usize = 16 * STATE;

/// An upper bound on the bytes the regex compiler's NFA builder holds for `hir`, in either
/// direction: what its size limit is checked against. Each case follows the Thompson
/// compiler of `regex_automata` 0.4 (`nfa/thompson/compiler.rs`), rounded up; a test checks
/// the bound against the compiler.
pub(crate) fn size_bound(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => STATE,
        // One state per byte.
        HirKind::Literal(l) => STATE * (l.0.len() + 1),
        HirKind::Class(Class::Bytes(c)) => 2 * STATE + TRANSITION * c.ranges().len(),
        HirKind::Class(Class::Unicode(c)) if c.is_ascii() => {
            2 * STATE + TRANSITION * c.ranges().len()
        }
        // A UTF-8 automaton: at most a state and a transition per byte range of each UTF-8
        // sequence, and (in reverse) an alternative per sequence.
        HirKind::Class(Class::Unicode(c)) => {
            let (mut seqs, mut ranges) = (0usize, 0usize);
            for r in c.iter() {
                for s in regex_syntax::utf8::Utf8Sequences::new(r.start(), r.end()) {
                    seqs += 1;
                    ranges += s.as_slice().len();
                }
            }
            (STATE + TRANSITION) * (ranges + 3) + ALTERNATIVE * (seqs + 1)
        }
        // Two capture states, and the patch of a union at its end.
        HirKind::Capture(c) => 2 * STATE + ALTERNATIVE + size_bound(&c.sub),
        HirKind::Concat(v) => v
            .iter()
            .map(|h| size_bound(h).saturating_add(ALTERNATIVE))
            .fold(STATE, usize::saturating_add),
        // Alternatives that are all literals become a trie: a sparse state and a union per
        // byte at most.
        HirKind::Alternation(v)
            if v.len() > 1 && v.iter().all(|h| matches!(h.kind(), HirKind::Literal(_))) =>
        {
            let bytes: usize = v
                .iter()
                .map(|h| match h.kind() {
                    HirKind::Literal(l) => l.0.len(),
                    _ => 0,
                })
                .sum();
            (2 * STATE + TRANSITION + 2 * ALTERNATIVE) * (bytes + 2)
        }
        // A union and an end state, an alternative each, and a patch at each end.
        HirKind::Alternation(v) => v
            .iter()
            .map(|h| size_bound(h).saturating_add(2 * ALTERNATIVE))
            .fold(2 * STATE, usize::saturating_add),
        // The expression is copied `max` times (`min + 1` when unbounded), each copy with a
        // union and its patches, plus an empty and up to two unions around them.
        HirKind::Repetition(r) => {
            let copies = r.max.unwrap_or(r.min.saturating_add(1)).max(1) as usize;
            copies
                .saturating_mul(size_bound(&r.sub).saturating_add(STATE + 4 * ALTERNATIVE))
                .saturating_add(4 * STATE + 4 * ALTERNATIVE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::{grammar, Unit};
    use regex::RegexBuilder;

    fn hir(p: &str, ci: bool) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(ci)
            .build()
            .parse(p)
            .unwrap()
    }

    /// The constants the stand-in relies on hold for every unit's grammar: it compiles within
    /// [`GRAMMAR_SIZE`] (so its share of any pattern is at most that), parses within
    /// [`GRAMMAR_DEPTH`], never matches the empty string, and sets no flag but `i`.
    #[test]
    fn the_grammar_fits_what_the_stand_in_assumes() {
        for unit in Unit::ALL {
            let g = format!("(?P<quantity>{})", grammar::regex_for(unit));
            for ci in [false, true] {
                RegexBuilder::new(&g)
                    .case_insensitive(ci)
                    .size_limit(GRAMMAR_SIZE)
                    .nest_limit(GRAMMAR_DEPTH)
                    .build()
                    .unwrap_or_else(|e| panic!("{unit:?}: {e}"));
                let h = hir(&g, ci);
                assert!(h.properties().minimum_len() >= Some(1), "{unit:?}");
                assert!(!matches_empty(&h), "{unit:?}");
            }
            let ast = ast::parse::Parser::new().parse(&g).unwrap();
            let mut found = false;
            assert!(plain(&ast, &(0..g.len()), &mut found) && found, "{unit:?}");
            // No whitespace or `#` either: it would read differently under `(?x)`.
            assert!(
                !g.contains(|c: char| c.is_whitespace() || c == '#'),
                "{unit:?}"
            );
        }
    }

    /// The bound is at least what the compiler's builder holds: a pattern compiles with the
    /// bound as its size limit (both directions are checked by the regex crate).
    #[test]
    fn the_size_bound_is_an_upper_bound() {
        let mut patterns: Vec<String> = [
            r"\brelations\s+with\s+(?P<q>[0-9]+)\s+countries\b",
            r"\w+",
            r"[^.;%]{0,30}?\b(?:reach\w*|total\w*|stood\s+at)\s+x",
            r"(?:\w+\s+){0,2}?(?:people|suspects|men|women|members)",
            r"(?:alpha|beta|gamma|delta|epsilon|zeta)",
            r"(?:a|bc|def)x(?:ghi|jk)?",
            r"\p{L}{5,9}",
            r"(?:\pL|\pN)+\b(?:x|y)*?",
            r"^(?:abc$|)\B\d{3,}",
            r"[\x{80}-\x{10FFFF}]{2}",
            r"[^a]",
            r"\s*(?:[-–—]|to)\s*",
            r"(?:(?:a{2,3}){2}|b+){0,4}",
            r"(?-u:[a-z]){3}\d",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // A key table of many aliases, as `{key}` expands.
        let aliases: Vec<String> = (0..400).map(|i| format!("Province\\s+{i}")).collect();
        patterns.push(format!("(?P<key>{})\\s+x", aliases.join("|")));
        for unit in Unit::ALL {
            patterns.push(format!(
                r"\bexports?\s+(?:rose|fell)\s+(?:by\s+)?(?P<quantity>{})",
                grammar::regex_for(unit)
            ));
        }
        for p in &patterns {
            // Never a plain alternation of literals, which the regex crate searches for
            // without compiling an NFA (and so without a size limit to check).
            let p = format!(r"{p}\s+[0-9]\w*");
            for ci in [false, true] {
                let bound = size_bound(&hir(&p, ci)) + TOP_LEVEL;
                let built = RegexBuilder::new(&p)
                    .case_insensitive(ci)
                    .size_limit(bound)
                    .build();
                assert!(built.is_ok(), "{p} (ci {ci}): bound {bound}: {built:?}");
            }
        }
    }

    #[test]
    fn the_empty_string_test_agrees_with_the_regex_crate() {
        for p in [
            "",
            "a",
            "a?",
            "a*",
            r"\b",
            r"\B",
            "^",
            "$",
            r"(?m)^$",
            r"\b{start}",
            r"\b{end}",
            r"\b{start-half}",
            r"\b{end-half}",
            r"(?:a|\B)",
            r"(?:\b|b)",
            r"(?:a|)",
            "[^a]?",
            r"(?:\bx)?",
            r"\A\z",
            r"(?-u:\b)",
            r"(?-u:\B)",
            "(?:a{0})",
            r"x{0,3}\B",
        ] {
            let want = regex::Regex::new(p).unwrap().is_match("");
            assert_eq!(matches_empty(&hir(p, false)), want, "{p:?}");
        }
    }

    fn checked(pattern: &str) -> bool {
        let at = pattern.find(STAND_IN).unwrap();
        check(pattern, at..at + STAND_IN.len(), true).is_some()
    }

    #[test]
    fn the_stand_in_decides_only_plain_patterns() {
        let s = STAND_IN;
        assert!(checked(&format!(r"\bexports?\s+rose\s+{s}")));
        assert!(checked(&format!(r"(?i)(?:{s})?\s+x")));
        assert!(checked(&format!(r"(?-i:Viet\s?Nam)\s+{s}")));
        // The full pattern is compiled for everything else.
        assert!(!checked(&format!(r"(?x) a {s}")));
        assert!(!checked(&format!(r"(?s:.)+{s}")));
        assert!(!checked(&format!(r"(?:{s}\s+){{2}}")));
        assert!(checked(&format!(r"(?:{s}\s+)+?")));
        assert!(!checked(&format!(r"x*{s}?")));
        assert!(!checked(&format!(r"[{s}]")));
        assert!(!checked(&format!(r"({s}")));
        let deep = format!("{}{s}{}", "(?:".repeat(240), ")".repeat(240));
        assert!(!checked(&deep));
    }
}
