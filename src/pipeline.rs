//! The pipeline's middle: a run's documents and claims ([`Corpus`]), and judging them: the
//! checks, then suppression. Extraction fills a corpus ([`Corpus::extract`], `engine::scan`)
//! or claim files do (`interchange`); reports render what judging returns.

use crate::document::{content_hash, Date, Document};
use crate::editorial::{self, Repeat};
use crate::extract::{self, Claim};
use crate::facts::Facts;
use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::settings::Checks;
use crate::suppress::{self, Baseline, Marker};
use crate::{compare, text};
use rayon::slice::ParallelSliceMut;

/// What a run keeps of a document once it has been read and scanned: enough to count it,
/// apply its suppression markers and cache its claims. Its text is not kept.
#[derive(Debug, Clone, PartialEq)]
pub struct DocInfo {
    /// Path as displayed.
    pub path: String,
    /// Content hash of the text ([`content_hash`]).
    pub hash: String,
    /// Length of the text in bytes.
    pub bytes: usize,
    pub date: Option<Date>,
    /// Part of the corpus (compared against, not reported on).
    pub corpus: bool,
    /// Suppression markers in the text.
    pub markers: Vec<Marker>,
    /// Paragraphs the text repeats (the `repeated-paragraph` check).
    pub repeats: Vec<Repeat>,
}

impl DocInfo {
    /// What a run keeps of `doc` after scanning it.
    pub fn of(doc: &Document, checks: &Checks) -> DocInfo {
        DocInfo::with_hash(doc, content_hash(doc.source()), checks)
    }

    /// [`DocInfo::of`] when the content hash is already known.
    pub fn with_hash(doc: &Document, hash: String, checks: &Checks) -> DocInfo {
        DocInfo {
            path: doc.path.clone(),
            hash,
            bytes: doc.source().len(),
            date: doc.date,
            corpus: doc.corpus,
            markers: suppress::markers(doc),
            repeats: editorial::repeated_paragraphs(doc, &checks.repeated_paragraph),
        }
    }
}

/// What comparison works on: the documents of a run, as kept after scanning, and their
/// claims. Built by extraction ([`Corpus::extract`], `engine::scan`) or read from claim files
/// (`interchange`); either way the findings are the same.
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
    pub fn extract(documents: &[Document], rules: &RuleSet, checks: &Checks) -> Corpus {
        let scanner = extract::Scanner::new(rules);
        Corpus {
            documents: documents.iter().map(|d| DocInfo::of(d, checks)).collect(),
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
            c.doc = text::saturating_u32(doc);
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
#[derive(Default)]
pub struct Options<'a> {
    /// Verified values; they outrank the consensus of the articles.
    pub facts: Option<&'a Facts>,
    /// Accepted findings.
    pub baseline: Option<&'a Baseline>,
    /// The editorial checks' settings (from the config; the defaults otherwise).
    pub checks: Checks,
    /// Called between the phases of judging, each time a phase has just freed much of what it
    /// used, so that the next phase's peak does not stack on its leftovers. The library never
    /// tunes the allocator; the CLI returns free memory to the system here.
    pub between_phases: Option<&'a (dyn Fn() + Sync)>,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("facts", &self.facts)
            .field("baseline", &self.baseline)
            .field("checks", &self.checks)
            .field("between_phases", &self.between_phases.is_some())
            .finish()
    }
}

impl Options<'_> {
    fn phase_done(&self) {
        if let Some(f) = self.between_phases {
            f();
        }
    }
}

/// Extracts the claims of every document and compares them.
pub fn check(documents: &[Document], rules: &RuleSet) -> Outcome {
    check_with(documents, rules, &Options::default())
}

/// Extracts and compares (see [`judge`]).
pub fn check_with(documents: &[Document], rules: &RuleSet, options: &Options) -> Outcome {
    let corpus = Corpus::extract(documents, rules, &options.checks);
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
    document_checks(corpus, options, findings)
}

/// [`judge`], for a run whose report lists findings only: the corpus's claims are dropped as
/// soon as the checks that read them are done (the findings keep what they quote of them).
/// They are most of what a large run holds (docs/performance.md). `corpus.claims` is
/// empty afterwards: count what the report needs of the claims before.
pub fn judge_releasing_claims(
    corpus: &mut Corpus,
    rules: &RuleSet,
    options: &Options,
) -> (Vec<Finding>, Vec<Finding>) {
    let findings = claim_checks(corpus, rules, options);
    corpus.claims = Vec::new();
    options.phase_done();
    document_checks(corpus, options, findings)
}

/// The checks that read claims: edited copies, then the comparison. Edited copies go first:
/// their working memory (a record for most claims, the sentence groups) is the largest of the
/// checks', and it comes and goes before the comparison's findings are held.
fn claim_checks(corpus: &Corpus, rules: &RuleSet, options: &Options) -> Vec<Finding> {
    let mut findings = Vec::new();
    editorial::copy_findings(&corpus.claims, &options.checks.edited_copy, &mut findings);
    options.phase_done();
    let no_facts = Facts::default();
    let mut compared = compare::compare(&corpus.claims, rules, options.facts.unwrap_or(&no_facts));
    if findings.is_empty() {
        findings = compared;
    } else {
        findings.append(&mut compared);
    }
    options.phase_done();
    findings
}

/// The checks that read documents only (repeated paragraphs), then the findings sorted,
/// those about corpus documents dropped and the suppressed ones set aside.
fn document_checks(
    corpus: &Corpus,
    options: &Options,
    mut all: Vec<Finding>,
) -> (Vec<Finding>, Vec<Finding>) {
    let repeats: Vec<editorial::DocRepeats> = corpus
        .documents
        .iter()
        .map(|d| editorial::DocRepeats {
            path: &d.path,
            repeats: &d.repeats,
        })
        .collect();
    editorial::repeat_findings(&repeats, &options.checks.repeated_paragraph, &mut all);
    drop(repeats);
    options.phase_done();
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
    let markers: Vec<&[Marker]> = corpus.documents.iter().map(|d| &d.markers[..]).collect();
    suppress::apply(all, &markers, options.baseline)
}
