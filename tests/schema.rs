//! The JSON Schemas for editors: the committed copies under docs/schema/ are what
//! `crosscheck schema` prints, and each schema names exactly the fields its loader accepts
//! (the loaders reject unknown fields and list the known ones, so the two cannot drift).

use crosscheck::rules::RuleSet;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn committed(kind: &str) -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/schema/{kind}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        Some(text.clone()),
        crosscheck::schema::render(kind),
        "{} is stale: run `cargo run -- schema {kind} > docs/schema/{kind}.schema.json`",
        path.display()
    );
    serde_json::from_str(&text).unwrap()
}

/// The field names an "unknown field `bogus`, expected one of `a`, `b`" message lists.
fn accepted(message: &str) -> BTreeSet<String> {
    let after = message
        .split_once("expected")
        .unwrap_or_else(|| panic!("no field list in: {message}"))
        .1;
    after
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn properties(v: &Value) -> BTreeSet<String> {
    v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn rule_error(text: &str) -> String {
    let errs = crosscheck::rules::load_str("t.toml", text).unwrap_err();
    errs[0].message.clone()
}

#[test]
fn rule_schema_names_every_field_the_loader_accepts() {
    let schema = committed("rules");
    let claim = &schema["properties"]["claim"]["items"];
    assert_eq!(
        properties(claim),
        accepted(&rule_error("[[claim]]\nbogus = 1\n"))
    );
    assert_eq!(
        properties(&claim["properties"]["example"]["items"]),
        accepted(&rule_error("[[claim]]\n[[claim.example]]\nbogus = 1\n"))
    );
    assert_eq!(
        properties(&claim["properties"]["counterexample"]["items"]),
        accepted(&rule_error(
            "[[claim]]\n[[claim.counterexample]]\nbogus = 1\n"
        ))
    );
    let units: Vec<&str> = claim["properties"]["unit"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(
        units.contains(&"percent") && units.contains(&"year_range"),
        "{units:?}"
    );
}

#[test]
fn facts_schema_names_every_field_the_loader_accepts() {
    let schema = committed("facts");
    let errs = crosscheck::facts::load_str("f.toml", "[[fact]]\nbogus = 1\n", &RuleSet::default())
        .unwrap_err();
    assert_eq!(
        properties(&schema["properties"]["fact"]["items"]),
        accepted(&errs[0].message)
    );
}

#[test]
fn config_schema_names_every_field_the_loader_accepts() {
    let schema = committed("config");
    let errs = crosscheck::config::load_str(Path::new("c.toml"), "bogus = 1\n").unwrap_err();
    assert_eq!(properties(&schema), accepted(&errs[0].message));
}
