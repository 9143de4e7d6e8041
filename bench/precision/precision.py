#!/usr/bin/env python3
"""Precision and recall of crosscheck's claim findings on real copy nobody here wrote.

Runs crosscheck with the user-written rule packs in bench/precision/rules/ over
  - every cluster folder of ../shared/corpus/ecbplus (one run per folder: the articles of one
    event by different outlets), with rules/news;
  - every section folder of ../shared/corpus/bbc (one run per section), with rules/bbc;
then judges each finding of those rules and prints:
  - precision of error-level findings (judged real / judged),
  - precision of all findings,
  - recall of the real disagreements.

Two yardsticks, both committed:
  - tags.tsv (primary): every claim the rule packs find, tagged by reading with the real-world
    quantity it states (`entity`, e.g. `qeshm-quake-2005/killed`) and how (`reading`: whole,
    part, increment, generic, misread, notclaim). A finding is real when its claim and the
    claims it is compared with are whole statements of the same entity. The real
    disagreements are the entities with two whole statements whose intervals (as first read,
    columns lo/hi) are disjoint; one is found when a conflict, typo or update finding lists two
    claims of the entity.
  - labels.tsv and known.tsv (fallback, the first judging round): verdicts of findings by
    their first place and kind, and disagreements found by reading, for claims tags.tsv lacks.

Findings that no label covers are listed as unjudged (--unjudged FILE writes them as label rows
with an empty verdict, ready to judge). Exit status 0; 2 when the corpus or binary is missing.

Usage: bench/precision/precision.py [--bin target/release/crosscheck] [--shared ../shared]
                                    [--unjudged FILE] [--only ecbplus|bbc] [--show real|false]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIELDS = ["corpus", "run", "file", "line", "rule", "figure", "kind", "verdict", "cause", "note"]


def runs(shared, only):
    out = []
    ecb = os.path.join(shared, "corpus", "ecbplus")
    bbc = os.path.join(shared, "corpus", "bbc")
    if only in (None, "ecbplus") and os.path.isdir(ecb):
        for d in sorted(os.listdir(ecb)):
            if os.path.isdir(os.path.join(ecb, d)):
                out.append(("ecbplus", d, os.path.join(ecb, d), os.path.join(HERE, "rules", "news")))
    if only in (None, "bbc") and os.path.isdir(bbc):
        for d in sorted(os.listdir(bbc)):
            if os.path.isdir(os.path.join(bbc, d)):
                out.append(("bbc", d, os.path.join(bbc, d), os.path.join(HERE, "rules", "bbc")))
    return out


def rule_ids(binary, pack):
    res = subprocess.run([binary, "rules", "list", "--no-config", "--rules", pack],
                         capture_output=True, text=True)
    ids = set()
    for line in res.stdout.splitlines():
        parts = line.split()
        if parts:
            ids.add(parts[0])
    return ids


def check(binary, corpus, run, folder, pack):
    cmd = [binary, "check", folder, "--no-config", "--rules", pack, "--format", "json",
           "--fail-on", "never", "--threads", "1"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {res.returncode}\n{res.stderr}")
    return corpus, run, folder, pack, json.loads(res.stdout)


def key_of(corpus, run, folder, f):
    loc = f["locations"][0]
    path = os.path.relpath(loc["path"], folder)
    return (corpus, run, path, str(loc["line"]), f["rule"], loc["text"])


def places(folder, f):
    return {(os.path.relpath(l["path"], folder), str(l["line"])) for l in f["locations"]}


def read_tags(path):
    """(corpus, run, file, line, rule) -> [tag rows]."""
    tags = {}
    for r in read_tsv(path):
        tags.setdefault((r["corpus"], r["run"], r["file"], r["line"], r["rule"]), []).append(r)
    return tags


def tag_of(tags, corpus, run, folder, rule, loc):
    """The tag of a finding's place: same file, line and rule, the same figure text when the
    line has several."""
    rows = tags.get((corpus, run, os.path.relpath(loc["path"], folder), str(loc["line"]), rule))
    if not rows:
        return None
    same = [r for r in rows if r["figure"] == loc["text"]]
    if same:
        return same[0]
    near = [r for r in rows if r["figure"] in loc["text"] or loc["text"] in r["figure"]]
    if len(near) == 1:
        return near[0]
    return rows[0] if len(rows) == 1 else None


def verdict_by_tags(tags, corpus, run, folder, f):
    """(real, cause) from the claim tags, or None when a place is untagged."""
    locs = f["locations"]
    own = tag_of(tags, corpus, run, folder, f["rule"], locs[0])
    others = [tag_of(tags, corpus, run, folder, f["rule"], l) for l in locs[1:]]
    if own is None or not others or any(o is None for o in others):
        return None
    if own["reading"] != "whole":
        return False, own["reading"]
    whole = [o["entity"] for o in others if o["reading"] == "whole"]
    if not whole:
        return False, "counterpart-" + others[0]["reading"]
    # The entity most of the compared claims state; on a tie, the outlier's own if it is one
    # of them (the finding then lists a claim of its entity), else the first by name.
    best = max(whole.count(e) for e in whole)
    tied = sorted(e for e in set(whole) if whole.count(e) == best)
    entity = own["entity"] if own["entity"] in tied else tied[0]
    if entity == own["entity"]:
        return True, ""
    return False, "entity"


def disagreements(tags):
    """Entities with two whole statements whose intervals are disjoint: (corpus, run, rule,
    entity) -> note."""
    by = {}
    for rows in tags.values():
        for r in rows:
            if r["reading"] == "whole" and r["entity"] not in ("", "-"):
                by.setdefault((r["corpus"], r["run"], r["rule"], r["entity"]), []).append(r)
    out = {}
    for k, rows in by.items():
        def end(v, inf):
            return inf if v in ("None", "") else float(v)
        ivs = [(end(r["lo"], float("-inf")), end(r["hi"], float("inf")), r) for r in rows]
        for i, (alo, ahi, a) in enumerate(ivs):
            for blo, bhi, b in ivs[i + 1:]:
                # Amounts in two currencies are not compared (no exchange rates).
                if a.get("currency", "") != b.get("currency", ""):
                    continue
                if ahi < blo or bhi < alo:
                    out.setdefault(k, f"{a['file']}:{a['line']} {a['figure']} vs "
                                      f"{b['file']}:{b['line']} {b['figure']}")
    return out


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "crosscheck"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--unjudged")
    ap.add_argument("--only", choices=["ecbplus", "bbc"])
    ap.add_argument("--show", choices=["real", "false", "all"])
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"no binary at {args.bin}: cargo build --release first")
    todo = runs(args.shared, args.only)
    if not todo:
        print(f"no corpus under {args.shared}/corpus: nothing measured")
        return 2

    labels = {}
    for r in read_tsv(os.path.join(HERE, "labels.tsv")):
        labels[(r["corpus"], r["run"], r["file"], r["line"], r["rule"], r["figure"], r["kind"])] = r
    known = read_tsv(os.path.join(HERE, "known.tsv"))
    tags = read_tags(os.path.join(HERE, "tags.tsv"))
    units = disagreements(tags)
    tagged_runs = {(k[0], k[1]) for k in tags}

    ids = {pack: rule_ids(args.bin, pack) for pack in {t[3] for t in todo}}
    with ThreadPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(lambda t: check(args.bin, *t), todo))

    stats = {"error": [0, 0], "all": [0, 0]}
    by_cause = {}
    unjudged = []
    found_places = []  # (corpus, run, rule, set of places)
    shown = []
    for corpus, run, folder, pack, report in results:
        for f in report["findings"]:
            if f["rule"] not in ids[pack]:
                continue  # editorial checks are not judged here
            found_places.append((corpus, run, f["rule"], places(folder, f)))
            k = key_of(corpus, run, folder, f)
            by_tags = verdict_by_tags(tags, corpus, run, folder, f)
            lab = labels.get(k + (f["kind"],))
            if by_tags is not None:
                real, cause = by_tags
                lab = {"verdict": "real" if real else "false", "cause": cause}
            elif lab is None or lab["verdict"] not in ("real", "false"):
                unjudged.append(dict(zip(FIELDS[:6], k), kind=f["kind"], verdict="", cause="",
                                     note=f"{f['severity']}: {f['message']}"))
                continue
            real = lab["verdict"] == "real"
            for bucket in (["error", "all"] if f["severity"] == "error" else ["all"]):
                stats[bucket][0] += real
                stats[bucket][1] += 1
            if not real:
                by_cause[lab["cause"] or "?"] = by_cause.get(lab["cause"] or "?", 0) + 1
            if args.show in (lab["verdict"], "all"):
                shown.append(f"{lab['verdict']:5} {f['severity']:7} {corpus}/{run}/{k[2]}:{k[3]} "
                             f"{f['rule']}: {f['message']}")

    # Recall: by the tags where a run is tagged, else by known.tsv.
    hits = 0
    missed = []
    found_entities = set()
    for corpus, run, folder, pack, report in results:
        for f in report["findings"]:
            if f["kind"] not in ("conflict", "typo", "updated"):
                continue
            ts = [tag_of(tags, corpus, run, folder, f["rule"], l) for l in f["locations"]]
            ents = [t["entity"] for t in ts if t is not None and t["reading"] == "whole"]
            for e in set(ents):
                if ents.count(e) >= 2:
                    found_entities.add((corpus, run, f["rule"], e))
    for k, note in sorted(units.items()):
        if k in found_entities:
            hits += 1
        else:
            missed.append(f"{k[0]}/{k[1]} {k[2]} {k[3]}: {note}")
    known = [r for r in known if (r["corpus"], r["run"]) not in tagged_runs]
    for r in known:
        a = (r["file_a"], r["line_a"])
        b = (r["file_b"], r["line_b"])
        ok = any(c == r["corpus"] and rn == r["run"] and rule == r["rule"] and a in ps and b in ps
                 for c, rn, rule, ps in found_places)
        hits += ok
        if not ok:
            missed.append(f"{r['corpus']}/{r['run']} {r['rule']} {r['file_a']}:{r['line_a']} vs "
                          f"{r['file_b']}:{r['line_b']} ({r['note']})")

    def pct(a, b):
        return f"{a}/{b} = {100.0 * a / b:.1f}%" if b else "0/0"

    for line in shown:
        print(line)
    print(f"runs: {len(results)}  judged findings: {stats['all'][1]}  unjudged: {len(unjudged)}")
    print(f"precision of errors:       {pct(*stats['error'])}")
    print(f"precision of all findings: {pct(*stats['all'])}")
    print(f"recall of real disagreements: {pct(hits, len(known) + len(units))}")
    if by_cause:
        print("false findings by cause: " +
              ", ".join(f"{c} {n}" for c, n in sorted(by_cause.items(), key=lambda x: -x[1])))
    for m in missed:
        print(f"missed: {m}")
    if args.unjudged:
        with open(args.unjudged, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n")
            w.writeheader()
            w.writerows(unjudged)
        print(f"{len(unjudged)} unjudged findings written to {args.unjudged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
