//! Reads quantities off the token stream.
//!
//! At each token the reader tries, in order: a vague amount ("hundreds of"), a "between A and B"
//! range, a hedge followed by a figure ("nearly 15 percent"), and a bare figure, which may
//! continue into a range ("6-7%", "2023 to 2025"). A figure is
//! `[sign] [currency] number [scale] [percent | points | currency]`, where the number is digits
//! or words. Labels ("COP 28", "Directive 15", "G-77"), dates and days of the month are
//! recognised and passed over, so they never become figures.

use super::interval::tidy;
use super::lexicon as lx;
use super::scan::{tokenize, Kind, Token};
use super::{Hedge, Interval, Quantity, Unit};

/// Knobs for the reader.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// Approximation tolerance δ for hedges like "about" and "nearly" (0.05 = 5%).
    pub tolerance: f64,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            tolerance: super::DEFAULT_TOLERANCE,
        }
    }
}

/// Finds every quantity in `text`, in order of position, with the default tolerance.
pub fn parse(text: &str) -> Vec<Quantity> {
    parse_with(text, ParseOptions::default())
}

/// Finds every quantity in `text`, in order of position.
pub fn parse_with(text: &str, opts: ParseOptions) -> Vec<Quantity> {
    let toks = tokenize(text);
    let lower = Lowered::new(text, &toks);
    let r = Reader {
        src: text,
        toks: &toks,
        lower: &lower,
        opts,
    };
    // Every quantity has an anchor (a digit group or a number word) within its first few
    // tokens, after at most a hedge, a currency mark, a sign or "between": positions farther
    // than that from the next anchor start nothing, and are not tried one by one.
    let mut next_anchor = vec![usize::MAX; toks.len() + 1];
    for k in (0..toks.len()).rev() {
        let anchor = match toks[k].kind {
            Kind::Num => true,
            Kind::Word => lx::is_anchor_word(&lower[k]),
            _ => false,
        };
        next_anchor[k] = if anchor { k } else { next_anchor[k + 1] };
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match next_anchor[i] {
            usize::MAX => break,
            a if a > i + ANCHOR_REACH => {
                i = a - ANCHOR_REACH;
                continue;
            }
            _ => {}
        }
        if !r.may_start(i) {
            i += 1;
            continue;
        }
        if let Some(skip_to) = r.non_figure_run(i) {
            i = skip_to;
            continue;
        }
        match r.quantity_at(i) {
            Some((q, next)) => {
                out.push(q);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The most tokens a quantity may hold before its first anchor: the longest hedge ("a little
/// more than") with "between", a sign and a currency mark of two or three tokens ("US $",
/// "S$"), with room to spare.
const ANCHOR_REACH: usize = 12;

/// A phrase table of the lexicon with its entries grouped by first byte, each group in table
/// order: [`Reader::longest`] looks at one group instead of the whole table.
struct Lexicon<T: 'static> {
    table: &'static [(&'static str, T)],
    /// The entries' indices by first byte, and where each byte's group starts (257 bounds).
    index: std::sync::OnceLock<(Vec<u16>, Vec<usize>)>,
}

impl<T> Lexicon<T> {
    const fn new(table: &'static [(&'static str, T)]) -> Self {
        Lexicon {
            table,
            index: std::sync::OnceLock::new(),
        }
    }

    /// The entries whose phrase starts with `first` (no byte: the empty phrases), in table
    /// order.
    fn starting_with(
        &self,
        first: Option<u8>,
    ) -> impl Iterator<Item = &'static (&'static str, T)> + '_ {
        let table = self.table;
        let first_of = |k: u16| table[k as usize].0.as_bytes().first().copied();
        let (order, bounds) = self.index.get_or_init(|| {
            // A stable sort keeps table order within a group; the empty phrases come first.
            let mut order: Vec<u16> = (0..table.len())
                .filter_map(|k| u16::try_from(k).ok())
                .collect();
            order.sort_by_key(|&k| first_of(k));
            // bounds[0]: the end of the empty phrases; bounds[b + 1]: the end of byte b's group.
            let mut bounds = vec![0usize; 257];
            for &k in &order {
                bounds[first_of(k).map_or(0, |b| b as usize + 1)] += 1;
            }
            for x in 1..bounds.len() {
                bounds[x] += bounds[x - 1];
            }
            (order, bounds)
        });
        let group = match first {
            None => 0..bounds[0],
            Some(b) => bounds[b as usize]..bounds[b as usize + 1],
        };
        order[group].iter().map(move |&k| &table[k as usize])
    }
}

static HEDGES: Lexicon<Hedge> = Lexicon::new(lx::HEDGES);
static POST_HEDGES: Lexicon<Hedge> = Lexicon::new(lx::POST_HEDGES);
static CURRENCY_SUFFIXES: Lexicon<&'static str> = Lexicon::new(lx::CURRENCY_SUFFIXES);
static CURRENCY_PREFIXES: Lexicon<&'static str> = Lexicon::new(lx::CURRENCY_PREFIXES);

/// A single number with its marks, before hedges and ranges are applied.
#[derive(Debug, Clone)]
struct Figure {
    first: usize,
    /// One past the last token.
    next: usize,
    /// Signed, scaled value.
    value: f64,
    /// Half a unit of the last digit written, scaled.
    half: f64,
    /// A scale word or abbreviation was applied.
    scaled: bool,
    scale: f64,
    decimal: bool,
    unit: Option<Unit>,
    currency: Option<&'static str>,
    /// Digits as written, without separators or sign; empty for words.
    digits: String,
    /// Bare four-digit integer in the range of years.
    year_like: bool,
    /// Number of digits written when the number is a bare integer (for "2023-25").
    int_digits: Option<usize>,
}

impl Figure {
    fn rounded(&self) -> bool {
        self.decimal
            || self.scaled
            || matches!(
                self.unit,
                Some(Unit::Percent | Unit::PercentagePoints | Unit::Money)
            )
    }
}

/// Every token's text, words lowercased, end to end in one buffer: two allocations per text,
/// not one per token.
struct Lowered {
    text: String,
    /// End of each token's text in `text`.
    ends: Vec<usize>,
}

impl Lowered {
    fn new(src: &str, toks: &[Token]) -> Lowered {
        let mut text = String::with_capacity(src.len());
        let mut ends = Vec::with_capacity(toks.len());
        for t in toks {
            let s = t.text(src);
            if t.kind != Kind::Word || s.is_ascii() {
                let at = text.len();
                text.push_str(s);
                text[at..].make_ascii_lowercase();
            } else {
                text.extend(s.chars().flat_map(char::to_lowercase));
            }
            ends.push(text.len());
        }
        Lowered { text, ends }
    }
}

impl std::ops::Index<usize> for Lowered {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

struct Reader<'a> {
    src: &'a str,
    toks: &'a [Token],
    lower: &'a Lowered,
    opts: ParseOptions,
}

impl<'a> Reader<'a> {
    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => Some(&self.lower[i]),
            _ => None,
        }
    }

    fn sym(&self, i: usize) -> Option<&str> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Sym => Some(&self.lower[i]),
            _ => None,
        }
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks[i].text(self.src)
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Matches a lower-case phrase of space-separated words (or symbols) at `i`. Words after the
    /// first must be separated by whitespace, except symbols such as "%", which may be glued.
    fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut j = i;
        for (k, part) in phrase.as_bytes().split(|&b| b == b' ').enumerate() {
            let t = self.toks.get(j)?;
            if self.lower[j].as_bytes() != part {
                return None;
            }
            if k > 0 && t.kind == Kind::Word && !t.space_before {
                return None;
            }
            j += 1;
        }
        // A word phrase must end at a word boundary ("per cent" but not "per centre").
        Some(j)
    }

    /// Longest entry of `table` matching at `i` (the last of the longest, in table order).
    fn longest<T: Copy + Sync>(&self, i: usize, table: &Lexicon<T>) -> Option<(T, usize)> {
        if i >= self.toks.len() {
            return None;
        }
        // Only the entries that start with the token's first byte can match.
        let first = self.lower[i].as_bytes().first().copied();
        table
            .starting_with(first)
            .filter_map(|&(p, v)| self.phrase(i, p).map(|n| (v, n)))
            .max_by_key(|&(_, n)| n)
    }

    /// Skips digit runs that are never figures: dates ("2023-12-19", "12/19/2023"), fractions
    /// and year-months ("1995-01"). Returns the index after the run.
    /// Whether a quantity may start at token `i`. Most words can start none: every reading of
    /// [`Reader::quantity_at`] begins with a word of `may_start_quantity`, a currency mark, a
    /// symbol or digits; a word that is none of these is passed over without trying each.
    fn may_start(&self, i: usize) -> bool {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => {
                lx::may_start_quantity(&self.lower[i]) || self.currency_prefix(i).is_some()
            }
            Some(_) => true,
            None => false,
        }
    }

    fn non_figure_run(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Skip {
            return Some(i + 1);
        }
        if t.kind != Kind::Num {
            return None;
        }
        let is_num = |k: usize| self.toks.get(k).is_some_and(|t| t.kind == Kind::Num);
        let joined =
            |k: usize, s: &str| self.sym(k) == Some(s) && self.glued(k) && self.glued(k + 1);
        // 2023-12-19, 19/12/2023, 3/4
        for sep in ["-", "/"] {
            if joined(i + 1, sep) && is_num(i + 2) {
                if joined(i + 3, sep) && is_num(i + 4) {
                    return Some(i + 5);
                }
                if sep == "/" {
                    return Some(i + 3);
                }
            }
        }
        // 1995-01: a year followed by a zero-padded month.
        if joined(i + 1, "-") && is_num(i + 2) {
            let (a, b) = (self.raw(i), self.raw(i + 2));
            if a.len() == 4 && b.len() == 2 && b.starts_with('0') {
                return Some(i + 3);
            }
        }
        None
    }

    fn quantity_at(&self, i: usize) -> Option<(Quantity, usize)> {
        if let Some(q) = self.vague(i) {
            return Some(q);
        }
        if let Some(q) = self.fraction(i) {
            return Some(q);
        }
        if let Some(q) = self.decade(i) {
            return Some(q);
        }
        if self.word(i) == Some("between") {
            if let Some(q) = self.between(i) {
                return Some(q);
            }
            return None;
        }
        if let Some((hedge, after)) = self.hedge(i) {
            if let Some(a) = self.figure(after) {
                if a.unit != Some(Unit::Ordinal) {
                    if let Some((lo, hi, unit, cur, next)) = self.range_tail(&a) {
                        return Some(self.range(i, next, lo, hi, unit, cur));
                    }
                    let (q, next) = self.hedged(i, &a, hedge);
                    return Some(self.bounded_both_sides(i, &q, next).unwrap_or((q, next)));
                }
            }
            return None;
        }
        let a = self.figure(i)?;
        if self.is_label(&a) {
            return None;
        }
        if a.unit != Some(Unit::Ordinal) {
            if let Some((lo, hi, unit, cur, next)) = self.range_tail(&a) {
                return Some(self.range(self.range_start(&a), next, lo, hi, unit, cur));
            }
            // "30 or more", "5% or less".
            if let Some((hedge, after)) = self.longest(a.next, &POST_HEDGES) {
                let a = Figure { next: after, ..a };
                return Some(self.hedged(i, &a, hedge));
            }
        }
        Some((self.plain(&a), a.next))
    }
}

/// Result of reading a number written in words.
struct WordNumber {
    value: f64,
    /// Multiplier of the last group written ("two thousand" -> 1000, "two thousand and five" -> 1).
    last_mult: f64,
    has_scale: bool,
    ordinal: bool,
    next: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WState {
    Start,
    /// After "a", which must be followed by hundred, a scale or dozen.
    Article,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    And,
}

impl<'a> Reader<'a> {
    fn hedge(&self, i: usize) -> Option<(Hedge, usize)> {
        self.longest(i, &HEDGES)
    }

    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let mut best: Option<(&'static str, usize)> = None;
        let first = self.toks.get(i)?.start;
        for &(mark, code) in
            CURRENCY_PREFIXES.starting_with(self.src.as_bytes().get(first).copied())
        {
            // The mark written across glued tokens ("US", "$"), matched piece by piece.
            let mut j = i;
            let mut rest = mark;
            while !rest.is_empty() && j < self.toks.len() {
                if j > i && !self.glued(j) {
                    break;
                }
                match rest.strip_prefix(self.raw(j)) {
                    Some(r) => rest = r,
                    None => break,
                }
                j += 1;
            }
            if rest.is_empty() && j > i && best.is_none_or(|(_, n)| j > n) {
                best = Some((code, j));
            }
        }
        best
    }

    /// Reads `[sign] [currency] number [scale] [unit]` at `i`.
    fn figure(&self, i: usize) -> Option<Figure> {
        let mut j = i;
        let mut sign = 1.0;
        if let Some(s) = self.sym(j) {
            let first_or_spaced =
                j == 0 || self.toks[j].space_before || self.sym(j - 1) == Some("(");
            if matches!(s, "-" | "−" | "+") && first_or_spaced && self.glued(j + 1) {
                sign = if s == "+" { 1.0 } else { -1.0 };
                j += 1;
            }
        } else if self.word(j).is_some_and(|w| lx::MINUS_WORDS.contains(&w)) {
            sign = -1.0;
            j += 1;
        }
        let mut currency = None;
        if let Some((code, n)) = self.currency_prefix(j) {
            currency = Some(code);
            j = n;
        }
        let t = self.toks.get(j)?;
        let mut fig = match t.kind {
            Kind::Num => self.digit_number(j, currency.is_some() || sign < 0.0 || j > i)?,
            Kind::Word => self.word_figure(j)?,
            _ => return None,
        };
        fig.first = i;
        fig.value *= sign;
        if sign < 0.0 || currency.is_some() {
            fig.year_like = false;
        }
        if currency.is_some() {
            if fig.unit.is_some() {
                return None;
            }
            fig.unit = Some(Unit::Money);
            fig.currency = currency;
        }
        if fig.unit != Some(Unit::Ordinal) {
            self.unit_suffix(&mut fig);
        }
        if !fig.value.is_finite() || !fig.half.is_finite() {
            return None;
        }
        Some(fig)
    }

    /// A digit group with what is glued to it ("32nd", "5m", "14.8%") and a spaced scale word.
    fn digit_number(&self, j: usize, marked: bool) -> Option<Figure> {
        let raw = self.raw(j);
        // Glued to a word or to "word-" on the left: "G20", "G-77", "COVID-19".
        if !marked && j > 0 && self.glued(j) {
            let prev = &self.toks[j - 1];
            if prev.kind == Kind::Word || prev.kind == Kind::Num {
                return None;
            }
            // "G-77", "COVID-19", "mid-2004" are labels; "magnitude-5.2" is a measure and its
            // figure.
            if self.sym(j - 1) == Some("-")
                && j >= 2
                && self.glued(j - 1)
                && self.toks[j - 2].kind == Kind::Word
                && (self.raw(j - 2).chars().any(char::is_uppercase)
                    || self.raw(j - 2).chars().count() <= 3)
            {
                return None;
            }
        }
        // One comma with one or two digits after it is a decimal comma (the scanner keeps it in
        // the token only before a percent: "14,8 %").
        let decimal_comma = !raw.contains('.')
            && raw.matches(',').count() == 1
            && raw
                .rsplit(',')
                .next()
                .is_some_and(|t| (1..=2).contains(&t.len()));
        let digits: String = raw
            .chars()
            .map(|c| if c == ',' && decimal_comma { '.' } else { c })
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
        let value: f64 = digits.parse().ok()?;
        let grouped = digits.len() != raw.len();
        let mut fig = Figure {
            first: j,
            next: j + 1,
            value,
            half: 0.5 * 10f64.powi(-(decimals as i32)),
            scaled: false,
            scale: 1.0,
            decimal: decimals > 0,
            unit: None,
            currency: None,
            int_digits: (decimals == 0 && !grouped).then_some(digits.len()),
            year_like: decimals == 0
                && !grouped
                && digits.len() == 4
                && (1000.0..2200.0).contains(&value),
            digits,
        };
        // Glued suffix.
        if self.glued(j + 1) {
            if let Some(w) = self.word(j + 1) {
                if matches!(w, "st" | "nd" | "rd" | "th") && decimals == 0 {
                    fig.unit = Some(Unit::Ordinal);
                    fig.year_like = false;
                    fig.next = j + 2;
                    return self.not_glued_right(fig);
                }
                let sc = lx::scale_word(w)?;
                self.apply_scale(&mut fig, sc.factor);
                fig.next = j + 2;
                return self.not_glued_right(fig);
            }
        }
        if let Some(sc) = self
            .word(j + 1)
            .and_then(lx::scale_word)
            .filter(|s| s.spaced)
        {
            self.apply_scale(&mut fig, sc.factor);
            fig.next = j + 2;
        } else if self.sym(j + 1) == Some("-") && self.glued(j + 1) && self.glued(j + 2) {
            // "$140-million", "a 2-billion-euro deal": the scale hyphenated as a modifier.
            if let Some(sc) = self
                .word(j + 2)
                .and_then(lx::scale_word)
                .filter(|s| s.spaced)
            {
                self.apply_scale(&mut fig, sc.factor);
                fig.next = j + 3;
            }
        }
        Some(fig)
    }

    /// A figure must not run into letters on its right ("29km", "1990s").
    fn not_glued_right(&self, fig: Figure) -> Option<Figure> {
        if self.glued(fig.next) && self.toks[fig.next].kind == Kind::Word {
            return None;
        }
        Some(fig)
    }

    fn apply_scale(&self, fig: &mut Figure, factor: f64) {
        fig.value *= factor;
        fig.half *= factor;
        fig.scale = factor;
        fig.scaled = true;
        fig.year_like = false;
    }

    fn word_figure(&self, j: usize) -> Option<Figure> {
        let w = self.word_number(j)?;
        Some(Figure {
            first: j,
            next: w.next,
            value: w.value,
            half: 0.5 * w.last_mult,
            scaled: w.has_scale,
            scale: 1.0,
            decimal: false,
            unit: w.ordinal.then_some(Unit::Ordinal),
            currency: None,
            digits: String::new(),
            year_like: false,
            int_digits: None,
        })
    }

    /// Reads a number written in words: "six", "twenty-two", "one hundred and five",
    /// "a dozen", "three million", "twenty-first".
    fn word_number(&self, i: usize) -> Option<WordNumber> {
        let mut state = WState::Start;
        let (mut total, mut current) = (0.0f64, 0.0f64);
        let mut last_mult = 1.0;
        let mut last_scale = f64::INFINITY;
        let mut has_scale = false;
        let mut j = i;
        let mut end = None;
        let mut ordinal = false;
        loop {
            // "twenty-two": a hyphen may join a tens word to a unit.
            let hyphen = state == WState::Tens
                && self.sym(j) == Some("-")
                && self.glued(j)
                && self.glued(j + 1);
            if hyphen {
                j += 1;
            }
            let Some(w) = self.word(j) else {
                break;
            };
            if j > i && !self.toks[j].space_before && !hyphen {
                break;
            }
            let small = lx::small_word(w).map(|v| (v, false));
            let ord = lx::ordinal_word(w).map(|v| (v, true));
            let next_state;
            match small.or(ord) {
                Some((v, is_ord)) if v < 100 => {
                    let kind = if v < 10 {
                        WState::Unit
                    } else if v < 20 {
                        WState::Teen
                    } else {
                        WState::Tens
                    };
                    let ok = match state {
                        WState::Start | WState::Hundred | WState::Scale | WState::And => true,
                        WState::Tens => kind == WState::Unit,
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    current += f64::from(v);
                    last_mult = 1.0;
                    next_state = kind;
                    ordinal = is_ord;
                }
                Some((v, is_ord)) => {
                    // hundredth, thousandth, millionth
                    if !matches!(
                        state,
                        WState::Unit
                            | WState::Teen
                            | WState::Tens
                            | WState::Article
                            | WState::Start
                    ) {
                        break;
                    }
                    let f = f64::from(v);
                    if f >= last_scale {
                        break;
                    }
                    if f == 100.0 {
                        current = current.max(1.0) * 100.0;
                    } else {
                        total += current.max(1.0) * f;
                        current = 0.0;
                    }
                    last_mult = f;
                    ordinal = is_ord;
                    next_state = WState::Scale;
                }
                None => match w {
                    "a" if state == WState::Start => next_state = WState::Article,
                    "hundred" if matches!(state, WState::Unit | WState::Teen | WState::Article) => {
                        current = current.max(1.0) * 100.0;
                        last_mult = 100.0;
                        next_state = WState::Hundred;
                    }
                    "dozen" if matches!(state, WState::Unit | WState::Article) => {
                        current = current.max(1.0) * 12.0;
                        last_mult = 1.0;
                        j += 1;
                        end = Some(j);
                        break;
                    }
                    "and" if matches!(state, WState::Hundred | WState::Scale) => {
                        let next_small = self.word(j + 1).is_some_and(|n| {
                            lx::small_word(n).is_some()
                                || lx::ordinal_word(n).is_some_and(|v| v < 100)
                        });
                        if !next_small {
                            break;
                        }
                        next_state = WState::And;
                    }
                    _ => {
                        let Some(sc) = lx::scale_word(w).filter(|s| s.word.len() > 3) else {
                            break;
                        };
                        if matches!(state, WState::Start | WState::And | WState::Scale)
                            || sc.factor >= last_scale
                        {
                            break;
                        }
                        total += current.max(1.0) * sc.factor;
                        current = 0.0;
                        last_mult = sc.factor;
                        last_scale = sc.factor;
                        has_scale = true;
                        next_state = WState::Scale;
                    }
                },
            }
            state = next_state;
            j += 1;
            if !matches!(state, WState::Article | WState::And) {
                end = Some(j);
            }
            if ordinal {
                break;
            }
        }
        let next = end?;
        Some(WordNumber {
            value: total + current,
            last_mult,
            has_scale,
            ordinal,
            next,
        })
    }

    /// Percent, percentage-point or currency words after the number.
    fn unit_suffix(&self, fig: &mut Figure) {
        let j = fig.next;
        for p in lx::POINT_SUFFIXES {
            if let Some(n) = self.suffix(j, p) {
                if fig.unit.is_none() {
                    fig.unit = Some(Unit::PercentagePoints);
                    fig.next = n;
                    fig.year_like = false;
                }
                return;
            }
        }
        for p in lx::PERCENT_SUFFIXES {
            if let Some(n) = self.suffix(j, p) {
                if fig.unit.is_none() {
                    fig.unit = Some(Unit::Percent);
                    fig.next = n;
                    fig.year_like = false;
                }
                return;
            }
        }
        if fig.unit.is_none() {
            if let Some((code, n)) = self.longest(j, &CURRENCY_SUFFIXES) {
                if self.toks[j].space_before || self.toks[j].kind != Kind::Word {
                    fig.unit = Some(Unit::Money);
                    fig.currency = Some(code);
                    fig.next = n;
                    fig.year_like = false;
                }
            }
        }
    }

    /// A unit phrase right after a figure; words must be spaced from the digits unless they are
    /// symbols ("14.8%") and must not run on into more letters.
    fn suffix(&self, j: usize, p: &str) -> Option<usize> {
        let t = self.toks.get(j)?;
        if t.kind == Kind::Word && !t.space_before && !matches!(p, "pct" | "pp" | "ppt" | "ppts") {
            return None;
        }
        let n = self.phrase(j, p)?;
        if self
            .toks
            .get(n)
            .is_some_and(|t| t.kind == Kind::Word && !t.space_before)
        {
            return None;
        }
        Some(n)
    }

    /// Is the figure a label or a day of the month rather than an amount?
    fn is_label(&self, a: &Figure) -> bool {
        let i = a.first;
        if a.unit.is_some_and(|u| u != Unit::Ordinal) || a.scaled {
            return false;
        }
        let first_is_number = matches!(self.toks[i].kind, Kind::Num | Kind::Word);
        if !first_is_number {
            return false;
        }
        let small_int = !a.decimal && a.value.fract() == 0.0 && (1.0..=31.0).contains(&a.value);
        // "13 December", "13th December"
        if small_int && self.word(a.next).is_some_and(lx::is_month) && self.is_capitalised(a.next) {
            return true;
        }
        if i == 0 {
            return false;
        }
        let p = i - 1;
        // "No. 15", "Art. 5", "#3"
        if self.sym(p) == Some(".")
            && p > 0
            && matches!(
                self.word(p - 1),
                Some(
                    "no" | "nos"
                        | "art"
                        | "vol"
                        | "ch"
                        | "sec"
                        | "fig"
                        | "para"
                        | "pt"
                        | "p"
                        | "pp"
                )
            )
        {
            return true;
        }
        if self.sym(p) == Some("#") && self.glued(i) {
            return true;
        }
        let Some(pw) = self.word(p) else {
            return false;
        };
        // A capitalised number word mid-sentence is part of a name ("Group of Seven").
        if self.toks[i].kind == Kind::Word && self.is_capitalised(i) {
            return true;
        }
        if !self.is_capitalised(p) {
            return false;
        }
        if lx::is_month(pw) {
            return small_int && !a.year_like;
        }
        if lx::is_leading_function_word(pw) {
            return false;
        }
        let raw = self.raw(p);
        let acronym = raw.chars().count() >= 2 && raw.chars().all(|c| c.is_uppercase());
        // At the start of a sentence a capitalised word is still a name ("Directive 15 says"),
        // unless it reads as a verb form ("Entering 2024", "Excluding 5").
        let verb_form = pw.ends_with("ing") || pw.ends_with("ed");
        acronym || !self.sentence_initial(p) || !verb_form
    }

    /// Is token `p` the first of its sentence (or line)?
    fn sentence_initial(&self, p: usize) -> bool {
        if p == 0 {
            return true;
        }
        let gap = &self.src[self.toks[p - 1].end..self.toks[p].start];
        if gap.contains('\n') {
            return true;
        }
        matches!(
            self.sym(p - 1),
            Some("." | "!" | "?" | "\"" | "“" | "‘" | "(" | "|" | "-" | "–" | "—" | "…")
        )
    }

    fn vague(&self, i: usize) -> Option<(Quantity, usize)> {
        // Only a phrase that starts with the token's first byte can match.
        if i >= self.toks.len() {
            return None;
        }
        let first = self.lower[i].as_bytes().first();
        let (&(_, lo, hi), mut next) = lx::VAGUE
            .iter()
            .filter(|v| v.0.as_bytes().first() == first)
            .filter_map(|v| self.phrase(i, v.0).map(|n| (v, n)))
            .max_by_key(|&(_, n)| n)?;
        // "hundreds of 2023 reports" is not vague.
        if self.toks.get(next).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        let mut unit = Unit::Number;
        let mut currency = None;
        if let Some((code, n)) = self.longest(next, &CURRENCY_SUFFIXES) {
            unit = Unit::Money;
            currency = Some(code);
            next = n;
        }
        let q = self.make(
            i,
            next,
            unit,
            currency,
            None,
            Interval::half_open(lo, hi),
            Hedge::Vague,
            false,
            String::new(),
        );
        Some((q, next))
    }

    /// "more than 100 and less than 300": a one-sided figure joined by "and" to one bounded on
    /// the other side is one claim, the interval between them.
    fn bounded_both_sides(&self, i: usize, q: &Quantity, next: usize) -> Option<(Quantity, usize)> {
        let one_sided = |h: Hedge| match h {
            Hedge::Over | Hedge::AtLeast => Some(true),
            Hedge::Under | Hedge::AtMost => Some(false),
            _ => None,
        };
        let lower = one_sided(q.hedge)?;
        if self.word(next) != Some("and") {
            return None;
        }
        let (h2, after) = self.hedge(next + 1)?;
        if one_sided(h2)? == lower {
            return None;
        }
        let b = self.figure(after)?;
        if b.unit.is_some_and(|u| u != q.unit) || (b.currency.is_some() && b.currency != q.currency)
        {
            return None;
        }
        let (second, end) = self.hedged(next + 1, &b, h2);
        let interval = q.interval.intersect(&second.interval);
        if interval.is_empty() {
            return None;
        }
        let (unit, currency) = (q.unit, q.currency.or(second.currency));
        Some((
            self.make(
                i,
                end,
                unit,
                currency,
                None,
                interval,
                Hedge::Range,
                false,
                String::new(),
            ),
            end,
        ))
    }

    /// "between 6 and 7 percent", "between 2023 and 2025".
    fn between(&self, i: usize) -> Option<(Quantity, usize)> {
        let a = self.figure(i + 1)?;
        if self.word(a.next) != Some("and") {
            return None;
        }
        let b = self.figure(a.next + 1)?;
        let (lo, hi, unit, cur) = self.combine(&a, &b)?;
        Some(self.range(i, b.next, lo, hi, unit, cur))
    }

    /// After figure `a`: "-7%", "– 2025", "to 7 percent", "-25" (short year).
    fn range_tail(&self, a: &Figure) -> Option<(f64, f64, Unit, Option<&'static str>, usize)> {
        let j = a.next;
        let dash = matches!(self.sym(j), Some("-" | "–" | "—"));
        let to = match self.word(j) {
            Some("to") => true,
            // "20 through 100": only between figures of one unit ("5% through 2025" is not).
            Some("through" | "thru") => self
                .figure_no_sign(j + 1)
                .is_some_and(|b| b.unit == a.unit && b.currency == a.currency),
            _ => false,
        };
        if !dash && !to {
            return None;
        }
        if dash && self.glued(j) != self.glued(j + 1) {
            // "6 -7" is a list or a sign, not a range.
            return None;
        }
        let b = self.figure_no_sign(j + 1)?;
        if b.year_like && !a.year_like && a.int_digits == Some(4) {
            return None;
        }
        // "from 6 to 7 percent" is a range, but "rose from 5% to 7%" is a change: two figures.
        let from = to && a.first > 0 && self.word(a.first - 1) == Some("from");
        if from {
            let change = (a.first.saturating_sub(4)..a.first - 1)
                .any(|k| self.word(k).is_some_and(|w| lx::CHANGE_WORDS.contains(&w)));
            if change && !(a.year_like && b.year_like) {
                return None;
            }
        }
        // "rose $1.64 to $47.10", "fell 2% to 3.5%": after a verb of change, two figures that
        // each carry their mark are the change and the new level. A range shares one mark
        // ("rose 5 to 7 percent").
        let marked = |f: &Figure| f.unit.is_some() || f.currency.is_some();
        if to
            && marked(a)
            && marked(&b)
            && a.first > 0
            && self
                .word(a.first - 1)
                .is_some_and(|w| lx::CHANGE_WORDS.contains(&w) || w == "by")
        {
            return None;
        }
        let (lo, hi, unit, cur) = self.combine(a, &b)?;
        Some((lo, hi, unit, cur, b.next))
    }

    /// A fraction: "two-thirds", "three-quarters", "a third", "one fifth", "one in five",
    /// read as the number it is (2/3, 3/4, 1/3, 1/5, 1/5), never as its whole-number words.
    /// "half a trillion dollars" is a scaled amount (5e11, within a tenth of the scale).
    fn fraction(&self, i: usize) -> Option<(Quantity, usize)> {
        let w = self.word(i)?;
        if w == "half" && self.word(i + 1) == Some("a") {
            let sc = self
                .word(i + 2)
                .and_then(lx::scale_word)
                .filter(|s| s.spaced)?;
            let mut fig = Figure {
                first: i,
                next: i + 3,
                value: 0.5 * sc.factor,
                half: 0.05 * sc.factor,
                scaled: true,
                scale: sc.factor,
                decimal: false,
                unit: None,
                currency: None,
                digits: String::new(),
                year_like: false,
                int_digits: None,
            };
            self.unit_suffix(&mut fig);
            let q = self.make(
                i,
                fig.next,
                fig.unit.unwrap_or(Unit::Number),
                fig.currency,
                Some(fig.value),
                Interval::closed(tidy(fig.value - fig.half), tidy(fig.value + fig.half)),
                Hedge::None,
                true,
                String::new(),
            );
            return Some((q, fig.next));
        }
        // "one in five"
        if w == "one" && self.word(i + 1) == Some("in") {
            let n = self.word_number(i + 2)?;
            if n.value >= 2.0 && !n.ordinal {
                return Some(self.fraction_of(i, n.next, 1.0 / n.value));
            }
            return None;
        }
        // "two-thirds", "a third", "one quarter"
        let (num, at) = if w == "a" || w == "an" {
            (1.0, i + 1)
        } else {
            let n = self.word_number(i)?;
            if n.ordinal || n.has_scale {
                return None;
            }
            let at = if self.sym(n.next) == Some("-") && self.glued(n.next) {
                n.next + 1
            } else {
                n.next
            };
            (n.value, at)
        };
        let denom = lx::FRACTIONS
            .iter()
            .find(|(f, _)| self.word(at) == Some(f))
            .map(|&(_, d)| d)?;
        // "a third" as a fraction; "the third" and "third-largest" are ordinals, and "a fifth
        // straight win" is one: only a fraction followed by "of" or the end of a phrase.
        if (w == "a" || w == "an")
            && !matches!(self.word(at + 1), Some("of") | None)
            && self.toks.get(at + 1).is_some_and(|t| t.kind == Kind::Word)
        {
            return None;
        }
        Some(self.fraction_of(i, at + 1, num / denom))
    }

    /// A decade: "the 1980s", "the 1990's" are the years 1980 to 1989.
    fn decade(&self, i: usize) -> Option<(Quantity, usize)> {
        if self.toks.get(i)?.kind != Kind::Num || !self.glued(i + 1) {
            return None;
        }
        let raw = self.raw(i);
        let year: i32 = raw.parse().ok()?;
        if raw.len() != 4 || !(1000..2200).contains(&year) || year % 10 != 0 {
            return None;
        }
        let next = match (self.sym(i + 1), self.word(i + 1), self.word(i + 2)) {
            (_, Some("s"), _) => i + 2,
            (Some("'" | "’"), _, Some("s")) if self.glued(i + 2) => i + 3,
            _ => return None,
        };
        if self.glued(next) && self.toks[next].kind == Kind::Word {
            return None;
        }
        let (lo, hi) = (f64::from(year), f64::from(year + 9));
        Some(self.range(i, next, lo, hi, Unit::YearRange, None))
    }

    fn fraction_of(&self, i: usize, next: usize, value: f64) -> (Quantity, usize) {
        let q = self.make(
            i,
            next,
            Unit::Number,
            None,
            Some(value),
            Interval::point(tidy(value)),
            Hedge::None,
            false,
            String::new(),
        );
        (q, next)
    }

    /// Where a range starting with figure `a` begins: at "from" when it introduces the range.
    fn range_start(&self, a: &Figure) -> usize {
        if a.first > 0
            && self.word(a.first - 1) == Some("from")
            && matches!(self.word(a.next), Some("to" | "through" | "thru"))
        {
            a.first - 1
        } else {
            a.first
        }
    }

    fn figure_no_sign(&self, j: usize) -> Option<Figure> {
        if matches!(self.sym(j), Some("-" | "−" | "+")) {
            return None;
        }
        self.figure(j)
    }

    /// The interval ends and unit of a range "A-B", sharing scale and unit between the ends.
    fn combine(&self, a: &Figure, b: &Figure) -> Option<(f64, f64, Unit, Option<&'static str>)> {
        if a.unit == Some(Unit::Ordinal) || b.unit == Some(Unit::Ordinal) {
            return None;
        }
        // Year ranges: "2023-2027", "2023-25", "2023 to 2025".
        if a.year_like && a.unit.is_none() && b.unit.is_none() && !b.scaled && !b.decimal {
            let hi = match b.int_digits {
                Some(4) if b.year_like => Some(b.value),
                Some(2) => Some((a.value / 100.0).floor() * 100.0 + b.value),
                // "1000-5000": a range of counts that starts like a year.
                _ => None,
            };
            if let Some(hi) = hi {
                return (hi > a.value).then_some((a.value, hi, Unit::YearRange, None));
            }
        }
        if a.unit.is_some() && b.unit.is_some() && (a.unit != b.unit || a.currency != b.currency) {
            return None;
        }
        if a.scaled && b.scaled && a.scale != b.scale && a.value > b.value {
            return None;
        }
        let lo = if !a.scaled && b.scaled {
            a.value * b.scale
        } else {
            a.value
        };
        let hi = b.value;
        if lo >= hi || !lo.is_finite() || !hi.is_finite() {
            return None;
        }
        let unit = a.unit.or(b.unit).unwrap_or(Unit::Number);
        Some((tidy(lo), tidy(hi), unit, a.currency.or(b.currency)))
    }

    fn range(
        &self,
        i: usize,
        next: usize,
        lo: f64,
        hi: f64,
        unit: Unit,
        cur: Option<&'static str>,
    ) -> (Quantity, usize) {
        let digits = format!("{}-{}", fmt_digits(lo), fmt_digits(hi));
        let q = self.make(
            i,
            next,
            unit,
            cur,
            None,
            Interval::closed(lo, hi),
            Hedge::Range,
            false,
            digits,
        );
        (q, next)
    }

    fn hedged(&self, i: usize, a: &Figure, hedge: Hedge) -> (Quantity, usize) {
        // The stated value as printed: a scaled figure's raw product (4.1 x 1e6 =
        // 4099999.9999999995) must not become a bound. Around zero a relative tolerance is
        // nothing, so "nearly 0" spans half a unit of the last digit.
        let x = tidy(a.value);
        let d = match tidy(x.abs() * self.opts.tolerance) {
            d if d > 0.0 => d,
            _ if a.half > 0.0 => a.half,
            _ => 0.5,
        };
        let interval = match hedge {
            Hedge::About => Interval::closed(tidy(x - d), tidy(x + d)),
            Hedge::Nearly => Interval::half_open(tidy(x - d), x),
            Hedge::Over => Interval::above(x, false),
            Hedge::AtLeast => Interval::above(x, true),
            Hedge::Under => Interval::below(x, false),
            Hedge::AtMost => Interval::below(x, true),
            Hedge::JustOver => Interval::open_closed(x, tidy(x + d)),
            _ => Interval::point(x),
        };
        let unit = a.unit.unwrap_or(Unit::Number);
        let q = self.make(
            i,
            a.next,
            unit,
            a.currency,
            Some(x),
            interval,
            hedge,
            false,
            a.digits.clone(),
        );
        (q, a.next)
    }

    fn plain(&self, a: &Figure) -> Quantity {
        let unit = match a.unit {
            Some(u) => u,
            None if a.year_like => Unit::Year,
            None => Unit::Number,
        };
        let rounded = a.rounded() && unit != Unit::Ordinal;
        let interval = if rounded {
            Interval::half_open(tidy(a.value - a.half), tidy(a.value + a.half))
        } else {
            Interval::point(a.value)
        };
        self.make(
            a.first,
            a.next,
            unit,
            a.currency,
            Some(a.value),
            interval,
            Hedge::None,
            rounded,
            a.digits.clone(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn make(
        &self,
        first: usize,
        next: usize,
        unit: Unit,
        currency: Option<&'static str>,
        value: Option<f64>,
        interval: Interval,
        hedge: Hedge,
        rounded: bool,
        digits: String,
    ) -> Quantity {
        let start = self.toks[first].start;
        let end = self.toks[next - 1].end;
        // A figure past the range of a double ("0.<400 zeros>1") rounds to a bound equal to the
        // other: the interval would be empty and agree with nothing. It asserts the value it
        // could be read as (0, or infinity) instead.
        let interval = match (interval.is_empty(), value) {
            (true, Some(v)) => Interval::point(v),
            _ => interval,
        };
        Quantity {
            start,
            end,
            text: self.src[start..end].into(),
            unit,
            currency,
            value: value.map(tidy),
            interval,
            hedge,
            rounded,
            digits: digits.into(),
        }
    }
}

fn fmt_digits(x: f64) -> String {
    super::interval::fmt_num(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries of `table` whose phrase starts with `first`, found by scanning it.
    fn scanned<T>(table: &'static [(&'static str, T)], first: Option<u8>) -> Vec<&'static str> {
        table
            .iter()
            .filter(|(p, _)| p.as_bytes().first().copied() == first)
            .map(|(p, _)| *p)
            .collect()
    }

    fn grouped<T: Sync>(lexicon: &Lexicon<T>, first: Option<u8>) -> Vec<&'static str> {
        lexicon.starting_with(first).map(|(p, _)| *p).collect()
    }

    #[test]
    fn a_lexicon_group_is_its_tables_entries_with_that_first_byte_in_table_order() {
        let bytes = std::iter::once(None).chain((0..=255u8).map(Some));
        let mut seen = 0;
        for first in bytes {
            let a = grouped(&HEDGES, first);
            assert_eq!(a, scanned(lx::HEDGES, first));
            let b = grouped(&POST_HEDGES, first);
            assert_eq!(b, scanned(lx::POST_HEDGES, first));
            let c = grouped(&CURRENCY_SUFFIXES, first);
            assert_eq!(c, scanned(lx::CURRENCY_SUFFIXES, first));
            let d = grouped(&CURRENCY_PREFIXES, first);
            assert_eq!(d, scanned(lx::CURRENCY_PREFIXES, first));
            seen += a.len() + b.len() + c.len() + d.len();
        }
        assert_eq!(
            seen,
            lx::HEDGES.len()
                + lx::POST_HEDGES.len()
                + lx::CURRENCY_SUFFIXES.len()
                + lx::CURRENCY_PREFIXES.len()
        );
    }

    /// Texts where every kind of quantity starts on a word: each phrase of the lexicon's
    /// tables before a figure, a currency mark and a scale, as written and capitalised.
    fn lexicon_texts() -> Vec<String> {
        let mut phrases: Vec<&str> = Vec::new();
        phrases.extend(lx::VAGUE.iter().map(|v| v.0));
        phrases.extend(lx::HEDGES.iter().map(|h| h.0));
        phrases.extend(lx::SMALL.iter().map(|s| s.0));
        phrases.extend(lx::ORDINAL_WORDS.iter().map(|s| s.0));
        phrases.extend(lx::FRACTIONS.iter().map(|s| s.0));
        phrases.extend(lx::MINUS_WORDS);
        phrases.extend(lx::CURRENCY_PREFIXES.iter().map(|c| c.0));
        phrases.extend(["between", "half a", "one in", "a", "an", "the"]);
        let mut texts = Vec::new();
        for p in phrases {
            for tail in [
                "5 million",
                "US$3bn",
                "twenty-two",
                "third",
                "dozen",
                "of them",
            ] {
                texts.push(format!("Then {p} {tail} and {p}{tail}."));
                let mut chars = p.chars();
                let cap: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect();
                texts.push(format!("{cap} {tail}, said {cap}-{tail}."));
            }
        }
        texts
    }

    #[test]
    fn a_quantity_starts_on_no_word_the_quick_test_turns_away() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut texts = lexicon_texts();
        for entry in std::fs::read_dir(seeds).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        let (mut turned_away, mut found) = (0, 0);
        for text in &texts {
            let toks = tokenize(text);
            let lower = Lowered::new(text, &toks);
            let r = Reader {
                src: text,
                toks: &toks,
                lower: &lower,
                opts: ParseOptions::default(),
            };
            for i in 0..toks.len() {
                let quick = !r.may_start(i);
                let q = r.quantity_at(i);
                assert!(
                    !quick || q.is_none(),
                    "{:?} at {i} in {text}",
                    q.map(|q| q.0.text)
                );
                turned_away += usize::from(quick);
                found += usize::from(q.is_some());
            }
        }
        // The test is turned away often, and the texts hold quantities of every start.
        assert!(
            turned_away > 10_000 && found > 1_000,
            "{turned_away} {found}"
        );
    }
}
