#!/usr/bin/env python3
"""Every metric of content/ is traceable to its source article.

For each metric with "evidence", the evidence phrase must occur in the seed article the brief is
written from (whitespace and OCR line breaks ignored), and the metric's value must be written in
that phrase (as digits, in 万/亿, or as a Chinese numeral). Every metric must also carry an English
rendering of its evidence ("evidence_en"), and every metric that is a change (a "change", or a unit
percent_change / point_change) must say explicitly what it is measured against ("basis"), even when that
is the default year on year (issue 17).
Usage: provenance.py CONTENT_DIR SEEDS_DIR   (exits 1 on any finding; skips if SEEDS_DIR is absent)
"""
import glob
import json
import os
import re
import sys

# Which seed article each brief comes from (docs/content-sources.md explains how this was decided).
SEEDS = {
    ("taizhou", "2025"): "000_", ("taizhou", "2019"): "001_", ("linhai", "2023"): "003_",
    ("jiaojiang", "2023"): "004_", ("linhai", "2025"): "000_",
}
CHANGE_UNITS = ("percent_change", "point_change")
WENZHOU = "002_"
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(n):
    """5 → 五, 10 → 十, 13 → 十三, 20 → 二十 (the forms the articles use for small counts)."""
    inv = {v: k for k, v in CN_DIGITS.items() if k not in ("两", "零")}
    if n <= 0 or n >= 100:
        return []
    if n < 10:
        return [inv[n]] + (["两"] if n == 2 else [])
    tens, ones = divmod(n, 10)
    return [("十" if tens == 1 else inv[tens] + "十") + (inv[ones] if ones else "")]


def spellings(value):
    """The ways an article may write `value`: 192312, 19.2312万, 1.2亿, 十三."""
    v = abs(value)
    out = set()
    for x in (v, v / 10000, v / 1e8):
        s = ("%.4f" % x).rstrip("0").rstrip(".")
        if s not in ("0", ""):
            out.add(s)
    if float(v).is_integer():
        out.update(chinese_numeral(int(v)))
    # Round figures and zero in words: 近万人次 (10000), 百余件 (100), 零发生 / 未发生 (0).
    out.update({0: ["零", "未发生", "无"], 100: ["百"], 1000: ["千"], 10000: ["万"]}.get(v, []))
    return out


def squeeze(text):
    return re.sub(r"\s+", "", text)


def main(content, seeds_dir):
    if not os.path.isdir(seeds_dir):
        print("provenance: no seeds at %s, skipped" % seeds_dir)
        print("0 passed, 0 failed")
        return 0
    seed_text = {}
    for p in glob.glob(os.path.join(seeds_dir, "*.txt")):
        seed_text[os.path.basename(p)[:4]] = squeeze(open(p, encoding="utf-8").read())
    findings, checked, failed = [], 0, 0
    for path in sorted(glob.glob(os.path.join(content, "regions", "*", "region.json"))):
        region = json.load(open(path, encoding="utf-8"))
        for brief in region["briefs"]:
            seed = seed_text[SEEDS.get((region["id"], brief["period"]), WENZHOU)]
            for m in brief["metrics"]:
                checked += 1
                before = len(findings)
                where = "%s: brief %s, metric %s" % (path, brief["period"], m["id"])
                if not (m.get("evidence_en") or "").strip():
                    findings.append(where + ": no evidence_en (English rendering of the evidence)")
                if ("change" in m or m.get("unit") in CHANGE_UNITS) and "basis" not in m:
                    findings.append(where + ": a change without an explicit basis (year-on-year, since-start, ...)")
                ev = m.get("evidence")
                if not ev:
                    findings.append(where + ": no evidence")
                    failed += 1
                    continue
                # An evidence string may join separate quotations with "…".
                for part in re.split(r"…+|\.\.\.", ev):
                    part = squeeze(part)
                    if part and part not in seed:
                        findings.append(where + ": evidence not found in the article: " + part)
                if not any(s in squeeze(ev) for s in spellings(m["value"])):
                    findings.append(where + ": value %s is not written in its evidence: %s" % (m["value"], ev))
                failed += len(findings) > before
    for f in findings:
        print(f)
    print("provenance: %d metrics checked" % checked)
    print("%d passed, %d failed" % (checked - failed, failed))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
