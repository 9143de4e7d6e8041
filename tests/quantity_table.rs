//! Table-driven specification test for `crosscheck::quantity::parse`.
//!
//! The cases live in `tests/data/quantity_phrases.toml` (its header documents the format). Every
//! case runs; all failures are printed with the expected and actual JSON before the test fails.

use serde::Deserialize;
use serde_json::{json, Value};

const TABLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/quantity_phrases.toml"
);
const UNITS: [&str; 7] = [
    "number",
    "percent",
    "percentage_points",
    "money",
    "year",
    "year_range",
    "ordinal",
];
const HEDGES: [&str; 10] = [
    "none",
    "about",
    "nearly",
    "over",
    "at_least",
    "under",
    "at_most",
    "just_over",
    "range",
    "vague",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    note: Option<String>,
    expect: Vec<Expect>,
}

/// One expected quantity; omitted optional fields mean null (or false for the flags).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    text: String,
    start: Option<usize>,
    unit: String,
    currency: Option<String>,
    value: Option<f64>,
    lo: Option<f64>,
    hi: Option<f64>,
    #[serde(default)]
    lo_inclusive: bool,
    #[serde(default)]
    hi_inclusive: bool,
    hedge: String,
}

impl Expect {
    /// The JSON object `parse` must serialise to for this expectation inside `case_text`.
    fn to_json(&self, case_text: &str) -> Value {
        let start = self.start.or_else(|| case_text.find(&self.text));
        let end = start.map(|s| s + self.text.len());
        assert!(
            start.and_then(|s| case_text.get(s..end?)) == Some(self.text.as_str()),
            "table error: {:?} is not at the given start in {case_text:?}",
            self.text
        );
        json!({
            "text": self.text, "start": start, "end": end, "unit": self.unit,
            "currency": self.currency, "value": self.value, "lo": self.lo, "hi": self.hi,
            "lo_inclusive": self.lo_inclusive, "hi_inclusive": self.hi_inclusive,
            "hedge": self.hedge,
        })
    }
}

/// Structural equality, with numbers equal within 1e-9 (absolute or relative).
fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            (e - a).abs() <= 1e-9 * e.abs().max(a.abs()).max(1.0)
        }
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(e, a)| same(e, a))
        }
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len() && e.iter().all(|(k, v)| a.get(k).is_some_and(|a| same(v, a)))
        }
        _ => expected == actual,
    }
}

#[test]
fn quantity_phrases_table() {
    let source = std::fs::read_to_string(TABLE).expect("read quantity_phrases.toml");
    let table: Table = toml::from_str(&source).expect("parse quantity_phrases.toml");
    let expects = || table.case.iter().flat_map(|c| &c.expect);

    // The table itself: large enough, only known names, and every unit and hedge exercised.
    assert!(table.case.len() >= 150, "only {} cases", table.case.len());
    for e in expects() {
        assert!(
            UNITS.contains(&e.unit.as_str()),
            "unknown unit {:?}",
            e.unit
        );
        assert!(
            HEDGES.contains(&e.hedge.as_str()),
            "unknown hedge {:?}",
            e.hedge
        );
    }
    for unit in UNITS {
        assert!(
            expects().any(|e| e.unit == unit),
            "no case expects unit {unit}"
        );
    }
    for hedge in HEDGES {
        assert!(
            expects().any(|e| e.hedge == hedge),
            "no case expects hedge {hedge}"
        );
    }

    let mut failures = Vec::new();
    for case in &table.case {
        let expected = Value::Array(case.expect.iter().map(|e| e.to_json(&case.text)).collect());
        let actual = serde_json::to_value(crosscheck::quantity::parse(&case.text)).unwrap();
        if !same(&expected, &actual) {
            let note = case
                .note
                .as_deref()
                .map(|n| format!("  ({n})"))
                .unwrap_or_default();
            failures.push(format!(
                "case: {:?}{note}\n  expected: {expected}\n  actual:   {actual}",
                case.text
            ));
        }
    }

    for failure in &failures {
        println!("{failure}\n");
    }
    let total = table.case.len();
    println!("{}/{total} cases pass", total - failures.len());
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail",
        failures.len()
    );
}
