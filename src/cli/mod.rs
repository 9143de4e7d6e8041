//! Command-line flags (clap derive) and the commands they run. Flags are turned into library
//! calls here; no checking logic lives in the CLI.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

mod check_cmd;
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
    /// Print the claims found in documents (rule, key, period, place, figure, interval).
    Extract(check_cmd::ExtractArgs),
    /// List the loaded rules; explain one; run the examples declared next to them.
    Rules(rules_cmd::RulesArgs),
    /// Show every quantity the model reads in TEXT, with the interval it asserts.
    Quantity(quantity_cmd::QuantityArgs),
}

/// Where rules are loaded from.
#[derive(Debug, Clone, clap::Args)]
pub struct RuleArgs {
    /// Rule file or folder of `*.toml` files; repeatable.
    #[arg(
        long = "rules",
        value_name = "PATH",
        default_value = "rules",
        global = true
    )]
    pub rules: Vec<PathBuf>,
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
        Command::Rules(a) => rules_cmd::run(&a),
        Command::Quantity(a) => quantity_cmd::run(&a),
    }
}

pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Reads the argument, or standard input when it is `-`.
pub(crate) fn text_arg(arg: &str) -> io::Result<String> {
    if arg == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf)?;
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

/// Loads rules, printing every rule-file diagnostic to stderr on failure.
pub(crate) fn load_rules(a: &RuleArgs) -> Option<crosscheck::rules::RuleSet> {
    match crosscheck::rules::load(&a.rules) {
        Ok(r) => Some(r),
        Err(errors) => {
            let color = ColorChoice::Auto.enabled(io::stderr().is_terminal());
            let mut out = String::new();
            for e in &errors {
                out.push_str(&render_diagnostic(e, color));
            }
            out.push_str(&format!(
                "crosscheck: {} problem{} in rule files\n",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ));
            let _ = io::stderr().write_all(out.as_bytes());
            None
        }
    }
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
