//! Editorial checks: what an editor catches that no claim rule describes.
//!
//! - `repeated-paragraph`: a paragraph stated twice in one document, word for word or nearly
//!   (a word-level `similar` ratio at or above the configured similarity). It needs the
//!   document's text, so it runs while the document is scanned ([`repeated_paragraphs`]); what
//!   it finds is kept with the document ([`Repeat`]), in the cache and in claim files, and
//!   becomes findings at comparison time like everything else.
//! - `edited-copy`: one sentence in two documents with different figures in it (a quoted or
//!   syndicated passage edited in one place only). Sentences are compared with their figures
//!   masked; the sentences compared are those around claims, which every run keeps anyway, so
//!   the check costs no memory beyond the claims (a sentence no rule reads is not compared).
//!
//! Each check has an id, a severity (or `off`) and its thresholds in `crosscheck.toml`
//! (`[checks.repeated-paragraph]`, `[checks.edited-copy]`; docs/config.md).

use crate::document::Document;
use crate::extract::Claim;
use crate::finding::{Finding, FindingKind, Location, Place};
use crate::quantity::Interval;
use crate::text::Snippet;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use crate::ids::{title, EDITED_COPY, REPEATED_PARAGRAPH};
pub use crate::settings::{Checks, EditedCopy, RepeatedParagraph};
pub use crate::text::similarity;

/// Paragraphs longer than this (bytes) are not compared: a 50 MB line is not a paragraph.
pub const MAX_PARAGRAPH: usize = 20_000;
/// How many occurrences of one paragraph a document keeps (the count is kept whole).
pub const MAX_PASSAGES: usize = 21;
/// How many documents with the original version an edited-copy finding lists (the message
/// counts them all): a syndicated sentence may be in thousands.
pub const MAX_COPIES: usize = 5;
/// A word triple shared by more paragraphs than this is boilerplate, not evidence of a copy;
/// it is not indexed further, which keeps the search linear.
const MAX_POSTINGS: usize = 32;

/// A paragraph stated more than once in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// Lowest word-level similarity of a repeat to the first occurrence; 1 when all are exact.
    pub similarity: f64,
    /// How many times the paragraph occurs.
    pub count: usize,
    /// The first occurrence, then the repeats in order (at most [`MAX_PASSAGES`]).
    pub passages: Vec<Passage>,
}

/// A paragraph's place and text (the file's, as written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// Shared with the findings that quote it.
    pub text: crate::text::Excerpt,
    /// Word-level similarity to the first occurrence (1 for it and for exact repeats).
    pub similarity: f64,
}

/// The paragraphs of `text` from `from` on, as trimmed byte ranges. Blank lines separate
/// blocks. A block of three lines or more that looks hard-wrapped (no line longer than a
/// wrapped line would be, every line but the last near the longest) is one paragraph; in any
/// other block each line is a paragraph of its own, as wire copy and scraped pages keep them
/// (headlines stacked on consecutive lines are not one paragraph).
pub fn paragraphs(text: &str, from: usize) -> Vec<(usize, usize)> {
    const WRAPPED_LINE: usize = 120;
    let mut out = Vec::new();
    let mut block: Vec<(usize, usize)> = Vec::new();
    let flush = |block: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, usize)>| {
        let widest = block.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
        let wrapped = block.len() >= 3
            && widest <= WRAPPED_LINE
            && block[..block.len() - 1]
                .iter()
                .all(|&(s, e)| 4 * (e - s) >= 3 * widest);
        if wrapped {
            out.push((block[0].0, block[block.len() - 1].1));
        } else {
            out.append(block);
        }
        block.clear();
    };
    let mut at = from.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    for line in text[at..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start();
        let s = start + (line.len() - trimmed.len());
        let e = s + trimmed.trim_end().len();
        if e == s {
            flush(&mut block, &mut out);
        } else {
            block.push((s, e));
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Whether a paragraph is a list item: it starts with a bullet ("-", "*", "•", "–") or a
/// number and "." or ")", then a space.
pub fn is_list_item(p: &str) -> bool {
    let b = p.as_bytes();
    if ["- ", "* ", "+ ", "• ", "– ", "— "]
        .iter()
        .any(|m| p.starts_with(m))
    {
        return true;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && b.get(digits + 1) == Some(&b' ')
}

/// Hashes of each word (one-shot XXH3 of its bytes): paragraphs and their word triples are
/// hashed by combining these, never by hashing their text again.
fn word_hashes(words: &[&str]) -> Vec<u64> {
    words
        .iter()
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
        .collect()
}

/// Combines word hashes in order (a multiply-rotate mix; not cryptographic, and exact matches
/// are confirmed on the words).
fn combine(hashes: &[u64]) -> u64 {
    hashes.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, &w| {
        (h ^ w).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29)
    })
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type PrehashedMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Prehashed>>;

/// Slack for comparing ratios with a threshold: 0.9 × 20 / 2 is not exactly 9 in floating point.
const EPSILON: f64 = 1e-9;

/// The paragraphs of a document that repeat an earlier one, exactly or nearly. Exact repeats
/// are found by hash; near ones by comparing only paragraphs that share at least half their
/// word triples, found through an index, so the search is linear in the document in practice.
pub fn repeated_paragraphs(doc: &Document, settings: &RepeatedParagraph) -> Vec<Repeat> {
    if settings.severity.is_none() {
        return Vec::new();
    }
    let text = &doc.text;
    // Every compared paragraph's words, and their hashes, in two flat lists: one allocation
    // each per document, not per paragraph.
    // A word takes six bytes on average in English prose: room for most documents' words.
    let mut words: Vec<&str> = Vec::with_capacity(text.len() / 6);
    let mut paras: Vec<((usize, usize), std::ops::Range<usize>)> = Vec::new();
    for (s, e) in paragraphs(text, doc.body_start) {
        if e - s > MAX_PARAGRAPH {
            continue;
        }
        let from = words.len();
        words.extend(crate::text::words(&text[s..e]));
        if words.len() - from < settings.min_words.max(1) {
            words.truncate(from);
        } else {
            paras.push(((s, e), from..words.len()));
        }
    }
    let hashes = word_hashes(&words);
    let words_of = |i: usize| &words[paras[i].1.clone()];
    // Each paragraph's first occurrence and its similarity to it.
    let mut root: Vec<(usize, f64)> = (0..paras.len()).map(|i| (i, 1.0)).collect();
    let mut exact: PrehashedMap<u64, usize> =
        PrehashedMap::with_capacity_and_hasher(paras.len(), Default::default());
    // Word triple -> (latest entry, entries): a linked list in `entries`, (paragraph, next).
    let capacity = if settings.similarity < 1.0 {
        words.len()
    } else {
        0
    };
    let mut postings: PrehashedMap<u64, (u32, u32)> =
        PrehashedMap::with_capacity_and_hasher(capacity, Default::default());
    let mut entries: Vec<(u32, u32)> = Vec::with_capacity(capacity);
    let mut shared: PrehashedMap<u32, u32> = PrehashedMap::default();
    let mut triples: Vec<u64> = Vec::new();
    let near = settings.similarity < 1.0;
    for j in 0..paras.len() {
        let own = &hashes[paras[j].1.clone()];
        let h = combine(own);
        match exact.get(&h) {
            // (A hash collision with other words is left to the near search.)
            Some(&i) if words_of(i) == words_of(j) => {
                root[j] = root[i];
                continue;
            }
            Some(_) => {}
            None => {
                exact.insert(h, j);
            }
        }
        // List items are alike by nature (one template, a name changed): only exact repeats
        // of them count.
        if !near || is_list_item(&text[paras[j].0 .0..paras[j].0 .1]) {
            continue;
        }
        triples.clear();
        triples.extend(own.windows(3).map(combine));
        triples.sort_unstable();
        triples.dedup();
        shared.clear();
        for t in &triples {
            if let Some(&(mut at, _)) = postings.get(t) {
                while at != u32::MAX {
                    let (i, next) = entries[at as usize];
                    *shared.entry(i).or_default() += 1;
                    at = next;
                }
            }
        }
        let b = own.len();
        let mut candidates: Vec<usize> = shared
            .iter()
            .filter(|&(&i, &n)| {
                let a = paras[i as usize].1.len();
                // The ratio 2M / (a + b) reaches the threshold only with M >= m matching words.
                // Each of this paragraph's b - M unmatched words breaks at most three of its
                // triples, and each of the other's a - M unmatched words, sitting between two
                // matched ones, at most two: at least T - 3(b - m) - 2(a - m) triples are
                // shared. (The postings cap can lower the count for boilerplate triples: the
                // index is a heuristic there.)
                let m = (settings.similarity * (a + b) as f64 / 2.0 - EPSILON).ceil() as i64;
                let need = triples.len() as i64 - 3 * (b as i64 - m) - 2 * (a as i64 - m);
                m <= a.min(b) as i64 && i64::from(n) >= need.max(1)
            })
            .map(|(&i, _)| i as usize)
            .collect();
        candidates.sort_unstable();
        // Compared with the first occurrence of each candidate's paragraph, so that a
        // chain of near repeats (A ≈ B ≈ C) never puts C with A when they are not alike.
        let mut tried: Vec<usize> = Vec::new();
        for i in candidates {
            let first = root[i].0;
            if tried.contains(&first) {
                continue;
            }
            tried.push(first);
            let r = similarity(words_of(first), words_of(j));
            if r >= settings.similarity - EPSILON {
                root[j] = (first, r);
                break;
            }
        }
        for &t in &triples {
            let slot = postings.entry(t).or_insert((u32::MAX, 0));
            if (slot.1 as usize) < MAX_POSTINGS {
                entries.push((j as u32, slot.0));
                *slot = (entries.len() as u32 - 1, slot.1 + 1);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for (j, &(r, sim)) in root.iter().enumerate() {
        if r != j {
            groups.entry(r).or_default().push((j, sim));
        }
    }
    groups
        .into_iter()
        .map(|(first, repeats)| {
            let passage = |i: usize, similarity: f64| {
                let (s, e) = paras[i].0;
                let (line, column) = doc.line_col(s);
                let (s, e) = doc.source_span(s, e);
                Passage {
                    start: s,
                    end: e,
                    line,
                    column,
                    text: doc.source().get(s..e).unwrap_or_default().into(),
                    similarity,
                }
            };
            let similarity = repeats.iter().map(|r| r.1).fold(1.0, f64::min);
            Repeat {
                similarity,
                count: repeats.len() + 1,
                passages: std::iter::once((first, 1.0))
                    .chain(repeats.iter().copied())
                    .take(MAX_PASSAGES)
                    .map(|(i, sim)| passage(i, sim))
                    .collect(),
            }
        })
        .collect()
}

fn passage_location(doc: usize, path: &Arc<str>, p: &Passage) -> Location {
    let text = p.text.clone();
    Location::new(Place {
        doc,
        path: path.clone(),
        line: crate::text::saturating_u32(p.line),
        column: crate::text::saturating_u32(p.column),
        start: p.start,
        end: p.end,
        text: text.clone(),
        interval: Interval { lo: None, hi: None },
        snippet: Snippet {
            start: p.start,
            line: crate::text::saturating_u32(p.line),
            column: crate::text::saturating_u32(p.column),
            text,
        },
    })
}

/// The first words of a passage, as a finding's key: it names the paragraph or sentence in
/// reports and keeps fingerprints of findings in one file apart.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    let mut s = words.join(" ");
    if text.split_whitespace().nth(8).is_some() {
        s.push('…');
    }
    s
}

/// The repeated paragraphs recorded with one document of a run, by its index in the run.
#[derive(Debug, Clone, Copy)]
pub struct DocRepeats<'a> {
    pub path: &'a str,
    pub repeats: &'a [Repeat],
}

/// Appends to `out` the findings for the repeated paragraphs recorded with the documents: one
/// per paragraph that repeats, placed at its first repeat, with the first occurrence and the
/// other repeats as related locations.
pub fn repeat_findings(
    documents: &[DocRepeats],
    settings: &RepeatedParagraph,
    out: &mut Vec<Finding>,
) {
    let Some(severity) = settings.severity else {
        return;
    };
    let (rule, rule_title): (Arc<str>, Arc<str>) =
        (REPEATED_PARAGRAPH.into(), title(REPEATED_PARAGRAPH).into());
    // Documents are independent: their findings are made in parallel, kept in run order.
    let of_document = |(d, info): (usize, &DocRepeats)| {
        let mut out = Vec::new();
        let path: Arc<str> = Arc::from(info.path);
        for r in info.repeats {
            if r.passages.len() < 2 {
                continue;
            }
            let first = &r.passages[0];
            let sim = r.passages[1].similarity;
            let how = if sim >= 1.0 {
                "word for word".to_string()
            } else {
                format!("nearly ({:.0}% of its words alike)", sim * 100.0)
            };
            let mut message = format!(
                "this paragraph repeats the one at line {} {how}",
                first.line
            );
            if r.count > 2 {
                let lines: Vec<String> = r.passages.iter().map(|p| p.line.to_string()).collect();
                let more = if r.count > r.passages.len() {
                    ", …"
                } else {
                    ""
                };
                message.push_str(&format!(
                    "; it occurs {} times (lines {}{more})",
                    r.count,
                    lines.join(", ")
                ));
            }
            let mut locations = vec![passage_location(d, &path, &r.passages[1])];
            locations.push(passage_location(d, &path, first));
            locations.extend(
                r.passages[2..]
                    .iter()
                    .map(|p| passage_location(d, &path, p)),
            );
            out.push(Finding {
                rule: rule.clone(),
                rule_title: rule_title.clone(),
                severity,
                kind: FindingKind::RepeatedParagraph,
                message,
                key: Some(opening(&first.text)),
                period: None,
                suggestion: None,
                locations,
                fact: None,
                claim: None,
                group: None,
            });
        }
        out
    };
    let findings = documents
        .par_iter()
        .enumerate()
        .filter(|(_, info)| !info.repeats.is_empty())
        .flat_map_iter(of_document);
    out.par_extend(findings);
}

/// Figures in a sentence: digit runs with inner separators ("1,200", "14.8", "2023").
pub fn figures(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (matches!(b[i], b'.' | b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        out.push((s, i));
    }
    out
}

/// A sentence with its figures masked, whitespace collapsed, and its word count. The number
/// of figures is part of the key: the mask character may also be in the text.
fn template(text: &str, figs: &[(usize, usize)]) -> (u128, usize) {
    let mut masked = format!("{}\u{1}", figs.len());
    let mut at = 0;
    for &(s, e) in figs {
        masked.push_str(&text[at..s]);
        masked.push('\u{1}');
        at = e;
    }
    masked.push_str(&text[at..]);
    // The words joined by single spaces, in place: no list of words, no second string.
    let mut joined = String::with_capacity(masked.len());
    let mut words = 0;
    for w in masked.split_whitespace() {
        if words > 0 {
            joined.push(' ');
        }
        joined.push_str(w);
        words += 1;
    }
    (xxhash_rust::xxh3::xxh3_128(joined.as_bytes()), words)
}

/// One sentence around a claim, as the edited-copy check sees it.
struct Copy<'a> {
    doc: usize,
    path: &'a Arc<str>,
    snippet: &'a Snippet,
    figures: Vec<(usize, usize)>,
}

impl Copy<'_> {
    fn figure(&self, k: usize) -> &str {
        let (s, e) = self.figures[k];
        &self.snippet.text[s..e]
    }

    fn location(&self, k: usize) -> Location {
        let (s, e) = self.figures[k];
        let start = self.snippet.start + s;
        let (line, column) = self
            .snippet
            .line_col(start)
            .unwrap_or((self.snippet.line as usize, self.snippet.column as usize));
        Location::new(Place {
            doc: self.doc,
            path: self.path.clone(),
            line: crate::text::saturating_u32(line),
            column: crate::text::saturating_u32(column),
            start,
            end: self.snippet.start + e,
            text: self
                .snippet
                .text
                .slice(s, e)
                .unwrap_or_else(|| self.figure(k).into()),
            interval: Interval { lo: None, hi: None },
            snippet: self.snippet.clone(),
        })
    }
}

/// Appends to `out` the findings for sentences stated in several documents with different
/// figures. The version most documents give (then the one whose first document comes first in
/// the run: the corpus before drafts) is taken as the original; every other document's version
/// is reported at its first differing figure, against the original. A document holding both
/// versions is not reported: that is a document restating itself, not an edited copy.
pub fn copy_findings(claims: &[Claim], settings: &EditedCopy, out: &mut Vec<Finding>) {
    let Some(severity) = settings.severity else {
        return;
    };
    let (rule, rule_title): (Arc<str>, Arc<str>) = (EDITED_COPY.into(), title(EDITED_COPY).into());
    // (template, document, claim) of each sentence with figures: small records first, so
    // that only sentences stated in two documents or more are looked at again (keeping every
    // sentence's figures here was the largest memory of a large run).
    // Templates are computed in parallel (masking every claim's sentence is most of the
    // check's time on a million claims).
    // Document and claim indexes in 32 bits: this list has a record for most claims (a run of
    // 4 billion claims would not fit in memory anyway).
    let mut keys: Vec<(u128, u32, u32)> = (0..claims.len())
        .into_par_iter()
        .filter_map(|i| {
            let c = &claims[i];
            // A sentence with several claims is one sentence: its first claim stands for it.
            let same = |p: &Claim| {
                (p.doc, p.snippet.start, p.snippet.text.len())
                    == (c.doc, c.snippet.start, c.snippet.text.len())
            };
            if i > 0 && same(&claims[i - 1]) {
                return None;
            }
            let figures = figures(&c.snippet.text);
            if figures.is_empty() {
                return None;
            }
            let (t, words) = template(&c.snippet.text, &figures);
            let (doc, claim) = (c.doc, u32::try_from(i).ok()?);
            (words >= settings.min_words).then_some((t, doc, claim))
        })
        .collect();
    keys.sort_unstable();
    let mut groups: Vec<&[(u128, u32, u32)]> = keys
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|g| g.iter().any(|k| k.1 != g[0].1))
        .collect();
    // In run order, whatever the hash's.
    groups.sort_by_key(|g| (g[0].1, claims[g[0].2 as usize].snippet.start));
    // Sentences are independent: compared in parallel, their findings kept in group order.
    // Within a sentence, copies are read and findings made in parallel too: one sentence of
    // an archive of copies can be in most of its documents.
    let per_group: Vec<Vec<Finding>> = groups
        .par_iter()
        .map(|g| {
            let group: Vec<Copy> = g
                .par_iter()
                .map(|&(_, doc, i)| {
                    let c = &claims[i as usize];
                    Copy {
                        doc: doc as usize,
                        path: &c.path,
                        snippet: &c.snippet,
                        figures: figures(&c.snippet.text),
                    }
                })
                .collect();
            // Versions: the figures as written -> the copies stating them (in run order).
            let mut versions: BTreeMap<Vec<&str>, Vec<&Copy>> = BTreeMap::new();
            for c in &group {
                let figs = (0..c.figures.len()).map(|k| c.figure(k)).collect();
                versions.entry(figs).or_default().push(c);
            }
            if versions.len() < 2 {
                return Vec::new();
            }
            let Some((original, first)) = versions
                .iter()
                .max_by_key(|(_, v)| {
                    (
                        firsts(v).len(),
                        std::cmp::Reverse((v[0].doc, v[0].snippet.start)),
                    )
                })
                .map(|(k, v)| (k.clone(), v.clone()))
            else {
                return Vec::new();
            };
            let original_docs: Vec<usize> = firsts(&first).iter().map(|c| c.doc).collect();
            // The copies to report, in order, each with the figures that differ. A document
            // with two edited versions is reported once, for the first.
            let mut reported: std::collections::HashSet<usize> = Default::default();
            let mut edited: Vec<(&Vec<&str>, &Copy, Vec<usize>)> = Vec::new();
            for (figs, copies) in &versions {
                if *figs == original {
                    continue;
                }
                for c in firsts(copies) {
                    // Documents are in run order, so the list is sorted.
                    if original_docs.binary_search(&c.doc).is_ok() || !reported.insert(c.doc) {
                        continue;
                    }
                    let differing: Vec<usize> = (0..figs.len().min(original.len()))
                        .filter(|&k| figs[k] != original[k])
                        .collect();
                    if !differing.is_empty() {
                        edited.push((figs, c, differing));
                    }
                }
            }
            // The originals are listed by every edited copy of the sentence: shared.
            let mut originals: BTreeMap<usize, Vec<Location>> = BTreeMap::new();
            for (_, _, differing) in &edited {
                originals.entry(differing[0]).or_insert_with_key(|&k| {
                    let mut seen = Vec::new();
                    let mut listed = Vec::new();
                    for o in &first {
                        if seen.len() == MAX_COPIES {
                            break;
                        }
                        if !seen.contains(&o.doc) {
                            seen.push(o.doc);
                            listed.push(o.location(k));
                        }
                    }
                    listed
                });
            }
            let o = first[0];
            let others = original_docs.len() - 1;
            edited
                .par_iter()
                .map(|(figs, c, differing)| {
                    let k = differing[0];
                    let changes: Vec<String> = differing
                        .iter()
                        .map(|&k| format!("\"{}\" where it says \"{}\"", figs[k], original[k]))
                        .collect();
                    let message = format!(
                        "this sentence is also in {}:{}{}, with {}",
                        o.path,
                        o.location(k).line,
                        if others > 0 {
                            format!(" and {others} other document{}", plural(others))
                        } else {
                            String::new()
                        },
                        changes.join(", ")
                    );
                    let mut locations = vec![c.location(k)];
                    locations.extend(originals[&k].iter().cloned());
                    Finding {
                        rule: rule.clone(),
                        rule_title: rule_title.clone(),
                        severity,
                        kind: FindingKind::EditedCopy,
                        message,
                        key: Some(opening(&c.snippet.text)),
                        period: None,
                        suggestion: Some(original[k].to_string()),
                        locations,
                        fact: None,
                        claim: None,
                        group: None,
                    }
                })
                .collect()
        })
        .collect();
    out.reserve(per_group.iter().map(Vec::len).sum());
    for findings in per_group {
        out.extend(findings);
    }
}

/// The first copy in each document. A version's copies are in run order, so the copies of one
/// document are next to each other.
fn firsts<'c>(copies: &[&'c Copy<'c>]) -> Vec<&'c Copy<'c>> {
    let mut out: Vec<&Copy> = Vec::new();
    for c in copies {
        if out.last().is_none_or(|l| l.doc != c.doc) {
            out.push(c);
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn doc(text: &str) -> Document {
        Document::new("a.txt", text.to_string())
    }

    fn settings(similarity: f64) -> RepeatedParagraph {
        RepeatedParagraph {
            severity: Some(Severity::Warning),
            similarity,
            min_words: 5,
        }
    }

    #[test]
    fn paragraphs_are_lines_in_wire_copy_and_blocks_when_wrapped() {
        let wire = format!("{}\n{}\n\nlast\n", "a ".repeat(80), "b ".repeat(10));
        let p = paragraphs(&wire, 0);
        assert_eq!(p.len(), 3, "{p:?}");
        let wrapped = "one two three\nfour five six\nseven eight\n\nnine\n";
        let p = paragraphs(wrapped, 0);
        assert_eq!(
            p.iter().map(|&(s, e)| &wrapped[s..e]).collect::<Vec<_>>(),
            ["one two three\nfour five six\nseven eight", "nine"]
        );
        // Two stacked headlines are two paragraphs.
        let stacked = "Expert hails results\nExpert hails results\n";
        assert_eq!(paragraphs(stacked, 0).len(), 2);
    }

    #[test]
    fn exact_and_near_repeats_are_found_and_distinct_paragraphs_are_not() {
        let text = "The ministry held 20 meetings with partners this year.\n\n\
                    Something else entirely is said in this paragraph here.\n\n\
                    The ministry held 20 meetings with partners this year.\n\n\
                    The ministry held 21 meetings with its partners this year.\n\n\
                    A third thing, unrelated to the others, closes the piece.\n";
        let r = repeated_paragraphs(&doc(text), &settings(0.8));
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].count, 3);
        let lines: Vec<usize> = r[0].passages.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 5, 7]);
        assert!(r[0].similarity < 1.0 && r[0].similarity >= 0.8);
        // Exact only: the edited paragraph is not a repeat.
        let r = repeated_paragraphs(&doc(text), &settings(1.0));
        assert_eq!(r[0].count, 2);
        assert_eq!(r[0].similarity, 1.0);
    }

    fn lines_of(text: &str, similarity: f64) -> Vec<Vec<usize>> {
        repeated_paragraphs(&doc(text), &settings(similarity))
            .iter()
            .map(|r| r.passages.iter().map(|p| p.line).collect())
            .collect()
    }

    #[test]
    fn a_repeat_with_a_word_dropped_or_exactly_at_the_threshold_is_found() {
        // 10 words, then 9 of them: 18/19 alike. The later copy lost a word, which breaks
        // triples of the first that the copy's own words do not account for.
        let a = "one two three four five six seven eight nine ten";
        let b = "one two three four six seven eight nine ten";
        assert_eq!(lines_of(&format!("{a}\n\n{b}\n"), 0.9), [[1, 3]]);
        // 9 of 10 words alike: 18/20, exactly 0.9.
        let c = "one two three four five six seven eight nine eleven";
        assert_eq!(lines_of(&format!("{a}\n\n{c}\n"), 0.9), [[1, 3]]);
        // 60 words with 5 scattered words dropped: 110/115 alike.
        let long: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let cut: Vec<&str> = long
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 12 != 5)
            .map(|(_, w)| w.as_str())
            .collect();
        let text = format!("{}\n\n{}\n", long.join(" "), cut.join(" "));
        assert_eq!(lines_of(&text, 0.9), [[1, 3]]);
    }

    #[test]
    fn near_repeats_do_not_chain_and_each_keeps_its_own_similarity() {
        // B is 90% like A, C 90% like B but only 80% like A: C is not A's repeat.
        let a = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10";
        let b = "w1 w2 w3 w4 w5 w6 w7 w8 w9 x10";
        let c = "w1 w2 w3 w4 w5 w6 w7 w8 x9 x10";
        let text = format!("{a}\n\n{b}\n\n{c}\n\n{a}\n");
        let r = repeated_paragraphs(&doc(&text), &settings(0.9));
        assert_eq!(r.len(), 1);
        let got: Vec<(usize, f64)> = r[0]
            .passages
            .iter()
            .map(|p| (p.line, p.similarity))
            .collect();
        assert_eq!(got, [(1, 1.0), (3, 0.9), (7, 1.0)]);
        assert_eq!(r[0].similarity, 0.9);
    }

    #[test]
    fn list_items_count_only_when_repeated_word_for_word() {
        let a = "- Angie Errigo, Empire: Film - The Aviator; director - Clint Eastwood; actor - Jamie Foxx.";
        let b = "- Angie Errigo, Empire: Film - The Aviator; director - Martin Scorsese; actor - Jamie Foxx.";
        assert!(lines_of(&format!("{a}\n\n{b}\n"), 0.8).is_empty());
        assert_eq!(lines_of(&format!("{a}\n\n{a}\n"), 0.8), [[1, 3]]);
        assert!(is_list_item("12. Twelfth item here"));
        assert!(!is_list_item("2023 was a vibrant year"));
        assert!(!is_list_item("-5% in a year"));
    }

    #[test]
    fn short_paragraphs_and_the_check_turned_off_find_nothing() {
        let text = "Read more\n\nRead more\n";
        assert!(repeated_paragraphs(&doc(text), &settings(0.9)).is_empty());
        let mut off = settings(0.9);
        off.severity = None;
        let text = "one two three four five six\n\none two three four five six\n";
        assert!(repeated_paragraphs(&doc(text), &off).is_empty());
        assert_eq!(repeated_paragraphs(&doc(text), &settings(0.9)).len(), 1);
    }

    #[test]
    fn figures_are_digit_runs_with_inner_separators() {
        let t = "Up 14.8% to 1,200 in 2023, then 5.";
        let f: Vec<&str> = figures(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(f, ["14.8", "1,200", "2023", "5"]);
    }
}
