//! crosscheck: checks facts for consistency across articles.
//!
//! The data flows one way, and the modules follow it:
//!
//! ```text
//! document (files, metadata, sentences)
//!   -> extract (rules + quantity model -> claims with spans)
//!   -> compare (groups, interval logic, consensus, typos) -> finding
//!   -> report (human, json, table)
//! ```

pub mod compare;
pub mod config;
pub mod document;
pub mod extract;
pub mod facts;
pub mod finding;
pub mod git;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod schema;
pub mod suppress;

use document::Document;
use extract::Claim;
use facts::Facts;
use finding::Finding;
use rules::RuleSet;
use suppress::Baseline;

/// The result of checking a set of documents.
#[derive(Debug)]
pub struct Outcome {
    pub claims: Vec<Claim>,
    /// Findings to report, sorted.
    pub findings: Vec<Finding>,
    /// Findings silenced by an inline marker or the baseline.
    pub suppressed: Vec<Finding>,
}

/// What a check takes beyond documents and rules.
#[derive(Debug, Default)]
pub struct Options<'a> {
    /// Verified values; they outrank the consensus of the articles.
    pub facts: Option<&'a Facts>,
    /// Accepted findings.
    pub baseline: Option<&'a Baseline>,
}

/// Extracts the claims of every document and compares them.
pub fn check(documents: &[Document], rules: &RuleSet) -> Outcome {
    check_with(documents, rules, &Options::default())
}

/// Extracts and compares, judges against facts, then sets aside findings that are suppressed
/// or that concern only corpus documents (a corpus is compared against, not reported on).
pub fn check_with(documents: &[Document], rules: &RuleSet, options: &Options) -> Outcome {
    let claims = extract::extract(documents, rules);
    let no_facts = Facts::default();
    let all = compare::compare(&claims, rules, options.facts.unwrap_or(&no_facts));
    let about_drafts: Vec<Finding> = all
        .into_iter()
        .filter(|f| !documents[f.locations[0].doc].corpus)
        .collect();
    let (findings, suppressed) = suppress::apply(about_drafts, documents, options.baseline);
    Outcome {
        claims,
        findings,
        suppressed,
    }
}
