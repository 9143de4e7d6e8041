//! Intervals over the reals with open, closed or unbounded ends.
//!
//! Every figure in a text asserts an interval: "14.8%" is `[14.75, 14.85)`, "more than 30" is
//! `(30, ∞)`. Comparison (do two sources disagree?) and reporting (which source is more precise?)
//! are questions about these intervals, so the algebra lives here, next to the model.

use serde::Serialize;
use std::cmp::Ordering;

/// One end of an interval. `None` in [`Interval::lo`] / [`Interval::hi`] means unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    pub value: f64,
    pub inclusive: bool,
}

impl Bound {
    /// An end at `value`; `-0.0` is stored as `0.0`, so the two zeros are one end.
    pub fn new(value: f64, inclusive: bool) -> Self {
        Bound {
            value: value + 0.0,
            inclusive,
        }
    }
    pub fn closed(value: f64) -> Self {
        Bound::new(value, true)
    }
    pub fn open(value: f64) -> Self {
        Bound::new(value, false)
    }
}

/// An interval of the real line; either end may be unbounded (`None`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: Option<Bound>,
    pub hi: Option<Bound>,
}

impl Interval {
    /// `[x, x]`.
    pub fn point(x: f64) -> Self {
        Interval {
            lo: Some(Bound::closed(x)),
            hi: Some(Bound::closed(x)),
        }
    }
    /// `[lo, hi]`.
    pub fn closed(lo: f64, hi: f64) -> Self {
        Interval {
            lo: Some(Bound::closed(lo)),
            hi: Some(Bound::closed(hi)),
        }
    }
    /// `[lo, hi)`.
    pub fn half_open(lo: f64, hi: f64) -> Self {
        Interval {
            lo: Some(Bound::closed(lo)),
            hi: Some(Bound::open(hi)),
        }
    }
    /// `(lo, hi]`.
    pub fn open_closed(lo: f64, hi: f64) -> Self {
        Interval {
            lo: Some(Bound::open(lo)),
            hi: Some(Bound::closed(hi)),
        }
    }
    /// `(x, ∞)` or `[x, ∞)`.
    pub fn above(x: f64, inclusive: bool) -> Self {
        Interval {
            lo: Some(Bound::new(x, inclusive)),
            hi: None,
        }
    }
    /// `(-∞, x)` or `(-∞, x]`.
    pub fn below(x: f64, inclusive: bool) -> Self {
        Interval {
            lo: None,
            hi: Some(Bound::new(x, inclusive)),
        }
    }

    /// True when no real number lies in the interval.
    pub fn is_empty(&self) -> bool {
        match (self.lo, self.hi) {
            (Some(l), Some(h)) => match l.value.partial_cmp(&h.value) {
                Some(Ordering::Less) => false,
                Some(Ordering::Equal) => !(l.inclusive && h.inclusive),
                _ => true,
            },
            _ => false,
        }
    }

    /// Does the interval contain the number `x`?
    pub fn contains(&self, x: f64) -> bool {
        let lo_ok = match self.lo {
            None => true,
            Some(b) => x > b.value || (b.inclusive && x == b.value),
        };
        let hi_ok = match self.hi {
            None => true,
            Some(b) => x < b.value || (b.inclusive && x == b.value),
        };
        lo_ok && hi_ok
    }

    /// The intersection of two intervals (possibly empty).
    pub fn intersect(&self, other: &Interval) -> Interval {
        Interval {
            lo: max_lo(self.lo, other.lo),
            hi: min_hi(self.hi, other.hi),
        }
    }

    /// Do the two intervals share at least one number?
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.intersect(other).is_empty()
    }

    /// Does `self` contain every number of `other`?
    pub fn contains_interval(&self, other: &Interval) -> bool {
        if other.is_empty() {
            return true;
        }
        let lo_ok = match (self.lo, other.lo) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => {
                a.value < b.value || (a.value == b.value && (a.inclusive || !b.inclusive))
            }
        };
        let hi_ok = match (self.hi, other.hi) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => {
                a.value > b.value || (a.value == b.value && (a.inclusive || !b.inclusive))
            }
        };
        lo_ok && hi_ok
    }

    /// The gap between two intervals: 0 when they overlap or touch, else the distance between
    /// the nearest ends.
    pub fn distance(&self, other: &Interval) -> f64 {
        let gap = |left: &Interval, right: &Interval| match (left.hi, right.lo) {
            (Some(h), Some(l)) if h.value < l.value => l.value - h.value,
            _ => 0.0,
        };
        gap(self, other).max(gap(other, self))
    }

    /// Width of the interval; `f64::INFINITY` when unbounded. The precision order: a narrower
    /// interval says more.
    pub fn width(&self) -> f64 {
        match (self.lo, self.hi) {
            (Some(l), Some(h)) => (h.value - l.value).max(0.0),
            _ => f64::INFINITY,
        }
    }

    /// The precision order: `Less` when `self` is more precise (narrower) than `other`.
    pub fn precision_cmp(&self, other: &Interval) -> Ordering {
        self.width().total_cmp(&other.width())
    }

    /// A representative point: the midpoint of a bounded interval, else its one finite end.
    pub fn midpoint(&self) -> Option<f64> {
        match (self.lo, self.hi) {
            (Some(l), Some(h)) => Some(l.value + (h.value - l.value) / 2.0),
            (Some(l), None) => Some(l.value),
            (None, Some(h)) => Some(h.value),
            (None, None) => None,
        }
    }
}

/// The tighter of two ends: the one further in `inward` direction (`Greater` for lower ends,
/// `Less` for upper ends); at equal values, closed only if both are. `None` is unbounded.
fn tighter(a: Option<Bound>, b: Option<Bound>, inward: Ordering) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(match a.value.partial_cmp(&b.value) {
            Some(o) if o == inward => a,
            Some(Ordering::Equal) | None => Bound::new(a.value, a.inclusive && b.inclusive),
            Some(_) => b,
        }),
    }
}

fn max_lo(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    tighter(a, b, Ordering::Greater)
}

fn min_hi(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    tighter(a, b, Ordering::Less)
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.lo {
            None => write!(f, "(-inf")?,
            Some(b) => write!(
                f,
                "{}{}",
                if b.inclusive { '[' } else { '(' },
                fmt_num(b.value)
            )?,
        }
        write!(f, ", ")?;
        match self.hi {
            None => write!(f, "inf)"),
            Some(b) => write!(
                f,
                "{}{}",
                fmt_num(b.value),
                if b.inclusive { ']' } else { ')' }
            ),
        }
    }
}

/// Formats a number for people: no trailing `.0`, no exponent below 1e21.
pub fn fmt_num(x: f64) -> String {
    format!("{}", tidy(x))
}

/// Removes floating-point noise: `14.8 - 0.05` is `14.750000000000002`, tidied to `14.75`.
/// The 15-significant-digit rounding is taken only when it is within a few ulps of `x`, so an
/// exact value with more digits ("VND 1,234,567,890,123.5") is kept as it is.
pub fn tidy(x: f64) -> f64 {
    // An integer of at most 15 digits is its own 15-significant-digit rounding.
    if x == 0.0 || !x.is_finite() || (x.fract() == 0.0 && x.abs() < 1e15) {
        return x;
    }
    let r: f64 = format!("{:.14e}", x).parse().unwrap_or(x);
    if (r - x).abs() <= 2.0 * f64::EPSILON * x.abs() {
        r
    } else {
        x
    }
}

impl Interval {
    /// Reads interval notation as printed by `Display`: "[14.75, 14.85)", "(30, inf)",
    /// "(-inf, 20]"; an empty side ("(30, )") is unbounded too.
    pub fn from_notation(s: &str) -> Option<Interval> {
        let s = s.trim();
        let open = s.chars().next()?;
        let close = s.chars().last()?;
        if !matches!(open, '[' | '(') || !matches!(close, ']' | ')') || s.len() < 3 {
            return None;
        }
        let (a, b) = s[1..s.len() - 1].split_once(',')?;
        let side = |t: &str, inclusive: bool| -> Option<Option<Bound>> {
            let t = t.trim();
            if t.is_empty() || matches!(t, "inf" | "-inf" | "+inf") {
                return Some(None);
            }
            let v: f64 = t.parse().ok()?;
            v.is_finite().then_some(Some(Bound {
                value: v,
                inclusive,
            }))
        };
        Some(Interval {
            lo: side(a, open == '[')?,
            hi: side(b, close == ']')?,
        })
    }

    /// Same interval once each end is [`tidy`]: float noise aside, equal.
    pub fn approx_eq(&self, other: &Interval) -> bool {
        let eq = |a: Option<Bound>, b: Option<Bound>| match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => a.inclusive == b.inclusive && tidy(a.value) == tidy(b.value),
            _ => false,
        };
        eq(self.lo, other.lo) && eq(self.hi, other.hi)
    }
}
