//! Human output: miette diagnostics. The claim reported on is shown in its file with a label
//! giving the interval it asserts; every source it was compared with follows as a diagnostic of
//! its own, with its file, line and snippet. A typo shows a character diff of the two values.

use super::ReportInput;
use crate::finding::{Finding, FindingKind, Location, Severity};
use crate::text::Snippet;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use similar::{ChangeTag, TextDiff};
use std::fmt;

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

#[derive(Debug)]
struct Diag {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    src: Windowed,
    labels: Vec<LabeledSpan>,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

/// A character diff of two values: `20[-0-]{+2+}3`, or coloured when `color` is set.
pub fn char_diff(old: &str, new: &str, color: bool) -> String {
    let (old, new) = (
        crate::printable::escaped(old),
        crate::printable::escaped(new),
    );
    let (old, new) = (old.as_ref(), new.as_ref());
    let diff = TextDiff::from_chars(old, new);
    let mut out = String::new();
    for ch in diff.iter_all_changes() {
        let v = ch.value();
        match (ch.tag(), color) {
            (ChangeTag::Equal, _) => out.push_str(v),
            (ChangeTag::Delete, false) => out.push_str(&format!("[-{v}-]")),
            (ChangeTag::Insert, false) => out.push_str(&format!("{{+{v}+}}")),
            (ChangeTag::Delete, true) => out.push_str(&format!("\x1b[31;9m{v}\x1b[0m")),
            (ChangeTag::Insert, true) => out.push_str(&format!("\x1b[32;1m{v}\x1b[0m")),
        }
    }
    out
}

/// A location's snippet as miette's source: `read_span` with context returns the whole snippet
/// (the sentence around the figure, at most [`crate::text::WINDOW`] bytes each side) with its
/// real line and column, so a snippet from an 800-character paragraph stays readable and its line
/// numbers stay true. Spans are document offsets.
#[derive(Debug)]
struct Windowed {
    name: String,
    snippet: Snippet,
    /// The snippet's text with control characters made inert, byte for byte: an escape
    /// sequence in a document does not reach the terminal.
    text: String,
}

impl Windowed {
    fn new(l: &Location) -> Windowed {
        Windowed {
            name: crate::printable::escaped(&l.path).into_owned(),
            snippet: l.snippet.clone(),
            text: crate::printable::inert(&l.snippet.text).into_owned(),
        }
    }

    fn covers(&self, l: &Location) -> bool {
        self.snippet.parts(l.start, l.end).is_some()
    }
}

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        let s = &self.snippet;
        if s.parts(start, end).is_none() {
            return Err(MietteError::OutOfBounds);
        }
        // miette asks with no context for the header's line:column, with context for the snippet.
        let (ws, we) = if before == 0 && after == 0 {
            (start, end)
        } else {
            (s.start, s.start + s.text.len())
        };
        let (line, column) = s.line_col(ws).ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[ws - s.start..we - s.start],
            (ws, we - ws).into(),
            line - 1,
            column - 1,
            1,
        )))
    }
}

fn located(
    src: Windowed,
    l: &Location,
    label: Option<String>,
    message: String,
    severity: miette::Severity,
) -> Diag {
    let labels = if src.covers(l) {
        vec![LabeledSpan::new_primary_with_span(label, l.start..l.end)]
    } else {
        Vec::new()
    };
    Diag {
        message,
        code: None,
        severity,
        help: None,
        src,
        labels,
    }
}

/// The finding's diagnostic, then one per source it was compared with.
fn diags(f: &Finding, color: bool) -> Vec<Diag> {
    let primary = &f.locations[0];
    let mut help = Vec::new();
    if let Some(s) = &f.suggestion {
        let s = crate::printable::escaped(s);
        match f.kind {
            FindingKind::Typo => help.push(format!(
                "did you mean \"{s}\"?  {}",
                char_diff(&primary.text, &s, color)
            )),
            FindingKind::Approximation => help.push(format!("the more precise figure is \"{s}\"")),
            FindingKind::ListCount => help.push(format!("the list names {s}")),
            FindingKind::Conflict => help.push(format!("most sources state \"{s}\"")),
            FindingKind::Fact => help.push(format!(
                "the verified value is \"{s}\"  {}",
                char_diff(&primary.text, &s, color)
            )),
            FindingKind::EditedCopy => help.push(format!(
                "the other copies say \"{s}\"  {}",
                char_diff(&primary.text, &s, color)
            )),
            FindingKind::Updated => help.push(format!("the later count is \"{s}\"")),
            FindingKind::RepeatedParagraph => {}
        }
    }
    if let Some(c) = &f.fact {
        help.push(format!(
            "verified fact: \"{}\" {} ({}:{}), source: {}",
            crate::printable::escaped(&c.value),
            c.interval,
            crate::printable::escaped(&c.path),
            c.line,
            crate::printable::escaped(&c.source)
        ));
    }
    let mut scope = vec![format!("rule: {}", f.rule_title)];
    if let Some(k) = &f.key {
        scope.push(format!("key: {k}"));
    }
    if let Some(p) = f.period {
        scope.push(format!("period: {p}"));
    }
    help.push(scope.join(", "));
    let editorial = matches!(
        f.kind,
        FindingKind::RepeatedParagraph | FindingKind::EditedCopy
    );
    let label = |l: &Location| (!editorial).then(|| format!("asserts {}", l.interval));
    let mut main = located(
        Windowed::new(primary),
        primary,
        label(primary),
        format!(
            "{}: {}",
            f.kind.as_str(),
            crate::printable::escaped(&f.message)
        ),
        miette_severity(f.severity),
    );
    main.code = Some(f.rule.to_string());
    main.help = Some(help.join("\n"));
    let mut out = vec![main];
    for l in &f.locations[1..] {
        let message = match f.kind {
            FindingKind::RepeatedParagraph => "also here".to_string(),
            _ => format!("compared with \"{}\"", crate::printable::escaped(&l.text)),
        };
        out.push(located(
            Windowed::new(l),
            l,
            label(l),
            message,
            miette::Severity::Advice,
        ));
    }
    out
}

/// Renders every finding, then the summary line.
pub fn render(input: &ReportInput, opts: HumanOptions) -> String {
    super::to_string(|w| write(input, opts, w))
}

/// Writes every finding, then the summary line, one finding at a time.
pub fn write(
    input: &ReportInput,
    opts: HumanOptions,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for f in input.findings {
        out.clear();
        for d in diags(f, opts.color) {
            if handler.render_report(&mut out, &d).is_err() {
                out.push_str(&format!("{}: {}\n", f.rule, d.message));
            }
        }
        out.push('\n');
        w.write_all(out.as_bytes())?;
    }
    writeln!(w, "{}", input.summary)
}
