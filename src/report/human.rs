//! Human output: miette diagnostics. The claim reported on is shown in its file with a label
//! giving the interval it asserts; every source it was compared with follows as a related
//! diagnostic with its own file and snippet. A typo shows a character diff of the two values.

use super::ReportInput;
use crate::finding::{Finding, FindingKind, Location, Severity};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
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
    src: NamedSource<String>,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag>,
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
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
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

fn source(input: &ReportInput, l: &Location) -> NamedSource<String> {
    let text = input
        .documents
        .get(l.doc)
        .filter(|d| d.path == l.path)
        .map(|d| d.text.clone())
        .unwrap_or_default();
    NamedSource::new(&l.path, text)
}

fn span_ok(src: &NamedSource<String>, l: &Location) -> bool {
    use miette::SourceCode;
    l.end <= src.inner().len() && src.read_span(&(l.start..l.end).into(), 0, 0).is_ok()
}

fn diag(input: &ReportInput, f: &Finding, color: bool) -> Diag {
    let primary = &f.locations[0];
    let src = source(input, primary);
    let mut labels = Vec::new();
    if span_ok(&src, primary) {
        labels.push(LabeledSpan::new_primary_with_span(
            Some(format!("asserts {}", primary.interval)),
            primary.start..primary.end,
        ));
    }
    let mut help = Vec::new();
    if let Some(s) = &f.suggestion {
        match f.kind {
            FindingKind::Typo => help.push(format!(
                "did you mean \"{s}\"?  {}",
                char_diff(&primary.text, s, color)
            )),
            FindingKind::Approximation => help.push(format!("the more precise figure is \"{s}\"")),
            FindingKind::ListCount => help.push(format!("the list names {s}")),
            FindingKind::Conflict => help.push(format!("most sources state \"{s}\"")),
        }
    }
    let mut scope = vec![format!("rule: {}", f.rule_title)];
    if let Some(k) = &f.key {
        scope.push(format!("key: {k}"));
    }
    if let Some(p) = f.period {
        scope.push(format!("period: {p}"));
    }
    help.push(scope.join(", "));
    let related = f.locations[1..]
        .iter()
        .map(|l| {
            let src = source(input, l);
            let labels = if span_ok(&src, l) {
                vec![LabeledSpan::new_primary_with_span(
                    Some(format!("asserts {}", l.interval)),
                    l.start..l.end,
                )]
            } else {
                Vec::new()
            };
            Diag {
                message: format!(
                    "compared with \"{}\" at {}:{}:{}",
                    l.text, l.path, l.line, l.column
                ),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                src,
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    Diag {
        message: format!("{}: {}", f.kind.as_str(), f.message),
        code: Some(f.rule.clone()),
        severity: miette_severity(f.severity),
        help: Some(help.join("\n")),
        src,
        labels,
        related,
    }
}

/// Renders every finding, then the summary line.
pub fn render(input: &ReportInput, opts: HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(0);
    let mut out = String::new();
    for f in input.findings {
        let d = diag(input, f, opts.color);
        if handler.render_report(&mut out, &d).is_err() {
            out.push_str(&format!("{}: {}\n", f.rule, f.message));
        }
        out.push('\n');
    }
    out.push_str(&format!("{}\n", input.summary));
    out
}
