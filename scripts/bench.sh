#!/usr/bin/env bash
# Benchmark: crosscheck against ripgrep with the same patterns, on a generated corpus
# (docs/benchmark.md).
#
#   scripts/bench.sh [SIZE] [--threads N]        SIZE: 50M, 100M (default), 1G, ...
#
# Builds (or reuses) a corpus of SIZE with scripts/make_corpus.py, warms the page cache, then
# times, with wall time and peak RSS from /usr/bin/time -v:
#   rg -U -c -f PATTERNS        the rule pack's patterns (`crosscheck rules export-regex`)
#   rg, ASCII \b                the same patterns with ASCII word boundaries
#   rg -c, simple regex         one simple quantity regex, the whole corpus
#   crosscheck check            extract + compare + report (JSON) over the corpus
#   crosscheck extract          the claim file (--format jsonl)
#   crosscheck compare          about 1,000,000 claims (scripts/replicate_claims.py)
#   crosscheck check --cache    10,000 files, cold, then warm with one file changed
# and prints a table, also written as Markdown to $BENCH_DIR/results-SIZE.md.
#
# Environment:
#   BENCH_DIR           work folder (default /tmp/crosscheck-bench); keep it outside any git
#                       work tree (crosscheck honours .gitignore files)
#   CROSSCHECK_BIN      a prebuilt crosscheck to measure (default: cargo build --release --locked)
#   BENCH_RG_SAMPLE     rg runs on the corpus's first files up to this size when the corpus is
#                       larger (default 10M; 0 = always the whole corpus): rg is slow on these
#                       patterns, see docs/benchmark.md
#   BENCH_RG_TIMEOUT    seconds before an rg run is stopped and reported as a lower bound
#                       (default 1800)
#   BENCH_CLAIMS        claims for the compare step (default 1000000)
#   BENCH_CACHE_FILES   files in the cache subset (default 10000)
#   BENCH_SKIP_RG_ASCII=1  leave out the ASCII \b rg run
#   BENCH_SEED_SHARE    share of the corpus made of seed copies (make_corpus.py --seed-share;
#                       1.0: text every rule reads, the slow case)
set -euo pipefail

die() { printf 'bench: error: %s\n' "$*" >&2; exit 2; }
note() { printf 'bench: %s\n' "$*" >&2; }
usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
}

SIZE=100M
THREADS=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -j|--threads)
            [[ $# -ge 2 ]] || die "$1 needs a number"
            THREADS=$2; shift 2 ;;
        --threads=*) THREADS=${1#--threads=}; shift ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) SIZE=$1; shift ;;
    esac
done
[[ $SIZE =~ ^[0-9]+(\.[0-9]+)?[KMGTkmgt]?$ ]] || die "SIZE must look like 512K, 50M, 1G (got '$SIZE')"
if [[ -z $THREADS ]]; then THREADS=$(nproc 2>/dev/null || echo 1); fi
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer (got '$THREADS')"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -f Cargo.toml && -d rules && -f scripts/make_corpus.py ]] || die "$ROOT does not look like the crosscheck repository"

BENCH_DIR=${BENCH_DIR:-/tmp/crosscheck-bench}
mkdir -p "$BENCH_DIR" || die "cannot create BENCH_DIR $BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
RG_SAMPLE=${BENCH_RG_SAMPLE:-10M}
RG_TIMEOUT=${BENCH_RG_TIMEOUT:-1800}
CLAIMS=${BENCH_CLAIMS:-1000000}
CACHE_FILES=${BENCH_CACHE_FILES:-10000}
[[ $RG_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "BENCH_RG_TIMEOUT must be a positive number of seconds"
[[ $CLAIMS =~ ^[1-9][0-9]*$ ]] || die "BENCH_CLAIMS must be a positive integer"
[[ $CACHE_FILES =~ ^[1-9][0-9]*$ ]] || die "BENCH_CACHE_FILES must be a positive integer"
[[ $RG_SAMPLE == 0 || $RG_SAMPLE =~ ^[0-9]+(\.[0-9]+)?[KMGTkmgt]?$ ]] || die "BENCH_RG_SAMPLE must be a size like 20M, or 0"

# ---------------------------------------------------------------- tools
for tool in python3 find sort awk tar timeout date; do
    command -v "$tool" >/dev/null || die "$tool is required and not installed"
done
# shellcheck source=scripts/crosscheck-bin.sh
source "$ROOT/scripts/crosscheck-bin.sh"
require_gnu_time
if ! command -v rg >/dev/null; then
    note "ripgrep (rg) is missing; installing it"
    if command -v apt-get >/dev/null; then
        apt-get install -y ripgrep >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && apt-get install -y ripgrep >/dev/null 2>&1; } || true
    fi
    if ! command -v rg >/dev/null; then
        command -v cargo >/dev/null || die "cannot install ripgrep: no apt-get package and no cargo"
        cargo install ripgrep --locked || die "cargo install ripgrep failed"
        export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    fi
    command -v rg >/dev/null || die "ripgrep was installed but rg is not on PATH"
fi

resolve_crosscheck_bin
for sub in "rules export-regex" "compare" "extract"; do
    # shellcheck disable=SC2086
    "$BIN" $sub --help >/dev/null 2>&1 || die "$BIN has no '$sub' command; build a newer crosscheck"
done
[[ $("$BIN" extract --help 2>/dev/null) == *jsonl* ]] || die "$BIN extract has no --format jsonl"
[[ $("$BIN" check --help 2>/dev/null) == *--cache* ]] || die "$BIN check has no --cache"
[[ $("$BIN" check --help 2>/dev/null) == *--threads* ]] || die "$BIN check has no --threads"

if git -C "$BENCH_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    note "warning: $BENCH_DIR is inside a git work tree; crosscheck skips what its .gitignore files ignore, rg here does not (--no-ignore)"
fi

# ---------------------------------------------------------------- corpus
SEED_SHARE=${BENCH_SEED_SHARE:-}
[[ -z $SEED_SHARE || $SEED_SHARE =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || die "BENCH_SEED_SHARE must be between 0 and 1 (got '$SEED_SHARE')"
TAG=$SIZE${SEED_SHARE:+-seeds$SEED_SHARE}
CORPUS=$BENCH_DIR/corpus-$TAG
RUN=$BENCH_DIR/run-$TAG
RESULTS=$BENCH_DIR/results-$TAG.md
mkdir -p "$RUN"
if [[ -f $CORPUS.done && -d $CORPUS ]]; then
    note "reusing $CORPUS ($(cat "$CORPUS.done"))"
else
    rm -rf -- "$CORPUS" "$CORPUS.done"
    note "building the corpus in $CORPUS"
    python3 scripts/make_corpus.py --size "$SIZE" ${SEED_SHARE:+--seed-share "$SEED_SHARE"} --out "$CORPUS" > "$RUN/make_corpus.txt" ||
        die "make_corpus.py failed (see above)"
    cat "$RUN/make_corpus.txt" >&2
    sed 's/^make_corpus: //' "$RUN/make_corpus.txt" > "$CORPUS.done"
fi

# Sorted list of the corpus's files with their sizes: the subsets below take its first lines.
(cd "$CORPUS" && find . -type f -name '*.txt' -printf '%s\t%P\n' | LC_ALL=C sort -t$'\t' -k2) > "$RUN/files.tsv"
read -r FILES BYTES < <(awk -F'\t' '{n++; s+=$1} END {print n+0, s+0}' "$RUN/files.tsv")
[[ $FILES -gt 0 ]] || die "the corpus $CORPUS has no files"
SEED_COPIES=$(grep -c -- '-seed-' "$RUN/files.tsv" || true)

to_bytes() { python3 -c 'import sys,re; m=re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]?)",sys.argv[1].upper()); print(int(float(m[1])*{"":1,"K":1<<10,"M":1<<20,"G":1<<30,"T":1<<40}[m[2]]))' "$1"; }

# commas 1000000 -> 1,000,000
commas() { printf '%s' "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }

# copy_subset LIST DEST: copy the files named in LIST (relative to the corpus) into DEST.
copy_subset() {
    rm -rf -- "$2"
    mkdir -p "$2"
    tar -C "$CORPUS" -cf - -T "$1" | tar -C "$2" -xf -
}

# ---------------------------------------------------------------- measuring
RESULTS_TSV=$RUN/results.tsv
: > "$RESULTS_TSV"

# measure ID LABEL BYTES OUT OK_CODES TIMEOUT -- COMMAND...
# Runs COMMAND with stdout to OUT and stderr to $RUN/ID.stderr; exit codes in OK_CODES (e.g.
# "0 1") are success; TIMEOUT seconds (0: none). Appends a row to $RESULTS_TSV.
measure() {
    local id=$1 label=$2 bytes=$3 out=$4 ok=$5 limit=$6
    shift 7
    local tf=$RUN/$id.time rc=0 start end secs rss status=ok
    note "running: $label"
    start=$(date +%s.%N)
    if [[ $limit -gt 0 ]]; then
        timeout "$limit" /usr/bin/time -v -o "$tf" "$@" > "$out" 2> "$RUN/$id.stderr" || rc=$?
    else
        /usr/bin/time -v -o "$tf" "$@" > "$out" 2> "$RUN/$id.stderr" || rc=$?
    fi
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf" 2>/dev/null || true)
    if [[ $limit -gt 0 && $rc -eq 124 ]]; then
        status=timeout
        note "  stopped after $limit s (BENCH_RG_TIMEOUT): reported as a lower bound"
    elif [[ " $ok " != *" $rc "* ]]; then
        note "  '$label' failed with exit code $rc; the start of its error output ($RUN/$id.stderr):"
        head -c 600 "$RUN/$id.stderr" >&2 || true
        printf '\n' >&2
        die "step '$label' failed"
    fi
    note "  $secs s, peak RSS ${rss:-?} kB, exit $rc"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$label" "$secs" "$bytes" "${rss:-}" "$status" >> "$RESULTS_TSV"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
note "warming the page cache ($FILES files, $BYTES bytes)"
(cd "$CORPUS" && find . -type f -name '*.txt' -print0 | xargs -0 cat > /dev/null)

# ---- rg with the rule pack's patterns
PATS=$RUN/patterns.txt
"$BIN" rules export-regex --no-config --rules rules > "$PATS" || die "crosscheck rules export-regex failed"
NPATS=$(grep -c . "$PATS" || true)
[[ $NPATS -gt 0 ]] || die "crosscheck rules export-regex printed no pattern"
# The same patterns with ASCII word boundaries: rg's fast engines give up on Unicode \b in
# non-ASCII text (docs/benchmark.md).
PATS_ASCII=$RUN/patterns-ascii-b.txt
sed 's/\\b/(?-u:\\b)/g' "$PATS" > "$PATS_ASCII"

RG_DIR=$CORPUS
RG_BYTES=$BYTES
RG_FILES=$FILES
RG_SCOPE="the whole corpus"
if [[ $RG_SAMPLE != 0 ]]; then
    RG_SAMPLE_BYTES=$(to_bytes "$RG_SAMPLE")
    if [[ $BYTES -gt $RG_SAMPLE_BYTES ]]; then
        awk -F'\t' -v max="$RG_SAMPLE_BYTES" '{print $2; s+=$1; if (s >= max) exit}' "$RUN/files.tsv" > "$RUN/rg-sample.list"
        RG_DIR=$RUN/rg-sample
        copy_subset "$RUN/rg-sample.list" "$RG_DIR"
        read -r RG_FILES RG_BYTES < <(find "$RG_DIR" -type f -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')
        RG_SCOPE="a sample: the corpus's first $(commas "$RG_FILES") files, $(commas "$RG_BYTES") bytes (BENCH_RG_SAMPLE=$RG_SAMPLE)"
        (cd "$RG_DIR" && find . -type f -print0 | xargs -0 cat > /dev/null)
    fi
fi
note "rg runs on $RG_SCOPE"
RG_ON=""
[[ $RG_DIR == "$CORPUS" ]] || RG_ON="; $(awk -v b="$RG_BYTES" 'BEGIN {printf "%.3g", b / 1e6}') MB sample"
# rg refuses '\n' in a pattern unless in multiline mode (-U); crosscheck matches the patterns
# against whole documents, so -U is also the same semantics.
RG_ARGS=(-U -c --no-ignore --hidden -j "$THREADS")
: > "$RUN/empty.txt"
rc=0
rg "${RG_ARGS[@]}" -f "$PATS" "$RUN/empty.txt" >/dev/null 2>"$RUN/rg-check.stderr" || rc=$?
if [[ $rc -gt 1 ]]; then
    head -c 600 "$RUN/rg-check.stderr" >&2; printf '\n' >&2
    die "rg rejects the exported patterns ($PATS)"
fi
measure rg "rg -U -c -f patterns ($NPATS patterns$RG_ON)" "$RG_BYTES" /dev/null "0 1" "$RG_TIMEOUT" -- \
    rg "${RG_ARGS[@]}" -f "$PATS" "$RG_DIR"
if [[ ${BENCH_SKIP_RG_ASCII:-0} != 1 ]]; then
    measure rg-ascii "rg, the same with ASCII \\b${RG_ON:+ (sample)}" "$RG_BYTES" /dev/null "0 1" "$RG_TIMEOUT" -- \
        rg "${RG_ARGS[@]}" -f "$PATS_ASCII" "$RG_DIR"
fi

# ---- rg with one simple quantity regex, on the whole corpus: what a user might run instead
# of crosscheck to find the figures (the yardstick of the "× simple rg" column)
SIMPLE_QUANTITY='\b\d+(?:[.,]\d+)*\s*(?:%|percent|per cent|billion|million|trillion|bn)?'
measure rg-simple "rg -c, one simple quantity regex" "$BYTES" /dev/null "0 1" "$RG_TIMEOUT" -- \
    rg -c --no-ignore --hidden -j "$THREADS" "$SIMPLE_QUANTITY" "$CORPUS"

# ---- crosscheck over the corpus
CC=(--no-config --rules rules)
measure check "crosscheck check" "$BYTES" "$RUN/check.json" "0 1" 0 -- \
    "$BIN" check "${CC[@]}" --threads "$THREADS" --format json --no-progress "$CORPUS"
measure extract "crosscheck extract --format jsonl" "$BYTES" "$RUN/claims.jsonl" "0" 0 -- \
    "$BIN" extract "${CC[@]}" --threads "$THREADS" --format jsonl "$CORPUS"
EXTRACT_CLAIMS=$(grep -c '^{"claim"' "$RUN/claims.jsonl" || true)
EXTRACT_DOCS=$(grep -c '^{"document"' "$RUN/claims.jsonl" || true)

# ---- compare on about $CLAIMS claims
if [[ $EXTRACT_CLAIMS -gt 0 ]]; then
    note "making a claim file of about $CLAIMS claims (replicate_claims.py)"
    python3 scripts/replicate_claims.py "$RUN/claims.jsonl" --claims "$CLAIMS" > "$RUN/claims-big.jsonl" ||
        die "replicate_claims.py failed"
    BIG_CLAIMS=$(grep -c '^{"claim"' "$RUN/claims-big.jsonl" || true)
    BIG_DOCS=$(grep -c '^{"document"' "$RUN/claims-big.jsonl" || true)
    BIG_BYTES=$(wc -c < "$RUN/claims-big.jsonl")
    cat "$RUN/claims-big.jsonl" > /dev/null
    measure compare "crosscheck compare ($(commas "$BIG_CLAIMS") claims)" "" "$RUN/compare.json" "0 1" 0 -- \
        "$BIN" compare "${CC[@]}" --format json "$RUN/claims-big.jsonl"
else
    note "warning: extract found no claims (no seed copies?); compare is not measured"
    BIG_CLAIMS=0 BIG_DOCS=0 BIG_BYTES=0
fi

# ---- the cache: cold, then warm with one file changed
head -n "$CACHE_FILES" "$RUN/files.tsv" | cut -f2 > "$RUN/subset.list"
SUBSET=$RUN/subset
copy_subset "$RUN/subset.list" "$SUBSET"
read -r SUB_FILES SUB_BYTES < <(find "$SUBSET" -type f -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')
CACHE=$RUN/cache
rm -rf -- "$CACHE"
(cd "$SUBSET" && find . -type f -print0 | xargs -0 cat > /dev/null)
measure cache-cold "check --cache, cold ($(commas "$SUB_FILES") files)" "$SUB_BYTES" "$RUN/cache-cold.json" "0 1" 0 -- \
    "$BIN" check "${CC[@]}" --threads "$THREADS" --format json --no-progress --cache "$CACHE" "$SUBSET"
CHANGED=$(grep -m1 -- '-seed-' "$RUN/subset.list" || head -n1 "$RUN/subset.list")
printf '\nViet Nam now has diplomatic relations with 193 countries, the ministry said.\n' >> "$SUBSET/$CHANGED"
measure cache-warm "check --cache, warm (1 file changed)" "$SUB_BYTES" "$RUN/cache-warm.json" "0 1" 0 -- \
    "$BIN" check "${CC[@]}" --threads "$THREADS" --format json --no-progress --cache "$CACHE" "$SUBSET"

# ---------------------------------------------------------------- report
CPU=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
export BENCH_SIZE=$SIZE BENCH_THREADS=$THREADS BENCH_FILES=$FILES BENCH_BYTES=$BYTES
NPROC=$(nproc 2>/dev/null || echo '?')
CC_VERSION=$("$BIN" --version 2>/dev/null | sed -n 1p || true)
RG_VERSION=$(rg --version 2>/dev/null | sed -n 1p || true)
export BENCH_SEED_COPIES=$SEED_COPIES BENCH_NPROC=$NPROC
export BENCH_CPU=${CPU:-unknown} BENCH_MEM=${MEM:-unknown} BENCH_LOAD=$LOAD_BEFORE
export BENCH_CC_VERSION=$CC_VERSION BENCH_RG_VERSION=$RG_VERSION
export BENCH_RG_SCOPE=$RG_SCOPE BENCH_CORPUS=$CORPUS BENCH_BIN=$BIN
export BENCH_EXTRACT_CLAIMS=$EXTRACT_CLAIMS BENCH_EXTRACT_DOCS=$EXTRACT_DOCS
export BENCH_BIG_CLAIMS=$BIG_CLAIMS BENCH_BIG_DOCS=$BIG_DOCS BENCH_BIG_BYTES=$BIG_BYTES
export BENCH_SUB_FILES=$SUB_FILES BENCH_SUB_BYTES=$SUB_BYTES BENCH_RG_TIMEOUT=$RG_TIMEOUT
export BENCH_RUN=$RUN BENCH_RESULTS=$RESULTS BENCH_RESULTS_TSV=$RESULTS_TSV
python3 - <<'PY'
import json, os, time

e = os.environ
rows = []
with open(e["BENCH_RESULTS_TSV"], encoding="utf-8") as f:
    for line in f:
        id_, label, secs, nbytes, rss, status = line.rstrip("\n").split("\t")
        rows.append(dict(id=id_, label=label, secs=float(secs),
                         bytes=int(nbytes) if nbytes else None,
                         rss=int(rss) if rss else None, status=status))

def num(v):
    """A number with about three significant digits."""
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"

def mbps(r):
    return r["bytes"] / 1e6 / r["secs"] if r["bytes"] and r["secs"] > 0 else None

base = next((r for r in rows if r["id"] == "rg"), None)
base_speed = mbps(base) if base else None
simple = next((r for r in rows if r["id"] == "rg-simple"), None)
simple_speed = mbps(simple) if simple and simple["status"] != "timeout" else None
table = []
for r in rows:
    speed = mbps(r)
    timed_out = r["status"] == "timeout"
    secs = f"{r['secs']:.2f}" if not timed_out else f"> {r['secs']:.0f}"
    mb = "—" if speed is None else (num(speed) if not timed_out else f"< {num(speed)}")
    if r["id"] == "compare" and r["secs"] > 0:
        mb = f"{int(e['BENCH_BIG_CLAIMS']) / r['secs']:,.0f} claims/s"
    if speed is None or base_speed is None or r["id"] in ("rg", "cache-warm"):
        ratio = "1" if r["id"] == "rg" else "—"
    else:
        ratio = num(speed / base_speed)
        if base["status"] == "timeout" and timed_out:
            ratio = "?"  # two lower bounds on time
        elif base["status"] == "timeout" or timed_out:
            ratio = ("< " if timed_out else "> ") + ratio
    rss = "—" if r["rss"] is None else f"{r['rss'] / 1024:.0f}"
    if r["id"].startswith("rg") or r["id"] == "cache-warm" or speed is None or not simple_speed:
        ratio_simple = "1" if r["id"] == "rg-simple" else "—"
    else:
        ratio_simple = num(speed / simple_speed)
        if timed_out:
            ratio_simple = "< " + ratio_simple
    table.append([r["label"], secs, mb, ratio, ratio_simple, rss])

head = ["step", "seconds", "MB/s", "× rg speed", "× simple rg", "peak RSS MB"]

def fmt_bytes(n):
    n = int(n)
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.1f} MiB"

info = [
    ("date", time.strftime("%Y-%m-%d %H:%M %Z")),
    ("machine", f"{e['BENCH_NPROC']} cores ({e['BENCH_CPU']}), {e['BENCH_MEM']} memory"),
    ("threads", e["BENCH_THREADS"]),
    ("load average", f"{e['BENCH_LOAD']} (1, 5, 15 min) before the run; other work on the "
                     "machine slows every step"),
    ("crosscheck", f"{e['BENCH_CC_VERSION']} ({e['BENCH_BIN']})"),
    ("ripgrep", e["BENCH_RG_VERSION"]),
    ("corpus", f"{e['BENCH_CORPUS']}: {int(e['BENCH_FILES']):,} files, "
               f"{int(e['BENCH_BYTES']):,} bytes ({fmt_bytes(e['BENCH_BYTES'])}), "
               f"{int(e['BENCH_SEED_COPIES']):,} seed copies"),
    ("rg ran on", e["BENCH_RG_SCOPE"]),
    ("extract", f"{int(e['BENCH_EXTRACT_CLAIMS']):,} claims in {int(e['BENCH_EXTRACT_DOCS']):,} documents"),
    ("compare input", f"{int(e['BENCH_BIG_CLAIMS']):,} claims in {int(e['BENCH_BIG_DOCS']):,} documents, "
                      f"{int(e['BENCH_BIG_BYTES']):,} bytes"),
    ("cache subset", f"{int(e['BENCH_SUB_FILES']):,} files, {int(e['BENCH_SUB_BYTES']):,} bytes"),
]
try:
    with open(os.path.join(e["BENCH_RUN"], "check.json"), encoding="utf-8") as f:
        s = json.load(f).get("summary", {})
    info.append(("check found", ", ".join(f"{v:,} {k}" for k, v in s.items())))
except (OSError, ValueError, AttributeError):
    pass

notes = [
    "MB/s is bytes read / 10^6 / wall seconds (the cache rows: bytes of the subset).",
    "× rg speed is the step's MB/s divided by rg's (above 1: faster than rg).",
    "× simple rg is the step's MB/s divided by that of rg -c with one simple quantity regex "
    "on the whole corpus (issue 22's target for check: at least 0.5).",
    "rg runs with -U (multiline, as crosscheck reads whole documents); the ASCII \\b row "
    "rewrites \\b as (?-u:\\b), see docs/benchmark.md.",
]
if any(r["status"] == "timeout" for r in rows):
    notes.append(f"A '>' time was stopped after BENCH_RG_TIMEOUT={e['BENCH_RG_TIMEOUT']} s.")

widths = [max(len(str(x[i])) for x in [head] + table) for i in range(len(head))]
def line(cells):
    return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                     for i, (c, w) in enumerate(zip(cells, widths)))
print()
for k, v in info:
    print(f"{k + ':':15} {v}")
print()
print(line(head))
print(line(["-" * w for w in widths]))
for t in table:
    print(line(t))
print()
for n in notes:
    print(n)

md = [f"# crosscheck benchmark, {e['BENCH_SIZE']}", ""]
md += [f"- {k}: {v}" for k, v in info]
md += ["", "| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
md += ["| " + " | ".join(str(c).replace("|", "\\|") for c in t) + " |" for t in table]
md += [""] + notes
with open(e["BENCH_RESULTS"], "w", encoding="utf-8") as f:
    f.write("\n".join(md) + "\n")
print(f"\nwritten: {e['BENCH_RESULTS']} (outputs and timings in {e['BENCH_RUN']})")
PY
