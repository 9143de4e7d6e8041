#!/usr/bin/env sh
# Measures the quantity model against Microsoft Recognizers-Text's English specs
# (tests/data/recognizers-text, copied from ../shared/conformance/) and prints the per-family report: cases in scope,
# agreed, rate, threshold, excluded families with their cases, and the first disagreements.
# CONFORMANCE_SHOW=N lists the first N disagreements per family instead of 15.
# One test thread keeps the families in order; the report goes to stderr.
set -eu
cd "$(dirname "$0")/.."
exec cargo test --test conformance -- --nocapture --test-threads=1 "$@"
