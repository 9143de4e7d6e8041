//! Pattern rewriting for the gate: a rule pattern relaxed into one that matches a superset of
//! what it matches (see `extract::gate`, which runs the relaxed patterns of a pack together).

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

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
}
