//! The `crosscheck` binary: parse flags, run the command, map the outcome to an exit code
//! (0 clean, 1 findings at or above the fail level, 2 usage, rule or I/O errors).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    limit_malloc_arenas();
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

/// glibc's allocator gives each thread that allocates an arena of its own (up to 8 per core),
/// and memory freed in one arena is not reused by another. A scan's workers allocate and free
/// documents' text in theirs while the claims they keep are spread among them, so a large
/// run's peak held freed memory in arenas it could not reuse. Two arenas keep it
/// reusable, at no measured cost in time (docs/performance.md). A `MALLOC_ARENA_MAX` set in the
/// environment is left to decide.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code, reason = "one call to glibc's mallopt, documented below")]
fn limit_malloc_arenas() {
    extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    /// `M_ARENA_MAX` in glibc's `malloc.h`.
    const M_ARENA_MAX: std::ffi::c_int = -8;
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt sets one of glibc's allocator parameters; it takes no pointers and
        // is called before any other thread exists.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
