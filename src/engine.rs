//! The engine: many files read in parallel, each scanned once and dropped.
//!
//! Files are processed on rayon's thread pool. Each worker reads a file, hashes it, takes its
//! claims from the cache or extracts them, and drops the text: a run keeps claims and
//! [`DocInfo`]s, so memory grows with the number of claims, not with the corpus. Results are
//! collected in input order, so the output does not depend on the number of threads.

use crate::cache::Cache;
use crate::document::{self, content_hash, Document, FileList, FileRef, SkipReason};
use crate::extract::{self, Claim, Scanner};
use crate::pipeline::{Corpus, DocInfo};
use crate::settings::Checks;
use rayon::prelude::*;

/// The files to scan: the first `corpus` of them are corpus documents (compared against,
/// not reported on), the rest are checked.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub files: FileList,
    pub corpus: usize,
}

impl Inputs {
    /// Corpus files first, then the checked ones.
    pub fn new(corpus: FileList, checked: &FileList) -> Inputs {
        let n = corpus.len();
        let mut files = corpus;
        files.append(checked);
        Inputs { files, corpus: n }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// What a scan produced.
#[derive(Debug, Default)]
pub struct Scanned {
    pub corpus: Corpus,
    pub tally: Tally,
}

/// What a scan saw besides claims.
#[derive(Debug, Default)]
pub struct Tally {
    /// Files skipped (display path, why): binary, empty, too large.
    pub skipped: Vec<(String, SkipReason)>,
    /// Files read with a problem worth saying (display path, message): invalid UTF-8.
    pub warnings: Vec<(String, String)>,
    /// Files that could not be read (display path, message).
    pub errors: Vec<(String, String)>,
    /// Documents whose claims came from the cache.
    pub cache_hits: usize,
    /// The first problem writing the cache, if any (the run goes on without storing).
    pub cache_error: Option<String>,
    /// Bytes of text scanned or looked up.
    pub bytes: u64,
}

enum Scan {
    Doc {
        info: DocInfo,
        claims: Vec<Claim>,
        hit: bool,
        cache_error: Option<String>,
        warning: Option<String>,
    },
    Skipped(String, SkipReason),
    Failed(String, String),
}

/// How files are read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Files larger than this are skipped with a notice.
    pub max_file_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: document::DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Files handed to the pool at a time. Results are kept in input order within a batch and
/// batches follow each other, so only one batch of results is ever waiting.
const BATCH: usize = 2048;

/// Scans `inputs` in parallel into one corpus. `tick` is called once per file (for a progress
/// bar).
pub fn scan(
    inputs: Inputs,
    scanner: &Scanner,
    checks: &Checks,
    cache: Option<&Cache>,
    read: ReadOptions,
    tick: &(dyn Fn() + Sync),
) -> Scanned {
    let mut corpus = Corpus::default();
    let sink = &mut |info: DocInfo, claims: Vec<Claim>| {
        corpus.push(info, claims);
        Ok(())
    };
    // The sink never fails.
    let tally = scan_each(inputs, scanner, checks, cache, read, tick, sink).unwrap_or_default();
    Scanned { corpus, tally }
}

/// Scans `inputs` in parallel and hands each document and its claims to `sink`, in input
/// order, as soon as its batch is done: the caller decides what to keep ([`Corpus::push`]
/// sets the claims' document index). Stops at the first error of `sink` (a closed output,
/// say). The file list is consumed: the paths of each batch are freed once it is done
/// ([`FileList::release_before`]), so they are not held beside the claims at the scan's end.
pub fn scan_each(
    mut inputs: Inputs,
    scanner: &Scanner,
    checks: &Checks,
    cache: Option<&Cache>,
    read: ReadOptions,
    tick: &(dyn Fn() + Sync),
    sink: &mut dyn FnMut(DocInfo, Vec<Claim>) -> std::io::Result<()>,
) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    for start in (0..inputs.len()).step_by(BATCH) {
        let end = (start + BATCH).min(inputs.len());
        let results: Vec<Scan> = (start..end)
            .into_par_iter()
            .map(|i| {
                let file = inputs.files.get(i);
                let r = scan_one(file, i < inputs.corpus, scanner, checks, cache, read);
                tick();
                r
            })
            .collect();
        for r in results {
            match r {
                Scan::Doc {
                    info,
                    claims,
                    hit,
                    cache_error,
                    warning,
                } => {
                    if let Some(w) = warning {
                        tally.warnings.push((info.path.clone(), w));
                    }
                    tally.bytes += info.bytes as u64;
                    tally.cache_hits += usize::from(hit);
                    if tally.cache_error.is_none() {
                        tally.cache_error = cache_error;
                    }
                    sink(info, claims)?;
                }
                Scan::Skipped(p, why) => tally.skipped.push((p, why)),
                Scan::Failed(p, e) => tally.errors.push((p, e)),
            }
        }
        inputs.files.release_before(end);
    }
    Ok(tally)
}

fn scan_one(
    file: FileRef,
    corpus: bool,
    scanner: &Scanner,
    checks: &Checks,
    cache: Option<&Cache>,
    read: ReadOptions,
) -> Scan {
    let display = file.display;
    let (text, warning) = match document::read_limited(file.path, read.max_file_size) {
        Ok(Ok(t)) => (t.text, t.invalid_utf8.map(|u| u.to_string())),
        Ok(Err(why)) => return Scan::Skipped(display.to_string(), why),
        Err(e) => return Scan::Failed(display.to_string(), e.to_string()),
    };
    let hash = content_hash(&text);
    if let Some((info, claims)) =
        cache.and_then(|c| c.get(&hash, display, corpus, 0, scanner.rules))
    {
        return Scan::Doc {
            info,
            claims,
            hit: true,
            cache_error: None,
            warning,
        };
    }
    let mut doc = Document::new(display.to_string(), text);
    doc.corpus = corpus;
    let claims = extract::extract_document(0, &doc, scanner);
    let info = DocInfo::with_hash(&doc, hash, checks);
    let cache_error = cache
        .and_then(|c| c.put(&info, &claims, scanner.rules).err())
        .map(|e| format!("cannot write to the cache: {e}"));
    Scan::Doc {
        info,
        claims,
        hit: false,
        cache_error,
        warning,
    }
}
