//! Documents: reading files and folders, metadata, sentences and line/column mapping.
//!
//! A document keeps its full text as read, so every byte offset a claim carries points into the
//! file as it is on disk. Metadata (a leading `date YYYY-MM-DD` as some wire copy carries, or
//! front matter, `---` YAML or `+++` TOML, with `title` and `date`) is recognised and excluded
//! from the body. In Markdown and HTML files only prose is read ([`crate::markup`]).

use std::path::{Path, PathBuf};

/// A calendar date from document metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Parses `YYYY-MM-DD` (also accepting a time or zone after it, as front matter often has).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }
}

/// One text to check.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given or found while walking, for display.
    pub path: String,
    /// The text rules read: the file's text with HTML character references decoded (see
    /// [`crate::entities`]). Offsets into it are mapped back to the file by
    /// [`Document::source_span`] and [`Document::line_col`].
    pub text: String,
    /// The file's text and the way back to it, when references were decoded.
    source: Option<Box<crate::entities::SourceMap>>,
    /// The last column computed (decoded offset, column): claims come in order, so counting
    /// resumes from there instead of from the start of a (possibly 50 MB) line.
    column_memo: ColumnMemo,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// Byte offset where the body starts (after metadata).
    pub body_start: usize,
    /// Part of the published corpus: its claims are compared against, but findings whose
    /// claim is here are not reported (see `check --corpus`).
    pub corpus: bool,
    line_starts: Vec<usize>,
}

/// The content hash crosscheck records for a text: XXH3-128 of its UTF-8 bytes, as 32 lowercase
/// hex digits. It identifies a document's content in claim files and the cache; it is not a
/// cryptographic hash.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// The last (offset, column) a document computed. A lock rather than a `Cell` keeps documents
/// `Sync`; it is taken once per claim, never contended in practice. A clone starts afresh.
#[derive(Debug)]
struct ColumnMemo(std::sync::Mutex<(usize, usize)>);

impl Default for ColumnMemo {
    fn default() -> Self {
        ColumnMemo(std::sync::Mutex::new((usize::MAX, 1)))
    }
}

impl Clone for ColumnMemo {
    fn clone(&self) -> Self {
        ColumnMemo::default()
    }
}

impl ColumnMemo {
    fn get(&self) -> (usize, usize) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn set(&self, v: (usize, usize)) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = v;
    }
}

/// A sentence of a document, as a byte range into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Document {
    /// Builds a document from text; `path` is used for display only, and its extension says
    /// how the text is read ([`crate::markup`]): in Markdown and HTML only prose is read.
    pub fn new(path: impl Into<String>, text: String) -> Document {
        let path = path.into();
        let meta = Metadata::read(&text);
        let (text, source) =
            match crate::markup::prose(&text, crate::markup::Markup::of(&path), meta.body_start) {
                // The file's text is kept beside the prose: spans, snippets and columns are the
                // file's (a blanked "é" is two spaces, one character in the file).
                Some(prose) => {
                    let (decoded, map) = crate::entities::decode_read(prose, text);
                    (decoded, Some(Box::new(map)))
                }
                None => match crate::entities::decode(&text) {
                    Some((decoded, map)) => (decoded, Some(Box::new(map))),
                    None => (text, None),
                },
            };
        let body_start = source
            .as_ref()
            .map_or(meta.body_start, |m| m.to_decoded(meta.body_start));
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut doc = Document {
            path,
            text,
            source,
            column_memo: ColumnMemo::default(),
            title: meta.title,
            date: meta.date,
            body_start,
            corpus: false,
            line_starts,
        };
        if doc.date.is_none() {
            doc.date =
                date_in_file_name(&doc.path).or_else(|| dateline(&doc.text[doc.body_start..]));
        }
        doc
    }

    /// The text as read from the file.
    pub fn source(&self) -> &str {
        self.source.as_ref().map_or(&self.text, |m| &m.source)
    }

    /// The file's byte range for the range `start..end` of [`Document::text`].
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.source {
            None => (start, end),
            Some(m) => (m.to_source(start, false), m.to_source(end, true)),
        }
    }

    /// 1-based line and column of a byte offset of [`Document::text`], as an editor shows
    /// them in the file: columns count characters of the file's text, and a byte-order mark
    /// is not one.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        // A byte-order mark is not a column: line 1 starts after it.
        let begin = if start == 0 && self.text.starts_with('\u{feff}') {
            3
        } else {
            start
        };
        let offset = offset.max(begin);
        let chars = |from: usize, to: usize| {
            let (s, e) = self.source_span(from, to);
            self.source().get(s..e).map_or(0, |t| t.chars().count())
        };
        // Count from the last column asked for when it is on this line (forwards or back):
        // many claims on one long line cost about one pass over it, not one pass each.
        let (memo_at, memo_col) = self.column_memo.get();
        let next_line = self.line_starts.get(line).copied().unwrap_or(usize::MAX);
        let col = if memo_at == usize::MAX || memo_at < begin || memo_at >= next_line {
            1 + chars(begin, offset)
        } else if memo_at <= offset {
            memo_col + chars(memo_at, offset)
        } else {
            memo_col.saturating_sub(chars(offset, memo_at)).max(1)
        };
        self.column_memo.set((offset, col));
        (line, col)
    }

    /// The byte range of the line holding `offset`, without its line break.
    pub fn line_span(&self, offset: usize) -> (usize, usize) {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        (start, end.max(start))
    }

    /// Splits the body into sentences. Line breaks always end a sentence (wire copy keeps a
    /// paragraph per line); `.`, `!` and `?` end one when followed by whitespace (a no-break
    /// space too), after any closing quotes and brackets (`."`, `.)`, `.”`), and not part of an
    /// abbreviation ("U.S.", "No. 15", "Dr.") or an initial.
    pub fn sentences(&self) -> Vec<Sentence> {
        split_sentences(&self.text, self.body_start)
    }
}

/// What a text's metadata says, and where its body starts.
#[derive(Debug, Default)]
struct Metadata {
    title: Option<String>,
    date: Option<Date>,
    /// Byte offset where the body starts.
    body_start: usize,
}

impl Metadata {
    /// Reads front matter (`---` YAML with `key: value` lines, `+++` TOML with `key = value`
    /// lines, each closed by the same fence) or a leading `date YYYY-MM-DD`.
    fn read(text: &str) -> Metadata {
        let mut meta = Metadata::default();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let rest = &text[bom..];
        for (fence, separator) in [("---", ':'), ("+++", '=')] {
            let Some(fm) = rest
                .strip_prefix(fence)
                .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
            else {
                continue;
            };
            let mut offset = bom + (rest.len() - fm.len());
            for line in fm.split_inclusive('\n') {
                offset += line.len();
                let l = line.trim_end();
                if l == fence || (fence == "---" && l == "...") {
                    meta.body_start = offset;
                    return meta;
                }
                if let Some((k, v)) = l.split_once(separator) {
                    let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                    match k.trim() {
                        "title" => meta.title = Some(v.to_string()),
                        "date" => meta.date = Date::parse(v),
                        _ => {}
                    }
                }
            }
            // No closing fence: not front matter after all.
            return Metadata::default();
        }
        // A leading `date YYYY-MM-DD`, possibly followed by text on the same line.
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("date ") {
            let after_ws = after.trim_start();
            if let Some(d) = after_ws.get(..10).and_then(Date::parse) {
                meta.date = Some(d);
                meta.body_start = bom + (rest.len() - after_ws.len()) + 10;
            }
        }
        meta
    }
}

/// A date that starts a file's name, as a newsroom names its copy: `2023-10-26-bamboo.txt`.
fn date_in_file_name(path: &str) -> Option<Date> {
    let name = path.rsplit(['/', '\\']).next()?;
    name.get(..10).and_then(Date::parse)
}

/// The dateline of a wire or web article: a line of its own among the first lines of the body
/// that starts with a date, as pages print them ("July 03, 2013 6:22AM", "Last Updated: Monday,
/// 28 November 2005, 02:24 GMT", "Posted September 26, 2013-3:47pm", "21 July 2013 Last
/// updated at 11:11 GMT", "PUBLISHED FRIDAY, MARCH 8, 2013 AT 12:46 PM").
fn dateline(body: &str) -> Option<Date> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\W*(?:(?:last\s+)?updated|posted|published|dateline)?\W*(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\W+)?(?:([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4}))\b",
        )
        .expect("valid regex")
    });
    let month = |m: &str| -> Option<u32> {
        let m = m.to_lowercase();
        let i = crate::quantity::lexicon::MONTHS
            .iter()
            .position(|x| *x == m)?;
        // The list holds the twelve names, then their abbreviations in order ("sep" and
        // "sept" both September).
        Some(match i {
            0..=11 => i as u32 + 1,
            _ => [
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            ]
            .iter()
            .position(|x| *x == m)
            .map(|k| [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][k])?,
        })
    };
    // "Posted 11 / 27 / 2005 7:21 AM": month first, as US pages write it, when the day tells
    // them apart (a day above 12); "05/06/2005" could be either and is not read.
    static NUMERIC: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let numeric = NUMERIC.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\W*(?:(?:last\s+)?updated|posted|published)?\W*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b",
        )
        .expect("valid regex")
    });
    for line in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
    {
        if line.len() > 120 {
            continue;
        }
        if let Some(c) = numeric.captures(line) {
            let (a, b, y) = (
                c[1].parse::<u32>(),
                c[2].parse::<u32>(),
                c[3].parse::<i32>(),
            );
            if let (Ok(month @ 1..=12), Ok(day @ 13..=31), Ok(year)) = (a, b, y) {
                return Some(Date { year, month, day });
            }
            continue;
        }
        let Some(c) = re.captures(line) else {
            continue;
        };
        let (m, d, y) = match (c.get(1), c.get(4)) {
            (Some(m), _) => (m.as_str(), &c[2], &c[3]),
            (None, Some(d)) => (&c[5], d.as_str(), &c[6]),
            _ => continue,
        };
        let (Some(month), Ok(day), Ok(year)) = (month(m), d.parse::<u32>(), y.parse::<i32>())
        else {
            continue;
        };
        if (1..=31).contains(&day) {
            return Some(Date { year, month, day });
        }
    }
    None
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen",
    "gov", "sen", "rep", "jr", "sr", "art", "vol", "fig", "approx", "est", "e.g", "i.e", "u.s",
    "u.k", "u.n", "a.m", "p.m", "ph.d",
];

/// Longest sentence, in bytes. Longer runs without a sentence end (a table exported on one
/// line, a list of thousands of figures) are cut at a space before this length, so the work
/// per sentence stays bounded and a 50 MB line is read in linear time.
pub const MAX_SENTENCE: usize = 4096;

/// The sentences of `text[from..]` (see [`Document::sentences`]).
///
/// Written by hand rather than with a Unicode sentence segmenter (UAX #29, `icu_segmenter`
/// 2.4, already built for miette), which was tried: it was several times slower than this
/// loop, and splitting runs over every byte of every document (docs/performance.md has the
/// measurements). Its rules also do
/// not end a sentence before one that opens with a figure ("in 2003. 2004 was a good year"
/// reads on, rule SB8), which would give a figure the next sentence's year, the very mistake
/// this splitter must avoid. What it does better, a closing quote or bracket after the mark
/// and a no-break space after it, is done here.
fn split_sentences(text: &str, from: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = from;
    let push = |mut s: usize, e: usize, out: &mut Vec<Sentence>| {
        while s < e {
            let mut cut = e;
            if e - s > MAX_SENTENCE {
                let mut limit = s + MAX_SENTENCE;
                while !text.is_char_boundary(limit) {
                    limit -= 1;
                }
                // The last space before the limit; a run without any is cut where it must be.
                cut = text[s..limit].rfind(' ').map_or(limit, |i| s + i + 1);
                if cut <= s {
                    cut = limit;
                }
            }
            let seg = &text[s..cut];
            let lead = seg.len() - seg.trim_start().len();
            let trail = seg.len() - seg.trim_end().len();
            if lead + trail < seg.len() {
                out.push(Sentence {
                    start: s + lead,
                    end: cut - trail,
                });
            }
            s = cut;
        }
    };
    // Only line breaks and sentence marks matter: the next of each is found by `memchr`, and
    // the bytes between are not looked at.
    let next = |i: usize, find: &dyn Fn(&[u8]) -> Option<usize>| {
        bytes.get(i..).and_then(find).map_or(bytes.len(), |o| i + o)
    };
    let line_break = |h: &[u8]| memchr::memchr(b'\n', h);
    let mark = |h: &[u8]| memchr::memchr3(b'.', b'!', b'?', h);
    let (mut next_break, mut next_mark) = (next(from, &line_break), next(from, &mark));
    let mut i = from;
    while i < bytes.len() {
        if next_break < i {
            next_break = next(i, &line_break);
        }
        if next_mark < i {
            next_mark = next(i, &mark);
        }
        i = next_break.min(next_mark);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets after the mark end with it (`."`, `.)`, `.’`), and
            // any space ends it: a no-break space (U+00A0, U+202F) as well as a plain one. The
            // common cases (an ASCII space or a letter or digit next) take one byte to tell.
            let (end, closes) = match bytes.get(i + 1) {
                None | Some(b' ' | b'\t' | b'\r' | b'\n') => (i + 1, true),
                Some(&n) if n.is_ascii_alphanumeric() => (i + 1, false),
                Some(_) => {
                    let end = i + 1 + closing_marks(&text[i + 1..]);
                    (
                        end,
                        text[end..].chars().next().is_none_or(char::is_whitespace),
                    )
                }
            };
            if closes && !(b == b'.' && is_abbreviation(&text[start..i])) {
                push(start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

/// The length in bytes of the closing quotes and brackets that start `s`.
fn closing_marks(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| {
            !matches!(
                c,
                '"' | '\'' | ')' | ']' | '}' | '\u{2019}' | '\u{201d}' | '\u{bb}' | '\u{203a}'
            )
        })
        .map_or(s.len(), |(i, _)| i)
}

/// Is the word before a period an abbreviation or an initial ("U.S", "No", "J")?
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter is an initial ("J. Smith"), and dotted acronyms ("U.S.A").
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1))
}

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Binary content (a NUL byte near the start).
    NotText,
    /// An empty file: nothing to check.
    Empty,
    /// Larger than the limit (`--max-file-size`).
    TooLarge { bytes: u64, limit: u64 },
    /// A markup language that is not read ([`crate::markup::NOT_READ`]): its name.
    NotRead { language: &'static str },
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NotText => f.write_str("not a text file (binary content)"),
            SkipReason::Empty => f.write_str("empty file"),
            SkipReason::TooLarge { bytes, limit } => write!(
                f,
                "{bytes} bytes, over the {limit}-byte limit (raise it with --max-file-size)"
            ),
            SkipReason::NotRead { language } => write!(
                f,
                "{language} is not read: its markup would be read as prose (convert it to \
                 Markdown or HTML to check it)"
            ),
        }
    }
}

/// Largest file read by default: 100 MiB. Larger files are skipped with a notice.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 100 << 20;

/// A file read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    /// Where the first byte that is not UTF-8 was (1-based line and column), and how many
    /// bytes were read as `?`; `None` for valid UTF-8.
    pub invalid_utf8: Option<InvalidUtf8>,
}

/// Bytes that were not UTF-8, each read as `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    pub line: usize,
    pub column: usize,
    pub replaced: usize,
}

impl std::fmt::Display for InvalidUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: not valid UTF-8: {} byte{} read as `?`; figures next to them may be \
             misread (is the file Latin-1 or Windows-1252?)",
            self.line,
            self.column,
            self.replaced,
            if self.replaced == 1 { "" } else { "s" }
        )
    }
}

/// What loading paths produced: documents, skipped files, and errors (path, message).
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub skipped: Vec<(String, SkipReason)>,
    pub errors: Vec<(String, String)>,
}

/// File extensions read as text when a folder is walked and no `include` globs are given.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm"];

/// A file of its own that is ignored in folders: ignore-file syntax, like `.gitignore`.
pub const IGNORE_FILE: &str = ".crosscheckignore";

/// What to read: paths (files or folders) and, for folders, globs choosing files.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub paths: Vec<PathBuf>,
    /// Globs (gitignore syntax) a file found in a folder must match; empty means the text
    /// extensions.
    pub include: Vec<String>,
    /// Globs of files and folders never read from folders.
    pub exclude: Vec<String>,
    /// The folder globs are relative to (the config file's folder).
    pub glob_root: PathBuf,
}

impl Selection {
    /// Just these paths, with the default globs.
    pub fn paths(paths: &[PathBuf]) -> Selection {
        Selection {
            paths: paths.to_vec(),
            ..Selection::default()
        }
    }

    /// Checks that every glob compiles; returns the messages of those that do not.
    pub fn glob_errors(&self) -> Vec<String> {
        self.overrides()
            .err()
            .map(|e| e.to_string())
            .into_iter()
            .collect()
    }

    fn overrides(&self) -> Result<ignore::overrides::Override, GlobError> {
        let root = if self.glob_root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.glob_root
        };
        let mut b = ignore::overrides::OverrideBuilder::new(root);
        b.case_insensitive(true).map_err(GlobError::Build)?;
        let defaults: Vec<String> = TEXT_EXTENSIONS.iter().map(|e| format!("*.{e}")).collect();
        let include = if self.include.is_empty() {
            &defaults
        } else {
            &self.include
        };
        for g in include {
            b.add(g).map_err(|e| GlobError::Include(g.clone(), e))?;
        }
        for g in &self.exclude {
            b.add(&format!("!{g}"))
                .map_err(|e| GlobError::Exclude(g.clone(), e))?;
        }
        b.build().map_err(GlobError::Build)
    }
}

/// A glob of a selection that does not compile.
#[derive(Debug, thiserror::Error)]
pub enum GlobError {
    #[error("include glob `{0}`: {1}")]
    Include(String, ignore::Error),
    #[error("exclude glob `{0}`: {1}")]
    Exclude(String, ignore::Error),
    #[error("{0}")]
    Build(ignore::Error),
}

/// Binary content, as git and ripgrep decide it: a NUL byte in the first 8 KiB.
fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Reads paths: files given explicitly are read whatever their name; folders are walked in
/// sorted order, reading the files the globs choose, skipping hidden files and what
/// `.gitignore`, `.ignore` and `.crosscheckignore` files exclude (also outside a git
/// repository). Paths are shown as given, with `/` separators.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load(&Selection::paths(paths))
}

/// Reads what a selection names (see [`load_paths`]).
pub fn load(sel: &Selection) -> Loaded {
    let listed = list(sel);
    let mut loaded = Loaded {
        errors: listed.errors,
        ..Loaded::default()
    };
    for f in listed.files.iter() {
        let display = f.display.to_string();
        match read(f.path) {
            Ok(Ok(t)) => loaded.documents.push(Document::new(display, t.text)),
            Ok(Err(reason)) => loaded.skipped.push((display, reason)),
            Err(e) => loaded.errors.push((display, e.to_string())),
        }
    }
    loaded
}

/// A file to read, and its path as displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileRef<'a> {
    pub path: &'a Path,
    pub display: &'a str,
}

/// Files to read, in order, each with its path as displayed. Held compactly: the displayed
/// paths end to end in a few buffers, not two allocations per file, which held far more until
/// the end of the scan of a large tree (docs/performance.md). A file is read at its displayed path,
/// which names the same file (only a leading `./` is dropped), except where the display
/// changed the path: a name that is not UTF-8, a backslash in a Unix file name, a control
/// character (shown escaped); those few keep their path beside.
///
/// The buffers hold [`FileList::CHUNK`] paths each, so that a scan frees the paths it is done
/// with ([`FileList::release_before`]): at the end of a scan, when the claims are at their
/// most, the list is gone.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileList {
    chunks: Vec<Chunk>,
    len: usize,
    /// (index, path) of the files whose path is not their displayed path, by index.
    odd: Vec<(usize, PathBuf)>,
}

/// Up to [`FileList::CHUNK`] displayed paths, end to end.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Chunk {
    displays: String,
    /// End of each displayed path in `displays`.
    ends: Vec<u32>,
}

impl FileList {
    /// Paths to a buffer.
    pub const CHUNK: usize = 4096;

    /// Adds a file at the end.
    pub fn push(&mut self, path: &Path) {
        let display = display_path(path);
        let same = path.to_str().is_some_and(|raw| {
            (std::path::MAIN_SEPARATOR == '\\' || !raw.contains('\\'))
                && crate::printable::is_plain(raw)
        });
        if !same {
            self.odd.push((self.len, path.to_path_buf()));
        }
        if self.len.is_multiple_of(Self::CHUNK) {
            self.chunks.push(Chunk::default());
        }
        let chunk = self.chunks.last_mut().expect("a chunk was just pushed");
        chunk.displays.push_str(&display);
        // 4,096 paths of the longest a system allows are far below 4 GiB.
        chunk
            .ends
            .push(u32::try_from(chunk.displays.len()).unwrap_or(u32::MAX));
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `i`th file. Panics if `i` is out of range, like indexing; a file given up with
    /// [`FileList::release_before`] is not to be read.
    pub fn get(&self, i: usize) -> FileRef<'_> {
        let chunk = &self.chunks[i / Self::CHUNK];
        let k = i % Self::CHUNK;
        let start = if k == 0 {
            0
        } else {
            chunk.ends[k - 1] as usize
        };
        let display = &chunk.displays[start..chunk.ends[k] as usize];
        let path = match self.odd.binary_search_by_key(&i, |(k, _)| *k) {
            Ok(k) => self.odd[k].1.as_path(),
            Err(_) => Path::new(display),
        };
        FileRef { path, display }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = FileRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Gives up the files before `i`: a scan calls it as it goes. Their paths are freed
    /// where a whole buffer is behind `i`, and they can no longer be read from the list
    /// ([`FileList::get`] may panic or give another path); the length is unchanged.
    pub fn release_before(&mut self, i: usize) {
        let behind = if i >= self.len {
            self.chunks.len()
        } else {
            i / Self::CHUNK
        };
        for chunk in self.chunks.iter_mut().take(behind) {
            *chunk = Chunk::default();
        }
        self.odd.retain(|(k, _)| *k >= i);
    }

    /// Appends every file of `other`.
    pub fn append(&mut self, other: &FileList) {
        for f in other.iter() {
            self.push(f.path);
        }
    }

    /// The files `keep` accepts, in order.
    pub fn filter(&self, mut keep: impl FnMut(FileRef) -> bool) -> FileList {
        let mut out = FileList::default();
        for f in self.iter().filter(|f| keep(*f)) {
            out.push(f.path);
        }
        out
    }
}

/// The files a selection names, without reading them.
#[derive(Debug, Default)]
pub struct Listed {
    /// In order: each path given, folders walked in sorted order; each file once.
    pub files: FileList,
    /// Errors while walking (path, message).
    pub errors: Vec<(String, String)>,
}

/// Lists the files a selection names (see [`load_paths`] for which).
pub fn list(sel: &Selection) -> Listed {
    let mut listed = Listed::default();
    let overrides = match sel.overrides() {
        Ok(o) => o,
        Err(e) => {
            listed.errors.push(("<globs>".into(), e.to_string()));
            return listed;
        }
    };
    // Each file once, by its displayed path (hashed: a set of the strings themselves would
    // double the list's memory on a large tree).
    let mut seen = std::collections::HashSet::new();
    let mut add = |path: &Path| {
        if seen.insert(xxhash_rust::xxh3::xxh3_128(display_path(path).as_bytes())) {
            listed.files.push(path);
        }
    };
    for p in &sel.paths {
        if p.is_dir() {
            walk(p, &overrides, &mut add, &mut listed.errors);
        } else {
            add(p);
        }
    }
    listed
}

/// Reads one file as text, up to [`DEFAULT_MAX_FILE_SIZE`] (see [`read_limited`]).
pub fn read(path: &Path) -> std::io::Result<Result<Text, SkipReason>> {
    read_limited(path, DEFAULT_MAX_FILE_SIZE)
}

/// Reads one file as text. Skipped (the inner `Err`): a markup language that is not read
/// (reStructuredText, AsciiDoc, MDX: [`crate::markup::NOT_READ`]), binary content, an empty
/// file, a file over `limit` bytes. Bytes that are not UTF-8 are read as `?` (one for one, so offsets stay
/// the file's) and reported, so a Latin-1 file is read with its accented letters marked rather
/// than refused. Anything but a regular file (a
/// named pipe, a device) is an error: reading it could block or never end.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Result<Text, SkipReason>> {
    use std::io::Read;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if std::fs::symlink_metadata(path).is_ok() => {
            return Err(std::io::Error::new(
                e.kind(),
                "broken link: its target does not exist",
            ))
        }
        Err(e) => return Err(e),
    };
    if !meta.is_file() {
        return Err(std::io::Error::other(if meta.is_dir() {
            "a folder where a file was expected"
        } else {
            "not a regular file (a pipe, socket or device): not read"
        }));
    }
    if let Some(language) = crate::markup::not_read(&path.to_string_lossy()) {
        return Ok(Err(SkipReason::NotRead { language }));
    }
    if meta.len() > limit {
        return Ok(Err(SkipReason::TooLarge {
            bytes: meta.len(),
            limit,
        }));
    }
    // Opened without blocking and checked again: a pipe put in the file's place since is
    // refused, not waited on.
    let mut file = crate::fsio::open_regular(path)?.take(limit.saturating_add(1));
    // The first 8 KiB tell binary content before the rest is read (a 2 GB disk image is not
    // read whole to be skipped).
    let mut bytes = Vec::with_capacity(8192);
    (&mut file).take(8192).read_to_end(&mut bytes)?;
    if is_binary(&bytes) {
        return Ok(Err(SkipReason::NotText));
    }
    bytes.reserve((meta.len() as usize).saturating_sub(bytes.len()) + 1);
    // Never more than the limit, even if the file grows while it is read.
    file.read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(SkipReason::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        }));
    }
    if bytes.is_empty() {
        return Ok(Err(SkipReason::Empty));
    }
    if is_binary(&bytes) {
        return Ok(Err(SkipReason::NotText));
    }
    Ok(Ok(match String::from_utf8(bytes) {
        Ok(text) => Text {
            text,
            invalid_utf8: None,
        },
        Err(e) => {
            let bytes = e.as_bytes();
            let first = e.utf8_error().valid_up_to();
            let line_start = bytes[..first]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line = bytes[..first].iter().filter(|&&b| b == b'\n').count() + 1;
            // Each byte that is not UTF-8 becomes one `?`, so every offset and span still
            // points at the same byte of the file (U+FFFD would take three).
            let mut text = String::with_capacity(bytes.len());
            let mut replaced = 0;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                replaced += chunk.invalid().len();
                text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            // Everything before the first bad byte is valid: count its characters.
            let column = std::str::from_utf8(&bytes[line_start..first])
                .map_or(first - line_start, |s| s.chars().count())
                + 1;
            Text {
                text,
                invalid_utf8: Some(InvalidUtf8 {
                    line,
                    column,
                    replaced,
                }),
            }
        }
    }))
}

/// A path for display and comparison: `/` separators, no leading `./`, control characters
/// escaped ([`crate::printable::path`]): a newline in a file name cannot start a line of its
/// own in any report or message.
pub fn display_path(p: &Path) -> String {
    let s = crate::printable::path(p);
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

fn walk(
    dir: &Path,
    overrides: &ignore::overrides::Override,
    add: &mut dyn FnMut(&Path),
    errors: &mut Vec<(String, String)>,
) {
    // The globs choose among the files the ignore rules and the hidden-file rule leave: given
    // to the walker as overrides, an include glob ("*.md") would take back every file an
    // ignore file names ("secret.md") and every hidden one. Exclude globs prune folders.
    let prune = overrides.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(move |e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && prune.matched(e.path(), true).is_ignore())
        })
        .sort_by_file_name(|a, b| a.cmp(b))
        // Linked files are checked like the others; a loop or a broken link is an error.
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(e)
                if e.file_type().is_some_and(|t| t.is_file())
                    && overrides.matched(e.path(), false).is_whitelist() =>
            {
                add(e.path())
            }
            Ok(_) => {}
            Err(e) => errors.push(walk_error(dir, &e)),
        }
    }
}

/// A walking error as (path, message), named by the path it concerns.
fn walk_error(dir: &Path, e: &ignore::Error) -> (String, String) {
    // Peel the context layers, keeping the innermost path.
    let mut path = dir;
    let mut inner = e;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = p;
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    match inner {
        ignore::Error::Loop { ancestor, child } => (
            display_path(child),
            format!(
                "link loop: it leads back to {}, already being read",
                display_path(ancestor)
            ),
        ),
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => (
            display_path(path),
            "broken link: its target does not exist".to_string(),
        ),
        ignore::Error::Io(io) => (display_path(path), io.to_string()),
        other => (display_path(path), other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let d = Document::new("t", text.to_string());
        d.sentences()
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn sentence_splitting_respects_abbreviations() {
        assert_eq!(
            sentences("The U.S. and Dr. Smith met. Directive No. 15 says so! Next?\nNew line"),
            [
                "The U.S. and Dr. Smith met.",
                "Directive No. 15 says so!",
                "Next?",
                "New line"
            ]
        );
        assert_eq!(
            sentences("FDI grew 14.8% in 2023. It rose."),
            ["FDI grew 14.8% in 2023.", "It rose."]
        );
    }

    #[test]
    fn closing_quotes_brackets_and_no_break_spaces_end_sentences() {
        assert_eq!(
            sentences(
                "It was the \"best year.\" In 2022 it fell. (It rose.) In 2021 too. \
                 A \u{201c}record.\u{201d} In 2020. A \u{2018}record.\u{2019} Then 2019! \
                 Was it 'true?' Yes.\u{a0}In 2018.\u{202f}In 2017.) Done"
            ),
            [
                "It was the \"best year.\"",
                "In 2022 it fell.",
                "(It rose.)",
                "In 2021 too.",
                "A \u{201c}record.\u{201d}",
                "In 2020.",
                "A \u{2018}record.\u{2019}",
                "Then 2019!",
                "Was it 'true?'",
                "Yes.",
                "In 2018.",
                "In 2017.)",
                "Done"
            ]
        );
        // An abbreviation or an initial before a closing mark or a no-break space still does
        // not end one, nor does a mark followed by a letter.
        assert_eq!(
            sentences("The \"U.S.\" and Mr.\u{a0}J.\u{a0}Smith met.\u{a0}14.8% \"x.\"y. End"),
            [
                "The \"U.S.\" and Mr.\u{a0}J.\u{a0}Smith met.",
                "14.8% \"x.\"y.",
                "End"
            ]
        );
    }

    #[test]
    fn dates_from_file_names_and_datelines() {
        let date = |path: &str, text: &str| Document::new(path, text.to_string()).date;
        let d = |year, month, day| Some(Date { year, month, day });
        assert_eq!(date("news/2023-10-26-bamboo.txt", "Body."), d(2023, 10, 26));
        assert_eq!(date("news/bamboo-2023-10-26.txt", "Body."), None);
        // Datelines as the ECB+ articles print them.
        for (text, want) in [
            (
                "Headline\nJuly 03, 2013 6:22AM\nAN EARTHQUAKE killed six.",
                d(2013, 7, 3),
            ),
            (
                "Last Updated: Monday, 28 November 2005, 02:24 GMT\nBody.",
                d(2005, 11, 28),
            ),
            (
                "Posted September 26, 2013-3:47pm Updated September 27\nBody.",
                d(2013, 9, 26),
            ),
            (
                "21 July 2013 Last updated at 11:11 GMT\nBody.",
                d(2013, 7, 21),
            ),
            (
                "PUBLISHED FRIDAY, MARCH 8, 2013 AT 12:46 PM\nBody.",
                d(2013, 3, 8),
            ),
            (
                "Updated: November 11, 2011 20:09 IST\nBody.",
                d(2011, 11, 11),
            ),
            ("Jan 05, 2011\nBody.", d(2011, 1, 5)),
            ("Posted 11 / 27 / 2005 7:21 AM\nBody.", d(2005, 11, 27)),
            ("05/06/2005\nBody.", None),
            // A date inside a sentence is not a dateline; nor is one past the third line.
            ("The quake struck on July 2, 2013 in Aceh.", None),
            ("One.\nTwo.\nThree.\nJuly 03, 2013", None),
        ] {
            assert_eq!(date("a.txt", text), want, "{text}");
        }
        // Metadata wins over both.
        assert_eq!(
            date("2020-01-01-a.txt", "date 2023-12-19 Body"),
            d(2023, 12, 19)
        );
    }

    #[test]
    fn leading_date_line_and_front_matter() {
        let d = Document::new("a", " date 2023-12-19 The most outstanding".into());
        assert_eq!(
            d.date,
            Some(Date {
                year: 2023,
                month: 12,
                day: 19
            })
        );
        assert_eq!(&d.text[d.body_start..], " The most outstanding");
        let d = Document::new(
            "b",
            "---\ntitle: \"Review\"\ndate: 2024-01-02\n---\nBody".into(),
        );
        assert_eq!(d.title.as_deref(), Some("Review"));
        assert_eq!(d.date.map(|d| d.year), Some(2024));
        assert_eq!(&d.text[d.body_start..], "Body");
    }

    #[test]
    fn line_and_column_count_characters() {
        let d = Document::new("c", "ab\n“é” 15".into());
        let off = d.text.find("15").unwrap();
        assert_eq!(d.line_col(off), (2, 5));
        assert_eq!(d.line_col(0), (1, 1));
    }

    #[test]
    fn a_file_list_reads_each_file_at_its_own_path() {
        let mut files = FileList::default();
        files.push(Path::new("./news/a.txt"));
        files.push(Path::new("b.txt"));
        // (path given, path shown, path read)
        let mut expected = vec![
            ("news/a.txt", PathBuf::from("news/a.txt")),
            ("b.txt", PathBuf::from("b.txt")),
        ];
        if cfg!(unix) {
            // A backslash is part of a Unix file name: shown as `/`, read as written.
            files.push(Path::new(r"odd\name.txt"));
            expected.push(("odd/name.txt", PathBuf::from(r"odd\name.txt")));
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let raw = Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
            files.push(raw);
            expected.push(("caf\u{fffd}.txt", raw.to_path_buf()));
        }
        files.push(Path::new("c.txt"));
        expected.push(("c.txt", PathBuf::from("c.txt")));
        let got: Vec<(&str, PathBuf)> = files
            .iter()
            .map(|f| (f.display, f.path.to_path_buf()))
            .collect();
        assert_eq!(got, expected);
        let kept = files.filter(|f| f.display != "b.txt");
        assert_eq!(kept.len(), files.len() - 1);
        assert_eq!(
            kept.get(kept.len() - 2).path,
            expected[expected.len() - 2].1
        );
    }

    #[test]
    fn a_scan_frees_the_paths_behind_it_and_reads_the_rest_as_before() {
        let n = FileList::CHUNK * 2 + 10;
        let name = |i: usize| {
            if i % 1000 == 7 && cfg!(unix) {
                format!(r"dir\{i}.txt")
            } else {
                format!("dir/{i}.txt")
            }
        };
        let mut files = FileList::default();
        for i in 0..n {
            files.push(Path::new(&name(i)));
        }
        let whole = files.clone();
        // In the middle of the second buffer: only the first one can go.
        files.release_before(FileList::CHUNK + 5);
        assert_eq!(files.len(), n);
        for i in FileList::CHUNK..n {
            assert_eq!(files.get(i), whole.get(i), "file {i}");
            assert_eq!(files.get(i).path, Path::new(&name(i)));
        }
        files.release_before(n);
        assert_eq!(files.len(), n);
        assert!(files.chunks.iter().all(|c| c.displays.capacity() == 0));
        assert!(files.odd.is_empty());
    }
}

#[cfg(test)]
mod thread_safety {
    #[test]
    fn documents_can_be_shared_between_threads() {
        fn sync_and_send<T: Sync + Send>() {}
        sync_and_send::<super::Document>();
    }
}

#[cfg(test)]
mod columns {
    use super::Document;

    #[test]
    fn columns_do_not_depend_on_the_order_they_are_asked_in() {
        let text =
            "\u{feff}Việt Nam: 193 nước &minus;5% — 14.8%\r\nSecond line, 2023 and 1&nbsp;000.\n";
        let doc = Document::new("t.html", text.to_string());
        let offsets: Vec<usize> = (0..=doc.text.len())
            .filter(|&i| doc.text.is_char_boundary(i))
            .collect();
        let fresh: Vec<(usize, usize)> = offsets
            .iter()
            .map(|&o| Document::new("t.html", text.to_string()).line_col(o))
            .collect();
        // Forwards, backwards and jumping about on one document give what a fresh one gives.
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        for pass in 0..3 {
            match pass {
                1 => order.reverse(),
                2 => order.sort_by_key(|&i| (i * 7919) % offsets.len()),
                _ => {}
            }
            for &i in &order {
                assert_eq!(doc.line_col(offsets[i]), fresh[i], "offset {}", offsets[i]);
            }
        }
        // The BOM is not a column; the figure after "&minus;" is counted in the file's characters.
        let minus = doc.text.find('\u{2212}').unwrap();
        assert_eq!(doc.line_col(minus), (1, 20));
    }
}
