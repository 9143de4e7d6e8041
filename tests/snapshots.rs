//! CLI runs on the seeds compared against reviewed snapshots (`tests/snapshots/`). After a
//! deliberate change: `INSTA_UPDATE=always cargo test --test snapshots`, then read the diff.

use assert_cmd::Command;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    format!(
        "exit: {code}\n--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn check_seeds_human() {
    insta::assert_snapshot!(run(&["check", "seeds", "--color", "never"]));
}

#[test]
fn check_seeds_json() {
    insta::assert_snapshot!(run(&["check", "seeds", "--format", "json"]));
}

#[test]
fn check_seeds_github_annotations() {
    insta::assert_snapshot!(run(&["check", "seeds", "--format", "github"]));
}

#[test]
fn check_seeds_markdown() {
    insta::assert_snapshot!(run(&["check", "seeds", "--format", "markdown"]));
}

#[test]
fn check_small_corpus_html() {
    // A published piece and a draft: 139 against 193, a paragraph the draft repeats, and a
    // script tag in the text that must come out escaped.
    insta::assert_snapshot!(run(&["check", "tests/data/html", "--format", "html"]));
}

#[test]
fn extract_seeds_table() {
    insta::assert_snapshot!(run(&["extract", "seeds"]));
}

#[test]
fn rules_list() {
    insta::assert_snapshot!(run(&["rules", "list"]));
}

#[test]
fn quantity_readings() {
    insta::assert_snapshot!(run(&[
        "quantity",
        "FDI grew 14.8% to nearly 700 billion USD, with more than 30 products over $1bn, \
         6-7% export growth and a 2023-27 term at COP 28."
    ]));
}
