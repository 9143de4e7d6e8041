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

/// Validates a TOML file's contents, as JSON, against a committed schema.
fn schema_violations(kind: &str, toml_text: &str) -> Vec<String> {
    let schema = committed(kind);
    let id = schema["$id"].as_str().unwrap().to_string();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V7);
    compiler.add_resource(&id, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&id, &mut schemas).unwrap();
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    let instance = serde_json::to_value(value).unwrap();
    match schemas.validate(&instance, index) {
        Ok(()) => Vec::new(),
        Err(e) => vec![format!("{e:#}")],
    }
}

/// The facts file shown in docs/facts.md.
fn facts_guide_example() -> String {
    let doc = include_str!("../docs/facts.md");
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    doc[start..start + doc[start..].find("```").unwrap()].to_string()
}

#[test]
fn the_bundled_files_validate_against_their_schemas_and_a_wrong_one_does_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            schema_violations("rules", &text),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 5);
    for (kind, text) in [
        ("rules", crosscheck::config::STARTER_RULE.to_string()),
        ("config", crosscheck::config::STARTER_CONFIG.to_string()),
        (
            "config",
            std::fs::read_to_string(root.join("crosscheck.toml")).unwrap(),
        ),
        ("facts", facts_guide_example()),
    ] {
        assert_eq!(
            schema_violations(kind, &text),
            Vec::<String>::new(),
            "{kind}: {text}"
        );
    }
    // The editor would flag what the loader rejects.
    for (kind, text) in [
        ("rules", "[[claim]]\nid = \"x\"\ntitle = \"x\"\nunit = \"percentage\"\npatterns = ['{quantity}']\n"),
        ("rules", "[[claim]]\nid = \"x\"\ntitle = \"x\"\nunit = \"percent\"\n"),
        ("facts", "[[fact]]\nrule = \"x\"\nsource = \"y\"\n"),
        ("config", "fail_on = \"sometimes\"\n"),
    ] {
        assert!(!schema_violations(kind, text).is_empty(), "{kind} accepted: {text}");
    }
}
