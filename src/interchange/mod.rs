//! Claims as an interchange format: JSON lines, versioned (documented in `docs/claims.md`).
//!
//! `crosscheck extract --format jsonl` writes a claim file; `crosscheck compare` reads any number
//! of them and gives the findings `check` gives on the documents. A corpus too large for one
//! machine is extracted in shards (a CI matrix, GNU parallel) and compared once, merged.
//!
//! ```text
//! {"crosscheck_claims":1,"tool":"crosscheck 0.1.0","rules_hash":"…"}   header
//! {"document":{"path":…,"hash":…,"bytes":…,"date":…,"corpus":…,"markers":[…]}}
//! {"claim":{"rule":…,"path":…,"doc_hash":…,"start":…,"end":…,"text":…,"lo":…,…}}   its claims
//! ```
//!
//! Every document has a line, also one without claims (it counts in the summary, and its
//! markers suppress findings). Claims follow their document's line.

use crate::document::Date;
use crate::extract::Claim;
use crate::pipeline::Corpus;
use crate::pipeline::DocInfo;
use crate::quantity::{self, Bound, Hedge, Interval, Quantity, Unit};
use crate::rules::RuleSet;
use crate::settings::Checks;
use crate::suppress::Marker;
use crate::text::Snippet;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
/// A fast hasher for the set of document paths (SipHash showed in the profile of 1M claims).
type BuildHasher = std::hash::BuildHasherDefault<xxhash_rust::xxh3::Xxh3Default>;
use std::io::{self, BufRead, Write};
use std::sync::Arc;

mod line;

/// Version of the claim file format. Readers refuse other versions.
pub const FORMAT_VERSION: u32 = 1;

/// The revision of what extraction finds in a text for the same rules (clause readings,
/// subjects, periods): part of the rules hash, so a cache or claim file made by an earlier
/// extraction is never taken for this one's. Raise it when the same text and rules would give
/// other claims.
pub const EXTRACTION_REVISION: u32 = 4;

/// The first line of a claim file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The format version; its name marks the file as a claim file.
    pub crosscheck_claims: u32,
    /// The crosscheck that wrote it.
    pub tool: String,
    /// [`rules_hash`] of the rule pack the claims were extracted with.
    pub rules_hash: String,
}

/// A document line. Its path and hash borrow from the line read (or the document written):
/// most documents of an archive have no claim and are only counted, so reading them should
/// not allocate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRecord<'a> {
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    #[serde(borrow)]
    pub hash: Cow<'a, str>,
    pub bytes: usize,
    /// `YYYY-MM-DD` from the document's metadata.
    pub date: Option<String>,
    pub corpus: bool,
    pub markers: Vec<Marker>,
    /// Paragraphs the document repeats (`repeated-paragraph`); absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats: Vec<crate::editorial::Repeat>,
}

/// A claim line. Strings borrow from the line read (or the claim written) where they can:
/// reading a million claims should not mean a dozen allocations each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord<'a> {
    #[serde(borrow)]
    pub rule: Cow<'a, str>,
    #[serde(borrow)]
    pub key: Option<Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Cow<'a, str>>,
    pub period: Option<i32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anchored: bool,
    #[serde(borrow)]
    pub path: Cow<'a, str>,
    #[serde(borrow)]
    pub doc_hash: Cow<'a, str>,
    pub line: usize,
    pub column: usize,
    /// Byte offsets of the figure in the document.
    pub start: usize,
    pub end: usize,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(borrow)]
    pub digits: Cow<'a, str>,
    #[serde(borrow)]
    pub unit: Cow<'a, str>,
    #[serde(borrow)]
    pub currency: Option<Cow<'a, str>>,
    pub value: Option<f64>,
    #[serde(borrow)]
    pub hedge: Cow<'a, str>,
    pub rounded: bool,
    /// The interval asserted; a missing bound is unbounded.
    pub lo: Option<f64>,
    pub lo_inclusive: bool,
    pub hi: Option<f64>,
    pub hi_inclusive: bool,
    pub items: Option<Vec<String>>,
    pub snippet: Snippet,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
enum Line<'a> {
    #[serde(borrow)]
    Document(DocRecord<'a>),
    #[serde(borrow)]
    Claim(Box<ClaimRecord<'a>>),
}

/// The identity of a rule pack for claim files and the cache: XXH3-128 over this crosscheck's
/// version, the claim format version, the text of every rule file in load order and the
/// editorial checks' settings (a claim file and a cache entry hold the repeated paragraphs
/// found with them). Any edit to a rule file or a setting, or a new crosscheck, gives a new
/// hash.
pub fn rules_hash(rules: &RuleSet, checks: &Checks) -> String {
    let mut input = format!(
        "crosscheck {} claims v{FORMAT_VERSION} extraction r{EXTRACTION_REVISION}\n",
        env!("CARGO_PKG_VERSION")
    );
    let mut seen = HashSet::new();
    for r in &rules.rules {
        if seen.insert(Arc::as_ptr(&r.source)) {
            input.push_str(&format!("{}\n{}\n", r.source.text.len(), r.source.text));
        }
    }
    input.push_str(&checks.describe());
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(input.as_bytes()))
}

/// The header this crosscheck writes for `rules` and `checks`.
pub fn header(rules: &RuleSet, checks: &Checks) -> Header {
    Header {
        crosscheck_claims: FORMAT_VERSION,
        tool: format!("crosscheck {}", env!("CARGO_PKG_VERSION")),
        rules_hash: rules_hash(rules, checks),
    }
}

impl<'a> DocRecord<'a> {
    pub fn of(d: &'a DocInfo) -> DocRecord<'a> {
        DocRecord {
            path: Cow::Borrowed(&d.path),
            hash: Cow::Borrowed(&d.hash),
            bytes: d.bytes,
            date: d.date.map(|d| d.to_string()),
            corpus: d.corpus,
            markers: d.markers.clone(),
            repeats: d.repeats.clone(),
        }
    }

    pub fn into_info(self) -> Result<DocInfo, String> {
        let date = self.date()?;
        Ok(DocInfo {
            path: self.path.into_owned(),
            hash: self.hash.into_owned(),
            bytes: self.bytes,
            date,
            corpus: self.corpus,
            markers: self.markers,
            repeats: self.repeats,
        })
    }
}

impl DocRecord<'_> {
    /// The date of the document's metadata.
    pub fn date(&self) -> Result<Option<Date>, String> {
        match &self.date {
            None => Ok(None),
            Some(s) => Date::parse(s)
                .map(Some)
                .ok_or_else(|| format!("invalid date `{s}`")),
        }
    }

    /// A copy that borrows nothing.
    fn into_owned(self) -> DocRecord<'static> {
        DocRecord {
            path: Cow::Owned(self.path.into_owned()),
            hash: Cow::Owned(self.hash.into_owned()),
            ..self
        }
    }

    /// Neither markers nor repeats: kept only if claims follow.
    fn quiet(&self) -> bool {
        self.markers.is_empty() && self.repeats.is_empty()
    }
}

impl<'a> ClaimRecord<'a> {
    pub fn of(c: &'a Claim, doc_hash: &'a str, rules: &'a RuleSet) -> ClaimRecord<'a> {
        let q = &c.quantity;
        ClaimRecord {
            rule: Cow::Borrowed(c.rule_id(rules)),
            key: c.key.as_deref().map(Cow::Borrowed),
            subject: c.subject.as_deref().map(Cow::Borrowed),
            period: c.period,
            anchored: c.anchored,
            path: Cow::Borrowed(&c.path),
            doc_hash: Cow::Borrowed(doc_hash),
            line: c.line as usize,
            column: c.column as usize,
            start: q.start,
            end: q.end,
            text: Cow::Borrowed(&q.text),
            digits: Cow::Borrowed(&q.digits),
            unit: Cow::Borrowed(q.unit.as_str()),
            currency: q.currency.map(Cow::Borrowed),
            value: q.value,
            hedge: Cow::Borrowed(q.hedge.as_str()),
            rounded: q.rounded,
            lo: q.interval.lo.map(|b| b.value),
            lo_inclusive: q.interval.lo.is_some_and(|b| b.inclusive),
            hi: q.interval.hi.map(|b| b.value),
            hi_inclusive: q.interval.hi.is_some_and(|b| b.inclusive),
            items: c.items.as_deref().map(<[String]>::to_vec),
            snippet: c.snippet.clone(),
        }
    }

    /// The claim, placed in document `doc` of a run with `rules`, with the document's path.
    pub fn into_claim(self, rules: &RuleSet, doc: usize, path: Arc<str>) -> Result<Claim, String> {
        let rule = rules
            .rules
            .iter()
            .position(|r| *r.id == *self.rule)
            .ok_or_else(|| format!("unknown rule `{}`", self.rule))?;
        let unit =
            Unit::from_name(&self.unit).ok_or_else(|| format!("unknown unit `{}`", self.unit))?;
        let hedge = Hedge::from_name(&self.hedge)
            .ok_or_else(|| format!("unknown hedge `{}`", self.hedge))?;
        let currency = match &self.currency {
            None => None,
            Some(c) => {
                Some(quantity::currency_code(c).ok_or_else(|| format!("unknown currency `{c}`"))?)
            }
        };
        if self.start > self.end {
            return Err(format!("span {}..{} is reversed", self.start, self.end));
        }
        let bound = |v: Option<f64>, inclusive: bool| v.map(|value| Bound { value, inclusive });
        Ok(Claim {
            rule: crate::text::saturating_u32(rule),
            key: self.key.map(|k| Arc::from(&*k)),
            subject: self.subject.map(|k| Arc::from(&*k)),
            period: self.period,
            anchored: self.anchored,
            // The document's, set where the claim is placed in it.
            date: None,
            doc: crate::text::saturating_u32(doc),
            path,
            line: crate::text::saturating_u32(self.line),
            column: crate::text::saturating_u32(self.column),
            quantity: Quantity {
                start: self.start,
                end: self.end,
                text: figure_text(&self.text, self.start, &self.snippet),
                unit,
                currency,
                value: self.value,
                interval: Interval {
                    lo: bound(self.lo, self.lo_inclusive),
                    hi: bound(self.hi, self.hi_inclusive),
                },
                hedge,
                rounded: self.rounded,
                digits: (*self.digits).into(),
            },
            snippet: self.snippet,
            items: self.items.map(Vec::into_boxed_slice),
        })
    }
}

/// Writes the header line of a claim file (for [`write_document`]).
pub fn write_header(out: &mut dyn Write, rules: &RuleSet, checks: &Checks) -> io::Result<()> {
    writeln!(out, "{}", json(&header(rules, checks)))
}

/// Writes a document's line and its claims' lines: a claim file is a header, then this for
/// each document.
pub fn write_document(
    out: &mut dyn Write,
    doc: &DocInfo,
    claims: &[Claim],
    rules: &RuleSet,
) -> io::Result<()> {
    write_doc_line(out, doc)?;
    claims
        .iter()
        .try_for_each(|c| write_claim_line(out, c, &doc.hash, rules))
}

fn write_doc_line(out: &mut dyn Write, d: &DocInfo) -> io::Result<()> {
    writeln!(out, "{}", json(&Line::Document(DocRecord::of(d))))
}

fn write_claim_line(
    out: &mut dyn Write,
    c: &Claim,
    doc_hash: &str,
    rules: &RuleSet,
) -> io::Result<()> {
    let record = ClaimRecord::of(c, doc_hash, rules);
    writeln!(out, "{}", json(&Line::Claim(Box::new(record))))
}

/// One line of JSON. The records hold only strings, numbers and lists (and the quantity model
/// gives finite numbers), so serialisation does not fail.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// A problem in a claim file: its name and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    /// 1-based; 0 for problems with the file as a whole.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path, self.message),
            n => write!(f, "{}:{n}: {}", self.path, self.message),
        }
    }
}

/// Bytes of lines parsed together (in parallel) before they are placed in the corpus: enough
/// to keep the cores busy, few enough that a large claim file is never held in memory whole.
const CHUNK_BYTES: usize = 8 << 20;
/// Bytes asked of the input at a time.
const READ_BYTES: usize = 1 << 20;

/// Reads claim files, one after the other, into one corpus.
#[derive(Debug)]
pub struct Reader {
    corpus: Corpus,
    /// The path of claims not yet placed in their document.
    placeholder: Arc<str>,
    keys: crate::extract::Interner,
    /// Hashes of the document paths read so far, to refuse overlapping shards.
    paths: HashSet<u128, BuildHasher>,
    /// [`CHUNK_BYTES`], but for tests.
    chunk_bytes: usize,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            corpus: Corpus::default(),
            placeholder: Arc::from(""),
            keys: crate::extract::Interner::default(),
            paths: HashSet::default(),
            chunk_bytes: CHUNK_BYTES,
        }
    }
}

/// The document whose claims the next lines may hold.
enum Current {
    /// A document without markers or repeats, not (yet) in the corpus: it goes in with its
    /// first claim, and is only counted if none follows.
    Pending(DocRecord<'static>),
    /// In the corpus at `index` (a document with claims, markers or repeats).
    Placed { index: usize, path: Arc<str> },
}

impl Reader {
    /// Reads the claim file `input` (named `path` in errors), after the files already read.
    /// The file must have been extracted with `rules` and `checks` (same [`rules_hash`]).
    /// Lines are read in chunks and parsed in parallel; the corpus is assembled in file order.
    pub fn read(
        &mut self,
        path: &str,
        input: &mut dyn BufRead,
        rules: &RuleSet,
        checks: &Checks,
    ) -> Result<(), ReadError> {
        let mut current = None;
        let expected = rules_hash(rules, checks);
        let r = self.read_lines(path, input, rules, &expected, &mut current);
        self.settle(current);
        r
    }

    /// The corpus read, corpus documents first, as `check` orders them.
    pub fn finish(self) -> Corpus {
        corpus_first(self.corpus)
    }

    /// Counts the last document instead of keeping it when it has neither claims nor
    /// markers nor repeats, as [`Corpus::push`] does. Such a document is still pending: any
    /// other is in the corpus already.
    fn settle(&mut self, current: Option<Current>) {
        if let Some(Current::Pending(d)) = current {
            self.corpus.count_quiet(d.corpus);
        }
    }

    /// Puts document `d` in the corpus; claims of it may follow.
    fn push_document(&mut self, d: DocRecord<'_>) -> Result<Current, String> {
        let info = d.into_info()?;
        let path: Arc<str> = Arc::from(info.path.as_str());
        self.corpus.documents.push(info);
        Ok(Current::Placed {
            index: self.corpus.documents.len() - 1,
            path,
        })
    }

    /// Reads the file a chunk of lines at a time, in two buffers: while the lines of one
    /// chunk are placed in the corpus (serial: it is one corpus, in file order), the next
    /// chunk's lines are parsed in parallel. Placing was half the time of reading a million
    /// claims, with the other cores idle.
    fn read_lines(
        &mut self,
        path: &str,
        input: &mut dyn BufRead,
        rules: &RuleSet,
        expected_hash: &str,
        current: &mut Option<Current>,
    ) -> Result<(), ReadError> {
        let err = |line: usize, message: String| ReadError {
            path: path.to_string(),
            line,
            message,
        };
        let parse = Parse {
            rules,
            placeholder: self.placeholder.clone(),
            err: &err,
        };
        let mut chunks = Chunks {
            input,
            chunk_bytes: self.chunk_bytes.max(1),
            lines: 0,
            eof: false,
            header_seen: false,
        };
        let capacity = chunks.chunk_bytes + READ_BYTES;
        let (mut a, mut b) = (Vec::with_capacity(capacity), Vec::with_capacity(capacity));
        let (mut whole_a, pieces) = chunks.fill(&mut a, &[], expected_hash, &err)?;
        let mut parsed_a = parse.chunk(&a, &pieces);
        // Unrolled by two: each buffer is refilled only once the lines parsed from it are
        // placed, the other one's cut line carried over.
        let parsed = loop {
            if chunks.eof {
                break parsed_a;
            }
            let next = chunks.fill(&mut b, &a[whole_a..], expected_hash, &err);
            let (whole_b, parsed_b) = self.overlap(parsed_a, &b, next, &parse, current)?;
            if chunks.eof {
                break parsed_b;
            }
            let next = chunks.fill(&mut a, &b[whole_b..], expected_hash, &err);
            (whole_a, parsed_a) = self.overlap(parsed_b, &a, next, &parse, current)?;
        };
        self.place(parsed, current, &err)?;
        if !chunks.header_seen {
            return Err(err(0, "empty file: not a claim file".into()));
        }
        Ok(())
    }

    /// Places the lines parsed from the last chunk while parsing those of the next one
    /// (`next`, read into `buf`: its end of whole lines and their pieces, or the error in
    /// reading it, reported after the last chunk's own errors as a serial reader would).
    fn overlap<'n>(
        &mut self,
        last: Lines<'_>,
        buf: &'n [u8],
        next: Result<(usize, Vec<Piece>), ReadError>,
        parse: &Parse<'_>,
        current: &mut Option<Current>,
    ) -> Result<(usize, Lines<'n>), ReadError> {
        let pieces = next.as_ref().map_or(&[][..], |(_, p)| p.as_slice());
        let (placed, parsed) = rayon::join(
            || self.place(last, current, parse.err),
            || parse.chunk(buf, pieces),
        );
        placed?;
        let (whole, _) = next?;
        Ok((whole, parsed))
    }

    /// Places the lines of a chunk (parsed, with their line numbers) in the corpus, in order.
    fn place(
        &mut self,
        parsed: Lines<'_>,
        current: &mut Option<Current>,
        err: &(dyn Fn(usize, String) -> ReadError + Sync),
    ) -> Result<(), ReadError> {
        // A document without markers or repeats is kept as read until a claim of it comes
        // (most have none); a claim line places it in the corpus.
        let mut pending: Option<DocRecord> = match current.take() {
            Some(Current::Pending(d)) => Some(d),
            other => {
                *current = other;
                None
            }
        };
        for line in parsed {
            let (n, line) = line?;
            match line {
                Parsed::Document { doc, path_hash } => {
                    if !self.paths.insert(path_hash) {
                        return Err(err(
                            n,
                            format!(
                                "document `{}` is already in an earlier claim file or line: \
                                 shards must not overlap",
                                doc.path
                            ),
                        ));
                    }
                    if let Some(p) = pending.take() {
                        self.corpus.count_quiet(p.corpus);
                    }
                    self.settle(current.take());
                    if doc.quiet() {
                        pending = Some(doc);
                    } else {
                        *current = Some(self.push_document(doc).map_err(|m| err(n, m))?);
                    }
                }
                Parsed::Claim {
                    mut claim,
                    key,
                    path,
                    hash,
                } => {
                    if let Some(p) = pending.take() {
                        *current = Some(self.push_document(p).map_err(|m| err(n, m))?);
                    }
                    let Some(Current::Placed {
                        index,
                        path: doc_path,
                    }) = current.as_ref()
                    else {
                        return Err(err(n, "a claim before any document line".into()));
                    };
                    let hash_matches = self
                        .corpus
                        .documents
                        .get(*index)
                        .is_some_and(|d| d.hash == *hash);
                    if *path != **doc_path || !hash_matches {
                        return Err(err(
                            n,
                            format!("claim of `{path}` follows the document line of `{doc_path}`"),
                        ));
                    }
                    // One path per document, shared by its claims.
                    claim.doc = crate::text::saturating_u32(*index);
                    claim.path = doc_path.clone();
                    claim.date = self.corpus.documents[*index]
                        .date
                        .map(crate::extract::date_code);
                    claim.key = key.map(|k| self.keys.intern(&k));
                    self.corpus.claims.push(claim);
                }
            }
        }
        if let Some(p) = pending {
            *current = Some(Current::Pending(p.into_owned()));
        }
        Ok(())
    }
}

/// The lines of a chunk, parsed: each with its line number, or the error in it.
type Lines<'a> = Vec<Result<(usize, Parsed<'a>), ReadError>>;

/// A line to parse (not blank, not the header): its number and its bytes in the buffer.
type Piece = (usize, std::ops::Range<usize>);

/// A claim file read a chunk of whole lines at a time, into a buffer the caller keeps: no
/// allocation or copy per line.
struct Chunks<'i> {
    input: &'i mut dyn BufRead,
    chunk_bytes: usize,
    /// Lines read so far.
    lines: usize,
    eof: bool,
    header_seen: bool,
}

/// The longest line of a claim file read: a claim with its sentence is a few kilobytes at most
/// (sentences are cut at 4 KiB), so a longer line is not a claim file (`/dev/zero`, a binary).
const MAX_LINE_BYTES: usize = 16 << 20;

impl Chunks<'_> {
    /// Fills `buf` with `carry` (the line cut by the end of the last chunk), then with input
    /// until it holds a chunk's bytes or the input ends. Returns the end of its whole lines
    /// (all of it at the end of the input, which may lack a last line break) and the pieces
    /// to parse. The header, the first line that is not blank, is checked here.
    fn fill(
        &mut self,
        buf: &mut Vec<u8>,
        carry: &[u8],
        expected_hash: &str,
        err: &dyn Fn(usize, String) -> ReadError,
    ) -> Result<(usize, Vec<Piece>), ReadError> {
        buf.clear();
        buf.extend_from_slice(carry);
        // More than a chunk while one line is longer than that.
        let mut want = self.chunk_bytes;
        let whole = loop {
            while buf.len() < want && !self.eof {
                let len = buf.len();
                buf.resize(len + READ_BYTES.min(self.chunk_bytes), 0);
                let n = loop {
                    match self.input.read(&mut buf[len..]) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        r => break r,
                    }
                };
                let n = n.map_err(|e| err(self.lines + 1, format!("cannot read: {e}")))?;
                buf.truncate(len + n);
                self.eof = n == 0;
            }
            match memchr::memrchr(b'\n', buf) {
                _ if self.eof => break buf.len(),
                Some(last) => break last + 1,
                None if buf.len() > MAX_LINE_BYTES => {
                    return Err(err(
                        self.lines + 1,
                        format!(
                            "a line of more than {MAX_LINE_BYTES} bytes: not a claim file (a \
                             claim line is a few hundred bytes)"
                        ),
                    ))
                }
                None => want = buf.len() + self.chunk_bytes,
            }
        };
        let mut pieces = Vec::new();
        // memchr finds line ends a word at a time (a byte-by-byte search was a fifth of the
        // serial part of reading a million claims).
        let mut at = 0;
        let ends = memchr::memchr_iter(b'\n', &buf[..whole])
            .chain((!buf[..whole].ends_with(b"\n")).then_some(whole));
        for end in ends {
            let line = at..end;
            at = end + 1;
            self.lines += 1;
            if buf[line.clone()].trim_ascii().is_empty() {
                continue;
            }
            if self.header_seen {
                pieces.push((self.lines, line));
            } else {
                self.header_seen = true;
                check_header(&buf[line], expected_hash).map_err(|m| err(self.lines, m))?;
            }
        }
        Ok((whole, pieces))
    }
}

/// What parsing a chunk's lines needs.
struct Parse<'a> {
    rules: &'a RuleSet,
    /// The path of claims not yet placed in their document.
    placeholder: Arc<str>,
    err: &'a (dyn Fn(usize, String) -> ReadError + Sync),
}

impl Parse<'_> {
    /// Parses the `pieces` of `buf` in parallel, in order.
    fn chunk<'n>(&self, buf: &'n [u8], pieces: &[Piece]) -> Lines<'n> {
        pieces
            .par_iter()
            .map(|(n, line)| {
                parse_line(&buf[line.clone()], self.rules, &self.placeholder)
                    .map(|p| (*n, p))
                    .map_err(|m| (self.err)(*n, m))
            })
            .collect()
    }
}

/// Checks a claim file's first line: format version and rules hash.
fn check_header(line: &[u8], expected: &str) -> Result<(), String> {
    let head: Header = serde_json::from_slice(line)
        .map_err(|e| format!("not a crosscheck claim file (bad header: {e})"))?;
    if head.crosscheck_claims != FORMAT_VERSION {
        return Err(format!(
            "claim format version {} (written by {}); this crosscheck reads version {FORMAT_VERSION}",
            head.crosscheck_claims, head.tool
        ));
    }
    if head.rules_hash != expected {
        return Err(format!(
            "extracted with another rule pack or crosscheck version ({}, rules hash {}; \
             the loaded rules hash {expected}): extract again with these rules",
            head.tool, head.rules_hash
        ));
    }
    Ok(())
}

/// Parses and converts one line after the header. A claim gets `placeholder` as its path
/// until it is placed in its document. Lines in the layout crosscheck writes are read by
/// [`line`]; any other line by serde_json, which also words the errors.
fn parse_line<'a>(
    l: &'a [u8],
    rules: &RuleSet,
    placeholder: &Arc<str>,
) -> Result<Parsed<'a>, String> {
    let fast = std::str::from_utf8(l).ok().and_then(|s| {
        let s = s.trim_ascii_end();
        if s.starts_with("{\"claim\":") {
            line::claim(s).map(Record::Claim)
        } else {
            line::document(s).map(Record::Document)
        }
    });
    let record = match fast {
        Some(r) => r,
        None => match serde_json::from_slice::<Line>(l).map_err(|e| e.to_string())? {
            Line::Document(d) => Record::Document(d),
            Line::Claim(c) => Record::Claim(*c),
        },
    };
    Ok(match record {
        Record::Document(doc) => {
            doc.date()?;
            Parsed::Document {
                path_hash: xxhash_rust::xxh3::xxh3_128(doc.path.as_bytes()),
                doc,
            }
        }
        Record::Claim(mut c) => {
            let key = c.key.take();
            let path = std::mem::take(&mut c.path);
            let hash = std::mem::take(&mut c.doc_hash);
            let claim = c.into_claim(rules, 0, placeholder.clone())?;
            Parsed::Claim {
                claim,
                key,
                path,
                hash,
            }
        }
    })
}

/// A line read, before conversion.
#[allow(clippy::large_enum_variant)]
enum Record<'a> {
    Document(DocRecord<'a>),
    Claim(ClaimRecord<'a>),
}

/// The figure as written, as a piece of the snippet's buffer when the snippet holds it where
/// the offsets say (as extraction writes it): no allocation of its own.
fn figure_text(text: &str, start: usize, snippet: &Snippet) -> crate::text::Excerpt {
    start
        .checked_sub(snippet.start)
        .and_then(|from| {
            let piece = snippet.text.slice(from, from.checked_add(text.len())?)?;
            (piece == *text).then_some(piece)
        })
        .unwrap_or_else(|| text.into())
}

/// A line read and converted. Nearly every line is a claim: boxing it would cost an
/// allocation per claim to save a few bytes per document line.
#[allow(clippy::large_enum_variant)]
enum Parsed<'a> {
    /// The document (its date checked), with its path's hash (to refuse overlaps).
    Document { doc: DocRecord<'a>, path_hash: u128 },
    /// The claim, with its key (to intern), and the path and content hash it names.
    Claim {
        claim: Claim,
        key: Option<Cow<'a, str>>,
        path: Cow<'a, str>,
        hash: Cow<'a, str>,
    },
}

/// Puts corpus documents first (keeping the order within each part), as `check` orders them,
/// so the same claims give the same findings however the files were sharded.
fn corpus_first(corpus: Corpus) -> Corpus {
    if corpus.documents.is_sorted_by_key(|d| !d.corpus) {
        return corpus;
    }
    let n = corpus.documents.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| !corpus.documents[i].corpus);
    let mut new_index = vec![0; n];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut documents: Vec<Option<DocInfo>> = corpus.documents.into_iter().map(Some).collect();
    let documents = order.iter().filter_map(|&i| documents[i].take()).collect();
    let mut claims = corpus.claims;
    for c in &mut claims {
        c.doc = crate::text::saturating_u32(new_index[c.doc as usize]);
    }
    // Stable: within a document, claims keep their order.
    claims.sort_by_key(|c| c.doc);
    Corpus {
        documents,
        claims,
        quiet: corpus.quiet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn seed_rules() -> RuleSet {
        crate::rules::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")]).unwrap()
    }

    /// The seeds' claim file, as `crosscheck extract --format jsonl` writes it.
    fn seeds_claim_file(rules: &RuleSet) -> String {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let docs = crate::document::load_paths(&[seeds]).documents;
        assert_eq!(docs.len(), 5);
        let corpus = Corpus::extract(&docs, rules, &Checks::default());
        let mut out = Vec::new();
        write_header(&mut out, rules, &Checks::default()).unwrap();
        for (i, d) in corpus.documents.iter().enumerate() {
            let claims: Vec<Claim> = corpus
                .claims
                .iter()
                .filter(|c| c.doc as usize == i)
                .cloned()
                .collect();
            write_document(&mut out, d, &claims, rules).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    /// Reads `input` in chunks of `chunk_bytes`.
    fn read_in_chunks(
        chunk_bytes: usize,
        input: &mut dyn BufRead,
        rules: &RuleSet,
    ) -> Result<Corpus, ReadError> {
        let mut reader = Reader {
            chunk_bytes,
            ..Reader::default()
        };
        reader.read("claims.jsonl", input, rules, &Checks::default())?;
        Ok(reader.finish())
    }

    /// Chunk sizes from a byte (every line cut, and longer than its chunk) to the default.
    const CHUNKS: [usize; 6] = [1, 7, 100, 1000, 9000, CHUNK_BYTES];

    /// Lines are parsed a chunk at a time while the last chunk's are placed, in two buffers
    /// taking turns: where the chunks end must not change what is read.
    #[test]
    fn any_chunk_size_reads_the_same_corpus() {
        let rules = seed_rules();
        let file = seeds_claim_file(&rules);
        let expected = read_in_chunks(CHUNK_BYTES, &mut file.as_bytes(), &rules).unwrap();
        assert!(
            expected.claims.len() > 20,
            "{} claims",
            expected.claims.len()
        );
        // Blank lines anywhere, and no line break at the end, read the same.
        let spaced = file.replace('\n', "\n\n  \n").trim_end().to_string();
        for text in [&file, &spaced] {
            for chunk in CHUNKS {
                let read = read_in_chunks(chunk, &mut text.as_bytes(), &rules).unwrap();
                assert!(read == expected, "chunks of {chunk} bytes");
            }
        }
    }

    /// A reader that fails once `ok` bytes are read.
    struct FailingAfter<'a> {
        data: &'a [u8],
        ok: usize,
    }

    impl io::Read for FailingAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.ok == 0 {
                return Err(io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.ok).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.ok -= n;
            Ok(n)
        }
    }

    /// The first error in file order is the one reported, whatever the chunks: a bad line
    /// before another, and a bad line before one the input fails to give in a later chunk
    /// (the next chunk is read before the last one is placed).
    #[test]
    fn the_first_error_in_the_file_is_reported_whatever_the_chunks() {
        let rules = seed_rules();
        let file = seeds_claim_file(&rules);
        let mut lines: Vec<&str> = file.lines().collect();
        assert!(lines.len() > 30);
        lines[9] = "{\"claim\": not json";
        lines[25] = "neither";
        let broken = lines.join("\n");
        let fails_at = broken.len() - 10;
        assert!(broken.len() > 2 * 9000);
        for chunk in CHUNKS {
            let e = read_in_chunks(chunk, &mut broken.as_bytes(), &rules).unwrap_err();
            assert_eq!(e.line, 10, "chunks of {chunk}: {e}");
            if chunk >= fails_at {
                continue; // one chunk: the input fails before any line is parsed
            }
            let input = FailingAfter {
                data: broken.as_bytes(),
                ok: fails_at,
            };
            let mut input = io::BufReader::with_capacity(16, input);
            let e = read_in_chunks(chunk, &mut input, &rules).unwrap_err();
            assert_eq!(e.line, 10, "chunks of {chunk}: {e}");
        }
        // Without bad lines, the failing input is the error, at the line it could not give.
        let input = FailingAfter {
            data: file.as_bytes(),
            ok: 2000,
        };
        let e =
            read_in_chunks(100, &mut io::BufReader::with_capacity(16, input), &rules).unwrap_err();
        assert!(e.message.contains("cannot read: disk gone"), "{e}");
        let lines_given = file[..2000].matches('\n').count();
        assert_eq!(e.line, lines_given + 1, "{e}");
    }
}
