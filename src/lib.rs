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
pub mod document;
pub mod extract;
pub mod finding;
pub mod quantity;
pub mod report;
pub mod rules;

use document::Document;
use extract::Claim;
use finding::Finding;
use rules::RuleSet;

/// The result of checking a set of documents.
#[derive(Debug)]
pub struct Outcome {
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
}

/// Extracts the claims of every document and compares them.
pub fn check(documents: &[Document], rules: &RuleSet) -> Outcome {
    let claims = extract::extract(documents, rules);
    let findings = compare::compare(&claims, rules);
    Outcome { claims, findings }
}
