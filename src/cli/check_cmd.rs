//! `crosscheck check` and `crosscheck extract`.

use super::{ColorChoice, RuleArgs};
use crosscheck::document::{self, SkipReason};
use crosscheck::finding::Severity;
use crosscheck::report::{self, human::HumanOptions, ReportInput, Summary};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
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

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and folders to check (.txt, .md; folders are walked).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
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
    /// Files and folders to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
}

/// Loads documents, reporting skipped files and read errors on stderr. Returns the documents
/// and whether any error occurred.
fn load_documents(paths: &[PathBuf]) -> (Vec<document::Document>, bool) {
    let loaded = document::load_paths(paths);
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

pub fn run_check(a: &CheckArgs) -> io::Result<u8> {
    let Some(rules) = super::load_rules(&a.rules) else {
        return Ok(2);
    };
    let (docs, io_errors) = load_documents(&a.paths);
    let outcome = crosscheck::check(&docs, &rules);
    let input = ReportInput {
        summary: Summary::new(docs.len(), outcome.claims.len(), &outcome.findings),
        findings: &outcome.findings,
        documents: &docs,
    };
    let out = match a.format {
        CheckFormat::Human => report::human::render(
            &input,
            HumanOptions {
                color: a.color.enabled(super::stdout_is_terminal()),
                width: 100,
            },
        ),
        CheckFormat::Json => report::json::render(&input),
    };
    super::emit(&out)?;
    if io_errors {
        return Ok(2);
    }
    let failing = a
        .fail_on
        .threshold()
        .is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    Ok(u8::from(failing))
}

pub fn run_extract(a: &ExtractArgs) -> io::Result<u8> {
    let Some(rules) = super::load_rules(&a.rules) else {
        return Ok(2);
    };
    let (docs, io_errors) = load_documents(&a.paths);
    let claims = crosscheck::extract::extract(&docs, &rules);
    let out = match a.format {
        ExtractFormat::Table => report::table::render(&claims),
        ExtractFormat::Json => report::table::render_json(&claims),
    };
    super::emit(&out)?;
    Ok(if io_errors { 2 } else { 0 })
}
