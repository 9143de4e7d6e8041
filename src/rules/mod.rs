//! Claim rules: the TOML language, its validation, and the compiled form extraction uses.
//!
//! A rule file holds `[[claim]]` tables. Loading parses each file with spans, then validates
//! every claim, collecting *all* problems (bad regex, unknown unit, duplicate id...) as
//! diagnostics pointing at the TOML line before giving up, so an author fixes a file in one go.
//! The language is documented in `docs/rules.md`.

mod lazy;
pub mod matcher;
mod raw;
pub mod relax;

use crate::diagnostic::{toml_error, FileError, SourceFile};
use crate::finding::Severity;
use crate::quantity::{grammar, Interval, Unit, DEFAULT_TOLERANCE};
use miette::SourceSpan;
use regex::{Regex, RegexBuilder};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use toml::Spanned;

/// Placeholder for the figure in a pattern.
pub const QUANTITY_PLACEHOLDER: &str = "{quantity}";
/// Placeholder for the key, expanded from the rule's `keys` table.
pub const KEY_PLACEHOLDER: &str = "{key}";
/// Largest compiled size of one pattern (bytes of the regex program).
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;
/// Cache of the lazy DFA per pattern: the `{quantity}` grammar has many states, and a cache
/// that thrashes makes the regex engine fall back to its much slower NFA simulation.
const DFA_CACHE_LIMIT: usize = 16 << 20;

/// Where the period a figure refers to comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodMode {
    /// A year in the same sentence, else "this year"/"last year" against the document date,
    /// else the document date's year.
    Sentence,
    /// The document date's year only.
    Document,
    /// Figures are compared whatever period they refer to.
    None,
    /// The document's date, to the day: a time series (prices, rates) is compared only among
    /// reports of the same day. The period is written `YYYYMMDD`.
    Date,
}

/// Whose figure a claim states, for grouping: claims about different subjects are not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectMode {
    /// The proper-noun phrase of the figure's clause (or a `subject` capture group).
    Auto,
    /// Only what a `subject` capture group captures; otherwise no subject.
    None,
    /// As `auto`, and a figure whose subject is not found is no claim: for facts that are
    /// always about someone in particular (an age, a contract).
    Required,
}

/// A checked pattern, compiled on first use.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// As written in the rule file.
    pub source: String,
    /// After placeholder expansion.
    pub expanded: String,
    /// A regex matching a superset of `regex`, cheap to run (see `extract::gate`); empty for
    /// exclude patterns.
    pub relaxed: String,
    /// Compiled on first use: a run compiles only the patterns of the rules its gate lets
    /// through (see `lazy`). Loading has checked that it compiles.
    regex: OnceLock<matcher::Regex>,
    /// The ASCII twin, for text whose word characters are all ASCII ([`matcher`]), compiled
    /// on first use; `None` when the pattern needs none.
    ascii: OnceLock<Option<matcher::Regex>>,
    case_sensitive: bool,
}

impl Pattern {
    /// Drops the compiled pattern; the next [`Pattern::regex`] compiles it again.
    fn release(&mut self) {
        self.regex = OnceLock::new();
        self.ascii = OnceLock::new();
    }

    /// The compiled pattern (compiled on first use).
    pub fn regex(&self) -> &matcher::Regex {
        self.regex.get_or_init(|| {
            matcher::build(&self.expanded, self.case_sensitive).unwrap_or_else(|e| {
                // Loading checks that it compiles (`lazy::check`, else a full compile).
                panic!("pattern `{}` passed the checks at load: {e}", self.source)
            })
        })
    }

    /// The compiled pattern for a text whose word characters are all ASCII (`ascii`,
    /// [`matcher::words_are_ascii`]) or not: there the twin finds exactly what the pattern
    /// finds, faster ([`matcher`]).
    pub fn matcher(&self, ascii: bool) -> &matcher::Regex {
        if ascii {
            let twin = self
                .ascii
                .get_or_init(|| matcher::build_ascii(&self.expanded, self.case_sensitive));
            if let Some(twin) = twin {
                return twin;
            }
        }
        self.regex()
    }
}

/// Compiles an expanded pattern as every rule pattern is compiled.
fn build_regex(expanded: &str, case_sensitive: bool) -> Result<Regex, String> {
    RegexBuilder::new(expanded)
        .case_insensitive(!case_sensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(DFA_CACHE_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// Why a pattern was refused.
enum Refused {
    Compile(String),
    MatchesEmpty,
}

/// Checks an expanded pattern and makes it a [`Pattern`]; `gated` patterns get their relaxed
/// form. One with a `{quantity}` is checked with the grammar's stand-in when that decides
/// (`lazy::check`) and compiled on first use; any other is compiled now.
fn pattern(
    source: &str,
    ex: Expanded,
    case_sensitive: bool,
    gated: bool,
) -> Result<Pattern, Refused> {
    let checked = ex
        .stand_in
        .as_ref()
        .and_then(|(text, group)| lazy::check(text, group.clone(), !case_sensitive));
    let (relaxed, regex) = match checked {
        Some(hir) => (
            if gated {
                relax::relax_hir(hir)
            } else {
                String::new()
            },
            OnceLock::new(),
        ),
        None => {
            let regex = matcher::build(&ex.text, case_sensitive).map_err(Refused::Compile)?;
            if regex.is_match("") {
                return Err(Refused::MatchesEmpty);
            }
            let relaxed = if gated {
                relax::relax(&ex.text, !case_sensitive).unwrap_or_else(|| {
                    let flags = if case_sensitive { "" } else { "(?i)" };
                    format!("{flags}{}", ex.text)
                })
            } else {
                String::new()
            };
            (relaxed, OnceLock::from(regex))
        }
    };
    Ok(Pattern {
        source: source.to_string(),
        expanded: ex.text,
        relaxed,
        regex,
        ascii: OnceLock::new(),
        case_sensitive,
    })
}

/// Canonical keys and their aliases.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    /// Lower-cased, space-collapsed alias -> canonical key.
    by_alias: HashMap<String, String>,
    /// Every alias, longest first (for `{key}` expansion).
    aliases: Vec<String>,
}

impl KeyTable {
    /// Normalises captured key text: the canonical key for a known alias, else the text with
    /// its spacing collapsed.
    pub fn normalise(&self, text: &str) -> String {
        let folded = fold(text);
        match self.by_alias.get(&folded) {
            Some(k) => k.clone(),
            None => text.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty()
    }
    /// The canonical key for a known key or alias, `None` for text the table does not know.
    pub fn canonical(&self, text: &str) -> Option<&str> {
        self.by_alias.get(&fold(text)).map(String::as_str)
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An example declared next to a rule: a text the rule must match.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub interval: Option<Interval>,
    pub key: Option<String>,
    pub items: Option<usize>,
    /// Where it is declared, for diagnostics.
    pub span: SourceSpan,
}

/// A text the rule must not match.
#[derive(Debug, Clone)]
pub struct Counterexample {
    pub text: String,
    pub span: SourceSpan,
}

/// A validated claim rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Shared with every claim of the rule.
    pub id: Arc<str>,
    pub title: Arc<str>,
    pub description: Option<String>,
    pub unit: Unit,
    pub patterns: Vec<Pattern>,
    pub exclude: Vec<Pattern>,
    pub context: Vec<Regex>,
    /// Patterns that must all occur somewhere in a document for the rule to apply there.
    pub document_context: Vec<Regex>,
    pub keys: KeyTable,
    pub default_key: Option<String>,
    pub period: PeriodMode,
    pub subject: SubjectMode,
    /// A running count that only grows as reports come in (a death toll): a lower figure is an
    /// earlier count, reported as `updated`, not as a conflict.
    pub cumulative: bool,
    /// How much the true value may change in a year (an age: 1): statements from reports far
    /// enough apart in time may differ by that much without disagreeing.
    pub drift: f64,
    pub severity: Severity,
    /// Severity of approximate-but-compatible pairs; `None` turns them off.
    pub approximate: Option<Severity>,
    pub tolerance: f64,
    pub enumeration: bool,
    /// Patterns match case (`case_sensitive = true`); by default they ignore it.
    pub case_sensitive: bool,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<Counterexample>,
    pub source: Arc<SourceFile>,
}

/// Every loaded rule, in load order.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// Drops every rule's compiled patterns and exclude patterns, with the caches the scanning
    /// threads filled, for a run that is done scanning: comparing and reporting read a rule's
    /// id, unit, keys and severities, never its patterns, and the compiled seed pack with its
    /// caches is tens of megabytes that a large run would otherwise keep to the end
    /// (docs/performance.md). The rules still match as before: a pattern compiles again on
    /// first use.
    pub fn release_patterns(&mut self) {
        for r in &mut self.rules {
            for p in r.patterns.iter_mut().chain(r.exclude.iter_mut()) {
                p.release();
            }
        }
    }

    /// Every pattern of every rule as one standalone regex (flags inline, capture groups made
    /// non-capturing so the patterns can be joined), for other tools: `rg -f` reads them.
    /// With `gate`, the relaxed patterns crosscheck's gate runs instead (see `extract::gate`).
    pub fn export_regexes(&self, gate: bool) -> Vec<String> {
        static NAMED: OnceLock<Regex> = OnceLock::new();
        let named = NAMED.get_or_init(|| {
            Regex::new(r"(^|[^\\])\(\?P?<[A-Za-z_][A-Za-z0-9_]*>").expect("valid regex")
        });
        let mut out = Vec::new();
        for r in &self.rules {
            for p in &r.patterns {
                if gate {
                    // The printed form may hold raw line breaks; one pattern per line needs escapes.
                    out.push(p.relaxed.replace('\n', "\\n").replace('\r', "\\r"));
                    continue;
                }
                let flags = if r.case_sensitive { "" } else { "(?i)" };
                // Applied twice: a group right after another (`(?P<a>(?P<b>`) shares a character.
                let once = named.replace_all(&p.expanded, "${1}(?:");
                let plain = named.replace_all(&once, "${1}(?:");
                out.push(format!("{flags}{plain}"));
            }
        }
        out
    }
}

/// Collects the rule files under the given paths (files as given, folders walked for `*.toml`,
/// sorted).
pub fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            // A folder's rule files are its own: a link out of it (to `~/.aws/credentials`,
            // whose lines a diagnostic would print) is an error, and a link back up is walked
            // once.
            let base = p
                .canonicalize()
                .map_err(|e| format!("{}: {e}", crate::printable::path(p)))?;
            let mut seen = std::collections::HashSet::new();
            let mut stack = vec![p.clone()];
            while let Some(dir) = stack.pop() {
                let real = dir
                    .canonicalize()
                    .map_err(|e| format!("{}: {e}", crate::printable::path(&dir)))?;
                if !seen.insert(real) {
                    continue;
                }
                let rd = std::fs::read_dir(&dir)
                    .map_err(|e| format!("{}: {e}", crate::printable::path(&dir)))?;
                for e in rd.flatten() {
                    let path = e.path();
                    let is_dir = path.is_dir();
                    if !is_dir && path.extension().is_none_or(|x| x != "toml") {
                        continue;
                    }
                    if !path.canonicalize().is_ok_and(|r| r.starts_with(&base)) {
                        return Err(format!(
                            "{}: a link out of the rules folder {}: not read",
                            crate::printable::path(&path),
                            crate::printable::path(p)
                        ));
                    }
                    if is_dir {
                        stack.push(path);
                    } else {
                        files.push(path);
                    }
                }
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(format!("{}: no such rule file or folder", p.display()));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Loads and validates every rule under `paths`. On any problem, returns all of them.
pub fn load(paths: &[PathBuf]) -> Result<RuleSet, Vec<FileError>> {
    let files = rule_files(paths).map_err(|m| {
        vec![FileError::new(
            &SourceFile {
                path: "<rules>".into(),
                text: String::new(),
            },
            None,
            m,
        )]
    })?;
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    let mut declared = Vec::new();
    for f in files {
        let path = crate::printable::path(&f);
        match crate::fsio::read_text(&f, crate::fsio::MAX_INPUT_BYTES) {
            Ok(text) => {
                let (rules, ids, errs) = parse_file(&path, &text);
                set.rules.extend(rules);
                declared.extend(ids);
                errors.extend(errs);
            }
            Err(e) => errors.push(FileError::new(
                &SourceFile {
                    path: path.clone(),
                    text: String::new(),
                },
                None,
                format!("cannot read rule file {path}: {e}"),
            )),
        }
    }
    check_duplicates(&declared, &mut errors);
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

fn check_duplicates(declared: &[Declared], errors: &mut Vec<FileError>) {
    let mut seen: HashMap<&str, &Declared> = HashMap::new();
    for d in declared {
        if crate::ids::EDITORIAL.contains(&d.id.as_str()) {
            errors.push(
                FileError::new(
                    &d.source,
                    Some(d.span.clone()),
                    format!("rule id `{}` is an editorial check's", d.id),
                )
                .help("choose another id; editorial checks are set in crosscheck.toml's [checks]"),
            );
            continue;
        }
        if let Some(first) = seen.get(d.id.as_str()) {
            let (l, _) = line_of(&first.source.text, first.span.start);
            errors.push(
                FileError::new(
                    &d.source,
                    Some(d.span.clone()),
                    format!("duplicate rule id `{}`", d.id),
                )
                .label("declared again here")
                .help(format!(
                    "first declared in {} line {l}; ids must be unique across all rule files",
                    first.source.path
                )),
            );
        } else {
            seen.insert(&d.id, d);
        }
    }
}

fn line_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses and validates one rule file's text. `path` is used in diagnostics.
pub fn load_str(path: &str, text: &str) -> Result<Vec<Rule>, Vec<FileError>> {
    let (rules, declared, mut errors) = parse_file(path, text);
    check_duplicates(&declared, &mut errors);
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// A claim id as declared, whether or not the claim compiled: duplicates are reported either way.
struct Declared {
    id: String,
    span: Range<usize>,
    source: Arc<SourceFile>,
}

/// Parses and validates one file: the rules that compiled, every id declared, every problem.
fn parse_file(path: &str, text: &str) -> (Vec<Rule>, Vec<Declared>, Vec<FileError>) {
    let file = Arc::new(SourceFile {
        path: path.to_string(),
        text: text.to_string(),
    });
    let parsed: raw::RuleFile = match toml::from_str(text) {
        Ok(p) => p,
        Err(e) => {
            let err = toml_error(&file, &e, "rule file", "docs/rules.md");
            return (Vec::new(), Vec::new(), vec![err]);
        }
    };
    let mut rules = Vec::new();
    let mut declared = Vec::new();
    let mut errors = Vec::new();
    for c in parsed.claim {
        declared.push(Declared {
            id: c.id.get_ref().trim().to_string(),
            span: c.id.span(),
            source: file.clone(),
        });
        match compile(c, &file) {
            Ok(r) => rules.push(r),
            Err(e) => errors.extend(e),
        }
    }
    (rules, declared, errors)
}

fn compile(c: raw::RawClaim, file: &Arc<SourceFile>) -> Result<Rule, Vec<FileError>> {
    let mut errors = Vec::new();
    let err = |span: Range<usize>, msg: String| FileError::new(file, Some(span), msg);

    let id = c.id.get_ref().trim().to_string();
    if id.is_empty()
        || !id
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    {
        errors.push(
            err(c.id.span(), format!("invalid rule id `{id}`"))
                .help("ids are made of ASCII letters, digits, `-` and `_`, e.g. `fdi-growth`"),
        );
    }
    if c.title.get_ref().trim().is_empty() {
        errors.push(err(c.title.span(), "the title is empty".into()));
    }
    let unit = Unit::from_name(c.unit.get_ref()).unwrap_or_else(|| {
        let names: Vec<_> = Unit::ALL.iter().map(|u| u.as_str()).collect();
        errors.push(
            err(
                c.unit.span(),
                format!("unknown unit `{}`", c.unit.get_ref()),
            )
            .label("not a unit")
            .help(format!("units: {}", names.join(", "))),
        );
        Unit::Number
    });
    let severity = match &c.severity {
        None => Severity::Error,
        Some(s) => Severity::from_name(s.get_ref()).unwrap_or_else(|| {
            errors.push(
                err(s.span(), format!("unknown severity `{}`", s.get_ref()))
                    .help("severity is one of: error, warning, note"),
            );
            Severity::Error
        }),
    };
    let approximate = match &c.approximate {
        None => Some(Severity::Note),
        Some(s) if s.get_ref() == "off" => None,
        Some(s) => Some(Severity::from_name(s.get_ref()).unwrap_or_else(|| {
            errors.push(
                err(
                    s.span(),
                    format!("unknown value `{}` for approximate", s.get_ref()),
                )
                .help("approximate is one of: error, warning, note, off"),
            );
            Severity::Note
        })),
    };
    let period = match c.period.as_ref().map(|p| (p.get_ref().as_str(), p.span())) {
        None | Some(("sentence", _)) => PeriodMode::Sentence,
        Some(("document", _)) => PeriodMode::Document,
        Some(("none", _)) => PeriodMode::None,
        Some(("date", _)) => PeriodMode::Date,
        Some((other, span)) => {
            errors.push(
                err(span, format!("unknown period `{other}`"))
                    .help("period is one of: sentence, document, date, none"),
            );
            PeriodMode::Sentence
        }
    };
    let subject = match c.subject.as_ref().map(|p| (p.get_ref().as_str(), p.span())) {
        None | Some(("auto", _)) => SubjectMode::Auto,
        Some(("none", _)) => SubjectMode::None,
        Some(("required", _)) => SubjectMode::Required,
        Some((other, span)) => {
            errors.push(
                err(span, format!("unknown subject `{other}`"))
                    .help("subject is one of: auto, required, none"),
            );
            SubjectMode::Auto
        }
    };
    let cumulative = c.cumulative.unwrap_or(false);
    let drift = match &c.drift {
        None => 0.0,
        Some(d) => {
            let v = *d.get_ref();
            if !(v.is_finite() && v >= 0.0) {
                errors.push(
                    err(d.span(), format!("drift {v} is out of range"))
                        .help("how much the value may change in a year, e.g. 1 for an age"),
                );
            }
            if v.is_finite() {
                v.max(0.0)
            } else {
                0.0
            }
        }
    };
    let tolerance = match &c.tolerance {
        None => DEFAULT_TOLERANCE,
        Some(t) => {
            let v = *t.get_ref();
            if !(0.0..1.0).contains(&v) {
                errors.push(
                    err(t.span(), format!("tolerance {v} is out of range"))
                        .help("a fraction in [0, 1), e.g. 0.05 for 5%"),
                );
            }
            v
        }
    };

    // Keys and aliases.
    let mut keys = KeyTable::default();
    if let Some(table) = &c.keys {
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        // Canonical keys by folded name, and their folded aliases, to name alias cycles.
        let canon_of: BTreeMap<String, (&String, Vec<String>)> = table
            .get_ref()
            .iter()
            .map(|(k, v)| (fold(k), (k, v.iter().map(|a| fold(a.get_ref())).collect())))
            .collect();
        for (canon, aliases) in table.get_ref() {
            for a in std::iter::once((canon.as_str(), None)).chain(
                aliases
                    .iter()
                    .map(|a| (a.get_ref().as_str(), Some(a.span()))),
            ) {
                let folded = fold(a.0);
                if folded.is_empty() {
                    errors.push(err(a.1.unwrap_or(table.span()), "empty key alias".into()));
                    continue;
                }
                if let (Some(span), Some((other, its))) = (a.1.clone(), canon_of.get(&folded)) {
                    if *other != canon {
                        let message = if its.contains(&fold(canon)) {
                            format!(
                                "alias cycle: `{other}` is an alias of `{canon}` and `{canon}` \
                                 an alias of `{other}`"
                            )
                        } else {
                            format!("`{other}` is a key of its own and an alias of `{canon}`")
                        };
                        errors.push(err(span, message).help(
                            "a name is either a key or an alias of one: keep one key and list \
                             the other names under it",
                        ));
                        continue;
                    }
                }
                if let Some(prev) = owner.get(&folded) {
                    if prev != canon {
                        errors.push(err(
                            a.1.unwrap_or(table.span()),
                            format!("alias `{}` names both `{prev}` and `{canon}`", a.0),
                        ));
                    }
                    continue;
                }
                owner.insert(folded.clone(), canon.clone());
                keys.by_alias.insert(folded, canon.clone());
                keys.aliases.push(a.0.to_string());
            }
        }
        keys.aliases
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    }
    let default_key = c.default_key.as_ref().map(|k| keys.normalise(k.get_ref()));

    let case_sensitive = c.case_sensitive.unwrap_or(false);
    let build = |src: &str| build_regex(src, case_sensitive);

    let mut patterns = Vec::new();
    if c.patterns.get_ref().is_empty() {
        errors.push(err(
            c.patterns.span(),
            "a claim needs at least one pattern".into(),
        ));
    }
    for p in c.patterns.get_ref() {
        let expanded = match expand(p.get_ref(), unit, &keys, true) {
            Ok(e) => e,
            Err((m, h)) => {
                errors.push(err(p.span(), m).help(h));
                continue;
            }
        };
        match pattern(p.get_ref(), expanded, case_sensitive, true) {
            Ok(pattern) => patterns.push(pattern),
            Err(Refused::MatchesEmpty) => errors.push(err(
                p.span(),
                format!("pattern `{}` matches the empty string", p.get_ref()),
            )),
            Err(Refused::Compile(m)) => errors.push(
                err(p.span(), "pattern does not compile".into())
                    .label(first_line(&m))
                    .help(regex_help(&m)),
            ),
        }
    }
    let mut exclude = Vec::new();
    for p in &c.exclude {
        match expand(p.get_ref(), unit, &keys, false)
            .map_err(|(m, _)| Refused::Compile(m))
            .and_then(|e| pattern(p.get_ref(), e, case_sensitive, false))
        {
            Ok(pattern) => exclude.push(pattern),
            Err(Refused::MatchesEmpty) => errors.push(err(
                p.span(),
                format!("exclude pattern `{}` matches the empty string", p.get_ref()),
            )),
            Err(Refused::Compile(m)) => errors.push(
                err(p.span(), "exclude pattern does not compile".into())
                    .label(first_line(&m))
                    .help(regex_help(&m)),
            ),
        }
    }
    let mut plain_list = |list: &[Spanned<String>], what: &str| -> Vec<Regex> {
        let mut out = Vec::new();
        for p in list {
            match build(p.get_ref()) {
                Ok(r) if r.is_match("") => errors.push(err(
                    p.span(),
                    format!("{what} pattern matches the empty string"),
                )),
                Ok(r) => out.push(r),
                Err(m) => errors.push(
                    err(p.span(), format!("{what} pattern does not compile"))
                        .label(first_line(&m))
                        .help(m),
                ),
            }
        }
        out
    };
    let context = plain_list(&c.context, "context");
    let document_context = plain_list(&c.document_context, "document_context");

    let mut examples = Vec::new();
    for e in &c.example {
        let interval = match &e.interval {
            None => None,
            Some(i) => match Interval::from_notation(i.get_ref()) {
                Some(iv) => Some(iv),
                None => {
                    errors.push(err(i.span(), format!("cannot read interval `{}`", i.get_ref())).help("write it as printed by `crosscheck quantity`, e.g. \"[14.75, 14.85)\" or \"(30, inf)\""));
                    None
                }
            },
        };
        examples.push(Example {
            text: e.text.get_ref().clone(),
            interval,
            key: e.key.as_ref().map(|k| keys.normalise(k.get_ref())),
            items: e.items.as_ref().map(|n| *n.get_ref()),
            span: e.text.span().into(),
        });
    }
    let counterexamples = c
        .counterexample
        .iter()
        .map(|e| Counterexample {
            text: e.text.get_ref().clone(),
            span: e.text.span().into(),
        })
        .collect();

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rule {
        case_sensitive,
        id: id.into(),
        title: c.title.into_inner().into(),
        description: c.description,
        unit,
        patterns,
        exclude,
        context,
        document_context,
        keys,
        default_key,
        period,
        subject,
        cumulative,
        drift,
        severity,
        approximate,
        tolerance,
        enumeration: c.enumeration.unwrap_or(false),
        examples,
        counterexamples,
        source: file.clone(),
    })
}

/// Help for a regex error in a pattern with placeholders: the regex crate quotes the whole
/// expanded pattern, thousands of characters of `{quantity}` grammar, so a long message is cut
/// to its conclusion.
fn regex_help(m: &str) -> String {
    if m.len() <= 400 {
        return m.to_string();
    }
    let conclusion = first_line(m);
    format!(
        "{conclusion}\nThe problem is in the pattern as written (the placeholders expand to valid \
         regex): check brackets, `(?...)` groups and backslashes; `rules explain` shows the \
         expanded pattern."
    )
}

fn first_line(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

/// A pattern with its placeholders expanded.
struct Expanded {
    /// `{quantity}` as its unit's grammar in a `quantity` group, `{key}` as the aliases.
    text: String,
    /// With a `{quantity}`: the same with the grammar's stand-in (`lazy::STAND_IN`), and the
    /// span of the stand-in's group in it.
    stand_in: Option<(String, Range<usize>)>,
}

/// Expands `{quantity}` and `{key}` in a pattern.
fn expand(
    src: &str,
    unit: Unit,
    keys: &KeyTable,
    needs_quantity: bool,
) -> Result<Expanded, (String, String)> {
    let n = src.matches(QUANTITY_PLACEHOLDER).count();
    if needs_quantity && n == 0 {
        return Err((
            "pattern has no `{quantity}` placeholder".into(),
            "write `{quantity}` where the figure stands, e.g. \"relations with {quantity} countries\"".into(),
        ));
    }
    if n > 1 {
        return Err((
            "pattern has more than one `{quantity}` placeholder".into(),
            "a pattern captures one figure; write one pattern per figure".into(),
        ));
    }
    let mut keyed = src.to_string();
    if keyed.contains(KEY_PLACEHOLDER) {
        if keys.is_empty() {
            return Err((
                "pattern uses `{key}` but the claim has no `keys` table".into(),
                "add `[claim.keys]` with each key and its aliases, or capture the key with `(?P<key>...)`".into(),
            ));
        }
        let alts: Vec<String> = keys
            .aliases
            .iter()
            .map(|a| regex::escape(a).replace(' ', r"\s+"))
            .collect();
        keyed = keyed.replace(KEY_PLACEHOLDER, &format!("(?P<key>{})", alts.join("|")));
    }
    // The aliases are escaped and grouped, so `{quantity}` is where it was written, once.
    let Some(at) = keyed.find(QUANTITY_PLACEHOLDER) else {
        return Ok(Expanded {
            text: keyed,
            stand_in: None,
        });
    };
    let (before, after) = (&keyed[..at], &keyed[at + QUANTITY_PLACEHOLDER.len()..]);
    Ok(Expanded {
        text: format!("{before}(?P<quantity>{}){after}", grammar::cached(unit)),
        stand_in: Some((
            format!("{before}{}{after}", lazy::STAND_IN),
            at..at + lazy::STAND_IN.len(),
        )),
    })
}

/// Reads rules from a path; a convenience for tests and tools.
pub fn load_path(path: &Path) -> Result<RuleSet, Vec<FileError>> {
    load(&[path.to_path_buf()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_file(patterns: &[&str]) -> String {
        let list: Vec<String> = patterns.iter().map(|p| format!("'{p}'")).collect();
        format!(
            "[[claim]]\nid = \"r\"\ntitle = \"t\"\nunit = \"percent\"\npatterns = [{}]\n",
            list.join(", ")
        )
    }

    /// The packs in the repository are all checked with the grammar's stand-in, so loading
    /// compiles none of their patterns; the gate's relaxed form is the one the expanded pattern
    /// gives.
    #[test]
    fn realistic_patterns_are_checked_without_compiling() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for pack in ["rules", "bench/precision/rules"] {
            let set = load_path(&root.join(pack)).unwrap();
            for r in &set.rules {
                for p in r.patterns.iter().chain(&r.exclude) {
                    if p.expanded.contains("(?P<quantity>") {
                        assert!(p.regex.get().is_none(), "{}: {}", r.id, p.source);
                    }
                }
                for p in &r.patterns {
                    let full = relax::relax(&p.expanded, !r.case_sensitive);
                    assert_eq!(full.as_deref(), Some(p.relaxed.as_str()), "{}", r.id);
                }
            }
        }
    }

    /// Around the size limit, loading says what compiling the expanded pattern says: the
    /// stand-in's bound leaves a pattern near the limit to the full compile.
    #[test]
    fn the_size_limit_is_decided_as_by_compiling() {
        let mut verdicts = Vec::new();
        for n in (0..=12).map(|i| i * 60) {
            let source = format!(r"\w{{{n}}} grew {{quantity}}");
            let loaded = load_str("r.toml", &rule_file(&[&source]));
            let expanded = expand(&source, Unit::Percent, &KeyTable::default(), true)
                .unwrap()
                .text;
            let compiled = build_regex(&expanded, false);
            assert_eq!(loaded.is_ok(), compiled.is_ok(), "{source}");
            if let Err(errors) = loaded {
                assert!(errors[0].label.contains("exceeds size limit"), "{source}");
            }
            verdicts.push(compiled.is_ok());
        }
        // The range crosses the limit.
        assert!(verdicts.first() == Some(&true) && verdicts.last() == Some(&false));
    }

    /// Patterns the stand-in does not decide are compiled at load, with the regex crate's
    /// message; what it decides compiles when first used.
    #[test]
    fn every_pattern_is_decided_at_load() {
        let bad = [
            (r"(?x) grew [ {quantity}", "does not compile"),
            (r"grew [{quantity}]", "does not compile"),
            (r"(?:{quantity}\s+){2}", ""),
            (r"(?s:.)?{quantity}", ""),
            (r"x?{quantity}?\s*", "matches the empty string"),
            (r"(?P<quantity>x) {quantity}", "does not compile"),
        ];
        for (source, problem) in bad {
            let loaded = load_str("r.toml", &rule_file(&[source]));
            let expanded = expand(source, Unit::Percent, &KeyTable::default(), true)
                .unwrap()
                .text;
            let compiled = build_regex(&expanded, false);
            let empty = compiled.as_ref().is_ok_and(|r| r.is_match(""));
            assert_eq!(loaded.is_ok(), compiled.is_ok() && !empty, "{source}");
            match loaded {
                Ok(rules) => {
                    // Compiled at load: the stand-in did not decide it.
                    assert!(rules[0].patterns[0].regex.get().is_some(), "{source}");
                }
                Err(errors) => assert!(errors[0].message.contains(problem), "{source}"),
            }
        }
        let rules = load_str("r.toml", &rule_file(&[r"\bgrew\s+(?:by\s+)?{quantity}"])).unwrap();
        let p = &rules[0].patterns[0];
        assert!(p.regex.get().is_none());
        assert!(p.regex().is_match("exports grew by 4.5%"));
    }

    mod decided_as_by_compiling {
        //! Patterns strung together at random from the pieces that could make the stand-in
        //! decide otherwise than compiling: loading accepts exactly the patterns that compile
        //! (expanded, as they will be on first use) and do not match the empty string, and the
        //! gate's relaxed form is the expanded pattern's.

        use super::super::*;
        use super::rule_file;
        use proptest::prelude::*;

        const PIECES: &[&str] = &[
            "{quantity}",
            "{quantity}",
            "{quantity}",
            "(",
            ")",
            "(?:",
            "(?i)",
            "(?-i)",
            "(?x)",
            "(?s)",
            "(?-u)",
            "(?U)",
            "[",
            "]",
            "[^.;]",
            "\\",
            r"\b",
            r"\B",
            r"\w",
            r"\s+",
            "a",
            " ",
            "#",
            "?",
            "*",
            "+",
            "{2}",
            "{0,40}",
            "|",
            "^",
            "$",
            ".",
            "(?P<quantity>",
            r"\p{L}",
            r"\w{300}",
            r"(?:\w{50}){40}",
            r"\x{E000}",
            r"\n",
            "grew",
        ];

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 256,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]
            #[test]
            fn loading_agrees_with_compiling(
                pieces in prop::collection::vec(prop::sample::select(PIECES), 1..8),
                case_sensitive in any::<bool>(),
            ) {
                let source: String = pieces.concat();
                // A TOML literal string holds no `'` or line break; the pieces have none.
                let mut file = rule_file(&[&source]);
                if case_sensitive {
                    file.push_str("case_sensitive = true\n");
                }
                let loaded = load_str("r.toml", &file);
                let Ok(expanded) = expand(&source, Unit::Percent, &KeyTable::default(), true)
                else {
                    prop_assert!(loaded.is_err());
                    return Ok(());
                };
                let compiled = build_regex(&expanded.text, case_sensitive);
                let accepted = compiled.as_ref().is_ok_and(|r| !r.is_match(""));
                prop_assert_eq!(loaded.is_ok(), accepted, "{:?}", compiled.err());
                if let Ok(rules) = loaded {
                    let p = &rules[0].patterns[0];
                    let relaxed = relax::relax(&p.expanded, !case_sensitive);
                    prop_assert_eq!(relaxed.as_deref(), Some(p.relaxed.as_str()));
                }
            }
        }
    }
}
