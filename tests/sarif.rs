//! `crosscheck check --format sarif` against the official SARIF 2.1.0 JSON Schema (vendored in
//! `tests/data/sarif-schema-2.1.0.json`, provenance in `tests/data/SARIF-SCHEMA.md`), and the
//! fields GitHub code scanning reads, checked one by one. The validator is compiled with format
//! assertions on (`uri`, `uri-reference`, `date-time`), and works offline: the schema has no
//! remote `$ref`s.

mod common;
use common::crosscheck;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("data/sarif-schema-2.1.0.json");

/// The seed the typo finding is about; the hand-written log below points at it.
const VOV: &str = "seeds/vov-expanded-diplomacy-2023.txt";

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

/// The vendored schema, compiled once for the whole test binary.
fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the vendored schema is JSON");
        let id = schema["$id"]
            .as_str()
            .expect("the vendored schema has an $id")
            .to_string();
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V7);
        compiler.enable_format_assertions();
        // Registered under its own $id, so nothing is ever fetched.
        compiler
            .add_resource(&id, schema)
            .unwrap_or_else(|e| panic!("adding the SARIF schema: {e:#}"));
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile(&id, &mut schemas)
            .unwrap_or_else(|e| panic!("compiling the SARIF schema: {e:#}"));
        Validator { schemas, index }
    })
}

/// Every schema violation in `log`, one line each: the instance path (a JSON pointer, "" for
/// the root), the error, and the schema keyword that failed.
fn schema_errors(log: &Value) -> Vec<String> {
    fn leaves(e: &boon::ValidationError, out: &mut Vec<String>) {
        if e.causes.is_empty() {
            let keyword = e
                .schema_url
                .rsplit_once('#')
                .map_or(e.schema_url, |(_, k)| k);
            out.push(format!(
                "at '{}': {} (schema #{keyword})",
                e.instance_location, e.kind
            ));
        }
        for cause in &e.causes {
            leaves(cause, out);
        }
    }
    let v = validator();
    let mut out = Vec::new();
    if let Err(e) = v.schemas.validate(log, v.index) {
        leaves(&e, &mut out);
        if out.is_empty() {
            out.push(format!("at '{}': {}", e.instance_location, e.kind));
        }
    }
    out
}

/// Asserts `log` is rejected, with at least one violation at `instance_path`.
fn assert_rejected(what: &str, log: &Value, instance_path: &str) {
    let errors = schema_errors(log);
    assert!(!errors.is_empty(), "{what}: the schema accepted it");
    let prefix = format!("at '{instance_path}':");
    assert!(
        errors.iter().any(|e| e.starts_with(&prefix)),
        "{what}: rejected, but not at '{instance_path}':\n{}",
        errors.join("\n")
    );
}

/// A uri's path with its `%XX` escapes decoded.
fn decode_percent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What is wrong with an `artifactLocation.uri` for code scanning: it must be relative to the
/// repository root (no scheme, no leading "/" or "./", no ".." segment), use forward slashes,
/// and name a file that exists under the crate root (where the tests run the binary).
fn uri_problems(uri: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let scheme = uri.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && !s.contains('/')
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if uri.is_empty() {
        problems.push("is empty".to_string());
    }
    if scheme || uri.starts_with('/') {
        problems.push("is not relative".to_string());
    }
    if uri.contains('\\') {
        problems.push("has a backslash".to_string());
    }
    if uri.starts_with("./") {
        problems.push("starts with \"./\"".to_string());
    }
    if uri.split('/').any(|seg| seg == "..") {
        problems.push("has a \"..\" segment".to_string());
    }
    if problems.is_empty() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(decode_percent(uri));
        if !path.is_file() {
            problems.push(format!("names no file ({})", path.display()));
        }
    }
    problems
}

fn int(v: &Value) -> Option<i64> {
    v.as_i64()
}

/// Checks one `physicalLocation`; returns whether it carries a usable uri, startLine and (if
/// `need_column`) startColumn, and pushes what is wrong into `problems`.
fn check_physical(p: &Value, at: &str, need_column: bool, problems: &mut Vec<String>) -> bool {
    let mut ok = true;
    match p["artifactLocation"]["uri"].as_str() {
        Some(uri) => {
            for problem in uri_problems(uri) {
                problems.push(format!("{at}.artifactLocation.uri {uri:?} {problem}"));
                ok = false;
            }
        }
        None => {
            problems.push(format!("{at}.artifactLocation.uri is missing"));
            ok = false;
        }
    }
    let region = &p["region"];
    match int(&region["startLine"]) {
        Some(n) if n >= 1 => {}
        Some(n) => {
            problems.push(format!("{at}.region.startLine is {n}, below 1"));
            ok = false;
        }
        None => {
            problems.push(format!("{at}.region.startLine is missing"));
            ok = false;
        }
    }
    match int(&region["startColumn"]) {
        Some(n) if n >= 1 => {}
        Some(n) => {
            problems.push(format!("{at}.region.startColumn is {n}, below 1"));
            ok = false;
        }
        None if need_column => {
            problems.push(format!("{at}.region.startColumn is missing"));
            ok = false;
        }
        None => {}
    }
    ok
}

/// What GitHub code scanning needs beyond the schema, field by field; empty when all is well.
fn code_scanning_problems(log: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    if log["version"] != "2.1.0" {
        problems.push(format!("version is {}, not \"2.1.0\"", log["version"]));
    }
    let runs = log["runs"].as_array().map_or(&[][..], |r| r.as_slice());
    if runs.len() != 1 {
        problems.push(format!("{} runs, not exactly one", runs.len()));
    }
    let Some(run) = runs.first() else {
        return problems;
    };
    let driver = &run["tool"]["driver"];
    if driver["name"] != "crosscheck" {
        problems.push(format!(
            "runs[0].tool.driver.name is {}, not \"crosscheck\"",
            driver["name"]
        ));
    }
    let rules = driver["rules"].as_array().map_or(&[][..], |r| r.as_slice());
    if rules.is_empty() {
        problems.push("runs[0].tool.driver.rules is missing or empty".to_string());
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        match rule["id"].as_str() {
            Some(id) if !id.is_empty() => {
                if ids.contains(&id) {
                    problems.push(format!("driver.rules[{i}].id {id:?} is repeated"));
                }
                ids.push(id);
            }
            _ => problems.push(format!("driver.rules[{i}] has no id")),
        }
    }
    let results = run["results"].as_array().map_or(&[][..], |r| r.as_slice());
    if run["results"].as_array().is_none() {
        problems.push("runs[0].results is missing".to_string());
    }
    for (i, r) in results.iter().enumerate() {
        let at = format!("results[{i}]");
        match r["ruleId"].as_str() {
            Some(id) if ids.contains(&id) => {
                if let Some(index) = r.get("ruleIndex") {
                    let pointed = index
                        .as_u64()
                        .and_then(|n| rules.get(n as usize))
                        .map(|rule| &rule["id"]);
                    if pointed.and_then(Value::as_str) != Some(id) {
                        problems.push(format!(
                            "{at}.ruleIndex {index} does not point to rule {id:?}"
                        ));
                    }
                }
            }
            Some(id) => problems.push(format!("{at}.ruleId {id:?} is not in driver.rules")),
            None => problems.push(format!("{at}.ruleId is missing")),
        }
        match r["level"].as_str() {
            Some("error" | "warning" | "note") => {}
            _ => problems.push(format!(
                "{at}.level is {}, not error, warning or note",
                r["level"]
            )),
        }
        if r["message"]["text"]
            .as_str()
            .is_none_or(|t| t.trim().is_empty())
        {
            problems.push(format!("{at}.message.text is missing or empty"));
        }
        let locations = r["locations"].as_array().map_or(&[][..], |l| l.as_slice());
        let mut usable = false;
        for (j, l) in locations.iter().enumerate() {
            if l.get("physicalLocation").is_some() {
                let p_at = format!("{at}.locations[{j}].physicalLocation");
                usable |= check_physical(&l["physicalLocation"], &p_at, true, &mut problems);
            }
        }
        if !usable {
            problems.push(format!(
                "{at} has no location with a physicalLocation carrying uri, startLine and startColumn"
            ));
        }
        let related = r["relatedLocations"]
            .as_array()
            .map_or(&[][..], |l| l.as_slice());
        for (j, l) in related.iter().enumerate() {
            if l.get("physicalLocation").is_some() {
                let p_at = format!("{at}.relatedLocations[{j}].physicalLocation");
                check_physical(&l["physicalLocation"], &p_at, false, &mut problems);
            }
        }
        let fingerprinted = r["partialFingerprints"].as_object().is_some_and(|m| {
            m.values()
                .any(|v| v.as_str().is_some_and(|s| !s.is_empty()))
        });
        if !fingerprinted {
            problems.push(format!(
                "{at}.partialFingerprints has no non-empty string value"
            ));
        }
    }
    problems
}

/// A small valid SARIF log, written by hand the way code scanning wants it.
fn minimal_log() -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "crosscheck",
                    "rules": [{ "id": "year-under-review" }]
                }
            },
            "results": [{
                "ruleId": "year-under-review",
                "ruleIndex": 0,
                "level": "error",
                "message": { "text": "\"2003\" is one digit edit from \"2023\": probable typo" },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": VOV },
                        "region": { "startLine": 3, "startColumn": 19 }
                    }
                }],
                "partialFingerprints": { "crosscheck/v1": "bc5ad54936e7be8c" }
            }]
        }]
    })
}

fn mutated(edit: impl FnOnce(&mut Value)) -> Value {
    let mut log = minimal_log();
    edit(&mut log);
    log
}

fn set(log: &mut Value, pointer: &str, value: Value) {
    *log.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the log")) = value;
}

const RESULT: &str = "/runs/0/results/0";
const REGION: &str = "/runs/0/results/0/locations/0/physicalLocation/region";

#[test]
fn validator_rejects_broken_sarif() {
    let good = minimal_log();
    let errors = schema_errors(&good);
    assert!(
        errors.is_empty(),
        "the hand-written log is valid SARIF, yet:\n{}",
        errors.join("\n")
    );
    let problems = code_scanning_problems(&good);
    assert!(
        problems.is_empty(),
        "the hand-written log has all code scanning needs, yet:\n{}",
        problems.join("\n")
    );

    let level = mutated(|l| set(l, &format!("{RESULT}/level"), json!("fatal")));
    assert_rejected("level \"fatal\"", &level, &format!("{RESULT}/level"));

    let no_message = mutated(|l| {
        l.pointer_mut(RESULT)
            .and_then(Value::as_object_mut)
            .unwrap()
            .remove("message");
    });
    assert_rejected("no message", &no_message, RESULT);

    let line_zero = mutated(|l| set(l, &format!("{REGION}/startLine"), json!(0)));
    assert_rejected("startLine 0", &line_zero, &format!("{REGION}/startLine"));

    let old_version = mutated(|l| set(l, "/version", json!("2.0")));
    assert_rejected("version \"2.0\"", &old_version, "/version");

    // Beyond the four above: unknown properties are refused, and formats are asserted.
    let unknown = mutated(|l| {
        l.pointer_mut(RESULT)
            .and_then(Value::as_object_mut)
            .unwrap()
            .insert("severity".into(), json!("error"));
    });
    assert_rejected("an unknown result property", &unknown, RESULT);

    let bad_uri = mutated(|l| {
        set(
            l,
            &format!("{RESULT}/locations/0/physicalLocation/artifactLocation/uri"),
            json!("seeds/a file with spaces.txt"),
        )
    });
    assert_rejected(
        "a uri with spaces",
        &bad_uri,
        &format!("{RESULT}/locations/0/physicalLocation/artifactLocation/uri"),
    );
}

fn stdout_json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = crosscheck(args);
    assert_eq!(
        code,
        1,
        "`crosscheck {}` should exit 1 (the seeds have an error finding)\nstderr: {stderr}",
        args.join(" ")
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "`crosscheck {}` printed no JSON ({e}):\n{stdout}\nstderr: {stderr}",
            args.join(" ")
        )
    })
}

/// The primary location of a SARIF result: (ruleId, decoded uri, startLine, startColumn).
fn primary(r: &Value) -> (String, String, i64, i64) {
    let p = &r["locations"][0]["physicalLocation"];
    (
        r["ruleId"].as_str().unwrap_or_default().to_string(),
        decode_percent(p["artifactLocation"]["uri"].as_str().unwrap_or_default()),
        p["region"]["startLine"].as_i64().unwrap_or(-1),
        p["region"]["startColumn"].as_i64().unwrap_or(-1),
    )
}

#[test]
fn seeds_sarif_validates() {
    let log = stdout_json(&["check", "seeds/", "--format", "sarif", "--rules", "rules"]);

    let errors = schema_errors(&log);
    assert!(
        errors.is_empty(),
        "{} SARIF 2.1.0 schema violations:\n{}",
        errors.len(),
        errors.join("\n")
    );

    let mut problems = code_scanning_problems(&log);

    let results = log["runs"][0]["results"]
        .as_array()
        .map_or(&[][..], |r| r.as_slice());
    if !results
        .iter()
        .any(|r| r["level"] == "error" && r["ruleId"] == "year-under-review")
    {
        problems.push(
            "no result with level \"error\" and ruleId \"year-under-review\" (the seeds' typo)"
                .to_string(),
        );
    }

    // Findings with other sources (from the JSON report) carry them as related locations.
    let report = stdout_json(&["check", "seeds/", "--format", "json", "--rules", "rules"]);
    let findings = report["findings"]
        .as_array()
        .expect("the JSON report has findings");
    let mut with_sources = 0;
    for (i, f) in findings.iter().enumerate() {
        let locations = f["locations"].as_array().map_or(&[][..], |l| l.as_slice());
        if locations.len() < 2 {
            continue;
        }
        with_sources += 1;
        let key = (
            f["rule"].as_str().unwrap_or_default().to_string(),
            locations[0]["path"]
                .as_str()
                .unwrap_or_default()
                .replace('\\', "/"),
            locations[0]["line"].as_i64().unwrap_or(-1),
            locations[0]["column"].as_i64().unwrap_or(-1),
        );
        let same_line: Vec<&Value> = results
            .iter()
            .filter(|r| {
                let p = primary(r);
                (&p.0, &p.1, p.2) == (&key.0, &key.1, key.2)
            })
            .collect();
        let matched = same_line
            .iter()
            .find(|r| primary(r).3 == key.3)
            .or(same_line.first());
        match matched {
            None => problems.push(format!(
                "finding {i} ({} at {}:{}:{}) has no SARIF result",
                key.0, key.1, key.2, key.3
            )),
            Some(r) => {
                if r["relatedLocations"]
                    .as_array()
                    .is_none_or(|l| l.is_empty())
                {
                    problems.push(format!(
                        "the result for finding {i} ({} at {}:{}) has {} other sources but no relatedLocations",
                        key.0,
                        key.1,
                        key.2,
                        locations.len() - 1
                    ));
                }
            }
        }
    }
    if with_sources == 0 {
        problems.push(
            "no finding in the JSON report has other sources: the relatedLocations check checked nothing"
                .to_string(),
        );
    }

    assert!(
        problems.is_empty(),
        "{} problems for GitHub code scanning:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
