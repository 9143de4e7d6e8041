//! `crosscheck check` and `crosscheck extract`.

use super::{ColorChoice, Project, ProjectArgs};
use crosscheck::config::Config;
use crosscheck::document::{self, Document, Selection, SkipReason};
use crosscheck::finding::Severity;
use crosscheck::report::{self, human::HumanOptions, ReportInput, Summary};
use crosscheck::suppress::Baseline;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with snippets, for people.
    Human,
    /// The documented JSON report (docs/output.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// A Markdown summary and findings, for a pull-request comment or job summary.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Note => Some(Severity::Note),
            FailOn::Never => None,
        }
    }
}

/// A config value for an enum flag (the config loader has checked the name).
fn from_config<T: clap::ValueEnum>(name: Option<&str>) -> Option<T> {
    name.and_then(|n| T::from_str(n, false).ok())
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to check (folders are walked, .gitignore respected). Default: the
    /// config's `documents`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Published documents to compare against: their claims count, but only findings on the
    /// checked documents are reported. Repeatable. Default: the config's `corpus`.
    #[arg(long, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,
    /// Check the documents git says changed since REF (the merge base of REF and HEAD, to the
    /// working tree, untracked files included) against the rest of the documents.
    #[arg(long, value_name = "REF")]
    pub changed_from: Option<String>,
    /// Verified facts (docs/facts.md); they outrank what the articles agree on.
    #[arg(long, value_name = "FILE")]
    pub facts: Option<PathBuf>,
    /// Accepted findings: those it lists are not reported, only counted.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Write the findings (after inline markers) to FILE as the accepted baseline, then exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format. Default: the config's `format`, else human.
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Lowest severity that makes the exit status 1. Default: the config's `fail_on`, else
    /// error.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files and folders to read. Default: the config's `documents`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
}

/// Loads documents, reporting skipped files and read errors on stderr. Returns the documents
/// and whether any error occurred.
fn load_documents(sel: &Selection) -> (Vec<Document>, bool) {
    let loaded = document::load(sel);
    let mut err = io::stderr().lock();
    for (p, why) in &loaded.skipped {
        let why = match why {
            SkipReason::NotText => "not a text file",
        };
        let _ = writeln!(err, "crosscheck: skipped {p}: {why}");
    }
    for (p, e) in &loaded.errors {
        let _ = writeln!(err, "crosscheck: error: {p}: {e}");
    }
    (loaded.documents, !loaded.errors.is_empty())
}

/// What to read: the paths given, else the config's documents (with its globs).
fn selection(paths: &[PathBuf], config: Option<&Config>, corpus: bool) -> Option<Selection> {
    let from_config = config.and_then(|c| {
        if corpus {
            c.corpus.clone()
        } else {
            c.documents.clone()
        }
    });
    let paths = if paths.is_empty() {
        from_config?
    } else {
        paths.to_vec()
    };
    Some(Selection {
        paths,
        include: config.map(|c| c.include.clone()).unwrap_or_default(),
        exclude: config.map(|c| c.exclude.clone()).unwrap_or_default(),
        glob_root: config.map(|c| c.root.clone()).unwrap_or_default(),
    })
}

fn usage(message: &str) -> u8 {
    let _ = writeln!(io::stderr(), "crosscheck: {message}");
    2
}

fn canonical(p: &str) -> Option<PathBuf> {
    Path::new(p).canonicalize().ok()
}

/// The documents of a check, corpus first (so a tie between a draft and the corpus goes to
/// the corpus), each marked; and whether reading any failed.
fn gather(a: &CheckArgs, config: Option<&Config>) -> Result<(Vec<Document>, bool), u8> {
    let Some(checked) = selection(&a.paths, config, false) else {
        return Err(usage(
            "no documents to check: give paths, or set `documents` in crosscheck.toml",
        ));
    };
    let (mut drafts, mut failed) = load_documents(&checked);
    let mut corpus = Vec::new();
    if let Some(reference) = &a.changed_from {
        let changes =
            crosscheck::git::changed_files(Path::new("."), reference).map_err(|e| usage(&e))?;
        if changes.no_merge_base {
            let _ = writeln!(
                io::stderr(),
                "crosscheck: warning: {reference} and HEAD have no merge base (shallow clone?): \
                 compared with {reference} itself, so its own changes count as changed"
            );
        }
        let changed: HashSet<PathBuf> = changes.files.into_iter().collect();
        let (changed_docs, rest): (Vec<Document>, Vec<Document>) = drafts
            .into_iter()
            .partition(|d| canonical(&d.path).is_some_and(|p| changed.contains(&p)));
        if changed_docs.is_empty() {
            let _ = writeln!(
                io::stderr(),
                "crosscheck: no document changed since {reference}"
            );
        }
        drafts = changed_docs;
        corpus = rest;
    }
    if let Some(sel) = selection(&a.corpus, config, true) {
        let (docs, corpus_failed) = load_documents(&sel);
        failed |= corpus_failed;
        corpus.extend(docs);
    }
    // A file both checked and in the corpus is checked.
    let checked_paths: HashSet<PathBuf> = drafts
        .iter()
        .map(|d| canonical(&d.path).unwrap_or_else(|| PathBuf::from(&d.path)))
        .collect();
    let mut seen = HashSet::new();
    corpus.retain(|d| {
        let p = canonical(&d.path).unwrap_or_else(|| PathBuf::from(&d.path));
        !checked_paths.contains(&p) && seen.insert(p)
    });
    for d in &mut corpus {
        d.corpus = true;
    }
    corpus.extend(drafts);
    Ok((corpus, failed))
}

pub fn run_check(a: &CheckArgs) -> io::Result<u8> {
    let Project { config, rules } = match a.project.load() {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let config = config.as_ref();
    let facts_path = a
        .facts
        .clone()
        .or_else(|| config.and_then(|c| c.facts.clone()));
    let facts = match &facts_path {
        Some(p) => match crosscheck::facts::load(p, &rules) {
            Ok(f) => Some(f),
            Err(errors) => return Ok(super::print_diagnostics(&errors, "the facts file")),
        },
        None => None,
    };
    let baseline_path = match &a.write_baseline {
        Some(_) => None,
        None => a
            .baseline
            .clone()
            .or_else(|| config.and_then(|c| c.baseline.clone())),
    };
    let baseline = match &baseline_path {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => return Ok(usage(&e)),
        },
        None => None,
    };
    let (docs, io_errors) = match gather(a, config) {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let options = crosscheck::Options {
        facts: facts.as_ref(),
        baseline: baseline.as_ref(),
    };
    let outcome = crosscheck::check_with(&docs, &rules, &options);
    for w in crosscheck::suppress::unknown_marker_rules(&docs, &rules) {
        let _ = writeln!(io::stderr(), "crosscheck: warning: {w}");
    }

    if let Some(path) = &a.write_baseline {
        let b = Baseline::for_file(path);
        crosscheck::suppress::write_atomic(path, &b.render(&outcome.findings))?;
        let _ = writeln!(
            io::stderr(),
            "crosscheck: wrote {} finding{} to {}",
            outcome.findings.len(),
            if outcome.findings.len() == 1 { "" } else { "s" },
            path.display()
        );
        return Ok(if io_errors { 2 } else { 0 });
    }

    // The summary counts what was checked; the corpus is only compared against.
    let checked = docs.iter().filter(|d| !d.corpus).count();
    let claims = outcome
        .claims
        .iter()
        .filter(|c| !docs[c.doc].corpus)
        .count();
    let input = ReportInput {
        summary: Summary::new(checked, claims, &outcome.findings, outcome.suppressed.len()),
        findings: &outcome.findings,
        documents: &docs,
        rules: &rules,
    };
    let format = a
        .format
        .or_else(|| from_config(config.and_then(|c| c.format.as_deref())))
        .unwrap_or(CheckFormat::Human);
    let out = match format {
        CheckFormat::Human => report::human::render(
            &input,
            HumanOptions {
                color: a.color.enabled(super::stdout_is_terminal()),
                width: 100,
            },
        ),
        CheckFormat::Json => report::json::render(&input),
        CheckFormat::Sarif => report::sarif::render(&input),
        CheckFormat::Github => report::github::render(&input),
        CheckFormat::Markdown => report::markdown::render(&input),
    };
    super::emit(&out)?;
    if io_errors {
        return Ok(2);
    }
    let fail_on = a
        .fail_on
        .or_else(|| from_config(config.and_then(|c| c.fail_on.as_deref())))
        .unwrap_or(FailOn::Error);
    let failing = fail_on
        .threshold()
        .is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    Ok(u8::from(failing))
}

pub fn run_extract(a: &ExtractArgs) -> io::Result<u8> {
    let Project { config, rules } = match a.project.load() {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let Some(sel) = selection(&a.paths, config.as_ref(), false) else {
        return Ok(usage(
            "no documents to read: give paths, or set `documents` in crosscheck.toml",
        ));
    };
    let (docs, io_errors) = load_documents(&sel);
    let claims = crosscheck::extract::extract(&docs, &rules);
    let out = match a.format {
        ExtractFormat::Table => report::table::render(&claims),
        ExtractFormat::Json => report::table::render_json(&claims),
    };
    super::emit(&out)?;
    Ok(if io_errors { 2 } else { 0 })
}
