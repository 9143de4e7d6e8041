//! Command-line flags (clap derive) and the commands they run. Flags are turned into library
//! calls here; no checking logic lives in the CLI.

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::config::Config;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

mod check_cmd;
mod project_cmd;
mod quantity_cmd;
mod rules_cmd;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Checks facts for consistency across articles",
    after_help = "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, rule or I/O errors."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claims from documents, compare them across sources, report disagreements.
    Check(check_cmd::CheckArgs),
    /// Print the claims found in documents (rule, key, period, place, figure, interval), or
    /// write them as a claim file for `compare`.
    Extract(check_cmd::ExtractArgs),
    /// Compare the claims of claim files (from `extract --format jsonl`) and report, as `check`
    /// does on the documents.
    Compare(check_cmd::CompareArgs),
    /// List the loaded rules; explain one; run the examples declared next to them.
    Rules(rules_cmd::RulesArgs),
    /// Show every quantity the model reads in TEXT, with the interval it asserts.
    Quantity(quantity_cmd::QuantityArgs),
    /// Write a commented starter crosscheck.toml and an example rule (never overwrites).
    Init(project_cmd::InitArgs),
    /// Print the JSON Schema of rule files, the facts file or the config, for TOML editors.
    Schema(project_cmd::SchemaArgs),
    /// Print a shell completion script.
    Completions(project_cmd::CompletionsArgs),
}

/// Where the project's configuration and rules come from.
#[derive(Debug, Clone, clap::Args)]
pub struct ProjectArgs {
    /// Rule file or folder of `*.toml` files; repeatable. Default: the config's `rules`, else
    /// `rules`.
    #[arg(long = "rules", value_name = "PATH", global = true)]
    pub rules: Vec<PathBuf>,
    /// Config file to use instead of searching for crosscheck.toml from the working directory
    /// upwards.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no config file.
    #[arg(long, global = true)]
    pub no_config: bool,
}

/// A loaded project: its config (if any) and its rules.
pub(crate) struct Project {
    pub config: Option<Config>,
    pub rules: crosscheck::rules::RuleSet,
    /// The editorial checks' settings: the config's, else the defaults.
    pub checks: crosscheck::settings::Checks,
}

impl ProjectArgs {
    /// The config file in force: `--config`, else the one found walking up, unless
    /// `--no-config`. Problems are printed; `Err` carries the exit status.
    pub(crate) fn config(&self) -> Result<Option<Config>, Reported> {
        let path = match (&self.config, self.no_config) {
            (_, true) => return Ok(None),
            (Some(p), _) => p.clone(),
            (None, false) => match crosscheck::config::discover(Path::new(".")) {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        crosscheck::config::load(&path)
            .map(Some)
            .map_err(|errors| print_diagnostics(&errors, "config file"))
    }

    /// Loads the config and the rules it (or `--rules`) names.
    pub(crate) fn load(&self) -> Result<Project, Reported> {
        let config = self.config()?;
        let paths = if !self.rules.is_empty() {
            self.rules.clone()
        } else if let Some(c) = config.as_ref().filter(|c| c.rules.is_some()) {
            let r = c.rules.clone().unwrap_or_default();
            for p in &r {
                if let Err(m) = c.contains(p) {
                    let _ = writeln!(io::stderr(), "crosscheck: {m}");
                    return Err(Reported(2));
                }
            }
            r
        } else {
            vec![PathBuf::from("rules")]
        };
        let rules = crosscheck::rules::load(&paths)
            .map_err(|errors| print_diagnostics(&errors, "rule files"))?;
        let checks = config
            .as_ref()
            .map(|c| c.checks.clone())
            .unwrap_or_default();
        Ok(Project {
            config,
            rules,
            checks,
        })
    }
}

/// Prints diagnostics to stderr with a closing count; returns exit status 2.
/// A problem already printed to standard error; it carries the exit status to end with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reported(pub(crate) u8);

pub(crate) fn print_diagnostics(
    errors: &[crosscheck::diagnostic::FileError],
    what: &str,
) -> Reported {
    let color = ColorChoice::Auto.enabled(io::stderr().is_terminal());
    let mut out = String::new();
    for e in errors {
        out.push_str(&render_diagnostic(e, color));
    }
    out.push_str(&format!(
        "crosscheck: {} problem{} in {what}\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    let _ = io::stderr().write_all(out.as_bytes());
    Reported(2)
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` colours only a terminal, and never when NO_COLOR is set.
    pub fn enabled(self, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

pub fn parse_args() -> Result<Args, clap::Error> {
    Args::try_parse()
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> io::Result<u8> {
    match args.command {
        Command::Check(a) => check_cmd::run_check(&a),
        Command::Extract(a) => check_cmd::run_extract(&a),
        Command::Compare(a) => check_cmd::run_compare(&a),
        Command::Rules(a) => rules_cmd::run(&a),
        Command::Quantity(a) => quantity_cmd::run(&a),
        Command::Init(a) => project_cmd::run_init(&a),
        Command::Schema(a) => project_cmd::run_schema(&a),
        Command::Completions(a) => project_cmd::run_completions(&a),
    }
}

pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Reads the argument, or standard input when it is `-`.
pub(crate) fn text_arg(arg: &str) -> io::Result<String> {
    if arg == "-" {
        let mut buf = Vec::new();
        let limit = crosscheck::fsio::MAX_INPUT_BYTES;
        io::stdin().take(limit + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > limit {
            return Err(io::Error::other(format!(
                "standard input is over the limit of {limit} bytes"
            )));
        }
        Ok(String::from_utf8_lossy(&buf).into_owned())
    } else {
        Ok(arg.to_string())
    }
}

/// Writes to stdout, flushing at the end; a closed pipe surfaces as `BrokenPipe`.
pub(crate) fn emit(s: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()
}

pub(crate) fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

pub(crate) fn render_diagnostic(d: &dyn miette::Diagnostic, color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(100);
    let mut s = String::new();
    if handler.render_report(&mut s, d).is_err() {
        s = format!("{d}\n");
    }
    s
}

/// Returns the memory the allocator holds free to the system: glibc keeps freed memory in its
/// arenas, resident. Called where a phase has just freed much of what it used (after a scan,
/// the documents' text and the compiled patterns with their caches; between the phases of
/// judging, their working vectors), so that the next phase's peak does not stack on the last
/// one's leftovers (docs/performance.md). A few milliseconds; nothing on other platforms. The
/// allocator is the binary's business: the library only says when a phase is done.
#[allow(
    unsafe_code,
    reason = "one call to glibc's malloc_trim, documented below"
)]
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free memory of glibc's arenas to the system; it
        // takes no pointers and may be called from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
