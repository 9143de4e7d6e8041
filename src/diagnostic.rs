//! Problems in the files a user writes (rule packs, the facts file, the config), as miette
//! diagnostics that point at the offending TOML: one error type for every input file the
//! tool parses with spans, its kind telling which.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::ops::Range;

/// Which kind of file a [`FileError`] is about: its diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Rules,
    Facts,
    Config,
}

impl FileKind {
    /// The diagnostic code: `crosscheck::rules`, `crosscheck::facts`, `crosscheck::config`.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Rules => "crosscheck::rules",
            FileKind::Facts => "crosscheck::facts",
            FileKind::Config => "crosscheck::config",
        }
    }
}

/// A rule file's text, kept for diagnostics.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn named(&self) -> NamedSource<String> {
        NamedSource::new(&self.path, self.text.clone())
    }
}

/// A problem in a rule, facts or config file, pointing at the offending TOML.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct FileError {
    pub message: String,
    /// Which kind of file.
    pub kind: FileKind,
    pub src: NamedSource<String>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
    /// Path of the file, for callers that do not render the diagnostic.
    pub path: String,
    /// 1-based line of the span, for the same callers.
    pub line: usize,
}

impl Diagnostic for FileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.kind.code()))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some(self.label.clone()), span),
        )))
    }
}

impl FileError {
    /// The same problem, in another kind of file (a rule file's unless said).
    pub fn in_file_kind(mut self, kind: FileKind) -> Self {
        self.kind = kind;
        self
    }

    pub fn new(
        file: &SourceFile,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> FileError {
        let line = span.as_ref().map_or(0, |s| {
            file.text[..s.start.min(file.text.len())]
                .matches('\n')
                .count()
                + 1
        });
        FileError {
            message: message.into(),
            kind: FileKind::Rules,
            src: file.named(),
            span: span.map(|s| SourceSpan::from(s.start..s.end.max(s.start))),
            label: "here".into(),
            help: None,
            path: file.path.clone(),
            line,
        }
    }
    pub fn label(mut self, l: impl Into<String>) -> Self {
        self.label = l.into();
        self
    }
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
}

/// A TOML or schema error from deserialising `file` (a `what`), at its span; an unknown field
/// gets a pointer to the documentation `doc`.
pub fn toml_error(file: &SourceFile, e: &toml::de::Error, what: &str, doc: &str) -> FileError {
    let msg = e.message().trim().to_string();
    let (head, rest) = msg.split_once('\n').unwrap_or((&msg, ""));
    let label = if rest.trim().is_empty() {
        "here"
    } else {
        rest.trim()
    };
    let mut err = FileError::new(file, e.span(), format!("invalid {what}: {head}")).label(label);
    if msg.contains("unknown field") {
        err.help = Some(format!("see {doc} for the fields allowed here"));
    }
    err
}
