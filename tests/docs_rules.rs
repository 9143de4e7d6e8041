//! `docs/rules.md` lets a new user write a working rule without reading the source: every
//! complete rule file shown there (a ```toml block with `[[claim]]`) loads, and its declared
//! examples and counterexamples pass.

use crosscheck::extract::examples::run_examples;
use crosscheck::rules::load_str;

fn toml_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some((n + 1, String::new())),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some((_, text)), l) => {
                text.push_str(l);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_rule_in_the_rule_guide_loads_and_passes_its_examples() {
    let doc = include_str!("../docs/rules.md");
    let rules: Vec<(usize, String)> = toml_blocks(doc)
        .into_iter()
        .filter(|(_, b)| b.contains("[[claim]]"))
        .collect();
    assert!(rules.len() >= 5, "expected the guide's example rules");
    let mut examples = 0;
    for (line, block) in rules {
        let loaded = load_str(&format!("docs/rules.md:{line}"), &block)
            .unwrap_or_else(|e| panic!("block at docs/rules.md:{line} does not load: {e:?}"));
        for rule in &loaded {
            examples += rule.examples.len() + rule.counterexamples.len();
            let failures = run_examples(rule);
            assert!(
                failures.is_empty(),
                "docs/rules.md:{line}: rule `{}`: {:?}",
                rule.id,
                failures.iter().map(|f| &f.message).collect::<Vec<_>>()
            );
        }
    }
    assert!(examples >= 10, "{examples} examples");
}
