//! crosscheck: checks facts for consistency across articles.
//!
//! The data flows one way, and the modules follow it:
//!
//! ```text
//! document (files, metadata, sentences)
//!   -> extract (rules + quantity model -> claims with spans)
//!   -> compare (groups, interval logic, consensus, typos) -> finding
//!   -> report (human, json, sarif, github, markdown, table)
//! ```
//!
//! [`engine`] runs extraction over many files in parallel and keeps only claims; [`interchange`]
//! writes and reads claims as JSON lines, so extraction can be split across machines; [`cache`]
//! keeps each document's claims by content hash and rule-pack hash.

pub mod cache;
pub mod compare;
pub mod config;
pub mod document;
pub mod editorial;
pub mod engine;
pub mod entities;
pub mod extract;
pub mod facts;
pub mod finding;
pub mod fsio;
pub mod git;
pub mod interchange;
pub mod markup;
pub mod printable;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod schema;
pub mod suppress;

use document::{DocInfo, Document};
use extract::Claim;
use facts::Facts;
use finding::Finding;
use rayon::slice::ParallelSliceMut;
use rules::RuleSet;
use suppress::Baseline;

/// What comparison works on: the documents of a run, as kept after scanning, and their
/// claims. Built by extraction ([`Corpus::extract`], [`engine::scan`]) or read from claim files
/// ([`interchange`]); either way the findings are the same.
///
/// Only documents with claims, suppression markers or repeated paragraphs are kept; the others are counted in
/// [`Corpus::quiet`], so memory grows with the claims, not with the number of files.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Corpus {
    /// In run order: corpus documents first.
    pub documents: Vec<DocInfo>,
    /// In document order, then by position; `claim.doc` indexes `documents`.
    pub claims: Vec<Claim>,
    /// Documents with neither claims nor markers: counted, not kept.
    pub quiet: Quiet,
}

/// Documents a corpus counts without keeping them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Quiet {
    pub checked: usize,
    pub corpus: usize,
}

impl Corpus {
    /// Extracts the claims of in-memory documents (one thread). Every document is kept, quiet
    /// or not, so `claim.doc` is the index of its document in `documents`.
    pub fn extract(documents: &[Document], rules: &RuleSet) -> Corpus {
        let scanner = extract::Scanner::new(rules);
        Corpus {
            documents: documents.iter().map(|d| d.info(&rules.checks)).collect(),
            claims: documents
                .iter()
                .enumerate()
                .flat_map(|(i, d)| extract::extract_document(i, d, &scanner))
                .collect(),
            quiet: Quiet::default(),
        }
    }

    /// Adds a document and its claims (in order of position), after those already there.
    pub fn push(&mut self, info: DocInfo, mut claims: Vec<Claim>) {
        if claims.is_empty() && info.markers.is_empty() && info.repeats.is_empty() {
            self.count_quiet(info.corpus);
            return;
        }
        let doc = self.documents.len();
        for c in &mut claims {
            c.doc = finding::saturating_u32(doc);
        }
        self.documents.push(info);
        self.claims.extend(claims);
    }

    /// Counts a document that has neither claims nor markers.
    pub fn count_quiet(&mut self, corpus: bool) {
        if corpus {
            self.quiet.corpus += 1;
        } else {
            self.quiet.checked += 1;
        }
    }

    /// Documents that are checked (not corpus).
    pub fn checked_documents(&self) -> usize {
        self.documents.iter().filter(|d| !d.corpus).count() + self.quiet.checked
    }

    /// Claims in checked documents.
    pub fn checked_claims(&self) -> usize {
        self.claims
            .iter()
            .filter(|c| {
                self.documents
                    .get(c.doc as usize)
                    .is_some_and(|d| !d.corpus)
            })
            .count()
    }
}

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

/// Extracts and compares (see [`judge`]).
pub fn check_with(documents: &[Document], rules: &RuleSet, options: &Options) -> Outcome {
    let corpus = Corpus::extract(documents, rules);
    let (findings, suppressed) = judge(&corpus, rules, options);
    Outcome {
        claims: corpus.claims,
        findings,
        suppressed,
    }
}

/// Compares the claims of a corpus, judges against facts, then sets aside findings that are
/// suppressed or that concern only corpus documents (a corpus is compared against, not
/// reported on). Returns (findings to report, suppressed findings), both sorted.
pub fn judge(corpus: &Corpus, rules: &RuleSet, options: &Options) -> (Vec<Finding>, Vec<Finding>) {
    let findings = claim_checks(corpus, rules, options);
    document_checks(corpus, rules, options, findings)
}

/// [`judge`], for a run whose report lists findings only: the corpus's claims are dropped as
/// soon as the checks that read them are done (the findings keep what they quote of them).
/// They are most of what a large run holds: on a 1 GiB run, the resident memory at the end
/// of judging falls from 263,000 KiB to 173,000 KiB (docs/performance.md). `corpus.claims` is
/// empty afterwards: count what the report needs of the claims before.
pub fn judge_releasing_claims(
    corpus: &mut Corpus,
    rules: &RuleSet,
    options: &Options,
) -> (Vec<Finding>, Vec<Finding>) {
    let findings = claim_checks(corpus, rules, options);
    corpus.claims = Vec::new();
    release_free_memory();
    document_checks(corpus, rules, options, findings)
}

/// The checks that read claims: edited copies, then the comparison. Edited copies go first:
/// their working memory (a record for most claims, the sentence groups) is the largest of the
/// checks', and it comes and goes before the comparison's findings are held.
fn claim_checks(corpus: &Corpus, rules: &RuleSet, options: &Options) -> Vec<Finding> {
    let mut findings = Vec::new();
    editorial::copy_findings(corpus, &rules.checks.edited_copy, &mut findings);
    release_free_memory();
    let no_facts = Facts::default();
    let mut compared = compare::compare(&corpus.claims, rules, options.facts.unwrap_or(&no_facts));
    if findings.is_empty() {
        findings = compared;
    } else {
        findings.append(&mut compared);
    }
    release_free_memory();
    findings
}

/// The checks that read documents only (repeated paragraphs), then the findings sorted,
/// those about corpus documents dropped and the suppressed ones set aside.
fn document_checks(
    corpus: &Corpus,
    rules: &RuleSet,
    options: &Options,
    mut all: Vec<Finding>,
) -> (Vec<Finding>, Vec<Finding>) {
    editorial::repeat_findings(
        &corpus.documents,
        &rules.checks.repeated_paragraph,
        &mut all,
    );
    release_free_memory();
    // Stable: findings with the same sort key (the same rule, so the same check) keep the
    // order their check gave them.
    all.par_sort_by_cached_key(|f| f.sort_key());
    // In place: a second vector of a large run's findings would be its largest allocation.
    all.retain(|f| {
        corpus
            .documents
            .get(f.locations[0].doc)
            .is_some_and(|d| !d.corpus)
    });
    suppress::apply(all, &corpus.documents, options.baseline)
}

/// Returns the memory the allocator holds free to the system: glibc keeps freed memory in its
/// arenas, resident. Called where a phase has just freed much of what it used (after a scan,
/// the documents' text, the compiled patterns and their caches; after comparing, its working
/// vectors), so that the next phase's peak does not stack on the last one's leftovers
/// (docs/performance.md). A few milliseconds; nothing on other platforms.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free memory of glibc's arenas to the system; it
        // takes no pointers and may be called from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
