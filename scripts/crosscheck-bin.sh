# Sourced by the benchmark scripts: sets BIN to the crosscheck binary to measure, and makes
# sure GNU time is there for wall time and peak memory.
# CROSSCHECK_BIN names a prebuilt one (a path, or a name on PATH); otherwise the release build
# is made with `cargo build --release --locked`. Needs ROOT (the crate's folder) and the
# caller's `note` and `die` functions.
resolve_crosscheck_bin() {
    if [[ -n ${CROSSCHECK_BIN:-} ]]; then
        BIN=$CROSSCHECK_BIN
        [[ $BIN == */* ]] || BIN=$(command -v "$BIN" || true)
        [[ -n $BIN && -x $BIN ]] || die "CROSSCHECK_BIN=${CROSSCHECK_BIN} is not an executable file"
        BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
        note "using the prebuilt $BIN (no cargo build)"
    else
        command -v cargo >/dev/null || die "cargo is needed to build crosscheck (or set CROSSCHECK_BIN)"
        note "building crosscheck (cargo build --release --locked)"
        (cd "$ROOT" && cargo build --release --locked) || die "cargo build failed"
        BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/crosscheck
        [[ $BIN == /* ]] || BIN=$ROOT/$BIN
        [[ -x $BIN ]] || die "built, but $BIN is not there"
    fi
}

# GNU time at /usr/bin/time (for -v: wall time and peak RSS), installed with apt-get if missing.
require_gnu_time() {
    if ! /usr/bin/time -v true >/dev/null 2>&1; then
        note "/usr/bin/time (GNU time) is missing; installing it with apt-get"
        { command -v apt-get >/dev/null && apt-get install -y time >/dev/null; } ||
            { command -v apt-get >/dev/null && apt-get update >/dev/null && apt-get install -y time >/dev/null; } ||
            die "GNU time is needed at /usr/bin/time for wall time and peak memory: install the 'time' package"
    fi
}
