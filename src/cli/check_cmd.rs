//! `crosscheck check`, `crosscheck extract` and `crosscheck compare`.

use super::{ColorChoice, Project, ProjectArgs, Reported};
use crosscheck::cache::Cache;
use crosscheck::config::Config;
use crosscheck::document::{self, FileList, FileRef, Selection, SkipReason};
use crosscheck::engine::{self, Inputs};
use crosscheck::extract::{Claim, Scanner};
use crosscheck::facts::Facts;
use crosscheck::finding::Severity;
use crosscheck::report::{self, human::HumanOptions, ReportInput, Summary};
use crosscheck::rules::RuleSet;
use crosscheck::settings::Checks;
use crosscheck::suppress::Baseline;
use crosscheck::Corpus;
use crosscheck::DocInfo;
use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
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
    /// The editor's report: one self-contained HTML page with every claim group, number lines
    /// and diffs (docs/output.md).
    Html,
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
    #[command(flatten)]
    pub judge: JudgeArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    #[command(flatten)]
    pub project: ProjectArgs,
}

/// How findings are judged and reported (`check` and `compare`).
#[derive(Debug, clap::Args)]
pub struct JudgeArgs {
    /// Verified facts (docs/facts.md); they outrank what the articles agree on.
    #[arg(long, value_name = "FILE")]
    pub facts: Option<PathBuf>,
    /// Accepted findings: those it lists are not reported, only counted.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Write the findings (after inline markers) to FILE as the accepted baseline, then exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
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
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How documents are scanned (`check` and `extract`).
#[derive(Debug, clap::Args)]
pub struct EngineArgs {
    /// Worker threads. Default: one per core. The output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Keep each document's claims in DIR, keyed by its content hash and the rule pack's hash,
    /// so unchanged documents are not scanned again (docs/performance.md).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Never draw the progress bar (drawn on a terminal's stderr for human output only).
    #[arg(long)]
    pub no_progress: bool,
    /// Skip files larger than SIZE, with a notice: bytes, or with a K, M or G suffix (KiB,
    /// MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "100M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Succeed even if no document was read (an empty folder, every file skipped). Without it
    /// that is an error (exit 2), so a misconfigured CI job does not pass by checking nothing.
    #[arg(long)]
    pub allow_empty: bool,
}

/// A size in bytes: "4096", "512K", "100M", "1G" (binary multiples; a trailing "B" or "iB"
/// is allowed).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let t = t
        .strip_suffix("iB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 10),
        Some((i, 'M' | 'm')) => (&t[..i], 20),
        Some((i, 'G' | 'g')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a size (write 4096, 512K, 100M or 1G)"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// An aligned table, for people.
    Table,
    /// One JSON document with every claim.
    Json,
    /// The claim file format (docs/claims.md): a header, then a line per document and per claim;
    /// `crosscheck compare` reads it.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files and folders to read. Default: the config's `documents`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Documents to mark as corpus in the claim file (compared against, not reported on).
    /// Default: the config's `corpus` when no PATH is given.
    #[arg(long, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub engine: EngineArgs,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Claim files written by `crosscheck extract --format jsonl` (`-` reads standard input).
    /// Their documents are compared together, corpus documents first, then in file order.
    #[arg(value_name = "CLAIMS", required = true)]
    pub claims: Vec<PathBuf>,
    #[command(flatten)]
    pub judge: JudgeArgs,
    #[command(flatten)]
    pub project: ProjectArgs,
}

/// Prints a listing's or a scan's problems on stderr; returns whether any file failed.
fn report_files(skipped: &[(String, SkipReason)], errors: &[(String, String)]) -> bool {
    let mut err = io::stderr().lock();
    for (p, why) in skipped {
        let _ = writeln!(err, "crosscheck: skipped {p}: {why}");
    }
    for (p, e) in errors {
        let _ = writeln!(err, "crosscheck: error: {p}: {e}");
    }
    !errors.is_empty()
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

fn usage(message: &str) -> Reported {
    let _ = writeln!(io::stderr(), "crosscheck: {message}");
    Reported(2)
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Lists a selection's files, printing walk errors; the bool says whether any occurred.
fn list(sel: &Selection) -> (FileList, bool) {
    let listed = document::list(sel);
    let failed = report_files(&[], &listed.errors);
    (listed.files, failed)
}

/// The files of a run, corpus first (so a tie between a draft and the corpus goes to the
/// corpus), each marked; and whether listing any failed. `changed_from` splits the documents
/// into drafts (changed) and corpus (the rest).
fn gather(
    paths: &[PathBuf],
    corpus_paths: &[PathBuf],
    changed_from: Option<&str>,
    config: Option<&Config>,
    config_corpus: bool,
    verb: &str,
) -> Result<(Inputs, bool), Reported> {
    let Some(checked) = selection(paths, config, false) else {
        return Err(usage(&format!(
            "no documents to {verb}: give paths, or set `documents` in crosscheck.toml"
        )));
    };
    let (mut drafts, mut failed) = list(&checked);
    let mut corpus = FileList::default();
    if let Some(reference) = changed_from {
        let changes = crosscheck::git::changed_files(Path::new("."), reference)
            .map_err(|e| usage(&e.to_string()))?;
        if changes.no_merge_base {
            let _ = writeln!(
                io::stderr(),
                "crosscheck: warning: {reference} and HEAD have no merge base (shallow clone?): \
                 compared with {reference} itself, so its own changes count as changed"
            );
        }
        let changed: HashSet<PathBuf> = changes.files.into_iter().collect();
        let is_changed = |f: FileRef| changed.contains(&canonical(f.path));
        let changed_docs = drafts.filter(is_changed);
        corpus = drafts.filter(|f| !is_changed(f));
        if changed_docs.is_empty() {
            let _ = writeln!(
                io::stderr(),
                "crosscheck: no document changed since {reference}"
            );
        }
        drafts = changed_docs;
    }
    // `extract` reads the config's corpus only with the config's documents.
    let corpus_sel = if corpus_paths.is_empty() && !paths.is_empty() && !config_corpus {
        None
    } else {
        selection(corpus_paths, config, true)
    };
    if let Some(sel) = corpus_sel {
        let (files, corpus_failed) = list(&sel);
        failed |= corpus_failed;
        corpus.append(&files);
    }
    if !corpus.is_empty() {
        // A file both checked and in the corpus is checked; a corpus file is read once. Files
        // are told apart by their canonical path, hashed (sets of paths are large).
        let id = |f: FileRef| {
            xxhash_rust::xxh3::xxh3_128(canonical(f.path).as_os_str().as_encoded_bytes())
        };
        let checked_ids: HashSet<u128> = drafts.iter().map(id).collect();
        let mut seen = HashSet::new();
        corpus = corpus.filter(|f| {
            let p = id(f);
            !checked_ids.contains(&p) && seen.insert(p)
        });
    }
    Ok((Inputs::new(corpus, &drafts), failed))
}

/// The most worker threads `--threads` may ask for: far beyond any machine's cores.
const MAX_THREADS: usize = 1024;

impl EngineArgs {
    /// A run that read no document checked nothing: an error unless `--allow-empty`.
    fn require_documents(&self, read: usize) -> Result<(), Reported> {
        if read == 0 && !self.allow_empty {
            return Err(usage(
                "no document was read, so nothing was checked (pass --allow-empty if that is \
                 expected)",
            ));
        }
        Ok(())
    }

    /// Sizes the thread pool; `Err` is a usage error.
    fn threads(&self) -> Result<(), Reported> {
        let Some(n) = self.threads else {
            return Ok(());
        };
        if n == 0 {
            return Err(usage("--threads must be at least 1"));
        }
        // Each thread reserves a stack: a million would exhaust memory before any work.
        if n > MAX_THREADS {
            return Err(usage(&format!("--threads must be at most {MAX_THREADS}")));
        }
        // The global pool can be built once per process; a second call only fails.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
        Ok(())
    }

    /// Scans the inputs, printing skipped files, errors and cache problems. Returns the
    /// corpus and whether any file could not be read.
    fn scan(
        &self,
        inputs: Inputs,
        rules: &RuleSet,
        checks: &Checks,
        for_people: bool,
    ) -> Result<(Corpus, bool), Reported> {
        let mut corpus = Corpus::default();
        let sink = &mut |info, claims| {
            corpus.push(info, claims);
            Ok(())
        };
        match self.scan_each(inputs, rules, checks, for_people, sink) {
            Ok(Ok(failed)) => Ok((corpus, failed)),
            // The sink never fails.
            Ok(Err(_)) => Ok((corpus, true)),
            Err(code) => Err(code),
        }
    }

    /// Scans the inputs and hands each document to `sink` in input order (see
    /// [`engine::scan_each`]), then prints skipped files, errors and cache problems. The outer
    /// `Err` is a usage error; the inner one is the sink's. `Ok(Ok(failed))` says whether any
    /// file could not be read.
    fn scan_each(
        &self,
        inputs: Inputs,
        rules: &RuleSet,
        checks: &Checks,
        for_people: bool,
        sink: &mut dyn FnMut(DocInfo, Vec<Claim>) -> io::Result<()>,
    ) -> Result<io::Result<bool>, Reported> {
        self.threads()?;
        let cache = match &self.cache {
            Some(dir) => match Cache::open(dir, rules, checks) {
                Ok(c) => Some(c),
                Err(e) => return Err(usage(&e.to_string())),
            },
            None => None,
        };
        let scanner = Scanner::new(rules);
        let bar = (for_people && !self.no_progress && io::stderr().is_terminal())
            .then(|| progress_bar(inputs.len() as u64));
        // Drawn only once the run has lasted a second: short runs print nothing extra.
        let started = std::time::Instant::now();
        let shown = std::sync::atomic::AtomicBool::new(false);
        let tick = || {
            if let Some(b) = &bar {
                b.inc(1);
                if !shown.load(std::sync::atomic::Ordering::Relaxed)
                    && started.elapsed() > std::time::Duration::from_secs(1)
                    && !shown.swap(true, std::sync::atomic::Ordering::Relaxed)
                {
                    b.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
                }
            }
        };
        let read = engine::ReadOptions {
            max_file_size: self.max_file_size,
        };
        let scanned =
            engine::scan_each(inputs, &scanner, checks, cache.as_ref(), read, &tick, sink);
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        let tally = match scanned {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        };
        for (p, w) in &tally.warnings {
            let _ = writeln!(io::stderr(), "crosscheck: warning: {p}:{w}");
        }
        if let Some(e) = &tally.cache_error {
            let _ = writeln!(io::stderr(), "crosscheck: warning: {e}");
        }
        Ok(Ok(report_files(&tally.skipped, &tally.errors)))
    }
}

/// A progress bar for stderr, hidden until the caller draws it.
fn progress_bar(files: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(files),
        indicatif::ProgressDrawTarget::hidden(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "scanning {pos}/{len} files [{bar:30}] {percent}%, {eta} left",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Facts and baseline loaded for a run.
struct Judgement {
    facts: Option<Facts>,
    baseline: Option<Baseline>,
}

impl JudgeArgs {
    fn prepare(&self, config: Option<&Config>, rules: &RuleSet) -> Result<Judgement, Reported> {
        let facts_path = match (&self.facts, config) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(c)) => match &c.facts {
                Some(p) => {
                    c.contains(p).map_err(|m| usage(&m.to_string()))?;
                    Some(p.clone())
                }
                None => None,
            },
            (None, None) => None,
        };
        let facts = match &facts_path {
            Some(p) => match crosscheck::facts::load(p, rules) {
                Ok(f) => Some(f),
                Err(errors) => return Err(super::print_diagnostics(&errors, "the facts file")),
            },
            None => None,
        };
        let baseline_path = match &self.write_baseline {
            Some(_) => None,
            None => self
                .baseline
                .clone()
                .or_else(|| config.and_then(|c| c.baseline.clone())),
        };
        let baseline = match &baseline_path {
            Some(p) => Some(Baseline::load(p).map_err(|e| usage(&e.to_string()))?),
            None => None,
        };
        Ok(Judgement { facts, baseline })
    }

    fn format(&self, config: Option<&Config>) -> CheckFormat {
        self.format
            .or_else(|| from_config(config.and_then(|c| c.format.as_deref())))
            .unwrap_or(CheckFormat::Human)
    }

    /// Compares the corpus, reports, and returns the exit status.
    fn finish(
        &self,
        corpus: &mut Corpus,
        project: &Project,
        judgement: &Judgement,
        io_errors: bool,
    ) -> io::Result<u8> {
        let (rules, checks) = (&project.rules, &project.checks);
        let config = project.config.as_ref();
        let options = crosscheck::Options {
            facts: judgement.facts.as_ref(),
            baseline: judgement.baseline.as_ref(),
            checks: checks.clone(),
            between_phases: Some(&super::release_free_memory),
        };
        // The summary counts what was checked; the corpus is only compared against.
        let (checked_documents, checked_claims) =
            (corpus.checked_documents(), corpus.checked_claims());
        let format = self.format(config);
        // Only the HTML report lists the claims (every fact, with what each article says).
        let (findings, suppressed) = if format == CheckFormat::Html {
            crosscheck::judge(corpus, rules, &options)
        } else {
            crosscheck::judge_releasing_claims(corpus, rules, &options)
        };
        let corpus = &*corpus;
        let checked = corpus.documents.iter().filter(|d| !d.corpus);
        let markers = checked.map(|d| (d.path.as_str(), &d.markers[..]));
        for w in crosscheck::suppress::unknown_marker_rules(markers, rules) {
            let _ = writeln!(io::stderr(), "crosscheck: warning: {w}");
        }
        if let Some(path) = &self.write_baseline {
            let b = Baseline::for_file(path);
            crosscheck::fsio::write_atomic(path, b.render(&findings).as_bytes()).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
            })?;
            let _ = writeln!(
                io::stderr(),
                "crosscheck: wrote {} finding{} to {}",
                findings.len(),
                if findings.len() == 1 { "" } else { "s" },
                path.display()
            );
            return Ok(if io_errors { 2 } else { 0 });
        }
        // The HTML report draws every group of claims the comparison made.
        let groups = if format == CheckFormat::Html {
            crosscheck::compare::claim_groups(&corpus.claims, rules)
        } else {
            Vec::new()
        };
        let input = ReportInput {
            summary: Summary::new(
                checked_documents,
                checked_claims,
                &findings,
                suppressed.len(),
            ),
            findings: &findings,
            rules,
            checks,
            corpus: Some(corpus),
            groups: &groups,
        };
        let stdout = io::stdout();
        // A report file is written beside its target and renamed over it once whole: an
        // interrupt or a full disk leaves the previous report, never half of a new one.
        let named = |path: &Path, e: io::Error| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        };
        let mut file = match &self.output {
            Some(path) => {
                Some(crosscheck::fsio::AtomicFile::create(path).map_err(|e| named(path, e))?)
            }
            None => None,
        };
        let sink: Box<dyn Write + '_> = match &mut file {
            Some(f) => Box::new(f),
            None => Box::new(stdout.lock()),
        };
        // What the run found decides the exit status, whether or not the report could be
        // written whole: a reader that closed the pipe early (`| head`) does not make a run with
        // errors succeed.
        let status = if io_errors {
            2
        } else {
            let fail_on = self
                .fail_on
                .or_else(|| from_config(config.and_then(|c| c.fail_on.as_deref())))
                .unwrap_or(FailOn::Error);
            u8::from(
                fail_on
                    .threshold()
                    .is_some_and(|t| findings.iter().any(|f| f.severity >= t)),
            )
        };
        let mut out = io::BufWriter::with_capacity(1 << 16, sink);
        let written = match format {
            CheckFormat::Human => report::human::write(
                &input,
                HumanOptions {
                    color: self.output.is_none() && self.color.enabled(super::stdout_is_terminal()),
                    width: 100,
                },
                &mut out,
            ),
            CheckFormat::Json => report::json::write(&input, &mut out),
            CheckFormat::Sarif => report::sarif::write(&input, &mut out),
            CheckFormat::Github => report::github::write(&input, &mut out),
            CheckFormat::Markdown => report::markdown::write(&input, &mut out),
            CheckFormat::Html => report::html::write(&input, &mut out),
        }
        .and_then(|()| out.flush());
        drop(out);
        match written {
            Err(e) if super::is_broken_pipe(&e) => {}
            Err(e) => return Err(e),
            Ok(()) => {
                if let (Some(f), Some(path)) = (file, &self.output) {
                    f.commit().map_err(|e| named(path, e))?;
                }
            }
        }
        exiting(findings);
        exiting(suppressed);
        Ok(status)
    }
}

/// Leaves a large value to the end of the process instead of freeing it piece by piece: a
/// million claims take a noticeable time to free, for nothing, right before exit. Only for
/// values the command is done with as it returns.
#[allow(clippy::mem_forget, reason = "deliberate: the process exits next")]
fn exiting<T>(value: T) {
    std::mem::forget(value);
}

/// The project (config and rules) and the facts and baseline of a judging command.
fn judging(project: &ProjectArgs, judge: &JudgeArgs) -> Result<(Project, Judgement), Reported> {
    let p = project.load()?;
    let judgement = judge.prepare(p.config.as_ref(), &p.rules)?;
    Ok((p, judgement))
}

pub fn run_check(a: &CheckArgs) -> io::Result<u8> {
    let (mut project, judgement) = match judging(&a.project, &a.judge) {
        Ok(p) => p,
        Err(Reported(code)) => return Ok(code),
    };
    let config = project.config.as_ref();
    let (inputs, list_failed) = match gather(
        &a.paths,
        &a.corpus,
        a.changed_from.as_deref(),
        config,
        true,
        "check",
    ) {
        Ok(d) => d,
        Err(Reported(code)) => return Ok(code),
    };
    let for_people = a.judge.format(config) == CheckFormat::Human;
    let (mut corpus, scan_failed) =
        match a
            .engine
            .scan(inputs, &project.rules, &project.checks, for_people)
        {
            Ok(s) => s,
            Err(Reported(code)) => return Ok(code),
        };
    // `--changed-from` with nothing changed has nothing to check, rightly.
    if a.changed_from.is_none() {
        if let Err(Reported(code)) = a.engine.require_documents(corpus.checked_documents()) {
            return Ok(code);
        }
    }
    // Comparing needs only the claims: the file list and the compiled patterns go before the
    // findings come, and the memory they held goes back to the system.
    project.rules.release_patterns();
    super::release_free_memory();
    let status = a.judge.finish(
        &mut corpus,
        &project,
        &judgement,
        list_failed || scan_failed,
    );
    exiting(corpus);
    status
}

pub fn run_extract(a: &ExtractArgs) -> io::Result<u8> {
    let Project {
        config,
        rules,
        checks,
    } = match a.project.load() {
        Ok(p) => p,
        Err(Reported(code)) => return Ok(code),
    };
    let (inputs, list_failed) =
        match gather(&a.paths, &a.corpus, None, config.as_ref(), false, "read") {
            Ok(d) => d,
            Err(Reported(code)) => return Ok(code),
        };
    let for_people = a.format == ExtractFormat::Table;
    if a.format == ExtractFormat::Jsonl {
        // Streamed: each document's lines are written as soon as its batch is scanned.
        let stdout = io::stdout();
        let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
        crosscheck::interchange::write_header(&mut out, &rules, &checks)?;
        let sink = &mut |info: DocInfo, claims: Vec<Claim>| {
            crosscheck::interchange::write_document(&mut out, &info, &claims, &rules)
        };
        let scan_failed = match a
            .engine
            .scan_each(inputs, &rules, &checks, for_people, sink)
        {
            Ok(r) => r?,
            Err(Reported(code)) => return Ok(code),
        };
        out.flush()?;
        return Ok(if list_failed || scan_failed { 2 } else { 0 });
    }
    let (corpus, scan_failed) = match a.engine.scan(inputs, &rules, &checks, for_people) {
        Ok(s) => s,
        Err(Reported(code)) => return Ok(code),
    };
    if let Err(Reported(code)) = a.engine.require_documents(corpus.checked_documents()) {
        return Ok(code);
    }
    super::emit(&if a.format == ExtractFormat::Json {
        report::table::render_json(&corpus.claims, &rules)
    } else {
        report::table::render(&corpus.claims, &rules)
    })?;
    Ok(if list_failed || scan_failed { 2 } else { 0 })
}

pub fn run_compare(a: &CompareArgs) -> io::Result<u8> {
    let (mut project, judgement) = match judging(&a.project, &a.judge) {
        Ok(p) => p,
        Err(Reported(code)) => return Ok(code),
    };
    // Claim files are not scanned: the compiled patterns and their caches go.
    project.rules.release_patterns();
    super::release_free_memory();
    let mut reader = crosscheck::interchange::Reader::default();
    for path in &a.claims {
        let result = if path.as_os_str() == "-" {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            reader.read("<stdin>", &mut input, &project.rules, &project.checks)
        } else {
            let file = match crosscheck::fsio::open_regular(path) {
                Ok(f) => f,
                Err(e) => {
                    return Ok(usage(&format!("cannot read claim file {}: {e}", path.display())).0)
                }
            };
            let mut input = io::BufReader::with_capacity(1 << 20, file);
            let name = document::display_path(path);
            reader.read(&name, &mut input, &project.rules, &project.checks)
        };
        if let Err(e) = result {
            return Ok(usage(&e.to_string()).0);
        }
    }
    let mut corpus = reader.finish();
    let status = a.judge.finish(&mut corpus, &project, &judgement, false);
    exiting(corpus);
    status
}
