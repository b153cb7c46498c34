#!/usr/bin/env python3
"""docs/content-format.md's table of units is the units of content/i18n: the same names, in the same
order, with the same zh and en suffixes (so an editor reading the table writes only units that exist).
Usage: units_documented.py PROJECT_DIR   (exits 1 on any difference)
"""
import json
import re
import sys

root = sys.argv[1]
zh = json.load(open(f"{root}/content/i18n/zh.json", encoding="utf-8"))["units"]
en = json.load(open(f"{root}/content/i18n/en.json", encoding="utf-8"))["units"]
doc = open(f"{root}/docs/content-format.md", encoding="utf-8").read()
table = doc[doc.index("| unit | meaning | zh | en |"):]
rows = []
for line in table.split("\n")[2:]:
    if not line.startswith("|"):
        break
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    unquote = lambda c: c[1:-1] if len(c) >= 2 and c[0] == c[-1] == "`" else c
    rows.append((unquote(cells[0]), unquote(cells[2]), unquote(cells[3])))
expected = [(k, zh[k].strip(), en[k].strip()) for k in zh]
# Markdown cells lose a suffix's leading space: compare without it.
documented = [(k, z.strip(), e.strip()) for k, z, e in rows]
problems = []
for k in [r[0] for r in expected if r not in documented]:
    problems.append(f"unit {k!r} of content/i18n is missing from the table or differs from it")
for k in [r[0] for r in documented if r not in expected]:
    problems.append(f"the table lists unit {k!r}, which content/i18n does not define as written")
if [r[0] for r in documented] != [r[0] for r in expected] and not problems:
    problems.append("the table lists the units in another order than content/i18n/zh.json")
for p in problems:
    print(f"docs/content-format.md: {p}")
sys.exit(1 if problems else 0)
