//! The `crosscheck` binary: parse flags, run the command, map the outcome to an exit code
//! (0 clean, 1 findings at or above the fail level, 2 usage, rule or I/O errors).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match cli::parse_args() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(args) {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            if cli::is_broken_pipe(&e) {
                return ExitCode::from(0);
            }
            eprintln!("crosscheck: {e:#}");
            ExitCode::from(2)
        }
    }
}
