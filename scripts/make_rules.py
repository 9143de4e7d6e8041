#!/usr/bin/env python3
"""Write a rule pack of N distinct, realistic claim rules, and documents they match.

For measuring how rule loading and checking scale with the size of a newsroom's pack
(scripts/bench-rules.sh, docs/performance.md). Each rule is about one figure of one sector,
optionally for one market ("rice exports to China"): its own id, title and patterns with
`{quantity}`, and, by turns, a `{key}` pattern with a `keys` table, a sentence `context`, an
`exclude` pattern, a `document_context`, examples (with the interval each must read) and a
counterexample. Every rule's examples pass `crosscheck rules test`.

With --docs, also writes two short articles per rule for the first --doc-rules rules, stating
the rule's figure differently, so `crosscheck check` has claims to compare and a conflict to
report for each of those rules.

The output depends only on the arguments.
"""

import argparse
import os
import sys

SECTORS = [
    "rice", "coffee", "seafood", "textile", "garment", "steel", "cement", "electronics",
    "smartphone", "footwear", "furniture", "timber", "rubber", "pepper", "cashew", "tea",
    "fruit", "vegetable", "shrimp", "catfish", "crude oil", "coal", "fertiliser", "plastics",
    "chemical", "paper", "automobile", "motorbike", "solar panel", "wind turbine", "cocoa",
    "sugar", "dairy", "pork", "poultry", "cotton", "silk", "ceramics", "glass", "aluminium",
]

# (the market in a pattern, in prose, in an id); the first is "no market".
MARKETS = [
    (None, None, None),
    (r"(?:China|Chinese\s+market)", "China", "china"),
    (r"(?:the\s+)?(?:US|United\s+States)", "the United States", "us"),
    (r"(?:the\s+)?(?:EU|European\s+Union)", "the European Union", "eu"),
    (r"Japan", "Japan", "japan"),
    (r"(?:South\s+)?Korea", "South Korea", "korea"),
    (r"ASEAN(?:\s+countries)?", "ASEAN countries", "asean"),
    (r"India", "India", "india"),
]

PROVINCES = {
    "Mekong Delta": ["Mekong Delta", "Mekong region", "Cuu Long Delta"],
    "Central Highlands": ["Central Highlands", "Tay Nguyen"],
    "Red River Delta": ["Red River Delta", "northern delta"],
    "South Central Coast": ["South Central Coast", "south-central coast"],
}

MEASURES = ["export-value", "export-growth", "import-value", "output", "workers",
            "price-change", "firms", "regional-output"]


def words(sector):
    """The sector as a pattern fragment (spaces as \\s+) and as prose."""
    return sector.replace(" ", r"\s+"), sector


def q(s):
    """A TOML literal string (the patterns hold no single quote)."""
    assert "'" not in s
    return "'" + s + "'"


def rule(n, sector, market, measure):
    """The TOML of one rule and its (id, sentence a, value a, sentence b, value b) for documents."""
    s_pat, s = words(sector)
    m_pat, m_prose, m_id = market
    slug = sector.replace(" ", "-")
    rid = f"{slug}-{measure}" + (f"-{m_id}" if m_id else "")
    to_pat = rf"\s+to\s+{m_pat}" if m_pat else ""
    to = f" to {m_prose}" if m_prose else ""
    k = n % 97  # varies the figures from rule to rule
    lines = ["[[claim]]", f'id = "{rid}"']
    extra = []
    examples = []
    counter = None
    docs = None
    if measure == "export-value":
        title = f"Value of {s} exports{to}"
        unit = "money"
        patterns = [
            rf"\b{s_pat}\s+exports?{to_pat}\b[^.;%]{{0,30}}?\b(?:reach\w*|total\w*|amount\w*\s+to|stood\s+at|hit|were|was)\s+{{quantity}}",
            rf"{{quantity}}\s+(?:in|of|worth\s+of)\s+{s_pat}\s+exports{to_pat}\b",
        ]
        v = 1 + k % 9
        examples.append((f"{s.capitalize()} exports{to} reached US${v}.4 billion last year.",
                         f"[{v}350000000, {v}450000000)"))
        examples.append((f"The country shipped US${v}.2 billion worth of {s} exports{to}.",
                         f"[{v}150000000, {v}250000000)"))
        counter = f"{s.capitalize()} imports{to} reached US${v}.4 billion last year."
        docs = (f"{s.capitalize()} exports{to} reached US${v}.4 billion last year.",
                f"{s.capitalize()} exports{to} totalled US${v + 2}.1 billion last year.")
        extra.append("exclude = [" + q(rf"\b(?:forecast|expect\w*|target\w*)\b[^.;]{{0,80}}{{quantity}}") + "]")
        counter2 = f"Officials forecast {s} exports{to} to reach US${v}.9 billion."
    elif measure == "export-growth":
        title = f"Growth of {s} exports{to}"
        unit = "percent"
        patterns = [
            rf"\b{s_pat}\s+exports?{to_pat}\b(?:\s+(?:turnover|value|revenue))?\s+(?:have\s+|has\s+)?(?:increas\w*|gr[eo]w\w*|rose|ris\w+|climb\w*|jump\w*|up)\s+(?:by\s+)?{{quantity}}",
            rf"{{quantity}}\s+(?:increase|growth|rise|jump)\s+in\s+{s_pat}\s+exports{to_pat}\b",
        ]
        v = 2 + k % 20
        examples.append((f"{s.capitalize()} exports{to} grew by {v}.5 percent year on year.",
                         f"[{v}.45, {v}.55)"))
        examples.append((f"Traders reported a {v}.3% rise in {s} exports{to}.",
                         f"[{v}.25, {v}.35)"))
        counter = f"{s.capitalize()} exports{to} reached US$2.4 billion, up from last year."
        docs = (f"{s.capitalize()} exports{to} grew by {v}.5 percent year on year.",
                f"{s.capitalize()} exports{to} rose {v + 3}.5 percent year on year.")
        counter2 = None
    elif measure == "import-value":
        title = f"Value of {s} imports" + (f" from {m_prose}" if m_prose else "")
        unit = "money"
        from_pat = rf"\s+from\s+{m_pat}" if m_pat else ""
        frm = f" from {m_prose}" if m_prose else ""
        patterns = [
            rf"\b{s_pat}\s+imports?{from_pat}\b[^.;%]{{0,30}}?\b(?:reach\w*|total\w*|stood\s+at|hit|were|was|cost)\s+{{quantity}}",
            rf"\bimported\s+{{quantity}}\s+(?:worth\s+)?of\s+{s_pat}{from_pat}\b",
        ]
        v = 1 + k % 7
        examples.append((f"{s.capitalize()} imports{frm} totalled US${v}.6 billion in the period.",
                         f"[{v}550000000, {v}650000000)"))
        counter = f"{s.capitalize()} exports{frm} totalled US${v}.6 billion in the period."
        docs = (f"{s.capitalize()} imports{frm} totalled US${v}.6 billion in the period.",
                f"{s.capitalize()} imports{frm} reached US${v + 1}.6 billion in the period.")
        extra.append("document_context = [" + q(r"\bViet\s?Nam(?:ese)?\b") + "]")
        counter2 = None
    elif measure == "output":
        title = f"Annual {s} output in tonnes" + (f" for {m_prose}" if m_prose else "")
        unit = "number"
        for_pat = rf"\s+(?:for|bound\s+for)\s+{m_pat}" if m_pat else ""
        fr = f" for {m_prose}" if m_prose else ""
        patterns = [
            rf"\b{s_pat}\s+(?:output|production|harvest){for_pat}\b[^.;%]{{0,30}}?\b(?:reach\w*|total\w*|stood\s+at|was|of)\s+{{quantity}}\s+(?:metric\s+)?(?:tonnes|tons)\b",
            rf"\bproduced\s+{{quantity}}\s+(?:metric\s+)?(?:tonnes|tons)\s+of\s+{s_pat}{for_pat}\b",
        ]
        v = 1000 + 37 * k
        examples.append((f"{s.capitalize()} output{fr} reached {v:,} tonnes this season.",
                         f"[{v}, {v}]"))
        examples.append((f"Farms and plants produced {v + 5:,} tonnes of {s}{fr}.",
                         f"[{v + 5}, {v + 5}]"))
        counter = f"{s.capitalize()} output{fr} reached {v:,} hectares this season."
        docs = (f"{s.capitalize()} output{fr} reached {v:,} tonnes this season.",
                f"{s.capitalize()} production{fr} totalled {v + 400:,} tonnes this season.")
        extra.append('period = "document"')
        counter2 = None
    elif measure == "workers":
        title = f"Number of workers in the {s} industry" + (f" serving {m_prose}" if m_prose else "")
        unit = "number"
        serving_pat = rf"\s+(?:serving|supplying)\s+{m_pat}" if m_pat else ""
        serving = f" serving {m_prose}" if m_prose else ""
        patterns = [
            rf"{{quantity}}\s+(?:\w+\s+)?{s_pat}\s+(?:workers|employees|labourers){serving_pat}\b",
            rf"\b{s_pat}\s+(?:industry|sector){serving_pat}\s+(?:employs|employed|has|had)\s+{{quantity}}\s+(?:workers|people|employees)\b",
        ]
        v = 2000 + 113 * k
        examples.append((f"The strike involved {v:,} {s} workers{serving}.", f"[{v}, {v}]"))
        counter = f"The strike involved {v:,} {s} buyers{serving}."
        docs = (f"The strike involved {v:,} {s} workers{serving}.",
                f"The strike involved {v + 900:,} {s} workers{serving}.")
        extra.append("context = [" + q(r"\b(?:strike|protest|walkout|stoppage|industry|sector)\b") + "]")
        extra.append('subject = "none"')
        counter2 = f"Some {v:,} {s} workers{serving} attended a training course."
    elif measure == "price-change":
        title = f"Change in the {s} export price" + (f" to {m_prose}" if m_prose else "")
        unit = "percent"
        patterns = [
            rf"\b(?:the\s+)?(?:export\s+)?prices?\s+of\s+{s_pat}(?:\s+exports?)?{to_pat}\s+(?:rose|fell|dropped|increased|decreased|climbed|slipped)\s+(?:by\s+)?{{quantity}}",
            rf"\b{s_pat}\s+(?:export\s+)?prices?{to_pat}\s+(?:rose|fell|dropped|increased|decreased|climbed|slipped)\s+(?:by\s+)?{{quantity}}",
        ]
        v = 1 + k % 15
        examples.append((f"{s.capitalize()} export prices{to} rose by {v}.5% this month.",
                         f"[{v}.45, {v}.55)"))
        counter = f"{s.capitalize()} export volumes{to} rose by {v}.5% this month."
        docs = (f"{s.capitalize()} export prices{to} rose by {v}.5% this month.",
                f"{s.capitalize()} export prices{to} climbed {v + 4}.5% this month.")
        extra.append('severity = "warning"')
        counter2 = None
    elif measure == "firms":
        title = f"Number of {s} firms by kind" + (f" exporting to {m_prose}" if m_prose else "")
        unit = "number"
        exporting_pat = rf"\s+(?:exporting|selling)\s+to\s+{m_pat}" if m_pat else ""
        exporting = f" exporting to {m_prose}" if m_prose else ""
        patterns = [rf"{{quantity}}\s+{{key}}{exporting_pat}\b"]
        extra.append("[claim.keys]")
        extra.append(f'"{s} exporters" = ["{s} exporters", "{s} exporting firms", "{s} export companies"]')
        extra.append(f'"{s} processors" = ["{s} processors", "{s} processing plants", "{s} processing firms"]')
        v = 20 + k
        examples.append((f"There are now {v} {s} exporting firms{exporting}.", f"[{v}, {v}]",
                         f"{s} exporters"))
        examples.append((f"The survey counted {v + 2} {s} processing plants{exporting}.",
                         f"[{v + 2}, {v + 2}]", f"{s} processors"))
        counter = f"There are now {v} {s} importers{exporting}."
        docs = (f"There are now {v} {s} exporting firms{exporting}.",
                f"There are now {v + 6} {s} export companies{exporting}.")
        counter2 = None
    else:  # regional-output
        title = f"{s.capitalize()} output by region" + (f" for {m_prose}" if m_prose else "")
        unit = "number"
        for_pat = rf"\s+(?:for|bound\s+for)\s+{m_pat}" if m_pat else ""
        fr = f" for {m_prose}" if m_prose else ""
        patterns = [
            rf"\b{s_pat}\s+(?:output|production|harvest)\s+in\s+(?:the\s+)?{{key}}{for_pat}\b[^.;%]{{0,30}}?\b(?:reach\w*|total\w*|was)\s+{{quantity}}\s+(?:tonnes|tons)\b",
            rf"\b(?:the\s+)?{{key}}\s+produced\s+{{quantity}}\s+(?:tonnes|tons)\s+of\s+{s_pat}{for_pat}\b",
        ]
        extra.append('period = "document"')
        extra.append("[claim.keys]")
        for canon, aliases in PROVINCES.items():
            extra.append(f'"{canon}" = [' + ", ".join(f'"{a}"' for a in aliases) + "]")
        v = 500 + 29 * k
        examples.append((f"{s.capitalize()} output in the Mekong region{fr} reached {v:,} tonnes.",
                         f"[{v}, {v}]", "Mekong Delta"))
        examples.append((f"The Tay Nguyen produced {v + 3:,} tonnes of {s}{fr}.",
                         f"[{v + 3}, {v + 3}]", "Central Highlands"))
        counter = f"{s.capitalize()} output in the Mekong region{fr} reached {v:,} hectares."
        docs = (f"{s.capitalize()} output in the Mekong Delta{fr} reached {v:,} tonnes.",
                f"{s.capitalize()} harvest in the Cuu Long Delta{fr} totalled {v + 250:,} tonnes.")
        counter2 = None
    lines.append(f'title = "{title}"')
    lines.append(f'unit = "{unit}"')
    lines.append("patterns = [")
    for p in patterns:
        lines.append("  " + q(p) + ",")
    lines.append("]")
    tables = []
    # Scalar fields before any sub-table.
    keys_at = next((i for i, e in enumerate(extra) if e == "[claim.keys]"), len(extra))
    lines.extend(extra[:keys_at])
    tables.extend(extra[keys_at:])
    lines.extend(tables)
    for ex in examples:
        lines.append("")
        lines.append("[[claim.example]]")
        lines.append(f'text = "{ex[0]}"')
        lines.append(f'interval = "{ex[1]}"')
        if len(ex) > 2:
            lines.append(f'key = "{ex[2]}"')
    for c in (counter, counter2):
        if c:
            lines.append("")
            lines.append("[[claim.counterexample]]")
            lines.append(f'text = "{c}"')
    return rid, "\n".join(lines) + "\n", docs


def combos():
    for market in MARKETS:
        for measure in MEASURES:
            for sector in SECTORS:
                yield sector, market, measure


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", type=int, required=True, help="number of rules (at most %d)"
                    % (len(SECTORS) * len(MARKETS) * len(MEASURES)))
    ap.add_argument("--out", required=True, help="folder for the rule files (created)")
    ap.add_argument("--per-file", type=int, default=50, help="rules per file (default 50)")
    ap.add_argument("--docs", help="folder for the documents (created)")
    ap.add_argument("--doc-rules", type=int, default=20,
                    help="rules the documents state figures of (default 20)")
    a = ap.parse_args()
    total = len(SECTORS) * len(MARKETS) * len(MEASURES)
    if not 1 <= a.rules <= total:
        sys.exit(f"make_rules: --rules must be between 1 and {total}")
    os.makedirs(a.out, exist_ok=True)
    out = []
    for n, (sector, market, measure) in enumerate(combos()):
        if n == a.rules:
            break
        out.append(rule(n, sector, market, measure))
    for f in range(0, len(out), a.per_file):
        chunk = out[f:f + a.per_file]
        path = os.path.join(a.out, f"pack-{f // a.per_file:04d}.toml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"# Generated by scripts/make_rules.py: rules {f + 1} to {f + len(chunk)}.\n\n")
            fh.write("\n".join(text for _, text, _ in chunk))
    if a.docs:
        os.makedirs(a.docs, exist_ok=True)
        step = max(1, len(out) // max(1, a.doc_rules))
        picked = out[::step][:a.doc_rules]
        for side in (0, 1):
            body = ["Viet Nam trade report.", ""]
            for _, _, docs in picked:
                body.append(docs[side])
            with open(os.path.join(a.docs, f"report-{side + 1}.txt"), "w", encoding="utf-8") as fh:
                fh.write("\n\n".join(body) + "\n")
    print(f"make_rules: {len(out)} rules in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
