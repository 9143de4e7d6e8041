//! JSON Schemas (draft-07) for the files people write by hand: rule files, the facts file and
//! the config, so a TOML editor (Taplo, Even Better TOML) completes and checks their fields.
//! `crosscheck schema KIND` prints them; copies are committed under `docs/schema/`, and a test
//! keeps both, and the fields the loaders accept, in step.

use crate::config::{FAIL_LEVELS, FORMATS};
use crate::quantity::Unit;
use serde_json::{json, Value};

/// The kinds of file with a schema.
pub const KINDS: &[&str] = &["rules", "facts", "config"];

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn strings(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

fn severities(description: &str, off: bool) -> Value {
    let mut values = vec!["error", "warning", "note"];
    if off {
        values.push("off");
    }
    json!({ "type": "string", "enum": values, "description": description })
}

/// The schema of a rule file.
pub fn rules() -> Value {
    let units: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
    let example = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["text"],
        "properties": {
            "text": string("A sentence the rule must match."),
            "interval": string("The interval the figure must assert, e.g. \"[14.8, 14.8]\" or \"(100, inf)\"."),
            "key": string("The key the match must have."),
            "items": { "type": "integer", "minimum": 0, "description": "How many items the enumeration after the figure must list." },
        },
    });
    let counterexample = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["text"],
        "properties": { "text": string("A sentence the rule must not match.") },
    });
    json!({
        "$schema": DRAFT,
        "$id": "https://crosscheck.invalid/schema/rules.schema.json",
        "title": "crosscheck rule file",
        "description": "Claim rules: which statements of a figure to extract and compare (docs/rules.md).",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "claim": {
                "type": "array",
                "description": "One [[claim]] table per rule.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "title", "unit", "patterns"],
                    "properties": {
                        "id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]*$", "description": "Unique id, used in findings, facts and ignore markers." },
                        "title": string("What the figure is, for people."),
                        "description": string("Longer explanation, shown by `rules explain` and in SARIF."),
                        "unit": { "type": "string", "enum": units, "description": "What the figure measures." },
                        "patterns": { "type": "array", "minItems": 1, "items": { "type": "string" }, "description": "Regexes with one {quantity} placeholder (and optionally {key})." },
                        "exclude": strings("Regexes whose match covering the figure rejects it."),
                        "context": strings("Regexes that must all match the sentence."),
                        "document_context": strings("Regexes that must all match somewhere in the document."),
                        "keys": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } }, "description": "Canonical key -> aliases, expanded into {key}." },
                        "default_key": string("The key of matches without a {key} group."),
                        "period": { "type": "string", "enum": ["sentence", "document", "date", "none"], "description": "Where the year a figure refers to comes from (date: the document's day, for time series)." },
                        "subject": { "type": "string", "enum": ["auto", "required", "none"], "description": "Whose figure it is: the proper noun of the figure's clause (auto), required for a claim (required), or not read (none)." },
                        "cumulative": { "type": "boolean", "description": "A running count (a death toll): a lower figure is an earlier count, reported as updated, not as a conflict." },
                        "drift": { "type": "number", "minimum": 0, "description": "How much the true value may change in a year (an age: 1): reports months apart may differ by that much; reports of unknown dates that do are a warning." },
                        "severity": severities("Severity of conflicts and typos.", false),
                        "approximate": severities("Severity of hedged or rounded figures that agree with an exact one.", true),
                        "tolerance": { "type": "number", "minimum": 0, "description": "Relative tolerance of hedges such as \"about\" (0.05 = 5%)." },
                        "enumeration": { "type": "boolean", "description": "Read the list after the figure and check its length." },
                        "case_sensitive": { "type": "boolean", "description": "Match patterns case-sensitively." },
                        "example": { "type": "array", "items": example },
                        "counterexample": { "type": "array", "items": counterexample },
                    },
                },
            },
        },
    })
}

/// The schema of a facts file.
pub fn facts() -> Value {
    json!({
        "$schema": DRAFT,
        "$id": "https://crosscheck.invalid/schema/facts.schema.json",
        "title": "crosscheck facts file",
        "description": "Verified values that outrank what articles say (docs/facts.md).",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "fact": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["rule", "source"],
                    "oneOf": [ { "required": ["value"] }, { "required": ["interval"] } ],
                    "properties": {
                        "rule": string("Id of the rule the fact settles."),
                        "key": string("The rule's key (or an alias); omit for rules without keys."),
                        "period": { "type": "integer", "description": "The year it holds for; omit for every year." },
                        "value": { "type": ["string", "number"], "description": "The figure as an editor writes it: 193, \"14.8%\", \"US$700 billion\"." },
                        "interval": string("Or the interval, e.g. \"[14.8, 15]\"."),
                        "source": string("Who verified it and where it is published."),
                        "url": string("A link to the source."),
                        "note": string("Anything else, for people."),
                    },
                },
            },
        },
    })
}

/// The schema of `crosscheck.toml`.
pub fn config() -> Value {
    json!({
        "$schema": DRAFT,
        "$id": "https://crosscheck.invalid/schema/config.schema.json",
        "title": "crosscheck.toml",
        "description": "Project configuration, found by walking up from the working directory (docs/config.md). Paths are relative to this file.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "rules": strings("Rule files or folders."),
            "documents": strings("Files or folders checked."),
            "include": strings("Globs choosing the files read from folders (default: *.txt, *.md, *.markdown, *.text)."),
            "exclude": strings("Globs of files and folders never read from folders."),
            "corpus": strings("Published documents compared against but not reported on."),
            "facts": string("The facts file."),
            "baseline": string("The baseline of accepted findings."),
            "fail_on": { "type": "string", "enum": FAIL_LEVELS, "description": "Lowest severity that fails the run." },
            "format": { "type": "string", "enum": FORMATS, "description": "Output format of `check`." },
            "checks": {
                "type": "object",
                "description": "The editorial checks, by id.",
                "additionalProperties": false,
                "properties": {
                    "repeated-paragraph": {
                        "type": "object",
                        "description": "A paragraph repeated within a document, exactly or nearly.",
                        "additionalProperties": false,
                        "properties": {
                            "severity": check_severity(),
                            "similarity": { "type": "number", "minimum": 0.5, "maximum": 1, "description": "Lowest share of words alike for a near repeat (default 0.9); 1 reports exact repeats only." },
                            "min_words": min_words(8),
                        },
                    },
                    "edited-copy": {
                        "type": "object",
                        "description": "The same sentence with different figures in two documents.",
                        "additionalProperties": false,
                        "properties": {
                            "severity": check_severity(),
                            "min_words": min_words(12),
                        },
                    },
                },
            },
        },
    })
}

fn check_severity() -> Value {
    json!({ "type": "string", "enum": crate::config::CHECK_SEVERITIES, "description": "The findings' severity, or off (default warning)." })
}

fn min_words(default: usize) -> Value {
    json!({ "type": "integer", "minimum": 1, "description": format!("Shorter passages are not compared (default {default}).") })
}

/// The schema of `kind` ("rules", "facts" or "config"), pretty-printed with a newline.
pub fn render(kind: &str) -> Option<String> {
    let v = match kind {
        "rules" => rules(),
        "facts" => facts(),
        "config" => config(),
        _ => return None,
    };
    let mut s = serde_json::to_string_pretty(&v).ok()?;
    s.push('\n');
    Some(s)
}
