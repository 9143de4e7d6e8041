#!/usr/bin/env bash
# Deterministic cost of a `crosscheck check` run, for comparing two builds on a shared machine
# whose wall and CPU times vary by a third from run to run: callgrind counts the instructions
# and simulates the caches (a 32 KiB L1 and, as the last level, a 512 KiB L2 like the
# development machine's), and the estimate weighs them as
#
#   cycles ~ instructions + 12 x (L1 misses) + 40 x (L2 misses)
#
# The lazy DFAs of rule patterns read a transition table at every byte, so cache misses, not
# instructions, decide much of a run's time: a change that adds instructions can still be faster,
# and this estimate tells (docs/performance.md, "Tenth pass"). Runs `-j 1`; a 14 MB corpus takes
# about 90 s under valgrind.
#
#   scripts/bench_cost.sh CORPUS [TAG]
#
# CROSSCHECK_BIN: a prebuilt binary to measure (default: cargo build --release --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf 'bench_cost: error: %s\n' "$*" >&2; exit 2; }
note() { printf 'bench_cost: %s\n' "$*" >&2; }
[ $# -ge 1 ] || die "usage: scripts/bench_cost.sh CORPUS [TAG]"
corpus=$1
tag=${2:-run}
[ -e "$corpus" ] || die "$corpus: no such file or folder"
command -v valgrind >/dev/null || { note "valgrind is not installed; nothing measured"; exit 0; }
ROOT=$(pwd)
# shellcheck source=scripts/crosscheck-bin.sh
source scripts/crosscheck-bin.sh
resolve_crosscheck_bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
valgrind --tool=callgrind --cache-sim=yes --I1=32768,8,64 --D1=32768,8,64 --LL=524288,8,64 \
    --callgrind-out-file="$work/callgrind.out" \
    "$BIN" check "$corpus" --format json -o "$work/report.json" --fail-on never -j 1 \
    >"$work/log" 2>&1 || die "valgrind failed: $(tail -n 5 "$work/log")"
field() { grep "$1" "$work/log" | awk '{print $4}' | tr -d ,; }
ir=$(grep "I   refs" "$work/log" | awk '{print $NF}' | tr -d ,)
i1=$(field "I1  misses")
d1=$(field "D1  misses")
ll=$(field "LL misses")
printf '%s instructions=%s l1_misses=%s l2_misses=%s estimated_cycles=%s\n' \
    "$tag" "$ir" "$((i1 + d1))" "$ll" "$((ir + 12 * (i1 + d1) + 40 * ll))"
