//! Command-line flags (clap derive) and the commands they run.

use clap::{Parser, Subcommand};
use std::io::{self, Read, Write};

mod quantity_cmd;

#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about = "Checks facts for consistency across articles")]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show every quantity the model reads in TEXT, with the interval it asserts.
    Quantity(quantity_cmd::QuantityArgs),
}

pub fn parse_args() -> Result<Args, clap::Error> {
    Args::try_parse()
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> io::Result<u8> {
    match args.command {
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
