#!/usr/bin/env python3
"""Make a large claim file from a real one by repeating its documents (docs/benchmark.md).

    python3 scripts/replicate_claims.py IN.jsonl --claims 1000000 > OUT.jsonl

IN.jsonl is a claim file written by `crosscheck extract --format jsonl`: a header line, then
for every document a `{"document":{...}}` line followed by its `{"claim":{...}}` lines. The
output has the header once, then the input's documents repeated: repetition k (0, 1, 2, ...)
puts every document under `rep{k:05}/<original path>` with a new 32-hex content hash derived
from (original hash, k), the same in the document line and in its claims' `doc_hash`. Nothing
else is changed: every other field, known or not, is copied through. Whole repetitions are
written while they fit, then the documents of a last, partial one until the claim count
reaches --claims, so the output has about --claims claims (never fewer, at most one
document's claims more). Documents without claims are repeated too (as in a real archive);
--skip-empty leaves them out.

The input is read once to count and once more to turn every document into a template (kept in
memory up to 256 MiB of input, read again for every repetition above that); the output is
streamed, so memory stays small whatever the sizes. Python standard library only. Exit status: 0 done,
2 usage or input error.
"""

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile

HASH_FIELDS = ("hash", "doc_hash")


def fail(msg):
    print(f"replicate_claims: {msg}", file=sys.stderr)
    sys.exit(2)


def kind_of(obj):
    """'document', 'claim', another single key, or None for anything else."""
    if isinstance(obj, dict) and len(obj) == 1:
        (key, value), = obj.items()
        if isinstance(value, dict):
            return key
    return None


def count(path, name):
    """(documents, claims, documents with at least one claim, header line)."""
    docs = claims = with_claims = 0
    current_has_claim = False
    with open(path, "r", encoding="utf-8") as f:
        header = f.readline()
        try:
            h = json.loads(header)
        except json.JSONDecodeError as e:
            fail(f"{name}: line 1 is not JSON ({e}); expected a claim file from "
                 "`crosscheck extract --format jsonl`")
        if not isinstance(h, dict) or "crosscheck_claims" not in h:
            fail(f"{name}: line 1 is not a claim file header "
                 '({"crosscheck_claims":1,...}); expected `crosscheck extract --format jsonl` output')
        for n, line in enumerate(f, start=2):
            # Cheap prefix tests first; the JSON is checked when it is rewritten.
            s = line.lstrip()
            if s.startswith('{"document"'):
                docs += 1
                current_has_claim = False
            elif s.startswith('{"claim"'):
                claims += 1
                if not current_has_claim:
                    with_claims += 1
                    current_has_claim = True
            elif s.strip():
                try:
                    kind = kind_of(json.loads(s))
                except json.JSONDecodeError as e:
                    fail(f"{name}:{n}: not JSON ({e})")
                if kind == "document":
                    docs += 1
                    current_has_claim = False
                elif kind == "claim":
                    claims += 1
                    if not current_has_claim:
                        with_claims += 1
                        current_has_claim = True
    return docs, claims, with_claims, header


def new_hash(original, k):
    """A new 32-hex hash for repetition k of the document whose hash is original."""
    return hashlib.md5(f"{original}\0rep{k}".encode("utf-8")).hexdigest()


# Every line is parsed once and written back with placeholders for the path prefix and the
# hashes; a repetition then only replaces the placeholders in the text. A placeholder is a
# string holding the control character U+0001, which JSON writes as \u0001; an input line
# that already holds that text is refused rather than risk a wrong replacement.
MARK = "\x01"
MARK_JSON = "\\u0001"
PATH_MARK = MARK + "P" + MARK
PATH_MARK_JSON = MARK_JSON + "P" + MARK_JSON


def document_blocks(path, name):
    """Yield (template, hashes, documents, claims) per document: the JSON text of its document
    line and claim lines, with placeholders where the path prefix and the hashes go."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(path, "r", encoding="utf-8") as f:
        f.readline()  # header
        lines, hashes, docs, claims = [], {}, 0, 0
        for n, line in enumerate(f, start=2):
            if not line.strip():
                continue
            if MARK_JSON in line:
                fail(f"{name}:{n}: holds the text {MARK_JSON!r}, which this script uses as a "
                     "placeholder; cannot replicate it")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"{name}:{n}: not JSON ({e})")
            kind = kind_of(obj)
            if kind == "document" and lines:
                yield "".join(lines), list(hashes), docs, claims
                lines, hashes, docs, claims = [], {}, 0, 0
            if kind is not None:
                inner = obj[kind]
                p = inner.get("path")
                if isinstance(p, str):
                    inner["path"] = PATH_MARK + p
                for field in HASH_FIELDS:
                    h = inner.get(field)
                    if isinstance(h, str):
                        i = hashes.setdefault(h, len(hashes))
                        inner[field] = f"{MARK}H{i}{MARK}"
                if kind == "document":
                    docs += 1
                elif kind == "claim":
                    claims += 1
            lines.append(dumps(obj) + "\n")
        if lines:
            yield "".join(lines), list(hashes), docs, claims


# Inputs up to this size are parsed once and kept in memory; larger ones are parsed again for
# every repetition.
CACHE_BYTES = 256 << 20


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Repeat the documents of a claim file (crosscheck extract --format jsonl) "
                    "under new paths and hashes until it has about --claims claims.")
    ap.add_argument("input", help="claim file (`-` reads standard input)")
    ap.add_argument("--claims", type=int, required=True, help="claims wanted (about)")
    ap.add_argument("--skip-empty", action="store_true",
                    help="leave out documents that have no claims")
    args = ap.parse_args(argv)
    if args.claims < 1:
        fail("--claims must be at least 1")

    tmp = None
    path = args.input
    if path == "-":
        # Read twice: spool standard input to a temporary file first.
        fd, tmp = tempfile.mkstemp(prefix="replicate_claims-", suffix=".jsonl")
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        path = tmp
    elif not os.path.isfile(path):
        fail(f"{path}: no such file")
    try:
        return run(path, "standard input" if tmp else path, args)
    finally:
        if tmp:
            os.unlink(tmp)


def run(path, name, args):
    docs, claims, with_claims, header = count(path, name)
    if claims == 0:
        fail(f"{name}: the claim file has no claims ({docs} documents); nothing to repeat")

    out = open(sys.stdout.fileno(), "w", encoding="utf-8", buffering=1 << 20, closefd=False)
    out.write(header if header.endswith("\n") else header + "\n")
    if os.path.getsize(path) <= CACHE_BYTES:
        cached = list(document_blocks(path, name))
        blocks = lambda: cached  # noqa: E731
    else:
        blocks = lambda: document_blocks(path, name)  # noqa: E731
    written_claims = written_docs = 0
    reps = 0
    k = 0
    while written_claims < args.claims:
        prefix = f"rep{k:05d}/"
        for template, hashes, docs_in_block, n in blocks():
            if args.skip_empty and n == 0:
                continue
            text = template.replace(PATH_MARK_JSON, prefix)
            for i, h in enumerate(hashes):
                text = text.replace(f"{MARK_JSON}H{i}{MARK_JSON}", new_hash(h, k))
            out.write(text)
            written_docs += docs_in_block
            written_claims += n
            if written_claims >= args.claims:
                break
        k += 1
        reps = k
    out.flush()
    print(f"replicate_claims: {written_claims} claims in {written_docs} documents "
          f"({reps} repetitions, the last one partial if needed) from {claims} claims "
          f"in {docs} documents ({with_claims} with claims)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.exit(1)
