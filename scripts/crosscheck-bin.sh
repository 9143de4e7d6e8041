# Sourced by the benchmark scripts: sets BIN to the crosscheck binary to measure.
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
