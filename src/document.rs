//! Documents: reading files and folders, metadata, sentences and line/column mapping.
//!
//! A document keeps its full text as read, so every byte offset a claim carries points into the
//! file as it is on disk. Metadata (a leading `date YYYY-MM-DD` as some wire copy carries, or
//! Markdown front matter with `title` and `date`) is recognised and excluded from the body.

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
    pub text: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// Byte offset where the body starts (after metadata).
    pub body_start: usize,
    /// Part of the published corpus: its claims are compared against, but findings whose
    /// claim is here are not reported (see `check --corpus`).
    pub corpus: bool,
    line_starts: Vec<usize>,
}

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
    pub markers: Vec<crate::suppress::Marker>,
}

/// The content hash crosscheck records for a text: XXH3-128 of its UTF-8 bytes, as 32 lowercase
/// hex digits. It identifies a document's content in claim files and the cache; it is not a
/// cryptographic hash.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// A sentence of a document, as a byte range into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Document {
    /// Builds a document from text; `path` is used for display only.
    pub fn new(path: impl Into<String>, text: String) -> Document {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut doc = Document {
            path: path.into(),
            text,
            title: None,
            date: None,
            body_start: 0,
            corpus: false,
            line_starts,
        };
        doc.read_metadata();
        doc
    }

    fn read_metadata(&mut self) {
        let text = &self.text;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let rest = &text[bom..];
        if let Some(fm) = rest
            .strip_prefix("---\n")
            .or_else(|| rest.strip_prefix("---\r\n"))
        {
            let mut offset = bom + (rest.len() - fm.len());
            for line in fm.split_inclusive('\n') {
                offset += line.len();
                let l = line.trim_end();
                if l == "---" || l == "..." {
                    self.body_start = offset;
                    return;
                }
                if let Some((k, v)) = l.split_once(':') {
                    let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                    match k.trim() {
                        "title" => self.title = Some(v.to_string()),
                        "date" => self.date = Date::parse(v),
                        _ => {}
                    }
                }
            }
            // No closing fence: not front matter after all.
            self.title = None;
            self.date = None;
            return;
        }
        // A leading `date YYYY-MM-DD`, possibly followed by text on the same line.
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("date ") {
            let after_ws = after.trim_start();
            if let Some(d) = after_ws.get(..10).and_then(Date::parse) {
                self.date = Some(d);
                self.body_start = bom + (rest.len() - after_ws.len()) + 10;
            }
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
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

    /// What a run keeps of this document after scanning it.
    pub fn info(&self) -> DocInfo {
        self.info_with_hash(content_hash(&self.text))
    }

    /// [`Document::info`] when the content hash is already known.
    pub fn info_with_hash(&self, hash: String) -> DocInfo {
        DocInfo {
            path: self.path.clone(),
            hash,
            bytes: self.text.len(),
            date: self.date,
            corpus: self.corpus,
            markers: crate::suppress::markers(self),
        }
    }

    /// Splits the body into sentences. Line breaks always end a sentence (wire copy keeps a
    /// paragraph per line); `.`, `!` and `?` end one when followed by whitespace and not part of
    /// an abbreviation ("U.S.", "No. 15", "Dr.") or an initial.
    pub fn sentences(&self) -> Vec<Sentence> {
        split_sentences(&self.text, self.body_start)
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen",
    "gov", "sen", "rep", "jr", "sr", "art", "vol", "fig", "approx", "est", "e.g", "i.e", "u.s",
    "u.k", "u.n", "a.m", "p.m", "ph.d",
];

fn split_sentences(text: &str, from: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = from;
    let push = |s: usize, e: usize, out: &mut Vec<Sentence>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if lead + trail < seg.len() {
            out.push(Sentence {
                start: s + lead,
                end: e - trail,
            });
        }
    };
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
        } else if matches!(b, b'.' | b'!' | b'?') {
            let next = bytes.get(i + 1).copied();
            let closes = matches!(next, Some(b' ' | b'\t' | b'\r' | b'\n') | None);
            if closes && !(b == b'.' && is_abbreviation(&text[start..i])) {
                push(start, i + 1, &mut out);
                start = i + 1;
            }
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
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

/// Why a path was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Not a text format crosscheck reads.
    NotText,
}

/// What loading paths produced: documents, skipped files, and errors (path, message).
#[derive(Debug, Default)]
pub struct Loaded {
    pub documents: Vec<Document>,
    pub skipped: Vec<(String, SkipReason)>,
    pub errors: Vec<(String, String)>,
}

/// File extensions read as text when a folder is walked and no `include` globs are given.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

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
        self.overrides().err().into_iter().collect()
    }

    fn overrides(&self) -> Result<ignore::overrides::Override, String> {
        let root = if self.glob_root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.glob_root
        };
        let mut b = ignore::overrides::OverrideBuilder::new(root);
        b.case_insensitive(true).map_err(|e| e.to_string())?;
        let defaults: Vec<String> = TEXT_EXTENSIONS.iter().map(|e| format!("*.{e}")).collect();
        let include = if self.include.is_empty() {
            &defaults
        } else {
            &self.include
        };
        for g in include {
            b.add(g).map_err(|e| format!("include glob `{g}`: {e}"))?;
        }
        for g in &self.exclude {
            b.add(&format!("!{g}"))
                .map_err(|e| format!("exclude glob `{g}`: {e}"))?;
        }
        b.build().map_err(|e| e.to_string())
    }
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
    for f in listed.files {
        match read(&f.path) {
            Ok(Some(text)) => loaded.documents.push(Document::new(f.display, text)),
            Ok(None) => loaded.skipped.push((f.display, SkipReason::NotText)),
            Err(e) => loaded.errors.push((f.display, e.to_string())),
        }
    }
    loaded
}

/// A file to read, and its path as displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    pub path: PathBuf,
    pub display: String,
}

/// The files a selection names, without reading them.
#[derive(Debug, Default)]
pub struct Listed {
    /// In order: each path given, folders walked in sorted order; each file once.
    pub files: Vec<FileRef>,
    /// Errors while walking (path, message).
    pub errors: Vec<(String, String)>,
}

/// Lists the files a selection names (see [`load_paths`] for which).
pub fn list(sel: &Selection) -> Listed {
    let mut listed = Listed::default();
    let overrides = match sel.overrides() {
        Ok(o) => o,
        Err(e) => {
            listed.errors.push(("<globs>".into(), e));
            return listed;
        }
    };
    let mut files = Vec::new();
    for p in &sel.paths {
        if p.is_dir() {
            walk(p, &overrides, &mut files, &mut listed.errors);
        } else {
            files.push(p.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    for path in files {
        let display = display_path(&path);
        if seen.insert(display.clone()) {
            listed.files.push(FileRef { path, display });
        }
    }
    listed
}

/// Reads one file as text: `None` for binary content; invalid UTF-8 is replaced (U+FFFD), so a
/// Latin-1 file is read with its accented letters marked rather than refused.
pub fn read(path: &Path) -> std::io::Result<Option<String>> {
    let bytes = std::fs::read(path)?;
    if is_binary(&bytes) {
        return Ok(None);
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }))
}

/// A path for display and comparison: `/` separators, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

fn walk(
    dir: &Path,
    overrides: &ignore::overrides::Override,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<(String, String)>,
) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .overrides(overrides.clone())
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push((display_path(dir), e.to_string())),
        }
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
}
