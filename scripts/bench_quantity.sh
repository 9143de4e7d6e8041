#!/usr/bin/env bash
# Benchmark of the quantity reader alone: `crosscheck quantity -` over SIZE of the seeds'
# text repeated (figure-dense prose), on one core, with wall and user time and peak RSS from
# /usr/bin/time. Issue 22's targets: at least 50 MB/s, and peak RSS below 2 bytes per input
# byte plus a constant.
#
#   scripts/bench_quantity.sh [SIZE_MB]     default 50
#
# CROSSCHECK_BIN: a prebuilt binary to measure (default: cargo build --release --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-50}
die() { printf 'bench_quantity: error: %s\n' "$*" >&2; exit 2; }
note() { printf 'bench_quantity: %s\n' "$*" >&2; }
ROOT=$(pwd)
# shellcheck source=scripts/crosscheck-bin.sh
source scripts/crosscheck-bin.sh
resolve_crosscheck_bin
bin=$BIN
input=${TMPDIR:-/tmp}/crosscheck-quantity-$size_mb.txt
if [ ! -f "$input" ]; then
  python3 - "$size_mb" "$input" <<'PY'
import glob, sys
size = int(sys.argv[1]) * 1_000_000
text = "".join(open(f, encoding="utf-8").read() + "\n\n" for f in sorted(glob.glob("seeds/*")))
data = (text * (size // len(text.encode()) + 1)).encode()[:size]
# Cut at the last paragraph so no character is split.
data = data[: data.rfind(b"\n\n") + 2]
open(sys.argv[2], "wb").write(data)
PY
fi
bytes=$(wc -c <"$input")
for run in 1 2 3; do
  /usr/bin/time -f "%e %U %M" "$bin" quantity - <"$input" 2>&1 >/dev/null | tail -1 |
    awk -v b="$bytes" -v r="$run" '{ printf "run %d: %.2f s wall, %.2f s user, %.1f MB/s (user), peak RSS %d KB (%.2f bytes per input byte)\n", r, $1, $2, b / 1e6 / $2, $3, $3 * 1024 / b }'
done
