//! The seed corpus and its expected findings: what `crosscheck check seeds/` must report with the
//! bundled rule pack, and what `crosscheck extract` must find in every source.

mod common;
use common::crosscheck;
use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value) {
    let (code, stdout, stderr) = crosscheck(args);
    let v = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    (code, v)
}

const VOV: &str = "seeds/vov-expanded-diplomacy-2023.txt";
const INTERVIEW: &str = "seeds/minister-bui-thanh-son-interview-2023.txt";
const SGGP: &str = "seeds/sggp-2023-12-19-vietnam-diplomatic-achievements.txt";

/// (rule, kind, severity, outlier path, outlier text, suggestion)
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const EXPECTED_FINDINGS: &[Expected] = &[
    // "The year 2003 has witnessed..." in a review of 2023: one digit from what the others say.
    ("year-under-review", "typo", "error", VOV, "2003", "2023"),
    // "nearly 15 percent" is compatible with "14.8%" but less precise.
    (
        "fdi-growth",
        "approximation",
        "note",
        SGGP,
        "nearly 15 percent",
        "14.8%",
    ),
];

#[test]
fn check_on_the_seeds_reports_exactly_the_expected_findings() {
    let (code, v) = json(&["check", "seeds/", "--format", "json"]);
    assert_eq!(code, 1, "an error-level finding makes the exit code 1");
    let findings = v["findings"].as_array().unwrap();
    let mut got: Vec<(String, String, String, String, String, String)> = findings
        .iter()
        // Editorial findings have their own table below.
        .filter(|f| f["rule"] != "repeated-paragraph")
        .map(|f| {
            let l = &f["locations"][0];
            (
                f["rule"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                l["path"].as_str().unwrap().to_string(),
                l["text"].as_str().unwrap().to_string(),
                f["suggestion"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    let mut want: Vec<_> = EXPECTED_FINDINGS
        .iter()
        .map(|e| {
            (
                e.0.to_string(),
                e.1.to_string(),
                e.2.to_string(),
                e.3.to_string(),
                e.4.to_string(),
                e.5.to_string(),
            )
        })
        .collect();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(v["summary"]["errors"], 1);
}

const VNA: &str = "seeds/vna-2023-successful-year-for-diplomacy.txt";

/// The paragraphs the seeds repeat: (path, line of the first repeat, lines of every
/// occurrence, the paragraph's opening words). The VNA piece repeats its lead; the VOV page
/// carries two "related articles" blocks, each headline stacked twice and listed twice, and
/// each lead twice.
const REPEATED_PARAGRAPHS: &[(&str, usize, &[usize], &str)] = &[
    (
        VNA,
        4,
        &[2, 4],
        "Achievements in foreign affairs and diplomacy",
    ),
    (
        VOV,
        48,
        &[47, 48, 52, 54],
        "Indian expert appreciative of Vietnamese",
    ),
    (
        VOV,
        56,
        &[50, 56],
        "VOV.VN - Vietnam's “bamboo diplomacy” is",
    ),
    (
        VOV,
        59,
        &[58, 59, 63, 65],
        "Korean expert hails positive results",
    ),
    (
        VOV,
        67,
        &[61, 67],
        "VOV.VN - Vietnamese diplomacy has achieved",
    ),
];

#[test]
fn the_seeds_repeated_paragraphs_are_reported_and_nothing_else_editorial() {
    let (_, v) = json(&["check", "seeds/", "--format", "json"]);
    let got: Vec<(String, u64, Vec<u64>, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "repeated-paragraph" || f["rule"] == "edited-copy")
        .map(|f| {
            assert_eq!(f["rule"], "repeated-paragraph");
            assert_eq!(f["severity"], "warning");
            let locs = f["locations"].as_array().unwrap();
            let mut lines: Vec<u64> = locs.iter().map(|l| l["line"].as_u64().unwrap()).collect();
            lines.sort();
            // Every occurrence is the same paragraph, word for word.
            for l in locs {
                assert_eq!(l["text"], locs[0]["text"]);
            }
            (
                locs[0]["path"].as_str().unwrap().to_string(),
                locs[0]["line"].as_u64().unwrap(),
                lines,
                locs[0]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got.len(), REPEATED_PARAGRAPHS.len(), "{got:#?}");
    for ((path, line, lines, text), want) in got.iter().zip(REPEATED_PARAGRAPHS) {
        assert_eq!((path.as_str(), *line), (want.0, want.1 as u64));
        assert_eq!(lines, &want.2.iter().map(|&l| l as u64).collect::<Vec<_>>());
        assert!(text.starts_with(want.3), "{text}");
    }
}

#[test]
fn the_typo_names_every_source_that_states_2023() {
    let (_, v) = json(&["check", "seeds/", "--format", "json"]);
    let typo = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "typo")
        .expect("a typo finding");
    let locs = typo["locations"].as_array().unwrap();
    assert_eq!(locs[0]["path"], VOV);
    assert_eq!(locs[0]["line"], 3);
    assert_eq!(locs[0]["column"], 19);
    assert_eq!(
        (locs[0]["lo"].as_f64(), locs[0]["hi"].as_f64()),
        (Some(2003.0), Some(2003.0))
    );
    let others: Vec<&str> = locs[1..]
        .iter()
        .map(|l| {
            assert_eq!(l["text"], "2023");
            l["path"].as_str().unwrap()
        })
        .collect();
    assert!(others.len() >= 3, "{others:?}");
    assert!(others.contains(&INTERVIEW));
    assert!(!others.contains(&VOV));
}

#[test]
fn trade_value_hedges_are_compatible_and_not_reported() {
    let (_, v) = json(&["check", "seeds/", "--format", "json"]);
    let trade = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "trade-value")
        .count();
    assert_eq!(
        trade, 0,
        "\"can reach US$700 billion\" and \"nearly 700 billion USD\" overlap"
    );
    // ...and both are extracted, so the silence is agreement, not a miss.
    let (_, ex) = json(&["extract", "seeds/", "--format", "json"]);
    let texts = claim_texts(&ex, "trade-value", None);
    assert!(
        texts.contains(&(SGGP.into(), "can reach US$700 billion".into())),
        "{texts:?}"
    );
    assert!(
        texts.contains(&(INTERVIEW.into(), "nearly 700 billion USD".into())),
        "{texts:?}"
    );
}

fn claim_texts(v: &Value, rule: &str, key: Option<&str>) -> Vec<(String, String)> {
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["rule"] == rule && key.is_none_or(|k| c["key"] == k))
        .map(|c| {
            (
                c["path"].as_str().unwrap().to_string(),
                c["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// (rule, key, [(document, figure as written)])
type Agreeing = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str)],
);

/// Agreeing claims, with every source that states them.
const AGREEING: &[Agreeing] = &[
    (
        "diplomatic-relations",
        None,
        &[
            ("seeds/2023-10-26-bamboo-diplomacy-principles.txt", "193"),
            (VOV, "193"),
        ],
    ),
    (
        "partnerships",
        Some("comprehensive strategic partnership"),
        &[
            ("seeds/vna-2023-successful-year-for-diplomacy.txt", "six"),
            (VOV, "six"),
        ],
    ),
    (
        "un-body-term",
        Some("UN Human Rights Council"),
        &[
            (
                "seeds/vna-2023-successful-year-for-diplomacy.txt",
                "2023-25",
            ),
            (VOV, "2023 to 2025"),
        ],
    ),
    (
        "un-body-term",
        Some("International Law Commission"),
        &[
            (
                "seeds/vna-2023-successful-year-for-diplomacy.txt",
                "2023-27",
            ),
            (VOV, "2023-2027"),
        ],
    ),
    (
        "un-body-term",
        Some("UNESCO Executive Board"),
        &[
            (
                "seeds/vna-2023-successful-year-for-diplomacy.txt",
                "2021-25",
            ),
            (VOV, "2021-2025"),
        ],
    ),
    (
        "un-body-term",
        Some("Intangible Cultural Heritage Committee"),
        &[
            (
                "seeds/vna-2023-successful-year-for-diplomacy.txt",
                "2022-26",
            ),
            (VOV, "2022-2026"),
        ],
    ),
    (
        "conference-ordinal",
        Some("Diplomatic Conference"),
        &[(INTERVIEW, "32nd"), (VOV, "32nd")],
    ),
];

#[test]
fn extract_finds_the_agreeing_claims_in_every_source() {
    let (code, v) = json(&["extract", "seeds/", "--format", "json"]);
    assert_eq!(code, 0);
    for (rule, key, sources) in AGREEING {
        let got = claim_texts(&v, rule, *key);
        for (path, text) in *sources {
            assert!(
                got.contains(&(path.to_string(), text.to_string())),
                "{rule} {key:?}: {text:?} in {path} not extracted; got {got:?}"
            );
        }
    }
}

#[test]
fn the_six_comprehensive_strategic_partners_are_listed_and_counted() {
    let (_, v) = json(&["extract", "seeds/", "--format", "json"]);
    let listed: Vec<&Value> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["rule"] == "partnerships" && c["items"].is_array())
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let items: Vec<&str> = listed[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(items.len(), 6, "{items:?}");
    assert!(items.contains(&"China") && items.iter().any(|i| i.contains("Korea")));
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(crosscheck(&["check", "seeds/", "--fail-on", "never"]).0, 0);
    assert_eq!(crosscheck(&["check", "seeds/", "--fail-on", "error"]).0, 1);
    assert_eq!(crosscheck(&["check", "seeds/", "--fail-on", "note"]).0, 1);
    // Only the VOV article has the error; alone against itself nothing disagrees.
    assert_eq!(crosscheck(&["check", VOV]).0, 0);
}

#[test]
fn the_seed_rule_pack_passes_its_own_examples() {
    let (code, stdout, stderr) = crosscheck(&["rules", "test"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("0 failed"), "{stdout}");
}

#[test]
fn output_is_deterministic() {
    let a = crosscheck(&["check", "seeds/", "--format", "json"]);
    let b = crosscheck(&["check", "seeds/", "--format", "json"]);
    assert_eq!(a, b);
}
