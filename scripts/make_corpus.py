#!/usr/bin/env python3
"""Build a benchmark corpus of a given size for crosscheck (docs/benchmark.md).

    python3 scripts/make_corpus.py --size 1G --out DIR [--source ../shared/corpus/bbc]
        [--seeds seeds] [--seed-share 0.1] [--files-per-dir 1000] [--rng 42]

The corpus is made of varied copies of real articles: the BBC news articles under --source
(2,225 plain-text files) and, for a share of the files (--seed-share), the Vietnam diplomacy
articles in --seeds, which are the documents the bundled rule pack finds claims in. In every
copy some figures are changed (the last significant digit moved by one, or the number scaled
by a small factor, keeping its formatting), so that the copies do not all agree: BBC copies
often (--vary), seed copies rarely (--seed-vary), so most seed copies agree and a few
disagree, as in a real archive. The same --rng gives the same corpus, byte for byte.

Files are written as DIR/00000/0000000-bbc-business-001.txt,
DIR/00000/0000001-seed-vov-expanded-diplomacy-2023.txt, ... with at most --files-per-dir files
per folder, in UTF-8. Writing stops with the file that makes the total reach --size.

Python standard library only. Exit status: 0 done, 2 usage or input error.
"""

import argparse
import math
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "corpus" / "bbc"
DEFAULT_SEEDS = REPO / "seeds"

# A figure: digits, optional thousands separators (never trailing: "2023," is "2023" and ","),
# optional decimals.
NUMBER = re.compile(r"(\d(?:[\d,]*\d)?(?:\.\d+)?)")
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
PLAIN = re.compile(r"\d+(?:\.\d+)?")
# A leading `date YYYY-MM-DD` (metadata that crosscheck reads; never varied).
DATE_PREFIX = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}")
WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
# An ordinal suffix right after a figure ("13th"): kept in step when the figure changes.
ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
SCALES = (0.5, 0.8, 0.9, 0.95, 1.05, 1.1, 1.2, 1.25, 1.5, 2.0)

UNITS = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text):
    """'100M', '1G', '512K', '1.5G', '1GiB', '1000' (bytes) -> bytes (binary units)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", text, re.IGNORECASE)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 512K, 100M, 1G)")
    n = int(float(m.group(1)) * UNITS[m.group(2).upper()])
    if n <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return n


def share(text):
    v = float(text)
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text!r}")
    return v


def decode(data, path, warn):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        warn.append(str(path))
        return data.decode("latin-1")


def bump_digit(tok):
    """Change the last significant (non-zero) digit by one: 14.8 -> 14.9, 2,000 -> 3,000."""
    chars = list(tok)
    idx = None
    for i in range(len(chars) - 1, -1, -1):
        if chars[i].isdigit() and chars[i] != "0":
            idx = i
            break
    if idx is None:  # all zeros: "0", "0.00"
        idx = max(i for i, c in enumerate(chars) if c.isdigit())
        chars[idx] = "1"
        return "".join(chars)
    d = ord(chars[idx]) - 48
    chars[idx] = chr(48 + (d + 1 if d < 9 else d - 1))
    return "".join(chars)


def scale(tok, factor):
    """tok scaled by factor with the same decimals and separators, or None if it can't be."""
    if THOUSANDS.fullmatch(tok):
        commas = True
    elif PLAIN.fullmatch(tok) and not (len(tok) > 1 and tok[0] == "0" and tok[1] != "."):
        commas = False
    else:  # "1,2,3", "007": keep the shape by changing a digit instead
        return None
    plain = tok.replace(",", "")
    decimals = len(plain) - plain.index(".") - 1 if "." in plain else 0
    value = float(plain) * factor
    out = f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"
    return out if out != tok and not out.startswith("-") else None


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def mutate(tok, rng):
    if rng.random() < 0.5:
        out = scale(tok, rng.choice(SCALES))
        if out is not None:
            return out
    return bump_digit(tok)


class Article:
    """An article split once into text pieces and number tokens, all pre-encoded to UTF-8."""

    __slots__ = ("name", "parts", "tokens", "ordinal", "is_seed")

    def __init__(self, name, text, is_seed):
        self.name = name
        self.is_seed = is_seed
        prefix = ""
        if is_seed:
            m = DATE_PREFIX.match(text)
            if m:
                prefix, text = m.group(0), text[m.end():]
        pieces = NUMBER.split(text)  # text, number, text, number, ..., text
        pieces[0] = prefix + pieces[0]
        self.parts = [p.encode("utf-8") for p in pieces]
        # (index in parts, token) for every number token
        self.tokens = [(i, pieces[i]) for i in range(1, len(pieces), 2)]
        # part index -> the text after the ordinal suffix, for tokens like "13th"
        self.ordinal = {
            i + 1: pieces[i + 1][2:] for i in range(1, len(pieces), 2)
            if PLAIN.fullmatch(pieces[i]) and "." not in pieces[i] and ORDINAL.match(pieces[i + 1])
        }


def load(folder, is_seed, warn):
    files = sorted(
        p for p in Path(folder).rglob("*.txt")
        if p.is_file() and not p.name.upper().startswith("README")
    )
    out = []
    for p in files:
        rel = p.relative_to(folder).with_suffix("")
        name = ("seed-" if is_seed else "bbc-") + "-".join(rel.parts)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80]
        out.append(Article(name, decode(p.read_bytes(), p, warn), is_seed))
    return out


def varied_copy(article, p, rng):
    """The article's bytes with each number token changed with probability p."""
    if p <= 0.0 or not article.tokens:
        return b"".join(article.parts)
    parts = article.parts.copy()
    tokens = article.tokens
    n = len(tokens)
    if p >= 1.0:
        chosen = range(n)
    else:
        # Geometric skips: the same distribution as one coin per token, far fewer draws.
        chosen = []
        log_q = math.log1p(-p)
        i = -1
        while True:
            i += 1 + int(math.log(1.0 - rng.random()) / log_q)
            if i >= n:
                break
            chosen.append(i)
    for j in chosen:
        idx, tok = tokens[j]
        new = mutate(tok, rng)
        parts[idx] = new.encode("ascii")
        rest = article.ordinal.get(idx + 1)
        if rest is not None:
            parts[idx + 1] = (ordinal_suffix(int(new)) + rest).encode("utf-8")
    return b"".join(parts)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build a benchmark corpus of varied copies of real articles (docs/benchmark.md).")
    ap.add_argument("--size", type=parse_size, required=True,
                    help="total bytes to write: 512K, 100M, 1G (binary units)")
    ap.add_argument("--out", required=True, type=Path,
                    help="output folder (created; must be empty or absent)")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="folder of source articles, every *.txt under it (default: %(default)s)")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                    help="folder of seed articles, copied for --seed-share of the files "
                         "(default: %(default)s)")
    ap.add_argument("--seed-share", type=share, default=0.1,
                    help="share of the files that are seed copies (default: %(default)s)")
    ap.add_argument("--vary", type=share, default=0.25,
                    help="probability that a figure is changed in a source copy (default: %(default)s)")
    ap.add_argument("--seed-vary", type=share, default=0.05,
                    help="probability that a figure is changed in a seed copy (default: %(default)s)")
    ap.add_argument("--files-per-dir", type=int, default=1000,
                    help="files per subfolder (default: %(default)s)")
    ap.add_argument("--rng", type=int, default=42, help="random seed (default: %(default)s)")
    args = ap.parse_args(argv)

    def fail(msg):
        print(f"make_corpus: {msg}", file=sys.stderr)
        return 2

    if args.files_per_dir < 1:
        return fail("--files-per-dir must be at least 1")
    if not args.source.is_dir():
        return fail(f"source folder {args.source} not found: it should hold the BBC news "
                    "articles (*.txt, e.g. ../shared/corpus/bbc next to the repository); "
                    "give another one with --source")
    if args.seed_share > 0 and not args.seeds.is_dir():
        return fail(f"seeds folder {args.seeds} not found (give one with --seeds, "
                    "or --seed-share 0)")
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        return fail(f"output {args.out} exists and is not an empty folder; remove it or "
                    "choose another --out")

    started = time.monotonic()
    latin1 = []
    sources = load(args.source, False, latin1)
    seeds = load(args.seeds, True, latin1) if args.seed_share > 0 else []
    if not sources and args.seed_share < 1.0:
        return fail(f"no *.txt files under {args.source}")
    if args.seed_share > 0 and not seeds:
        return fail(f"no *.txt files under {args.seeds}")
    for p in latin1:
        print(f"make_corpus: {p} is not UTF-8; read as Latin-1, written as UTF-8", file=sys.stderr)

    rng = random.Random(args.rng)
    args.out.mkdir(parents=True, exist_ok=True)
    total = files = seed_copies = 0
    order = []  # source articles in a shuffled order, reshuffled on every pass
    pos = 0
    seed_pos = 0
    subdir = None
    while total < args.size:
        # Exactly floor((files + 1) * share) seed copies among the first files + 1 files,
        # spread evenly.
        if math.floor((files + 1) * args.seed_share) > math.floor(files * args.seed_share):
            art = seeds[seed_pos % len(seeds)]
            seed_pos += 1
            data = varied_copy(art, args.seed_vary, rng)
            seed_copies += 1
        else:
            if pos >= len(order):
                order = list(range(len(sources)))
                rng.shuffle(order)
                pos = 0
            art = sources[order[pos]]
            pos += 1
            data = varied_copy(art, args.vary, rng)
        d, _ = divmod(files, args.files_per_dir)
        if d != subdir:
            subdir = d
            dirpath = args.out / f"{d:05d}"
            dirpath.mkdir(exist_ok=True)
            dirname = str(dirpath)
        fd = os.open(f"{dirname}/{files:07d}-{art.name}.txt", WRITE_FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        total += len(data)
        files += 1

    secs = time.monotonic() - started
    print(f"make_corpus: {files} files ({seed_copies} seed copies) in {subdir + 1} folders, "
          f"{total} bytes ({total / 2**20:.1f} MiB) in {args.out}, rng {args.rng}, "
          f"{secs:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
