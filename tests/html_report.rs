//! The HTML report: its structure on the seeds (every finding, every claim group, every figure
//! highlighted, a number line per group), well-formed markup, and nothing from a document
//! reaching the page unescaped.

mod common;
use crosscheck::document::Document;
use crosscheck::report::html::{self, escape};
use crosscheck::report::{ReportInput, Summary};
use crosscheck::rules::{self, RuleSet};
use crosscheck::{compare, Corpus, Options};
use std::path::{Path, PathBuf};

fn seed_documents() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = format!("seeds/{}", p.file_name().unwrap().to_string_lossy());
            Document::new(name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// Extracts, judges and renders; returns the page with the corpus and findings behind it.
fn render(
    docs: &[Document],
    rules: &RuleSet,
) -> (String, Corpus, Vec<crosscheck::finding::Finding>) {
    let corpus = Corpus::extract(docs, rules, &Default::default());
    let (findings, suppressed) = crosscheck::judge(&corpus, rules, &Options::default());
    let groups = compare::claim_groups(&corpus.claims, rules);
    let input = ReportInput {
        findings: &findings,
        rules,
        checks: &Default::default(),
        summary: Summary::new(docs.len(), corpus.claims.len(), &findings, suppressed.len()),
        corpus: Some(&corpus),
        groups: &groups,
    };
    let page = html::render(&input);
    (page, corpus, findings)
}

/// Checks that every element opened is closed in order (void elements, self-closed SVG
/// elements and the raw text of `<style>` and `<script>` aside); returns the problems.
fn unbalanced(page: &str) -> Vec<String> {
    const VOID: &[&str] = &["meta", "input", "br", "img", "hr", "link"];
    let mut stack: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let Some(end) = rest.find('>') else {
            problems.push("a `<` never closed".into());
            break;
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" || name == "script" {
            let close = format!("</{name}>");
            match rest.find(&close) {
                Some(j) => rest = &rest[j + close.len()..],
                None => problems.push(format!("<{name}> never closed")),
            }
            continue;
        }
        stack.push(name);
    }
    problems.extend(stack.into_iter().map(|s| format!("<{s}> never closed")));
    problems
}

#[test]
fn the_seeds_report_shows_every_finding_every_group_and_every_figure() {
    let rules = rules::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")]).unwrap();
    let docs = seed_documents();
    let (page, corpus, findings) = render(&docs, &rules);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(unbalanced(&page), Vec::<String>::new());
    // Self-contained: nothing fetched.
    for outside in ["http://", "https://", "src=", "<link", "@import"] {
        assert!(!page.contains(outside), "the page refers to {outside}");
    }

    // The summary counts.
    for (label, n) in [
        ("documents", 5),
        ("claims", corpus.claims.len()),
        ("errors", 1),
        ("warnings", 5),
        ("notes", 1),
    ] {
        assert!(
            page.contains(&format!("<dt>{label}</dt><dd>{n}</dd>")),
            "summary {label} {n}"
        );
    }

    // Every finding, with its message and its severity for the filters.
    assert_eq!(findings.len(), 7);
    assert_eq!(
        page.matches("<article class=\"finding").count(),
        findings.len()
    );
    for (n, f) in findings.iter().enumerate() {
        let opening = format!(
            "<article class=\"finding item sev-{0}\" id=\"f{n}\" data-severity=\"{0}\" data-rule=\"{1}\">",
            f.severity.as_str(),
            escape(&f.rule)
        );
        assert!(page.contains(&opening), "finding {n} ({})", f.rule);
        assert!(page.contains(&escape(&f.message)), "{}", f.message);
    }
    // The typo's phrasings are diffed: "2003" taken out, "2023" the sources' figure.
    assert!(page.contains("<span class=\"label\">Figures</span> <del>2023</del> → <ins>2003</ins>"));

    // Every claim group, each with its number line, and every claim's figure highlighted.
    let groups = compare::groups(&corpus.claims, &rules);
    assert_eq!(page.matches("<section class=\"group").count(), groups.len());
    assert_eq!(page.matches("<svg class=\"line\"").count(), groups.len());
    for (g, (rule, members)) in groups.iter().enumerate() {
        let id = escape(&rules.rules[*rule].id);
        assert!(
            page.contains(&format!("id=\"g{g}\" data-severity=")),
            "group {g}"
        );
        assert!(page.contains(&format!("data-rule=\"{id}\"")));
        assert!(page.matches("<tr class=").count() >= members.len());
    }
    for c in &corpus.claims {
        let marked = format!("<mark>{}</mark>", escape(&c.quantity.text));
        assert!(page.contains(&marked), "{marked}");
    }
    // The typo's row comes first in its group, flagged as an error linked to its finding.
    assert!(page.contains("<tr class=\"outlier sev-error\">"));
    // Unbounded ends are drawn as arrows ("over US$28 billion"), open ends as rings.
    assert!(page.contains("class=\"unbounded\""));
    assert!(page.contains("class=\"open\""));
    // The consensus band of each group with a majority.
    assert!(page.matches("<rect class=\"band\"").count() >= groups.len() - 2);
}

#[test]
fn nothing_from_a_document_reaches_the_page_unescaped() {
    let rules = RuleSet {
        rules: rules::load_str(
            "staff.toml",
            r#"
[[claim]]
id = "staff-count"
title = "Number of <b>staff</b>"
unit = "number"
patterns = ['{quantity}\s+staff']
"#,
        )
        .unwrap(),
    };
    let evil = "The ministry has 1,200 staff <script>alert(\"x\")</script> today.\n\n\
                <img src=x onerror=alert(1)> is a paragraph that repeats itself here.\n\n\
                <img src=x onerror=alert(1)> is a paragraph that repeats itself here.\n";
    let other = "The ministry has 1,500 staff </td></table><svg onload=alert(2)> today.\n";
    let docs = vec![
        Document::new("a<script>.txt", evil.to_string()),
        Document::new("b\"onmouseover=\"x.txt", other.to_string()),
        Document::new("c.txt", "The ministry has 1,200 staff.\n".to_string()),
    ];
    let (page, _, findings) = render(&docs, &rules);
    assert!(findings.iter().any(|f| &*f.rule == "staff-count"));
    assert!(findings.iter().any(|f| &*f.rule == "repeated-paragraph"));
    // The page's own script is the only one; no element came from the documents.
    assert_eq!(page.to_lowercase().matches("<script").count(), 1);
    for tag in ["<img", "<svg onload", "</table><svg", "<b>staff"] {
        assert!(!page.contains(tag), "unescaped {tag}");
    }
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(page.contains("a&lt;script&gt;.txt"));
    assert!(page.contains("b&quot;onmouseover=&quot;x.txt"));
    assert_eq!(unbalanced(&page), Vec::<String>::new());
}

#[test]
fn the_cli_writes_the_page_to_a_file_and_the_bytes_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for threads in ["1", "8"] {
        let out = dir.path().join(format!("report-{threads}.html"));
        let (code, stdout, _) = common::crosscheck(&[
            "check",
            "seeds/",
            "--format",
            "html",
            "-j",
            threads,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "the seeds' typo is an error");
        assert_eq!(stdout, "", "the report goes to the file");
        pages.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(pages[0], pages[1]);
    // The page from a claim file is the same as from the documents.
    let claims = dir.path().join("claims.jsonl");
    let (_, jsonl, _) = common::crosscheck(&["extract", "seeds/", "--format", "jsonl"]);
    std::fs::write(&claims, jsonl).unwrap();
    let (code, from_claims, _) =
        common::crosscheck(&["compare", claims.to_str().unwrap(), "--format", "html"]);
    assert_eq!(code, 1);
    assert_eq!(from_claims.as_bytes(), pages[0].as_slice());
}
