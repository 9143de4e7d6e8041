#!/usr/bin/env bash
# Benchmark: how loading and checking scale with the size of the rule pack (docs/performance.md).
#
#   scripts/bench-rules.sh [N...] [--runs R]      N: rule counts (default 100 500 1000 2000)
#
# For each N, writes a pack of N distinct rules with scripts/make_rules.py (ids, titles,
# patterns with {quantity}, {key} tables, context, exclude, document_context, examples), and
# two short reports that state the figures of 20 of its rules differently. Then times, with
# wall time and peak RSS from /usr/bin/time -v, R runs each (the fastest is reported):
#   crosscheck rules --rules PACK            loading: parse, check every rule, list them
#   crosscheck check --rules PACK REPORTS    loading, the gate, scanning 2 reports, comparing
#   crosscheck check --rules PACK seeds      the same on the five seed articles
# and prints a table, also written as Markdown to $BENCH_DIR/rules-results.md.
#
# Environment:
#   BENCH_DIR        work folder (default /tmp/crosscheck-bench); keep it outside any git work
#                    tree (crosscheck honours .gitignore files)
#   CROSSCHECK_BIN   a prebuilt crosscheck to measure (default: cargo build --release --locked)
set -euo pipefail

die() { printf 'bench-rules: error: %s\n' "$*" >&2; exit 2; }
note() { printf 'bench-rules: %s\n' "$*" >&2; }
usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

COUNTS=()
RUNS=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --runs)
            [[ $# -ge 2 ]] || die "$1 needs a number"
            RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#--runs=}; shift ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) [[ $1 =~ ^[1-9][0-9]*$ ]] || die "a rule count must be a positive integer (got '$1')"
           COUNTS+=("$1"); shift ;;
    esac
done
[[ ${#COUNTS[@]} -gt 0 ]] || COUNTS=(100 500 1000 2000)
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer (got '$RUNS')"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -f Cargo.toml && -d seeds && -f scripts/make_rules.py ]] || die "$ROOT does not look like the crosscheck repository"
for tool in python3 awk date; do
    command -v "$tool" >/dev/null || die "$tool is required and not installed"
done
# shellcheck source=scripts/crosscheck-bin.sh
source "$ROOT/scripts/crosscheck-bin.sh"
require_gnu_time

BENCH_DIR=${BENCH_DIR:-/tmp/crosscheck-bench}
mkdir -p "$BENCH_DIR" || die "cannot create BENCH_DIR $BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
if git -C "$BENCH_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    note "warning: $BENCH_DIR is inside a git work tree; crosscheck skips what its .gitignore files ignore"
fi

resolve_crosscheck_bin

RUN=$BENCH_DIR/rules-run
RESULTS=$BENCH_DIR/rules-results.md
mkdir -p "$RUN"

# measure ID LABEL -- COMMAND...: runs COMMAND $RUNS times (exit 0 or 1 is success: 1 means
# findings); prints "seconds kB" of the fastest run.
measure() {
    local id=$1 label=$2 best_s="" best_kb="" i rc start end secs kb
    shift 3
    for ((i = 1; i <= RUNS; i++)); do
        rc=0
        start=$(date +%s.%N)
        /usr/bin/time -v -o "$RUN/$id.time" "$@" > "$RUN/$id.out" 2> "$RUN/$id.stderr" || rc=$?
        end=$(date +%s.%N)
        if [[ $rc -gt 1 ]]; then
            note "'$label' failed with exit code $rc; the start of its error output:"
            head -c 600 "$RUN/$id.stderr" >&2 || true
            printf '\n' >&2
            die "step '$label' failed"
        fi
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$RUN/$id.time")
        note "  $label, run $i: $secs s, $kb kB"
        if [[ -z $best_s ]] || awk -v a="$secs" -v b="$best_s" 'BEGIN {exit !(a < b)}'; then
            best_s=$secs
            best_kb=$kb
        fi
    done
    printf '%s %s\n' "$best_s" "$best_kb"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
ROWS=()
for n in "${COUNTS[@]}"; do
    pack=$RUN/pack-$n
    docs=$RUN/docs-$n
    rm -rf -- "$pack" "$docs"
    python3 scripts/make_rules.py --rules "$n" --out "$pack" --docs "$docs" 2>/dev/null ||
        die "make_rules.py --rules $n failed"
    note "$n rules"
    read -r load_s load_kb < <(measure "load-$n" "rules ($n rules)" -- \
        "$BIN" rules --no-config --rules "$pack")
    grep -q "^$n rules\$" "$RUN/load-$n.out" || die "crosscheck rules did not list $n rules"
    read -r check_s check_kb < <(measure "check-$n" "check reports ($n rules)" -- \
        "$BIN" check --no-config --rules "$pack" "$docs")
    claims=$(grep -o '[0-9]* claims' "$RUN/check-$n.out" | head -n1 || true)
    read -r seeds_s seeds_kb < <(measure "seeds-$n" "check seeds ($n rules)" -- \
        "$BIN" check --no-config --rules "$pack" seeds)
    ROWS+=("| $n | $load_s | $((load_kb / 1024)) | $check_s | $((check_kb / 1024)) | ${claims:-?} | $seeds_s | $((seeds_kb / 1024)) |")
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

{
    printf '## Rule packs: load and check (%s, fastest of %s runs)\n\n' "$(date -u +%Y-%m-%d)" "$RUNS"
    printf 'crosscheck: `%s` (%s). Load average before %s, after %s; %s cores.\n\n' \
        "$BIN" "$("$BIN" --version 2>/dev/null || echo '?')" "$LOAD_BEFORE" "$LOAD_AFTER" "$(nproc 2>/dev/null || echo '?')"
    printf '| rules | load s | load peak MiB | check 2 reports s | peak MiB | claims | check seeds s | peak MiB |\n'
    printf '|---:|---:|---:|---:|---:|---|---:|---:|\n'
    printf '%s\n' "${ROWS[@]}"
} | tee "$RESULTS"
note "written to $RESULTS"
