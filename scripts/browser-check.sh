#!/usr/bin/env bash
# Opens the seeds' HTML report in headless Chromium: checks the page as the browser built it
# (after its script ran) and takes screenshots.
#
#   scripts/browser-check.sh [OUT_DIR]     (default: target/browser-check)
#
# Chromium is Debian's `chromium` package; it is installed when missing and the machine allows
# it (root or password-less sudo, apt reachable). Where it cannot be, the check is skipped with
# a message and exit status 0. Exit status 1: the page is not what it should be.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/browser-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)

find_browser() {
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
  done
  return 1
}

if ! browser=$(find_browser); then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
  fi
  if { [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "browser-check: installing Debian's chromium package" >&2
    if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$out/apt.log" 2>&1; then
      echo "browser-check: SKIPPED: chromium could not be installed (see $out/apt.log)" >&2
      exit 0
    fi
  fi
  if ! browser=$(find_browser); then
    echo "browser-check: SKIPPED: no chromium, and no way to install it here (needs root or sudo and apt-get)" >&2
    exit 0
  fi
fi

cargo build --quiet
status=0
target/debug/crosscheck check seeds/ --format html -o "$out/report.html" || status=$?
if [ "$status" != 1 ]; then
  echo "browser-check: crosscheck exited $status on the seeds (1 expected: their typo)" >&2
  exit 1
fi

# Flags as this machine needs them: no sandbox as root, no background network (refused here).
run() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --user-data-dir="$out/profile" --hide-scrollbars "$@" 2>>"$out/chromium.log"
}

fail() { echo "browser-check: FAILED: $*" >&2; exit 1; }

# The page as the browser built it, filtered by the script to one rule through the URL.
run --dump-dom "file://$out/report.html?rule=year-under-review" >"$out/dom.html"
grep -q '<span id="rule-filter">' "$out/dom.html" || fail "the script did not show the rule filter"
# (Counted with `|| true` inside: a grep that matches nothing must give 0, not end the script.)
count() { { grep -o "$1" "$out/dom.html" || true; } | { grep -v "${2:-^$}" || true; } | wc -l; }
items=$(count 'class="[a-z]* item sev-[a-z]*"[^>]*data-rule="[^"]*"[^>]*>')
shown=$(count 'class="[a-z]* item sev-[a-z]*"[^>]*data-rule="year-under-review"[^>]*>' ' hidden')
hidden=$(count 'class="[a-z]* item sev-[a-z]*"[^>]*data-rule="[^"]*"[^>]*hidden[^>]*>')
[ "$shown" -ge 2 ] || fail "the year-under-review finding and group are not shown ($shown)"
[ $((shown + hidden)) -eq "$items" ] || fail "the rule filter left other rules shown ($shown shown, $hidden hidden, $items items)"
grep -q '<svg class="line"' "$out/dom.html" || fail "no number line"

# Screenshots: the top of the page, and one rule's finding and number line.
run --window-size=1280,1500 --screenshot="$out/report.png" "file://$out/report.html" >/dev/null
run --window-size=1280,1700 --screenshot="$out/report-typo.png" "file://$out/report.html?rule=year-under-review" >/dev/null
for png in report.png report-typo.png; do
  size=$(wc -c <"$out/$png")
  [ "$size" -gt 20000 ] || fail "$png is only $size bytes"
done
echo "browser-check: ok: $items items, the rule filter shows $shown and hides $hidden; screenshots in $out" >&2
