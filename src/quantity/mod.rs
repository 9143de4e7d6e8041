//! The quantity model: finds figures in English prose and reads each into the interval it asserts.
//!
//! A figure in an article is not a number but a claim about an interval: "14.8%" means something
//! in `[14.75, 14.85)`, "nearly 15 percent" something in `[14.25, 15)`, "more than 30 products"
//! anything above 30. Everything downstream (comparison, consensus, typo detection, reports)
//! works on these intervals, so this module is the single place where prose becomes numbers.
//!
//! Layout: [`lexicon`] holds the word tables (number words, scales, hedges, currencies, units),
//! [`scan`] tokenises text with byte spans, [`parse`](parser) reads quantities off the tokens, and
//! [`interval`] holds the interval algebra used by comparison.

pub mod grammar;
pub mod interval;
pub(crate) mod lexicon;
mod parser;
pub(crate) mod scan;

pub use interval::{Bound, Interval};
pub use parser::{parse, parse_with, ParseOptions};

use serde::ser::SerializeStruct;
use serde::Serialize;

/// The default approximation tolerance δ: "about 100" is `[95, 105]`.
pub const DEFAULT_TOLERANCE: f64 = 0.05;

/// What a figure counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Number,
    Percent,
    PercentagePoints,
    Money,
    Year,
    YearRange,
    Ordinal,
}

impl Unit {
    pub const ALL: [Unit; 7] = [
        Unit::Number,
        Unit::Percent,
        Unit::PercentagePoints,
        Unit::Money,
        Unit::Year,
        Unit::YearRange,
        Unit::Ordinal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Number => "number",
            Unit::Percent => "percent",
            Unit::PercentagePoints => "percentage_points",
            Unit::Money => "money",
            Unit::Year => "year",
            Unit::YearRange => "year_range",
            Unit::Ordinal => "ordinal",
        }
    }

    pub fn from_name(name: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.as_str() == name)
    }
}

/// The static ISO 4217 code the lexicon knows for `code` (as read back from a claim file).
pub fn currency_code(code: &str) -> Option<&'static str> {
    lexicon::CURRENCY_PREFIXES
        .iter()
        .chain(lexicon::CURRENCY_SUFFIXES)
        .map(|(_, c)| *c)
        .find(|c| *c == code)
}

/// How the writer qualified the figure; decides the interval built around the stated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hedge {
    /// No qualifier: exact for counts, ordinals and years, rounded for decimals, scaled numbers,
    /// percentages and money.
    None,
    About,
    Nearly,
    Over,
    AtLeast,
    Under,
    AtMost,
    JustOver,
    Range,
    Vague,
}

impl Hedge {
    pub const ALL: [Hedge; 10] = [
        Hedge::None,
        Hedge::About,
        Hedge::Nearly,
        Hedge::Over,
        Hedge::AtLeast,
        Hedge::Under,
        Hedge::AtMost,
        Hedge::JustOver,
        Hedge::Range,
        Hedge::Vague,
    ];

    pub fn from_name(name: &str) -> Option<Hedge> {
        Hedge::ALL.into_iter().find(|h| h.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Hedge::None => "none",
            Hedge::About => "about",
            Hedge::Nearly => "nearly",
            Hedge::Over => "over",
            Hedge::AtLeast => "at_least",
            Hedge::Under => "under",
            Hedge::AtMost => "at_most",
            Hedge::JustOver => "just_over",
            Hedge::Range => "range",
            Hedge::Vague => "vague",
        }
    }
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte offset of the first byte of the figure (hedge words included).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The figure as written, `text[start..end]`.
    pub text: crate::text::Excerpt,
    pub unit: Unit,
    /// ISO 4217 code for money.
    pub currency: Option<&'static str>,
    /// The stated value x; `None` for ranges and vague amounts.
    pub value: Option<f64>,
    pub interval: Interval,
    pub hedge: Hedge,
    /// True when the interval is the rounding interval of the written digits rather than the
    /// point itself (only meaningful for `Hedge::None`).
    pub rounded: bool,
    /// The digits as written, without separators, sign or scale ("14.8", "193"); used to
    /// detect typos. Empty for word numbers.
    pub digits: Digits,
}

/// A figure's digits as written (see [`Quantity::digits`]): held in place up to
/// [`Digits::INLINE`] bytes, which is every figure of real prose, so a claim costs no heap
/// allocation for them (a `String` each was a measurable share of a large run's memory);
/// longer ones on the heap.
#[derive(Clone, PartialEq, Eq)]
pub struct Digits(DigitsRepr);

#[derive(Clone, PartialEq, Eq)]
enum DigitsRepr {
    Inline {
        len: u8,
        bytes: [u8; Digits::INLINE],
    },
    Heap(Box<str>),
}

impl Digits {
    /// The longest digit string held without an allocation.
    pub const INLINE: usize = 22;

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always the bytes of a `str` cut at its end, so this never fails.
            DigitsRepr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            DigitsRepr::Heap(s) => s,
        }
    }
}

impl Default for Digits {
    fn default() -> Self {
        Digits::from("")
    }
}

impl From<&str> for Digits {
    fn from(s: &str) -> Self {
        match u8::try_from(s.len()) {
            Ok(len) if s.len() <= Digits::INLINE => {
                let mut bytes = [0; Digits::INLINE];
                bytes[..s.len()].copy_from_slice(s.as_bytes());
                Digits(DigitsRepr::Inline { len, bytes })
            }
            _ => Digits(DigitsRepr::Heap(s.into())),
        }
    }
}

impl From<String> for Digits {
    fn from(s: String) -> Self {
        Digits::from(s.as_str())
    }
}

impl std::ops::Deref for Digits {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Quantity", 11)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &self.end)?;
        st.serialize_field("unit", self.unit.as_str())?;
        st.serialize_field("currency", &self.currency)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("lo", &self.interval.lo.map(|b| b.value))?;
        st.serialize_field("hi", &self.interval.hi.map(|b| b.value))?;
        st.serialize_field(
            "lo_inclusive",
            &self.interval.lo.is_some_and(|b| b.inclusive),
        )?;
        st.serialize_field(
            "hi_inclusive",
            &self.interval.hi.is_some_and(|b| b.inclusive),
        )?;
        st.serialize_field("hedge", self.hedge.as_str())?;
        st.end()
    }
}

impl std::fmt::Display for Quantity {
    /// `nearly 15 percent -> percent [14.25, 15), hedge nearly`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} -> {}", self.text, self.unit.as_str())?;
        if let Some(c) = self.currency {
            write!(f, " {c}")?;
        }
        write!(f, " {}, hedge {}", self.interval, self.hedge.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Digits;

    #[test]
    fn digits_read_back_as_written_on_either_side_of_the_inline_limit() {
        let long = "1".repeat(Digits::INLINE + 1);
        for s in ["", "14.8", "1234567890123456789012", long.as_str()] {
            let d = Digits::from(s);
            assert_eq!(d.as_str(), s);
            assert_eq!(d, Digits::from(s.to_string()));
            assert_eq!(format!("{d:?}"), format!("{s:?}"));
        }
        assert_ne!(Digits::from("12"), Digits::from("21"));
        assert_eq!(Digits::default().as_str(), "");
    }
}
