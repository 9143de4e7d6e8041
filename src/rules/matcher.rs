//! A rule pattern compiled for search, twice when that pays: as written, and as its ASCII twin
//! for sentences whose word characters are all ASCII.
//!
//! Rule patterns use `\b`, which in the regex crate is a *Unicode* word boundary. The lazy DFA
//! cannot decide one next to a non-ASCII byte, so for such a pattern it gives up at the first
//! non-ASCII byte it meets and the regex engine runs its NFA simulations instead, an order of
//! magnitude slower. News copy has a curly quote or a dash in one sentence out of six.
//!
//! The twin is the same pattern with every word boundary (`\b`, `\b{start}`, `\b{end}`, `\<`,
//! `\>`) made its ASCII form and nothing else changed; the lazy DFA runs it on any text. The
//! two forms read a character the same way when it is ASCII (the Unicode word characters among
//! ASCII are exactly `[0-9A-Za-z_]`) or a non-ASCII character that is not a word character (a
//! curly quote, a dash, a currency sign: no word character to either, as the ASCII assertion
//! counts every non-ASCII byte out). Each of these boundaries needs a word character on one
//! side, so neither form holds inside a multi-byte character. So on a text with no non-ASCII
//! word character ([`words_are_ascii`]) they hold at the same places, and the twin finds
//! exactly what the pattern finds, with the same groups. Tests check the two against each
//! other on generated text and the seed rules.
//!
//! A pattern with `\B` or a half boundary (`\b{start-half}`, `\b{end-half}`) has no twin:
//! their ASCII forms also hold *inside* a multi-byte character, where the Unicode forms never
//! do. The spans of matches still agree (an empty match splitting a character is discarded),
//! but a search that stops at the first match end (`is_match`) can stop there and miss the
//! real match (`’x|\B` in `_’x`; a review's fuzzing found it).
//!
//! The compiled form is `regex_automata`'s meta regex (what `regex::Regex` wraps, with the
//! same configuration).

use regex_automata::meta;
pub use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::Span;

/// Compiles an expanded pattern as every rule pattern is compiled: as `regex::RegexBuilder`
/// would, with [`super::REGEX_SIZE_LIMIT`] and [`super::DFA_CACHE_LIMIT`], but without literal
/// prefilters, which change no match: extracting them from the figure grammar took a third of
/// the compile, and a pattern runs only on a sentence the gate let through, too short for a
/// prefilter to pay. The error is the regex crate's message, which rule-file diagnostics show.
pub(crate) fn build(expanded: &str, case_sensitive: bool) -> Result<Regex, String> {
    meta::Builder::new()
        .configure(config())
        .syntax(syntax_config(case_sensitive))
        .build(expanded)
        .map_err(|meta_error| {
            super::build_regex(expanded, case_sensitive)
                .err()
                .unwrap_or_else(|| meta_error.to_string())
        })
}

/// The ASCII twin of an expanded pattern; `None` when the pattern has no word assertion (it
/// runs in the lazy DFA as it is), sets the `u` flag, or the twin does not compile: the pattern
/// then runs as written everywhere.
pub(crate) fn build_ascii(expanded: &str, case_sensitive: bool) -> Option<Regex> {
    let twin = ascii_twin_source(expanded)?;
    meta::Builder::new()
        .configure(config())
        .syntax(syntax_config(case_sensitive))
        .build(&twin)
        .ok()
}

fn config() -> meta::Config {
    meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(super::REGEX_SIZE_LIMIT))
        .hybrid_cache_capacity(super::DFA_CACHE_LIMIT)
        .auto_prefilter(false)
}

fn syntax_config(case_sensitive: bool) -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(!case_sensitive)
        .utf8(true)
}

/// Whether every word character of `text` is ASCII: there the ASCII twin of a pattern finds
/// what the pattern finds.
pub fn words_are_ascii(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || !regex_syntax::is_word_character(c))
}

/// A regex written in the source (the clause analysis's word lists), run as its ASCII twin on
/// texts whose word characters are all ASCII: the same choice as for rule patterns, with the
/// `regex` crate's API.
#[derive(Debug)]
pub struct WordRegex {
    unicode: regex::Regex,
    ascii: Option<regex::Regex>,
}

impl WordRegex {
    pub fn new(pattern: &str) -> Result<WordRegex, regex::Error> {
        let unicode = regex::Regex::new(pattern)?;
        let ascii = ascii_twin_source(pattern).and_then(|p| regex::Regex::new(&p).ok());
        Ok(WordRegex { unicode, ascii })
    }

    /// The compiled form to run on `text`.
    pub fn on(&self, text: &str) -> &regex::Regex {
        match &self.ascii {
            Some(twin) if words_are_ascii(text) => twin,
            _ => &self.unicode,
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.on(text).is_match(text)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.on(text).find(text)
    }

    pub fn find_at<'t>(&self, text: &'t str, start: usize) -> Option<regex::Match<'t>> {
        self.on(text).find_at(text, start)
    }

    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> regex::Matches<'r, 't> {
        self.on(text).find_iter(text)
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.on(text).captures(text)
    }

    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> regex::CaptureMatches<'r, 't> {
        self.on(text).captures_iter(text)
    }
}

/// The ASCII twin of a pattern: `pattern` with each word boundary (`\b`, `\b{start}`,
/// `\b{end}`, `\<`, `\>`) wrapped in `(?-u:...)`, the rest as written; `None` when it has none,
/// does not parse, sets the `u` flag anywhere (the wrapping assumes Unicode mode), or has a
/// `\B` or a half boundary (see the module's documentation). Rewriting the text, not the
/// syntax tree, costs a parse: the tree of a pattern with the figure grammar in it is large.
fn ascii_twin_source(pattern: &str) -> Option<String> {
    use regex_syntax::ast::{self, AssertionKind, Ast, GroupKind};
    fn walk(ast: &Ast, spans: &mut Vec<(usize, usize)>) -> bool {
        let sets_u = |flags: &ast::Flags| {
            flags
                .items
                .iter()
                .any(|f| f.kind == ast::FlagsItemKind::Flag(ast::Flag::Unicode))
        };
        match ast {
            Ast::Assertion(a) => match a.kind {
                AssertionKind::StartLine
                | AssertionKind::EndLine
                | AssertionKind::StartText
                | AssertionKind::EndText => true,
                // Their ASCII forms hold inside a multi-byte character: no twin.
                AssertionKind::NotWordBoundary
                | AssertionKind::WordBoundaryStartHalf
                | AssertionKind::WordBoundaryEndHalf => false,
                AssertionKind::WordBoundary
                | AssertionKind::WordBoundaryStart
                | AssertionKind::WordBoundaryEnd
                | AssertionKind::WordBoundaryStartAngle
                | AssertionKind::WordBoundaryEndAngle => {
                    spans.push((a.span.start.offset, a.span.end.offset));
                    true
                }
            },
            Ast::Flags(f) => !sets_u(&f.flags),
            Ast::Group(g) => {
                if let GroupKind::NonCapturing(flags) = &g.kind {
                    if sets_u(flags) {
                        return false;
                    }
                }
                walk(&g.ast, spans)
            }
            Ast::Repetition(r) => walk(&r.ast, spans),
            Ast::Alternation(a) => a.asts.iter().all(|x| walk(x, spans)),
            Ast::Concat(c) => c.asts.iter().all(|x| walk(x, spans)),
            Ast::Empty(_) | Ast::Literal(_) | Ast::Dot(_) => true,
            Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => true,
        }
    }
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    let mut spans = Vec::new();
    if !walk(&ast, &mut spans) || spans.is_empty() {
        return None;
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(pattern.len() + 8 * spans.len());
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&pattern[at..start]);
        out.push_str("(?-u:");
        out.push_str(&pattern[start..end]);
        out.push(')');
        at = end;
    }
    out.push_str(&pattern[at..]);
    Some(out)
}

/// One match of a pattern with the spans of its named groups, found by [`captures`].
pub struct PatternMatch {
    caps: Captures,
}

impl PatternMatch {
    /// The span of the group `name`, if it took part in the match.
    pub fn group(&self, name: &str) -> Option<Span> {
        self.caps.get_group_by_name(name)
    }

    /// The whole match.
    pub fn span(&self) -> Option<Span> {
        self.caps.get_match().map(|m| m.span())
    }
}

/// Every match of `regex` in `text`, leftmost first and not overlapping, with its groups: the
/// lazy DFA finds each match (its end, then its start), and the capturing engine runs on that
/// span only.
pub fn captures<'t>(regex: &'t Regex, text: &'t str) -> impl Iterator<Item = PatternMatch> + 't {
    regex.captures_iter(text).map(|caps| PatternMatch { caps })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (pattern, case sensitive, whether it has an ASCII twin)
    const TWINS: &[(&str, bool, bool)] = &[
        (r"\bgrew\s+(?P<quantity>\d+)%", false, true),
        (r"\Bx\b", true, false),
        (r"x\b{end-half}", true, false),
        (r"\<x\>", true, true),
        (r"(?-u:\b)grew", false, false),
        (r"grew by (?P<quantity>\d+)", false, false),
        (r"\b{start}Viet\b{end}", true, true),
    ];

    #[test]
    fn only_patterns_with_a_unicode_word_assertion_have_a_twin() {
        for &(pattern, case_sensitive, twin) in TWINS {
            assert!(build(pattern, case_sensitive).is_ok(), "{pattern}");
            assert_eq!(
                build_ascii(pattern, case_sensitive).is_some(),
                twin,
                "{pattern}"
            );
        }
    }

    #[test]
    fn build_errors_are_the_regex_crates_messages() {
        let unclosed = String::from(r"\bgrew(");
        let e = build(&unclosed, false).unwrap_err();
        assert_eq!(e, regex::Regex::new(&unclosed).unwrap_err().to_string());
        assert!(e.contains("unclosed group"), "{e}");
    }

    #[test]
    fn the_twin_differs_only_beside_a_non_ascii_word_character() {
        // "é" is a word character to the Unicode `\b` only.
        let unicode = build(r"\bcaf\b", true).unwrap();
        let ascii = build_ascii(r"\bcaf\b", true).unwrap();
        assert!(!words_are_ascii("a café"));
        assert!(!unicode.is_match("café") && ascii.is_match("café"));
        // A curly quote or a dash is no word character to either.
        for text in ["cafe", "caf.", "“caf”", "caf–caf", "caf\u{a0}€", "caff"] {
            assert!(words_are_ascii(text), "{text}");
            assert_eq!(unicode.is_match(text), ascii.is_match(text), "{text}");
        }
    }

    #[test]
    fn a_written_regex_has_its_word_assertions_made_ascii() {
        for (pattern, twin) in [
            (r"(?i)\bwhen\s*$", Some(r"(?i)(?-u:\b)when\s*$")),
            (
                r"\bx\b{start}y\b{end}",
                Some(r"(?-u:\b)x(?-u:\b{start})y(?-u:\b{end})"),
            ),
            (r"\<x\>", Some(r"(?-u:\<)x(?-u:\>)")),
            // `\B` and the half boundaries hold inside a multi-byte character in ASCII form.
            (r"\bx\B", None),
            (r"\b{start-half}x", None),
            (r"x\b{end-half}", None),
            (r"^\s*(?:GMT|UTC)", None),
            (r"(?-u:\b)x", None),
            (r"(?u)\bx", None),
            (r"(?i:\bx)", Some(r"(?i:(?-u:\b)x)")),
            (r"[\b]", None),
        ] {
            assert_eq!(ascii_twin_source(pattern).as_deref(), twin, "{pattern}");
        }
        // With an ASCII `\B` the search would stop at the empty match inside `’` and miss `’x`.
        let not_boundary = WordRegex::new(r"’x|\B").unwrap();
        assert!(not_boundary.ascii.is_none());
        assert!(not_boundary.is_match("_’x"));
        let re = WordRegex::new(r"(?i)\b(mon|fri)day\b").unwrap();
        assert!(re.ascii.is_some());
        for (text, days) in [
            ("on Monday and friday", 2),
            ("“Monday” – friday’s", 2),
            ("Mondayé, éfriday", 0),
        ] {
            assert_eq!(re.find_iter(text).count(), days, "{text}");
            assert_eq!(re.unicode.find_iter(text).count(), days, "{text}");
        }
    }

    #[test]
    fn which_texts_have_only_ascii_words() {
        for (text, ascii) in [
            ("Exports grew 4.5% in 2023.", true),
            ("the “Bamboo Diplomacy” – a term coined in 2016", true),
            ("€1.2bn, £3m, ¥40", true),
            ("President Võ Văn Thưởng", false),
            ("Ho Chi Minh City’s 9 million", true),
            ("a naïve estimate", false),
            ("twenty\u{301}", false),
            ("", true),
        ] {
            assert_eq!(words_are_ascii(text), ascii, "{text}");
        }
    }

    #[test]
    fn captures_are_those_of_a_search_from_the_match() {
        let pattern = r"(?P<verb>grew|rose)\s+(?:by\s+)?(?P<quantity>\d+(?:\.\d+)?)\s*%";
        let text = "Exports grew by 4.5% and imports rose 3%; output grew 12.25 %.";
        let re = build(pattern, false).unwrap();
        let reference = regex::Regex::new(&format!("(?i){pattern}")).unwrap();
        let ours: Vec<_> = captures(&re, text)
            .map(|m| {
                let g = |n| m.group(n).map(|s| &text[s.range()]);
                (m.span().map(|s| s.range()), g("verb"), g("quantity"))
            })
            .collect();
        let theirs: Vec<_> = reference
            .captures_iter(text)
            .map(|c| {
                let g = |n| c.name(n).map(|s| s.as_str());
                (c.get(0).map(|m| m.range()), g("verb"), g("quantity"))
            })
            .collect();
        assert_eq!(ours.len(), 3);
        assert_eq!(ours, theirs);
    }
}
