//! Word tables of the quantity model: number words, scales, hedges, currencies, units.
//!
//! These tables are the single source of vocabulary: the parser reads with them and the rule
//! language's `{quantity}` placeholder is expanded from them, so a phrase the parser understands
//! is always one a rule can match.

use super::Hedge;

/// Cardinal number words below one hundred that stand alone ("six", "twelve", "forty").
pub const SMALL: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Ordinal words and the number they name ("first" = 1, "fiftieth" = 50).
pub const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
    ("thousandth", 1_000),
    ("millionth", 1_000_000),
];

/// Scale words written out or abbreviated. `spaced` abbreviations may stand apart from the
/// digits ("5 bn"); the others only attach to them ("$5m", "20k"), where they cannot be read as
/// metres or a letter.
pub struct Scale {
    pub word: &'static str,
    pub factor: f64,
    pub spaced: bool,
}

pub const SCALES: &[Scale] = &[
    scale("thousand", 1e3, true),
    scale("million", 1e6, true),
    scale("billion", 1e9, true),
    scale("trillion", 1e12, true),
    scale("k", 1e3, false),
    scale("m", 1e6, false),
    scale("b", 1e9, false),
    scale("mn", 1e6, true),
    scale("mln", 1e6, true),
    scale("bn", 1e9, true),
    scale("bln", 1e9, true),
    scale("lakh", 1e5, true),
    scale("lakhs", 1e5, true),
    scale("crore", 1e7, true),
    scale("crores", 1e7, true),
    scale("tn", 1e12, true),
    scale("trn", 1e12, true),
];

const fn scale(word: &'static str, factor: f64, spaced: bool) -> Scale {
    Scale {
        word,
        factor,
        spaced,
    }
}

/// Hedges that precede a figure, longest first within each meaning so that "just over" wins
/// over "over". Matching is by lower-cased words; "~" is a symbol hedge.
/// Hedges written after the figure: "30 or more", "5% or less".
pub const POST_HEDGES: &[(&str, Hedge)] = &[
    ("or more", Hedge::AtLeast),
    ("or above", Hedge::AtLeast),
    ("or higher", Hedge::AtLeast),
    ("or greater", Hedge::AtLeast),
    ("or over", Hedge::AtLeast),
    ("and above", Hedge::AtLeast),
    ("and over", Hedge::AtLeast),
    ("or less", Hedge::AtMost),
    ("or fewer", Hedge::AtMost),
    ("or below", Hedge::AtMost),
    ("or lower", Hedge::AtMost),
    ("or under", Hedge::AtMost),
    ("and below", Hedge::AtMost),
    ("and under", Hedge::AtMost),
];

pub const HEDGES: &[(&str, Hedge)] = &[
    ("slightly more than", Hedge::JustOver),
    ("a little over", Hedge::JustOver),
    ("a little more than", Hedge::JustOver),
    ("slightly above", Hedge::JustOver),
    ("slightly over", Hedge::JustOver),
    ("just over", Hedge::JustOver),
    ("just above", Hedge::JustOver),
    ("just under", Hedge::Nearly),
    ("just below", Hedge::Nearly),
    ("close to", Hedge::Nearly),
    ("nearly", Hedge::Nearly),
    ("almost", Hedge::Nearly),
    ("approaching", Hedge::Nearly),
    ("in excess of", Hedge::Over),
    ("upwards of", Hedge::Over),
    ("greater than", Hedge::Over),
    ("larger than", Hedge::Over),
    ("higher than", Hedge::Over),
    ("more than", Hedge::Over),
    ("exceeding", Hedge::Over),
    ("exceeds", Hedge::Over),
    ("exceeded", Hedge::Over),
    ("surpassing", Hedge::Over),
    ("surpassed", Hedge::Over),
    ("surpasses", Hedge::Over),
    ("above", Hedge::Over),
    ("over", Hedge::Over),
    ("no less than", Hedge::AtLeast),
    ("not less than", Hedge::AtLeast),
    ("no fewer than", Hedge::AtLeast),
    ("not fewer than", Hedge::AtLeast),
    ("a minimum of", Hedge::AtLeast),
    ("at least", Hedge::AtLeast),
    ("no more than", Hedge::AtMost),
    ("not more than", Hedge::AtMost),
    ("a maximum of", Hedge::AtMost),
    ("as many as", Hedge::AtMost),
    ("as much as", Hedge::AtMost),
    ("at most", Hedge::AtMost),
    ("up to", Hedge::AtMost),
    ("fewer than", Hedge::Under),
    ("less than", Hedge::Under),
    ("smaller than", Hedge::Under),
    ("lower than", Hedge::Under),
    ("under", Hedge::Under),
    ("below", Hedge::Under),
    ("an estimated", Hedge::About),
    ("approximately", Hedge::About),
    ("estimated", Hedge::About),
    ("roughly", Hedge::About),
    ("around", Hedge::About),
    ("can reach", Hedge::About),
    ("could reach", Hedge::About),
    ("about", Hedge::About),
    ("circa", Hedge::About),
    ("approx", Hedge::About),
    ("some", Hedge::About),
    ("~", Hedge::About),
];

/// Vague amounts: (words, interval [lo, hi)). Longest first.
pub const VAGUE: &[(&str, f64, f64)] = &[
    ("tens of thousands of", 2e4, 1e5),
    ("hundreds of thousands of", 2e5, 1e6),
    ("tens of millions of", 2e7, 1e8),
    ("hundreds of millions of", 2e8, 1e9),
    ("tens of billions of", 2e10, 1e11),
    ("hundreds of billions of", 2e11, 1e12),
    ("dozens of", 24.0, 100.0),
    ("hundreds of", 200.0, 1000.0),
    ("thousands of", 2000.0, 1e6),
    ("millions of", 2e6, 1e9),
    ("billions of", 2e9, 1e12),
];

/// Currency marks written before the figure: symbols and codes. Multi-token marks are written
/// with their tokens separated by spaces when spaced in text, and glued marks ("US$") as one
/// string: the matcher compares the exact source text of the tokens, ignoring case for codes.
pub const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("U.S.$", "USD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("NZ$", "NZD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₫", "VND"),
    ("₹", "INR"),
    ("R$", "BRL"),
    ("₽", "RUB"),
    ("₩", "KRW"),
    ("₺", "TRY"),
    ("₪", "ILS"),
    ("₦", "NGN"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("Rs", "INR"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("VND", "VND"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("JPY", "JPY"),
    ("AUD", "AUD"),
    ("CAD", "CAD"),
    ("CHF", "CHF"),
    ("INR", "INR"),
    ("KRW", "KRW"),
    ("SGD", "SGD"),
    ("HKD", "HKD"),
    ("RUB", "RUB"),
    ("BRL", "BRL"),
    ("ZAR", "ZAR"),
    ("TRY", "TRY"),
    ("MXN", "MXN"),
    ("IDR", "IDR"),
    ("THB", "THB"),
    ("MYR", "MYR"),
    ("PLN", "PLN"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
    ("DKK", "DKK"),
    ("ILS", "ILS"),
    ("AED", "AED"),
    ("SAR", "SAR"),
    ("NGN", "NGN"),
    ("EGP", "EGP"),
    ("PKR", "PKR"),
    ("TWD", "TWD"),
    ("UAH", "UAH"),
    ("HUF", "HUF"),
    ("CZK", "CZK"),
    ("KES", "KES"),
    ("NZD", "NZD"),
];

/// Currency words and codes written after the figure ("700 billion USD", "5 million euros").
/// Lower-case word sequences.
pub const CURRENCY_SUFFIXES: &[(&str, &str)] = &[
    ("us dollars", "USD"),
    ("us dollar", "USD"),
    ("u.s. dollars", "USD"),
    ("american dollars", "USD"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("usd", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("eur", "EUR"),
    ("pounds sterling", "GBP"),
    ("sterling", "GBP"),
    ("gbp", "GBP"),
    ("vietnamese dong", "VND"),
    ("vnd", "VND"),
    ("dong", "VND"),
    ("chinese yuan", "CNY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rmb", "CNY"),
    ("cny", "CNY"),
    ("japanese yen", "JPY"),
    ("yen", "JPY"),
    ("jpy", "JPY"),
    ("swiss francs", "CHF"),
    ("chf", "CHF"),
    ("rupees", "INR"),
    ("inr", "INR"),
    ("roubles", "RUB"),
    ("rouble", "RUB"),
    ("rubles", "RUB"),
    ("ruble", "RUB"),
    ("rub", "RUB"),
    ("brazilian reais", "BRL"),
    ("reais", "BRL"),
    ("brl", "BRL"),
    ("rand", "ZAR"),
    ("zar", "ZAR"),
    ("turkish lira", "TRY"),
    ("lira", "TRY"),
    ("mexican pesos", "MXN"),
    ("mxn", "MXN"),
    ("rupiah", "IDR"),
    ("idr", "IDR"),
    ("baht", "THB"),
    ("thb", "THB"),
    ("ringgit", "MYR"),
    ("myr", "MYR"),
    ("zloty", "PLN"),
    ("zlotys", "PLN"),
    ("pln", "PLN"),
    ("swedish kronor", "SEK"),
    ("sek", "SEK"),
    ("norwegian kroner", "NOK"),
    ("nok", "NOK"),
    ("danish kroner", "DKK"),
    ("dkk", "DKK"),
    ("shekels", "ILS"),
    ("shekel", "ILS"),
    ("ils", "ILS"),
    ("dirhams", "AED"),
    ("aed", "AED"),
    ("riyals", "SAR"),
    ("sar", "SAR"),
    ("naira", "NGN"),
    ("ngn", "NGN"),
    ("egyptian pounds", "EGP"),
    ("egp", "EGP"),
    ("pakistani rupees", "PKR"),
    ("pkr", "PKR"),
    ("hryvnia", "UAH"),
    ("hryvnias", "UAH"),
    ("uah", "UAH"),
    ("forints", "HUF"),
    ("forint", "HUF"),
    ("huf", "HUF"),
    ("koruna", "CZK"),
    ("czk", "CZK"),
    ("won", "KRW"),
    ("australian dollars", "AUD"),
    ("canadian dollars", "CAD"),
    ("hong kong dollars", "HKD"),
    ("singapore dollars", "SGD"),
    ("new zealand dollars", "NZD"),
    ("nzd", "NZD"),
    ("aud", "AUD"),
    ("cad", "CAD"),
    ("krw", "KRW"),
    ("sgd", "SGD"),
    ("hkd", "HKD"),
];

/// Percent marks after the figure. Lower-case word sequences; "%" is a symbol.
pub const PERCENT_SUFFIXES: &[&str] = &["%", "per cent", "percent", "pct", "percentage"];

/// Percentage-point marks after the figure, tried before the percent marks.
pub const POINT_SUFFIXES: &[&str] = &[
    "percentage points",
    "percentage point",
    "percent points",
    "per cent points",
    "pct points",
    "% points",
    "pp",
    "ppt",
    "ppts",
];

/// Words of change: "rose from 5% to 7%" states two figures, not a range.
pub const CHANGE_WORDS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "increased",
    "increase",
    "increases",
    "increasing",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "climbed",
    "climb",
    "climbing",
    "dropped",
    "drop",
    "dropping",
    "declined",
    "decline",
    "declining",
    "jumped",
    "jump",
    "surged",
    "soared",
    "plunged",
    "tumbled",
    "slipped",
    "slid",
    "went",
    "go",
    "cut",
    "raised",
    "raise",
    "lifted",
    "lowered",
    "reduced",
    "reduce",
    "up",
    "down",
    "changed",
    "moved",
    "expanded",
    "shrank",
    "narrowed",
    "widened",
    "revised",
    "doubled",
    "edged",
    "improved",
    "worsened",
    "boosted",
    "slashed",
];

/// Fraction words and their denominators: "two-thirds", "a quarter", "one fifth".
pub const FRACTIONS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("sixth", 6.0),
    ("sixths", 6.0),
    ("eighth", 8.0),
    ("eighths", 8.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
];

/// Words that introduce a negative figure.
pub const MINUS_WORDS: &[&str] = &["minus", "negative"];

/// Month names: a small number next to one is a day of the month, not a figure.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Capitalised words that may stand right before a figure without making it part of a name
/// ("In 2023", "By 2025", "Some 30 countries"). Any other capitalised word before a number
/// makes it a label: "COP 28", "Directive 15", "Article 5", "Windows 10".
pub const LEADING_FUNCTION_WORDS: &[&str] = &[
    "in",
    "by",
    "since",
    "from",
    "to",
    "of",
    "at",
    "on",
    "for",
    "until",
    "till",
    "the",
    "and",
    "or",
    "but",
    "with",
    "only",
    "just",
    "all",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "after",
    "before",
    "during",
    "between",
    "than",
    "as",
    "another",
    "last",
    "top",
    "within",
    "into",
    "through",
    "throughout",
    "across",
    "about",
    "around",
    "almost",
    "nearly",
    "over",
    "under",
    "some",
    "more",
    "less",
    "fewer",
    "up",
    "these",
    "those",
    "that",
    "this",
    "first",
    "then",
    "nearly",
    "roughly",
    "approximately",
    "exactly",
    "perhaps",
    "about",
    "while",
    "when",
    "where",
    "if",
    "whereas",
    "although",
    "though",
    "because",
    "so",
    "yet",
    "also",
    "still",
    "even",
    "each",
    "every",
    "per",
    "a",
    "an",
    "some",
    "both",
    "year",
    "years",
    "since",
    "circa",
    "estimated",
    "an",
    "total",
    "totalling",
    "totaling",
];

pub fn small_word(w: &str) -> Option<u32> {
    SMALL.iter().find(|(s, _)| *s == w).map(|&(_, v)| v)
}

pub fn ordinal_word(w: &str) -> Option<u32> {
    ORDINAL_WORDS.iter().find(|(s, _)| *s == w).map(|&(_, v)| v)
}

pub fn scale_word(w: &str) -> Option<&'static Scale> {
    SCALES.iter().find(|s| s.word == w)
}

/// A hash for short words looked up once per token: a multiply and a rotate per byte (the
/// default SipHash was a tenth of the quantity reader's time).
#[derive(Default)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word (lowercased) that a quantity may be read from: a number word ("five", "fifth",
/// "hundred", "dozen", "thousand"), a vague count ("dozens", "hundreds", "tens" of thousands)
/// or a fraction ("half", "a third"). Every quantity holds one, or a digit group.
pub fn is_anchor_word(w: &str) -> bool {
    static WORDS: std::sync::OnceLock<
        std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<WordHasher>>,
    > = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            SMALL
                .iter()
                .map(|(s, _)| *s)
                .chain(ORDINAL_WORDS.iter().map(|(s, _)| *s))
                .chain(SCALES.iter().map(|s| s.word))
                .chain(["hundred", "dozen"])
                .chain(VAGUE.iter().filter_map(|(p, _, _)| p.split(' ').next()))
                .chain(FRACTIONS.iter().map(|(f, _)| *f))
                .collect()
        })
        .contains(w)
}

/// Whether a quantity may start at a word (lowercased): the first word of a vague amount
/// ("tens of thousands of") or a hedge ("more than"), a word the reader of numbers in words
/// starts on (a number or ordinal word, "a"), a fraction's opening ("half", "an"), "between"
/// and a minus word. A quantity can start on no other word, save a currency mark, which is
/// matched on the token as written ([`CURRENCY_PREFIXES`]).
pub fn may_start_quantity(w: &str) -> bool {
    static WORDS: std::sync::OnceLock<
        std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<WordHasher>>,
    > = std::sync::OnceLock::new();
    let first = |p: &'static str| p.split(' ').next().unwrap_or(p);
    WORDS
        .get_or_init(|| {
            VAGUE
                .iter()
                .map(|(p, _, _)| first(p))
                .chain(HEDGES.iter().map(|(p, _)| first(p)))
                .chain(SMALL.iter().map(|(s, _)| *s))
                .chain(ORDINAL_WORDS.iter().map(|(s, _)| *s))
                .chain(MINUS_WORDS.iter().copied())
                .chain(["a", "an", "half", "one", "between"])
                .collect()
        })
        .contains(w)
}

pub fn is_month(w: &str) -> bool {
    MONTHS.contains(&w)
}

pub fn is_leading_function_word(w: &str) -> bool {
    LEADING_FUNCTION_WORDS.contains(&w)
}
