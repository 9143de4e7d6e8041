#!/usr/bin/env bash
# Times `crosscheck check` on documents that are one single line of 10, 25 and 50 MB (the seed
# articles joined with their line breaks turned to spaces, repeated), to show the time grows
# linearly with the size: the MB/s column should stay flat.
#
#   scripts/bench_oneline.sh [SIZES_MB...]      (default: 10 25 50)
#
# CROSSCHECK_BIN names the binary (default: target/release/crosscheck, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CROSSCHECK_BIN:-target/release/crosscheck}
[ -x "$BIN" ] || cargo build --release --quiet
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10 25 50)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
printf '%-8s %10s %8s %10s %10s\n' size bytes seconds MB/s peak_MB
for mb in "${SIZES[@]}"; do
  f="$DIR/oneline-$mb.txt"
  python3 - "$f" "$mb" <<'PY'
import pathlib, sys
seeds = sorted(pathlib.Path("seeds").glob("*.txt"))
text = " ".join(p.read_text(encoding="utf-8").replace("\r", " ").replace("\n", " ") for p in seeds) + " "
size = int(sys.argv[2]) << 20
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(text * (size // len(text.encode("utf-8")) + 1))
PY
  bytes=$(stat -c %s "$f")
  # /usr/bin/time -v gives the peak RSS; fall back to bash's timer without it.
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M" -o "$DIR/t" "$BIN" check "$f" --no-config --rules rules --format json >/dev/null || true
    read -r secs kb < <(tail -n 1 "$DIR/t")
  else
    start=$(date +%s.%N); "$BIN" check "$f" --no-config --rules rules --format json >/dev/null || true
    secs=$(echo "$(date +%s.%N) - $start" | bc); kb=0
  fi
  printf '%-8s %10s %8s %10.1f %10.0f\n' "${mb}MB" "$bytes" "$secs" \
    "$(echo "$bytes / 1048576 / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
done
